"""``zicht demo-data``: a synthetic Veilig Thuis organisation (deterministic for a seed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import User
from zicht.demo.generator import DemoOptieFout, DemoOptions, generate


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ongeldige datum '{value}': gebruik JJJJ-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Laadt een synthetische Veilig Thuis-organisatie: teams, gebruikers per rol en "
        "dossiers met personen, journaal en taken (bulk, deterministisch per seed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2019, help="0 t/m 99999999")
        parser.add_argument(
            "--vanaf",
            type=str,
            default=None,
            help="begindatum (JJJJ-MM-DD), standaard 1 januari twee jaar geleden",
        )
        parser.add_argument(
            "--tot", type=str, default=None, help="einddatum (JJJJ-MM-DD), standaard vandaag"
        )
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
        try:
            opts = DemoOptions.create(
                seed=options["seed"],
                vanaf=_date(options["vanaf"]) if options["vanaf"] else None,
                tot=_date(options["tot"]) if options["tot"] else None,
                schaal=options["schaal"],
            )
        except DemoOptieFout as error:
            raise CommandError(str(error)) from error
        summary = generate(opts, stdout=self.stdout)
        for line in summary:
            self.stdout.write(line)
