"""Login with password and TOTP second factor; lockout; login required everywhere."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.backends import BACKEND
from zicht.accounts.otp import current_code
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _password_step(client: Client, username: str, password: str = TEST_PASSWORD, **kw: str):
    return client.post(
        reverse("accounts:login") + kw.get("query", ""),
        {"username": username, "password": password},
    )


def test_full_login_with_second_factor_reaches_home(client, make_user):
    # given a user with a confirmed authenticator app
    user = make_user("fatima")
    device = TOTPDevice.objects.get(user=user)
    # when the password is right, Zicht asks for the code instead of logging in
    response = _password_step(client, "fatima")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp-verify")
    assert client.get(reverse("home")).status_code == 302  # not logged in yet
    # and the current code completes the login
    response = client.post(reverse("accounts:otp-verify"), {"token": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Welkom" in home.content.decode()
    assert AuditEvent.objects.filter(event=Event.LOGIN_GESLAAGD, actor=user).count() == 1


def test_wrong_password_gives_dutch_message_and_keeps_username(client, make_user):
    make_user("jeroen")
    response = _password_step(client, "jeroen", "fout-wachtwoord")
    assert response.status_code == 400
    body = response.content.decode()
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist" in body
    assert 'value="jeroen"' in body
    assert AuditEvent.objects.filter(event=Event.LOGIN_MISLUKT).count() == 1


def test_empty_fields_are_reported_at_the_field(client, db):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul uw gebruikersnaam in." in body
    assert "Vul uw wachtwoord in." in body
    assert 'href="#id_username"' in body  # error summary links to the field


def test_account_is_locked_after_five_failures(client, make_user):
    make_user("sanne")
    for _ in range(5):
        _password_step(client, "sanne", "fout")
    # even the right password is refused now, with a clear message
    response = _password_step(client, "sanne")
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert AuditEvent.objects.filter(event=Event.ACCOUNT_GEBLOKKEERD).exists()


def test_four_failures_do_not_lock(client, make_user):
    make_user("ilse")
    for _ in range(4):
        _password_step(client, "ilse", "fout")
    response = _password_step(client, "ilse")
    assert response.status_code == 302


def test_wrong_code_is_refused_with_message(client, make_user):
    make_user("noor")
    _password_step(client, "noor")
    response = client.post(reverse("accounts:otp-verify"), {"token": "000000"})
    assert response.status_code == 400
    assert "De code is onjuist of verlopen" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_malformed_code_is_refused(client, make_user):
    make_user("maarten")
    _password_step(client, "maarten")
    response = client.post(reverse("accounts:otp-verify"), {"token": "12ab"})
    assert "Vul de code van 6 cijfers in." in response.content.decode()


def test_reused_code_is_refused(client, make_user):
    user = make_user("ruben")
    device = TOTPDevice.objects.get(user=user)
    code = current_code(device)
    _password_step(client, "ruben")
    assert client.post(reverse("accounts:otp-verify"), {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    # a second login within the same 30 seconds with the same code
    other = Client()
    _password_step(other, "ruben")
    device.refresh_from_db()
    device.throttle_reset()
    response = other.post(reverse("accounts:otp-verify"), {"token": code})
    assert response.status_code == 400
    assert "al gebruikt" in response.content.decode()


def test_enrolment_for_user_without_device(client, make_user):
    # given a new user without an authenticator app
    user = make_user("anouk", otp=False)
    response = _password_step(client, "anouk")
    assert response["Location"] == reverse("accounts:otp-enrol")
    page = client.get(reverse("accounts:otp-enrol"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # a wrong code keeps the device unconfirmed
    client.post(reverse("accounts:otp-enrol"), {"token": "111111"})
    device.refresh_from_db()
    assert device.confirmed is False
    device.throttle_reset()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()
    response = client.post(reverse("accounts:otp-enrol"), {"token": str(totp.token()).zfill(6)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert AuditEvent.objects.filter(event=Event.TWEEDE_FACTOR_GEKOPPELD, actor=user).exists()


def test_second_factor_pages_need_the_password_step_first(client, db):
    response = client.get(reverse("accounts:otp-verify"))
    assert response["Location"] == reverse("accounts:login")
    response = client.get(reverse("accounts:otp-enrol"))
    assert response["Location"] == reverse("accounts:login")


def test_next_parameter_is_followed_only_within_the_site(client, make_user):
    user = make_user("thomas")
    device = TOTPDevice.objects.get(user=user)
    _password_step(client, "thomas", query="?next=https://evil.example/")
    response = client.post(reverse("accounts:otp-verify"), {"token": current_code(device)})
    assert response["Location"] == reverse("home")
    client.post(reverse("accounts:logout"))
    device.last_t = -1
    device.save()
    _password_step(client, "thomas", query="?next=/account/")
    response = client.post(
        reverse("accounts:otp-verify"), {"token": current_code(device, time.time() + 30)}
    )
    assert response["Location"] == "/account/"


@pytest.mark.parametrize("path", ["/", "/account/", "/beheer/gebruikers/", "/audit/"])
def test_pages_require_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_password_only_session_is_not_enough(client, make_user):
    user = make_user("eva")
    client.force_login(user, backend=BACKEND)
    response = client.get("/")
    assert response.status_code == 302


def test_healthz_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["status"] == "ok"


def test_logout_requires_post_and_ends_session(client, make_user, verified_client):
    user = make_user("bas")
    verified_client(user)
    assert client.get("/uitloggen/").status_code == 405
    client.post("/uitloggen/")
    assert client.get("/").status_code == 302
