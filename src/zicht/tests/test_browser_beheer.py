"""The functioneel beheerder's reference-data pages pass axe in Chromium."""

import pytest

from zicht.accounts.permissions import Perm
from zicht.conftest import login_verified

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _session_cookie(client, live_server):
    return {
        "name": "sessionid",
        "value": client.cookies["sessionid"].value,
        "url": live_server.url,
    }


def test_calendar_and_instrument_pages_are_accessible(a11y_page, make_user, client, live_server):
    beheerder = make_user("fb", perms=[Perm.CODELIJSTEN_BEHEREN, Perm.GEBRUIKERS_BEHEREN])
    login_verified(client, beheerder)
    page = a11y_page.page
    page.context.add_cookies([_session_cookie(client, live_server)])

    page.goto("/beheer/kalender/")
    a11y_page.check()
    assert page.locator("h1").first.is_visible()

    page.get_by_role("link", name="Triage-instrument").click()
    a11y_page.check()
    assert "instrument" in page.locator("h1").inner_text().lower()

    page.get_by_role("link", name="Rollen").click()
    a11y_page.check()
    assert page.locator("table").count() == 1
