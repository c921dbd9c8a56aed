"""API clients: hashed tokens, expiry, revocation, scopes, rate limits, management pages."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.api.models import ApiClient
from zicht.api.tests.conftest import ApiTestClient
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_token_is_stored_as_hash_only(api_client_maken):
    client_obj, api = api_client_maken()
    token = api.defaults["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    assert token.startswith(f"zicht_{client_obj.token_prefix}_")
    assert client_obj.token_hash == ApiClient.hash_token(token)
    opgeslagen = str(list(ApiClient.objects.values_list()))
    assert token not in opgeslagen
    assert token.split("_", 2)[2] not in opgeslagen
    response = api.get("/api/v1/ik/")
    assert response.status_code == 200
    assert response.json()["username"] == client_obj.gebruiker.username


def test_wrong_secret_with_a_known_prefix_is_401(api_client_maken):
    client_obj, _ = api_client_maken()
    fout = ApiTestClient(f"zicht_{client_obj.token_prefix}_verkeerd")
    response = fout.get("/api/v1/ik/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("hoe", ["ingetrokken", "verlopen", "inactief", "gebruiker_inactief"])
def test_revoked_expired_or_inactive_client_is_401_and_audited(api_client_maken, hoe):
    client_obj, api = api_client_maken()
    if hoe == "ingetrokken":
        ApiClient.objects.filter(pk=client_obj.pk).update(ingetrokken_op=timezone.now())
    elif hoe == "verlopen":
        ApiClient.objects.filter(pk=client_obj.pk).update(
            verloopt_op=timezone.now() - timedelta(seconds=1)
        )
    elif hoe == "inactief":
        ApiClient.objects.filter(pk=client_obj.pk).update(actief=False)
    else:
        client_obj.gebruiker.is_active = False
        client_obj.gebruiker.save()
    response = api.get("/api/v1/casussen/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Het token is ongeldig, verlopen of ingetrokken."
    rij = AuditEvent.objects.filter(event=Event.API_TOKEN_GEWEIGERD).get()
    assert rij.data["client"] == client_obj.pk


def test_scopes_per_resource_and_action(api_client_maken):
    _, api = api_client_maken(scopes=["casussen:lezen"])
    assert api.get("/api/v1/casussen/").status_code == 200
    geweigerd = api.get("/api/v1/meldingen/")
    assert geweigerd.status_code == 403
    assert geweigerd.json()["detail"] == "Deze API-client heeft de scope ‘meldingen:lezen’ niet."
    assert api.post_json("/api/v1/adviezen/", {}).status_code == 403


def test_rate_limit_per_client(api_client_maken, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_client": "2/min", "api_gebruiker": None},
    }
    cache.clear()
    _, api = api_client_maken()
    _, ander = api_client_maken()
    assert api.get("/api/v1/ik/").status_code == 200
    assert api.get("/api/v1/ik/").status_code == 200
    te_veel = api.get("/api/v1/ik/")
    assert te_veel.status_code == 429
    assert te_veel.json()["title"] == "Te veel verzoeken"
    assert int(te_veel["Retry-After"]) > 0
    # Another client has its own budget.
    assert ander.get("/api/v1/ik/").status_code == 200
    cache.clear()


# --- Management pages ------------------------------------------------------------------------


@pytest.fixture
def beheerder(make_user):
    return make_user("fb", perms=[Perm.GEBRUIKERS_BEHEREN])


def test_management_needs_permission(make_user, verified_client):
    client = verified_client(make_user("gewoon", perms=[Perm.CASUS_INZIEN]))
    assert client.get("/beheer/api-clients/").status_code == 403
    assert client.post("/beheer/api-clients/nieuw/", {"naam": "x"}).status_code == 403


def test_create_shows_token_once_then_edit_and_revoke(beheerder, make_user, verified_client):
    dienst = make_user("politie-router", perms=[Perm.MELDING_REGISTREREN], otp=False)
    client = verified_client(beheerder)
    leeg = client.post("/beheer/api-clients/nieuw/", {"naam": ""})
    assert leeg.status_code == 400
    response = client.post(
        "/beheer/api-clients/nieuw/",
        {"naam": "Politie", "gebruiker": dienst.pk, "scopes": ["meldingen:aanmaken"]},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    api_client = ApiClient.objects.get(naam="Politie")
    token = response.context["token"]
    assert token.startswith(f"zicht_{api_client.token_prefix}_")
    assert token in response.content.decode()
    lijst = client.get("/beheer/api-clients/").content.decode()
    assert "Politie" in lijst
    assert token not in lijst
    assert AuditEvent.objects.filter(event=Event.API_CLIENT_AANGEMAAKT).count() == 1
    # Scopes changed; a stale form is refused.
    wijzig = client.post(
        f"/beheer/api-clients/{api_client.pk}/",
        {"scopes": ["meldingen:aanmaken", "meldingen:lezen"], "actief": "on", "versie": 1},
    )
    assert wijzig.status_code == 302
    api_client.refresh_from_db()
    assert api_client.scopes == ["meldingen:aanmaken", "meldingen:lezen"]
    oud = client.post(
        f"/beheer/api-clients/{api_client.pk}/", {"scopes": [], "actief": "on", "versie": 1}
    )
    assert oud.status_code == 400
    api_client.refresh_from_db()
    assert api_client.scopes == ["meldingen:aanmaken", "meldingen:lezen"]
    # A new token replaces the old one at once.
    assert ApiTestClient(token).get("/api/v1/meldingen/").status_code == 200
    nieuw = client.post(f"/beheer/api-clients/{api_client.pk}/token/")
    nieuw_token = nieuw.context["token"]
    assert ApiTestClient(token).get("/api/v1/meldingen/").status_code == 401
    assert ApiTestClient(nieuw_token).get("/api/v1/meldingen/").status_code == 200
    # Revoked: refused for good.
    assert client.post(f"/beheer/api-clients/{api_client.pk}/intrekken/").status_code == 302
    assert ApiTestClient(nieuw_token).get("/api/v1/meldingen/").status_code == 401
    assert AuditEvent.objects.filter(event=Event.API_CLIENT_INGETROKKEN).count() == 1


def test_unknown_scope_is_refused(beheerder, make_user, verified_client):
    dienst = make_user("dienst", otp=False)
    client = verified_client(beheerder)
    response = client.post(
        "/beheer/api-clients/nieuw/",
        {"naam": "X", "gebruiker": dienst.pk, "scopes": ["alles:mogen"]},
    )
    assert response.status_code == 400
    assert not ApiClient.objects.exists()
