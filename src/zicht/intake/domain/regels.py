"""The cross-field rules of an advies and a melding, as pure functions over plain values.

Each rule function returns a dict of Dutch messages keyed by field (``"organisatie"``,
``"aard"``, ``"personen"``, ``"personen.2.relatie_met"``, ...); an empty dict means the input is
acceptable. The single-field shapes (required fields, a valid BSN, a birth date that is not in
the future) are checked by the forms and by ``people.services``; these are the rules that need
more than one field. Codes are the strings of the code lists (``intake/data/codelijsten.json``).

Pure Python: no Django, no clock: "now" and "today" are arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final

from zicht.people.domain.dates import PartialDate

__all__ = [
    "AANLEIDING_KINDERMISHANDELING",
    "AARD_GETUIGE_VAN_GEWELD",
    "DIRECTE_MARGE",
    "HOEDANIGHEID_MEDEWERKER_VT",
    "HOEDANIGHEID_POLITIE",
    "MELDING_TOEKOMST_MARGE",
    "Kanaal",
    "PersoonFeiten",
    "RelatieKeuze",
    "adviesvrager_regels",
    "is_minderjarig",
    "is_volwassen",
    "melder_regels",
    "melding_regels",
    "ontvangst_regels",
    "personen_regels",
]

#: Aard "getuige van geweld in gezin": there must be a child in the melding.
AARD_GETUIGE_VAN_GEWELD: Final = "08"
#: Aanleiding "kindermishandeling" (kindcheck, vechtscheiding, anders): there must be a child.
AANLEIDING_KINDERMISHANDELING: Final = frozenset({"06", "07", "08"})
#: Hoedanigheid "politie": the melder of a police care report (CORV).
HOEDANIGHEID_POLITIE: Final = "01"
#: Hoedanigheid "medewerker Veilig Thuis": the melder of an ambtshalve melding (VT itself).
HOEDANIGHEID_MEDEWERKER_VT: Final = "14"
#: Clock skew allowed between the user's device and the server.
MELDING_TOEKOMST_MARGE: Final = timedelta(minutes=5)
#: How long ago a contact through a direct channel (telefoon, chat, ...) may have been received
#: when it is registered: it is registered during or right after the contact. Post and
#: politie/CORV may be registered days later, with their own date of receipt.
DIRECTE_MARGE: Final = timedelta(hours=24)

VOLWASSEN_LEEFTIJD: Final = 18

ROL_KIND: Final = "kind"
SLACHTOFFER_ROLLEN: Final = frozenset({"slachtoffer", "vermoedelijk_slachtoffer", ROL_KIND})


class Kanaal(StrEnum):
    """How the contact reached VT (DOMAIN §3)."""

    TELEFOON = "telefoon"
    WEBFORMULIER = "webformulier"
    POLITIE_CORV = "politie_corv"
    POST = "post"
    CHAT = "chat"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return KANAAL_LABELS[self]

    @property
    def ontvangst_later(self) -> bool:
        """True when the date of receipt may lie before the day of registration."""
        return self in {Kanaal.POST, Kanaal.POLITIE_CORV}


KANAAL_LABELS: dict[Kanaal, str] = {
    Kanaal.TELEFOON: "telefoon",
    Kanaal.WEBFORMULIER: "webformulier",
    Kanaal.POLITIE_CORV: "politie (CORV)",
    Kanaal.POST: "post",
    Kanaal.CHAT: "chat",
    Kanaal.EMAIL: "e-mail",
}


class RelatieKeuze(StrEnum):
    """A family relation typed on the melding page, from this person's point of view."""

    KIND_VAN = "kind_van"
    OUDER_VAN = "ouder_van"
    PARTNER_VAN = "partner_van"
    EX_PARTNER_VAN = "ex_partner_van"
    BROER_ZUS_VAN = "broer_zus_van"

    @property
    def label(self) -> str:
        return RELATIE_LABELS[self]


