"""The planning evaluation and the report requests leave their checks to the services
(``planning.selectors.begroting_doorrekenen``, ``reporting.services.export_aanvragen``): their
Dutch errors come back as 400 problem+json at the field they concern."""

from __future__ import annotations

import pytest

from zicht.accounts.permissions import Perm
from zicht.reporting.models import Export

pytestmark = pytest.mark.django_db

EVALUATIES = "/api/v1/planning/evaluaties/"
RAPPORTEN = "/api/v1/rapporten/"
DIENSTEN = (
    "advies",
    "melding_en_veiligheidsbeoordeling",
    "overdracht_na_veiligheidsbeoordeling",
    "voorwaarden_en_vervolg",
    "onderzoek",
    "overdracht_na_bemoeienis",
    "monitoren",
    "tijdelijk_huisverbod",
    "voorlichting",
)


def _params(response) -> dict[str, str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["reason"] for p in response.json()["invalidParams"]}


@pytest.fixture
def planner(api_client_maken):
    return api_client_maken(perms=[Perm.RAPPORTAGE_INZIEN])[1]


PLANNING_FOUTEN = [
    # (body, field, Dutch message fragment — the model's own)
    (  # a negative volume: the model's rule, not a schema bound
        {"jaar": 2019, "volumes": {**dict.fromkeys(DIENSTEN, 5), "onderzoek": -3}},
        "volumes.onderzoek",
        "Een volume kan niet negatief zijn.",
    ),
    (  # scenario and volumes both
        {"jaar": 2019, "scenario": "laag", "volumes": dict.fromkeys(DIENSTEN, 5)},
        "nonFieldErrors",
        "niet beide of geen van twee",
    ),
    ({"jaar": 2019}, "nonFieldErrors", "niet beide of geen van twee"),  # neither
    (  # no parameters for the year
        {"jaar": 2031, "scenario": "laag"},
        "jaar",
        "Er zijn geen planningsparameters voor 2031.",
    ),
    (  # 0 productive hours
        {"jaar": 2019, "scenario": "laag", "productieve_uren_per_fte": "0"},
        "productieve_uren_per_fte",
        "moet groter dan 0 zijn",
    ),
    (  # more than 40 × 52 productive hours: refused as on the Begroting page
        {"jaar": 2019, "scenario": "laag", "productieve_uren_per_fte": "2500"},
        "productieve_uren_per_fte",
        "Meer dan 2080 productieve uren",
    ),
]


@pytest.mark.parametrize(("body", "veld", "fragment"), PLANNING_FOUTEN)
def test_planning_evaluation_errors_are_the_models_at_the_field(planner, body, veld, fragment):
    params = _params(planner.post_json(EVALUATIES, body))
    assert list(params) == [veld]
    assert fragment in params[veld]


def test_planning_evaluation_accepts_what_the_model_accepts(planner):
    body = {"jaar": 2019, "scenario": "hoog", "productieve_uren_per_fte": "0.5"}
    response = planner.post_json(EVALUATIES, body)
    assert response.status_code == 200, response.content
    assert response.json()["productieve_uren_per_fte"] == "0.50"


def test_planning_evaluation_refusal_names_the_rights(api_client_maken):
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN])
    response = zonder.post_json(EVALUATIES, {"jaar": 2019, "scenario": "midden"})
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Hiervoor is het recht ‘Formatie, begroting en scenario's beheren’ of "
        "‘Managementrapportages en dashboard inzien’ nodig."
    )


RAPPORT_FOUTEN = [
    # (body, field, Dutch message fragment — reporting.services)
    (  # the board report of a year to come (the same check as the report page)
        {"soort": "bestuur", "periode": "2030", "maand": 8},
        "periode",
        "De periode 2030 ligt in de toekomst.",
    ),
    ({"soort": "bestuur", "periode": "2025", "maand": 5}, "maand", "kies maand 4, 8 of 12"),
    ({"soort": "jaarverslag", "periode": "2026"}, "periode", "nog niet afgelopen"),
    ({"soort": "jaarverslag", "periode": "2025", "formaat": "pdf"}, "formaat", "kies xlsx"),
    (
        {"soort": "gemeente", "periode": "2025", "gemeente_code": "GM9999"},
        "gemeente_code",
        "Onbekende gemeente ‘GM9999’",
    ),
    (
        {"soort": "jaarverslag", "periode": "2025", "correctie": True},
        "correctie",
        "Alleen een CBS-aanlevering",
    ),
]


@pytest.mark.parametrize(("body", "veld", "fragment"), RAPPORT_FOUTEN)
def test_report_request_errors_are_the_services_at_the_field(
    api_client_maken, nu, body, veld, fragment
):
    _, api = api_client_maken(perms=[Perm.RAPPORTAGE_INZIEN])
    params = _params(api.post_json(RAPPORTEN, body))
    assert list(params) == [veld]
    assert fragment in params[veld]
    assert not Export.objects.exists()
