"""Signal rules: plain numbers in, a traffic light out; no data is grey, never green."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.planning.domain.signalen import (
    Niveau,
    signaal_caseload,
    signaal_instroom,
    signaal_termijnen,
    signaal_wachtlijst,
)

D = Decimal

INSTROOM = [
    # (realised, plan to date, high scenario to date, level)
    (None, D(1000), D(1100), Niveau.GEEN_DATA),  # nothing registered yet
    (10, D(0), D(0), Niveau.GEEN_DATA),  # no plan to compare with (year not started)
    (1000, D(1000), D(1100), Niveau.GROEN),  # on plan
    (1050, D(1000), D(1100), Niveau.GROEN),  # exactly at the 5% margin
    (1051, D(1000), D(1100), Niveau.ORANJE),  # just above plan + margin
    (1101, D(1000), D(1100), Niveau.ROOD),  # above scenario hoog (risk 10)
]


@pytest.mark.parametrize(("gerealiseerd", "plan", "hoog", "niveau"), INSTROOM)
def test_instroom(gerealiseerd, plan, hoog, niveau):
    signaal = signaal_instroom(
        gerealiseerd=gerealiseerd, plan=plan, plan_hoog=hoog, marge=D("0.05")
    )
    assert signaal.niveau is niveau
    assert signaal.toelichting


WACHTLIJST = [
    # (waiting list, threshold, level)
    (None, 50, Niveau.GEEN_DATA),  # no data
    (25, 50, Niveau.GROEN),  # half the threshold is still green
    (26, 50, Niveau.ORANJE),  # above half
    (51, 50, Niveau.ROOD),  # above the threshold
]


@pytest.mark.parametrize(("wachtlijst", "drempel", "niveau"), WACHTLIJST)
def test_wachtlijst(wachtlijst, drempel, niveau):
    assert signaal_wachtlijst(wachtlijst=wachtlijst, drempel=drempel).niveau is niveau


CASELOAD = [
    # (cases per fte, norm, level)
    (None, 20, Niveau.GEEN_DATA),  # no data
    (D(20), 20, Niveau.GROEN),  # at the norm
    (D("20.1"), 20, Niveau.ORANJE),  # above the norm
    (D("24.1"), 20, Niveau.ROOD),  # more than 20% above the norm
]


@pytest.mark.parametrize(("caseload", "norm", "niveau"), CASELOAD)
def test_caseload(caseload, norm, niveau):
    signaal = signaal_caseload(caseload_per_fte=caseload, norm=norm)
    assert signaal.niveau is niveau


TERMIJNEN = [
    # (share on time, norm, level)
    (None, D("0.9"), Niveau.GEEN_DATA),  # no data
    (D("0.90"), D("0.9"), Niveau.GROEN),  # exactly the norm
    (D("0.85"), D("0.9"), Niveau.ORANJE),  # below the norm
    (D("0.79"), D("0.9"), Niveau.ROOD),  # more than 10 points below: terms are slipping
]


@pytest.mark.parametrize(("aandeel", "norm", "niveau"), TERMIJNEN)
def test_termijnen(aandeel, norm, niveau):
    assert signaal_termijnen(aandeel_tijdig=aandeel, norm=norm).niveau is niveau


def test_texts_are_dutch():
    assert "90,0%" in signaal_termijnen(aandeel_tijdig=D("0.9"), norm=D("0.9")).toelichting
    assert "20,5 casussen" in signaal_caseload(caseload_per_fte=D("20.5"), norm=20).toelichting
