"""POST/GET /api/v1/meldingen/: the intake service behind the API, idempotency, bad input."""

import json

import pytest

from zicht.accounts.permissions import Perm
from zicht.api.tests.conftest import melding_body
from zicht.audit.catalogue import Event
from zicht.casework.models import Casus
from zicht.intake.models import Melding
from zicht.people.models import Persoon

pytestmark = pytest.mark.django_db

URL = "/api/v1/meldingen/"


def _params(response):
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


def test_create_registers_through_the_service_and_audits_the_client(koppeling, audit_rows):
    client_obj, api = koppeling
    response = api.post_json(URL, melding_body())
    assert response.status_code == 201, response.content
    body = response.json()
    melding = Melding.objects.get()
    assert body["id"] == melding.pk
    assert body["nummer"] == f"M-{melding.pk:06d}"
    assert response["Location"].endswith(f"/api/v1/meldingen/{melding.pk}/")
    assert body["casus_nummer"] == melding.casus.nummer
    assert body["aanleidingen"] == ["01"]
    assert body["aarden"] == ["01", "08"]
    assert [b["rol"] for b in body["betrokkenen"]] == ["slachtoffer", "kind"]
    # Dates in ISO 8601, Europe/Amsterdam: 09:45 +01:00 in March.
    assert body["ontvangen_op"] == "2026-03-10T09:45:00+01:00"
    # Bronbescherming: the melder's identity is not in the answer.
    assert "Bakker" not in response.content.decode()
    assert body["melder"] == {"hoedanigheid": "02", "anoniem_naar_gezin": False}
    # The service's own event and the API write event, both by the service user.
    assert [r.actor_id for r in audit_rows(Event.MELDING_GEREGISTREERD)] == [
        client_obj.gebruiker_id
    ]
    (schrijf,) = audit_rows(Event.API_SCHRIJFACTIE)
    assert schrijf.data == {
        "client": client_obj.pk,
        "resource": "meldingen",
        "actie": "aanmaken",
        "status": 201,
    }
    assert schrijf.target_id == str(melding.pk)


def test_validation_errors_per_field_and_nothing_written(koppeling):
    _, api = koppeling
    body = melding_body(aanleidingen=["99"])
    body["melder"]["naam"] = ""
    body["melder"]["telefoon"] = ""
    body["personen"][0]["bsn"] = "123456788"
    response = api.post_json(URL, body)
    assert response.status_code == 400
    params = _params(response)
    assert "Onbekende code(s): 99." in params["aanleidingen"]
    assert "melder.naam" in params
    assert "personen.0.bsn" in params
    assert response.json()["title"] == "Ongeldige invoer"
    assert not Melding.objects.exists()
    assert not Persoon.objects.exists()
    assert not Casus.objects.exists()


def test_unknown_fields_are_refused_also_nested(koppeling):
    _, api = koppeling
    body = melding_body(prioriteit="hoog")
    body["personen"][1]["schoenmaat"] = 31
    response = api.post_json(URL, body)
    assert response.status_code == 400
    params = _params(response)
    assert params["prioriteit"] == "Onbekend veld."
    assert params["personen.1.schoenmaat"] == "Onbekend veld."
    assert not Melding.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde", "param"),
    [
        ("acuut", "misschien", "acuut"),
        ("personen", "Anna", "personen"),
        ("aanleidingen", [{"code": "01"}], "aanleidingen.0"),
        ("ontvangen_op", "gisteren", "ontvangen_op"),
        ("ontvangen_op", "0001-01-01T00:00:00Z", "ontvangen_op"),
        ("advies", 10**30, "advies"),
        ("kanaal", "duif", "kanaal"),
    ],
)
def test_wrong_types_are_400(koppeling, veld, waarde, param):
    _, api = koppeling
    response = api.post_json(URL, melding_body(**{veld: waarde}))
    assert response.status_code == 400
    assert param in _params(response)
    assert not Melding.objects.exists()


def test_invalid_birth_date_and_relation(koppeling):
    _, api = koppeling
    body = melding_body()
    body["personen"][0]["geboortedatum"] = "1988-02-30"
    body["personen"][1]["relatie_met"] = 20
    response = api.post_json(URL, body)
    assert response.status_code == 400
    params = _params(response)
    assert "geen dag 30" in params["personen.0.geboortedatum"]
    assert "personen.1.relatie_met" in params
    assert not Persoon.objects.exists()


