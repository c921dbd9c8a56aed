"""The functioneel beheerder creates an API client in Chromium; every page passes axe."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from zicht.accounts.permissions import Perm
from zicht.api.models import ApiClient
from zicht.conftest import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_client_pages_are_accessible(a11y_page, make_user, live_server):
    beheerder = make_user("fb", perms=[Perm.GEBRUIKERS_BEHEREN], first_name="Fenna")
    make_user("politie-router", perms=[Perm.MELDING_REGISTREREN], otp=False)
    client = login_verified(Client(), beheerder)
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
    page.goto("/beheer/api-clients/")
    a11y_page.check()
    page.get_by_role("link", name="Nieuwe API-client").click()
    a11y_page.check()
    page.get_by_role("button", name="Aanmaken en token tonen").click()
    a11y_page.check()
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Naam van de koppeling").fill("Politie-router")
    page.get_by_label("Servicegebruiker").select_option(label="politie-router")
    page.get_by_label("Meldingen: aanmaken").check()
    page.get_by_role("button", name="Aanmaken en token tonen").click()
    a11y_page.check()
    token = page.locator("code.secret").inner_text()
    api_client = ApiClient.objects.get()
    assert token.startswith(f"zicht_{api_client.token_prefix}_")
    assert api_client.scopes == ["meldingen:aanmaken"]
    page.get_by_role("link", name="Naar de API-client").click()
    a11y_page.check()
    page.get_by_role("button", name="API-client intrekken").click()
    a11y_page.check()
    api_client.refresh_from_db()
    assert api_client.ingetrokken_op is not None
