"""``zicht termijn``: the end of a statutory term, computed with the Atw calendar in the database.

zicht termijn --van 2026-04-30 --werkdagen 5     → 2026-05-08
zicht termijn --van 2026-02-16 --weken 10        → 2026-04-28
zicht termijn --van 2026-04-30 --dagen 5         → 2026-05-06
zicht termijn --van 2026-04-30 --code vb_besluit → 2026-05-08 (the version valid on --van)
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zicht.core.domain.terms import Eenheid, Termijn, TermijnFout, TermijnOnbekend, deadline
from zicht.core.models import TermijnDefinitie
from zicht.core.selectors import calendar_current, termijn_get

_AD_HOC = {
    # option: (unit, Atw art. 1 applies)
    "werkdagen": (Eenheid.WERKDAGEN, False),
    "weken": (Eenheid.WEKEN, True),
    "dagen": (Eenheid.KALENDERDAGEN, True),
}


class Command(BaseCommand):
    help = (
        "Einddatum van een termijn volgens de Algemene termijnenwet (ISO-datum). "
        "De ontvangstdag is dag 0."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        # Values are read as text and checked in handle(), so that every error is Dutch.
        parser.add_argument(
            "--van",
            metavar="DATUM",
            help="Begindatum JJJJ-MM-DD (voor een termijn in uren: JJJJ-MM-DDTUU:MM).",
        )
        parser.add_argument("--werkdagen", metavar="N", help="N werkdagen na de begindatum.")
        parser.add_argument(
            "--weken",
            metavar="N",
            help="N weken; valt het einde niet op een werkdag, dan de "
            "eerstvolgende werkdag (Atw art. 1).",
        )
        parser.add_argument(
            "--dagen", metavar="N", help="N kalenderdagen, met Atw art. 1 zoals bij --weken."
        )
        parser.add_argument(
            "--code",
            metavar="CODE",
            help="Een vastgelegde termijn, bijv. vb_besluit (de versie "
            "die geldt op de begindatum).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = self._start(options["van"])
        chosen = [name for name in ("werkdagen", "weken", "dagen", "code") if options[name]]
        if len(chosen) != 1:
            raise CommandError("Geef precies één van --werkdagen, --weken, --dagen of --code op.")
        option = chosen[0]
        termijn = (
            self._defined(options["code"], start)
            if option == "code"
            else self._ad_hoc(option, options[option])
        )
        if termijn.eenheid is Eenheid.UREN:
            if not isinstance(start, datetime):
                raise CommandError(
                    f"Termijn ‘{termijn.code}’ telt in uren: geef ook een tijdstip, bijvoorbeeld "
                    f"--van {start.isoformat()}T12:00."
                )
        elif isinstance(start, datetime):
            start = start.date()
        try:
            stand = deadline(start, termijn, calendar_current())
        except (TermijnFout, ValueError) as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 2:
            self.stderr.write(f"{termijn} vanaf {start:%d-%m-%Y}:")
        self.stdout.write(stand.einddatum.isoformat())

    @staticmethod
    def _start(value: str | None) -> date | datetime:
        if not value:
            raise CommandError("Geef de begindatum op met --van JJJJ-MM-DD.")
        try:
            if "T" in value or " " in value.strip():
                moment = datetime.fromisoformat(value.strip())
                if timezone.is_naive(moment):
                    moment = timezone.make_aware(moment)
                return timezone.localtime(moment)
            return date.fromisoformat(value.strip())
        except ValueError:
            raise CommandError(
                f"Ongeldige begindatum ‘{value}’. Gebruik JJJJ-MM-DD, bijvoorbeeld 2026-04-30."
            ) from None

    @staticmethod
    def _ad_hoc(option: str, value: str) -> Termijn:
        try:
            aantal = int(value)
        except ValueError:
            aantal = 0
        if aantal < 1:
            raise CommandError(
                f"--{option} moet een geheel getal van minstens 1 zijn, niet ‘{value}’."
            )
        eenheid, atw_art1 = _AD_HOC[option]
        return Termijn(
            code=option,
            omschrijving=f"Termijn van {eenheid.aantal_tekst(aantal)}",
            aantal=aantal,
            eenheid=eenheid,
            atw_art1=atw_art1,
            max_opschorting=None,
        )

    @staticmethod
    def _defined(code: str, start: date | datetime) -> Termijn:
        op = start.date() if isinstance(start, datetime) else start
        try:
            return termijn_get(code, op)
        except TermijnOnbekend as error:
            codes = sorted(set(TermijnDefinitie.objects.values_list("code", flat=True)))
            known = f" Bekende codes: {', '.join(codes)}." if codes else ""
            raise CommandError(f"{error}{known}") from None
