"""Refused access to a dienst, taak or huisverbod is audited, as for a casus: an existing one of
a casus outside the user's scope answers 404 and writes ``TOEGANG_GEWEIGERD`` against its casus
(``casework.access.casus_weigering_vastleggen``); an id that does not exist answers 404 and
names no casus. One getter per object (``inhoud_selectors.dienst_get_for_user`` is the only
dienst getter; the work pages re-use it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.http import Http404
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.diensten import inhoud_selectors, selectors_werk
from zicht.diensten import werk_services as svc
from zicht.diensten.tests.werk.bouw import diensten_bouwen

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


def _weigeringen(gebruiker):
    return list(
        AuditEvent.objects.filter(event=Event.TOEGANG_GEWEIGERD, actor=gebruiker).values_list(
            "target_type", "target_id"
        )
    )


def _huisverbod(cm, team):
    casus = CasusFactory(team=team)
    return svc.huisverbod_opleggen(
        actor=cm,
        casus=casus,
        opgelegd_op=datetime(2026, 3, 10, 20, tzinfo=UTC),
        opgelegd_door="burgemeester",
        uithuisgeplaatste=BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger"),
        beschermden=[BetrokkeneFactory(casus=casus)],
    )


def test_one_dienst_getter():
    assert selectors_werk.dienst_get_for_user is inhoud_selectors.dienst_get_for_user


@pytest.mark.parametrize("soort", ["dienst", "taak", "huisverbod"])
def test_getter_outside_scope_is_404_and_audited(cm, buitenstaander, team, soort):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    obj = {"dienst": dienst, "taak": dienst.taak, "huisverbod": None}[soort] or _huisverbod(
        cm, team
    )
    getter = getattr(selectors_werk, f"{soort}_get_for_user")
    assert getter(cm, obj.pk).pk == obj.pk
    with pytest.raises(Http404):
        getter(buitenstaander, obj.pk)
    assert _weigeringen(buitenstaander) == [("casework.casus", str(obj.casus_id))]
    with pytest.raises(Http404):
        getter(buitenstaander, 987654)
    with pytest.raises(Http404):
        getter(buitenstaander, "geen-getal")
    assert len(_weigeringen(buitenstaander)) == 1
    assert _weigeringen(cm) == []


def test_dienst_page_outside_scope_is_404_and_audited(verified_client, cm, buitenstaander, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    client = verified_client(buitenstaander)
    assert client.get(reverse("diensten:dienst", args=[dienst.pk])).status_code == 404
    assert _weigeringen(buitenstaander) == [("casework.casus", str(dienst.casus_id))]
    assert client.get(reverse("diensten:dienst", args=[987654])).status_code == 404
    assert len(_weigeringen(buitenstaander)) == 1


def test_huisverbod_page_outside_scope_is_404_and_audited(
    verified_client, cm, buitenstaander, team
):
    hv = _huisverbod(cm, team)
    client = verified_client(buitenstaander)
    assert client.get(reverse("diensten:huisverbod", args=[hv.pk])).status_code == 404
    assert _weigeringen(buitenstaander) == [("casework.casus", str(hv.casus_id))]
