"""The team leader's board in Chromium: assign waiting work; the casemanager sees it under
"mijn werk". Every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from zicht.conftest import login_verified
from zicht.diensten.models_werk import DienstBehandeling
from zicht.diensten.tests.werk.bouw import diensten_bouwen
from zicht.diensten.tests.werk.conftest import LEIDER, UITVOERDER
from zicht.people.tests.factories import TeamFactory

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


def test_team_leader_assigns_waiting_work(a11y_page, make_user, live_server, referentiedata):
    team = TeamFactory(naam="Team Vervolg")
    leider = make_user("leider", perms=LEIDER, teams=[team], first_name="Lotte")
    carla = make_user("carla", perms=UITVOERDER, teams=[team], first_name="Carla")
    diensten = diensten_bouwen(team=team, n=3, gebruiker=leider)
    page = a11y_page.page

    _inloggen(page, live_server, leider)
    page.goto("/diensten/werkverdeling/")
    a11y_page.check()
    assert "Wachtlijst" in page.content()
    page.get_by_label(f"Onderzoek {diensten[0].casus.nummer}").first.check()
    page.locator("#mw-w").select_option(label="Carla")
    page.get_by_role("button", name="Toewijzen").first.click()
    page.wait_for_load_state("load")
    a11y_page.check()
    assert "toegewezen aan Carla" in page.content()
    assert DienstBehandeling.objects.get(dienst=diensten[0]).behandelaar == carla

    _inloggen(page, live_server, carla)
    page.goto("/diensten/werk/")
    a11y_page.check()
    assert diensten[0].casus.nummer in page.content()
