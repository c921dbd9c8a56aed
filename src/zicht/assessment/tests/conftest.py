# ruff: noqa: F811 - the intake fixtures are imported to be re-used as fixtures here
"""Fixtures for the assessment and diensten tests: a registered melding (through intake's
service), the people around the four-eyes decision, and triage answers."""

from __future__ import annotations

import pytest

from zicht.accounts.permissions import Perm
from zicht.intake.services import melding_register
from zicht.intake.tests.conftest import (  # noqa: F401 - fixtures re-used
    NU,
    assert_no_personal_data,
    audit_rows,
    beoordelaar,
    medewerker,
    nu,
    referentiedata,
    vb_team,
    voordeur_team,
)
from zicht.intake.tests.test_services_melding import invoer

VOORSTELLER = (
    Perm.CASUS_INZIEN,
    Perm.CASUS_BEWERKEN,
    Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
    Perm.BESLUIT_MEEBESLISSEN,
    Perm.WERKVOORRAAD_INZIEN,
)
DESKUNDIGE = (*VOORSTELLER, Perm.BESLUIT_DESKUNDIGE)

#: Structural unsafety, no acute danger: fits V&V, Onderzoek, overdracht.
STRUCTUREEL = {
    "acuut_gevaar": "nee",
    "disclosure": "nee",
    "structureel": "ja",
    "multiprobleem": "nee",
    "taxatie": "onveilig",
}
#: Nothing wrong: fits einde bemoeienis.
VEILIG = {**STRUCTUREEL, "structureel": "nee", "taxatie": "veilig"}
#: Disclosure: acute.
DISCLOSURE = {**STRUCTUREEL, "disclosure": "ja"}

#: Personal data of the registered melding that may never reach an audit row or a letter.
PERSOONSGEGEVENS = ("Anna", "Jansen", "111222333", "Kees", "blauwe plekken", "1811AB")


@pytest.fixture
def voorsteller(make_user, vb_team):
    return make_user("voorsteller", perms=VOORSTELLER, teams=[vb_team], first_name="Vera")


@pytest.fixture
def collega(make_user, vb_team):
    return make_user("collega", perms=VOORSTELLER, teams=[vb_team], first_name="Cor")


@pytest.fixture
def deskundige(make_user, vb_team):
    return make_user("deskundige", perms=DESKUNDIGE, teams=[vb_team], first_name="Dirk")


@pytest.fixture
def melding(medewerker, vb_team):
    """A melding received Tuesday 10 March 2026 09:45 (VB besluit due Tuesday 17 March)."""
    return melding_register(actor=medewerker, invoer=invoer(), nu=NU).object
