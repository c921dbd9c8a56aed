"""Realisation against plan: the plan prorated to a month, and a year-end forecast.

Proration (:func:`aandeel_jaar`) has two methods, chosen per figure:

* ``KALENDER`` — each month is 1/12 of the year. Used for money and fte: salaries, hire and the
  GGD charge are booked per calendar month whatever its number of working days.
* ``WERKDAGEN`` — a month weighs by its working days on the Atw calendar (Monday–Friday minus
  the statutory holidays and equated days). Used for volumes: meldingen and adviezen are handled
  on working days, so May (with Koningsdag-adjacent holidays, Hemelvaart, 5 mei) plans fewer.

The hours per case (:func:`uren_per_casus`) set the hours booked on each service against the
cases registered, next to the plan's hour norm: evidence to correct the norm.

The forecast (:func:`prognose_jaareinde`) extrapolates year-to-date actuals: the months entered
plus, for each month still to come, the average of the last (up to) three entered months — a
run-rate that follows a trend without over-reacting to one odd month. It needs the months from
January on without gaps; with a gap it says which months are missing instead of guessing.

Pure: no Django, no clock (``tot_en_met`` is an argument).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from zicht.core.domain.calendar import AtwCalendar
from zicht.planning.domain.begrippen import Dienst
from zicht.planning.domain.begroting import Dienstregel

__all__ = [
    "Methode",
    "Prognose",
    "Urenrij",
    "aandeel_jaar",
    "aandeel_maand",
    "plan_per_maand",
    "prognose_jaareinde",
    "uren_per_casus",
    "werkdagen_per_maand",
]

NUL = Decimal(0)
MAANDEN = range(1, 13)
RUN_RATE_MAANDEN = 3


class Methode(StrEnum):
    KALENDER = "kalender"
    WERKDAGEN = "werkdagen"


def werkdagen_per_maand(jaar: int, kalender: AtwCalendar) -> dict[int, int]:
    """The number of working days in each month of ``jaar``."""
    uitkomst = {}
    for maand in MAANDEN:
        begin = date(jaar, maand, 1)
        einde = date(jaar + 1, 1, 1) if maand == 12 else date(jaar, maand + 1, 1)
        uitkomst[maand] = kalender.working_days_between(
            begin - timedelta(days=1), einde - timedelta(days=1)
        )
    return uitkomst


def _controleer_maand(maand: int) -> None:
    if maand not in MAANDEN:
        raise ValueError(f"Een maand ligt tussen 1 en 12, niet {maand}.")


def aandeel_maand(
    jaar: int, maand: int, methode: Methode, kalender: AtwCalendar | None = None
) -> Decimal:
    """The share of the year's plan that falls in ``maand``."""
    _controleer_maand(maand)
    if methode is Methode.KALENDER:
        return Decimal(1) / 12
    if kalender is None:
        raise ValueError("Verdelen naar werkdagen vraagt de werkdagenkalender.")
    per_maand = werkdagen_per_maand(jaar, kalender)
    return Decimal(per_maand[maand]) / sum(per_maand.values())


def aandeel_jaar(
    jaar: int, tot_en_met: int, methode: Methode, kalender: AtwCalendar | None = None
) -> Decimal:
    """The share of the year's plan due by the end of month ``tot_en_met`` (0 = none yet)."""
    if tot_en_met == 0:
        return NUL
    _controleer_maand(tot_en_met)
    if methode is Methode.KALENDER:
        return Decimal(tot_en_met) / 12
    if kalender is None:
        raise ValueError("Verdelen naar werkdagen vraagt de werkdagenkalender.")
    per_maand = werkdagen_per_maand(jaar, kalender)
    verstreken = sum(per_maand[m] for m in range(1, tot_en_met + 1))
    return Decimal(verstreken) / sum(per_maand.values())


