"""The privacy officer's pages and the break-the-glass flow pass axe in Chromium, and the
break-the-glass banner is visible."""

from __future__ import annotations

import pytest

from zicht.accounts.permissions import Perm
from zicht.casework.tests.factories import CasusFactory, TeamFactory
from zicht.conftest import login_verified

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _inloggen(a11y_page, client, live_server, user):
    login_verified(client, user)
    a11y_page.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return a11y_page.page


def test_privacy_officer_pages_are_accessible(a11y_page, make_user, client, live_server):
    fg = make_user(
        "fg", perms=[Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN]
    )
    page = _inloggen(a11y_page, client, live_server, fg)
    page.goto("/privacy/")
    a11y_page.check()
    for link in (
        "Rechten van betrokkenen",
        "Registers",
        "Audit",
        "Toetsing noodtoegang",
        "Bewaren en vernietigen",
    ):
        page.goto("/privacy/")
        page.get_by_role("navigation", name="Privacy").get_by_role("link", name=link).click()
        a11y_page.check()
        assert page.locator("h1").first.is_visible()
    page.goto("/privacy/vernietiging/proef/?peildatum=2046-01-01")
    a11y_page.check()


def test_break_the_glass_shows_a_loud_banner(a11y_page, make_user, client, live_server):
    eigen, ander = TeamFactory(naam="Eigen"), TeamFactory(naam="Ander")
    casus = CasusFactory(team=ander)
    leider = make_user("leider", perms=[Perm.CASUS_INZIEN, Perm.CASUS_NOODTOEGANG], teams=[eigen])
    page = _inloggen(a11y_page, client, live_server, leider)
    page.goto("/dossiers/noodtoegang/")
    a11y_page.check()
    page.get_by_label("Casusnummer").fill(casus.nummer)
    page.get_by_label("Reden").select_option("acuut_gevaar")
    page.get_by_role("button", name="Noodtoegang openen").click()
    a11y_page.check()
    assert page.locator(".noodtoegang-banner").first.is_visible()
    banners = " ".join(page.locator(".noodtoegang-banner").all_inner_texts())
    assert "NOODTOEGANG" in banners  # on the dossier
    assert "Noodtoegang actief" in banners  # and on every page while it runs
