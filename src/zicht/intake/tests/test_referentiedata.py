"""The code lists, shifts and settings loaded by the data migration."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from zicht.intake.domain.codelijsten import Codelijst, lees_codelijsten
from zicht.intake.models import Code, IntakeInstelling, Werkdienst
from zicht.intake.selectors import codes_actief, ontvangend_team, werkdienst_start

pytestmark = pytest.mark.django_db


def test_code_table_matches_the_shipped_json():
    from importlib import resources

    tekst = resources.files("zicht.intake").joinpath("data/codelijsten.json").read_text("utf-8")
    lijsten = lees_codelijsten(tekst)
    for lijst, codes in lijsten.lijsten.items():
        rijen = dict(
            Code.objects.filter(lijst=lijst, versie=lijsten.versie).values_list(
                "code", "omschrijving"
            )
        )
        assert rijen == dict(codes), lijst


def test_inactive_codes_are_not_offered():
    Code.objects.filter(lijst=Codelijst.AARD, code="11").update(actief=False)
    keuzes = dict(codes_actief().keuzes(Codelijst.AARD))
    assert "11" not in keuzes
    assert "08" in keuzes
    assert codes_actief().beroepsmatig("14")
    assert not codes_actief().beroepsmatig("35")


def test_default_shifts_and_settings():
    assert list(Werkdienst.objects.values_list("begint_om", flat=True)) == [
        time(7),
        time(15),
        time(23),
    ]
    assert IntakeInstelling.objects.get(pk=1).standaard_teamnaam == "Veiligheidsbeoordeling"


def test_receiving_team_fallbacks(vb_team, voordeur_team):
    assert ontvangend_team() == vb_team
    instelling = IntakeInstelling.objects.get(pk=1)
    instelling.ontvangend_team = voordeur_team
    instelling.save()
    assert ontvangend_team() == voordeur_team
    voordeur_team.actief = False
    voordeur_team.save()
    assert ontvangend_team() is None
    IntakeInstelling.objects.all().delete()
    assert ontvangend_team() == vb_team


def test_shift_start_reads_the_rows(nu):
    # 07:00 in Amsterdam is 06:00 UTC in March
    assert werkdienst_start() == datetime(2026, 3, 10, 6, 0, tzinfo=UTC)
    Werkdienst.objects.create(naam="Extra", begint_om=time(9, 30))
    assert werkdienst_start() == datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
