"""Dossier reads: scoped in SQL, constant query counts, nothing secret in the view model."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from zicht.accounts.permissions import Perm
from zicht.casework.selectors import (
    CasusFilters,
    bijlage_get_for_user,
    casus_detail,
    casus_list_for_user,
    team_choices_for_user,
)
from zicht.casework.tests.builders import huishouden
from zicht.casework.tests.conftest import LEZEN
from zicht.casework.tests.factories import CasusFactory, JournaalItemFactory, TaakFactory
from zicht.core.selectors import calendar_current

pytestmark = pytest.mark.django_db

OP = date(2026, 3, 16)


def queries_of(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


class TestList:
    def test_scoped_filtered_newest_first(self, lezer, team, ander_team):
        oud = CasusFactory(team=team)
        nieuw = CasusFactory(team=team)
        gesloten = CasusFactory(team=team, gesloten=True)
        CasusFactory(team=ander_team)
        page = casus_list_for_user(lezer)
        assert list(page) == [gesloten, nieuw, oud]
        assert list(casus_list_for_user(lezer, CasusFilters(status="open"))) == [nieuw, oud]
        assert list(casus_list_for_user(lezer, CasusFilters(team_id=ander_team.pk))) == []
        assert list(casus_list_for_user(lezer, CasusFilters(q=oud.nummer))) == [oud]

    @pytest.mark.parametrize(
        ("q", "treffers"),
        [
            ("2026-000001", 1),  # volledig nummer
            ("2026-1", 1),  # zonder voorloopnullen
            ("2026-00001", 10),  # begin van het nummer: 000010..000019
            ("2026-00002", 1),  # 000020
            ("2025", 0),
            ("", 20),
        ],
    )
    def test_search_on_number(self, lezer, team, q, treffers):
        for n in range(1, 21):
            CasusFactory(team=team, nummer=f"2026-{n:06d}")
        page = casus_list_for_user(lezer, CasusFilters(q=q), per_page=50)
        assert page.paginator.count == treffers

    def test_query_count_is_constant(self, lezer, team):
        CasusFactory.create_batch(3, team=team)
        list(casus_list_for_user(lezer))  # warm the user's permission cache, as a request does
        klein = queries_of(lambda: list(casus_list_for_user(lezer, per_page=10)))
        CasusFactory.create_batch(40, team=team)
        groot = queries_of(lambda: list(casus_list_for_user(lezer, per_page=10)))
        assert klein == groot == 4  # scope (teams, assignments) + count + page

    def test_team_choices(self, lezer, team, ander_team):
        assert list(team_choices_for_user(lezer)) == [team]


class TestDetail:
    def test_household_relations_gezag_tasks_and_journal(self, lezer, team):
        casus = CasusFactory(team=team)
        moeder, vader = huishouden(casus, kinderen=2, journaal=3, taken=2)
        detail = casus_detail(lezer, casus.pk, op=OP)
        assert [p.persoon for p in detail.personen][:2] == [moeder, vader]
        assert detail.personen[0].rollen == ["vermoedelijk slachtoffer"]
        # the secret address carries no address data at all
        geheim = [a for a in detail.personen[0].adressen if a.geheim]
        assert geheim[0].tekst == "geheim adres"
        assert detail.heeft_geheim_adres
        assert len(detail.relaties) == 1 + 2 * 2
        assert len(detail.gezag) == 4
        assert len(detail.journaal) == 3
        moments = [i.moment for i in detail.journaal]
        assert moments == sorted(moments, reverse=True)
        assert len(detail.taken) == 2
        klok = detail.taken[0]
        # deadline 16-03-2026 and today 16-03: 0 working days left, not late
        assert (klok.deadline, klok.werkdagen_resterend, klok.te_laat) == (OP, 0, False)
        assert klok.bijna
        assert len(klok.opschortingen) == len(klok.verlengingen) == 1

    def test_overdue_task(self, lezer, team):
        casus = CasusFactory(team=team)
        TaakFactory(casus=casus, oorspronkelijke_deadline=date(2026, 3, 12))
        (klok,) = casus_detail(lezer, casus.pk, op=OP).taken
        # do 12-03 → ma 16-03: vr 13 and ma 16 are 2 working days late
        assert klok.te_laat
        assert klok.werkdagen_resterend == -2

    def test_completed_tasks_are_not_open(self, lezer, team):
        casus = CasusFactory(team=team)
        TaakFactory(casus=casus, afgerond_op="2026-03-10T10:00:00Z")
        assert casus_detail(lezer, casus.pk, op=OP).taken == []

    def test_medical_notes_only_for_those_allowed(self, make_user, lezer, team):
        casus = CasusFactory(team=team)
        JournaalItemFactory(casus=casus, medisch=True)
        JournaalItemFactory(casus=casus)
        arts = make_user(perms=(*LEZEN, Perm.MEDISCHE_NOTITIE), teams=[team])
        assert len(casus_detail(lezer, casus.pk).journaal) == 1
        assert len(casus_detail(arts, casus.pk).journaal) == 2

    def test_outside_scope_is_404(self, lezer, ander_team):
        with pytest.raises(Http404):
            casus_detail(lezer, CasusFactory(team=ander_team).pk)

    def test_query_count_is_constant_as_the_household_grows(self, lezer, team):
        calendar_current()  # the calendar is cached outside transactions
        klein = CasusFactory(team=team)
        huishouden(klein, kinderen=1, journaal=2, taken=1)
        groot = CasusFactory(team=team)
        huishouden(groot, kinderen=6, journaal=40, taken=8)
        casus_detail(lezer, klein.pk, op=OP)  # warm the user's permission cache
        n_klein = queries_of(lambda: casus_detail(lezer, klein.pk, op=OP))
        n_groot = queries_of(lambda: casus_detail(lezer, groot.pk, op=OP))
        assert n_klein == n_groot <= 14  # incl. the two scope look-ups


def test_bijlage_scoped(lezer, team, ander_team):
    eigen = JournaalItemFactory(casus=CasusFactory(team=team))
    with pytest.raises(Http404):
        bijlage_get_for_user(lezer, eigen.casus.pk, 12345)
    with pytest.raises(Http404):
        bijlage_get_for_user(lezer, CasusFactory(team=ander_team).pk, 1)
