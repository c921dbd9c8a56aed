# ruff: noqa: F811 - fixtures of the work tests are re-used here
"""The API answers with the services' rules, not copies of its own: which betrokkenen a
huisverbod may name, what time can be booked on and to whom work can be assigned are refused by
the page's service, as 400 problem+json with ``invalidParams`` at the API's field names."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.diensten.models_werk import Huisverbod, Tijdregel, Toewijzing
from zicht.diensten.tests.werk.bouw import diensten_bouwen
from zicht.diensten.tests.werk.conftest import (  # noqa: F401 - fixtures re-used
    ander_team,
    buitenstaander,
    cm,
    leider,
    team,
)

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


def _params(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


def _geweigerd(casus_id):
    return AuditEvent.objects.filter(
        event=Event.TOEGANG_GEWEIGERD, target_type="casework.casus", target_id=str(casus_id)
    ).count()


# --- huisverbod: the betrokkenen rule is the service's ---------------------------------------


@pytest.fixture
def gezin(team):
    casus = CasusFactory(team=team)
    return (
        casus,
        BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger"),
        BetrokkeneFactory(casus=casus, rol="vermoedelijk_slachtoffer"),
    )


def _huisverbod_body(casus, uit, beschermden):
    return {
        "casus": casus.pk,
        "opgelegd_op": "2026-03-11T22:15:00+01:00",
        "opgelegd_door": "hulpofficier",
        "uithuisgeplaatste": uit.pk,
        "beschermden": [b.pk for b in beschermden],
    }


def test_huisverbod_betrokkene_of_another_casus_is_the_services_refusal(
    api_client_maken, cm, team, gezin
):
    casus, pleger, kind = gezin
    elders = BetrokkeneFactory(casus=CasusFactory(team=team))  # in scope, another casus
    _, api = api_client_maken(gebruiker=cm)
    uit = api.post_json("/api/v1/huisverboden/", _huisverbod_body(casus, elders, [kind]))
    assert _params(uit) == {"uithuisgeplaatste": "Kies een betrokkene van deze casus."}
    beschermd = api.post_json("/api/v1/huisverboden/", _huisverbod_body(casus, pleger, [elders]))
    assert _params(beschermd) == {"beschermden": "Kies alleen betrokkenen van deze casus."}
    zelf = api.post_json("/api/v1/huisverboden/", _huisverbod_body(casus, pleger, [pleger]))
    assert _params(zelf) == {
        "beschermden": "De uithuisgeplaatste kan niet ook beschermd persoon zijn."
    }
    assert not Huisverbod.objects.exists()
    ok = api.post_json("/api/v1/huisverboden/", _huisverbod_body(casus, pleger, [kind]))
    assert ok.status_code == 201, ok.content


def test_huisverbod_betrokkene_outside_the_scope_is_unknown_and_audited(
    api_client_maken, cm, ander_team, gezin
):
    casus, _pleger, kind = gezin
    buiten = BetrokkeneFactory(casus=CasusFactory(team=ander_team))
    _, api = api_client_maken(gebruiker=cm)
    response = api.post_json("/api/v1/huisverboden/", _huisverbod_body(casus, buiten, [kind]))
    assert _params(response) == {"uithuisgeplaatste": "Deze betrokkene bestaat niet."}
    assert _geweigerd(buiten.casus_id) == 1
    assert not Huisverbod.objects.exists()


# --- tijdboekingen: what can be booked on is tijd_boeken's rule -------------------------------


def test_booking_on_a_closed_dienst_or_dienst_work_on_the_casus_is_refused(
    api_client_maken, cm, team
):
    (afgerond,) = diensten_bouwen(team=team, n=1, gebruiker=cm, status="afgerond")
    _, api = api_client_maken(gebruiker=cm)
    op_dienst = api.post_json(
        "/api/v1/tijdboekingen/", {"datum": "2026-03-12", "minuten": 30, "dienst": afgerond.pk}
    )
    assert _params(op_dienst) == {
        "dienst": "Deze dienst was op die dag al afgerond; "
        "boek alleen tijd tot en met de afronding."
    }
    op_casus = api.post_json(
        "/api/v1/tijdboekingen/",
        {"datum": "2026-03-12", "minuten": 30, "casus": afgerond.casus_id, "soort": "onderzoek"},
    )
    assert list(_params(op_casus)) == ["soort"]
    assert not Tijdregel.objects.exists()
    advies = api.post_json(
        "/api/v1/tijdboekingen/",
        {"datum": "2026-03-12", "minuten": 30, "casus": afgerond.casus_id, "soort": "advies"},
    )
    assert advies.status_code == 201, advies.content


# --- toewijzingen: the page's getters and the service's team rule -----------------------------


def test_assigning_to_someone_outside_the_casus_team_is_the_services_refusal(
    api_client_maken, leider, buitenstaander, team
):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=leider)
    _, api = api_client_maken(gebruiker=leider)
    response = api.post_json(
        "/api/v1/toewijzingen/",
        {"dienst": dienst.pk, "medewerker": buitenstaander.pk},
        HTTP_IF_MATCH='"1"',
    )
    assert _params(response) == {
        "medewerker": (
            f"Deze medewerker hoort niet bij team {team.naam}; werk kan alleen binnen het "
            "team worden toegewezen."
        )
    }
    assert not Toewijzing.objects.exists()


def test_assigning_needs_the_actor_in_the_works_team(
    api_client_maken, buitenstaander, cm, team, make_user
):
    # given someone who may distribute work and sees the casus, but is not in its team
    from zicht.casework.models import CasusMedewerker, MedewerkerRol

    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    verdeler = make_user(perms=[Perm.CASUS_INZIEN, Perm.WERK_VERDELEN])
    CasusMedewerker.objects.create(
        casus=dienst.casus, user=verdeler, rol=MedewerkerRol.CASEMANAGER, van=date(2026, 1, 1)
    )
    _, api = api_client_maken(gebruiker=verdeler)
    response = api.post_json(
        "/api/v1/toewijzingen/",
        {"dienst": dienst.pk, "medewerker": cm.pk},
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 400, response.content
    assert "team" in _params(response)
    assert not Toewijzing.objects.exists()


def test_assigning_work_outside_the_scope_is_unknown_and_audited(
    api_client_maken, leider, cm, ander_team
):
    (vreemd,) = diensten_bouwen(team=ander_team, n=1, gebruiker=leider)
    _, api = api_client_maken(gebruiker=leider)
    response = api.post_json(
        "/api/v1/toewijzingen/", {"dienst": vreemd.pk, "medewerker": cm.pk}, HTTP_IF_MATCH='"1"'
    )
    assert _params(response) == {"dienst": "Deze dienst bestaat niet."}
    assert _geweigerd(vreemd.casus_id) == 1
    assert api.get(f"/api/v1/toewijzingen/diensten/{vreemd.pk}/").status_code == 404
    assert _geweigerd(vreemd.casus_id) == 2
    assert not Toewijzing.objects.exists()
