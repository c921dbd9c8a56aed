"""Plan prorated to a month, and the year-end forecast."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.core.domain.calendar import AtwCalendar
from zicht.planning.domain.realisatie import (
    Methode,
    aandeel_jaar,
    aandeel_maand,
    plan_per_maand,
    prognose_jaareinde,
    werkdagen_per_maand,
)

D = Decimal
KALENDER = AtwCalendar()

WERKDAGEN_2019 = [
    # (month, working days)
    (1, 22),  # 23 weekdays minus Nieuwjaarsdag (Tuesday)
    (4, 20),  # 22 weekdays minus Goede Vrijdag 19-04 and 2e Paasdag 22-04 (Koningsdag on Saturday)
    (5, 22),  # 23 weekdays minus Hemelvaartsdag 30-05 (5 mei is a Sunday)
    (6, 19),  # 20 weekdays minus 2e Pinksterdag 10-06
    (12, 20),  # 22 weekdays minus both Kerstdagen
]


@pytest.mark.parametrize(("maand", "dagen"), WERKDAGEN_2019)
def test_working_days_per_month_2019(maand, dagen):
    assert werkdagen_per_maand(2019, KALENDER)[maand] == dagen


def test_2019_has_254_working_days():
    assert sum(werkdagen_per_maand(2019, KALENDER).values()) == 254


AANDEEL = [
    # (through month, method, share of the year)
    (0, Methode.KALENDER, D(0)),  # nothing yet
    (6, Methode.KALENDER, D(6) / 12),  # half the calendar year
    (12, Methode.KALENDER, D(1)),  # the whole year
    (1, Methode.WERKDAGEN, D(22) / 254),  # January: 22 of 254 working days
    (12, Methode.WERKDAGEN, D(1)),  # the whole year
]


@pytest.mark.parametrize(("tot", "methode", "verwacht"), AANDEEL)
def test_share_of_the_year(tot, methode, verwacht):
    assert aandeel_jaar(2019, tot, methode, KALENDER) == verwacht


def test_plan_per_month_adds_up_to_the_year():
    for methode in Methode:
        maanden = plan_per_maand(D(4430), 2019, methode, KALENDER)
        assert abs(sum(maanden.values()) - 4430) < D("1e-20")
    werkdagen = plan_per_maand(D(4430), 2019, Methode.WERKDAGEN, KALENDER)
    assert werkdagen[6] < werkdagen[5]  # June has Whit Monday and fewer weekdays


def test_month_share_needs_a_calendar_for_working_days():
    assert aandeel_maand(2019, 3, Methode.KALENDER) == D(1) / 12
    with pytest.raises(ValueError, match="werkdagenkalender"):
        aandeel_maand(2019, 3, Methode.WERKDAGEN)
    with pytest.raises(ValueError, match="tussen 1 en 12"):
        aandeel_maand(2019, 13, Methode.KALENDER)


PROGNOSE = [
    # (actuals by month, expected year total, missing months)
    ({}, None, ()),  # nothing entered: no forecast
    ({1: D(100)}, D(1200), ()),  # one month: 100 + 11 × 100
    ({1: D(100), 2: D(100), 3: D(130)}, D(330) + 9 * D(110), ()),  # run-rate of the 3 months
    (
        {1: D(10), 2: D(100), 3: D(100), 4: D(130)},
        D(340) + 8 * D(110),
        (),
    ),  # only the last three months set the run-rate
    ({1: D(100), 3: D(100)}, None, (2,)),  # February is missing: no guess
    ({m: D(50) for m in range(1, 13)}, D(600), ()),  # a full year is its own forecast
]


@pytest.mark.parametrize(("maanden", "totaal", "ontbrekend"), PROGNOSE)
def test_year_end_forecast(maanden, totaal, ontbrekend):
    prognose = prognose_jaareinde(maanden)
    assert prognose.jaartotaal == totaal
    assert prognose.ontbrekende_maanden == ontbrekend
    if totaal is not None:
        assert prognose.jaargemiddelde == totaal / 12


def test_forecast_refuses_negative_actuals():
    with pytest.raises(ValueError, match="negatief"):
        prognose_jaareinde({1: D(-1)})