@pytest.mark.parametrize(
    ("inhoud", "status"),
    [
        (b'{"ontvangen_op": ', 400),
        (b"[1, 2, 3]", 400),
        (b'{"signalen": NaN}', 400),
        (b'{"signalen": "a\\u0000b"}', 400),
        (b"\xff\xfe", 400),
    ],
)
def test_malformed_json(koppeling, inhoud, status):
    _, api = koppeling
    response = api.generic("POST", URL, inhoud, content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert not Melding.objects.exists()


def test_oversized_body_is_413(koppeling, settings):
    settings.ZICHT_API_MAX_BODY_BYTES = 10_000
    _, api = koppeling
    response = api.post_json(URL, melding_body(signalen="x" * 20_000))
    assert response.status_code == 413
    assert response.json()["title"] == "Verzoek te groot"
    assert not Melding.objects.exists()


def test_other_media_type_is_415(koppeling):
    _, api = koppeling
    response = api.post(URL, "signalen=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["title"] == "Mediatype niet ondersteund"


def test_idempotency_key_returns_the_first_result(koppeling, audit_rows):
    _, api = koppeling
    eerste = api.post_json(URL, melding_body(), HTTP_IDEMPOTENCY_KEY="abc-123")
    tweede = api.post_json(URL, melding_body(), HTTP_IDEMPOTENCY_KEY="abc-123")
    assert eerste.status_code == tweede.status_code == 201
    assert tweede.json() == eerste.json()
    assert tweede["Idempotent-Replayed"] == "true"
    assert tweede["Location"] == eerste["Location"]
    assert Melding.objects.count() == 1
    assert len(audit_rows(Event.MELDING_GEREGISTREERD)) == 1
    # Same key, other body: refused, nothing written.
    anders = api.post_json(URL, melding_body(acuut=True), HTTP_IDEMPOTENCY_KEY="abc-123")
    assert anders.status_code == 422
    assert anders.json()["title"] == "Niet verwerkbaar"
    assert Melding.objects.count() == 1
    # A new key is a new melding.
    assert api.post_json(URL, melding_body(), HTTP_IDEMPOTENCY_KEY="abc-124").status_code == 201
    assert Melding.objects.count() == 2


def test_idempotency_key_is_per_client(koppeling, api_client_maken, vb_team):
    _, api = koppeling
    _, ander = api_client_maken(teams=[vb_team])
    assert api.post_json(URL, melding_body(), HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    assert ander.post_json(URL, melding_body(), HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    assert Melding.objects.count() == 2


def test_bad_idempotency_key_is_400(koppeling):
    _, api = koppeling
    response = api.post_json(URL, melding_body(), HTTP_IDEMPOTENCY_KEY="x" * 201)
    assert response.status_code == 400
    assert "Idempotency-Key" in _params(response)


def test_without_permission_403_and_nothing_written(api_client_maken, vb_team, nu):
    _, api = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    response = api.post_json(URL, melding_body())
    assert response.status_code == 403
    assert not Melding.objects.exists()


def test_without_scope_403(api_client_maken, vb_team, nu):
    _, api = api_client_maken(teams=[vb_team], scopes=["meldingen:lezen"])
    response = api.post_json(URL, melding_body())
    assert response.status_code == 403
    assert "meldingen:aanmaken" in response.json()["detail"]
    assert api.get(URL).status_code == 200


def test_existing_person_outside_scope_is_not_found(koppeling, api_client_maken, voordeur_team):
    _, api = koppeling
    assert api.post_json(URL, melding_body()).status_code == 201
    anna = Persoon.objects.get(voornamen="Anna")
    _, buiten = api_client_maken(teams=[voordeur_team])
    body = melding_body()
    body["personen"][0] = {"rol": "slachtoffer", "bestaande_persoon": anna.pk}
    response = buiten.post_json(URL, body)
    assert response.status_code == 400
    assert "personen.0.bestaande_persoon" in _params(response)
    assert Melding.objects.count() == 1


def test_read_list_filter_sort_and_scope(koppeling, api_client_maken, voordeur_team, audit_rows):
    client_obj, api = koppeling
    ids = [api.post_json(URL, melding_body(acuut=acuut)).json()["id"] for acuut in (False, True)]
    lijst = api.get(URL).json()
    assert [m["id"] for m in lijst["results"]] == sorted(ids, reverse=True)
    assert lijst["count"] == 2
    assert lijst["countIsCapped"] is False
    assert lijst["_links"]["next"] is None
    assert lijst["_links"]["self"]["href"].endswith(URL)
    assert [m["id"] for m in api.get(URL, {"acuut": "true"}).json()["results"]] == [ids[1]]
    oplopend = api.get(URL, {"sorteer": "id"}).json()["results"]
    assert [m["id"] for m in oplopend] == ids
    pagina = api.get(URL, {"pageSize": 1}).json()
    assert (
        pagina["_links"]["next"]["href"].endswith("page=2&pageSize=1")
        or "page=2" in (pagina["_links"]["next"]["href"])
    )
    assert api.get(URL, {"sorteer": "signalen"}).status_code == 400
    assert api.get(URL, {"page": 9}).status_code == 400
    assert api.get(URL, {"acuut": "soms"}).status_code == 400
    # Reads of personal data are audited with the client.
    gelezen = audit_rows(Event.API_PERSOONSGEGEVENS_GELEZEN)
    assert gelezen
    assert all(r.data["client"] == client_obj.pk for r in gelezen)
    # Another team's integration sees none of them (404 on the detail).
    _, buiten = api_client_maken(teams=[voordeur_team], perms=[Perm.CASUS_INZIEN])
    assert buiten.get(URL).json()["count"] == 0
    assert buiten.get(f"{URL}{ids[0]}/").status_code == 404


def test_detail_not_found_and_etag(koppeling):
    _, api = koppeling
    melding_id = api.post_json(URL, melding_body()).json()["id"]
    response = api.get(f"{URL}{melding_id}/")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert api.get(f"{URL}999999/").status_code == 404
    assert api.get(f"{URL}99999999999999999999999/").status_code == 404


def test_session_user_can_use_the_api_too(make_user, verified_client, vb_team, nu):
    user = make_user("scherm", perms=[Perm.MELDING_REGISTREREN, Perm.CASUS_INZIEN], teams=[vb_team])
    client = verified_client(user)
    response = client.post(URL, json.dumps(melding_body()), content_type="application/json")
    assert response.status_code == 201


def test_lists_use_a_constant_number_of_queries(koppeling):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, api = koppeling

    def tel(pad):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(pad).status_code == 200
        return len(queries)

    api.post_json(URL, melding_body())
    een = {pad: tel(pad) for pad in (URL, "/api/v1/casussen/", "/api/v1/personen/")}
    for _ in range(3):
        api.post_json(URL, melding_body())
    assert {pad: tel(pad) for pad in een} == een
