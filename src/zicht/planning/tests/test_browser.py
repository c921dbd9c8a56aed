"""The controller opens the begroting page in Chromium: it passes axe and shows the comparison."""

from __future__ import annotations

import pytest

from zicht.accounts.permissions import Perm
from zicht.conftest import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inloggen(a11y_page, client, user, live_server):
    login_verified(client, user)
    cookie = client.cookies["sessionid"]
    a11y_page.page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
    )


def test_begroting_page_is_accessible(a11y_page, make_user, client, live_server, referentiedata):
    controller = make_user("controller", perms=[Perm.PLANNING_BEHEREN], first_name="Carla")
    _inloggen(a11y_page, client, controller, live_server)
    page = a11y_page.page

    page.goto("/planning/")
    a11y_page.check()
    assert page.locator("h1").inner_text() == "Begroting en scenario's 2019"
    tabel = page.get_by_role(
        "table", name="Gepubliceerde begroting 2019 naast de uitkomst van het model"
    )
    assert tabel.locator("tbody tr").count() == 23
    assert page.get_by_role("img").count() >= 2

    # sensitivity: a bad value gets a message at the field, then a good one recalculates
    page.get_by_label("Productieve uren per fte (gevoeligheid)").fill("0")
    page.get_by_role("button", name="Herbereken").click()
    a11y_page.check()
    assert "groter dan 0" in page.locator(".error-summary").inner_text()
    page.get_by_label("Productieve uren per fte (gevoeligheid)").fill("1300")
    page.get_by_role("button", name="Herbereken").click()
    a11y_page.check()
    assert "Gevoeligheidsberekening" in page.locator("main").inner_text()

    # the parameter page (the largest form: a value, status and source per parameter) too
    page.get_by_role("navigation", name="Planning").get_by_role("link", name="Parameters").click()
    a11y_page.check()
    assert (
        page.get_by_label("Productieve uren per fte per jaar", exact=True).input_value() == "1400"
    )


def test_risk_page_with_a_lit_signal_is_accessible(
    a11y_page, make_user, client, live_server, referentiedata
):
    from datetime import date

    from zicht.assessment.models import VbTermijnTelling
    from zicht.people.tests.factories import TeamFactory

    # 7 of 10 VB decisions on time at the end of 2019: terms slipping, red, risk 8 lights up
    VbTermijnTelling.objects.create(
        team=TeamFactory(naam="Team Noord"), datum=date(2019, 12, 30), besloten=10, op_tijd=7
    )
    manager = make_user("manager", perms=[Perm.RAPPORTAGE_INZIEN], first_name="Mehmet")
    _inloggen(a11y_page, client, manager, live_server)
    page = a11y_page.page

    page.goto("/planning/risicos/?jaar=2019")
    a11y_page.check()
    lijst = page.locator("ul.oplichtend li")
    assert lijst.count() == 1
    assert "Risico 8" in lijst.inner_text()
    assert "rood" in lijst.inner_text()
