"""The zorgmelding format (intake/CORV_FORMAT.md), checked against the example files."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zicht.intake.domain.corv import (
    ZorgmeldingFout,
    berichten_uit,
    lees_geboortedatum,
    lees_zorgmelding,
)
from zicht.intake.tests.conftest import lees
from zicht.people.domain.dates import DatumFout, PartialDate


def test_example_report_reads():
    z = lees_zorgmelding(lees("zorgmelding-hgkm.json"))
    assert z.bericht_id == "ZM-2026-000101"
    assert z.verzonden_op.utcoffset() == timedelta(hours=1)
    assert z.acuut
    assert z.hg_km_indicatie
    assert z.aanleidingen == ("01",)
    assert z.aarden == ("01", "08")
    assert [p.rol for p in z.personen] == ["slachtoffer", "vermoedelijk_pleger", "kind", "kind"]
    assert z.personen[0].adres.postcode == "1811 LP"
    assert z.personen[1].geboortedatum == PartialDate(1989)
    assert z.personen[2].geboortedatum == PartialDate(2021, 11)


def test_batch_file_reads_with_defaults():
    berichten = berichten_uit(lees("zorgmeldingen-batch.json"))
    assert len(berichten) == 2
    niet_hgkm, hgkm = (lees_zorgmelding(b) for b in berichten)
    assert not niet_hgkm.hg_km_indicatie
    assert niet_hgkm.aanleidingen == ()
    assert niet_hgkm.opsteller_telefoon == ""
    assert hgkm.hg_km_indicatie  # the default
    assert hgkm.personen[0].voornamen == ""


def test_invalid_report_lists_every_problem():
    with pytest.raises(ZorgmeldingFout) as fout:
        lees_zorgmelding(lees("zorgmelding-ongeldig.json"))
    tekst = "\n".join(fout.value.fouten)
    assert "bericht.bericht_id: ontbreekt" in tekst
    assert "verzonden_op: verwacht een ISO 8601" in tekst
    assert "acuut: verwacht true of false" in tekst
    assert "aard: verwacht een lijst codes" in tekst
    assert "personen[0].rol: onbekende rol ‘buurman’" in tekst
    assert "personen[0].achternaam: ontbreekt" in tekst
    assert "personen[0].geboortedatum" in tekst


def test_other_format_and_shapes_are_refused():
    with pytest.raises(ZorgmeldingFout, match="formaat"):
        lees_zorgmelding({**lees("zorgmelding-hgkm.json"), "formaat": "iets-anders/2"})
    with pytest.raises(ZorgmeldingFout):
        lees_zorgmelding(["geen object"])
    with pytest.raises(ZorgmeldingFout, match="tijdzone"):
        lees_zorgmelding({**lees("zorgmelding-hgkm.json"), "verzonden_op": "2026-03-10T02:13"})
    with pytest.raises(ZorgmeldingFout, match="lijst"):
        berichten_uit({"berichten": "x"})
    with pytest.raises(ZorgmeldingFout):
        berichten_uit("tekst")
    assert berichten_uit([1, 2]) == [1, 2]


@pytest.mark.parametrize(
    ("tekst", "datum"),
    [
        ("1985-03-12", PartialDate(1985, 3, 12)),
        ("1985-03", PartialDate(1985, 3)),
        ("1985", PartialDate(1985)),
    ],
)
def test_birth_dates(tekst, datum):
    assert lees_geboortedatum(tekst) == datum


@pytest.mark.parametrize("tekst", ["12-03-1985x", "1985-02-30", "", "1985-1-2-3"])
def test_bad_birth_dates(tekst):
    with pytest.raises(DatumFout):
        lees_geboortedatum(tekst)
