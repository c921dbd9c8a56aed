"""The shared machinery of the diensten' transition tables (one table per process, in
``overdracht``, ``vv``, ``onderzoek`` and ``monitoring``): a table maps (fase, actie) to the
next fase; everything not in the table is refused with a Dutch message."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

__all__ = ["OngeldigeOvergang", "toegestane_acties", "volgende_fase"]

F = TypeVar("F", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)


class OngeldigeOvergang(ValueError):
    """The action is not allowed in the current fase; ``bericht`` is Dutch, for the user."""

    def __init__(self, van: StrEnum, actie: StrEnum, *, fase_label: str, actie_label: str) -> None:
        self.van = van
        self.actie = actie
        self.bericht = f"‘{actie_label}’ kan niet wanneer de dienst ‘{fase_label}’ is."
        super().__init__(self.bericht)


def volgende_fase(
    tabel: Mapping[tuple[F, A], F],
    van: F,
    actie: A,
    *,
    labels: Mapping[F, str],
    actie_labels: Mapping[A, str],
) -> F:
    """The fase after ``actie`` from ``van`` according to ``tabel``; raises
    :class:`OngeldigeOvergang` when the table does not allow it."""
    try:
        return tabel[(van, actie)]
    except KeyError:
        raise OngeldigeOvergang(
            van, actie, fase_label=labels[van], actie_label=actie_labels[actie]
        ) from None


def toegestane_acties(tabel: Mapping[tuple[F, A], F], van: F) -> frozenset[A]:
    """The actions the table allows from ``van`` (for showing only the buttons that work)."""
    return frozenset(actie for (fase, actie) in tabel if fase == van)
