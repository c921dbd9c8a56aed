"""``zicht vernietig``: the retention run from the command line.

    zicht vernietig --dry-run [--peildatum JJJJ-MM-DD]   what would go (nothing deleted)
    zicht vernietig --opstellen [--peildatum ...]        prepare a destruction list
    zicht vernietig --lijst N --uitvoeren --gebruiker U  execute an approved list

Approval stays a human act in the web page (two different people).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zicht.accounts.models import User
from zicht.privacy import services
from zicht.privacy.models import Vernietigingslijst


class Command(BaseCommand):
    help = "Bewaartermijnen: proefdraaien, een vernietigingslijst opstellen of uitvoeren."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="toon wat zou verdwijnen")
        parser.add_argument("--opstellen", action="store_true", help="stel een lijst op")
        parser.add_argument("--uitvoeren", action="store_true", help="voer een lijst uit")
        parser.add_argument("--lijst", type=int, help="nummer van de vernietigingslijst")
        parser.add_argument("--gebruiker", help="gebruikersnaam van wie uitvoert")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD (standaard vandaag)")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            peildatum = (
                date.fromisoformat(opts["peildatum"]) if opts["peildatum"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError("--peildatum moet JJJJ-MM-DD zijn.") from None
        lijst = None
        if opts["lijst"]:
            lijst = Vernietigingslijst.objects.filter(pk=opts["lijst"]).first()
            if lijst is None:
                raise CommandError(f"Vernietigingslijst {opts['lijst']} bestaat niet.")
        if opts["dry_run"]:
            regels = services.vernietiging_proefdraaien(
                actor=None, peildatum=peildatum, lijst=lijst
            )
            if not regels:
                self.stdout.write(f"Niets te vernietigen op {peildatum:%d-%m-%Y}.")
            for regel in regels:
                self.stdout.write(
                    f"{regel.nummer}: {regel.totaal} rijen, {regel.bestanden} bestanden"
                )
                for label, aantal in regel.rijen.items():
                    self.stdout.write(f"    {label}: {aantal}")
            self.stdout.write(f"Proefdraaien: {len(regels)} dossiers; er is niets verwijderd.")
            return
        if opts["opstellen"]:
            nieuw = services.vernietigingslijst_opstellen(actor=None, peildatum=peildatum)
            if nieuw is None:
                self.stdout.write("Niets te vernietigen; geen lijst opgesteld.")
            else:
                self.stdout.write(
                    f"Vernietigingslijst {nieuw.pk} opgesteld met {nieuw.regels.count()} dossiers; "
                    "twee verschillende personen moeten haar goedkeuren."
                )
            return
        if opts["uitvoeren"]:
            if lijst is None or not opts["gebruiker"]:
                raise CommandError("--uitvoeren vraagt --lijst en --gebruiker.")
            user = User.objects.filter(username=opts["gebruiker"], is_active=True).first()
            if user is None:
                raise CommandError("Onbekende gebruiker.")
            try:
                totaal = services.vernietigingslijst_uitvoeren(actor=user, lijst=lijst)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"Uitgevoerd: {sum(totaal.values())} rijen verwijderd.")
            return
        raise CommandError("Kies --dry-run, --opstellen of --uitvoeren.")
