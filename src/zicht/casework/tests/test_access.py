"""casus_scope: which casussen each shape of user may see (full branch coverage)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from zicht.accounts.permissions import Perm
from zicht.casework.access import (
    casus_get_for_change,
    casus_get_for_user,
    casus_scope,
    casussen_for_user,
    require_permission,
)
from zicht.casework.models import Casus
from zicht.casework.tests.conftest import BEWERKEN, LEZEN
from zicht.casework.tests.factories import CasusFactory, CasusMedewerkerFactory, TeamFactory

pytestmark = pytest.mark.django_db

OP = date(2026, 3, 15)


@pytest.fixture
def casussen(team, ander_team):
    """Two casussen of ``team`` and one of ``ander_team``."""
    return {
        "eigen_1": CasusFactory(team=team),
        "eigen_2": CasusFactory(team=team),
        "ander": CasusFactory(team=ander_team),
    }


def zichtbaar(user, op=OP):
    return set(Casus.objects.filter(casus_scope(user, op=op)).values_list("nummer", flat=True))


def nummers(casussen, *namen):
    return {casussen[n].nummer for n in namen}


@pytest.mark.parametrize(
    ("vorm", "verwacht"),
    [
        # geen rechten, wel lid van het team → niets (management / beheer)
        ({"perms": (), "teams": "eigen"}, ()),
        # recht om in te zien, maar geen team en geen toewijzing → niets
        ({"perms": LEZEN, "teams": None}, ()),
        # teamlid met inzagerecht → de casussen van het eigen team
        ({"perms": LEZEN, "teams": "eigen"}, ("eigen_1", "eigen_2")),
        # alleen bewerkrecht, zonder inzagerecht → niets (inzien is de toegangspoort)
        ({"perms": (Perm.CASUS_BEWERKEN,), "teams": "eigen"}, ()),
        # lid van twee teams → beide
        ({"perms": LEZEN, "teams": "beide"}, ("eigen_1", "eigen_2", "ander")),
        # inactief account, met rechten en team → niets
        ({"perms": BEWERKEN, "teams": "eigen", "is_active": False}, ()),
        # gemeentegebruiker zonder inzagerecht → niets (alleen geaggregeerde cijfers)
        ({"perms": (Perm.GEMEENTE_RAPPORTAGE,), "teams": None, "gemeente_code": "GM0361"}, ()),
        # gemeentegebruiker die per vergissing inzagerecht én een team kreeg → toch niets
        ({"perms": LEZEN, "teams": "eigen", "gemeente_code": "GM0361"}, ()),
        # superuser zonder team → niets: beheer geeft geen dossiertoegang
        ({"perms": (), "teams": None, "is_superuser": True}, ()),
    ],
)
def test_role_shapes(make_user, team, ander_team, casussen, vorm, verwacht):
    vorm = dict(vorm)
    teams = {"eigen": [team], "beide": [team, ander_team], None: []}[vorm.pop("teams")]
    user = make_user(perms=vorm.pop("perms"), teams=teams, **vorm)
    assert zichtbaar(user) == nummers(casussen, *verwacht)


def test_anonymous_sees_nothing(casussen):
    assert zichtbaar(AnonymousUser()) == set()


def test_an_inactive_team_gives_no_access(make_user, casussen, ander_team):
    opgeheven = TeamFactory(naam="Opgeheven team", actief=False)
    CasusFactory(team=opgeheven)
    user = make_user(perms=LEZEN, teams=[opgeheven])
    assert zichtbaar(user) == set()


@pytest.mark.parametrize(
    ("van", "tot", "ziet"),
    [
        (date(2026, 1, 1), None, True),  # lopende toewijzing zonder einde
        (date(2026, 1, 1), date(2026, 3, 15), True),  # laatste dag telt mee
        (date(2026, 1, 1), date(2026, 3, 14), False),  # gisteren beëindigd
        (date(2026, 3, 16), None, False),  # begint morgen
    ],
)
def test_assigned_outside_the_team(make_user, ander_team, casussen, van, tot, ziet):
    # given a user of another team, assigned to one casus of ``team``
    user = make_user(perms=LEZEN, teams=[ander_team])
    CasusMedewerkerFactory(casus=casussen["eigen_1"], user=user, van=van, tot=tot)
    # then they see their own team's casus, plus the assigned one while it is active
    verwacht = nummers(casussen, "ander") | (nummers(casussen, "eigen_1") if ziet else set())
    assert zichtbaar(user) == verwacht


def test_assigned_without_any_team(make_user, casussen):
    user = make_user(perms=LEZEN)
    CasusMedewerkerFactory(casus=casussen["ander"], user=user)
    assert zichtbaar(user) == nummers(casussen, "ander")
    # and the scope yields each casus once (no duplicate rows from the join)
    assert casussen_for_user(user, op=OP).count() == 1


def test_assigned_and_team_member_sees_each_casus_once(make_user, team, casussen):
    user = make_user(perms=LEZEN, teams=[team])
    CasusMedewerkerFactory(casus=casussen["eigen_1"], user=user)
    assert casussen_for_user(user, op=OP).count() == 2


def test_scope_defaults_to_today(make_user, team, casussen):
    user = make_user(perms=LEZEN, teams=[team])
    assert casussen_for_user(user).count() == 2


class TestGet:
    def test_in_scope(self, medewerker, casussen):
        assert casus_get_for_user(medewerker, casussen["eigen_1"].pk) == casussen["eigen_1"]

    @pytest.mark.parametrize("pk", ["ander", 999_999, "abc"])
    def test_outside_scope_or_unknown_is_404(self, medewerker, casussen, pk):
        pk = casussen[pk].pk if pk == "ander" else pk
        with pytest.raises(Http404):
            casus_get_for_user(medewerker, pk)

    def test_custom_queryset(self, medewerker, casussen):
        qs = Casus.objects.select_related("team")
        assert casus_get_for_user(medewerker, casussen["eigen_2"].pk, queryset=qs).team.naam


class TestChange:
    def test_writer_in_scope(self, medewerker, casussen):
        assert casus_get_for_change(medewerker, casussen["eigen_1"].pk)

    def test_reader_in_scope_is_403(self, lezer, casussen):
        with pytest.raises(PermissionDenied):
            casus_get_for_change(lezer, casussen["eigen_1"].pk)

    def test_outside_scope_is_404_before_403(self, lezer, casussen):
        with pytest.raises(Http404):
            casus_get_for_change(lezer, casussen["ander"].pk)

    def test_require_permission(self, lezer, medewerker):
        require_permission(medewerker, Perm.CASUS_BEWERKEN)
        with pytest.raises(PermissionDenied, match="Dossiers bewerken"):
            require_permission(lezer, Perm.CASUS_BEWERKEN)


def test_break_the_glass_seam_is_or_ed_into_the_scope(make_user, casussen, monkeypatch):
    # given a (future) emergency grant on a casus of another team
    from django.db.models import Q

    from zicht.casework import access

    user = make_user(perms=LEZEN)
    monkeypatch.setattr(access, "_noodtoegang_scope", lambda user, op: Q(pk=casussen["ander"].pk))
    # then the scope includes it, next to (here: no) team casussen
    assert zichtbaar(user) == nummers(casussen, "ander")
