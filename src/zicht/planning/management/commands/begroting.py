"""``zicht begroting``: the formation and budget table of a year, published | model | difference.

zicht begroting --jaar 2019 --scenario midden            the plan; reproduces the seed's figures
zicht begroting --jaar 2019 --scenario hoog              sensitivity to growth
zicht begroting --jaar 2019 --productieve-uren 1300      sensitivity to productive hours
"""

from __future__ import annotations

from argparse import ArgumentParser
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from zicht.planning import selectors
from zicht.planning.domain.begrippen import Bronstatus, Dienst, Scenario
from zicht.planning.domain.begroting import Begroting, begroting_bereken, vergelijking_gepubliceerd
from zicht.planning.domain.parameters import ParameterFout, productieve_uren_controleren
from zicht.planning.management.commands._uitvoer import getal, mln, schrijf, verschil

_SCENARIOS = ", ".join(s.value for s in Scenario)


class Command(BaseCommand):
    help = "Formatie en begroting van een jaar per scenario, naast de gepubliceerde cijfers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--jaar", metavar="JJJJ", help="Het begrotingsjaar, bijv. 2019.")
        parser.add_argument(
            "--scenario",
            metavar="SCENARIO",
            default=None,
            help=f"Groeiscenario ({_SCENARIOS}); standaard het scenario van de begroting.",
        )
        parser.add_argument(
            "--productieve-uren",
            metavar="N",
            help="Productieve uren per fte (gevoeligheid); standaard de vastgelegde waarde.",
        )
        parser.add_argument(
            "--versie",
            metavar="N",
            help="Een eerdere versie van de parameters (standaard: geldend).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jaar = _geheel(options["jaar"], "--jaar", "Geef het jaar op met --jaar, bijv. --jaar 2019.")
        try:
            parameterset = (
                selectors.parameterset_get(jaar, _geheel(options["versie"], "--versie", ""))
                if options["versie"]
                else selectors.parameterset_huidig(jaar)
            )
        except selectors.GeenParameters as fout:
            raise CommandError(str(fout)) from None
        parameters = selectors.planparameters_van(parameterset)
        planscenario = Scenario(parameterset.planscenario)
        scenario = _scenario(options["scenario"]) or planscenario
        uren = _uren(options["productieve_uren"])
        try:
            begroting = begroting_bereken(
                parameters, scenario=scenario, productieve_uren_per_fte=uren
            )
        except ParameterFout as fout:
            raise CommandError(str(fout)) from None
        rijen = {r.sleutel: r for r in parameterset.parameters.all()}
        vergelijking = vergelijking_gepubliceerd(begroting, parameters.gepubliceerd)

        def opbouw(console: Console) -> None:
            console.print(
                f"[bold]Begroting {jaar}[/bold] — scenario {scenario.value} — parameters versie "
                f"{parameterset.versie} ({parameterset.organisatie})"
            )
            if scenario is not planscenario or uren is not None:
                console.print(
                    f"Gevoeligheid: de gepubliceerde cijfers horen bij het plan (scenario "
                    f"{planscenario.value}, {getal(parameters.productieve_uren_per_fte)} "
                    "productieve uren); het verschil toont het effect van de keuze."
                )
            console.print(_diensttabel(begroting, rijen))
            if vergelijking:
                console.print(_vergelijkingstabel(jaar, vergelijking))
            else:
                console.print(f"Voor {jaar} zijn geen gepubliceerde cijfers vastgelegd.")
            console.print(_kostentabel(begroting))
            console.print(
                "Afronding: exact met decimalen gerekend; afgeleide volumes op hele casussen "
                "(half naar boven); vergeleken op de precisie van het document (0,1 fte, "
                "€ 0,1 mln)."
            )

        schrijf(self.stdout, opbouw)


def _geheel(waarde: str | None, optie: str, ontbreekt: str) -> int:
    if not waarde:
        raise CommandError(ontbreekt or f"Geef {optie} op.")
    try:
        return int(waarde)
    except ValueError:
        raise CommandError(f"{optie} moet een geheel getal zijn, niet ‘{waarde}’.") from None


def _scenario(waarde: str | None) -> Scenario | None:
    if waarde is None:
        return None
    try:
        return Scenario(waarde.strip().lower())
    except ValueError:
        raise CommandError(f"Onbekend scenario ‘{waarde}’. Kies uit: {_SCENARIOS}.") from None


def _uren(waarde: str | None) -> Decimal | None:
    if waarde is None:
        return None
    try:
        uren = Decimal(waarde.replace(",", "."))
    except InvalidOperation:
        raise CommandError(f"--productieve-uren moet een getal zijn, niet ‘{waarde}’.") from None
    if (fout := productieve_uren_controleren(uren)) is not None:
        raise CommandError(fout)
    return uren


def _status(rijen: dict[str, Any], sleutel: str) -> str:
    rij = rijen.get(sleutel)
    return Bronstatus(rij.status).label if rij else ""


def _diensttabel(begroting: Begroting, rijen: dict[str, Any]) -> Table:
    tabel = Table(title="Volumes, uren en formatie per dienst", title_justify="left")
    tabel.add_column("Dienst")
    tabel.add_column("Volume", justify="right")
    tabel.add_column("Urennorm", justify="right")
    tabel.add_column("(status)")
    tabel.add_column("Uren", justify="right")
    tabel.add_column("Fte", justify="right")
    for dienst in Dienst:
        regel = begroting.regel(dienst)
        tabel.add_row(
            dienst.label,
            getal(regel.volume),
            getal(regel.urennorm, 1),
            _status(rijen, f"urennorm.{dienst.value}"),
            getal(regel.uren),
            getal(regel.fte, 2),
        )
    tabel.add_section()
    b = begroting
    tabel.add_row("Uitvoering", "", "", "", getal(b.uren), getal(b.fte_uitvoering, 2))
    tabel.add_row("Management en ondersteuning", "", "", "", "", getal(b.fte_management, 2))
    tabel.add_row("Risico- en ontwikkelruimte (eenmalig)", "", "", "", "", getal(b.fte_risico, 2))
    tabel.caption = f"Productieve uren per fte: {getal(begroting.productieve_uren_per_fte)}"
    return tabel


def _vergelijkingstabel(jaar: int, vergelijking: list[Any]) -> Table:
    tabel = Table(title=f"Gepubliceerd | model | verschil ({jaar})", title_justify="left")
    tabel.add_column("Grootheid")
    tabel.add_column("Gepubliceerd", justify="right")
    tabel.add_column("Model", justify="right")
    tabel.add_column("Verschil", justify="right")
    tabel.add_column("")
    for r in vergelijking:
        if r.eenheid == "eur":
            cellen = (
                mln(r.gepubliceerd),
                mln(r.model_afgerond),
                verschil(r.verschil / 1_000_000, 1),
            )
            label = f"{r.label.strip()} (€ mln)"
        elif r.eenheid == "fte":
            cellen = (getal(r.gepubliceerd, 1), getal(r.model_afgerond, 1), verschil(r.verschil, 1))
            label = r.label
        elif r.eenheid == "fractie":
            cellen = (
                f"{getal(r.gepubliceerd * 100)}%",
                f"{getal(r.model_afgerond * 100)}%",
                verschil(r.verschil * 100),
            )
            label = r.label
        else:
            cellen = (getal(r.gepubliceerd), getal(r.model_afgerond), verschil(r.verschil))
            label = f"Volume {r.label.lower()}"
        inspringen = "  " if r.label.startswith("  ") else ""
        tabel.add_row(f"{inspringen}{label}", *cellen, "✓" if r.binnen_afronding else "wijkt af")
    return tabel


def _kostentabel(begroting: Begroting) -> Table:
    k = begroting.kosten
    tabel = Table(title="Kosten (€)", title_justify="left")
    tabel.add_column("Post")
    tabel.add_column("Bedrag", justify="right")
    for label, bedrag in (
        ("Directe personeelslasten", k.directe_personeelslasten),
        ("Directe overige kosten", k.directe_overige),
        ("Directe kosten", k.direct),
        ("Indirecte personeelslasten", k.indirecte_personeelslasten),
        ("Indirecte overige kosten", k.indirecte_overige),
        ("Ondersteuning GGD", k.ondersteuning_ggd),
        ("Indirecte kosten", k.indirect),
        ("Structureel", k.structureel),
        ("Eenmalig risico- en ontwikkelruimte", k.eenmalig),
    ):
        tabel.add_row(label, getal(bedrag))
    tabel.caption = f"Aandeel direct {getal(k.aandeel_direct * 100, 1)}%"
    return tabel
