"""A person logs in through the real pages in Chromium, passes the TOTP step, sees home."""

import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.otp import current_code
from zicht.accounts.permissions import Perm
from zicht.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_with_second_factor_and_accessible_pages(a11y_page, make_user):
    user = make_user("fatima", perms=[Perm.GEBRUIKERS_BEHEREN], first_name="Fatima")
    device = TOTPDevice.objects.get(user=user)
    page = a11y_page.page

    page.goto("/")
    a11y_page.check()  # redirected to the login page
    assert page.locator("h1").inner_text() == "Inloggen"

    # a wrong password first: the message appears and the user name stays
    page.get_by_label("Gebruikersnaam").fill("fatima")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    a11y_page.check()
    assert "onjuist" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Gebruikersnaam").input_value() == "fatima"

    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    a11y_page.check()
    assert page.locator("h1").inner_text() == "Tweede factor"

    page.get_by_label("Code uit uw authenticator-app").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    a11y_page.check()
    assert "onjuist" in page.locator(".errorlist").inner_text()

    device.refresh_from_db()
    device.throttle_reset()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device, time.time()))
    page.get_by_role("button", name="Bevestigen").click()
    a11y_page.check()
    assert page.locator("h1").inner_text() == "Welkom, Fatima"

    # navigation by role, and the management pages pass axe too
    page.get_by_role("link", name="Gebruikers").first.click()
    a11y_page.check()
    page.get_by_role("link", name="Nieuwe gebruiker").click()
    a11y_page.check()
    page.get_by_role("button", name="Opslaan").click()
    a11y_page.check()
    assert page.locator(".error-summary").is_visible()


def test_enrolment_page_is_accessible(a11y_page, make_user):
    make_user("nieuw", otp=False)
    page = a11y_page.page
    page.goto("/inloggen/")
    a11y_page.check()
    page.get_by_label("Gebruikersnaam").fill("nieuw")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    a11y_page.check()
    assert page.locator("h1").inner_text() == "Authenticator-app koppelen"
    assert page.locator(".qr svg").count() == 1
