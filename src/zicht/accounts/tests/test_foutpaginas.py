"""The error pages: a refusal names its Dutch reason; the API answers problem+json."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from zicht.accounts.permissions import Perm

pytestmark = pytest.mark.django_db


def test_a_refused_page_names_the_missing_right(make_user, verified_client):
    # given a user without the right to manage the planning
    client = verified_client(make_user(perms=[Perm.CASUS_INZIEN]))
    response = client.get(reverse("planning:parameters"))
    assert response.status_code == 403
    pagina = response.content.decode()
    assert "Geen toegang" in pagina
    assert "Hiervoor is het recht ‘" in pagina
    assert html.escape(Perm.PLANNING_BEHEREN.label) in pagina


def test_a_refusal_without_a_reason_gets_the_general_text(rf):
    from django.core.exceptions import PermissionDenied

    from zicht.core.errors import permission_denied

    response = permission_denied(rf.get("/ergens/"), PermissionDenied())
    assert response.status_code == 403
    assert "U heeft geen recht om deze pagina te bekijken." in response.content.decode()
