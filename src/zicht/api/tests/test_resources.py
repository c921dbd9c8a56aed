"""Per route: success, validation error, 403 and 404 — adviezen, CORV, casussen, personen,
veiligheidsbeoordelingen, besluiten (propose/confirm with If-Match), diensten, planning."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from zicht.accounts.permissions import Perm
from zicht.api.scopes import ALLE_SCOPES
from zicht.api.tests.conftest import DESKUNDIGE, STRUCTUREEL, VOORSTELLER, melding_body
from zicht.assessment.models import Besluit, BesluitStatus, Veiligheidsbeoordeling
from zicht.audit.catalogue import Event
from zicht.diensten.models import Dienst
from zicht.intake.models import Advies, CorvBericht, CorvStatus, Melding, MeldingStatus
from zicht.planning.models import Parameterset

pytestmark = pytest.mark.django_db

CORV = Path(__file__).parents[2] / "intake" / "tests" / "data"


def _params(response):
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


# --- Adviezen --------------------------------------------------------------------------------

ADVIES = {
    "ontvangen_op": "2026-03-10T09:30:00+01:00",
    "kanaal": "telefoon",
    "adviesvrager": {"hoedanigheid": "02", "anoniem": True, "organisatie": "Basisschool"},
    "aanleidingen": ["01"],
    "aarden": ["01"],
    "vraag": "Een leerkracht twijfelt over blauwe plekken.",
    "gegeven_advies": "Bespreek het met de ouders en bel terug.",
    "duur_minuten": 15,
}


def test_adviezen_create_read_validation_and_403(koppeling, api_client_maken, vb_team):
    _, api = koppeling
    response = api.post_json("/api/v1/adviezen/", ADVIES)
    assert response.status_code == 201, response.content
    advies = Advies.objects.get()
    assert response.json()["nummer"] == f"A-{advies.pk:06d}"
    assert api.get(f"/api/v1/adviezen/{advies.pk}/").json()["duur_minuten"] == 15
    assert api.get("/api/v1/adviezen/").json()["count"] == 1
    assert api.get("/api/v1/adviezen/424242/").status_code == 404
    fout = api.post_json("/api/v1/adviezen/", {**ADVIES, "duur_minuten": 0})
    assert fout.status_code == 400
    assert "duur_minuten" in _params(fout)
    leeg = api.post_json("/api/v1/adviezen/", {**ADVIES, "vraag": " "})
    assert "vraag" in _params(leeg)
    assert Advies.objects.count() == 1
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert zonder.get("/api/v1/adviezen/").status_code == 403
    assert zonder.post_json("/api/v1/adviezen/", ADVIES).status_code == 403
    assert zonder.get(f"/api/v1/adviezen/{advies.pk}/").status_code == 403


def test_an_advies_records_the_familys_gemeente(koppeling):
    _, api = koppeling
    assert api.post_json("/api/v1/adviezen/", ADVIES).json()["gemeente_code"] is None
    response = api.post_json("/api/v1/adviezen/", {**ADVIES, "gemeente_code": "GM0361"})
    assert response.status_code == 201, response.content
    assert response.json()["gemeente_code"] == "GM0361"
    assert Advies.objects.get(pk=response.json()["id"]).gemeente_id == "GM0361"
    fout = api.post_json("/api/v1/adviezen/", {**ADVIES, "gemeente_code": "GM9999"})
    assert fout.status_code == 400
    assert _params(fout) == {"gemeente_code": "Kies een gemeente uit de lijst."}
    assert Advies.objects.count() == 2


# --- CORV ------------------------------------------------------------------------------------


def _zorgmelding(bericht_id="PZM-1"):
    data = json.loads((CORV / "zorgmeldingen-batch.json").read_text(encoding="utf-8"))
    bericht = data["berichten"][0] if isinstance(data, dict) else data[0]
    personen = [dict(p) for p in bericht.get("personen", [])]
    personen[0]["bsn"] = "111222333"
    return {**bericht, "bericht_id": bericht_id, "personen": personen}


def test_corv_receive_once_mask_bsn_and_niet_hgkm(koppeling, api_client_maken, vb_team):
    _, api = koppeling
    eerste = api.post_json("/api/v1/corv-berichten/", {"inhoud": _zorgmelding()})
    assert eerste.status_code == 201, eerste.content
    tweede = api.post_json("/api/v1/corv-berichten/", {"inhoud": _zorgmelding()})
    assert tweede.status_code == 200
    assert tweede.json()["id"] == eerste.json()["id"]
    assert CorvBericht.objects.count() == 1
    fout = api.post_json("/api/v1/corv-berichten/", {"inhoud": {"formaat": "iets anders"}})
    assert fout.status_code == 400
    assert "inhoud" in _params(fout)
    assert api.post_json("/api/v1/corv-berichten/", {"inhoud": [1]}).status_code == 400
    bericht_id = eerste.json()["id"]
    # BSNs only with the personen:bsn scope.
    _, zonder_bsn = api_client_maken(teams=[vb_team], scopes=ALLE_SCOPES - {"personen:bsn"})
    bsns = [p.get("bsn") for p in _zorgmelding()["personen"] if p.get("bsn")]
    gemaskeerd = zonder_bsn.get(f"/api/v1/corv-berichten/{bericht_id}/").content.decode()
    assert bsns
    assert all(bsn not in gemaskeerd for bsn in bsns)
    assert all(
        bsn in api.get(f"/api/v1/corv-berichten/{bericht_id}/").content.decode() for bsn in bsns
    )
    leeg = api.post_json(
        f"/api/v1/corv-berichten/{bericht_id}/niet-hgkm/", {"doorgestuurd_naar": " "}
    )
    assert leeg.status_code == 400
    assert "doorgestuurd_naar" in _params(leeg)
    ok = api.post_json(
        f"/api/v1/corv-berichten/{bericht_id}/niet-hgkm/", {"doorgestuurd_naar": "Wijkteam"}
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == CorvStatus.NIET_HGKM
    assert api.get("/api/v1/corv-berichten/999999/").status_code == 404
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert zonder.get("/api/v1/corv-berichten/").status_code == 403


# --- Casussen and personen ---------------------------------------------------------------------


def test_casussen_and_personen_in_scope_only(koppeling, api_client_maken, voordeur_team, vb_team):
    _, api = koppeling
    body = melding_body()
    body["personen"][0]["bsn"] = "111222333"
    melding_id = api.post_json("/api/v1/meldingen/", body).json()["id"]
    casus = Melding.objects.get(pk=melding_id).casus
    lijst = api.get("/api/v1/casussen/").json()
    assert [c["id"] for c in lijst["results"]] == [casus.pk]
    detail = api.get(f"/api/v1/casussen/{casus.pk}/")
    assert detail.status_code == 200
    assert detail.json()["meldingen"] == [melding_id]
    assert detail["ETag"] == f'"{casus.version}"'
    assert api.get("/api/v1/casussen/", {"status": "onbekend"}).status_code == 400
    personen = api.get("/api/v1/personen/", {"casus": casus.pk}).json()["results"]
    anna = next(p for p in personen if p["voornamen"] == "Anna")
    assert anna["bsn"] == "111222333"
    assert anna["geboortedatum"] == "1988-03-12"
    _, zonder_bsn = api_client_maken(teams=[vb_team], scopes={"personen:lezen"})
    beperkt = zonder_bsn.get(f"/api/v1/personen/{anna['id']}/").json()
    assert beperkt["bsn"] is None
    assert "111222333" not in json.dumps(beperkt)
    # Another team: the casus and its persons do not exist (404), lists are empty.
    _, buiten = api_client_maken(teams=[voordeur_team])
    assert buiten.get(f"/api/v1/casussen/{casus.pk}/").status_code == 404
    assert buiten.get(f"/api/v1/personen/{anna['id']}/").status_code == 404
    assert buiten.get("/api/v1/casussen/").json()["count"] == 0
    # Without CASUS_INZIEN: 403.
    _, zonder = api_client_maken(perms=[Perm.MELDING_REGISTREREN], teams=[vb_team])
    assert zonder.get("/api/v1/casussen/").status_code == 403
    assert zonder.get(f"/api/v1/personen/{anna['id']}/").status_code == 403


# --- Veiligheidsbeoordelingen and besluiten ---------------------------------------------------


@pytest.fixture
def vb(api_client_maken, vb_team, melding, nu):
    """Two assessment integrations (proposer and confirmer) around the melding."""
    _, voorsteller = api_client_maken(perms=VOORSTELLER, teams=[vb_team])
    _, bevestiger = api_client_maken(perms=DESKUNDIGE, teams=[vb_team])
    return melding, voorsteller, bevestiger


def test_triage_needs_if_match_and_refuses_stale(vb):
    melding, api, _ = vb
    start = api.post_json("/api/v1/veiligheidsbeoordelingen/", {"melding": melding.pk})
    assert start.status_code == 201
    beoordeling_id = start.json()["id"]
    assert start["ETag"] == '"1"'
    url = f"/api/v1/veiligheidsbeoordelingen/{beoordeling_id}/"
    zonder = api.patch_json(url, {"antwoorden": {"structureel": "ja"}})
    assert zonder.status_code == 428
    ok = api.patch_json(url, {"antwoorden": {"structureel": "ja"}}, HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200, ok.content
    assert ok["ETag"] == '"2"'
    oud = api.patch_json(url, {"antwoorden": {"structureel": "nee"}}, HTTP_IF_MATCH='"1"')
    assert oud.status_code == 412
    assert Veiligheidsbeoordeling.objects.get().antwoorden["structureel"] == "ja"
    fout = api.patch_json(url, {"antwoorden": {"structureel": "misschien"}}, HTTP_IF_MATCH='"2"')
    assert fout.status_code == 400
    assert "antwoorden.structureel" in _params(fout)
    assert api.get("/api/v1/veiligheidsbeoordelingen/999999/").status_code == 404


def test_propose_and_confirm_through_the_services(vb, audit_rows):
    melding, voorsteller, bevestiger = vb
    leeg = voorsteller.post_json(
        "/api/v1/besluiten/", {"melding": melding.pk, "soort": "onderzoek", "motivering": ""}
    )
    assert leeg.status_code == 400
    assert "motivering" in _params(leeg)
    assert not Besluit.objects.exists()
    voorstel = voorsteller.post_json(
        "/api/v1/besluiten/",
        {
            "melding": melding.pk,
            "soort": "onderzoek",
            "motivering": "Structureel onveilig.",
            "antwoorden": STRUCTUREEL,
        },
    )
    assert voorstel.status_code == 201, voorstel.content
    besluit_id = voorstel.json()["id"]
    etag = voorstel["ETag"]
    url = f"/api/v1/besluiten/{besluit_id}/bevestiging/"
    # Four eyes: the proposer cannot confirm; nothing changes.
    zelf = voorsteller.post_json(url, {}, HTTP_IF_MATCH=etag)
    assert zelf.status_code == 400
    assert Besluit.objects.get().status == BesluitStatus.VOORGESTELD
    assert bevestiger.post_json(url, {}).status_code == 428
    assert bevestiger.post_json(url, {}, HTTP_IF_MATCH='"99"').status_code == 412
    ok = bevestiger.post_json(url, {}, HTTP_IF_MATCH=etag)
    assert ok.status_code == 200, ok.content
    dienst = Dienst.objects.get()
    assert ok.json()["dienst"] == dienst.pk
    assert ok.json()["besluit"]["status"] == BesluitStatus.BEVESTIGD
    assert Melding.objects.get().status == MeldingStatus.BESLOTEN
    assert audit_rows(Event.BESLUIT_BEVESTIGD)
    # A second confirmation with the old ETag: 412, nothing doubled.
    assert bevestiger.post_json(url, {}, HTTP_IF_MATCH=etag).status_code == 412
    assert Dienst.objects.count() == 1
    assert bevestiger.get(f"/api/v1/diensten/{dienst.pk}/").json()["soort"] == "onderzoek"
    assert bevestiger.get("/api/v1/diensten/").json()["count"] == 1
    assert bevestiger.get("/api/v1/besluiten/", {"status": "bevestigd"}).json()["count"] == 1


def test_besluit_permissions_and_scope(vb, api_client_maken, voordeur_team, vb_team):
    melding, voorsteller, _ = vb
    besluit = voorsteller.post_json(
        "/api/v1/besluiten/",
        {"melding": melding.pk, "soort": "onderzoek", "motivering": "x", "antwoorden": STRUCTUREEL},
    )
    besluit_id = besluit.json()["id"]
    _, lezer = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert lezer.get("/api/v1/besluiten/").status_code == 403
    assert (
        lezer.post_json(
            f"/api/v1/besluiten/{besluit_id}/bevestiging/", {}, HTTP_IF_MATCH=besluit["ETag"]
        ).status_code
        == 403
    )
    _, buiten = api_client_maken(perms=VOORSTELLER, teams=[voordeur_team])
    assert buiten.get(f"/api/v1/besluiten/{besluit_id}/").status_code == 404
    assert (
        buiten.post_json(
            f"/api/v1/besluiten/{besluit_id}/terugsturing/", {"reden": "x"}, HTTP_IF_MATCH='"1"'
        ).status_code
        == 404
    )
    nergens = buiten.post_json(
        "/api/v1/besluiten/", {"melding": melding.pk, "soort": "onderzoek", "motivering": "x"}
    )
    assert nergens.status_code == 400
    assert "melding" in _params(nergens)


def test_send_back_with_reason(vb):
    melding, voorsteller, bevestiger = vb
    voorstel = voorsteller.post_json(
        "/api/v1/besluiten/",
        {"melding": melding.pk, "soort": "onderzoek", "motivering": "x", "antwoorden": STRUCTUREEL},
    )
    url = f"/api/v1/besluiten/{voorstel.json()['id']}/terugsturing/"
    leeg = bevestiger.post_json(url, {"reden": ""}, HTTP_IF_MATCH=voorstel["ETag"])
    assert leeg.status_code == 400
    assert "reden" in _params(leeg)
    ok = bevestiger.post_json(
        url, {"reden": "Eerst de school spreken."}, HTTP_IF_MATCH=voorstel["ETag"]
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == BesluitStatus.TERUGGESTUURD


# --- Planning --------------------------------------------------------------------------------


def test_planning_evaluates_entered_volumes(api_client_maken):
    _, api = api_client_maken(perms=[Perm.RAPPORTAGE_INZIEN])
    parameterset = Parameterset.objects.filter(jaar=2019).order_by("-versie").first()
    waarden = {p.sleutel: p.waarde for p in parameterset.parameters.all()}
    volumes = {
        sleutel.removeprefix("urennorm."): 10
        for sleutel in waarden
        if sleutel.startswith("urennorm.")
    }
    response = api.post_json("/api/v1/planning/evaluaties/", {"jaar": 2019, "volumes": volumes})
    assert response.status_code == 200, response.content
    body = response.json()
    uren = sum(10 * waarden[f"urennorm.{d}"] for d in volumes)
    verwacht = uren / waarden["formatie.productieve_uren_per_fte"]
    assert Decimal(body["fte_uitvoering"]) == verwacht.quantize(Decimal("0.01"))
    assert {r["dienst"] for r in body["regels"]} == set(volumes)
    midden = api.post_json("/api/v1/planning/evaluaties/", {"jaar": 2019, "scenario": "midden"})
    assert midden.status_code == 200
    beide = api.post_json(
        "/api/v1/planning/evaluaties/", {"jaar": 2019, "scenario": "midden", "volumes": volumes}
    )
    assert beide.status_code == 400
    geen_jaar = api.post_json("/api/v1/planning/evaluaties/", {"jaar": 2031, "scenario": "laag"})
    assert geen_jaar.status_code == 400
    assert "jaar" in _params(geen_jaar)
    negatief = api.post_json(
        "/api/v1/planning/evaluaties/", {"jaar": 2019, "volumes": {**volumes, "advies": -1}}
    )
    assert "volumes.advies" in _params(negatief)
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN])
    assert (
        zonder.post_json(
            "/api/v1/planning/evaluaties/", {"jaar": 2019, "scenario": "midden"}
        ).status_code
        == 403
    )
