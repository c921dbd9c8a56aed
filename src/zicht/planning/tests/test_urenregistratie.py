"""Realisation against plan from the time registration of diensten (issue #7 item 3)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.diensten import werk_services
from zicht.diensten.domain.werk import Urensoort
from zicht.diensten.tests.werk.bouw import diensten_bouwen
from zicht.people.tests.factories import TeamFactory
from zicht.planning import selectors
from zicht.planning.domain.begrippen import Dienst

pytestmark = pytest.mark.django_db

NU = datetime(2019, 12, 31, 12, tzinfo=UTC)


def test_booking_services_are_the_planning_services():
    assert {s.value for s in Urensoort} == {d.value for d in Dienst}


def test_realised_hours_per_service_and_month_count_corrections_once(make_user):
    team = TeamFactory()
    cm = make_user("cm", perms=(Perm.DIENST_UITVOEREN,), teams=[team])
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm, start=date(2019, 3, 1))
    regel = werk_services.tijd_boeken(
        actor=cm, datum=date(2019, 3, 11), minuten=90, dienst=dienst, nu=NU
    )
    werk_services.tijd_boeken(actor=cm, datum=date(2019, 4, 2), minuten=45, dienst=dienst, nu=NU)
    werk_services.tijd_boeken(actor=cm, datum=date(2019, 3, 11), minuten=30, soort="advies", nu=NU)
    werk_services.tijd_boeken(actor=cm, datum=date(2018, 3, 11), minuten=30, soort="advies", nu=NU)
    werk_services.tijd_corrigeren(actor=cm, regel=regel, minuten=60, nu=NU)
    assert selectors.realisatie_uren(2019) == {
        Dienst.ADVIES: {3: Decimal("0.5")},
        Dienst.ONDERZOEK: {3: Decimal("1.0"), 4: Decimal("0.8")},
    }


def test_realisation_page_shows_hours_per_case_against_the_norm(make_user, verified_client):
    team = TeamFactory()
    cm = make_user("cm", perms=(Perm.DIENST_UITVOEREN,), teams=[team])
    controller = make_user("controller", perms=(Perm.PLANNING_BEHEREN,))
    diensten = diensten_bouwen(team=team, n=2, gebruiker=cm, start=date(2019, 3, 1))
    for d in diensten:
        werk_services.tijd_boeken(
            actor=cm, datum=date(2019, 3, 11), minuten=40 * 60 // 2, dienst=d, nu=NU
        )
    pagina = verified_client(controller).get(reverse("planning:realisatie") + "?jaar=2019")
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Uren per dienst tegen de urennorm" in tekst
    norm = selectors.urennormen(2019)["onderzoek"]
    # 40 hours booked over 2 onderzoeken: 20,0 per casus next to the norm.
    assert "20,0" in tekst
    assert f"{norm:.1f}".replace(".", ",") in tekst
