"""THE workflow of a Veiligheidsbeoordeling: one transition table, called only by its services.

::

    open ──voorstellen──► voorgesteld ──bevestigen──► bevestigd   (final: the besluit takes effect)
      ▲                      │
      │                      └──terugsturen──► teruggestuurd ──voorstellen──► voorgesteld ...
      └─ antwoorden (triage answers may change while open or sent back)

A transition that is not in :data:`ALLOWED_TRANSITIONS` is refused with a Dutch message.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Actie",
    "OngeldigeOvergang",
    "Status",
    "overgang",
]


class Status(StrEnum):
    OPEN = "open"
    VOORGESTELD = "voorgesteld"
    TERUGGESTUURD = "teruggestuurd"
    BEVESTIGD = "bevestigd"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


class Actie(StrEnum):
    ANTWOORDEN = "antwoorden"
    VOORSTELLEN = "voorstellen"
    TERUGSTUREN = "terugsturen"
    BEVESTIGEN = "bevestigen"

    @property
    def label(self) -> str:
        return ACTIE_LABELS[self]


STATUS_LABELS: Final[dict[Status, str]] = {
    Status.OPEN: "in beoordeling",
    Status.VOORGESTELD: "besluit voorgesteld (wacht op tweede beoordelaar)",
    Status.TERUGGESTUURD: "teruggestuurd (niet eens met het voorstel)",
    Status.BEVESTIGD: "besluit bevestigd",
}

ACTIE_LABELS: Final[dict[Actie, str]] = {
    Actie.ANTWOORDEN: "triage vastleggen",
    Actie.VOORSTELLEN: "besluit voorstellen",
    Actie.TERUGSTUREN: "voorstel terugsturen",
    Actie.BEVESTIGEN: "besluit bevestigen",
}

#: (from, action) -> to. Everything else is forbidden.
ALLOWED_TRANSITIONS: Final = MappingProxyType(
    {
        (Status.OPEN, Actie.ANTWOORDEN): Status.OPEN,
        (Status.OPEN, Actie.VOORSTELLEN): Status.VOORGESTELD,
        (Status.VOORGESTELD, Actie.BEVESTIGEN): Status.BEVESTIGD,
        (Status.VOORGESTELD, Actie.TERUGSTUREN): Status.TERUGGESTUURD,
        (Status.TERUGGESTUURD, Actie.ANTWOORDEN): Status.TERUGGESTUURD,
        (Status.TERUGGESTUURD, Actie.VOORSTELLEN): Status.VOORGESTELD,
    }
)


class OngeldigeOvergang(ValueError):
    """The action is not allowed in the current status; ``bericht`` is Dutch, for the user."""

    def __init__(self, van: Status, actie: Actie) -> None:
        self.van = van
        self.actie = actie
        self.bericht = _bericht(van, actie)
        super().__init__(self.bericht)


def _bericht(van: Status, actie: Actie) -> str:
    if van is Status.BEVESTIGD:
        return (
            "Over deze melding is al besloten; het besluit is bevestigd en niet meer te wijzigen."
        )
    if van is Status.VOORGESTELD and actie in (Actie.ANTWOORDEN, Actie.VOORSTELLEN):
        return (
            "Er ligt al een voorstel dat wacht op de tweede beoordelaar; het kan pas na "
            "terugsturen worden aangepast."
        )
    return f"‘{actie.label}’ kan niet in de status ‘{van.label}’."


def overgang(van: Status, actie: Actie) -> Status:
    """The status after ``actie`` in status ``van``; :class:`OngeldigeOvergang` if forbidden."""
    try:
        return ALLOWED_TRANSITIONS[(van, actie)]
    except KeyError:
        raise OngeldigeOvergang(van, actie) from None
