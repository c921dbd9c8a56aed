"""Disclosure control for municipal figures (DOMAIN §6): no cell may point to a person.

* **Primary suppression**: a count of 1 … ``drempel - 1`` (default 5) is not shown (``.``, as
  CBS marks secret cells). Zero is shown: it says nothing about a person.
* **Secondary suppression**: when a group with a shown total has exactly one suppressed cell,
  the smallest other non-zero cell is suppressed too, so the hidden one cannot be recovered
  by subtraction.
* **Rounding** (optional, as CBS publishes): every shown count to the nearest multiple of 5
  (halves up).

Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

__all__ = [
    "DREMPEL",
    "GEHEIM",
    "Cel",
    "afronden_op_5",
    "groep_beschermen",
    "onderdrukt",
    "totaal_beschermen",
]

DREMPEL = 5
GEHEIM = "."
K = TypeVar("K")

#: A published cell: a number, or :data:`GEHEIM`.
Cel = int | str


def onderdrukt(n: int, *, drempel: int = DREMPEL) -> bool:
    return 0 < n < drempel


def afronden_op_5(n: int) -> int:
    return ((n + 2) // 5) * 5


def groep_beschermen(
    cellen: Mapping[K, int], *, drempel: int = DREMPEL, afronden: bool = False
) -> dict[K, Cel]:
    """The published values of one group of cells whose total is also published."""
    geheim = {k for k, n in cellen.items() if onderdrukt(n, drempel=drempel)}
    if len(geheim) == 1:
        kandidaten = sorted((n, str(k), k) for k, n in cellen.items() if k not in geheim and n > 0)
        if kandidaten:
            geheim.add(kandidaten[0][2])
    uit: dict[K, Cel] = {}
    for k, n in cellen.items():
        if k in geheim:
            uit[k] = GEHEIM
        else:
            uit[k] = afronden_op_5(n) if afronden else n
    return uit


def totaal_beschermen(n: int, *, drempel: int = DREMPEL, afronden: bool = False) -> Cel:
    if onderdrukt(n, drempel=drempel):
        return GEHEIM
    return afronden_op_5(n) if afronden else n
