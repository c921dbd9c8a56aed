"""The budget model reproduces the published 2019 figures and responds to its parameters."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.begroting import (
    afronden,
    begroting_bereken,
    vergelijking_gepubliceerd,
    volumes_scenario,
)
from zicht.planning.domain.parameters import ParameterFout

D = Decimal

# Published 2019 figures of the seed (hoofdstuk 5) and the precision the document rounds to.
GEPUBLICEERD_2019 = [
    # (code, published, precision)
    ("fte_uitvoering", D("80.1"), D("0.1")),  # "Uitvoering 80,1 fte/92%"
    (
        "fte_management_en_ondersteuning",
        D("6.1"),
        D("0.1"),
    ),  # "Management en Ondersteuning 6,1 fte"
    (
        "fte_risico_en_ontwikkelruimte",
        D("12.3"),
        D("0.1"),
    ),  # "Risico's en ontwikkelruimte 12,3 fte"
    ("begroting_structureel_eur", D(8_200_000), D(100_000)),  # "Structureel 2019 € 8,2 miljoen"
    ("directe_kosten_eur", D(6_600_000), D(100_000)),  # "Direct 6,6 mln 80%"
    ("indirecte_kosten_eur", D(1_600_000), D(100_000)),  # "Indirect 1,6 mln 20%"
    ("directe_personeelslasten_eur", D(6_400_000), D(100_000)),  # direct "Personeel 6,4 mln"
    ("directe_overige_eur", D(200_000), D(100_000)),  # direct "Overig 0,2 mln"
    ("indirecte_personeelslasten_eur", D(700_000), D(100_000)),  # indirect "Personeel 0,7 mln"
    ("indirecte_overige_eur", D(100_000), D(100_000)),  # indirect "Overig 0,1 mln"
    ("ondersteuning_ggd_eur", D(800_000), D(100_000)),  # "Ondersteuning GGD 0,8 mln"
    ("personeelslasten_totaal_eur", D(7_100_000), D(100_000)),  # pie: "7,1 mln 86%"
    ("eenmalig_risico_en_ontwikkelruimte_eur", D(1_300_000), D(100_000)),  # "€ 1,3 miljoen"
    ("aandeel_direct", D("0.80"), D("0.01")),  # "verhouding directe/indirecte kosten 80%/20%"
]


@pytest.mark.parametrize(("code", "gepubliceerd", "precisie"), GEPUBLICEERD_2019)
def test_scenario_midden_reproduces_each_published_2019_figure(
    parameters_2019, code, gepubliceerd, precisie
):
    # Given the 2019 parameters, when the model computes the plan scenario (midden),
    begroting = begroting_bereken(parameters_2019, scenario=Scenario.MIDDEN)
    regels = {r.code: r for r in vergelijking_gepubliceerd(begroting, parameters_2019.gepubliceerd)}
    # then each published figure is reproduced within the document's own rounding.
    regel = regels[code]
    assert regel.gepubliceerd == gepubliceerd
    assert regel.precisie == precisie
    assert regel.model_afgerond == gepubliceerd, regel
    assert regel.binnen_afronding


def test_scenario_midden_reproduces_the_published_volumes(parameters_2019, document):
    volumes = volumes_scenario(parameters_2019, Scenario.MIDDEN)
    assert {d.value: v for d, v in volumes.items()} == document["volumes_2019_published"]


def test_every_published_row_is_compared(parameters_2019):
    begroting = begroting_bereken(parameters_2019, scenario=Scenario.MIDDEN)
    regels = vergelijking_gepubliceerd(begroting, parameters_2019.gepubliceerd)
    assert len(regels) == len(GEPUBLICEERD_2019) + len(Dienst)
    assert all(r.binnen_afronding for r in regels)


def test_unrounded_model_values_of_2019(parameters_2019):
    b = begroting_bereken(parameters_2019, scenario=Scenario.MIDDEN)
    # 112,171.4 hours / 1,400 = 80.1224 fte; the costs follow exactly from the fractions.
    assert b.uren == D("112171.4")
    assert b.fte_uitvoering == D("112171.4") / 1400
    assert afronden(b.kosten.structureel) == D(8_192_598)
    assert afronden(b.kosten.eenmalig) == D(1_300_829)
    assert b.kosten.direct + b.kosten.indirect == b.kosten.structureel
    assert (
        b.kosten.personeelslasten + b.kosten.overige_bedrijfskosten + (b.kosten.ondersteuning_ggd)
        == b.kosten.structureel
    )


SCENARIO_VOLUMES = [
    # (scenario, meldingen, adviezen)
    (Scenario.LAAG, 4359, 4858),  # 3544 × (1 + 0.18 + 0.05); 3737 × (1 + 0.25 + 0.05)
    (Scenario.MIDDEN, 4430, 5045),  # 3544 × 1.25 = 4430; 3737 × 1.35 = 5044.95 → 5045
    (Scenario.HOOG, 4536, 5232),  # 3544 × 1.28 = 4536.32; 3737 × 1.40 = 5231.8 → 5232
]


@pytest.mark.parametrize(("scenario", "meldingen", "adviezen"), SCENARIO_VOLUMES)
def test_scenarios_differ_by_their_growth(parameters_2019, scenario, meldingen, adviezen):
    volumes = volumes_scenario(parameters_2019, scenario)
    assert volumes[Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING] == meldingen
    assert volumes[Dienst.ADVIES] == adviezen
    # overdracht na bemoeienis = monitoren = V&V + onderzoek
    na = volumes[Dienst.VOORWAARDEN_EN_VERVOLG] + volumes[Dienst.ONDERZOEK]
    assert volumes[Dienst.OVERDRACHT_NA_BEMOEIENIS] == na == volumes[Dienst.MONITOREN]
    # the regional tasks do not grow with the Meldcode
    assert volumes[Dienst.TIJDELIJK_HUISVERBOD] == 61
    assert volumes[Dienst.VOORLICHTING] == 104


def test_more_growth_means_more_fte_and_money(parameters_2019):
    laag, midden, hoog = (begroting_bereken(parameters_2019, scenario=s) for s in Scenario)
    assert laag.fte_uitvoering < midden.fte_uitvoering < hoog.fte_uitvoering
    assert laag.kosten.structureel < midden.kosten.structureel < hoog.kosten.structureel


GEVOELIGHEID = [
    # (productive hours, fte uitvoering rounded to 0.1)
    (D(1400), D("80.1")),  # the plan
    (D(1300), D("86.3")),  # 112,171.4 / 1,300
    (D(1500), D("74.8")),  # 112,171.4 / 1,500
]


@pytest.mark.parametrize(("uren", "fte"), GEVOELIGHEID)
def test_sensitivity_to_productive_hours(parameters_2019, uren, fte):
    b = begroting_bereken(parameters_2019, scenario=Scenario.MIDDEN, productieve_uren_per_fte=uren)
    assert afronden(b.fte_uitvoering, D("0.1")) == fte


def test_entered_volumes_instead_of_a_scenario(parameters_2019):
    volumes = volumes_scenario(parameters_2019, Scenario.MIDDEN)
    volumes[Dienst.MONITOREN] = 0
    b = begroting_bereken(parameters_2019, volumes=volumes)
    assert b.scenario is None
    assert b.uren == D("112171.4") - 1634 * 15


SLECHTE_INVOER = [
    # (change, key with the error, message fragment)
    ({"volumes": {Dienst.ADVIES: -1}}, "volume.advies", "negatief"),  # negative entered volume
    ({"uren": D(0)}, "formatie.productieve_uren_per_fte", "groter dan 0"),  # 0 productive hours
    ({"uren": D(-1400)}, "formatie.productieve_uren_per_fte", "groter dan 0"),  # negative hours
]


@pytest.mark.parametrize(("wijziging", "sleutel", "fragment"), SLECHTE_INVOER)
def test_bad_model_input_is_refused_with_a_dutch_message(
    parameters_2019, wijziging, sleutel, fragment
):
    volumes = volumes_scenario(parameters_2019, Scenario.MIDDEN)
    volumes.update(wijziging.get("volumes", {}))
    with pytest.raises(ParameterFout) as fout:
        begroting_bereken(
            parameters_2019, volumes=volumes, productieve_uren_per_fte=wijziging.get("uren")
        )
    assert fragment in fout.value.fouten[sleutel]


def test_a_missing_service_in_entered_volumes_is_refused(parameters_2019):
    with pytest.raises(ParameterFout) as fout:
        begroting_bereken(parameters_2019, volumes={Dienst.ADVIES: 10})
    assert "volume.onderzoek" in fout.value.fouten


def test_scenario_or_volumes_exactly_one(parameters_2019):
    with pytest.raises(ValueError, match="niet beide"):
        begroting_bereken(parameters_2019)


def test_zero_norm_service_costs_nothing(parameters_2019):
    normen = dict(parameters_2019.urennormen)
    normen[Dienst.VOORLICHTING] = D(0)
    b = begroting_bereken(replace(parameters_2019, urennormen=normen), scenario=Scenario.MIDDEN)
    assert b.regel(Dienst.VOORLICHTING).fte == 0


AFRONDEN = [
    # (value, precision, expected)
    (D("80.15"), D("0.1"), D("80.2")),  # half up, not banker's rounding
    (D("80.14999"), D("0.1"), D("80.1")),  # just below half
    (D(8_250_000), D(100_000), D(8_300_000)),  # € 8.25 mln → 8.3
    (D("-0.05"), D("0.1"), D("-0.1")),  # half away from zero for negatives
]


@pytest.mark.parametrize(("waarde", "precisie", "verwacht"), AFRONDEN)
def test_afronden_half_up(waarde, precisie, verwacht):
    assert afronden(waarde, precisie) == verwacht
