"""``zicht instrument_publiceren --bestand vragen.json --omschrijving TEKST --door GEBRUIKER``:
publishes a new version of the triage instrument (functioneel beheerder). The JSON file is a
list of questions: ``{"code", "tekst", "antwoordtype", "implicatie", "hulptekst", "keuzes",
"verplicht"}``. Old assessments keep their version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment.services import VraagInvoer, instrument_publiceren


class Command(BaseCommand):
    help = "Publiceert een nieuwe versie van het triage-instrument."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bestand", required=True)
        parser.add_argument("--omschrijving", required=True)
        parser.add_argument("--door", required=True, help="gebruikersnaam van de beheerder")

    def handle(self, *args: Any, **opties: Any) -> None:
        user = User.objects.filter(username=opties["door"]).first()
        if user is None or not has_permission(user, Perm.CODELIJSTEN_BEHEREN):
            raise CommandError("Onbekende gebruiker of geen recht om codelijsten te beheren.")
        rijen = json.loads(Path(opties["bestand"]).read_text(encoding="utf-8"))
        vragen = [VraagInvoer(**rij) for rij in rijen]
        try:
            instrument = instrument_publiceren(
                actor=user, omschrijving=opties["omschrijving"], vragen=vragen
            )
        except ValidationError as fout:
            raise CommandError("; ".join(fout.messages)) from None
        self.stdout.write(f"Triage-instrument versie {instrument.versie} gepubliceerd.")
