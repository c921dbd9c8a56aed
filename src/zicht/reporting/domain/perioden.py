"""Reporting periods as written on the command line and in URLs: ``2019`` (a year),
``2019-H1`` / ``2019-H2`` (a CBS half-year) and ``2019-08`` (a month). Pure Python."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "Periode",
    "PeriodeFout",
    "halfjaar",
    "periode_afgelopen",
    "periode_begonnen",
    "periode_lees",
]

_PATROON = re.compile(r"^(?P<jaar>\d{4})(?:-(?:(?P<half>H[12])|(?P<maand>\d{2})))?$")


class PeriodeFout(ValueError):
    """A period that cannot be read or cannot be reported on (Dutch message)."""


@dataclass(frozen=True, slots=True)
class Periode:
    """A closed interval of days ``start`` … ``eind`` (both inclusive)."""

    code: str
    start: date
    eind: date

    @property
    def eind_exclusief(self) -> date:
        return self.eind + timedelta(days=1)

    @property
    def dagen(self) -> int:
        return (self.eind - self.start).days + 1

    @property
    def is_halfjaar(self) -> bool:
        return "-H" in self.code

    @property
    def label(self) -> str:
        jaar = self.start.year
        if self.is_halfjaar:
            return f"{'eerste' if self.start.month == 1 else 'tweede'} halfjaar {jaar}"
        if len(self.code) == 4:
            return str(jaar)
        return f"{_MAANDEN[self.start.month - 1]} {jaar}"

    def __str__(self) -> str:
        return self.code


_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def halfjaar(jaar: int, helft: int) -> Periode:
    if helft == 1:
        return Periode(f"{jaar}-H1", date(jaar, 1, 1), date(jaar, 6, 30))
    return Periode(f"{jaar}-H2", date(jaar, 7, 1), date(jaar, 12, 31))


def periode_lees(tekst: str) -> Periode:
    """Reads ``2019``, ``2019-H1`` or ``2019-08``; :class:`PeriodeFout` otherwise."""
    m = _PATROON.match((tekst or "").strip().upper())
    if not m:
        raise PeriodeFout(
            f"Onbekende periode ‘{tekst}’: schrijf een jaar (2019), een halfjaar (2019-H1) "
            "of een maand (2019-08)."
        )
    jaar = int(m["jaar"])
    if not 1900 <= jaar <= 9999:
        raise PeriodeFout(f"Onbekend jaar {jaar}.")
    if m["half"]:
        return halfjaar(jaar, int(m["half"][1]))
    if m["maand"]:
        maand = int(m["maand"])
        if not 1 <= maand <= 12:
            raise PeriodeFout(f"Onbekende maand {maand:02d}: kies 01 tot en met 12.")
        return Periode(
            f"{jaar}-{maand:02d}",
            date(jaar, maand, 1),
            maand_einde(jaar, maand),
        )
    return Periode(str(jaar), date(jaar, 1, 1), date(jaar, 12, 31))


def maand_einde(jaar: int, maand: int) -> date:
    """The last day of ``maand`` in ``jaar``."""
    return date(jaar, maand, monthrange(jaar, maand)[1])


def periode_afgelopen(periode: Periode, vandaag: date) -> None:
    """Refuses a period that has not ended yet (a delivery covers a finished period)."""
    if periode.start > vandaag:
        raise PeriodeFout(f"De periode {periode.code} ligt in de toekomst.")
    if periode.eind >= vandaag:
        raise PeriodeFout(
            f"De periode {periode.code} is nog niet afgelopen (tot en met "
            f"{periode.eind:%d-%m-%Y}); lever na afloop."
        )


def periode_begonnen(periode: Periode, vandaag: date) -> None:
    """Refuses a period that starts in the future (a report may cover a running period)."""
    if periode.start > vandaag:
        raise PeriodeFout(f"De periode {periode.code} ligt in de toekomst.")
