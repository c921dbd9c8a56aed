"""How the term of a dienst stands on a day: the one reading of "te laat", "opgeschort" and
"krap" that the dienst page and the dienst lists show (pure; the caller counts the working days
left with the Atw calendar, ``inhoud_selectors.werkdagen_resterend``).

::

    afgerond  ── einde > deadline ──────────────► te laat afgerond   (rood)
              └─ otherwise ─────────────────────► op tijd afgerond   (groen)
    lopend    ── opgeschort today ──────────────► opgeschort         (oranje)
              ── op > deadline ─────────────────► te laat            (rood)
              ── ≤ KRAP_WERKDAGEN working days ─► krap: "n werkdagen over" (oranje)
              └─ otherwise ─────────────────────► op schema: "n werkdagen over" (groen)
    no deadline ────────────────────────────────► geen termijn
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

__all__ = ["KRAP_WERKDAGEN", "Stand", "Termijnbeeld", "termijnbeeld"]

#: With this many working days left or fewer, a running term shows as tight (orange).
KRAP_WERKDAGEN: Final = 5


class Stand(StrEnum):
    GEEN = "geen"
    OP_SCHEMA = "op_schema"
    KRAP = "krap"
    OPGESCHORT = "opgeschort"
    TE_LAAT = "te_laat"
    OP_TIJD_AFGEROND = "op_tijd_afgerond"
    TE_LAAT_AFGEROND = "te_laat_afgerond"


_KLEUR: Final[dict[Stand, str]] = {
    Stand.GEEN: "",
    Stand.OP_SCHEMA: "groen",
    Stand.KRAP: "oranje",
    Stand.OPGESCHORT: "oranje",
    Stand.TE_LAAT: "rood",
    Stand.OP_TIJD_AFGEROND: "groen",
    Stand.TE_LAAT_AFGEROND: "rood",
}

_LABEL: Final[dict[Stand, str]] = {
    Stand.GEEN: "geen termijn",
    Stand.OPGESCHORT: "opgeschort",
    Stand.TE_LAAT: "te laat",
    Stand.OP_TIJD_AFGEROND: "op tijd afgerond",
    Stand.TE_LAAT_AFGEROND: "te laat afgerond",
}


@dataclass(frozen=True)
class Termijnbeeld:
    """The stand of one term, its Dutch label and its signal colour (rood/oranje/groen, empty
    without a term)."""

    stand: Stand
    werkdagen_resterend: int | None = None

    @property
    def te_laat(self) -> bool:
        return self.stand in (Stand.TE_LAAT, Stand.TE_LAAT_AFGEROND)

    @property
    def krap(self) -> bool:
        return self.stand is Stand.KRAP

    @property
    def kleur(self) -> str:
        return _KLEUR[self.stand]

    @property
    def label(self) -> str:
        if self.stand in (Stand.OP_SCHEMA, Stand.KRAP):
            n = self.werkdagen_resterend
            return f"{n} werkdag over" if n == 1 else f"{n} werkdagen over"
        return _LABEL[self.stand]


def termijnbeeld(
    *,
    deadline: date | None,
    op: date,
    werkdagen_resterend: int | None = None,
    einde: date | None = None,
    opgeschort: bool = False,
) -> Termijnbeeld:
    """The stand on ``op`` of a term ending on ``deadline``. ``einde`` is the closing date of a
    closed dienst (None while it runs); ``opgeschort`` whether the term is suspended on ``op``;
    ``werkdagen_resterend`` the working days from ``op`` to ``deadline``, needed while it runs
    on time."""
    if deadline is None:
        return Termijnbeeld(Stand.GEEN)
    if einde is not None:
        return Termijnbeeld(Stand.TE_LAAT_AFGEROND if einde > deadline else Stand.OP_TIJD_AFGEROND)
    if opgeschort:
        return Termijnbeeld(Stand.OPGESCHORT, werkdagen_resterend)
    if op > deadline:
        return Termijnbeeld(Stand.TE_LAAT, werkdagen_resterend)
    if werkdagen_resterend is None:
        raise ValueError("A running term needs the working days left.")
    stand = Stand.KRAP if werkdagen_resterend <= KRAP_WERKDAGEN else Stand.OP_SCHEMA
    return Termijnbeeld(stand, werkdagen_resterend)
