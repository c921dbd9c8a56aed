"""The team leader's Onderzoek chart, drawn server-side with matplotlib (Agg, no pyplot) as SVG,
served from its own URL for an ``<img>`` (so the board itself never waits for matplotlib, and
the CSP needs no inline styles); the page shows the same numbers in a table. Okabe–Ito
colours, as in ``planning.charts``. Identical data gives the cached drawing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from functools import lru_cache

import matplotlib
from matplotlib.figure import Figure

from zicht.diensten.domain.werk import Aandeel

matplotlib.use("Agg")

__all__ = ["grafiek_onderzoek_op_tijd"]

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "zicht",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def grafiek_onderzoek_op_tijd(reeks: list[tuple[date, Aandeel]], norm: Decimal) -> bytes:
    """Bars: % of onderzoeken closed within 10 weeks per month; a line at the norm (SVG)."""
    return _grafiek(tuple(reeks), norm)


@lru_cache(maxsize=64)
def _grafiek(reeks: tuple[tuple[date, Aandeel], ...], norm: Decimal) -> bytes:
    with matplotlib.rc_context(_RC):
        figuur = Figure(figsize=(7.5, 3.0), layout="constrained")
        as_ = figuur.subplots()
        labels = [f"{MAANDEN[m.month - 1]} {m.year % 100:02d}" for m, _ in reeks]
        waarden = [a.percentage if a.percentage is not None else 0 for _, a in reeks]
        kleuren = [
            "#009E73" if a.haalt(norm) else ("#D55E00" if a.afgerond else "#BBBBBB")
            for _, a in reeks
        ]
        as_.bar(range(len(reeks)), waarden, color=kleuren)
        as_.axhline(float(norm * 100), color="#b10e1e", linewidth=2)
        as_.set_xticks(range(len(reeks)))
        as_.set_xticklabels(labels, rotation=0)
        as_.set_ylim(0, 100)
        as_.set_ylabel("% binnen 10 weken")
        as_.grid(axis="y", color="#dddddd")
        as_.set_axisbelow(True)
        buffer = io.BytesIO()
        figuur.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
