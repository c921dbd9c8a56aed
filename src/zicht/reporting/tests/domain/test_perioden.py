from __future__ import annotations

from datetime import date

import pytest

from zicht.reporting.domain.perioden import (
    PeriodeFout,
    periode_afgelopen,
    periode_begonnen,
    periode_lees,
)


@pytest.mark.parametrize(
    ("tekst", "start", "eind"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2019-H1", date(2019, 1, 1), date(2019, 6, 30)),  # H1 = January–June
        ("2019-h2", date(2019, 7, 1), date(2019, 12, 31)),  # lower case accepted
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),  # leap year
    ],
)
def test_periods(tekst, start, eind):
    p = periode_lees(tekst)
    assert (p.start, p.eind) == (start, eind)


@pytest.mark.parametrize("tekst", ["", "19", "2019-H3", "2019-13", "2019-Q1", "volgend jaar"])
def test_unreadable_periods(tekst):
    with pytest.raises(PeriodeFout):
        periode_lees(tekst)


def test_a_delivery_needs_a_finished_period():
    vandaag = date(2019, 7, 1)
    periode_afgelopen(periode_lees("2019-H1"), vandaag)  # ended yesterday
    with pytest.raises(PeriodeFout, match="nog niet afgelopen"):
        periode_afgelopen(periode_lees("2019-H2"), date(2019, 12, 31))
    with pytest.raises(PeriodeFout, match="toekomst"):
        periode_afgelopen(periode_lees("2020-H1"), vandaag)
    periode_begonnen(periode_lees("2019"), vandaag)
    with pytest.raises(PeriodeFout, match="toekomst"):
        periode_begonnen(periode_lees("2019-08"), vandaag)
