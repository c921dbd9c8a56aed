"""The working-day calendar of the Algemene termijnenwet (Atw).

A *working day* is Monday to Friday, except

* the *algemeen erkende feestdagen* of Atw art. 3(1): Nieuwjaarsdag, Tweede Paasdag, Koningsdag,
  5 mei (every year — not only in lustrum years), Hemelvaartsdag, Tweede Pinksterdag and both
  Kerstdagen; Goede Vrijdag is equated with them by art. 3(2); Eerste Paasdag and Eerste
  Pinksterdag are listed as well for completeness (they are Sundays anyway);
* the days that a royal decree equates with them for a given year (art. 3(3)), e.g. the Friday
  after Hemelvaartsdag. Those decrees change every few years, so they are *data*: they are passed
  into :class:`AtwCalendar` by the caller (the database holds them, editable by the functioneel
  beheerder).

Library holiday calendars answer a different question (which days are days off), so they are
not used here: 5 mei is a statutory holiday under the Atw every year.

This module is pure: no Django, no clock. Everything it needs is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "EERSTE_JAAR",
    "AtwCalendar",
    "atw_holidays",
    "easter_sunday",
]

#: The first year this calendar knows the Atw holidays of (Koninginnedag rules before 1980
#: differed and are of no use to a registration system that starts in 2015).
EERSTE_JAAR = 1980

_SATURDAY = 5  # date.weekday(): Monday is 0, Saturday 5, Sunday 6
_SUNDAY = 6


def easter_sunday(year: int) -> date:
    """Eerste Paasdag of ``year`` in the Gregorian calendar.

    Easter is the first Sunday after the ecclesiastical full moon on or after 21 March. The
    ecclesiastical moon follows the 19-year Metonic cycle (the *golden number*); the Gregorian
    reform added two century corrections: one for the leap days it drops (three in every four
    centuries) and one for the drift of the Metonic cycle against the real moon (eight days in
    2500 years). The *epact* is the age of the moon on 1 January.
    """
    if year < 1583:
        raise ValueError(f"De gregoriaanse paasberekening geldt vanaf 1583, niet voor {year}.")
    golden_number = year % 19 + 1
    century = year // 100 + 1
    dropped_leap_days = 3 * century // 4 - 12
    moon_correction = (8 * century + 5) // 25 - 5
    # March (-sunday_key mod 7) is a Sunday.
    sunday_key = 5 * year // 4 - dropped_leap_days - 10
    epact = (11 * golden_number + 20 + moon_correction - dropped_leap_days) % 30
    # Two exceptions keep the full moon from landing on 19 or 18 April in the wrong cycle.
    if epact == 24 or (epact == 25 and golden_number > 11):
        epact += 1
    full_moon = 44 - epact  # a day of March; 32 means 1 April
    if full_moon < 21:
        full_moon += 30
    sunday = full_moon + 7 - (sunday_key + full_moon) % 7
    if sunday > 31:
        return date(year, 4, sunday - 31)
    return date(year, 3, sunday)


def _kings_day(year: int) -> tuple[date, str]:
    """The day the monarch's birthday is celebrated (Atw art. 3(1))."""
    if year >= 2014:
        day = date(year, 4, 27)
        name = "Koningsdag"
    else:
        day = date(year, 4, 30)
        name = "Koninginnedag"
    if day.weekday() == _SUNDAY:
        day -= timedelta(days=1)
    return day, name