RELATIE_LABELS: dict[RelatieKeuze, str] = {
    RelatieKeuze.KIND_VAN: "is kind van",
    RelatieKeuze.OUDER_VAN: "is ouder van",
    RelatieKeuze.PARTNER_VAN: "is partner van",
    RelatieKeuze.EX_PARTNER_VAN: "is ex-partner van",
    RelatieKeuze.BROER_ZUS_VAN: "is broer/zus van",
}


@dataclass(frozen=True, slots=True)
class PersoonFeiten:
    """What the rules need to know about one person row of a melding."""

    rol: str
    geboortedatum: PartialDate | None = None
    ongeboren: bool = False
    #: A relation to another row (by its index in the melding), or ``None``.
    relatie: RelatieKeuze | None = None
    relatie_met: int | None = None


def _jaren_later(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February in a year that has none
        return dag.replace(year=dag.year + jaren, day=28)


def is_minderjarig(persoon: PersoonFeiten, *, op: date) -> bool:
    """True when the person is (possibly) under 18 on ``op``, or has the role *kind*, or is
    unborn. A person without a birth date counts as a minor only by role."""
    if persoon.rol == ROL_KIND or persoon.ongeboren:
        return True
    if persoon.geboortedatum is None:
        return False
    return _jaren_later(persoon.geboortedatum.latest(), VOLWASSEN_LEEFTIJD) > op


def is_volwassen(persoon: PersoonFeiten, *, op: date) -> bool:
    """True when the person is (possibly) 18 or older on ``op``: such a person must be informed
    about the recorded data within 4 weeks. An unknown birth date counts as adult unless the
    role is *kind*: when in doubt, inform."""
    if persoon.rol == ROL_KIND or persoon.ongeboren:
        return False
    if persoon.geboortedatum is None:
        return True
    return _jaren_later(persoon.geboortedatum.earliest(), VOLWASSEN_LEEFTIJD) <= op


def ontvangst_regels(*, kanaal: str, ontvangen_op: datetime, nu: datetime) -> dict[str, list[str]]:
    """Receipt: never in the future; for a direct channel not longer ago than a day."""
    if ontvangen_op > nu + MELDING_TOEKOMST_MARGE:
        return {"ontvangen_op": ["Het moment van ontvangst ligt in de toekomst."]}
    try:
        soort = Kanaal(kanaal)
    except ValueError:
        return {"kanaal": ["Kies een kanaal."]}
    if not soort.ontvangst_later and ontvangen_op < nu - DIRECTE_MARGE:
        return {
            "ontvangen_op": [
                f"Bij {soort.label} is de ontvangst het moment van het contact. Alleen bij "
                "post en politie (CORV) kan de ontvangst meer dan een dag eerder liggen."
            ]
        }
    return {}


def melder_regels(
    *,
    hoedanigheid: str,
    beroepsmatig: bool,
    naam: str,
    organisatie: str,
    telefoon: str,
    email: str,
) -> dict[str, list[str]]:
    """A melder identifies himself to VT: a name, a way to reach him, and the organisation
    when he reports as a professional. (He may still stay anonymous towards the family.)"""
    errors: dict[str, list[str]] = {}
    if not hoedanigheid:
        errors["hoedanigheid"] = ["Kies de hoedanigheid van de melder."]
    if hoedanigheid == HOEDANIGHEID_MEDEWERKER_VT:
        return errors  # an ambtshalve melding: VT itself is the melder
    if not naam.strip():
        errors["naam"] = ["Vul de naam van de melder in: een melder maakt zich bekend bij VT."]
    if not (telefoon.strip() or email.strip()):
        errors["telefoon"] = ["Vul een telefoonnummer of e-mailadres van de melder in."]
    if beroepsmatig and not organisatie.strip():
        errors["organisatie"] = ["Een beroepskracht meldt namens een organisatie: vul die in."]
    return errors


def adviesvrager_regels(
    *,
    anoniem: bool,
    beroepsmatig: bool,
    naam: str,
    organisatie: str,
    telefoon: str,
    email: str,
) -> dict[str, list[str]]:
    """An adviesvrager may stay anonymous; otherwise a name and a way to reach him. A
    professional names his organisation (also anonymously: it is not about the person)."""
    errors: dict[str, list[str]] = {}
    if anoniem:
        if naam.strip() or telefoon.strip() or email.strip():
            errors["anoniem"] = [
                "Een anonieme adviesvrager heeft geen naam of contactgegevens: "
                "haal het vinkje weg of maak die velden leeg."
            ]
    else:
        if not naam.strip():
            errors["naam"] = ["Vul de naam in, of kies ‘anoniem’."]
        if not (telefoon.strip() or email.strip()):
            errors["telefoon"] = ["Vul een telefoonnummer of e-mailadres in, of kies ‘anoniem’."]
    if beroepsmatig and not organisatie.strip():
        errors["organisatie"] = [
            "Een beroepskracht vraagt advies namens een organisatie: vul die in."
        ]
    return errors


def personen_regels(personen: Sequence[PersoonFeiten]) -> dict[str, list[str]]:
    """At least one person, at least one (possible) victim or child, and relations that refer
    to another row and do not make a child older than its parent."""
    errors: dict[str, list[str]] = {}
    if not personen:
        return {"personen": ["Voeg ten minste één betrokken persoon toe."]}
    if not any(p.rol in SLACHTOFFER_ROLLEN for p in personen):
        errors["personen"] = [
            "Een melding gaat over ten minste één (vermoedelijk) slachtoffer of kind."
        ]
    for index, persoon in enumerate(personen):
        if persoon.relatie is None and persoon.relatie_met is None:
            continue
        veld = f"personen.{index}.relatie_met"
        if persoon.relatie is None:
            errors[f"personen.{index}.relatie"] = ["Kies de soort relatie."]
            continue
        if persoon.relatie_met is None or not 0 <= persoon.relatie_met < len(personen):
            errors[veld] = ["Kies met welke persoon deze relatie bestaat."]
            continue
        if persoon.relatie_met == index:
            errors[veld] = ["Een persoon kan geen relatie met zichzelf hebben."]
            continue
        ander = personen[persoon.relatie_met]
        if persoon.relatie is RelatieKeuze.KIND_VAN:
            ouder, kind = ander, persoon
        elif persoon.relatie is RelatieKeuze.OUDER_VAN:
            ouder, kind = persoon, ander
        else:
            continue
        if _kind_ouder_dan_ouder(ouder, kind):
            errors[veld] = ["Het kind kan niet ouder zijn dan de ouder."]
    return errors


def _kind_ouder_dan_ouder(ouder: PersoonFeiten, kind: PersoonFeiten) -> bool:
    if ouder.ongeboren:
        return True
    if kind.ongeboren or ouder.geboortedatum is None or kind.geboortedatum is None:
        return False
    # Interval comparison: only when the child is *certainly* born before the parent.
    return kind.geboortedatum.definitely_before(ouder.geboortedatum)


def melding_regels(
    *,
    aanleidingen: Collection[str],
    aarden: Collection[str],
    personen: Sequence[PersoonFeiten],
    op: date,
) -> dict[str, list[str]]:
    """The codes must fit the persons: "getuige van geweld in gezin" and kindermishandeling
    need a child in the melding; at least one aanleiding and one aard."""
    errors = personen_regels(personen)
    if not aanleidingen:
        errors["aanleidingen"] = ["Kies ten minste één aanleiding."]
    if not aarden:
        errors["aarden"] = ["Kies ten minste één aard van het geweld."]
    kind_betrokken = any(is_minderjarig(p, op=op) for p in personen)
    if personen and not kind_betrokken:
        if AARD_GETUIGE_VAN_GEWELD in aarden:
            errors.setdefault("aarden", []).append(
                "‘Getuige van geweld in gezin’ gaat over een kind: voeg het kind toe "
                "(rol ‘kind’ of een geboortedatum van minder dan 18 jaar geleden)."
            )
        if AANLEIDING_KINDERMISHANDELING & set(aanleidingen):
            errors.setdefault("aanleidingen", []).append(
                "Kindermishandeling gaat over een kind: voeg het kind toe "
                "(rol ‘kind’ of een geboortedatum van minder dan 18 jaar geleden)."
            )
    return errors
