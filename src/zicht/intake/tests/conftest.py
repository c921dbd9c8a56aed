"""Fixtures for the intake tests: the teams of the front door, users in their roles, a frozen
clock, and a builder for the POST data of the melding page."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from zicht.accounts.permissions import Perm
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import TeamFactory
from zicht.intake.models import IntakeInstelling

DATA = Path(__file__).parent / "data"

VOORDEUR = (
    Perm.ADVIES_REGISTREREN,
    Perm.MELDING_REGISTREREN,
    Perm.CASUS_INZIEN,
    Perm.CASUS_BEWERKEN,
)
BEOORDELAAR = (
    Perm.CASUS_INZIEN,
    Perm.CASUS_BEWERKEN,
    Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
)

#: Tuesday 10 March 2026, 10:00 in Amsterdam (09:00 UTC): the day shift is on.
NU = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def nu():
    with time_machine.travel(NU, tick=False):
        yield NU


_DATAMIGRATIES = (
    # (app, migration, a model whose rows it loads)
    ("core", "0002_laad_atw_gelijkgestelde_dagen_en_termijnen_2019", "core.TermijnDefinitie"),
    ("people", "0002_load_gemeenten", "people.Gemeente"),
    ("intake", "0002_laad_codelijsten_werkdiensten_instelling", "intake.Code"),
)


@pytest.fixture
def referentiedata(transactional_db):
    """The rows of the data migrations, for transactional tests: a transactional test that ran
    before may have flushed them (Django empties every table after such a test)."""
    from importlib import import_module

    from django.apps import apps

    for app, migratie, model in _DATAMIGRATIES:
        if not apps.get_model(model).objects.exists():
            import_module(f"zicht.{app}.migrations.{migratie}").load(apps, None)


@pytest.fixture
def vb_team(db):
    return TeamFactory(naam="Veiligheidsbeoordeling")


@pytest.fixture
def voordeur_team(db):
    return TeamFactory(naam="Voordeur")


@pytest.fixture
def medewerker(make_user, voordeur_team, vb_team):
    """A front-door medewerker (member of the Voordeur team, not of the receiving team)."""
    return make_user("voordeur", perms=VOORDEUR, teams=[voordeur_team], first_name="Fatima")


@pytest.fixture
def beoordelaar(make_user, vb_team):
    return make_user("beoordelaar", perms=BEOORDELAAR, teams=[vb_team])


@pytest.fixture
def audit_rows(db):
    start = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def rows(event=None):
        qs = AuditEvent.objects.filter(seq__gt=start).order_by("seq")
        if event is not None:
            qs = qs.filter(event=event)
        return list(qs)

    return rows


def assert_no_personal_data(rows, *verboden):
    for row in rows:
        tekst = json.dumps(row.data, ensure_ascii=False) + row.reason_text
        for woord in verboden:
            assert str(woord) not in tekst, f"{woord!r} staat in auditrij {row.seq}: {tekst}"


def instelling_team(team) -> None:
    IntakeInstelling.objects.update_or_create(pk=1, defaults={"ontvangend_team": team})


def persoon_post(index: int, **velden: Any) -> dict[str, Any]:
    """The POST fields of person row ``index``."""
    standaard = {
        "rol": "",
        "bsn": "",
        "voornamen": "",
        "tussenvoegsel": "",
        "achternaam": "",
        "geboortedatum_dag": "",
        "geboortedatum_maand": "",
        "geboortedatum_jaar": "",
        "geslacht": "O",
        "straat": "",
        "huisnummer": "",
        "postcode": "",
        "woonplaats": "",
        "gemeente": "",
        "relatie": "",
        "relatie_met": "",
        "bestaande_persoon": "",
        "gezocht": "",
    }
    standaard.update(velden)
    return {f"personen-{index}-{k}": v for k, v in standaard.items()}


def melding_post(personen: list[dict[str, Any]] | None = None, **velden: Any) -> dict[str, Any]:
    """A complete, valid POST of the melding page (override any field)."""
    if personen is None:
        personen = [
            {
                "rol": "slachtoffer",
                "voornamen": "Anna",
                "achternaam": "Jansen",
                "geboortedatum_dag": "12",
                "geboortedatum_maand": "3",
                "geboortedatum_jaar": "1988",
                "geslacht": "V",
                "straat": "Laan",
                "huisnummer": "1",
                "postcode": "1811AB",
                "woonplaats": "Alkmaar",
                "gemeente": "GM0361",
            },
            {
                "rol": "kind",
                "voornamen": "Tim",
                "achternaam": "Jansen",
                "geboortedatum_jaar": "2018",
                "relatie": "kind_van",
                "relatie_met": "1",
            },
        ]
    data: dict[str, Any] = {
        "formulier_token": str(uuid.uuid4()),
        "ontvangen_op": "2026-03-10T09:45",
        "kanaal": "telefoon",
        "hoedanigheid": "02",
        "naam": "Dr. P. Bakker",
        "organisatie": "Huisartsenpraktijk De Linde",
        "telefoon": "072-5110000",
        "email": "",
        "aanleidingen": ["01"],
        "aarden": ["01", "08"],
        "signalen": "Moeder kwam met blauwe plekken op het spreekuur; zoon zag het gebeuren.",
        "personen-TOTAL_FORMS": str(len(personen)),
        "personen-INITIAL_FORMS": "0",
        "personen-MIN_NUM_FORMS": "0",
        "personen-MAX_NUM_FORMS": "20",
        "actie": "opslaan",
    }
    for index, persoon in enumerate(personen):
        data.update(persoon_post(index, **persoon))
    data.update(velden)
    return data


def lees(naam: str) -> Any:
    return json.loads((DATA / naam).read_text(encoding="utf-8"))
