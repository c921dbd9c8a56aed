"""``zicht corv-import FILE``: reads police care reports (zorgmeldingen) into the CORV inbox.

FILE holds one report, a list, or ``{"berichten": [...]}`` in the format of
``intake/CORV_FORMAT.md``. A report whose ``bericht_id`` is already in the inbox is skipped;
a report that does not follow the format is reported and not stored (the others are).
The exit code is 1 when any report was refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zicht.intake.domain.corv import ZorgmeldingFout, berichten_uit
from zicht.intake.services import corv_bericht_ontvangen


class Command(BaseCommand):
    help = "Leest zorgmeldingen van de politie (JSON) in de CORV-inbox."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("bestand", help="JSON-bestand met één of meer zorgmeldingen")

    def handle(self, *args: Any, **options: Any) -> None:
        pad = Path(options["bestand"])
        try:
            data = json.loads(pad.read_text(encoding="utf-8"))
        except OSError as fout:
            raise CommandError(f"Kan {pad} niet lezen: {fout.strerror}.") from None
        except json.JSONDecodeError as fout:
            raise CommandError(f"{pad} is geen geldige JSON (regel {fout.lineno}).") from None
        try:
            berichten = berichten_uit(data)
        except ZorgmeldingFout as fout:
            raise CommandError("; ".join(fout.fouten)) from None
        nieuw = dubbel = geweigerd = 0
        for index, bericht in enumerate(berichten):
            if not isinstance(bericht, dict):
                self.stderr.write(f"bericht {index + 1}: geen JSON-object.")
                geweigerd += 1
                continue
            try:
                ontvangst = corv_bericht_ontvangen(inhoud=bericht)
            except ValidationError as fout:
                geweigerd += 1
                for regel in fout.messages:
                    self.stderr.write(f"bericht {index + 1}: {regel}")
                continue
            if ontvangst.nieuw:
                nieuw += 1
            else:
                dubbel += 1
        self.stdout.write(
            f"{nieuw} nieuw in de CORV-inbox, {dubbel} al aanwezig, {geweigerd} geweigerd."
        )
        if geweigerd:
            raise SystemExit(1)
