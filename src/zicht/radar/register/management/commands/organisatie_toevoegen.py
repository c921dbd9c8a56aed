"""Adds an organisation to the register (or gives it a new secret) and writes its joining file
(``aansluitbestand``): the register's URL, the organisation's code and its signing secret.

The region adds its shared pseudonym key (``pseudoniemsleutel``) to that file before handing it
to the organisation: the register never sees that key. See docs/radar.md.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.radar.register.models import Organisatie


class Command(BaseCommand):
    help = "Voegt een organisatie toe aan het radarregister en schrijft het aansluitbestand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True)
        parser.add_argument("--naam", required=True)
        parser.add_argument("--contact", required=True, help="Contactregel voor de andere VT's.")
        parser.add_argument("--url", required=True, help="Publieke URL van het register.")
        parser.add_argument("--aansluitbestand", required=True, type=Path)
        parser.add_argument(
            "--pseudoniemsleutel-bestand",
            type=Path,
            help="Alleen voor test en demo: zet de gedeelde pseudoniemsleutel (hex) erbij.",
        )
        parser.add_argument("--nieuwe-sleutel", action="store_true")

    def handle(self, *args: Any, **opties: Any) -> None:
        sleutel = secrets.token_hex(32)
        organisatie, nieuw = Organisatie.objects.get_or_create(
            code=opties["code"],
            defaults={
                "naam": opties["naam"],
                "contactregel": opties["contact"],
                "sleutel": sleutel,
            },
        )
        if not nieuw:
            if not opties["nieuwe_sleutel"]:
                raise CommandError(
                    "Deze organisatie bestaat al; gebruik --nieuwe-sleutel om te vervangen."
                )
            organisatie.naam = opties["naam"]
            organisatie.contactregel = opties["contact"]
            organisatie.sleutel = sleutel
            organisatie.save()
        inhoud: dict[str, str] = {
            "url": opties["url"].rstrip("/"),
            "organisatie": organisatie.code,
            "sleutel": organisatie.sleutel,
        }
        if opties["pseudoniemsleutel_bestand"]:
            inhoud["pseudoniemsleutel"] = opties["pseudoniemsleutel_bestand"].read_text().strip()
        pad: Path = opties["aansluitbestand"]
        pad.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as bestand:
            json.dump(inhoud, bestand, indent=2)
        self.stdout.write(f"Aansluitbestand voor {organisatie.code} geschreven: {pad}")
