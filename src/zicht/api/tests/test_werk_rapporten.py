# ruff: noqa: F811 - fixtures of the diensten tests are re-used here
"""Overdrachten, monitoring contacts, huisverboden, voorlichtingen and reports (export jobs)."""

import pytest

from zicht.accounts.permissions import Perm
from zicht.api.tests.conftest import melding_body
from zicht.assessment.models import Ketenpartner
from zicht.diensten import inhoud_services
from zicht.diensten.models_werk import Voorlichting
from zicht.diensten.tests.test_inhoud_services import (  # noqa: F401 - fixtures re-used
    LATER,
    overdracht,
    vv_dienst,
)
from zicht.intake.models import Melding
from zicht.reporting.models import Export, ExportStatus

pytestmark = pytest.mark.django_db

WERKER = (Perm.CASUS_INZIEN, Perm.MELDING_REGISTREREN, Perm.DIENST_UITVOEREN)
VOORLICHTING = {
    "datum": "2026-03-05",
    "onderwerp": "Meldcode",
    "doelgroep": "leerkrachten",
    "organisatie": "Basisschool",
    "deelnemers": 20,
    "minuten": 90,
}


def _params(response):
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


def test_huisverbod_recorded_and_read_in_scope(api_client_maken, vb_team, voordeur_team, nu):
    _, api = api_client_maken(perms=WERKER, teams=[vb_team])
    melding = Melding.objects.get(
        pk=api.post_json("/api/v1/meldingen/", melding_body()).json()["id"]
    )
    betrokkenen = [b.pk for b in melding.casus.betrokkenen.order_by("pk")]
    body = {
        "casus": melding.casus.pk,
        "opgelegd_op": "2026-03-10T08:00:00+01:00",
        "opgelegd_door": "burgemeester",
        "uithuisgeplaatste": betrokkenen[0],
        "beschermden": betrokkenen[1:],
    }
    zelfde = api.post_json("/api/v1/huisverboden/", {**body, "beschermden": betrokkenen[:1]})
    assert zelfde.status_code == 400
    assert "beschermden" in _params(zelfde)
    vreemd = api.post_json("/api/v1/huisverboden/", {**body, "beschermden": [999999]})
    assert "beschermden" in _params(vreemd)
    response = api.post_json("/api/v1/huisverboden/", body)
    assert response.status_code == 201, response.content
    huisverbod_id = response.json()["id"]
    lijst = api.get("/api/v1/huisverboden/").json()
    assert [h["id"] for h in lijst["results"]] == [huisverbod_id]
    detail = api.get(f"/api/v1/huisverboden/{huisverbod_id}/")
    assert detail.json()["beschermden"] == betrokkenen[1:]
    assert detail["ETag"] == '"1"'
    _, buiten = api_client_maken(perms=WERKER, teams=[voordeur_team])
    assert buiten.get(f"/api/v1/huisverboden/{huisverbod_id}/").status_code == 404
    geen_casus = buiten.post_json("/api/v1/huisverboden/", body)
    assert "casus" in _params(geen_casus)
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert zonder.get("/api/v1/huisverboden/").status_code == 403
    assert zonder.post_json("/api/v1/huisverboden/", body).status_code == 403


def test_overdrachten_and_monitoring_contacts_empty_scope_and_404(api_client_maken, vb_team):
    _, api = api_client_maken(perms=WERKER, teams=[vb_team])
    assert api.get("/api/v1/overdrachten/").json()["count"] == 0
    assert api.get("/api/v1/overdrachten/1/").status_code == 404
    assert api.get("/api/v1/monitoring-contacten/").json()["count"] == 0
    assert api.get("/api/v1/monitoring-contacten/1/").status_code == 404
    assert api.get("/api/v1/overdrachten/", {"soort": "iets"}).status_code == 400
    _, zonder = api_client_maken(perms=[Perm.MELDING_REGISTREREN], teams=[vb_team])
    assert zonder.get("/api/v1/overdrachten/").status_code == 403