@lru_cache(maxsize=512)
def _statutory_holidays(year: int) -> Mapping[date, str]:
    if year < EERSTE_JAAR:
        raise ValueError(f"De Atw-kalender kent de feestdagen vanaf {EERSTE_JAAR}, niet in {year}.")
    easter = easter_sunday(year)
    kings_day, kings_day_name = _kings_day(year)
    days: list[tuple[date, str]] = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede Vrijdag"),
        (easter, "Eerste Paasdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (kings_day, kings_day_name),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=49), "Eerste Pinksterdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    result: dict[date, str] = {}
    for day, name in sorted(days):
        # Hemelvaartsdag can fall on 5 mei (2016, 2157, ...): one day, two names.
        result[day] = f"{result[day]} en {name}" if day in result else name
    return result


def atw_holidays(year: int) -> dict[date, str]:
    """The algemeen erkende feestdagen of ``year`` (Atw art. 3(1) and 3(2)), with Dutch names.

    Equated days from royal decrees are not included: they are data, see :class:`AtwCalendar`.
    """
    return dict(_statutory_holidays(year))


def _weekdays_up_to(day: date) -> int:
    """Monday–Friday days from 1 January of year 1 (a Monday) up to and including ``day``."""
    ordinal = day.toordinal()
    return ordinal // 7 * 5 + min(ordinal % 7, 5)


class AtwCalendar:
    """Working days under the Algemene termijnenwet, given the equated days of royal decrees.

    ``equated_days`` may be any iterable of dates; when it is a mapping its values are used as
    the names (the *grond*) of the days, e.g. ``{date(2026, 5, 15): "vrijdag na
    Hemelvaartsdag"}``.
    """

    __slots__ = ("_equated", "_non_working_weekdays")

    def __init__(self, equated_days: Iterable[date] = ()) -> None:
        if isinstance(equated_days, Mapping):
            equated = {day: str(name) for day, name in equated_days.items()}
        else:
            equated = dict.fromkeys(equated_days, "gelijkgestelde dag")
        self._equated: dict[date, str] = dict(sorted(equated.items()))
        self._non_working_weekdays: dict[int, frozenset[date]] = {}

    def __repr__(self) -> str:
        days = ", ".join(day.isoformat() for day in self._equated)
        return f"AtwCalendar(equated_days=[{days}])"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AtwCalendar):
            return NotImplemented
        return self._equated == other._equated

    def __hash__(self) -> int:
        return hash(frozenset(self._equated.items()))

    @property
    def equated_days(self) -> dict[date, str]:
        """The equated days this calendar was given, with their grond, in date order."""
        return dict(self._equated)

    def holidays(self, year: int) -> dict[date, str]:
        """Every day of ``year`` that is not a working day for a reason other than the weekend:
        the Atw holidays plus the equated days, in date order, with Dutch names."""
        result = atw_holidays(year)
        for day, name in self._equated.items():
            if day.year == year and day not in result:
                result[day] = name
        return dict(sorted(result.items()))

    def _closed_weekdays(self, year: int) -> frozenset[date]:
        cached = self._non_working_weekdays.get(year)
        if cached is None:
            cached = frozenset(day for day in self.holidays(year) if day.weekday() < _SATURDAY)
            self._non_working_weekdays[year] = cached
        return cached

    def is_working_day(self, day: date) -> bool:
        """Monday–Friday and neither an Atw holiday nor an equated day."""
        return day.weekday() < _SATURDAY and day not in self._closed_weekdays(day.year)

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start``.

        ``start`` is day 0 (the day of receipt) and need not be a working day itself;
        ``n == 0`` returns ``start`` unchanged and a negative ``n`` counts backwards.
        """
        step = timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days ``d`` with ``a < d <= b``; when ``b`` lies before ``a``,
        minus the number with ``b <= d < a``.

        So ``working_days_between(a, add_working_days(a, n)) == n`` for every ``n``, and seen
        from a working-day deadline ``b`` the result is 0 on the deadline day itself and
        negative on every later day (a Saturday right after a Friday deadline gives -1).
        """
        if b < a:
            one_day = timedelta(days=1)
            return -self.working_days_between(b - one_day, a - one_day)
        weekdays = _weekdays_up_to(b) - _weekdays_up_to(a)
        closed = sum(
            1
            for year in range(a.year, b.year + 1)
            for day in self._closed_weekdays(year)
            if a < day <= b
        )
        return weekdays - closed

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def working_day_on_or_after(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next one (Atw art. 1)."""
        return day if self.is_working_day(day) else self.next_working_day(day)
