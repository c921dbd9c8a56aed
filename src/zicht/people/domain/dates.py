"""Partial birth dates, the CBS date format, and the rules for birth dates.

A birth date may be known in full, by month, or only by year. The CBS delivery writes it as
``JJJJMMDD``, ``JJJJMM00`` (day unknown), ``JJJJ0000`` (only the year known) and ``99999999``
for an unborn child. A :class:`PartialDate` is one such date; :data:`ONGEBOREN` stands for the
unborn code.

Comparisons between partial dates are *interval* comparisons: a partial date covers every day
from :meth:`PartialDate.earliest` to :meth:`PartialDate.latest`, so "definitely before" and
"possibly before" differ.

Pure Python: no Django, no clock. "Today" is always an argument.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Final

__all__ = [
    "MAANDEN",
    "MIN_JAAR",
    "ONGEBOREN",
    "VERWACHT_MAX_TOEKOMST",
    "VERWACHT_MAX_VERLEDEN",
    "DatumFout",
    "Ongeboren",
    "PartialDate",
    "format_cbs",
    "parse_cbs",
    "validate_geboortedatum",
    "validate_verwachte_geboortedatum",
]

#: The earliest birth year accepted (older entries are typing errors).
MIN_JAAR: Final = 1880
#: An unborn child's expected date may lie this long in the past (born, not yet registered).
VERWACHT_MAX_VERLEDEN: Final = timedelta(days=60)
#: ... and at most this far in the future (a pregnancy lasts about 40 weeks).
VERWACHT_MAX_TOEKOMST: Final = timedelta(days=300)

MAANDEN: Final = (
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
)


class DatumFout(ValueError):
    """An invalid (partial) date; ``bericht`` is the Dutch message for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class Ongeboren(Enum):
    """The CBS code ``99999999``: the person is not born yet."""

    ONGEBOREN = "99999999"


ONGEBOREN: Final = Ongeboren.ONGEBOREN


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A date of which the day, or the month and the day, may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_JAAR <= self.year <= 9998:
            raise DatumFout(f"Het jaar moet tussen {MIN_JAAR} en 9998 liggen.")
        if self.month is None:
            if self.day is not None:
                raise DatumFout("Een dag zonder maand kan niet: vul ook de maand in.")
            return
        if not 1 <= self.month <= 12:
            raise DatumFout("De maand moet tussen 1 en 12 liggen.")
        if self.day is not None:
            laatste = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= laatste:
                raise DatumFout(
                    f"{MAANDEN[self.month - 1].capitalize()} {self.year} heeft geen dag {self.day}."
                )

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    # -- what it covers ---------------------------------------------------------------------
    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def earliest(self) -> date:
        """The first day this date could be."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this date could be."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    def as_date(self) -> date | None:
        """The date itself when it is complete, else ``None``."""
        return self.earliest() if self.is_complete else None

    def contains(self, value: date) -> bool:
        """True when ``value`` could be this date."""
        return self.earliest() <= value <= self.latest()

    def overlaps(self, other: PartialDate) -> bool:
        """True when both could be the same day (``1985`` and ``1985-03-12`` overlap)."""
        return self.earliest() <= other.latest() and other.earliest() <= self.latest()

    def definitely_before(self, other: PartialDate) -> bool:
        """True when every day this could be lies before every day ``other`` could be."""
        return self.latest() < other.earliest()

    def possibly_before(self, other: PartialDate) -> bool:
        """True when some day this could be lies before some day ``other`` could be."""
        return self.earliest() < other.latest()

    # -- formats ----------------------------------------------------------------------------
    def to_cbs(self) -> str:
        """``JJJJMMDD``, ``JJJJMM00`` or ``JJJJ0000``."""
        return f"{self.year:04d}{self.month or 0:02d}{self.day or 0:02d}"

    def __str__(self) -> str:
        """Dutch: ``12-03-1985``, ``maart 1985`` or ``1985``."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MAANDEN[self.month - 1]} {self.year}"
        return f"{self.day:02d}-{self.month:02d}-{self.year}"


def leeftijd(geboren: date, op: date) -> int:
    """Age in whole years on ``op`` (a birthday on 29 February counts from 1 March in other
    years)."""
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def parse_cbs(code: str) -> PartialDate | Ongeboren:
    """Reads the CBS birth-date format; ``99999999`` gives :data:`ONGEBOREN`."""
    code = code.strip()
    if len(code) != 8 or not code.isascii() or not code.isdigit():
        raise DatumFout("Een datum in CBS-formaat bestaat uit 8 cijfers (JJJJMMDD).")
    if code == ONGEBOREN.value:
        return ONGEBOREN
    year, month, day = int(code[:4]), int(code[4:6]), int(code[6:])
    if month == 0 and day != 0:
        raise DatumFout("Een dag zonder maand kan niet: gebruik JJJJ0000 als de maand onbekend is.")
    return PartialDate(year, month or None, day or None)


def format_cbs(value: PartialDate | Ongeboren) -> str:
    """The CBS code of a birth date or of an unborn child."""
    if isinstance(value, Ongeboren):
        return value.value
    return value.to_cbs()


def validate_geboortedatum(value: PartialDate, *, vandaag: date) -> None:
    """A birth date may not lie in the future (for a partial date: it must be possible that
    it lies on or before ``vandaag``)."""
    if value.earliest() > vandaag:
        raise DatumFout("De geboortedatum ligt in de toekomst.")


def validate_verwachte_geboortedatum(
    value: date,
    *,
    vandaag: date,
    max_verleden: timedelta = VERWACHT_MAX_VERLEDEN,
    max_toekomst: timedelta = VERWACHT_MAX_TOEKOMST,
) -> None:
    """An unborn child's expected date lies in the future, or in the recent past (the child
    may be born but not yet registered as such)."""
    if value < vandaag - max_verleden:
        raise DatumFout(
            "De verwachte geboortedatum ligt te ver in het verleden; "
            "is het kind al geboren? Vul dan de geboortedatum in."
        )
    if value > vandaag + max_toekomst:
        raise DatumFout("De verwachte geboortedatum ligt te ver in de toekomst.")
