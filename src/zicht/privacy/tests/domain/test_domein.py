"""Pure rules: the destruction date, the age rules for inzage, month arithmetic (no DB)."""

from __future__ import annotations

from datetime import date

import pytest

from zicht.core.domain.terms import add_months
from zicht.people.domain.dates import leeftijd
from zicht.privacy.domain.bewaartermijn import jaren_later, vernietigingsdatum
from zicht.privacy.domain.rechten import Verzoeker, inzage_oordeel


@pytest.mark.parametrize(
    ("gesloten", "kinderen", "jaren", "verwacht"),
    [
        (date(2026, 6, 30), [], 20, date(2046, 6, 30)),
        (date(2026, 6, 30), [date(2018, 5, 1)], 20, date(2046, 6, 30)),  # child 18 in 2036
        (date(2026, 6, 30), [date(2030, 1, 1)], 20, date(2048, 1, 1)),  # unborn then: waits
        (date(2026, 6, 30), [date(2010, 1, 1), date(2029, 3, 4)], 20, date(2047, 3, 4)),
        (date(2026, 6, 30), [None], 20, date(2046, 6, 30)),  # unknown: counts as closing day
        (date(2026, 6, 30), [date(2020, 1, 1)], 15, date(2041, 6, 30)),  # Wmo 2015's 15 years
        (date(2028, 2, 29), [], 20, date(2048, 2, 29)),
        (date(2028, 2, 29), [], 15, date(2043, 2, 28)),
    ],
)
def test_destruction_date(gesloten, kinderen, jaren, verwacht):
    assert (
        vernietigingsdatum(gesloten_op=gesloten, geboortedata_kinderen=kinderen, jaren=jaren)
        == verwacht
    )


def test_destruction_term_must_be_positive():
    with pytest.raises(ValueError, match="ten minste"):
        vernietigingsdatum(gesloten_op=date(2026, 1, 1), jaren=0)


def test_years_later_on_29_february():
    assert jaren_later(date(2024, 2, 29), 1) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("geboren", "verzoeker", "gezag", "toegestaan"),
    [
        (date(2015, 1, 1), Verzoeker.BETROKKENE, False, False),
        (date(2015, 1, 1), Verzoeker.WETTELIJK_VERTEGENWOORDIGER, True, False),
        (date(2014, 11, 29), Verzoeker.WETTELIJK_VERTEGENWOORDIGER, True, True),  # 12 today
        (date(2014, 11, 30), Verzoeker.WETTELIJK_VERTEGENWOORDIGER, True, False),  # 12 tomorrow
        (date(2012, 1, 1), Verzoeker.BETROKKENE, False, False),
        (date(2012, 1, 1), Verzoeker.WETTELIJK_VERTEGENWOORDIGER, False, False),
        (date(2010, 11, 29), Verzoeker.BETROKKENE, False, True),  # 16 today
        (date(2010, 11, 29), Verzoeker.WETTELIJK_VERTEGENWOORDIGER, True, False),
        (None, Verzoeker.BETROKKENE, False, True),
        (None, Verzoeker.WETTELIJK_VERTEGENWOORDIGER, True, False),
    ],
)
def test_inzage_age_rules(geboren, verzoeker, gezag, toegestaan):
    oordeel = inzage_oordeel(
        geboren=geboren, op=date(2026, 11, 29), verzoeker=verzoeker, verzoeker_heeft_gezag=gezag
    )
    assert oordeel.toegestaan is toegestaan
    assert oordeel.reden


def test_age_and_months():
    assert leeftijd(date(2010, 11, 30), date(2026, 11, 29)) == 15
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 10, 15), 3) == date(2027, 1, 15)
