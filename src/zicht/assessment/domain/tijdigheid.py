"""On-time shares (DOMAIN §4, "Measures, defined once"): the one definition of the share of
decisions or services finished on or before their deadline, and the sector norms.

* *VB on time*: among meldingen whose VB besluit was confirmed in the period, the share
  confirmed on or before their deadline (after suspension/extension) — 90% norm.
* *Onderzoek / V&V on time*: among those closed in the period, the share closed on or before
  their 10-week deadline (after suspension/extension) — 80% norm.

The share is shown in whole percent **rounded down**, so that a share just under the norm
(179 of 199 = 89.9%) never reads as "90%"; meeting the norm is decided on the exact fraction.
Used by the team leader's termijnen page (assessment) and by every report of ``reporting``.

Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

__all__ = ["NORM_VB", "NORM_VERVOLG", "Tijdigheid"]

#: 90% of meldingen decided within 5 working days.
NORM_VB = Fraction(9, 10)
#: 80% of onderzoeken (and V&V) finished within 10 weeks.
NORM_VERVOLG = Fraction(8, 10)


@dataclass(frozen=True, slots=True)
class Tijdigheid:
    """``op_tijd`` of ``totaal`` finished on time."""

    totaal: int
    op_tijd: int

    @property
    def te_laat(self) -> int:
        return self.totaal - self.op_tijd

    @property
    def procent(self) -> int | None:
        """Whole percent, rounded down; None without any case."""
        return (100 * self.op_tijd) // self.totaal if self.totaal else None

    @property
    def fractie(self) -> Fraction | None:
        return Fraction(self.op_tijd, self.totaal) if self.totaal else None

    def haalt(self, norm: Fraction) -> bool:
        return self.totaal > 0 and Fraction(self.op_tijd, self.totaal) >= norm

    def __add__(self, ander: Tijdigheid) -> Tijdigheid:
        return Tijdigheid(self.totaal + ander.totaal, self.op_tijd + ander.op_tijd)
