"""Fixtures for radar's in-process tests: radar switched on with a joining file, and a stand-in
for the register's HTTP answers (the network only — the database is real)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import pytest

from zicht.accounts.permissions import Perm
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import TeamFactory
from zicht.radar.client import RegisterFout
from zicht.radar.conf import RadarInstelling, radar_instelling

LEZEN = (Perm.CASUS_INZIEN,)
BEWERKEN = (Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN)


class NepRegister:
    """Answers like the register would; ``onbereikbaar``/``weiger`` simulate an outage and a
    refusal. Records every request with its idempotency key."""

    def __init__(self) -> None:
        self.verzoeken: list[tuple[str, str, dict[str, Any] | None, str | None]] = []
        self.signalen: list[dict[str, Any]] = []
        self.onbereikbaar = False
        self.weiger = False

    def verzoek(
        self,
        methode: str,
        pad: str,
        inhoud: dict[str, Any] | None = None,
        *,
        idempotentiesleutel: str | None = None,
    ) -> tuple[int, dict[str, Any]]:
        self.verzoeken.append((methode, pad, inhoud, idempotentiesleutel))
        if self.onbereikbaar:
            raise RegisterFout("Register onbereikbaar: verbinding geweigerd", tijdelijk=True)
        if methode == "PUT":
            if self.weiger:
                raise RegisterFout("Ongeldige pseudoniemen.", tijdelijk=False, status=400)
            return 200, {"referentie": pad.rsplit("/", 1)[1], "overeenkomsten": []}
        if methode == "DELETE":
            return 200, {"referentie": pad.rsplit("/", 1)[1], "ingetrokken": True}
        if pad.startswith("/v1/signalen"):
            na = int(pad.split("na=")[1].split("&")[0])
            return 200, {"signalen": [s for s in self.signalen if s["id"] > na]}
        raise AssertionError(pad)

    def puts(self) -> list[tuple[str, str, dict[str, Any] | None, str | None]]:
        return [v for v in self.verzoeken if v[0] == "PUT"]

    def deletes(self) -> list[tuple[str, str, dict[str, Any] | None, str | None]]:
        return [v for v in self.verzoeken if v[0] == "DELETE"]


@pytest.fixture
def radar_aan(settings: Any, tmp_path: Path) -> RadarInstelling:
    bestand = tmp_path / "aansluiting.json"
    bestand.write_text(
        json.dumps(
            {
                "url": "https://radar.example.invalid",
                "organisatie": "vt-noord",
                "sleutel": secrets.token_hex(32),
                "pseudoniemsleutel": secrets.token_hex(32),
            }
        )
    )
    settings.ZICHT_RADAR = str(bestand)
    instelling = radar_instelling()
    assert instelling is not None
    return instelling


@pytest.fixture
def register() -> NepRegister:
    return NepRegister()


@pytest.fixture
def team(db: None) -> Any:
    return TeamFactory(naam="Team Alkmaar")


@pytest.fixture
def ander_team(db: None) -> Any:
    return TeamFactory(naam="Team West-Friesland")


@pytest.fixture
def audit_rows(db: None) -> Any:
    start = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def rows(event: int | None = None) -> list[AuditEvent]:
        qs = AuditEvent.objects.filter(seq__gt=start).order_by("seq")
        if event is not None:
            qs = qs.filter(event=event)
        return list(qs)

    return rows
