"""A Voorwaarden en Vervolg walked from open to closed in Chromium: casus page → dienst page
→ closing refused without conditions → a condition → a plan line → closing →
the follow-up diensten. Every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.assessment import services as assessment_services
from zicht.assessment.models import Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import STRUCTUREEL, VOORSTELLER
from zicht.casework.tests.factories import TeamFactory
from zicht.diensten.models import Dienst
from zicht.diensten.services import besluit_bevestigen
from zicht.diensten.tests.test_browser import _inloggen
from zicht.intake.models import IntakeInstelling
from zicht.intake.services import melding_register
from zicht.intake.tests.test_services_melding import invoer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vv_from_open_to_closed(a11y_page, make_user, live_server, referentiedata):
    from importlib import import_module

    from django.apps import apps

    if not apps.get_model("assessment.Instrument").objects.exists():
        import_module("zicht.assessment.migrations.0002_laad_triage_instrument_versie_1").load(
            apps, None
        )
    team = TeamFactory(naam="Veiligheidsbeoordeling")
    IntakeInstelling.objects.update_or_create(pk=1, defaults={"ontvangend_team": team})
    vera = make_user("vera", perms=VOORSTELLER, teams=[team])
    cor = make_user("cor", perms=VOORSTELLER, teams=[team])
    melding = melding_register(
        actor=vera,
        invoer=invoer(
            formulier_token=uuid.uuid4(), ontvangen_op=timezone.now() - timedelta(minutes=10)
        ),
    ).object
    besluit = assessment_services.besluit_voorstellen(
        actor=vera,
        melding=melding,
        soort="voorwaarden_en_vervolg",
        antwoorden=STRUCTUREEL,
        motivering="Structurele zorgen; het gezin erkent ze.",
    )
    besluit_bevestigen(
        actor=cor,
        besluit=besluit,
        expected_version=Veiligheidsbeoordeling.objects.get(melding=melding).version,
    )
    dienst = Dienst.objects.get(casus=melding.casus)
    uma = make_user(
        "uma",
        perms=(Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN, Perm.DIENST_UITVOEREN),
        teams=[team],
    )
    page = a11y_page.page
    _inloggen(page, live_server, uma)

    page.goto(f"/dossiers/{melding.casus_id}/")
    a11y_page.check()
    page.locator("#diensten").get_by_role("link", name="Voorwaarden en Vervolg").click()
    page.wait_for_url(f"**/diensten/dienst/{dienst.pk}/")
    a11y_page.check()
    assert "werkdagen over" in page.content()

    # closing without a condition is refused with the Dutch message
    page.goto(f"/diensten/dienst/{dienst.pk}/vv-afronden/")
    page.fill("#id_motivering", "Klaar.")
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    assert "zonder veiligheidsvoorwaarden" in page.content()

    page.goto(f"/diensten/dienst/{dienst.pk}/")
    page.get_by_role("link", name="Voorwaarde toevoegen").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    page.fill("#id_tekst", "De kinderen gaan elke schooldag naar school.")
    page.fill("#id_wie", "ouders")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    assert "De kinderen gaan elke schooldag naar school." in page.content()

    page.get_by_role("link", name="Regel toevoegen").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    page.select_option("#id_soort", "actie")
    page.fill("#id_omschrijving", "Aanmelden bij opvoedondersteuning")
    page.fill("#id_eigenaar", "wijkteam")
    page.fill("#id_deadline", (timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    a11y_page.check()

    page.get_by_role("link", name="Voorwaarden en Vervolg afronden").click()
    page.wait_for_load_state("load")
    page.fill("#id_motivering", "Plan met het gezin en het netwerk afgesproken.")
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_url(f"**/diensten/dienst/{dienst.pk}/")
    a11y_page.check()
    assert "Overdracht na bemoeienis en monitoren zijn gestart" in page.content()

    page.get_by_role("link", name="monitoren").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    assert "Monitoringsschema" in page.content()
    dienst.refresh_from_db()
    assert dienst.status == "afgerond"
