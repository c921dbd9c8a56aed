"""Charts of reporting, drawn server-side with matplotlib (Agg, no pyplot state), returned as
``data:image/svg+xml;base64,…`` URIs for an ``<img>`` (the pages' CSP allows ``data:`` images;
WeasyPrint renders them in the PDF). Every chart has a text alternative and its numbers in a
table next to it. Okabe–Ito colours, as in planning.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import date

import matplotlib
from matplotlib.figure import Figure

matplotlib.use("Agg")

KLEUREN = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "zicht-rapportage",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(figuur: Figure) -> str:
    buffer = io.BytesIO()
    with matplotlib.rc_context(_RC):
        figuur.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figuur(breedte: float = 7.0, hoogte: float = 3.2) -> Figure:
    with matplotlib.rc_context(_RC):
        return Figure(figsize=(breedte, hoogte), layout="constrained")


def staven_plan(labels: Sequence[str], werkelijk: Sequence[int], plan: Sequence[float]) -> str:
    """Horizontal bars: realised volume and the plan prorated to date."""
    fig = _figuur(7.0, 0.45 * len(labels) + 1.0)
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        y = range(len(labels))
        ax.barh([i + 0.2 for i in y], werkelijk, height=0.4, color=KLEUREN[0], label="gerealiseerd")
        ax.barh([i - 0.2 for i in y], plan, height=0.4, color=KLEUREN[1], label="plan naar rato")
        ax.set_yticks(list(y), labels)
        ax.invert_yaxis()
        ax.legend(loc="lower right", frameon=False)
    return _svg(fig)


def lijnen_tijdig(
    maanden: Sequence[str], reeksen: dict[str, Sequence[int | None]], normen: dict[str, int]
) -> str:
    """On-time share per month (%) with dashed norm lines."""
    fig = _figuur()
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        for i, (naam, waarden) in enumerate(reeksen.items()):
            ax.plot(
                maanden,
                [float("nan") if w is None else w for w in waarden],
                marker="o",
                color=KLEUREN[i],
                label=naam,
            )
        for i, (naam, norm) in enumerate(normen.items()):
            ax.axhline(norm, color=KLEUREN[i], linestyle="--", linewidth=1, label=f"norm {naam}")
        ax.set_ylim(0, 100)
        ax.set_ylabel("% op tijd")
        ax.legend(loc="lower left", frameon=False, fontsize=7, ncols=2)
    return _svg(fig)


def instroom(weken: Sequence[date], meldingen: Sequence[int], adviezen: Sequence[int]) -> str:
    fig = _figuur()
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        x = [f"{d:%d-%m}" for d in weken]
        ax.bar(x, meldingen, color=KLEUREN[0], label="meldingen")
        ax.plot(x, adviezen, color=KLEUREN[1], marker="o", label="adviezen")
        ax.tick_params(axis="x", labelrotation=60, labelsize=7)
        ax.set_ylabel("aantal per week")
        ax.legend(frameon=False)
    return _svg(fig)


def lijn(labels: Sequence[str], waarden: Sequence[int], ylabel: str) -> str:
    fig = _figuur()
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        ax.plot(list(labels), list(waarden), color=KLEUREN[0], marker="o")
        ax.tick_params(axis="x", labelrotation=60, labelsize=7)
        ax.set_ylabel(ylabel)
        ax.set_ylim(bottom=0)
    return _svg(fig)


def staven(labels: Sequence[str], waarden: Sequence[int], ylabel: str) -> str:
    fig = _figuur(6.0, 3.0)
    with matplotlib.rc_context(_RC):
        ax = fig.add_subplot()
        ax.bar(list(labels), list(waarden), color=KLEUREN[2])
        ax.set_ylabel(ylabel)
    return _svg(fig)
