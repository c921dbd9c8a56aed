"""API tokens: created by the user, shown once, stored hashed, revocable."""

import pytest

from zicht.accounts.models import ApiToken
from zicht.accounts.permissions import Perm

pytestmark = pytest.mark.django_db


def test_token_is_shown_once_and_stored_hashed(make_user, verified_client):
    user = make_user("koppeling", perms=[Perm.API_GEBRUIKEN])
    client = verified_client(user)
    response = client.post("/account/", {"naam": "Koppeling CORV"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    key = response.context["new_key"]
    assert key
    assert token.sleutel_hash == ApiToken.hash_key(key)
    assert key not in str(ApiToken.objects.values_list())
    assert client.get("/account/").context["new_key"] == ""
    client.post(f"/account/tokens/{token.pk}/intrekken/")
    token.refresh_from_db()
    assert token.ingetrokken_op is not None


def test_token_creation_needs_permission(make_user, verified_client):
    client = verified_client(make_user("zonder"))
    assert client.post("/account/", {"naam": "x"}).status_code == 403


def test_missing_token_name_is_reported(make_user, verified_client):
    client = verified_client(make_user("k2", perms=[Perm.API_GEBRUIKEN]))
    response = client.post("/account/", {"naam": ""})
    assert response.status_code == 400
    assert "Geef het token een naam." in response.content.decode()
