"""The overdracht (after the VB, and after bemoeienis): hand the casus with its safety
conditions to a ketenpartner, who accepts — from that moment the partner is responsible for
safety — or refuses; a refused or unanswered offer stays visible as a risk until a partner
accepts.

::

    voorbereiding ──aanbieden──► aangeboden ──accepteren──► overgedragen  (final)
          ▲ (conditions, partner)    │  ▲
          └──bewerken                │  └──aanbieden (to another partner)
                                     └──weigeren──► geweigerd
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from zicht.diensten.domain.overgang import toegestane_acties, volgende_fase

__all__ = [
    "ALLOWED_TRANSITIONS",
    "GEEN_REACTIE_NA_DAGEN",
    "Actie",
    "Fase",
    "aanbieden_fouten",
    "accepteren_fouten",
    "acties",
    "is_risico",
    "overgang",
]


class Fase(StrEnum):
    VOORBEREIDING = "voorbereiding"
    AANGEBODEN = "aangeboden"
    GEWEIGERD = "geweigerd"
    OVERGEDRAGEN = "overgedragen"


class Actie(StrEnum):
    BEWERKEN = "bewerken"
    AANBIEDEN = "aanbieden"
    ACCEPTEREN = "accepteren"
    WEIGEREN = "weigeren"


FASE_LABELS: Final[dict[Fase, str]] = {
    Fase.VOORBEREIDING: "in voorbereiding",
    Fase.AANGEBODEN: "aangeboden (wacht op de ketenpartner)",
    Fase.GEWEIGERD: "geweigerd door de ketenpartner",
    Fase.OVERGEDRAGEN: "overgedragen",
}
ACTIE_LABELS: Final[dict[Actie, str]] = {
    Actie.BEWERKEN: "voorwaarden bewerken",
    Actie.AANBIEDEN: "aanbieden aan de ketenpartner",
    Actie.ACCEPTEREN: "acceptatie vastleggen",
    Actie.WEIGEREN: "weigering vastleggen",
}

#: (from, action) -> to. Everything else is forbidden.
ALLOWED_TRANSITIONS: Final = MappingProxyType(
    {
        (Fase.VOORBEREIDING, Actie.BEWERKEN): Fase.VOORBEREIDING,
        (Fase.VOORBEREIDING, Actie.AANBIEDEN): Fase.AANGEBODEN,
        (Fase.AANGEBODEN, Actie.ACCEPTEREN): Fase.OVERGEDRAGEN,
        (Fase.AANGEBODEN, Actie.WEIGEREN): Fase.GEWEIGERD,
        (Fase.GEWEIGERD, Actie.BEWERKEN): Fase.GEWEIGERD,
        (Fase.GEWEIGERD, Actie.AANBIEDEN): Fase.AANGEBODEN,
    }
)

#: An offer without an answer after this many calendar days counts as unanswered (a risk).
GEEN_REACTIE_NA_DAGEN: Final = 10


def overgang(van: Fase, actie: Actie) -> Fase:
    return volgende_fase(
        ALLOWED_TRANSITIONS, van, actie, labels=FASE_LABELS, actie_labels=ACTIE_LABELS
    )


def acties(van: Fase) -> frozenset[Actie]:
    return toegestane_acties(ALLOWED_TRANSITIONS, van)


def aanbieden_fouten(*, heeft_partner: bool, aantal_voorwaarden: int) -> dict[str, list[str]]:
    """What is missing to offer the casus to a partner."""
    fouten: dict[str, list[str]] = {}
    if not heeft_partner:
        fouten["ketenpartner"] = ["Kies de ketenpartner die de casus overneemt."]
    if aantal_voorwaarden < 1:
        fouten["__all__"] = [
            "Leg eerst vast welke veiligheidsvoorwaarden worden overgedragen (minstens één)."
        ]
    return fouten


def accepteren_fouten(
    *, aangeboden_op: date, geaccepteerd_op: date, verantwoordelijk_vanaf: date, door: str
) -> dict[str, list[str]]:
    """The acceptance: by whom (at the partner), not before the offer, and the moment the
    responsibility for safety passes not before the acceptance."""
    fouten: dict[str, list[str]] = {}
    if not door.strip():
        fouten["geaccepteerd_door"] = ["Vul in wie bij de ketenpartner de overdracht accepteerde."]
    if geaccepteerd_op < aangeboden_op:
        fouten["geaccepteerd_op"] = [
            f"De acceptatie ligt vóór het aanbod ({aangeboden_op:%d-%m-%Y})."
        ]
    if verantwoordelijk_vanaf < geaccepteerd_op:
        fouten["verantwoordelijk_vanaf"] = [
            "De verantwoordelijkheid voor de veiligheid gaat niet over vóór de acceptatie."
        ]
    return fouten


def is_risico(fase: Fase, *, aangeboden_op: date | None, vandaag: date) -> bool:
    """A refused handover, or an offer unanswered for :data:`GEEN_REACTIE_NA_DAGEN` days."""
    if fase is Fase.GEWEIGERD:
        return True
    return (
        fase is Fase.AANGEBODEN
        and aangeboden_op is not None
        and vandaag > aangeboden_op + timedelta(days=GEEN_REACTIE_NA_DAGEN)
    )
