"""The start of the current shift (default 07:00, 15:00, 23:00 Europe/Amsterdam)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from zicht.intake.domain.werkdiensten import dienst_start

AMS = ZoneInfo("Europe/Amsterdam")
DIENSTEN = [time(7), time(15), time(23)]


def ams(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize(
    ("nu", "start"),
    [
        # di 10:00 → the day shift of 07:00
        (ams(2026, 3, 10, 10, 0), ams(2026, 3, 10, 7, 0)),
        # di 15:00 exactly → the evening shift starts
        (ams(2026, 3, 10, 15, 0), ams(2026, 3, 10, 15, 0)),
        # di 23:30 → the night shift of 23:00
        (ams(2026, 3, 10, 23, 30), ams(2026, 3, 10, 23, 0)),
        # wo 03:00 → still the night shift that began yesterday at 23:00
        (ams(2026, 3, 11, 3, 0), ams(2026, 3, 10, 23, 0)),
        # 1 January 06:59 → the night shift of New Year's Eve
        (ams(2026, 1, 1, 6, 59), ams(2025, 12, 31, 23, 0)),
        # zo 29-03-2026 (DST starts 02:00→03:00) 08:00 → 07:00 wall clock
        (ams(2026, 3, 29, 8, 0), ams(2026, 3, 29, 7, 0)),
    ],
)
def test_dienst_start(nu, start):
    assert dienst_start(nu, DIENSTEN) == start


def test_no_shifts_means_the_day():
    assert dienst_start(ams(2026, 3, 10, 10, 0), []) == ams(2026, 3, 10, 0, 0)


def test_order_of_the_times_does_not_matter():
    assert dienst_start(ams(2026, 3, 10, 16, 0), [time(23), time(7), time(15)]) == ams(
        2026, 3, 10, 15, 0
    )


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="tijdzone"):
        dienst_start(datetime(2026, 3, 10, 10, 0), DIENSTEN)  # noqa: DTZ001
