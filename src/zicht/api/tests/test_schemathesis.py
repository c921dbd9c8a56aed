"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis).

The schema is generated in-process (drf-spectacular, the same as ``/api/v1/schema/``) and
every operation is called through the Django WSGI app with an API client that holds every
scope and the permissions of a front-door and assessment worker, with a registered melding
to find. Positive and negative data; no response may be a 5xx or break the schema (status
code, content type, body, headers). Bounded: a few examples per operation, no shrinking, so
the module stays well within CI's budget. Business rules beyond the schema (an unknown code,
a melding received in the future) may refuse valid-looking input, so
``positive_data_acceptance`` is off; everything else schemathesis checks by default is on.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from zicht.accounts.permissions import Perm
from zicht.api.scopes import ALLE_SCOPES
from zicht.api.tests.conftest import melding_body

pytestmark = pytest.mark.django_db


def _schema() -> dict:
    spec = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(spec))


CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20261129,
        "generation": {"mode": "all", "max-examples": 3, "no-shrink": True, "database": "none"},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)
APP = get_wsgi_application()
schema = schemathesis.openapi.from_dict(_schema(), config=CONFIG)
schema.app = APP  # every call (and every probe of a check) goes through the WSGI app

ALLES = (
    Perm.CASUS_INZIEN,
    Perm.MELDING_REGISTREREN,
    Perm.ADVIES_REGISTREREN,
    Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
    Perm.BESLUIT_MEEBESLISSEN,
    Perm.PLANNING_BEHEREN,
)


@pytest.fixture
def zonder_verbinding_sluiten():
    """The WSGI handler closes the database connection after each request (as in
    production); inside a test transaction it must stay open, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(api_client_maken, vb_team, nu):
    _, api = api_client_maken(perms=ALLES, teams=[vb_team], scopes=ALLE_SCOPES)
    response = api.post_json("/api/v1/meldingen/", melding_body())
    assert response.status_code == 201
    return api.defaults["HTTP_AUTHORIZATION"]


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=list(HealthCheck),
    max_examples=3,
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, token, zonder_verbinding_sluiten):
    case.call_and_validate(headers={"Authorization": token})
