"""``zicht rapport gemeente --gemeente GM0405 --periode 2019 [--uit f.xlsx|f.pdf] [--afronden]``
and ``zicht rapport bestuur --jaar 2019 --maand 8 [--uit f.pdf|f.xlsx]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zicht.reporting import rapporten, selectors
from zicht.reporting.domain.perioden import PeriodeFout, periode_begonnen, periode_lees
from zicht.reporting.management.commands._gemeenschappelijk import gebruiker, uitvoeren
from zicht.reporting.models import ExportSoort


def _formaat(uit: str | None, standaard: str) -> str:
    if not uit:
        return standaard
    ext = Path(uit).suffix.lower().lstrip(".")
    if ext not in ("xlsx", "pdf"):
        raise CommandError("Schrijf naar een .xlsx- of .pdf-bestand.")
    return ext


class Command(BaseCommand):
    help = "Gemeenterapportage of bestuurlijke rapportage."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="soort", required=True)
        g = sub.add_parser("gemeente", help="cijfers van één gemeente")
        g.add_argument("--gemeente", required=True, help="CBS-code, bijvoorbeeld GM0405")
        g.add_argument("--periode", required=True, help="2019, 2019-H1 of 2019-08")
        g.add_argument("--afronden", action="store_true", help="afronden op 5")
        g.add_argument("--uit")
        g.add_argument("--gebruiker")
        b = sub.add_parser("bestuur", help="bestuurlijke rapportage")
        b.add_argument("--jaar", type=int, required=True)
        b.add_argument("--maand", type=int, choices=[4, 8, 12], required=True)
        b.add_argument("--uit")
        b.add_argument("--gebruiker")

    def handle(self, *args: Any, **o: Any) -> None:
        actor = gebruiker(o["gebruiker"])
        if o["soort"] == "gemeente":
            if o["uit"]:
                uitvoeren(
                    self.stdout,
                    actor=actor,
                    uit=o["uit"],
                    soort=ExportSoort.GEMEENTE,
                    periode=o["periode"],
                    formaat=_formaat(o["uit"], "xlsx"),
                    gemeente_code=o["gemeente"],
                    opties={"afronden": o["afronden"]},
                )
                return
            self._gemeente_tonen(o, actor)
            return
        if o["uit"]:
            uitvoeren(
                self.stdout,
                actor=actor,
                uit=o["uit"],
                soort=ExportSoort.BESTUUR,
                periode=str(o["jaar"]),
                formaat=_formaat(o["uit"], "pdf"),
                opties={"maand": o["maand"]},
            )
            return
        if o["jaar"] > timezone.localdate().year:
            raise CommandError(f"Het jaar {o['jaar']} ligt in de toekomst.")
        r = rapporten.bestuursrapport(o["jaar"], o["maand"])
        for blad, rijen in rapporten.bestuursrapport_bladen(r):
            self._blad(blad, rijen)

    def _gemeente_tonen(self, o: dict[str, Any], actor: Any) -> None:
        from zicht.people.models import Gemeente
        from zicht.reporting import services

        code = o["gemeente"].upper()
        if actor is not None and not services.mag_soort(actor, ExportSoort.GEMEENTE, code):
            services.weigeren(actor=actor, wat="gemeente", gemeente=code)
        try:
            periode = periode_lees(o["periode"])
            periode_begonnen(periode, timezone.localdate())
        except PeriodeFout as fout:
            raise CommandError(str(fout)) from None
        if not Gemeente.objects.filter(cbs_code=code).exists():
            raise CommandError(f"Onbekende gemeente ‘{code}’.")
        r = selectors.gemeenterapport(code, periode, afronden=o["afronden"])
        services.rapportage_ingezien(
            actor=actor, wat="gemeente", gemeente=code, periode=periode.code
        )
        self.stdout.write(f"{r.gemeente_naam} ({r.gemeente_code}) – {periode.label}")
        for blad, rijen in rapporten.gemeenterapport_bladen(r):
            self._blad(blad, rijen)

    def _blad(self, naam: str, rijen: list[list[object]]) -> None:
        self.stdout.write("")
        self.stdout.write(naam)
        for rij in rijen:
            self.stdout.write("  " + " | ".join("" if c is None else str(c) for c in rij))
