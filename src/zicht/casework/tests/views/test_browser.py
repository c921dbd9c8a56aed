"""A casemanager works in a dossier in Chromium; every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from zicht.casework.tests.builders import huishouden
from zicht.casework.tests.conftest import BEWERKEN
from zicht.casework.tests.factories import CasusFactory, TaakFactory, TeamFactory
from zicht.conftest import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dossier_pages_are_accessible(a11y_page, make_user, live_server):
    team = TeamFactory(naam="Team Alkmaar")
    user = make_user("casemanager", perms=BEWERKEN, teams=[team], first_name="Sanne")
    casus = CasusFactory(team=team)
    huishouden(casus, kinderen=2, journaal=3, taken=1)
    TaakFactory(
        casus=casus,
        omschrijving="Te laat",
        start=date(2026, 1, 5),
        oorspronkelijke_deadline=date(2026, 1, 9),
    )
    client = login_verified(Client(), user)
    page = a11y_page.page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto("/dossiers/")
    a11y_page.check()
    page.get_by_role("link", name=casus.nummer).click()
    a11y_page.check()
    assert page.locator("h1").inner_text().startswith(f"Dossier {casus.nummer}")
    assert page.locator(".alert--warning").is_visible()

    page.get_by_role("link", name="Journaalitem toevoegen").click()
    a11y_page.check()
    page.get_by_label("Verslag").fill("")
    page.get_by_role("button", name="Vastleggen").click()
    a11y_page.check()
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Verslag").fill("Telefonisch contact met school.")
    page.get_by_role("button", name="Vastleggen").click()
    a11y_page.check()
    assert "vastgelegd" in page.locator(".messages").inner_text()

    page.get_by_role("link", name="Taak toevoegen").click()
    a11y_page.check()
    page.get_by_label("Omschrijving").fill("Gesprek met de school plannen")
    page.get_by_role("button", name="Aanmaken").click()
    a11y_page.check()
    assert "Kies een termijn" in page.locator(".error-summary").inner_text()

    page.goto(f"/dossiers/{casus.pk}/")
    a11y_page.check()
    page.get_by_role("link", name="Opschorten (Te laat)").click()
    a11y_page.check()
    page.get_by_role("button", name="Opschorten").click()
    a11y_page.check()
    assert page.locator(".error-summary").is_visible()
