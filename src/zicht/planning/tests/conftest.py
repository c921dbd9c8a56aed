"""Fixtures of the planning tests: the three kinds of user and the 2019 reference data."""

from __future__ import annotations

import pytest

from zicht.accounts.permissions import Perm
from zicht.planning.models import Parameter, Parameterset, Risico
from zicht.planning.seeddata import parameterset_2019_laden, risicoregister_laden


@pytest.fixture
def referentiedata(db):
    """The 2019 parameters and risks. The data migrations load them; a transactional test
    (browser) finds the tables flushed by an earlier one, so load them again when missing."""
    parameterset = parameterset_2019_laden(Parameterset, Parameter)
    risicoregister_laden(Risico)
    return parameterset


@pytest.fixture
def controller(make_user, referentiedata):
    return make_user("controller", perms=[Perm.PLANNING_BEHEREN], first_name="Carla")


@pytest.fixture
def manager(make_user, referentiedata):
    return make_user("manager", perms=[Perm.RAPPORTAGE_INZIEN], first_name="Mehmet")


@pytest.fixture
def medewerker(make_user, referentiedata):
    return make_user("medewerker", perms=[Perm.CASUS_INZIEN])
