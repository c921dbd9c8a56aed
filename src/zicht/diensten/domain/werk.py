"""Work steering and time registration: pure rules (no Django).

* :class:`Urensoort` — what booked time is for. The codes are the planning services
  (``planning.domain.begrippen.Dienst``) so that actual hours compare with the hour norms; this
  package may not import planning (apps import downward), so a test asserts the codes match.
* :data:`URENSOORT_VAN_DIENST` — which service a dienst's hours count towards.
* :func:`caseload_uren` — estimated hours of a caseload: Σ count × hour norm.
* :func:`termijnstand` — a deadline against today and the end of this week (the alerts).
* :func:`aandeel_op_tijd` — the share of closed onderzoeken finished on or before their deadline.
* :func:`toewijzing_fouten` — why an assignment is refused.
* :func:`team_fouten` — why a team's board may not assign the selected work.
* :data:`CASUS_URENSOORTEN` and :func:`boeking_doel_fouten` — what time can be booked on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "CASUS_URENSOORTEN",
    "MAX_MINUTEN_PER_REGEL",
    "ONDERZOEK_NORM",
    "URENSOORT_VAN_DIENST",
    "Termijnstand",
    "Urensoort",
    "aandeel_op_tijd",
    "boeking_doel_fouten",
    "caseload_uren",
    "minuten_fouten",
    "team_fouten",
    "termijnstand",
    "toewijzing_fouten",
    "week_einde",
]

#: Sector target: 80% of onderzoeken finished within 10 weeks (DOMAIN §4).
ONDERZOEK_NORM = Decimal("0.80")
#: One booking covers at most one day's work (24 hours); a correction may be negative.
MAX_MINUTEN_PER_REGEL = 24 * 60


class Urensoort(StrEnum):
    ADVIES = "advies"
    MELDING_EN_VEILIGHEIDSBEOORDELING = "melding_en_veiligheidsbeoordeling"
    OVERDRACHT_NA_VEILIGHEIDSBEOORDELING = "overdracht_na_veiligheidsbeoordeling"
    VOORWAARDEN_EN_VERVOLG = "voorwaarden_en_vervolg"
    ONDERZOEK = "onderzoek"
    OVERDRACHT_NA_BEMOEIENIS = "overdracht_na_bemoeienis"
    MONITOREN = "monitoren"
    TIJDELIJK_HUISVERBOD = "tijdelijk_huisverbod"
    VOORLICHTING = "voorlichting"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Urensoort, str] = {
    Urensoort.ADVIES: "Advies en ondersteuning",
    Urensoort.MELDING_EN_VEILIGHEIDSBEOORDELING: "Melding en veiligheidsbeoordeling",
    Urensoort.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING: "Overdracht na veiligheidsbeoordeling",
    Urensoort.VOORWAARDEN_EN_VERVOLG: "Voorwaarden en Vervolg",
    Urensoort.ONDERZOEK: "Onderzoek",
    Urensoort.OVERDRACHT_NA_BEMOEIENIS: "Overdracht na bemoeienis",
    Urensoort.MONITOREN: "Monitoren",
    Urensoort.TIJDELIJK_HUISVERBOD: "Tijdelijk huisverbod",
    Urensoort.VOORLICHTING: "Voorlichting",
}

#: Dienst soort (``diensten.models.DienstSoort`` value) → the service its hours count towards.
#: A request to the Raad (RvdK) is part of the veiligheidsbeoordeling's decision in the budget
#: (it has no line of its own), so its hours count there.
URENSOORT_VAN_DIENST: dict[str, Urensoort] = {
    "overdracht_na_vb": Urensoort.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING,
    "voorwaarden_en_vervolg": Urensoort.VOORWAARDEN_EN_VERVOLG,
    "onderzoek": Urensoort.ONDERZOEK,
    "rvdk_verzoek": Urensoort.MELDING_EN_VEILIGHEIDSBEOORDELING,
    "overdracht_na_bemoeienis": Urensoort.OVERDRACHT_NA_BEMOEIENIS,
    "monitoren": Urensoort.MONITOREN,
}


#: The services booked on a casus itself, without a dienst or huisverbod to book on: the
#: melding and its veiligheidsbeoordeling, and advies. Work of a dienst is booked on the dienst.
CASUS_URENSOORTEN: tuple[Urensoort, ...] = (
    Urensoort.MELDING_EN_VEILIGHEIDSBEOORDELING,
    Urensoort.ADVIES,
)


def boeking_doel_fouten(
    *,
    soort: Urensoort | None,
    met_casus: bool,
    op_rij: bool,
    dienst_loopt: bool | None,
) -> dict[str, list[str]]:
    """Why the work named in a booking cannot be booked on: a dienst only for a day it ran
    (``dienst_loopt``: running, or closed on or after the booked day — work of the last days
    may be booked after the closing; None when no dienst is named); on a casus without a
    dienst or huisverbod (``op_rij`` False) only the :data:`CASUS_URENSOORTEN`."""
    fouten: dict[str, list[str]] = {}
    if dienst_loopt is False:
        fouten["dienst"] = [
            "Deze dienst was op die dag al afgerond; boek alleen tijd tot en met de afronding."
        ]
    if met_casus and not op_rij and soort is not None and soort not in CASUS_URENSOORTEN:
        namen = " of ".join(s.label.lower() for s in CASUS_URENSOORTEN)
        fouten["soort"] = [
            f"Op een casus zonder dienst of huisverbod boekt u alleen {namen}; kies de dienst "
            "of het huisverbod waarvoor de tijd is."
        ]
    return fouten


def minuten_fouten(minuten: int, *, correctie: bool) -> list[str]:
    """Why a booking of ``minuten`` is refused. A correction replaces an earlier row and may
    be 0 (the booking was a mistake); a new booking must be positive."""
    if correctie and minuten < 0:
        return ["Een correctie vervangt de oorspronkelijke boeking: vul het juiste aantal in."]
    if not correctie and minuten <= 0:
        return ["Vul een tijd groter dan 0 in."]
    if minuten > MAX_MINUTEN_PER_REGEL:
        return ["Eén boeking kan niet meer dan 24 uur zijn."]
    return []


def caseload_uren(
    aantallen: Mapping[Urensoort, int], urennormen: Mapping[str, Decimal]
) -> Decimal | None:
    """Σ count × hour norm per service (hours per case), rounded to whole hours.
    None when a service in the caseload has no norm (no guess)."""
    totaal = Decimal(0)
    for soort, aantal in aantallen.items():
        if not aantal:
            continue
        norm = urennormen.get(soort.value)
        if norm is None:
            return None
        totaal += norm * aantal
    return totaal.quantize(Decimal(1), rounding=ROUND_HALF_UP)


class Termijnstand(StrEnum):
    TE_LAAT = "te_laat"
    DEZE_WEEK = "deze_week"
    OP_SCHEMA = "op_schema"
    GEEN = "geen"

    @property
    def label(self) -> str:
        return {
            "te_laat": "termijn verstreken",
            "deze_week": "termijn verloopt deze week",
            "op_schema": "op schema",
            "geen": "geen termijn",
        }[self.value]


def week_einde(vandaag: date) -> date:
    """The Sunday that ends the ISO week of ``vandaag``."""
    return vandaag + timedelta(days=6 - vandaag.weekday())


def termijnstand(deadline: date | None, vandaag: date) -> Termijnstand:
    if deadline is None:
        return Termijnstand.GEEN
    if deadline < vandaag:
        return Termijnstand.TE_LAAT
    if deadline <= week_einde(vandaag):
        return Termijnstand.DEZE_WEEK
    return Termijnstand.OP_SCHEMA


@dataclass(frozen=True)
class Aandeel:
    afgerond: int
    op_tijd: int

    @property
    def percentage(self) -> int | None:
        if not self.afgerond:
            return None
        return int(
            (Decimal(100) * self.op_tijd / self.afgerond).quantize(
                Decimal(1), rounding=ROUND_HALF_UP
            )
        )

    def haalt(self, norm: Decimal = ONDERZOEK_NORM) -> bool | None:
        if not self.afgerond:
            return None
        return Decimal(self.op_tijd) >= norm * self.afgerond


def aandeel_op_tijd(afsluitingen: Iterable[tuple[date, date | None]]) -> Aandeel:
    """(closed on, deadline) pairs → how many were closed on or before the deadline. A closing
    without a deadline counts as closed, not as on time."""
    afgerond = op_tijd = 0
    for einde, deadline in afsluitingen:
        afgerond += 1
        if deadline is not None and einde <= deadline:
            op_tijd += 1
    return Aandeel(afgerond, op_tijd)


def team_fouten(
    *,
    team: str,
    actor_in_team: bool,
    medewerker_in_team: bool,
    buiten_team: Iterable[str],
) -> dict[str, list[str]]:
    """Why the board of ``team`` (its name) may not assign the selected work: only a member
    distributes a team's work, only the team's own work (``buiten_team``: the casus numbers
    of the selected work of other teams), and only to a member of the team."""
    fouten: dict[str, list[str]] = {}
    if not actor_in_team:
        fouten["team"] = [f"U bent geen lid van team {team}; u kunt dit werk niet verdelen."]
    vreemd = sorted(set(buiten_team))
    if vreemd:
        fouten["werk"] = [
            f"{nummer}: dit werk hoort niet bij team {team}; werk kan alleen binnen het team "
            "worden toegewezen."
            for nummer in vreemd
        ]
    if not medewerker_in_team:
        fouten["medewerker"] = [
            f"Deze medewerker hoort niet bij team {team}; werk kan alleen binnen het team "
            "worden toegewezen."
        ]
    return fouten


def toewijzing_fouten(
    *,
    medewerker_in_team: bool,
    medewerker_actief: bool,
    reden: str,
    is_herverdeling: bool,
    zelfde_medewerker: bool,
) -> dict[str, list[str]]:
    """Why an assignment is refused: only active members of the casus's team; a reassignment
    needs a reason; assigning to the current assignee changes nothing."""
    fouten: dict[str, list[str]] = {}
    if not medewerker_actief:
        fouten.setdefault("medewerker", []).append("Deze medewerker is niet actief.")
    elif not medewerker_in_team:
        fouten.setdefault("medewerker", []).append(
            "Deze medewerker hoort niet bij het team van de casus; werk kan alleen binnen het "
            "team worden toegewezen."
        )
    elif zelfde_medewerker:
        fouten.setdefault("medewerker", []).append("Het werk is al aan deze medewerker toegewezen.")
    if is_herverdeling and not reden.strip():
        fouten.setdefault("reden", []).append("Geef een reden voor het herverdelen van het werk.")
    return fouten
