"""Parameter checks: every bad value is refused with a Dutch message at its own key."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.planning.domain.parameters import (
    CATALOGUS,
    SLEUTELS,
    ParameterFout,
    planparameters_maken,
    waarden_controleren,
)

D = Decimal

FOUTEN = [
    # (changes, key that gets the message, fragment of the message)
    ({"basis.meldingen": D(-1)}, "basis.meldingen", "negatief"),  # negative volume
    ({"basis.adviezen": D("10.5")}, "basis.adviezen", "geheel"),  # half a case
    ({"urennorm.onderzoek": D("-31.8")}, "urennorm.onderzoek", "negatief"),  # negative norm
    ({"urennorm.advies": D(5000)}, "urennorm.advies", "niet aannemelijk"),  # 5000 h per advice
    (
        {"formatie.productieve_uren_per_fte": D(0)},
        "formatie.productieve_uren_per_fte",
        "groter dan 0",
    ),  # productive hours of 0 would divide by zero
    (
        {"formatie.productieve_uren_per_fte": D(3000)},
        "formatie.productieve_uren_per_fte",
        "2080",
    ),  # more hours than a full-time year
    (
        {"kosten.ggd_fractie": D("1.2")},
        "kosten.ggd_fractie",
        "tussen 0 en 1",
    ),  # 120% is no fraction
    ({"kosten.fte_uitvoering_eur": D(-80000)}, "kosten.fte_uitvoering_eur", "negatief"),  # cost < 0
    (
        {"fractie.onderzoek": D("0.5")},
        "fractie.onderzoek",
        "meer dan 1",
    ),  # 0.451 + 0.2293 + 0.5 = 1.18: fractions do not add up
    (
        {"fractie.onderzoek": D("0.5")},
        "fractie.voorwaarden_en_vervolg",
        "meer dan 1",
    ),  # ... and the message is at each of the three fields
    (
        {"groei.hoog.meldingen_autonoom": D("-0.9"), "groei.hoog.meldingen_meldcode": D("-0.2")},
        "groei.hoog.meldingen_meldcode",
        "krimp",
    ),  # -90% and -20% together shrink below zero
    ({"groei.laag.adviezen_autonoom": D(6)}, "groei.laag.adviezen_autonoom", "500%"),  # 600% growth
    ({"formatie.risico_per_uitvoering": D(-1)}, "formatie.risico_per_uitvoering", "negatief"),
    ({"basis.meldingen": None}, "basis.meldingen", "Vul een waarde in"),  # missing value
    ({"onbekend.ding": D(1)}, "onbekend.ding", "Onbekende parameter"),  # a key we do not know
    (
        {f"simulatie.weekpatroon.{d}": D(0) for d in ("ma", "di", "wo", "do", "vr", "za", "zo")},
        "simulatie.weekpatroon.ma",
        "minstens één dag",
    ),  # no inflow on any day
    ({"simulatie.aandeel_acuut": D("1.5")}, "simulatie.aandeel_acuut", "tussen 0 en 1"),
    ({"gepubliceerd.fte_uitvoering": D(-1)}, "gepubliceerd.fte_uitvoering", "negatief"),
]


@pytest.mark.parametrize(("wijziging", "sleutel", "fragment"), FOUTEN)
def test_bad_values_get_a_message_at_their_key(waarden_2019, wijziging, sleutel, fragment):
    waarden = {**waarden_2019, **wijziging}
    fouten = waarden_controleren(waarden)
    assert fragment in fouten[sleutel]
    with pytest.raises(ParameterFout) as fout:
        planparameters_maken(waarden)
    assert fout.value.fouten == fouten


GOED = [
    # changes that are allowed
    {"fractie.overdracht_na_veiligheidsbeoordeling": D("0.6311")},  # sum exactly 1: none end
    {"groei.laag.meldingen_autonoom": D("-0.1")},  # shrinking volumes are possible
    {"urennorm.voorlichting": D(0)},  # a service may cost no hours
    {"gepubliceerd.fte_uitvoering": None},  # published figures are optional
]


@pytest.mark.parametrize("wijziging", GOED)
def test_allowed_values_pass(waarden_2019, wijziging):
    assert waarden_controleren({**waarden_2019, **wijziging}) == {}


def test_the_2019_set_is_complete_and_valid(waarden_2019, parameters_2019):
    assert waarden_controleren(waarden_2019) == {}
    assert {s.code for s in CATALOGUS if s.verplicht} <= set(waarden_2019)
    # what is left after the three decisions ends without follow-up: about 18%
    assert parameters_2019.fractie_zonder_vervolg == D("0.1802")


def test_parameterfout_message_names_the_field():
    fout = ParameterFout({"basis.meldingen": "Een aantal kan niet negatief zijn."})
    assert str(fout) == f"{SLEUTELS['basis.meldingen'].label}: Een aantal kan niet negatief zijn."
