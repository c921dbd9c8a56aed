"""Prints the register's log (refusals, registrations, matches) — no personal data in it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zicht.radar.register.models import Logregel


class Command(BaseCommand):
    help = "Toont het logboek van het radarregister (nieuwste laatst)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--soort", default="")
        parser.add_argument("--aantal", type=int, default=50)

    def handle(self, *args: Any, **opties: Any) -> None:
        rijen = Logregel.objects.select_related("organisatie").order_by("-id")
        if opties["soort"]:
            rijen = rijen.filter(soort=opties["soort"])
        for regel in reversed(list(rijen[: opties["aantal"]])):
            organisatie = regel.organisatie.code if regel.organisatie else "-"
            self.stdout.write(
                f"{regel.moment.isoformat()} {regel.soort} {organisatie} {regel.detail}"
            )
