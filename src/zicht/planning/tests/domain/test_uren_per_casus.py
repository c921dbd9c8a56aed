"""Hours per case against the hour norm (``domain.realisatie.uren_per_casus``), and the checks
of the model's input that the API's scenario evaluation relies on (``begroting_bereken``).
No database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.begroting import Dienstregel, begroting_bereken
from zicht.planning.domain.parameters import ParameterFout, productieve_uren_controleren
from zicht.planning.domain.realisatie import Urenrij, uren_per_casus


def _regel(dienst: Dienst, norm: str) -> Dienstregel:
    return Dienstregel(dienst=dienst, volume=0, urennorm=D(norm), uren=D(0), fte=D(0))


REGELS = [_regel(Dienst.ADVIES, "1.5"), _regel(Dienst.ONDERZOEK, "31.8")]

UREN_PER_CASUS = [
    # (volumes, uren, expected rows: (uren, aantal, per_casus, verschil) for ADVIES, ONDERZOEK)
    # nothing registered at all: every figure unknown, not 0
    ({}, {}, [(None, None, None, None), (None, None, None, None)]),
    # 40 hours over 2 onderzoeken (March, April) → 20,0 per case, 11,8 under the norm of 31,8
    (
        {Dienst.ONDERZOEK: {3: 1, 4: 1}},
        {Dienst.ONDERZOEK: {3: D("25.0"), 4: D("15.0")}},
        [(None, None, None, None), (D(40), 2, D("20.0"), D("-11.8"))],
    ),
    # hours booked on adviezen but none registered: hours known, no per-case figure
    ({}, {Dienst.ADVIES: {1: D("3.0")}}, [(D(3), None, None, None), (None, None, None, None)]),
    # 3 adviezen without hours: count known, no per-case figure
    ({Dienst.ADVIES: {2: 3}}, {}, [(None, 3, None, None), (None, None, None, None)]),
    # 10 hours over 3 adviezen → 3,333… rounded to 3,3, 1,8 above the norm of 1,5
    (
        {Dienst.ADVIES: {1: 3}},
        {Dienst.ADVIES: {1: D("10.0")}},
        [(D(10), 3, D("3.3"), D("1.8")), (None, None, None, None)],
    ),
]


@pytest.mark.parametrize(("volumes", "uren", "verwacht"), UREN_PER_CASUS)
def test_hours_per_case_against_the_norm(volumes, uren, verwacht):
    rijen = uren_per_casus(REGELS, volumes, uren)
    assert [r.dienst for r in rijen] == [Dienst.ADVIES, Dienst.ONDERZOEK]  # the plan's order
    assert [r.norm for r in rijen] == [D("1.5"), D("31.8")]
    assert [(r.uren, r.aantal, r.per_casus, r.verschil) for r in rijen] == verwacht


def test_an_hour_row_differs_from_the_norm_only_with_a_per_case_figure():
    assert Urenrij(Dienst.ADVIES, D(2), 1, D("2.0"), D("1.5")).verschil == D("0.5")
    assert Urenrij(Dienst.ADVIES, D(2), 0, None, D("1.5")).verschil is None


PRODUCTIEVE_UREN = [
    # (hours, error fragment or None)
    (D("0.01"), None),  # just above 0: usable
    (D(2080), None),  # 40 hours × 52 weeks: the maximum
    (D(0), "groter dan 0"),  # 0
    (D(-1400), "groter dan 0"),  # negative
    (D("2080.01"), "Meer dan 2080"),  # above 40 × 52
]


@pytest.mark.parametrize(("uren", "fragment"), PRODUCTIEVE_UREN)
def test_productive_hours_are_checked_by_the_parameter_rule(parameters_2019, uren, fragment):
    fout = productieve_uren_controleren(uren)
    if fragment is None:
        assert fout is None
        b = begroting_bereken(
            parameters_2019, scenario=Scenario.MIDDEN, productieve_uren_per_fte=uren
        )
        assert b.productieve_uren_per_fte == uren
        return
    assert fout is not None
    assert fragment in fout
    # the sensitivity value of the model gets the same rule as the parameter
    with pytest.raises(ParameterFout) as model:
        begroting_bereken(parameters_2019, scenario=Scenario.MIDDEN, productieve_uren_per_fte=uren)
    assert fragment in model.value.fouten["formatie.productieve_uren_per_fte"]


@pytest.mark.parametrize("beide", [True, False])
def test_scenario_or_volumes_is_a_dutch_error_of_the_model(parameters_2019, beide):
    volumes = dict.fromkeys(Dienst, 1) if beide else None
    scenario = Scenario.LAAG if beide else None
    with pytest.raises(ParameterFout) as fout:
        begroting_bereken(parameters_2019, scenario=scenario, volumes=volumes)
    assert "niet beide of geen van twee" in fout.value.fouten["scenario"]
