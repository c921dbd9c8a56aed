"""A team member handles a radar signal in Chromium; the page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, TeamFactory
from zicht.conftest import login_verified
from zicht.radar.models import RadarBetrokkenheid, RadarSignaal
from zicht.radar.tests.conftest import BEWERKEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_radarsignaal_afhandelen(a11y_page, make_user, live_server):
    team = TeamFactory(naam="Team Alkmaar")
    user = make_user("casemanager", perms=BEWERKEN, teams=[team])
    casus = CasusFactory(team=team)
    betrokkene = BetrokkeneFactory(casus=casus)
    betrokkenheid = RadarBetrokkenheid.objects.create(
        casus=casus,
        persoon=betrokkene.persoon,
        pseudoniem_bsn="a" * 64,
        van=casus.geopend_op.date(),
    )
    RadarSignaal.objects.create(
        register_id=1,
        betrokkenheid=betrokkenheid,
        casus=casus,
        organisatie_code="vt-zuid",
        organisatie_naam="Veilig Thuis Zuid",
        contactregel="0800-2000, vraag naar de radarcontactpersoon",
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

    page.goto("/radar/")
    a11y_page.check()
    assert page.get_by_role("cell", name="Veilig Thuis Zuid").is_visible()
    page.get_by_role("button", name="Afgehandeld").click()
    a11y_page.check()
    assert "Geen radarsignalen" in page.locator("table").inner_text()
    page.get_by_role("link", name="Toon ook afgehandelde signalen").click()
    a11y_page.check()
    assert casus.nummer in page.locator("table").inner_text()
