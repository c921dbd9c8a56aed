"""Monitoren: after V&V and after Onderzoek, contact moments on a schedule generated from a
staged policy (versioned data: e.g. monthly for 3 months, then quarterly up to 18 months).
A contact can find renewed unsafety: escalation starts a new step (new melding/VB, Onderzoek
or RvdK request) and ends this monitoring; otherwise it ends with a final assessment.

::

    lopend ──contact vastleggen──► lopend
       ├──afronden (eindoordeel)──► afgerond    (final)
       └──escaleren──► geescaleerd                (final)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from zicht.core.domain.terms import add_months
from zicht.diensten.domain.overgang import toegestane_acties, volgende_fase

__all__ = [
    "ALLOWED_TRANSITIONS",
    "GEMIST_NA_DAGEN",
    "Actie",
    "Escalatie",
    "Fase",
    "Fasering",
    "MomentStand",
    "acties",
    "afronden_fouten",
    "beleid_fouten",
    "contact_fouten",
    "maanden_erbij",
    "moment_stand",
    "overgang",
    "schema",
    "schema_maanden",
]


class Fase(StrEnum):
    LOPEND = "lopend"
    AFGEROND = "afgerond"
    GEESCALEERD = "geescaleerd"


class Actie(StrEnum):
    CONTACT = "contact"
    AFRONDEN = "afronden"
    ESCALEREN = "escaleren"


FASE_LABELS: Final[dict[Fase, str]] = {
    Fase.LOPEND: "lopend",
    Fase.AFGEROND: "afgerond",
    Fase.GEESCALEERD: "geëscaleerd (veiligheid verloren)",
}
ACTIE_LABELS: Final[dict[Actie, str]] = {
    Actie.CONTACT: "contactmoment vastleggen",
    Actie.AFRONDEN: "monitoring afronden",
    Actie.ESCALEREN: "escaleren",
}

#: (from, action) -> to. Everything else is forbidden.
ALLOWED_TRANSITIONS: Final = MappingProxyType(
    {
        (Fase.LOPEND, Actie.CONTACT): Fase.LOPEND,
        (Fase.LOPEND, Actie.AFRONDEN): Fase.AFGEROND,
        (Fase.LOPEND, Actie.ESCALEREN): Fase.GEESCALEERD,
    }
)


def overgang(van: Fase, actie: Actie) -> Fase:
    return volgende_fase(
        ALLOWED_TRANSITIONS, van, actie, labels=FASE_LABELS, actie_labels=ACTIE_LABELS
    )


def acties(van: Fase) -> frozenset[Actie]:
    return toegestane_acties(ALLOWED_TRANSITIONS, van)


class Escalatie(StrEnum):
    """What a loss of safety sets in motion."""

    MELDING = "melding"  # an ambtshalve melding: a new Veiligheidsbeoordeling
    ONDERZOEK = "onderzoek"
    RVDK = "rvdk"


ESCALATIE_LABELS: Final[dict[Escalatie, str]] = {
    Escalatie.MELDING: "nieuwe veiligheidsbeoordeling (ambtshalve melding)",
    Escalatie.ONDERZOEK: "Onderzoek",
    Escalatie.RVDK: "verzoek tot onderzoek aan de Raad voor de Kinderbescherming",
}


@dataclass(frozen=True)
class Fasering:
    """One stage of the policy: a contact every ``interval_maanden`` up to month ``tot_maand``
    (counted from the start of monitoring)."""

    interval_maanden: int
    tot_maand: int


def beleid_fouten(stappen: Sequence[Fasering]) -> list[str]:
    """A policy needs at least one stage, positive intervals and increasing ends; a stage must
    hold at least one moment; the whole at most 36 months."""
    fouten: list[str] = []
    if not stappen:
        return ["Een monitoringsbeleid heeft minstens één fase."]
    vorige = 0
    for i, stap in enumerate(stappen, start=1):
        if stap.interval_maanden < 1:
            fouten.append(f"Fase {i}: het interval is minstens 1 maand.")
        elif stap.tot_maand < vorige + stap.interval_maanden:
            fouten.append(
                f"Fase {i}: ‘tot maand’ moet minstens {vorige + stap.interval_maanden} zijn "
                "(de fasen lopen op en elke fase heeft minstens één moment)."
            )
        vorige = max(vorige, stap.tot_maand)
    if vorige > 36:
        fouten.append("Monitoring duurt volgens het beleid hooguit 36 maanden.")
    return fouten


def maanden_erbij(d: date, maanden: int) -> date:
    """``d`` plus whole months; the 31st becomes the last day of a shorter month
    (:func:`zicht.core.domain.terms.add_months`)."""
    return add_months(d, maanden)


def schema_maanden(stappen: Sequence[Fasering]) -> list[int]:
    """The months after the start in which a contact is planned: e.g. [(1, 3), (3, 18)] gives
    1, 2, 3, 6, 9, 12, 15, 18. No date needed (the policy page shows these as its example)."""
    maanden: list[int] = []
    vorige = 0
    for stap in stappen:
        if stap.interval_maanden < 1:
            continue  # refused by beleid_fouten; never loop forever on it
        m = vorige + stap.interval_maanden
        while m <= stap.tot_maand:
            maanden.append(m)
            m += stap.interval_maanden
        vorige = max(vorige, stap.tot_maand)
    return maanden


def schema(start: date, stappen: Sequence[Fasering]) -> list[date]:
    """The planned contact dates from ``start``: one per month of :func:`schema_maanden`."""
    return [maanden_erbij(start, m) for m in schema_maanden(stappen)]


#: A planned moment without a contact this many days after its date is 'gemist'.
GEMIST_NA_DAGEN: Final = 14


class MomentStand(StrEnum):
    UITGEVOERD = "uitgevoerd"
    GEPLAND = "gepland"
    TE_DOEN = "te_doen"
    GEMIST = "gemist"


def moment_stand(gepland_op: date, uitgevoerd_op: date | None, vandaag: date) -> MomentStand:
    if uitgevoerd_op is not None:
        return MomentStand.UITGEVOERD
    if vandaag > gepland_op + timedelta(days=GEMIST_NA_DAGEN):
        return MomentStand.GEMIST
    if vandaag >= gepland_op:
        return MomentStand.TE_DOEN
    return MomentStand.GEPLAND


def contact_fouten(
    *, datum: date, start: date, vandaag: date, met_wie: str
) -> dict[str, list[str]]:
    """A contact needs a date within the schedule (not before monitoring started, not in the
    future) and with whom it was."""
    fouten: dict[str, list[str]] = {}
    if datum < start:
        fouten["datum"] = [
            f"Dit contact ligt vóór de start van het monitoringsschema ({start:%d-%m-%Y})."
        ]
    elif datum > vandaag:
        fouten["datum"] = ["Een contactmoment ligt niet in de toekomst."]
    if not met_wie.strip():
        fouten["met_wie"] = ["Vul in met wie er contact was."]
    return fouten


def afronden_fouten(*, eindoordeel: str, open_onveilig: bool) -> dict[str, list[str]]:
    """Ending needs a final assessment; monitoring whose last contact found the situation
    unsafe is escalated, not ended."""
    fouten: dict[str, list[str]] = {}
    if not eindoordeel.strip():
        fouten["eindoordeel"] = [
            "Monitoring eindigt met een eindoordeel: beschrijf of de veiligheid stabiel is "
            "en de schade hersteld wordt."
        ]
    if open_onveilig:
        fouten["__all__"] = [
            "Bij het laatste contact was de veiligheid instabiel: escaleer, of leg eerst een "
            "contact vast waarin de veiligheid stabiel is."
        ]
    return fouten
