"""The demo's API client (police router): created once, narrow, and its token printed by
``zicht demo-logins`` on every ``make run``."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.api.models import ApiClient
from zicht.demo.generator import STAPPEN, DemoOptions, generate
from zicht.demo.koppeling import (
    KOPPELING_GEBRUIKER,
    KOPPELING_NAAM,
    KOPPELING_SCOPES,
    demo_api_token,
    koppeling_load,
)
from zicht.intake.selectors import ontvangend_team

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 1, 15)


def _laden() -> None:
    opties = DemoOptions.create(
        seed=5, vanaf=date(2025, 1, 1), tot=date(2025, 1, 31), schaal=0.01, vandaag=VANDAAG
    )
    stappen = [s for s in STAPPEN if s.naam in ("organisatie", "koppeling")]
    generate(opties, stdout=StringIO(), stappen=stappen, vandaag=VANDAAG)


def test_demo_creates_one_narrow_client_whose_token_works():
    _laden()
    client = ApiClient.objects.get(naam=KOPPELING_NAAM)
    assert sorted(client.scopes) == sorted(KOPPELING_SCOPES)
    gebruiker = client.gebruiker
    assert gebruiker.username == KOPPELING_GEBRUIKER
    assert not gebruiker.has_usable_password()
    assert has_permission(gebruiker, Perm.MELDING_REGISTREREN)
    assert list(gebruiker.teams.all()) == [ontvangend_team()]
    # The same token every time (derived from SECRET_KEY, like the demo TOTP secrets).
    token = demo_api_token()
    assert token == demo_api_token()
    assert client.token_klopt(token)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/meldingen/").status_code == 200
    assert api.get("/api/v1/corv-berichten/").status_code == 200
    assert api.get("/api/v1/casussen/").status_code == 403  # no scope


def test_a_second_run_keeps_the_one_client():
    _laden()
    _laden()
    assert ApiClient.objects.filter(naam=KOPPELING_NAAM).count() == 1
    assert User.objects.filter(username=KOPPELING_GEBRUIKER).count() == 1
    assert koppeling_load() == ApiClient.objects.get()


def test_demo_logins_prints_the_token(settings):
    settings.ZICHT_DEMO = True
    _laden()
    uit = StringIO()
    call_command("demo-logins", stdout=uit)
    tekst = uit.getvalue()
    assert KOPPELING_NAAM in tekst
    assert f"Bearer {demo_api_token()}" in tekst


def test_demo_logins_prints_no_token_that_does_not_work(settings):
    settings.ZICHT_DEMO = True
    _laden()
    ApiClient.objects.update(actief=False)
    uit = StringIO()
    call_command("demo-logins", stdout=uit)
    assert demo_api_token() not in uit.getvalue()
