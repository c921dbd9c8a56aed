"""Statutory and protocol terms (termijnen) as versioned data, and the one deadline function.

A :class:`Termijn` says *how long* (``aantal`` + :class:`Eenheid`) and whether Atw art. 1
applies (an end on a Saturday, Sunday or holiday moves to the next working day). Which event a
term counts from is the caller's business: :func:`deadline` gets the start as an argument, like
the calendar and every suspension and extension. Nothing here reads a clock or a database.

Counting rules (DOMAIN §4):

* ``UREN``: an exact number of hours after an aware datetime (elapsed time, so across a DST
  change too); no calendar.
* ``WERKDAGEN``: the start day is day 0; the term ends on the n-th working day after it.
* ``KALENDERDAGEN``, ``WEKEN``, ``MAANDEN``, ``JAREN``: calendar arithmetic (a month later than
  31 January is the last day of February); with ``atw_art1`` an end on a Saturday, Sunday or
  holiday moves to the next working day.
* **Opschorting** (suspension, inclusive dates) counts in the term's unit: each working day of the
  suspension extends a ``WERKDAGEN`` term by one working day; each calendar day extends a
  calendar term by one day. Only days after the start day (day 0) count. ``max_opschorting`` caps
  the total in those days (working days for ``WERKDAGEN``, calendar days otherwise); ``None``
  means no cap and ``0`` means the term cannot be suspended.
* **Verlenging** (extension) adds ``aantal`` in the term's own unit (weeks for a term in weeks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType

from zicht.core.domain.calendar import AtwCalendar

__all__ = [
    "DEFAULT_TERMIJNEN",
    "DEFAULT_TERMIJNEN_GELDIG_VANAF",
    "DEFAULT_TERMIJNEN_VERSIE",
    "Eenheid",
    "Opschorting",
    "Termijn",
    "TermijnFout",
    "TermijnOnbekend",
    "TermijnStand",
    "Verlenging",
    "add_months",
    "deadline",
]


class TermijnFout(ValueError):
    """Invalid input for a term computation; ``veld`` names the field the message belongs to
    (``van``, ``tot``, ``reden``, ``aantal``, ``opschortingen`` or ``start``)."""

    def __init__(self, veld: str, bericht: str) -> None:
        super().__init__(bericht)
        self.veld = veld
        self.bericht = bericht

    def __repr__(self) -> str:
        return f"TermijnFout(veld={self.veld!r}, bericht={self.bericht!r})"


class TermijnOnbekend(LookupError):
    """No version of the term with this code is valid on the requested date."""


class Eenheid(StrEnum):
    UREN = "uren"
    WERKDAGEN = "werkdagen"
    KALENDERDAGEN = "kalenderdagen"
    WEKEN = "weken"
    MAANDEN = "maanden"
    JAREN = "jaren"

    @property
    def enkelvoud(self) -> str:
        return _ENKELVOUD[self]

    @property
    def label(self) -> str:
        return self.value

    def aantal_tekst(self, aantal: int) -> str:
        """``"1 werkdag"``, ``"5 werkdagen"``."""
        return f"{aantal} {self.enkelvoud if aantal == 1 else self.value}"


_ENKELVOUD: dict[Eenheid, str] = {
    Eenheid.UREN: "uur",
    Eenheid.WERKDAGEN: "werkdag",
    Eenheid.KALENDERDAGEN: "kalenderdag",
    Eenheid.WEKEN: "week",
    Eenheid.MAANDEN: "maand",
    Eenheid.JAREN: "jaar",
}


@dataclass(frozen=True, slots=True)
class Termijn:
    """One version of a term. ``max_opschorting`` is in the unit in which suspension is counted:
    working days for a ``WERKDAGEN`` term, calendar days for every other term; ``None`` means no
    cap, ``0`` that the term cannot be suspended."""

    code: str
    omschrijving: str
    aantal: int
    eenheid: Eenheid
    atw_art1: bool
    max_opschorting: int | None

    def __post_init__(self) -> None:
        if self.aantal < 1:
            raise TermijnFout("aantal", f"Een termijn duurt minstens 1 {self.eenheid.enkelvoud}.")
        if self.max_opschorting is not None and self.max_opschorting < 0:
            raise TermijnFout("max_opschorting", "De maximale opschorting kan niet negatief zijn.")

    @property
    def opschorting_eenheid(self) -> Eenheid:
        """The unit in which a suspension of this term is counted."""
        if self.eenheid is Eenheid.WERKDAGEN:
            return Eenheid.WERKDAGEN
        return Eenheid.KALENDERDAGEN

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.eenheid.aantal_tekst(self.aantal)})"


@dataclass(frozen=True, slots=True)
class Opschorting:
    """The clock stands still from ``van`` up to and including ``tot``."""

    van: date
    tot: date
    reden: str


@dataclass(frozen=True, slots=True)
class Verlenging:
    """The term is extended by ``aantal`` of its own unit."""

    aantal: int
    reden: str


# The default set. A version is never edited in place: a protocol change is a new set with a new
# version and a later ``geldig_vanaf``, loaded by a new data migration.
DEFAULT_TERMIJNEN_VERSIE = "2019"
DEFAULT_TERMIJNEN_GELDIG_VANAF = date(2019, 1, 1)

_DEFAULTS = (
    # Besluit na de veiligheidsbeoordeling: 5 werkdagen na ontvangst van de melding (Handelings-
    # protocol; sector norm: 90% on time). Suspension at most 5 working days (configurable).
    Termijn("vb_besluit", "Besluit veiligheidsbeoordeling", 5, Eenheid.WERKDAGEN, False, 5),
    # Acute onveiligheid: in actie binnen 24 uur na ontvangst. Cannot be suspended.
    Termijn("acuut", "Actie bij acute onveiligheid", 24, Eenheid.UREN, False, 0),
    # Voorwaarden en Vervolg afgerond: 10 weken na het VB-besluit. Suspension at most 4 weeks.
    Termijn("vv_afronding", "Voorwaarden en Vervolg afgerond", 10, Eenheid.WEKEN, True, 28),
    # Start onderzoek: 5 dagen na ontvangst van de melding (Uitvoeringsbesluit Wmo 2015 art.
    # 4.1.7(1), 2015 text: "dagen", not "werkdagen"). Configurable: an organisation that reads it
    # as working days adds a new version with eenheid WERKDAGEN.
    Termijn("onderzoek_start", "Start onderzoek", 5, Eenheid.KALENDERDAGEN, True, 5),
    # Onderzoek afgerond: 10 weken na het VB-besluit (art. 4.1.7(2); sector norm 80% on time).
    Termijn("onderzoek_afronding", "Onderzoek afgerond", 10, Eenheid.WEKEN, True, 28),
    # Tijdelijk huisverbod: 10 dagen na oplegging (Wet tijdelijk huisverbod art. 2(1)); a fixed
    # date, even on a weekend: no Atw art. 1, no suspension. Extension is a Verlenging in days.
    Termijn("huisverbod", "Tijdelijk huisverbod", 10, Eenheid.KALENDERDAGEN, False, 0),
    # Uiterste einde van een verlengd huisverbod: 4 weken na oplegging (art. 9(1)); fixed.
    Termijn("huisverbod_max", "Huisverbod uiterlijk (na verlenging)", 4, Eenheid.WEKEN, False, 0),
    # Betrokkene informeren over gegevens van derden: 4 weken na vastlegging (Wmo 2015 art.
    # 5.3.1); postponed by Verlenging (up to 2 weeks at a time) or suspended as long as needed
    # to stop the violence, so no cap.
    Termijn("informeren_betrokkenen", "Betrokkenen informeren", 4, Eenheid.WEKEN, True, None),
    # Vernietiging op verzoek: binnen 3 maanden na het schriftelijk verzoek (art. 5.3.5).
    Termijn("vernietiging_op_verzoek", "Vernietiging op verzoek", 3, Eenheid.MAANDEN, True, 0),
    # Bewaartermijn dossier: 20 jaar (later government guidance; the 2015 Wmo said 15 years).
    # The anchor date is configurable elsewhere; a child's interest can extend it (Verlenging).
    Termijn("bewaartermijn", "Bewaartermijn dossier", 20, Eenheid.JAREN, False, 0),
)

#: The 2019 set, by code. Read-only.
DEFAULT_TERMIJNEN: Mapping[str, Termijn] = MappingProxyType({t.code: t for t in _DEFAULTS})


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; a day that does not exist in the target month
    becomes that month's last day (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


@dataclass(frozen=True)
class TermijnStand:
    """The outcome of :func:`deadline`: where the term ends and why."""

    termijn: Termijn
    start: date | datetime
    #: The end after suspension and extension (a datetime for a term in hours). The term is met
    #: when the work is done on or before this day (or moment).
    einddatum: date | datetime
    #: The end without any suspension or extension.
    oorspronkelijke_einddatum: date | datetime
    #: Suspended days counted, in :attr:`dag_eenheid` (working or calendar days).
    opgeschorte_dagen: int
    #: Total extension in the term's own unit.
    verlengd_met: int
    kalender: AtwCalendar = field(repr=False, compare=False)

    @property
    def dag_eenheid(self) -> Eenheid:
        """The unit of :attr:`opgeschorte_dagen` and :meth:`resterende_dagen`."""
        return self.termijn.opschorting_eenheid

    def is_verlopen(self, op: date | datetime) -> bool:
        """True when the term has passed at ``op``: a date term is still open all day on its
        end date; a term in hours ends at its exact moment."""
        eind = self.einddatum
        if isinstance(eind, datetime):
            if isinstance(op, datetime):
                return op > eind
            return op > eind.date()
        return _as_date(op) > eind

    def resterende_dagen(self, op: date | datetime) -> int:
        """Days left at ``op`` until the end date: working days for a ``WERKDAGEN`` term
        (working days after ``op`` up to and including the end), calendar days otherwise.
        ``0`` on the end date itself and negative once that day has passed: ``-1`` on the day
        after a calendar deadline, and on every day after a working-day deadline up to and
        including the next working day (see :meth:`AtwCalendar.working_days_between`)."""
        op_dag = _as_date(op)
        eind = _as_date(self.einddatum)
        if self.termijn.eenheid is Eenheid.WERKDAGEN:
            return self.kalender.working_days_between(op_dag, eind)
        return (eind - op_dag).days


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _nl(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _end(
    start: date, termijn: Termijn, kalender: AtwCalendar, *, extra_units: int, extra_days: int
) -> date:
    """End of a date term extended by ``extra_units`` of its unit and ``extra_days`` suspended
    days (working days for WERKDAGEN, calendar days otherwise)."""
    units = termijn.aantal + extra_units
    match termijn.eenheid:
        case Eenheid.WERKDAGEN:
            return kalender.add_working_days(start, units + extra_days)
        case Eenheid.KALENDERDAGEN:
            end = start + timedelta(days=units)
        case Eenheid.WEKEN:
            end = start + timedelta(weeks=units)
        case Eenheid.MAANDEN:
            end = add_months(start, units)
        case Eenheid.JAREN:
            end = add_months(start, 12 * units)
        case Eenheid.UREN:  # pragma: no cover - handled by deadline()
            raise AssertionError("a term in hours has no end date")
    end += timedelta(days=extra_days)
    if termijn.atw_art1:
        end = kalender.working_day_on_or_after(end)
    return end


def _validate_extensions(termijn: Termijn, verlengingen: Iterable[Verlenging]) -> int:
    total = 0
    for verlenging in verlengingen:
        if verlenging.aantal < 1:
            raise TermijnFout(
                "aantal",
                f"Een verlenging moet minstens {termijn.eenheid.aantal_tekst(1)} zijn; "
                f"{verlenging.aantal} is niet toegestaan.",
            )
        if not verlenging.reden.strip():
            raise TermijnFout("reden", "Geef een reden voor de verlenging.")
        total += verlenging.aantal
    return total


def _validate_suspensions(
    start: date, termijn: Termijn, opschortingen: Iterable[Opschorting]
) -> list[Opschorting]:
    ordered = sorted(opschortingen, key=lambda o: (o.van, o.tot))
    if ordered and termijn.eenheid is Eenheid.UREN:
        raise TermijnFout("opschortingen", "Een termijn in uren kan niet worden opgeschort.")
    if ordered and termijn.max_opschorting == 0:
        raise TermijnFout("opschortingen", "Deze termijn kan niet worden opgeschort.")
    for opschorting in ordered:
        if opschorting.tot < opschorting.van:
            raise TermijnFout(
                "tot",
                f"De opschorting eindigt op {_nl(opschorting.tot)}, vóór haar begin op "
                f"{_nl(opschorting.van)}.",
            )
        if opschorting.van < start:
            raise TermijnFout(
                "van",
                f"De opschorting begint op {_nl(opschorting.van)}, vóór het begin van de "
                f"termijn op {_nl(start)}.",
            )
        if not opschorting.reden.strip():
            raise TermijnFout("reden", "Geef een reden voor de opschorting.")
    for earlier, later in pairwise(ordered):
        if later.van <= earlier.tot:
            raise TermijnFout(
                "opschortingen",
                f"De opschortingen van {_nl(earlier.van)} t/m {_nl(earlier.tot)} en van "
                f"{_nl(later.van)} t/m {_nl(later.tot)} overlappen.",
            )
    return ordered


def _suspended_days(
    start: date, termijn: Termijn, kalender: AtwCalendar, opschorting: Opschorting
) -> int:
    """Days of the suspension after the start day (day 0), in the term's counting unit."""
    first = max(opschorting.van, start + timedelta(days=1))
    if opschorting.tot < first:
        return 0
    if termijn.eenheid is Eenheid.WERKDAGEN:
        return kalender.working_days_between(first - timedelta(days=1), opschorting.tot)
    return (opschorting.tot - first).days + 1


