"""Onderzoek: confirm or refute the suspicion, per type of violence (aard), within 10 weeks
after the VB; started within 5 days of receipt of the melding (DOMAIN §4).

::

    niet_gestart ──starten──► lopend ──afronden──► afgerond  (final)
       (opschorten, verlengen)   (bewerken, opschorten, verlengen)

The outcome per aard is one of :class:`Conclusie`; the 2015 code list 'uitkomst_onderzoek'
has a code per conclusion for huiselijk geweld (01-03) and for kindermishandeling (04-06),
and 07/08 for an Onderzoek closed early (family left for an unknown destination / died).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from zicht.diensten.domain.overgang import toegestane_acties, volgende_fase

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Actie",
    "Conclusie",
    "ConclusieInvoer",
    "Fase",
    "RedenVoortijdig",
    "Startbeeld",
    "acties",
    "afronden_fouten",
    "overgang",
    "start_te_laat",
    "startbeeld",
    "uitkomst_code",
]


class Fase(StrEnum):
    NIET_GESTART = "niet_gestart"
    LOPEND = "lopend"
    AFGEROND = "afgerond"


class Actie(StrEnum):
    STARTEN = "starten"
    BEWERKEN = "bewerken"
    OPSCHORTEN = "opschorten"
    VERLENGEN = "verlengen"
    AFRONDEN = "afronden"


FASE_LABELS: Final[dict[Fase, str]] = {
    Fase.NIET_GESTART: "nog niet gestart",
    Fase.LOPEND: "lopend",
    Fase.AFGEROND: "afgerond",
}
ACTIE_LABELS: Final[dict[Actie, str]] = {
    Actie.STARTEN: "Onderzoek starten",
    Actie.BEWERKEN: "bevindingen en voorwaarden bewerken",
    Actie.OPSCHORTEN: "termijn opschorten",
    Actie.VERLENGEN: "termijn verlengen",
    Actie.AFRONDEN: "Onderzoek afronden",
}

#: (from, action) -> to. Everything else is forbidden.
ALLOWED_TRANSITIONS: Final = MappingProxyType(
    {
        (Fase.NIET_GESTART, Actie.STARTEN): Fase.LOPEND,
        (Fase.NIET_GESTART, Actie.OPSCHORTEN): Fase.NIET_GESTART,
        (Fase.NIET_GESTART, Actie.VERLENGEN): Fase.NIET_GESTART,
        (Fase.LOPEND, Actie.BEWERKEN): Fase.LOPEND,
        (Fase.LOPEND, Actie.OPSCHORTEN): Fase.LOPEND,
        (Fase.LOPEND, Actie.VERLENGEN): Fase.LOPEND,
        (Fase.LOPEND, Actie.AFRONDEN): Fase.AFGEROND,
    }
)


def overgang(van: Fase, actie: Actie) -> Fase:
    return volgende_fase(
        ALLOWED_TRANSITIONS, van, actie, labels=FASE_LABELS, actie_labels=ACTIE_LABELS
    )


def acties(van: Fase) -> frozenset[Actie]:
    return toegestane_acties(ALLOWED_TRANSITIONS, van)


class Conclusie(StrEnum):
    BEVESTIGD = "bevestigd"
    NIET_BEVESTIGD = "niet_bevestigd"
    WEERLEGD = "weerlegd"
    VOORTIJDIG_AFGESLOTEN = "voortijdig_afgesloten"


class RedenVoortijdig(StrEnum):
    VERTROKKEN = "vertrokken"
    OVERLEDEN = "overleden"


REDEN_LABELS: Final[dict[RedenVoortijdig, str]] = {
    RedenVoortijdig.VERTROKKEN: "vertrokken naar onbekende bestemming",
    RedenVoortijdig.OVERLEDEN: "overleden",
}

_HG: Final = {Conclusie.WEERLEGD: "01", Conclusie.NIET_BEVESTIGD: "02", Conclusie.BEVESTIGD: "03"}
_KM: Final = {Conclusie.WEERLEGD: "04", Conclusie.NIET_BEVESTIGD: "05", Conclusie.BEVESTIGD: "06"}
_VOORTIJDIG: Final = {RedenVoortijdig.VERTROKKEN: "07", RedenVoortijdig.OVERLEDEN: "08"}


def uitkomst_code(conclusie: Conclusie, *, kind: bool, reden: RedenVoortijdig | None) -> str:
    """The 2015 'uitkomst_onderzoek' code: 01-03 huiselijk geweld, 04-06 kindermishandeling
    (weerlegd = 'geen ...', the term today's CBS tables use), 07/08 closed early."""
    if conclusie is Conclusie.VOORTIJDIG_AFGESLOTEN:
        if reden is None:
            raise ValueError("Een voortijdig afgesloten onderzoek heeft een reden.")
        return _VOORTIJDIG[reden]
    return (_KM if kind else _HG)[conclusie]


@dataclass(frozen=True)
class ConclusieInvoer:
    aard: str
    conclusie: Conclusie
    kind: bool
    reden: RedenVoortijdig | None = None


def afronden_fouten(
    *,
    conclusies: Sequence[ConclusieInvoer],
    aarden_gemeld: Sequence[str],
    aantal_voorwaarden: int,
    bevindingen: str,
) -> dict[str, list[str]]:
    """Closing needs findings, a conclusion for every aard that was reported (at most one per
    aard), a reason for a conclusion 'voortijdig afgesloten', and — when anything was
    confirmed — at least one safety condition (DOMAIN §2: if confirmed, set conditions)."""
    fouten: dict[str, list[str]] = {}
    if not bevindingen.strip():
        fouten["bevindingen"] = ["Beschrijf de bevindingen van het onderzoek."]
    if not conclusies:
        fouten["conclusies"] = ["Leg per aard van het geweld een conclusie vast."]
        return fouten
    gezien: set[str] = set()
    for c in conclusies:
        if c.aard in gezien:
            fouten.setdefault("conclusies", []).append(
                f"Aard {c.aard} heeft meer dan één conclusie."
            )
        gezien.add(c.aard)
        if c.conclusie is Conclusie.VOORTIJDIG_AFGESLOTEN and c.reden is None:
            fouten.setdefault("conclusies", []).append(
                f"Geef bij aard {c.aard} de reden van het voortijdig afsluiten."
            )
    ontbreekt = sorted(set(aarden_gemeld) - gezien)
    if ontbreekt:
        fouten.setdefault("conclusies", []).append(
            "Er ontbreekt een conclusie voor aard " + ", ".join(ontbreekt) + "."
        )
    if aantal_voorwaarden < 1 and any(c.conclusie is Conclusie.BEVESTIGD for c in conclusies):
        fouten["__all__"] = [
            "Het vermoeden is bevestigd: leg de veiligheidsvoorwaarden vast voordat het "
            "onderzoek wordt afgerond."
        ]
    return fouten


def start_te_laat(gestart_op: date, uiterlijk: date) -> bool:
    """Started after the term 'onderzoek_start' (5 days after receipt, Atw-moved)."""
    return gestart_op > uiterlijk


@dataclass(frozen=True)
class Startbeeld:
    """Whether the start of the Onderzoek is (or, not started yet, has become) late, with the
    Dutch label of the warning (empty when it is on time)."""

    te_laat: bool
    label: str = ""


def startbeeld(
    *,
    gestart_op: date | None,
    vastgelegd_te_laat: bool | None,
    uiterlijk: date | None,
    op: date,
) -> Startbeeld:
    """The start on ``op``: once started, the lateness recorded at the start
    (``vastgelegd_te_laat``; derived from ``uiterlijk`` for a row without it); not started yet,
    late as soon as starting today would be (:func:`start_te_laat`). Without a start term
    (``uiterlijk`` None) nothing is late."""
    if gestart_op is not None:
        te_laat = (
            vastgelegd_te_laat
            if vastgelegd_te_laat is not None
            else uiterlijk is not None and start_te_laat(gestart_op, uiterlijk)
        )
        return Startbeeld(True, "later dan 5 dagen na ontvangst") if te_laat else Startbeeld(False)
    if uiterlijk is not None and start_te_laat(op, uiterlijk):
        return Startbeeld(True, "start te laat")
    return Startbeeld(False)
