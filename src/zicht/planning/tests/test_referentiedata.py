"""The data migrations load the 2019 parameters and the risk register of NHN."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.planning.domain.begrippen import Bronstatus, Scenario
from zicht.planning.domain.begroting import begroting_bereken
from zicht.planning.models import Parameter, Parameterset, Risico
from zicht.planning.seeddata import ORGANISATIE_NHN, parameterset_2019_laden, risicoregister_laden
from zicht.planning.selectors import planparameters_van

pytestmark = pytest.mark.django_db


def test_migration_loaded_version_1_of_2019():
    parameterset = Parameterset.objects.get(organisatie=ORGANISATIE_NHN, jaar=2019)
    assert parameterset.versie == 1
    assert parameterset.planscenario == Scenario.MIDDEN
    statussen = set(parameterset.parameters.values_list("status", flat=True))
    assert statussen == {s.value for s in Bronstatus}
    begroting = begroting_bereken(planparameters_van(parameterset), scenario=Scenario.MIDDEN)
    assert round(begroting.fte_uitvoering, 1) == Decimal("80.1")


def test_risk_register_of_the_seed():
    risicos = list(Risico.objects.filter(organisatie=ORGANISATIE_NHN).order_by("nummer"))
    assert [r.nummer for r in risicos] == list(range(1, 11))
    assert risicos[9].omschrijving == "Toename meldingen volgens scenario hoog."
    assert risicos[0].signaal == "instroom"
    assert all(r.kans == "onbekend" and r.eigenaar == "manager Veilig Thuis" for r in risicos)


def test_loaders_are_idempotent():
    aantal = Parameter.objects.count()
    parameterset_2019_laden(Parameterset, Parameter)
    assert risicoregister_laden(Risico) == 0
    assert Parameter.objects.count() == aantal