def test_voorlichting_create_change_with_if_match(api_client_maken, nu):
    _, api = api_client_maken(perms=WERKER)
    response = api.post_json("/api/v1/voorlichtingen/", VOORLICHTING)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    fout = api.post_json("/api/v1/voorlichtingen/", {**VOORLICHTING, "minuten": 0})
    assert fout.status_code == 400
    assert "minuten" in _params(fout)
    url = f"/api/v1/voorlichtingen/{pk}/"
    gewijzigd = {**VOORLICHTING, "deelnemers": 25}
    assert api.put(url, gewijzigd, content_type="application/json").status_code == 428
    ok = api.put(url, gewijzigd, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200
    assert ok["ETag"] == '"2"'
    oud = api.put(url, VOORLICHTING, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert oud.status_code == 412
    assert Voorlichting.objects.get().deelnemers == 25
    assert api.get("/api/v1/voorlichtingen/").json()["count"] == 1
    _, lezer = api_client_maken(perms=[Perm.WERKVOORRAAD_INZIEN])
    assert lezer.get(url).status_code == 200
    assert lezer.post_json("/api/v1/voorlichtingen/", VOORLICHTING).status_code == 403


def test_report_job_request_poll_download(api_client_maken, nu, django_capture_on_commit_callbacks):
    _, api = api_client_maken(perms=[Perm.RAPPORTAGE_INZIEN])
    fout = api.post_json("/api/v1/rapporten/", {"soort": "jaarverslag", "periode": "2030"})
    assert fout.status_code == 400
    assert not Export.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post_json("/api/v1/rapporten/", {"soort": "jaarverslag", "periode": "2025"})
    assert response.status_code == 202, response.content
    locatie = response["Location"]
    export = Export.objects.get()
    status = api.get(locatie).json()
    assert status["id"] == export.pk
    assert status["status"] == ExportStatus.KLAAR, status
    assert status["procent"] == 100
    bestand = api.get(status["download"])
    assert bestand.status_code == 200
    assert b"".join(bestand.streaming_content)[:2] == b"PK"  # xlsx is a zip
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN])
    assert zonder.get(locatie).status_code == 403
    _, cbs = api_client_maken(perms=[Perm.CBS_AANLEVEREN])
    assert cbs.get(locatie).status_code == 404
    assert (
        cbs.post_json("/api/v1/rapporten/", {"soort": "jaarverslag", "periode": "2025"}).status_code
        == 403
    )


# --- Writes through the diensten services ------------------------------------------------------


def test_overdracht_refused_then_accepted_with_if_match(
    overdracht, collega, api_client_maken, vb_team
):
    d, _monitoring = overdracht
    _, api = api_client_maken(perms=WERKER, teams=[vb_team])
    d = inhoud_services.overdracht_aanbieden(
        actor=collega,
        dienst=d,
        expected_version=d.version,
        ketenpartner=Ketenpartner.objects.create(naam="Wijkteam (API-test)", soort="wijkteam"),
        aangeboden_op=LATER.date(),
        nu=LATER,
    )
    basis = f"/api/v1/overdrachten/{d.pk}/"
    assert api.get(basis)["ETag"] == f'"{d.version}"'
    weigering = {"geweigerd_op": LATER.date().isoformat(), "reden": "Geen capaciteit"}
    assert api.post_json(f"{basis}weigering/", weigering).status_code == 428
    assert api.post_json(f"{basis}weigering/", weigering, HTTP_IF_MATCH='"99"').status_code == 412
    geweigerd = api.post_json(f"{basis}weigering/", weigering, HTTP_IF_MATCH=f'"{d.version}"')
    assert geweigerd.status_code == 200, geweigerd.content
    assert geweigerd.json()["fase"] == "geweigerd"
    d.refresh_from_db()
    d = inhoud_services.overdracht_aanbieden(
        actor=collega,
        dienst=d,
        expected_version=d.version,
        ketenpartner=Ketenpartner.objects.create(naam="GGZ (API-test)", soort="GGZ"),
        aangeboden_op=LATER.date(),
        nu=LATER,
    )
    fout = api.post_json(
        f"{basis}acceptatie/",
        {
            "geaccepteerd_op": "2026-04-19",
            "geaccepteerd_door": "",
            "verantwoordelijk_vanaf": "2026-04-18",
        },
        HTTP_IF_MATCH=f'"{d.version}"',
    )
    assert fout.status_code == 400
    assert {"geaccepteerd_door", "geaccepteerd_op", "verantwoordelijk_vanaf"} <= set(_params(fout))
    datum = LATER.date().isoformat()
    ok = api.post_json(
        f"{basis}acceptatie/",
        {
            "geaccepteerd_op": datum,
            "geaccepteerd_door": "J. de Vries",
            "verantwoordelijk_vanaf": datum,
        },
        HTTP_IF_MATCH=f'"{d.version}"',
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "afgerond"
    _, lezer = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert lezer.post_json(f"{basis}weigering/", weigering, HTTP_IF_MATCH='"1"').status_code == 403


def test_monitoring_contact_recorded_with_if_match(overdracht, api_client_maken, vb_team):
    _o, m = overdracht
    _, api = api_client_maken(perms=WERKER, teams=[vb_team])
    contact = {
        "dienst": m.pk,
        "datum": "2026-05-21",
        "met_wie": "moeder",
        "voorwaarden": "ja",
        "veiligheid": "stabiel",
    }
    assert api.post_json("/api/v1/monitoring-contacten/", contact).status_code == 428
    ongeldig = api.post_json(
        "/api/v1/monitoring-contacten/", {**contact, "veiligheid": "?"}, HTTP_IF_MATCH='"1"'
    )
    assert "veiligheid" in _params(ongeldig)
    response = api.post_json(
        "/api/v1/monitoring-contacten/", contact, HTTP_IF_MATCH=f'"{m.version}"'
    )
    assert response.status_code == 201, response.content
    assert response.json()["met_wie"] == "moeder"
    assert api.get(response["Location"]).status_code == 200
    geen = api.post_json(
        "/api/v1/monitoring-contacten/", {**contact, "dienst": _o.pk}, HTTP_IF_MATCH='"1"'
    )
    assert "dienst" in _params(geen)
