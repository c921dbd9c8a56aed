"""``zicht radar sync`` (scan casework, send the outbox, fetch match signals) and
``zicht radar status``. ``--doorlopend`` keeps syncing every ``--interval`` seconds."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.radar import selectors, services
from zicht.radar.conf import radar_instelling


class Command(BaseCommand):
    help = "Radar: synchroniseren met het landelijke register (sync) of de stand tonen (status)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        sync = sub.add_parser(
            "sync", help="Scannen, uitgaande berichten versturen, signalen ophalen."
        )
        sync.add_argument("--volledig", action="store_true", help="Ook volledig vergelijken.")
        sync.add_argument(
            "--negeer-wachttijd", action="store_true", help="Wachtende berichten nu proberen."
        )
        sync.add_argument("--doorlopend", action="store_true")
        sync.add_argument("--interval", type=float, default=60.0)
        sub.add_parser("status", help="Toont de stand van de radarkoppeling.")

    def handle(self, *args: Any, **opties: Any) -> None:
        if opties["actie"] == "status":
            self._status()
            return
        if radar_instelling() is None:
            self.stdout.write("Radar staat uit (ZICHT_RADAR is leeg).")
            return
        while True:
            uitkomst = services.radar_sync(
                volledig=opties["volledig"], negeer_wachttijd=opties["negeer_wachttijd"]
            )
            self.stdout.write(
                f"nieuw={uitkomst.nieuw} beeindigd={uitkomst.beeindigd} "
                f"verzonden={uitkomst.verzonden} geweigerd={uitkomst.geweigerd} "
                f"wachtend={uitkomst.wachtend} signalen={uitkomst.signalen} "
                f"niet_vastgelegd={uitkomst.opslagfouten}"
            )
            for fout in uitkomst.fouten:
                self.stderr.write(f"fout: {fout}")
            if uitkomst.opslagfouten:
                self.stderr.write(
                    f"fout: {uitkomst.opslagfouten} bericht(en) verzonden maar niet vastgelegd; "
                    "ze blijven in de outbox en gaan opnieuw (zelfde idempotentiesleutel)."
                )
            if not opties["doorlopend"]:
                if not uitkomst.geslaagd:
                    raise CommandError("Register niet bereikt; de berichten wachten in de outbox.")
                if uitkomst.opslagfouten:
                    raise CommandError("Niet alles vastgelegd; zie de fouten hierboven.")
                return
            time.sleep(opties["interval"])

    def _status(self) -> None:
        instelling = radar_instelling()
        stand = selectors.radar_stand()
        self.stdout.write(f"actief={'ja' if instelling else 'nee'}")
        if instelling:
            self.stdout.write(f"register={instelling.url} organisatie={instelling.organisatie}")
        for sleutel, waarde in stand.items():
            self.stdout.write(f"{sleutel}={waarde}")
