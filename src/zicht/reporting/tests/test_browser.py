"""The reporting pages in Chromium: dashboard, board report, CBS validation and the municipal
report as a gemeente user; every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from zicht.accounts.permissions import Perm
from zicht.conftest import login_verified
from zicht.intake.tests.conftest import referentiedata  # noqa: F401 - fixture
from zicht.reporting.tests.dataset import bouw_dataset

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


def test_reporting_pages_are_accessible(
    a11y_page,
    make_user,
    live_server,
    referentiedata,  # noqa: F811
):
    from importlib import import_module

    from django.apps import apps

    if not apps.get_model("assessment.Instrument").objects.exists():
        import_module("zicht.assessment.migrations.0002_laad_triage_instrument_versie_1").load(
            apps, None
        )
    from zicht.casework.tests.factories import TeamFactory
    from zicht.reporting.tests.conftest import Bouwer

    bouw_dataset(Bouwer(team=TeamFactory(naam="Team R"), user=make_user("registrator")))
    controller = make_user("controller", perms=(Perm.RAPPORTAGE_INZIEN, Perm.CBS_AANLEVEREN))
    page = a11y_page.page
    page.set_default_timeout(60_000)
    _inloggen(page, live_server, controller)
    page.goto(f"{live_server.url}/rapportage/")
    a11y_page.check()
    page.goto(f"{live_server.url}/rapportage/dashboard/")
    a11y_page.check()
    page.goto(f"{live_server.url}/rapportage/bestuur/?jaar=2019&maand=8")
    a11y_page.check()
    page.goto(f"{live_server.url}/rapportage/cbs/")
    a11y_page.check()
    page.fill("#id_periode", "2019-H1")
    page.click("button[name=valideren]")
    page.wait_for_selector("text=Validatierapport")
    a11y_page.check()
    assert page.locator("table >> text=aard_ontbreekt").count() >= 1 or "fout" in page.content()
    hoorn = make_user("hoorn", perms=(Perm.GEMEENTE_RAPPORTAGE,), gemeente_code="GM0405")
    _inloggen(page, live_server, hoorn)
    page.goto(f"{live_server.url}/rapportage/gemeente/?gemeente=GM0405&periode=2019")
    a11y_page.check()
    assert "Hoorn (GM0405)" in page.content()
