"""Streaming of the CBS records: chunk boundaries (one query per chunk of related rows,
looked up by the chunk's ids) and the block-wise writing of the file change nothing, and
every line is the reference layout of its record (field by field, ``Veld.opmaken``)."""

from __future__ import annotations

import io

import pytest

from zicht.reporting import schrijvers, selectors
from zicht.reporting.domain.cbs_formaat import ZICHT_V1
from zicht.reporting.domain.perioden import periode_lees
from zicht.reporting.tests.conftest import VANDAAG
from zicht.reporting.tests.dataset import bouw_dataset

pytestmark = pytest.mark.django_db

PERIODE = periode_lees("2019-H1")


def _bestand() -> tuple[bytes, dict]:
    uit = io.BytesIO()
    validatie = schrijvers.cbs_txt(
        uit,
        selectors.cbs_records(PERIODE),
        ZICHT_V1,
        organisatie="Veilig Thuis",
        periode=PERIODE.code,
        correctie=False,
        op=VANDAAG,
    )
    return uit.getvalue(), validatie.samenvatting()


def _referentie(code: str, waarden: dict[str, object]) -> str:
    soort = ZICHT_V1.soort(code)
    delen = [code] + [v.opmaken(waarden.get(v.naam)) for v in soort.velden]
    return "".join(delen).ljust(ZICHT_V1.regellengte)


def test_chunks_of_one_and_small_write_blocks_give_the_same_file(bouw, monkeypatch):
    bouw_dataset(bouw)
    verwacht, samenvatting = _bestand()
    assert verwacht.count(b"\r\n") == 2 + 15  # header, trailer and the hand-counted records
    monkeypatch.setattr(selectors, "CHUNK", 1)
    monkeypatch.setattr(schrijvers, "BLOK", 2)
    assert _bestand() == (verwacht, samenvatting)


def test_every_line_is_the_reference_layout_of_its_record(bouw):
    bouw_dataset(bouw)
    inhoud, _ = _bestand()
    regels = inhoud.decode("ascii").split("\r\n")
    assert regels[-1] == ""
    records = list(selectors.cbs_records(PERIODE))
    assert regels[1:-2] == [_referentie(r.soort, r.waarden) for r in records]
