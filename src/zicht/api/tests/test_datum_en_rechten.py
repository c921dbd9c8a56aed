# ruff: noqa: F811 - fixtures of the work tests are re-used here
"""Dates in the API are ``DatumField`` (1900–2100, a Dutch reason in ``invalidParams``), and a
refusal for lack of one of several rights is a 403 problem+json with a Dutch detail."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from rest_framework import serializers

from zicht.accounts.permissions import Perm
from zicht.api.base import DatumField
from zicht.diensten.models_werk import Tijdregel, Voorlichting
from zicht.diensten.tests.werk.conftest import (  # noqa: F401 - fixtures re-used
    cm,
    team,
)

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
BUITEN_BEREIK = "Kies een datum tussen 1900 en 2100."
VOORLICHTING = {
    "datum": "2026-03-05",
    "onderwerp": "Meldcode",
    "doelgroep": "leerkrachten",
    "organisatie": "Basisschool",
    "deelnemers": 20,
    "minuten": 90,
}


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield NU


def _params(response):
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


# --- DatumField ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("1900-01-01", date(1900, 1, 1)),  # the first day that counts
        ("2100-12-31", date(2100, 12, 31)),  # the last
        (date(2026, 3, 5), date(2026, 3, 5)),  # a date object passes as it is
    ],
)
def test_datum_field_takes_dates_from_1900_to_2100(invoer, verwacht):
    assert DatumField().run_validation(invoer) == verwacht


@pytest.mark.parametrize("invoer", ["1899-12-31", "2101-01-01", "0202-03-05", date(1, 1, 1)])
def test_datum_field_refuses_dates_outside_1900_2100_in_dutch(invoer):
    with pytest.raises(serializers.ValidationError) as fout:
        DatumField().run_validation(invoer)
    assert fout.value.detail == [BUITEN_BEREIK]


def test_datum_field_still_refuses_what_is_no_date():
    with pytest.raises(serializers.ValidationError):
        DatumField().run_validation("5 maart")


# --- Through the resources -------------------------------------------------------------------


@pytest.mark.parametrize("datum", ["1899-12-31", "2101-01-01"])
def test_voorlichting_with_a_date_outside_the_range_is_400_with_invalid_params(
    api_client_maken, cm, datum
):
    _, api = api_client_maken(gebruiker=cm)
    response = api.post_json("/api/v1/voorlichtingen/", {**VOORLICHTING, "datum": datum})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["invalidParams"] == [{"name": "datum", "code": "invalid", "reason": BUITEN_BEREIK}]
    assert not Voorlichting.objects.exists()


def test_a_bad_date_is_reported_with_the_other_field_errors_at_once(api_client_maken, cm):
    # given a booking with a date in 1800 *and* a negative duration
    _, api = api_client_maken(gebruiker=cm)
    response = api.post_json(
        "/api/v1/tijdboekingen/", {"datum": "1800-01-01", "minuten": -5, "soort": "advies"}
    )
    # then both fields are named in one answer (the date check is part of the field now)
    assert response.status_code == 400
    params = _params(response)
    assert params["datum"] == BUITEN_BEREIK
    assert "minuten" in params
    assert not Tijdregel.objects.exists()


def test_the_schema_documents_datum_fields_as_dates(make_user, verified_client):
    spec = verified_client(make_user("docs")).get("/api/v1/schema/?format=json").json()
    schemas = spec["components"]["schemas"]
    assert schemas["VoorlichtingInvoerRequest"]["properties"]["datum"] == {
        "type": "string",
        "format": "date",
    }
    assert schemas["TermijnOpschortingRequest"]["properties"]["tot"]["format"] == "date"


# --- One of several rights -------------------------------------------------------------------


def test_lacking_each_of_the_rights_is_403_problem_json_in_dutch(api_client_maken):
    # given a user who may see casussen but neither carries out diensten nor reads the
    # werkvoorraad
    _, api = api_client_maken(perms=[Perm.CASUS_INZIEN])
    for pad in ("/api/v1/voorlichtingen/", "/api/v1/huisverboden/", "/api/v1/tijdboekingen/"):
        response = api.get(pad)
        assert response.status_code == 403, pad
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert (body["status"], body["title"]) == (403, "Geen toegang")
        # the service's reason names the rights that would do
        assert body["detail"].startswith("Hiervoor is het recht ‘"), body["detail"]
        assert "Diensten uitvoeren" in body["detail"]


def test_one_of_the_rights_is_enough(api_client_maken):
    _, api = api_client_maken(perms=[Perm.WERKVOORRAAD_INZIEN])
    assert api.get("/api/v1/voorlichtingen/").status_code == 200
    assert api.get("/api/v1/huisverboden/").status_code == 200
