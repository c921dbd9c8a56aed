"""Explicit task deadlines expressed as a calendar-day term (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from zicht.casework.domain.termijnen import expliciete_termijn
from zicht.core.domain.calendar import AtwCalendar
from zicht.core.domain.terms import Opschorting, Verlenging, deadline

KALENDER = AtwCalendar()


@pytest.mark.parametrize(
    ("start", "eind", "opschortingen", "verlengingen", "verwacht"),
    [
        # ma 02-03 → vr 06-03, niets erbij → vr 06-03
        (date(2026, 3, 2), date(2026, 3, 6), [], [], date(2026, 3, 6)),
        # deadline op de startdag zelf → dezelfde dag
        (date(2026, 3, 2), date(2026, 3, 2), [], [], date(2026, 3, 2)),
        # eind op zaterdag blijft zaterdag (vaste datum, geen Atw art. 1)
        (date(2026, 3, 2), date(2026, 3, 7), [], [], date(2026, 3, 7)),
        # opgeschort di 03-03 t/m wo 04-03 (2 dagen) → zo 08-03
        (date(2026, 3, 2), date(2026, 3, 6), [(3, 4)], [], date(2026, 3, 8)),
        # opschorting vanaf de startdag telt ook mee (1 dag) → za 07-03
        (date(2026, 3, 2), date(2026, 3, 6), [(2, 2)], [], date(2026, 3, 7)),
        # verlengd met 3 kalenderdagen → ma 09-03
        (date(2026, 3, 2), date(2026, 3, 6), [], [3], date(2026, 3, 9)),
    ],
)
def test_explicit_deadline(start, eind, opschortingen, verlengingen, verwacht):
    telstart, termijn = expliciete_termijn(start, eind)
    stand = deadline(
        telstart,
        termijn,
        KALENDER,
        [Opschorting(date(2026, 3, a), date(2026, 3, b), "reden") for a, b in opschortingen],
        [Verlenging(n, "reden") for n in verlengingen],
    )
    assert stand.oorspronkelijke_einddatum == eind
    assert stand.einddatum == verwacht


def test_deadline_before_start_is_refused():
    with pytest.raises(ValueError, match="vóór de start"):
        expliciete_termijn(date(2026, 3, 2), date(2026, 3, 1))
