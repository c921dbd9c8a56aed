"""``zicht cbs-export --periode 2019-H1 --uit bestand [--formaat txt|xlsx] [--correctie]``:
the CBS delivery of a half-year, with its validation summary."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zicht.reporting.management.commands._gemeenschappelijk import gebruiker, uitvoeren
from zicht.reporting.models import ExportSoort


class Command(BaseCommand):
    help = "Maakt de CBS-aanlevering van een halfjaar (Zicht-formaat v1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--periode", required=True, help="halfjaar, bijvoorbeeld 2019-H1")
        parser.add_argument("--uit", help="bestand om te schrijven (weglaten: alleen valideren)")
        parser.add_argument("--formaat", choices=["txt", "xlsx"], default="txt")
        parser.add_argument(
            "--correctie", action="store_true", help="correctielevering: vervangt de hele periode"
        )
        parser.add_argument("--gebruiker", help="namens deze gebruiker (rechten worden getoetst)")

    def handle(self, *args: Any, **opties: Any) -> None:
        actor = gebruiker(opties["gebruiker"])
        alleen_valideren = not opties["uit"]
        export = uitvoeren(
            self.stdout,
            actor=actor,
            uit=opties["uit"],
            soort=ExportSoort.CBS_VALIDATIE if alleen_valideren else ExportSoort.CBS,
            periode=opties["periode"],
            formaat="" if alleen_valideren else opties["formaat"],
            correctie=opties["correctie"] and not alleen_valideren,
        )
        s = export.samenvatting
        self.stdout.write(
            "Records: " + ", ".join(f"{k} {n}" for k, n in sorted(s.get("records", {}).items()))
        )
        self.stdout.write(
            f"Validatie: {s.get('fouten', 0)} fouten, {s.get('waarschuwingen', 0)} waarschuwingen."
        )
        for regel, n in sorted(s.get("per_regel", {}).items()):
            self.stdout.write(f"  {regel}: {n}")
