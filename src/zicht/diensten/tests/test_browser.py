"""Four eyes in Chromium: one user proposes a besluit, a second confirms it; every page
passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from zicht.assessment.tests.conftest import VOORSTELLER
from zicht.casework.tests.factories import TeamFactory
from zicht.conftest import login_verified
from zicht.diensten.models import Dienst
from zicht.intake.models import IntakeInstelling
from zicht.intake.services import melding_register
from zicht.intake.tests.test_services_melding import invoer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inloggen(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_propose_then_confirm_with_two_users(a11y_page, make_user, live_server, referentiedata):
    from importlib import import_module

    from django.apps import apps

    if not apps.get_model("assessment.Instrument").objects.exists():
        import_module("zicht.assessment.migrations.0002_laad_triage_instrument_versie_1").load(
            apps, None
        )
    team = TeamFactory(naam="Veiligheidsbeoordeling")
    IntakeInstelling.objects.update_or_create(pk=1, defaults={"ontvangend_team": team})
    registrant = make_user("registrant", perms=VOORSTELLER, teams=[team])
    melding = melding_register(
        actor=registrant,
        invoer=invoer(
            formulier_token=uuid.uuid4(), ontvangen_op=timezone.now() - timedelta(minutes=10)
        ),
    ).object
    vera = make_user("vera", perms=VOORSTELLER, teams=[team], first_name="Vera")
    cor = make_user("cor", perms=VOORSTELLER, teams=[team], first_name="Cor")
    page = a11y_page.page

    # Vera proposes Voorwaarden en Vervolg from the worklist
    _inloggen(page, live_server, vera)
    page.goto("/beoordeling/")
    a11y_page.check()
    page.get_by_role("link", name=melding.nummer).click()
    page.wait_for_url(f"**/beoordeling/melding/{melding.pk}/")
    a11y_page.check()
    for veld, waarde in (
        ("acuut_gevaar", "nee"),
        ("disclosure", "nee"),
        ("structureel", "ja"),
        ("multiprobleem", "nee"),
        ("taxatie", "onveilig"),
    ):
        page.check(f'input[name="vraag_{veld}"][value="{waarde}"]')
    page.check('input[name="soort"][value="voorwaarden_en_vervolg"]')
    page.fill("#id_motivering", "Structurele zorgen; het gezin erkent ze.")
    page.get_by_role("button", name="Besluit voorstellen").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    assert "wacht op bevestiging" in page.content()

    # Cor confirms
    _inloggen(page, live_server, cor)
    page.goto(f"/beoordeling/melding/{melding.pk}/")
    a11y_page.check()
    page.get_by_role("button", name="Besluit bevestigen").click()
    page.wait_for_load_state("load")
    a11y_page.check()
    assert "is bevestigd" in page.content()
    assert Dienst.objects.filter(casus=melding.casus, soort="voorwaarden_en_vervolg").exists()
