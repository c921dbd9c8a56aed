"""``zicht demo-data``: a synthetic Veilig Thuis organisation (deterministic for a seed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import User
from zicht.demo.generator import DemoOptions, generate


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ongeldige datum '{value}': gebruik JJJJ-MM-DD.") from error


class Command(BaseCommand):
    help = "Laadt synthetische demodata: teams, gebruikers per rol en (later) dossiers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--vanaf", type=str, default=None, help="begindatum (JJJJ-MM-DD)")
        parser.add_argument("--tot", type=str, default=None, help="einddatum (JJJJ-MM-DD)")
        parser.add_argument("--schaal", type=float, default=1.0, help="1.0 = volumes NHN 2019")
        parser.add_argument(
            "--als-leeg",
            action="store_true",
            help="alleen laden als er nog geen gebruikers zijn (voor make run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["als_leeg"] and User.objects.exists():
            self.stdout.write("Database bevat al gegevens; demodata niet opnieuw geladen.")
            return
        if options["schaal"] <= 0:
            raise CommandError("--schaal moet groter dan 0 zijn.")
        opts = DemoOptions.create(
            seed=options["seed"],
            vanaf=_date(options["vanaf"]) if options["vanaf"] else None,
            tot=_date(options["tot"]) if options["tot"] else None,
            schaal=options["schaal"],
        )
        summary = generate(opts, stdout=self.stdout)
        for line in summary:
            self.stdout.write(line)