def plan_per_maand(
    jaartotaal: Decimal, jaar: int, methode: Methode, kalender: AtwCalendar | None = None
) -> dict[int, Decimal]:
    """The year's plan spread over its months; the months add up to ``jaartotaal`` exactly
    (up to Decimal precision)."""
    if methode is Methode.KALENDER:
        return dict.fromkeys(MAANDEN, jaartotaal / 12)
    if kalender is None:
        raise ValueError("Verdelen naar werkdagen vraagt de werkdagenkalender.")
    per_maand = werkdagen_per_maand(jaar, kalender)
    totaal = sum(per_maand.values())
    return {maand: jaartotaal * per_maand[maand] / totaal for maand in MAANDEN}


@dataclass(frozen=True)
class Prognose:
    """Year-end forecast of a monthly figure.

    ``jaartotaal`` is the forecast sum over the year (use it for money); ``jaargemiddelde`` the
    forecast mean per month (use it for fte). Both are None when months are missing.
    """

    tot_en_met: int
    tot_nu: Decimal
    run_rate: Decimal
    jaartotaal: Decimal | None
    ontbrekende_maanden: tuple[int, ...]

    @property
    def jaargemiddelde(self) -> Decimal | None:
        return None if self.jaartotaal is None else self.jaartotaal / 12


def prognose_jaareinde(maandwaarden: Mapping[int, Decimal]) -> Prognose:
    """The year-end forecast from the actuals entered so far (month number → value).

    ``tot_en_met`` is the last month entered; the months before it must all be present. With no
    months at all the forecast is empty (``jaartotaal`` None, ``tot_en_met`` 0). Raises
    ValueError on a month outside 1..12 or a negative value.
    """
    for maand, waarde in maandwaarden.items():
        _controleer_maand(maand)
        if waarde < 0:
            raise ValueError(f"Een gerealiseerde waarde kan niet negatief zijn (maand {maand}).")
    if not maandwaarden:
        return Prognose(0, NUL, NUL, None, ())
    laatste = max(maandwaarden)
    ontbrekend = tuple(m for m in range(1, laatste + 1) if m not in maandwaarden)
    tot_nu = sum((maandwaarden[m] for m in range(1, laatste + 1) if m in maandwaarden), NUL)
    recent = [maandwaarden[m] for m in range(laatste, 0, -1) if m in maandwaarden][
        :RUN_RATE_MAANDEN
    ]
    run_rate = sum(recent, NUL) / len(recent)
    if ontbrekend:
        return Prognose(laatste, tot_nu, run_rate, None, ontbrekend)
    return Prognose(laatste, tot_nu, run_rate, tot_nu + run_rate * (12 - laatste), ())


@dataclass(frozen=True)
class Urenrij:
    """One service: hours booked and cases registered in the year, and the hours per case
    they imply (to 0.1 hour) against the plan's hour norm."""

    dienst: Dienst
    uren: Decimal | None  # None: no hours booked on this service
    aantal: int | None  # None: no cases of this service registered
    per_casus: Decimal | None  # None: no hours or no cases
    norm: Decimal

    @property
    def verschil(self) -> Decimal | None:
        """Hours per case above (+) or below (−) the norm."""
        return None if self.per_casus is None else self.per_casus - self.norm


def uren_per_casus(
    regels: Iterable[Dienstregel],
    volumes: Mapping[Dienst, Mapping[int, int]],
    uren: Mapping[Dienst, Mapping[int, Decimal]],
) -> list[Urenrij]:
    """A row per service of the plan (``regels``, in their order) from the realised
    ``volumes`` (cases per month) and ``uren`` (hours per month). A service absent from
    ``volumes`` or ``uren`` had nothing registered: its count or hours are ``None``, not 0."""
    rijen = []
    for regel in regels:
        dienst = regel.dienst
        geboekt = sum(uren.get(dienst, {}).values(), NUL)
        aantal = sum(volumes.get(dienst, {}).values())
        rijen.append(
            Urenrij(
                dienst=dienst,
                uren=geboekt if dienst in uren else None,
                aantal=aantal if dienst in volumes else None,
                per_casus=(geboekt / aantal).quantize(Decimal("0.1"))
                if aantal and geboekt
                else None,
                norm=regel.urennorm,
            )
        )
    return rijen
