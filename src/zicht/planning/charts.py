"""Charts of the planning pages, drawn server-side with matplotlib (Agg, no pyplot state).

Each function returns a ``data:image/svg+xml;base64,...`` URI for an ``<img>``: the page's
Content-Security-Policy allows ``data:`` images but no inline styles, and an SVG loaded as an
image keeps its own styling. Every chart on a page has a text alternative (``alt``) and the same
numbers in a table next to it, so nothing is only visible in the picture.

Colours are the Okabe–Ito palette (distinguishable with colour-blindness); the tables next to
the charts carry the same numbers, so colour is never the only way to read them.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from datetime import date
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.begroting import MILJOEN, Begroting

# Figure() without pyplot already draws off-screen; the backend is set for anything else.
matplotlib.use("Agg")

__all__ = [
    "grafiek_fte_per_dienst",
    "grafiek_kosten",
    "grafiek_tijdig",
    "grafiek_wachtlijst",
]

KLEUREN = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "zicht",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(figuur: Figure) -> str:
    buffer = io.BytesIO()
    with matplotlib.rc_context(_RC):
        figuur.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figuur(breedte: float, hoogte: float) -> Figure:
    with matplotlib.rc_context(_RC):
        return Figure(figsize=(breedte, hoogte), layout="constrained")


def grafiek_fte_per_dienst(begrotingen: Mapping[Scenario, Begroting]) -> str:
    """Horizontal grouped bars: fte uitvoering per service under each scenario."""
    with matplotlib.rc_context(_RC):
        figuur = _figuur(8, 5.2)
        as_ = figuur.subplots()
        diensten = list(Dienst)
        hoogte = 0.8 / max(len(begrotingen), 1)
        for i, (scenario, begroting) in enumerate(begrotingen.items()):
            posities = [j + i * hoogte for j in range(len(diensten))]
            waarden = [float(begroting.regel(dienst).fte) for dienst in diensten]
            as_.barh(
                posities,
                waarden,
                height=hoogte,
                label=f"Scenario {scenario.value}",
                color=KLEUREN[i % len(KLEUREN)],
                edgecolor="#1b1b1b",
                linewidth=0.4,
            )
        as_.set_yticks([j + hoogte * (len(begrotingen) - 1) / 2 for j in range(len(diensten))])
        as_.set_yticklabels([dienst.label for dienst in diensten])
        as_.invert_yaxis()
        as_.set_xlabel("fte uitvoering")
        as_.grid(axis="x", color="#dddddd")
        as_.set_axisbelow(True)
        as_.legend(loc="lower right", frameon=False)
        return _svg(figuur)


def grafiek_kosten(begrotingen: Mapping[Scenario, Begroting]) -> str:
    """Stacked bars per scenario: the structural costs by kind, plus the one-off budget."""
    with matplotlib.rc_context(_RC):
        figuur = _figuur(8, 4.2)
        as_ = figuur.subplots()
        namen = [f"Scenario {scenario.value}" for scenario in begrotingen]
        lagen = [
            ("Directe personeelslasten", lambda b: b.kosten.directe_personeelslasten),
            ("Directe overige kosten", lambda b: b.kosten.directe_overige),
            ("Indirecte personeelslasten", lambda b: b.kosten.indirecte_personeelslasten),
            ("Indirecte overige kosten", lambda b: b.kosten.indirecte_overige),
            ("Ondersteuning GGD", lambda b: b.kosten.ondersteuning_ggd),
            ("Eenmalig risico- en ontwikkelruimte", lambda b: b.kosten.eenmalig),
        ]
        basis = [0.0] * len(namen)
        for i, (label, waarde) in enumerate(lagen):
            reeks = [float(waarde(b) / MILJOEN) for b in begrotingen.values()]
            as_.bar(
                namen,
                reeks,
                bottom=basis,
                label=label,
                color=KLEUREN[i % len(KLEUREN)],
                edgecolor="#1b1b1b",
                linewidth=0.4,
                width=0.55,
            )
            basis = [a + b for a, b in zip(basis, reeks, strict=True)]
        as_.set_ylabel("€ miljoen")
        as_.grid(axis="y", color="#dddddd")
        as_.set_axisbelow(True)
        as_.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        return _svg(figuur)


def grafiek_wachtlijst(resultaat: Mapping[str, Any]) -> str:
    """The waiting list over the year: median and the p10–p90 band across replications."""
    with matplotlib.rc_context(_RC):
        figuur = _figuur(8, 3.6)
        as_ = figuur.subplots()
        datums = [date.fromisoformat(d) for d in resultaat["datums"]]
        for i, (team, label) in enumerate(
            (("vb", "wacht op veiligheidsbeoordeling"), ("vervolg", "wacht op V&V of onderzoek"))
        ):
            band = resultaat["wachtlijst"][team]
            kleur = KLEUREN[i]
            as_.fill_between(datums, band["p10"], band["p90"], color=kleur, alpha=0.25, linewidth=0)
            as_.plot(datums, band["p50"], color=kleur, linewidth=1.6, label=f"{label} (mediaan)")
        as_.set_ylabel("aantal wachtend")
        as_.set_ylim(bottom=0)
        as_.grid(axis="y", color="#dddddd")
        as_.legend(loc="upper left", frameon=False)
        figuur.autofmt_xdate()
        return _svg(figuur)


def grafiek_tijdig(resultaat: Mapping[str, Any]) -> str:
    """Shares on time with their 95% intervals, against the sector norms."""
    with matplotlib.rc_context(_RC):
        figuur = _figuur(6.5, 3.2)
        as_ = figuur.subplots()
        reeksen = [
            ("Besluit binnen 5 werkdagen", resultaat["vb_tijdig"], resultaat["norm_vb_tijdig"]),
            ("V&V binnen 10 weken", resultaat["vv_tijdig"], resultaat["norm_vervolg_tijdig"]),
            (
                "Onderzoek binnen 10 weken",
                resultaat["onderzoek_tijdig"],
                resultaat["norm_vervolg_tijdig"],
            ),
        ]
        for i, (_label, k, norm) in enumerate(reeksen):
            gemiddelde = 100 * k["gemiddelde"]
            fout = [
                [max(gemiddelde - 100 * k["ci_laag"], 0)],
                [max(100 * k["ci_hoog"] - gemiddelde, 0)],
            ]
            as_.barh([i], [gemiddelde], xerr=fout, color=KLEUREN[i], capsize=4, height=0.6)
            as_.plot([100 * norm] * 2, [i - 0.4, i + 0.4], color="#b10e1e", linewidth=2)
        as_.set_yticks(range(len(reeksen)))
        as_.set_yticklabels([r[0] for r in reeksen])
        as_.invert_yaxis()
        as_.set_xlim(0, 100)
        as_.set_xlabel("% op tijd (rode streep: norm)")
        as_.grid(axis="x", color="#dddddd")
        as_.set_axisbelow(True)
        return _svg(figuur)
