"""The reference document becomes parameter rows with their status and source."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.planning.domain.begrippen import Bronstatus
from zicht.planning.domain.brondocument import parameters_uit_document

D = Decimal


@pytest.fixture(scope="module")
def rijen(document):
    return {rij.sleutel: rij for rij in parameters_uit_document(document)}


STATUS = [
    # (key, value, status in the document)
    ("basis.meldingen", D(3544), Bronstatus.INFERRED),  # basis_2018_inferred
    ("groei.midden.meldingen_meldcode", D("0.07"), Bronstatus.PUBLISHED),  # midden is published
    ("groei.hoog.adviezen_meldcode", D("0.15"), Bronstatus.ASSUMED),  # hoog is assumed
    ("urennorm.monitoren", D(15), Bronstatus.PUBLISHED),  # "van 2 uur naar 15 uur"
    ("urennorm.onderzoek", D("31.8"), Bronstatus.INFERRED),  # calibrated
    ("formatie.productieve_uren_per_fte", D(1400), Bronstatus.ASSUMED),  # assumed in the JSON
    ("formatie.management_per_uitvoering", D("0.0762"), Bronstatus.INFERRED),  # 6.1 / 80.1
    ("kosten.fte_risico_eur", D(105700), Bronstatus.INFERRED),  # 1.3 mln / 12.3
    ("volume.tijdelijk_huisverbod", D(61), Bronstatus.PUBLISHED),  # table Aantallen
    ("gepubliceerd.begroting_structureel_eur", D(8200000), Bronstatus.PUBLISHED),
    ("signaal.norm_vb_tijdig", D("0.90"), Bronstatus.PUBLISHED),  # sector norm, DOMAIN §4
    ("simulatie.aandeel_acuut", D("0.10"), Bronstatus.ASSUMED),  # not in the document
]


@pytest.mark.parametrize(("sleutel", "waarde", "status"), STATUS)
def test_status_and_value_are_kept(rijen, sleutel, waarde, status):
    assert rijen[sleutel].waarde == waarde
    assert rijen[sleutel].status is status
    assert rijen[sleutel].bron


@pytest.mark.parametrize(
    "dienst", ["overdracht_na_veiligheidsbeoordeling", "voorwaarden_en_vervolg", "onderzoek"]
)
def test_flow_fractions_are_derived_to_four_decimals_and_round_to_the_document(
    rijen, document, dienst
):
    rij = rijen[f"fractie.{dienst}"]
    volume = D(document["volumes_2019_published"][dienst])
    assert rij.waarde == (volume / 4430).quantize(D("0.0001"))
    assert rij.waarde.quantize(D("0.001")) == D(str(document["stroom_fracties_inferred"][dienst]))
    assert rij.status is Bronstatus.INFERRED
    assert "rondt af op" in rij.bron


def test_unknown_sections_are_an_error(document):
    kapot = {**document}
    del kapot["urennormen_calibrated"]
    with pytest.raises(KeyError):
        parameters_uit_document(kapot)
