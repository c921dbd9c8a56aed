"""The voorlichtingen page per year: an invalid ``?jaar=`` is an error at the field (not the
current year in disguise), and the page's rights are "one of" with a Dutch refusal."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.diensten import werk_services as svc
from zicht.diensten.werk_views import voorlichtingen_view

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
FOUT = "Kies een geldig jaar."


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def pagina(verified_client, cm):
    """GET the page with ``?jaar=…`` as the casemanager, after one voorlichting in 2025 and one
    in 2026."""
    for datum, onderwerp in (
        (date(2025, 11, 4), "Meldcode 2025"),
        (date(2026, 3, 5), "Sessie van maart"),
    ):
        svc.voorlichting_opslaan(
            actor=cm,
            datum=datum,
            onderwerp=onderwerp,
            doelgroep="huisartsen",
            organisatie="Kring",
            deelnemers=20,
            minuten=90,
        )
    client = verified_client(cm)
    return lambda **params: client.get(reverse("diensten:voorlichtingen"), params)


@pytest.mark.parametrize("jaar", ["abc", "1999", "2101", "20 26", "2026.5"])
def test_an_invalid_year_is_shown_at_the_field_not_replaced(pagina, jaar):
    response = pagina(jaar=jaar)
    assert response.status_code == 400
    html = response.content.decode()
    assert FOUT in html
    assert 'aria-invalid="true"' in html
    assert f'value="{jaar}"' in html  # the input is kept, to correct
    # no list of another year passes for the one asked
    assert "Voorlichtingen in 2026" not in html
    assert "Sessie van maart" not in html


def test_a_valid_year_shows_that_year(pagina):
    response = pagina(jaar="2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorlichtingen in 2025 (1)" in html
    assert "Meldcode 2025" in html
    assert FOUT not in html


@pytest.mark.parametrize("params", [{}, {"jaar": ""}])
def test_no_year_is_the_current_year(pagina, params):
    response = pagina(**params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorlichtingen in 2026 (1)" in html
    assert "Sessie van maart" in html
    assert 'value="2026"' in html
    assert FOUT not in html


def test_without_either_right_the_refusal_names_both_in_dutch(make_user, team):
    # given someone who may see casussen but neither carries out diensten nor reads the
    # werkvoorraad
    gebruiker = make_user("zonder", perms=(Perm.CASUS_INZIEN,), teams=[team])
    request = RequestFactory().get(reverse("diensten:voorlichtingen"))
    request.user = gebruiker
    with pytest.raises(PermissionDenied) as fout:
        voorlichtingen_view(request)
    assert str(fout.value) == (
        "Hiervoor is het recht ‘Diensten uitvoeren (overdracht, V&V, onderzoek, monitoren)’ "
        "of ‘Werkvoorraad, wachtlijst en caseload inzien’ nodig."
    )


def test_either_right_opens_the_page(make_user, verified_client, team):
    lezer = make_user("lezer", perms=(Perm.WERKVOORRAAD_INZIEN,), teams=[team])
    assert verified_client(lezer).get(reverse("diensten:voorlichtingen")).status_code == 200
