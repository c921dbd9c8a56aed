"""Benchmark of the planning model and the waiting-list simulation (never run by CI).

    .venv/bin/python bench/bench_planning.py [--replicaties 100] [--seed 1]

Measures, on the 2019 parameters of Veilig Thuis Noord-Holland Noord (the reference document in
``src/zicht/planning/data``, no database needed):

1. model evaluation time: volumes → hours → fte → costs for one scenario, and the published |
   model comparison;
2. simulation throughput: one year of NHN 2019 volumes (4,430 meldingen, plan scenario midden)
   × N replications, in simulated meldingen per second, with the outcome;
3. the analytic queue formula (Erlang C) against the simulation for the same station where it
   applies: the VB team as an M/M/c queue (Poisson arrivals, exponential work, c identical
   workers, first come first served). At the plan's 21.8 fte that station runs at 100%
   utilisation and Erlang C does not apply, so it is compared at 24 and 26 fte; the realistic
   model (weekday pattern, lognormal work, acute first) is shown next to it.

The Atw calendar is used without equated days (none apply to 2019).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from zicht.core.domain.calendar import AtwCalendar  # noqa: E402
from zicht.planning.domain.begrippen import Scenario  # noqa: E402
from zicht.planning.domain.begroting import (  # noqa: E402
    begroting_bereken,
    vergelijking_gepubliceerd,
)
from zicht.planning.domain.brondocument import parameters_uit_document  # noqa: E402
from zicht.planning.domain.parameters import planparameters_maken  # noqa: E402
from zicht.planning.domain.simulatie import (  # noqa: E402
    Aankomstpatroon,
    Spreiding,
    fte_zoeken,
    invoer_uit_plan,
    simuleer,
    team_fte_uit_begroting,
)
from zicht.planning.domain.wachtrij import (  # noqa: E402
    mmc_kans_wacht_hoogstens,
    mmc_wachttijd,
)
from zicht.planning.seeddata import begrotingsdocument  # noqa: E402

KALENDER = AtwCalendar()


def _tijd(functie: Callable[[], object], herhalingen: int) -> float:
    begin = time.perf_counter()
    for _ in range(herhalingen):
        functie()
    return (time.perf_counter() - begin) / herhalingen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicaties", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    console = Console(width=150)

    rijen = parameters_uit_document(begrotingsdocument())
    parameters = planparameters_maken({r.sleutel: r.waarde for r in rijen})

    # 1. model evaluation
    tabel = Table(title="1. Model: evaluatietijd", title_justify="left")
    tabel.add_column("Stap")
    tabel.add_column("Tijd per keer", justify="right")
    laden = _tijd(lambda: planparameters_maken({r.sleutel: r.waarde for r in rijen}), 2000)
    een = _tijd(lambda: begroting_bereken(parameters, scenario=Scenario.MIDDEN), 5000)
    plan = begroting_bereken(parameters, scenario=Scenario.MIDDEN)
    vergelijk = _tijd(lambda: vergelijking_gepubliceerd(plan, parameters.gepubliceerd), 5000)
    drie = _tijd(lambda: [begroting_bereken(parameters, scenario=s) for s in Scenario], 2000)
    tabel.add_row("Parameters controleren en opbouwen (≈ 80 sleutels)", f"{laden * 1e6:.0f} µs")
    tabel.add_row("Begroting van één scenario", f"{een * 1e6:.0f} µs")
    tabel.add_row("Drie scenario's", f"{drie * 1e6:.0f} µs")
    tabel.add_row("Gepubliceerd | model | verschil (23 regels)", f"{vergelijk * 1e6:.0f} µs")
    console.print(tabel)
    regels = vergelijking_gepubliceerd(plan, parameters.gepubliceerd)
    console.print(
        f"   reproduceert {sum(r.binnen_afronding for r in regels)} van {len(regels)} "
        f"gepubliceerde cijfers; fte uitvoering {plan.fte_uitvoering:.3f}, "
        f"structureel € {plan.kosten.structureel:,.0f}".replace(",", ".")
    )

    # 2. simulation throughput
    invoer = invoer_uit_plan(parameters, plan, jaar=2019, kalender=KALENDER)
    plan_vb, plan_vervolg = team_fte_uit_begroting(plan)
    tabel = Table(
        title=f"2. Simulatie: NHN 2019 (scenario midden), {args.replicaties} replicaties",
        title_justify="left",
    )
    tabel.add_column("Opzet")
    tabel.add_column("Rekentijd", justify="right")
    tabel.add_column("Meldingen/s", justify="right")
    tabel.add_column("VB ≤ 5 wd (95%-int.)", justify="right")
    tabel.add_column("V&V ≤ 10 wk", justify="right")
    tabel.add_column("Wachtlijst 31-12 p50 (p10–p90)", justify="right")
    for label, proef in (
        (f"plan: {plan_vb:.2f} fte VB, {plan_vervolg:.2f} fte vervolg", invoer),
        ("VB 24 fte, vervolg 36 fte", replace(invoer, fte_vb=24.0, fte_vervolg=36.0)),
    ):
        begin = time.perf_counter()
        uitkomst = simuleer(proef, replicaties=args.replicaties, seed=args.seed)
        duur = time.perf_counter() - begin
        k = uitkomst.vb_tijdig
        banden = uitkomst.wachtlijst_banden()
        tabel.add_row(
            label,
            f"{duur:.1f} s",
            f"{uitkomst.meldingen / duur:,.0f}".replace(",", "."),
            f"{k.gemiddelde:.1%} ({k.ci_laag:.1%}–{k.ci_hoog:.1%})",
            f"{uitkomst.vv_tijdig.gemiddelde:.1%}",
            f"{banden['p50'][-1]:.0f} ({banden['p10'][-1]:.0f}–{banden['p90'][-1]:.0f})",
        )
    console.print(tabel)

    begin = time.perf_counter()
    advies = fte_zoeken(invoer, doel=0.9, replicaties=min(args.replicaties, 50), seed=args.seed)
    console.print(
        f"   fte VB voor 90% binnen 5 werkdagen: {advies.fte:.1f} "
        f"(behaald {advies.behaald:.1%}; {len(advies.evaluaties)} evaluaties × "
        f"{min(args.replicaties, 50)} replicaties in {time.perf_counter() - begin:.1f} s)"
    )

    # 3. Erlang C against the simulation for the VB station
    werkdagen = sum(1 for _ in _werkdagen(2019))
    uren_per_dag = float(parameters.productieve_uren_per_fte) / werkdagen
    werk = invoer.urennorm_vb + invoer.fractie_overdracht_vb * invoer.urennorm_overdracht_vb
    lam = invoer.meldingen_per_jaar / werkdagen
    tabel = Table(
        title="3. Station veiligheidsbeoordeling: Erlang C (M/M/c) tegen de simulatie",
        title_justify="left",
    )
    tabel.add_column("Fte (c)")
    tabel.add_column("Bezetting", justify="right")
    tabel.add_column("Wq Erlang C (wd)", justify="right")
    tabel.add_column("Wq sim. M/M/c (95%-int.)", justify="right")
    tabel.add_column("P(Wq ≤ 1 wd) Erlang", justify="right")
    tabel.add_column("Wq sim. realistisch", justify="right")
    tabel.add_column("Meldingen/s M/M/c", justify="right")
    for c in (24, 26):
        mu = uren_per_dag / werk
        mmc = replace(
            invoer,
            fte_vb=float(c),
            urennorm_vb=werk,
            urennorm_overdracht_vb=0.0,
            fractie_overdracht_vb=0.0,
            fractie_vv=0.0,
            fractie_onderzoek=0.0,
            aandeel_acuut=0.0,
            spreiding=Spreiding.EXPONENTIEEL,
            aankomsten=Aankomstpatroon.CONTINU,
            meet_vanaf_werkdag=20,
            vervolg_simuleren=False,
        )
        begin = time.perf_counter()
        sim = simuleer(mmc, replicaties=args.replicaties, seed=args.seed)
        duur = time.perf_counter() - begin
        realistisch = simuleer(
            replace(invoer, fte_vb=float(c), vervolg_simuleren=False),
            replicaties=args.replicaties,
            seed=args.seed,
        )
        w = sim.wachttijd_vb
        tabel.add_row(
            str(c),
            f"{lam / (c * mu):.1%}",
            f"{mmc_wachttijd(lam, mu, c):.3f}",
            f"{w.gemiddelde:.3f} ({w.ci_laag:.3f}–{w.ci_hoog:.3f})",
            f"{mmc_kans_wacht_hoogstens(lam, mu, c, 1.0):.1%}",
            f"{realistisch.wachttijd_vb.gemiddelde:.3f}",
            f"{sim.meldingen / duur:,.0f}".replace(",", "."),
        )
    console.print(tabel)
    console.print(
        "   Erlang C geldt voor constante Poisson-instroom en exponentieel werk; de realistische "
        "simulatie heeft een weekpatroon (weekendmeldingen op maandag), lognormaal werk en "
        "acute voorrang."
    )


def _werkdagen(jaar: int) -> Iterator[date]:
    dag = date(jaar, 1, 1)
    while dag.year == jaar:
        if KALENDER.is_working_day(dag):
            yield dag
        dag += timedelta(days=1)


if __name__ == "__main__":
    main()
