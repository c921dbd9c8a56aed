"""The API answers problem+json (never a redirect) and documents itself without a CDN."""

import pytest

from zicht.accounts.backends import BACKEND
from zicht.accounts.models import ApiToken
from zicht.accounts.permissions import Perm
from zicht.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_unauthenticated_call_gets_401_problem_json(client):
    response = client.get("/api/v1/ik/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401
    assert body["title"] == "Niet geauthenticeerd"


def test_password_only_session_is_not_enough_for_the_api(client, make_user):
    user = make_user("half")
    client.force_login(user, backend=BACKEND)
    assert client.get("/api/v1/ik/").status_code == 401


def test_verified_session_sees_current_user(make_user, verified_client):
    user = make_user("sessie", perms=[Perm.CASUS_INZIEN])
    response = verified_client(user).get("/api/v1/ik/")
    assert response.status_code == 200
    assert response.json()["username"] == "sessie"
    assert response.json()["rechten"] == ["casus_inzien"]


def test_bearer_token(client, make_user):
    user = make_user("koppeling", perms=[Perm.API_GEBRUIKEN])
    _, key = api_token_create(actor=user, naam="test")
    response = client.get("/api/v1/teams/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 0
    bad = client.get("/api/v1/teams/", HTTP_AUTHORIZATION="Bearer onzin")
    assert bad.status_code == 401
    assert bad.json()["detail"] == "Het token is ongeldig, verlopen of ingetrokken."


def test_revoked_token_and_token_without_permission(client, make_user):
    user = make_user("ex", perms=[Perm.API_GEBRUIKEN])
    token, key = api_token_create(actor=user, naam="test")
    ApiToken.objects.filter(pk=token.pk).update(ingetrokken_op="2026-01-01T00:00:00Z")
    assert client.get("/api/v1/ik/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    other = make_user("geenapi")
    _, key2 = api_token_create(actor=other, naam="test")
    response = client.get("/api/v1/ik/", HTTP_AUTHORIZATION=f"Bearer {key2}")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_api_path_is_problem_json_404(make_user, verified_client):
    response = verified_client(make_user("u")).get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Niet gevonden"


def test_schema_and_docs_are_served_without_cdn(make_user, verified_client):
    client = verified_client(make_user("docs"))
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/ik/" in spec["paths"]
    responses = spec["paths"]["/api/v1/ik/"]["get"]["responses"]
    assert "application/problem+json" in responses["401"]["content"]
    docs = client.get("/api/v1/docs/").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert "<script>" not in docs  # no inline script: the CSP stays strict
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


def test_schema_needs_authentication(client):
    assert client.get("/api/v1/schema/").status_code == 401
