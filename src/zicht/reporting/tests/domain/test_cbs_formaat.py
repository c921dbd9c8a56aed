from __future__ import annotations

import pytest

from zicht.reporting.domain.cbs_formaat import (
    ZICHT_V1,
    FormaatFout,
    ascii_tekst,
    bsn_cbs,
    geboortedatum_cbs,
)


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        ((2010, 4, 3, False), "20100403"),
        ((2010, 4, None, False), "20100400"),  # day unknown
        ((2010, None, None, False), "20100000"),  # only the year
        ((None, None, None, True), "99999999"),  # unborn
        ((None, None, None, False), "00000000"),  # nothing known: a finding
    ],
)
def test_birth_date_convention(args, verwacht):
    *datum, ongeboren = args
    assert geboortedatum_cbs(*datum, ongeboren=ongeboren) == verwacht


def test_bsn_convention():
    assert bsn_cbs("", ongeboren=False) == "000000000"
    assert bsn_cbs("111222333", ongeboren=True) == "999999999"
    assert bsn_cbs("111222333", ongeboren=False) == "111222333"


def test_line_round_trip_and_errors():
    regel = ZICHT_V1.regel("U", {"dienst_id": 12, "aard": "06", "uitkomst": "03", "conclusie": "B"})
    assert len(regel) == ZICHT_V1.regellengte
    assert regel.startswith("U000000001206" + "03B")
    assert ZICHT_V1.lees(regel) == (
        "U",
        {"dienst_id": "0000000012", "aard": "06", "uitkomst": "03", "conclusie": "B"},
    )
    with pytest.raises(FormaatFout, match="cijfers"):
        ZICHT_V1.regel("U", {"dienst_id": "12a"})
    with pytest.raises(FormaatFout, match="langer"):
        ZICHT_V1.regel("U", {"dienst_id": 10**11})
    with pytest.raises(FormaatFout, match="Onbekende recordsoort"):
        ZICHT_V1.lees("X".ljust(100))
    assert ascii_tekst("Súdwest-Fryslân – ’t") == "Sudwest-Fryslan ? ?t"