def deadline(
    start: date | datetime,
    termijn: Termijn,
    calendar: AtwCalendar,
    opschortingen: Iterable[Opschorting] = (),
    verlengingen: Iterable[Verlenging] = (),
) -> TermijnStand:
    """Where ``termijn`` ends when counted from ``start``, after suspension and extension.

    A term in hours needs an aware datetime as ``start``; any other term counts from the date
    (``start.date()`` of a datetime, so pass local time). Each suspension must start on or
    before the end the term had at that moment: a term that has already passed cannot be
    suspended. Raises :class:`TermijnFout` with a Dutch message on invalid input.
    """
    extension = _validate_extensions(termijn, verlengingen)

    if termijn.eenheid is Eenheid.UREN:
        if not isinstance(start, datetime) or start.utcoffset() is None:
            raise TermijnFout(
                "start",
                "Een termijn in uren begint op een tijdstip met tijdzone, niet op een datum.",
            )
        _validate_suspensions(start.date(), termijn, opschortingen)

        def after_hours(hours: int) -> datetime:
            # Elapsed hours: count in UTC, show in the start's own time zone.
            moment = start.astimezone(UTC) + timedelta(hours=hours)
            return moment.astimezone(start.tzinfo)

        return TermijnStand(
            termijn=termijn,
            start=start,
            einddatum=after_hours(termijn.aantal + extension),
            oorspronkelijke_einddatum=after_hours(termijn.aantal),
            opgeschorte_dagen=0,
            verlengd_met=extension,
            kalender=calendar,
        )

    start_day = _as_date(start)
    ordered = _validate_suspensions(start_day, termijn, opschortingen)
    suspended = 0
    for opschorting in ordered:
        current_end = _end(
            start_day, termijn, calendar, extra_units=extension, extra_days=suspended
        )
        if opschorting.van > current_end:
            raise TermijnFout(
                "van",
                f"De opschorting begint op {_nl(opschorting.van)}, na het einde van de termijn "
                f"op {_nl(current_end)}.",
            )
        suspended += _suspended_days(start_day, termijn, calendar, opschorting)
    cap = termijn.max_opschorting
    if cap is not None and suspended > cap:
        unit = termijn.opschorting_eenheid
        raise TermijnFout(
            "opschortingen",
            f"De opschorting van {unit.aantal_tekst(suspended)} is langer dan de "
            f"{unit.aantal_tekst(cap)} die deze termijn toestaat.",
        )
    return TermijnStand(
        termijn=termijn,
        start=start,
        einddatum=_end(start_day, termijn, calendar, extra_units=extension, extra_days=suspended),
        oorspronkelijke_einddatum=_end(start_day, termijn, calendar, extra_units=0, extra_days=0),
        opgeschorte_dagen=suspended,
        verlengd_met=extension,
        kalender=calendar,
    )
