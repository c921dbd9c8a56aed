"""Fixtures for the work tests: one team with a leader and two casemanagers, another team."""

from __future__ import annotations

import pytest

from zicht.accounts.permissions import Perm
from zicht.people.tests.factories import TeamFactory

UITVOERDER = (Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN, Perm.DIENST_UITVOEREN)
LEIDER = (Perm.CASUS_INZIEN, Perm.WERK_VERDELEN, Perm.WERKVOORRAAD_INZIEN)


@pytest.fixture
def team(db):
    return TeamFactory(naam="Team Vervolg")


@pytest.fixture
def ander_team(db):
    return TeamFactory(naam="Team Elders")


@pytest.fixture
def leider(make_user, team):
    return make_user("leider", perms=LEIDER, teams=[team], first_name="Lotte")


@pytest.fixture
def cm(make_user, team):
    return make_user("cm", perms=UITVOERDER, teams=[team], first_name="Carla")


@pytest.fixture
def cm2(make_user, team):
    return make_user("cm2", perms=UITVOERDER, teams=[team], first_name="Bram")


@pytest.fixture
def buitenstaander(make_user, ander_team):
    return make_user("elders", perms=UITVOERDER, teams=[ander_team], first_name="Eva")
