"""``zicht simuleer``: the waiting-list forecast of a year, in this process, with a progress bar.

zicht simuleer --jaar 2019 --replicaties 50 --seed 1
zicht simuleer --jaar 2019 --replicaties 50 --seed 1 --fte-vb 24 --fte-vervolg 36
zicht simuleer --jaar 2019 --replicaties 20 --seed 1 --zoek-fte      # fte for the 90% norm

The page runs the same simulation as a background job; this command is for the controller's
own terminal and for scripts (exit code 1 with a Dutch message on bad input).
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from zicht.core.selectors import calendar_current
from zicht.planning import selectors
from zicht.planning.domain.begrippen import Scenario
from zicht.planning.domain.begroting import begroting_bereken
from zicht.planning.domain.simulatie import (
    SimulatieFout,
    Simulatieresultaat,
    fte_zoeken,
    invoer_uit_plan,
    replicaties_controleren,
    simuleer,
    team_fte_uit_begroting,
)
from zicht.planning.management.commands._uitvoer import console_naar, fractie, getal, schrijf
from zicht.planning.services import MAX_SEED

_SCENARIOS = ", ".join(s.value for s in Scenario)


class Command(BaseCommand):
    help = "Wachtlijstprognose: simuleert de stroom meldingen door de teams, N keer."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--jaar", metavar="JJJJ", help="Het jaar, bijv. 2019.")
        parser.add_argument("--replicaties", metavar="N", default="50", help="Aantal (1–1000).")
        parser.add_argument("--seed", metavar="S", default="1", help="Startgetal (0–99999999).")
        parser.add_argument(
            "--scenario", metavar="SCENARIO", help=f"{_SCENARIOS}; standaard het plan."
        )
        parser.add_argument("--fte-vb", metavar="X", help="Fte team veiligheidsbeoordeling.")
        parser.add_argument("--fte-vervolg", metavar="X", help="Fte team vervolg (V&V, onderzoek).")
        parser.add_argument("--aandeel-acuut", metavar="F", help="Aandeel acute meldingen (0–1).")
        parser.add_argument("--cv", metavar="F", help="Spreiding van het werk (variatiecoëff.).")
        parser.add_argument(
            "--zoek-fte",
            action="store_true",
            help="Zoek ook het aantal fte voor de norm van besluiten binnen 5 werkdagen.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["jaar"]:
            raise CommandError("Geef het jaar op met --jaar, bijv. --jaar 2019.")
        jaar = _geheel(options["jaar"], "--jaar")
        gevraagd = _geheel(options["replicaties"], "--replicaties")
        seed = _geheel(options["seed"], "--seed")
        if not 0 <= seed <= MAX_SEED:
            raise CommandError("Het startgetal (--seed) ligt tussen 0 en 99999999.")
        try:
            replicaties, waarschuwing = replicaties_controleren(gevraagd)
        except SimulatieFout as fout:
            raise CommandError(str(fout)) from None
        if waarschuwing:
            self.stderr.write(f"Let op: {waarschuwing}")
        try:
            parameterset = selectors.parameterset_huidig(jaar)
        except selectors.GeenParameters as fout:
            raise CommandError(str(fout)) from None
        parameters = selectors.planparameters_van(parameterset)
        scenario = Scenario(parameterset.planscenario)
        if options["scenario"]:
            try:
                scenario = Scenario(options["scenario"].strip().lower())
            except ValueError:
                raise CommandError(
                    f"Onbekend scenario ‘{options['scenario']}’. Kies uit: {_SCENARIOS}."
                ) from None
        begroting = begroting_bereken(parameters, scenario=scenario)
        plan_vb, plan_vervolg = team_fte_uit_begroting(begroting)
        invoer = invoer_uit_plan(
            parameters,
            begroting,
            jaar=jaar,
            kalender=calendar_current(),
            fte_vb=_getal(options["fte_vb"], "--fte-vb"),
            fte_vervolg=_getal(options["fte_vervolg"], "--fte-vervolg"),
            aandeel_acuut=_getal(options["aandeel_acuut"], "--aandeel-acuut"),
            cv=_getal(options["cv"], "--cv"),
        )
        fouten = invoer.fouten()
        if fouten:
            raise CommandError(" ".join(fouten.values()))

        # Live on a terminal; otherwise (tests, logs) the final state once, after the run.
        if self.stderr.isatty():
            console, buffer = Console(file=self.stderr._out), None
        else:
            console, buffer = console_naar(self.stderr)
        kolommen = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        advies = None
        with Progress(*kolommen, console=console, transient=False) as voortgang:
            if options["zoek_fte"]:
                taak = voortgang.add_task("fte zoeken", total=None)

                def tik_zoek(gedaan: int, totaal: int) -> None:
                    voortgang.update(taak, completed=gedaan, total=totaal)

                advies = fte_zoeken(
                    invoer,
                    team="vb",
                    doel=float(parameters.signalen.norm_vb_tijdig),
                    replicaties=min(replicaties, 200),
                    seed=seed,
                    voortgang=tik_zoek,
                )
            taak = voortgang.add_task("replicaties", total=replicaties)
            begin = time.perf_counter()
            resultaat = simuleer(
                invoer,
                replicaties=replicaties,
                seed=seed,
                voortgang=lambda gedaan, _n: voortgang.update(taak, completed=gedaan),
            )
            duur = time.perf_counter() - begin
        if buffer is not None:
            self.stderr.write(buffer.getvalue(), ending="")

        def opbouw(uit: Console) -> None:
            uit.print(
                f"[bold]Wachtlijstprognose {jaar}[/bold] — scenario {scenario.value} — "
                f"{replicaties} replicaties, seed {seed} — parameters versie {parameterset.versie}"
            )
            uit.print(
                f"Formatie: {getal(invoer.fte_vb, 2)} fte veiligheidsbeoordeling "
                f"(plan {getal(plan_vb, 2)}), {getal(invoer.fte_vervolg, 2)} fte vervolg "
                f"(plan {getal(plan_vervolg, 2)}); {getal(invoer.meldingen_per_jaar)} meldingen."
            )
            uit.print(_uitkomsttabel(resultaat, parameters.signalen))
            if advies is not None:
                if advies.fte is None:
                    uit.print(
                        "Benodigde fte: ook de grootste geprobeerde formatie haalt de norm niet."
                    )
                else:
                    uit.print(
                        f"Benodigde fte veiligheidsbeoordeling voor {fractie(advies.doel)} binnen "
                        f"5 werkdagen: [bold]{getal(advies.fte, 1)}[/bold] (behaald "
                        f"{fractie(advies.behaald or 0)}; {len(advies.evaluaties)} evaluaties)."
                    )
            uit.print(
                f"Rekentijd van de replicaties {getal(duur, 1)} s: "
                f"{getal(resultaat.meldingen / duur if duur else 0)} gesimuleerde meldingen per "
                "seconde."
            )

        schrijf(self.stdout, opbouw)


def _uitkomsttabel(resultaat: Simulatieresultaat, signalen: Any) -> Table:
    tabel = Table(title="Uitkomst (gemiddelde over de replicaties)", title_justify="left")
    tabel.add_column("Kengetal")
    tabel.add_column("Gemiddeld", justify="right")
    tabel.add_column("95%-interval", justify="right")
    tabel.add_column("Norm", justify="right")
    for label, k, norm in (
        ("Besluit binnen 5 werkdagen", resultaat.vb_tijdig, signalen.norm_vb_tijdig),
        ("V&V binnen 10 weken", resultaat.vv_tijdig, signalen.norm_vervolg_tijdig),
        ("Onderzoek binnen 10 weken", resultaat.onderzoek_tijdig, signalen.norm_vervolg_tijdig),
    ):
        tabel.add_row(
            label,
            fractie(k.gemiddelde),
            f"{fractie(k.ci_laag)} – {fractie(k.ci_hoog)}",
            fractie(norm),
        )
    w = resultaat.wachttijd_vb
    tabel.add_row(
        "Wachttijd tot de VB (werkdagen)",
        getal(w.gemiddelde, 2),
        f"{getal(w.ci_laag, 2)} – {getal(w.ci_hoog, 2)}",
        "",
    )
    banden = resultaat.wachtlijst_banden("totaal")
    tabel.add_row(
        "Wachtlijst eind van het jaar (p10 / p50 / p90)",
        getal(banden["p50"][-1]),
        f"{getal(banden['p10'][-1])} / {getal(banden['p90'][-1])}",
        str(signalen.wachtlijst_drempel),
    )
    return tabel


def _geheel(waarde: str, optie: str) -> int:
    try:
        return int(str(waarde).replace(".", "").replace("_", ""))
    except ValueError:
        raise CommandError(f"{optie} moet een geheel getal zijn, niet ‘{waarde}’.") from None


def _getal(waarde: str | None, optie: str) -> float | None:
    if waarde is None:
        return None
    try:
        return float(Decimal(waarde.replace(",", ".")))
    except ArithmeticError:
        raise CommandError(f"{optie} moet een getal zijn, niet ‘{waarde}’.") from None
