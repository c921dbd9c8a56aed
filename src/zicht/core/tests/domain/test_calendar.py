"""The Atw calendar and the deadline function, as tables of cases (no database).

Every row reads as the user would check it on a paper calendar: the receipt day is day 0.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.core.domain.calendar import AtwCalendar, atw_holidays, easter_sunday
from zicht.core.domain.terms import (
    DEFAULT_TERMIJNEN,
    DEFAULT_TERMIJNEN_GELDIG_VANAF,
    DEFAULT_TERMIJNEN_VERSIE,
    Eenheid,
    Opschorting,
    Termijn,
    TermijnFout,
    TermijnStand,
    Verlenging,
    add_months,
    deadline,
)

AMS = ZoneInfo("Europe/Amsterdam")
D = date.fromisoformat

# The days equated by royal decree (Besluiten gelijkstelling 2023-2025 and 2026-2028), as in
# core/data/atw-gelijkgestelde-dagen.csv. Written out here so that the domain tests stand alone.
GELIJKGESTELD = {
    D("2023-04-28"): "vrijdag na Koningsdag (donderdag)",
    D("2023-05-19"): "vrijdag na Hemelvaartsdag",
    D("2024-05-10"): "vrijdag na Hemelvaartsdag",
    D("2024-12-27"): "vrijdag na Tweede Kerstdag (donderdag)",
    D("2025-05-30"): "vrijdag na Hemelvaartsdag",
    D("2026-01-02"): "vrijdag na Nieuwjaarsdag (donderdag)",
    D("2026-05-15"): "vrijdag na Hemelvaartsdag",
    D("2027-05-07"): "vrijdag na Hemelvaartsdag",
    D("2028-04-28"): "vrijdag na Koningsdag (donderdag)",
    D("2028-05-26"): "vrijdag na Hemelvaartsdag",
}
KALENDER = AtwCalendar(GELIJKGESTELD)
T = DEFAULT_TERMIJNEN


# ---------------------------------------------------------------------------------------------
# Easter and the Atw holidays, 2019–2030, written down by hand (not computed).
# ---------------------------------------------------------------------------------------------

PASEN = [
    (2019, "2019-04-21"),
    (2020, "2020-04-12"),
    (2021, "2021-04-04"),
    (2022, "2022-04-17"),
    (2023, "2023-04-09"),
    (2024, "2024-03-31"),
    (2025, "2025-04-20"),
    (2026, "2026-04-05"),
    (2027, "2027-03-28"),
    (2028, "2028-04-16"),
    (2029, "2029-04-01"),
    (2030, "2030-04-21"),
    (2038, "2038-04-25"),  # latest possible date
    (1981, "1981-04-19"),  # epact 25 with golden number > 11: full moon moved to 18 April
    (2049, "2049-04-18"),  # epact 24: full moon moved from 19 to 18 April
    (2076, "2076-04-19"),  # epact 25 with golden number > 11
    (2285, "2285-03-22"),  # earliest possible date
]


@pytest.mark.parametrize(("jaar", "pasen"), PASEN)
def test_easter_sunday(jaar: int, pasen: str) -> None:
    assert easter_sunday(jaar) == D(pasen)


def _jaar(
    goede_vrijdag: str,
    pasen: str,
    paasmaandag: str,
    koningsdag: str,
    hemelvaart: str,
    pinksteren: str,
    pinkstermaandag: str,
) -> dict[date, str]:
    year = D(pasen).year
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        D(goede_vrijdag): "Goede Vrijdag",
        D(pasen): "Eerste Paasdag",
        D(paasmaandag): "Tweede Paasdag",
        D(koningsdag): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        D(hemelvaart): "Hemelvaartsdag",
        D(pinksteren): "Eerste Pinksterdag",
        D(pinkstermaandag): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


# Per year: Goede Vrijdag, Pasen, 2e Paasdag, Koningsdag, Hemelvaart, Pinksteren, 2e Pinksterdag.
# Koningsdag is 27 April, except 26 April when the 27th is a Sunday (2025 in this range).
ATW_FEESTDAGEN = {
    2019: _jaar(
        "2019-04-19",
        "2019-04-21",
        "2019-04-22",
        "2019-04-27",
        "2019-05-30",
        "2019-06-09",
        "2019-06-10",
    ),  # Koningsdag za 27-04
    2020: _jaar(
        "2020-04-10",
        "2020-04-12",
        "2020-04-13",
        "2020-04-27",
        "2020-05-21",
        "2020-05-31",
        "2020-06-01",
    ),  # Koningsdag ma 27-04
    2021: _jaar(
        "2021-04-02",
        "2021-04-04",
        "2021-04-05",
        "2021-04-27",
        "2021-05-13",
        "2021-05-23",
        "2021-05-24",
    ),  # Koningsdag di 27-04
    2022: _jaar(
        "2022-04-15",
        "2022-04-17",
        "2022-04-18",
        "2022-04-27",
        "2022-05-26",
        "2022-06-05",
        "2022-06-06",
    ),  # Koningsdag wo 27-04
    2023: _jaar(
        "2023-04-07",
        "2023-04-09",
        "2023-04-10",
        "2023-04-27",
        "2023-05-18",
        "2023-05-28",
        "2023-05-29",
    ),  # Koningsdag do 27-04
    2024: _jaar(
        "2024-03-29",
        "2024-03-31",
        "2024-04-01",
        "2024-04-27",
        "2024-05-09",
        "2024-05-19",
        "2024-05-20",
    ),  # Koningsdag za 27-04
    2025: _jaar(
        "2025-04-18",
        "2025-04-20",
        "2025-04-21",
        "2025-04-26",
        "2025-05-29",
        "2025-06-08",
        "2025-06-09",
    ),  # zo 27-04-2025 → Koningsdag za 26-04
    2026: _jaar(
        "2026-04-03",
        "2026-04-05",
        "2026-04-06",
        "2026-04-27",
        "2026-05-14",
        "2026-05-24",
        "2026-05-25",
    ),  # Koningsdag ma 27-04
    2027: _jaar(
        "2027-03-26",
        "2027-03-28",
        "2027-03-29",
        "2027-04-27",
        "2027-05-06",
        "2027-05-16",
        "2027-05-17",
    ),  # Koningsdag di 27-04
    2028: _jaar(
        "2028-04-14",
        "2028-04-16",
        "2028-04-17",
        "2028-04-27",
        "2028-05-25",
        "2028-06-04",
        "2028-06-05",
    ),  # Koningsdag do 27-04
    2029: _jaar(
        "2029-03-30",
        "2029-04-01",
        "2029-04-02",
        "2029-04-27",
        "2029-05-10",
        "2029-05-20",
        "2029-05-21",
    ),  # Koningsdag vr 27-04
    2030: _jaar(
        "2030-04-19",
        "2030-04-21",
        "2030-04-22",
        "2030-04-27",
        "2030-05-30",
        "2030-06-09",
        "2030-06-10",
    ),  # Koningsdag za 27-04
}


@pytest.mark.parametrize("jaar", sorted(ATW_FEESTDAGEN))
def test_atw_holidays_match_the_hand_written_table(jaar: int) -> None:
    assert atw_holidays(jaar) == ATW_FEESTDAGEN[jaar]


@pytest.mark.parametrize(
    ("jaar", "dag", "naam"),
    [
        (2014, "2014-04-26", "Koningsdag"),  # zo 27-04-2014 → za 26-04
        (2031, "2031-04-26", "Koningsdag"),  # zo 27-04-2031 → za 26-04
        (2013, "2013-04-30", "Koninginnedag"),  # di 30-04-2013, the last one
        (2006, "2006-04-29", "Koninginnedag"),  # zo 30-04-2006 → za 29-04
        (2016, "2016-05-05", "Bevrijdingsdag en Hemelvaartsdag"),  # do 05-05-2016: both
    ],
)
def test_atw_holiday_edge_cases(jaar: int, dag: str, naam: str) -> None:
    assert atw_holidays(jaar)[D(dag)] == naam


def test_five_may_is_a_holiday_every_year_not_only_in_lustrum_years() -> None:
    for jaar in range(1980, 2101):
        assert date(jaar, 5, 5) in atw_holidays(jaar)


def test_years_before_the_supported_range_are_refused() -> None:
    with pytest.raises(ValueError, match="vanaf 1980"):
        atw_holidays(1979)
    with pytest.raises(ValueError, match="vanaf 1583"):
        easter_sunday(1582)


def test_atw_holidays_returns_a_copy() -> None:
    atw_holidays(2026).clear()
    assert len(atw_holidays(2026)) == 11


# ---------------------------------------------------------------------------------------------
# Equated days: data, not code.
# ---------------------------------------------------------------------------------------------

CSV = Path(__file__).resolve().parents[2] / "data" / "atw-gelijkgestelde-dagen.csv"


def test_csv_shipped_with_core_holds_the_known_decrees() -> None:
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {D(row["datum"]): row["grond"] for row in rows} == GELIJKGESTELD
    assert all(row["bron_status"] for row in rows)


@pytest.mark.parametrize(
    ("dag", "werkdag"),
    [
        ("2026-01-02", False),  # vr 02-01-2026: gelijkgesteld (vrijdag na Nieuwjaarsdag)
        ("2026-05-15", False),  # vr 15-05-2026: gelijkgesteld (vrijdag na Hemelvaartsdag)
        ("2026-05-04", True),  # ma 04-05-2026: Dodenherdenking, NOT equated
        ("2026-05-05", False),  # di 05-05-2026: 5 mei, every year
        ("2026-04-03", False),  # vr 03-04-2026: Goede Vrijdag
        ("2026-04-27", False),  # ma 27-04-2026: Koningsdag
        ("2026-05-02", False),  # za 02-05-2026: weekend
        ("2026-05-03", False),  # zo 03-05-2026: weekend
        ("2026-05-06", True),  # wo 06-05-2026: gewone werkdag
        ("2025-04-25", True),  # vr 25-04-2025: day before Koningsdag on a Saturday
        ("2023-04-28", False),  # vr 28-04-2023: gelijkgesteld (vrijdag na Koningsdag)
        ("2029-05-11", True),  # vr 11-05-2029: after Hemelvaart, no decree known (yet)
    ],
)
def test_is_working_day(dag: str, werkdag: bool) -> None:
    assert KALENDER.is_working_day(D(dag)) is werkdag


def test_without_equated_days_the_friday_after_ascension_is_a_working_day() -> None:
    assert AtwCalendar().is_working_day(D("2026-05-15"))
    assert AtwCalendar([D("2026-05-15")]).holidays(2026)[D("2026-05-15")] == "gelijkgestelde dag"


def test_an_equated_day_that_is_already_a_holiday_keeps_the_statutory_name() -> None:
    kalender = AtwCalendar({D("2026-05-05"): "dubbel"})
    assert kalender.holidays(2026)[D("2026-05-05")] == "Bevrijdingsdag"


def test_calendar_holidays_merge_equated_days_with_their_grond() -> None:
    dagen = KALENDER.holidays(2026)
    assert dagen[D("2026-01-02")] == "vrijdag na Nieuwjaarsdag (donderdag)"
    assert dagen[D("2026-05-15")] == "vrijdag na Hemelvaartsdag"
    assert D("2026-05-04") not in dagen
    assert list(dagen) == sorted(dagen)
    assert len(dagen) == 13


def test_calendar_value_semantics() -> None:
    assert AtwCalendar([D("2026-05-15")]) == AtwCalendar({D("2026-05-15"): "x"}.keys())
    assert AtwCalendar([D("2026-05-15")]) != AtwCalendar()
    assert AtwCalendar() != "kalender"
    assert hash(AtwCalendar([D("2026-05-15")])) == hash(AtwCalendar([D("2026-05-15")]))
    assert "2026-05-15" in repr(AtwCalendar([D("2026-05-15")]))
    assert KALENDER.equated_days == GELIJKGESTELD


# ---------------------------------------------------------------------------------------------
# Working days
# ---------------------------------------------------------------------------------------------

WERKDAGEN = [
    # do 30-04-2026 + 5 → vr 1/5 (1), ma 4/5 (2, not equated), di 5/5 5 mei, wo 6 (3), do 7 (4),
    # vr 8 (5) → vr 08-05-2026
    ("2026-04-30", 5, "2026-05-08"),
    # do 02-04-2026 + 5 → Goede Vrijdag 3/4, weekend, 2e Paasdag 6/4, di 7 … vr 10 (4) → ma 13-04
    ("2026-04-02", 5, "2026-04-13"),
    # vr 17-04-2025 12:00 + 5 → Goede Vrijdag + 2e Paasdag, di 22 … vr 25 (4), za 26 Koningsdag
    # → ma 28-04-2025
    ("2025-04-17", 5, "2025-04-28"),
    # za 02-05-2026 (weekend receipt) + 5 → ma 4 (1), 5 mei, wo 6 … vr 8 (4) → ma 11-05-2026
    ("2026-05-02", 5, "2026-05-11"),
    # wo 13-05-2026 + 5 → Hemelvaart 14/5, gelijkgesteld 15/5, weekend → vr 22-05-2026
    ("2026-05-13", 5, "2026-05-22"),
    # do 24-12-2026 + 5 → Kerst, ma 28 … do 31 (4), Nieuwjaarsdag vr 01-01 → ma 04-01-2027
    ("2026-12-24", 5, "2027-01-04"),
    # wo 31-12-2025 + 5 → Nieuwjaarsdag, gelijkgesteld vr 02-01-2026 → vr 09-01-2026
    ("2025-12-31", 5, "2026-01-09"),
    # vr 22-05-2026 + 5 → weekend, 2e Pinksterdag 25/5, di 26 … vr 29 (4) → ma 01-06-2026
    ("2026-05-22", 5, "2026-06-01"),
    # ma 04-05-2026 + 0 → the receipt day itself
    ("2026-05-04", 0, "2026-05-04"),
    # za 25-04-2026 + 1 → zo 26, Koningsdag ma 27 → di 28-04-2026
    ("2026-04-25", 1, "2026-04-28"),
    # wo 04-05-2016 + 1 → do 05-05-2016 Hemelvaart and 5 mei at once → vr 06-05-2016
    ("2016-05-04", 1, "2016-05-06"),
    # ma 04-05-2026 − 1 → vr 01-05-2026
    ("2026-05-04", -1, "2026-05-01"),
    # di 07-04-2026 − 1 → 2e Paasdag, weekend, Goede Vrijdag → do 02-04-2026
    ("2026-04-07", -1, "2026-04-02"),
]


@pytest.mark.parametrize(("start", "n", "einde"), WERKDAGEN)
def test_add_working_days(start: str, n: int, einde: str) -> None:
    assert KALENDER.add_working_days(D(start), n) == D(einde)


@pytest.mark.parametrize(
    ("a", "b", "aantal"),
    [
        ("2026-04-30", "2026-05-08", 5),  # do → vr next week: 1, 4, 6, 7, 8 May
        ("2026-05-08", "2026-04-30", -5),  # the same, backwards
        ("2026-05-02", "2026-05-03", 0),  # za → zo
        ("2026-05-06", "2026-05-06", 0),  # same day
        ("2026-05-13", "2026-05-15", 0),  # Hemelvaart + gelijkgestelde vrijdag
        # the whole of 2026: 261 weekdays − 8 Atw holidays on a weekday − 2 equated days
        ("2025-12-31", "2026-12-31", 251),
    ],
)
def test_working_days_between(a: str, b: str, aantal: int) -> None:
    assert KALENDER.working_days_between(D(a), D(b)) == aantal


@pytest.mark.parametrize(
    ("dag", "volgende", "op_of_na"),
    [
        ("2026-04-30", "2026-05-01", "2026-04-30"),  # do → vr; do is itself a working day
        ("2026-05-01", "2026-05-04", "2026-05-01"),  # vr → ma 4 mei (not equated)
        ("2026-05-04", "2026-05-06", "2026-05-04"),  # ma → skip 5 mei → wo
        ("2026-05-13", "2026-05-18", "2026-05-13"),  # wo → Hemelvaart, gelijkgesteld, weekend
        ("2026-04-27", "2026-04-28", "2026-04-28"),  # Koningsdag → di
        ("2026-05-24", "2026-05-26", "2026-05-26"),  # Pinksteren (zo) → 2e Pinksterdag → di
    ],
)
def test_next_working_day(dag: str, volgende: str, op_of_na: str) -> None:
    assert KALENDER.next_working_day(D(dag)) == D(volgende)
    assert KALENDER.working_day_on_or_after(D(dag)) == D(op_of_na)


# ---------------------------------------------------------------------------------------------
# Terms: one row per case
# ---------------------------------------------------------------------------------------------

DIX = Termijn("test_dagen", "Testtermijn in dagen", 10, Eenheid.KALENDERDAGEN, True, None)
JAAR = Termijn("test_jaar", "Testtermijn van een jaar", 1, Eenheid.JAREN, False, None)

TERMIJNEN = [
    # do 30-04-2026 + 5 werkdagen (VB) → 5 mei every year, 4 mei not equated → vr 08-05-2026
    ("vb_besluit", "2026-04-30", "2026-05-08"),
    # do 02-04-2026 + 5 werkdagen → Goede Vrijdag, 2e Paasdag → ma 13-04-2026
    ("vb_besluit", "2026-04-02", "2026-04-13"),
    # ma 16-02-2026 + 10 weken → ma 27-04-2026 Koningsdag → di 28-04-2026 (Atw art. 1)
    ("onderzoek_afronding", "2026-02-16", "2026-04-28"),
    ("vv_afronding", "2026-02-16", "2026-04-28"),
    # do 26-02-2026 + 10 weken → do 07-05-2026, a working day
    ("vv_afronding", "2026-02-26", "2026-05-07"),
    # vr 06-03-2026 + 10 weken → vr 15-05-2026 gelijkgesteld → ma 18-05-2026
    ("vv_afronding", "2026-03-06", "2026-05-18"),
    # za 07-03-2026 + 10 weken → za 16-05-2026 → ma 18-05-2026
    ("onderzoek_afronding", "2026-03-07", "2026-05-18"),
    # zo 15-03-2026 + 10 weken → zo 24-05 Pinksteren, ma 25-05 2e Pinksterdag → di 26-05-2026
    ("onderzoek_afronding", "2026-03-15", "2026-05-26"),
    # do 30-04-2026 + 5 dagen (start onderzoek) → di 05-05-2026 5 mei → wo 06-05-2026
    ("onderzoek_start", "2026-04-30", "2026-05-06"),
    # wo 29-04-2026 + 5 dagen → ma 04-05-2026: a working day (not equated)
    ("onderzoek_start", "2026-04-29", "2026-05-04"),
    # wo 15-04-2026 huisverbod + 10 dagen → za 25-04-2026: a fixed date, even on a Saturday
    ("huisverbod", "2026-04-15", "2026-04-25"),
    # vr 17-04-2026 huisverbod + 10 dagen → ma 27-04-2026 Koningsdag: stays fixed
    ("huisverbod", "2026-04-17", "2026-04-27"),
    # zo 05-04-2026 huisverbod uiterlijk + 4 weken → zo 03-05-2026: fixed
    ("huisverbod_max", "2026-04-05", "2026-05-03"),
    # di 07-04-2026 + 4 weken (informeren) → di 05-05-2026 5 mei → wo 06-05-2026
    ("informeren_betrokkenen", "2026-04-07", "2026-05-06"),
    # zo 30-11-2025 + 3 maanden → 30-02 does not exist → za 28-02-2026 → ma 02-03-2026
    ("vernietiging_op_verzoek", "2025-11-30", "2026-03-02"),
    # za 31-01-2026 + 3 maanden → do 30-04-2026 (April has 30 days), a working day
    ("vernietiging_op_verzoek", "2026-01-31", "2026-04-30"),
    # di 30-11-2027 + 3 maanden → di 29-02-2028 (leap year)
    ("vernietiging_op_verzoek", "2027-11-30", "2028-02-29"),
    # ma 16-02-2026 + 20 jaar bewaartermijn → vr 16-02-2046 (no Atw art. 1)
    ("bewaartermijn", "2026-02-16", "2046-02-16"),
    # za 26-12-2026 + 20 jaar → 26-12-2046 Tweede Kerstdag: stays fixed
    ("bewaartermijn", "2026-12-26", "2046-12-26"),
]


@pytest.mark.parametrize(("code", "start", "einde"), TERMIJNEN)
def test_deadline_of_default_terms(code: str, start: str, einde: str) -> None:
    stand = deadline(D(start), T[code], KALENDER)
    assert stand.einddatum == D(einde)
    assert stand.oorspronkelijke_einddatum == D(einde)
    assert stand.opgeschorte_dagen == 0
    assert stand.verlengd_met == 0


@pytest.mark.parametrize(
    ("termijn", "start", "einde"),
    [
        # do 23-04-2026 + 10 kalenderdagen (Atw) → zo 03-05 → ma 04-05-2026
        (DIX, "2026-04-23", "2026-05-04"),
        # do 29-02-2024 + 1 jaar → 29-02-2025 does not exist → vr 28-02-2025
        (JAAR, "2024-02-29", "2025-02-28"),
    ],
)
def test_deadline_of_ad_hoc_terms(termijn: Termijn, start: str, einde: str) -> None:
    assert deadline(D(start), termijn, KALENDER).einddatum == D(einde)


def test_a_datetime_start_counts_from_its_date() -> None:
    # vr 17-04-2025 12:00 → Goede Vrijdag + 2e Paasdag + Koningsdag (za) → ma 28-04-2025
    stand = deadline(datetime(2025, 4, 17, 12, tzinfo=AMS), T["vb_besluit"], KALENDER)
    assert stand.einddatum == D("2025-04-28")


@pytest.mark.parametrize(
    ("start", "einde"),
    [
        # vr 17-04-2025 12:00 + 24 uur → za 18-04-2025 12:00 (holidays do not matter)
        (datetime(2025, 4, 17, 12, tzinfo=AMS), datetime(2025, 4, 18, 12, tzinfo=AMS)),
        # za 28-03-2026 12:00 CET + 24 uur → zo 29-03-2026 13:00 CEST (summer time starts)
        (datetime(2026, 3, 28, 12, tzinfo=AMS), datetime(2026, 3, 29, 13, tzinfo=AMS)),
        # za 24-10-2026 12:00 CEST + 24 uur → zo 25-10-2026 11:00 CET (summer time ends)
        (datetime(2026, 10, 24, 12, tzinfo=AMS), datetime(2026, 10, 25, 11, tzinfo=AMS)),
    ],
)
def test_acute_term_is_24_elapsed_hours(start: datetime, einde: datetime) -> None:
    stand = deadline(start, T["acuut"], KALENDER)
    assert stand.einddatum == einde
    assert isinstance(stand.einddatum, datetime)
    assert stand.einddatum.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=24)
    assert stand.einddatum.tzinfo is AMS


# ---------------------------------------------------------------------------------------------
# Suspension and extension
# ---------------------------------------------------------------------------------------------

REDEN = "wacht op informatie van de huisarts"

OPSCHORTINGEN = [
    # VB do 30-04-2026; opgeschort ma 04 t/m wo 06-05 → 4 and 6 May count (5 mei does not):
    # 2 werkdagen → 7th working day → di 12-05-2026
    ("vb_besluit", "2026-04-30", [("2026-05-04", "2026-05-06")], "2026-05-12", "2026-05-08", 2),
    # VB do 30-04-2026; opgeschort only on the receipt day itself (day 0) → vr 08-05-2026
    ("vb_besluit", "2026-04-30", [("2026-04-30", "2026-04-30")], "2026-05-08", "2026-05-08", 0),
    # VB do 30-04-2026; opgeschort za 02 t/m zo 03-05 → no working day → vr 08-05-2026
    ("vb_besluit", "2026-04-30", [("2026-05-02", "2026-05-03")], "2026-05-08", "2026-05-08", 0),
    # VB do 30-04-2026; opgeschort do 30-04 t/m vr 01-05 → day 0 does not count: 1 → ma 11-05
    ("vb_besluit", "2026-04-30", [("2026-04-30", "2026-05-01")], "2026-05-11", "2026-05-08", 1),
    # VB do 30-04-2026; opgeschort ma 04-05 (1) and do 07 t/m vr 08-05 (2) → wo 13-05-2026
    (
        "vb_besluit",
        "2026-04-30",
        [("2026-05-07", "2026-05-08"), ("2026-05-04", "2026-05-04")],
        "2026-05-13",
        "2026-05-08",
        3,
    ),
    # VB do 30-04-2026; opgeschort on the last day vr 08-05 → 1 → ma 11-05-2026
    ("vb_besluit", "2026-04-30", [("2026-05-08", "2026-05-08")], "2026-05-11", "2026-05-08", 1),
    # VB do 30-04-2026; opgeschort ma 04 t/m ma 11-05 = exactly the 5 allowed → 10th working day:
    # … 11 (6), 12 (7), 13 (8), Hemelvaart 14, gelijkgesteld 15, ma 18 (9) → di 19-05-2026
    ("vb_besluit", "2026-04-30", [("2026-05-04", "2026-05-11")], "2026-05-19", "2026-05-08", 5),
    # V&V ma 16-02-2026; opgeschort ma 02 t/m zo 15-03 = 14 kalenderdagen → ma 11-05-2026
    ("vv_afronding", "2026-02-16", [("2026-03-02", "2026-03-15")], "2026-05-11", "2026-04-28", 14),
    # Informeren di 07-04-2026 (no cap); opgeschort wo 08-04 t/m za 06-06 = 60 dagen → di 05-05
    # + 60 = za 04-07-2026 → ma 06-07-2026
    (
        "informeren_betrokkenen",
        "2026-04-07",
        [("2026-04-08", "2026-06-06")],
        "2026-07-06",
        "2026-05-06",
        60,
    ),
    # Onderzoek ma 16-02-2026; opgeschort 28 days (the cap) ma 02-03 t/m zo 29-03 → ma 25-05 is
    # 2e Pinksterdag → di 26-05-2026
    (
        "onderzoek_afronding",
        "2026-02-16",
        [("2026-03-02", "2026-03-29")],
        "2026-05-26",
        "2026-04-28",
        28,
    ),
]


@pytest.mark.parametrize(
    ("code", "start", "perioden", "einde", "oorspronkelijk", "dagen"), OPSCHORTINGEN
)
def test_suspension(
    code: str,
    start: str,
    perioden: list[tuple[str, str]],
    einde: str,
    oorspronkelijk: str,
    dagen: int,
) -> None:
    opschortingen = [Opschorting(D(van), D(tot), REDEN) for van, tot in perioden]
    stand = deadline(D(start), T[code], KALENDER, opschortingen=opschortingen)
    assert stand.einddatum == D(einde)
    assert stand.oorspronkelijke_einddatum == D(oorspronkelijk)
    assert stand.opgeschorte_dagen == dagen
    assert stand.dag_eenheid is T[code].opschorting_eenheid


VERLENGINGEN = [
    # VB do 30-04-2026 + 5 + 2 werkdagen → di 12-05-2026
    ("vb_besluit", "2026-04-30", [2], "2026-05-12"),
    # V&V ma 16-02-2026 + 10 + 2 weken → ma 11-05-2026
    ("vv_afronding", "2026-02-16", [2], "2026-05-11"),
    # Onderzoek ma 16-02-2026 + 10 + 1 + 1 weken → ma 11-05-2026 (two extensions add up)
    ("onderzoek_afronding", "2026-02-16", [1, 1], "2026-05-11"),
    # Huisverbod wo 15-04-2026 + 10 + 18 dagen → wo 13-05-2026 = huisverbod_max
    ("huisverbod", "2026-04-15", [18], "2026-05-13"),
    # Informeren di 07-04-2026 + 4 + 2 weken → di 19-05-2026
    ("informeren_betrokkenen", "2026-04-07", [2], "2026-05-19"),
    # Vernietiging zo 30-11-2025 + 3 + 1 maanden → do 30-03-2026
    ("vernietiging_op_verzoek", "2025-11-30", [1], "2026-03-30"),
    # Bewaartermijn ma 16-02-2026 + 20 + 5 jaar → za 16-02-2051 (fixed)
    ("bewaartermijn", "2026-02-16", [5], "2051-02-16"),
]


@pytest.mark.parametrize(("code", "start", "aantallen", "einde"), VERLENGINGEN)
def test_extension(code: str, start: str, aantallen: list[int], einde: str) -> None:
    verlengingen = [Verlenging(aantal, "toestemming teamleider") for aantal in aantallen]
    stand = deadline(D(start), T[code], KALENDER, verlengingen=verlengingen)
    assert stand.einddatum == D(einde)
    assert stand.verlengd_met == sum(aantallen)
    assert stand.oorspronkelijke_einddatum == deadline(D(start), T[code], KALENDER).einddatum


def test_extension_of_the_acute_term_in_hours() -> None:
    # vr 17-04-2025 12:00 + 24 + 12 uur → za 19-04-2025 00:00
    start = datetime(2025, 4, 17, 12, tzinfo=AMS)
    stand = deadline(start, T["acuut"], KALENDER, verlengingen=[Verlenging(12, "politie")])
    assert stand.einddatum == datetime(2025, 4, 19, 0, tzinfo=AMS)
    assert stand.oorspronkelijke_einddatum == datetime(2025, 4, 18, 12, tzinfo=AMS)
    assert stand.verlengd_met == 12


def test_suspension_and_extension_together() -> None:
    # V&V ma 16-02-2026 + 11 weken + 7 opgeschorte dagen (ma 02 t/m zo 08-03) = 84 dagen
    # → ma 11-05-2026
    stand = deadline(
        D("2026-02-16"),
        T["vv_afronding"],
        KALENDER,
        opschortingen=[Opschorting(D("2026-03-02"), D("2026-03-08"), REDEN)],
        verlengingen=[Verlenging(1, "complexe casus")],
    )
    assert (stand.einddatum, stand.opgeschorte_dagen, stand.verlengd_met) == (
        D("2026-05-11"),
        7,
        1,
    )
    assert stand.oorspronkelijke_einddatum == D("2026-04-28")


# ---------------------------------------------------------------------------------------------
# Every error message
# ---------------------------------------------------------------------------------------------


def _o(van: str, tot: str, reden: str = REDEN) -> Opschorting:
    return Opschorting(D(van), D(tot), reden)


FOUTEN = [
    # suspension ends before it starts
    (
        "vb_besluit",
        [_o("2026-05-06", "2026-05-04")],
        [],
        "tot",
        "De opschorting eindigt op 04-05-2026, vóór haar begin op 06-05-2026.",
    ),
    # suspension starts before the term (do 30-04-2026)
    (
        "vb_besluit",
        [_o("2026-04-29", "2026-05-04")],
        [],
        "van",
        "De opschorting begint op 29-04-2026, vóór het begin van de termijn op 30-04-2026.",
    ),
    # ma 04 t/m wo 13-05-2026: 4, 6, 7, 8, 11, 12, 13 = 7 werkdagen > 5
    (
        "vb_besluit",
        [_o("2026-05-04", "2026-05-13")],
        [],
        "opschortingen",
        "De opschorting van 7 werkdagen is langer dan de 5 werkdagen die deze termijn toestaat.",
    ),
    # two suspensions adding up to 6 werkdagen: 4, 6, 7 and 8, 11, 12 May
    (
        "vb_besluit",
        [_o("2026-05-04", "2026-05-07"), _o("2026-05-08", "2026-05-12")],
        [],
        "opschortingen",
        "De opschorting van 6 werkdagen is langer dan de 5 werkdagen die deze termijn toestaat.",
    ),
    # V&V: za 02-05 t/m za 30-05-2026 = 29 kalenderdagen > 28
    (
        "vv_afronding",
        [_o("2026-05-02", "2026-05-30")],
        [],
        "opschortingen",
        "De opschorting van 29 kalenderdagen is langer dan de 28 kalenderdagen die deze "
        "termijn toestaat.",
    ),
    # overlapping suspensions (both on 06-05-2026)
    (
        "vb_besluit",
        [_o("2026-05-06", "2026-05-07"), _o("2026-05-04", "2026-05-06")],
        [],
        "opschortingen",
        "De opschortingen van 04-05-2026 t/m 06-05-2026 en van 06-05-2026 t/m 07-05-2026 "
        "overlappen.",
    ),
    # a suspension after the term has already ended (vr 08-05-2026)
    (
        "vb_besluit",
        [_o("2026-05-11", "2026-05-12")],
        [],
        "van",
        "De opschorting begint op 11-05-2026, na het einde van de termijn op 08-05-2026.",
    ),
    # suspension without a reason
    (
        "vb_besluit",
        [_o("2026-05-04", "2026-05-04", "  ")],
        [],
        "reden",
        "Geef een reden voor de opschorting.",
    ),
    # the huisverbod has fixed dates
    (
        "huisverbod",
        [_o("2026-05-04", "2026-05-04")],
        [],
        "opschortingen",
        "Deze termijn kan niet worden opgeschort.",
    ),
    # extension of zero
    (
        "vb_besluit",
        [],
        [Verlenging(0, "x")],
        "aantal",
        "Een verlenging moet minstens 1 werkdag zijn; 0 is niet toegestaan.",
    ),
    # negative extension
    (
        "vv_afronding",
        [],
        [Verlenging(-1, "x")],
        "aantal",
        "Een verlenging moet minstens 1 week zijn; -1 is niet toegestaan.",
    ),
    # extension without a reason
    ("vv_afronding", [], [Verlenging(2, "")], "reden", "Geef een reden voor de verlenging."),
]


@pytest.mark.parametrize(("code", "opschortingen", "verlengingen", "veld", "bericht"), FOUTEN)
def test_errors_are_clear_dutch_messages(
    code: str,
    opschortingen: list[Opschorting],
    verlengingen: list[Verlenging],
    veld: str,
    bericht: str,
) -> None:
    with pytest.raises(TermijnFout) as fout:
        deadline(D("2026-04-30"), T[code], KALENDER, opschortingen, verlengingen)
    assert (fout.value.veld, fout.value.bericht) == (veld, bericht)
    assert str(fout.value) == bericht
    assert veld in repr(fout.value)


@pytest.mark.parametrize(
    ("start", "opschortingen", "veld", "bericht"),
    [
        # a date has no hour
        (D("2026-04-30"), [], "start", "Een termijn in uren begint op een tijdstip met tijdzone,"),
        # a naive datetime has no time zone
        (
            datetime(2026, 4, 30, 12),  # noqa: DTZ001
            [],
            "start",
            "Een termijn in uren begint op een tijdstip",
        ),
        # the acute term cannot be suspended
        (
            datetime(2026, 4, 30, 12, tzinfo=AMS),
            [_o("2026-04-30", "2026-04-30")],
            "opschortingen",
            "Een termijn in uren kan niet worden opgeschort.",
        ),
    ],
)
def test_errors_of_the_term_in_hours(
    start: date, opschortingen: list[Opschorting], veld: str, bericht: str
) -> None:
    with pytest.raises(TermijnFout) as fout:
        deadline(start, T["acuut"], KALENDER, opschortingen)
    assert fout.value.veld == veld
    assert fout.value.bericht.startswith(bericht)


@pytest.mark.parametrize(
    ("aantal", "max_opschorting", "veld"),
    [(0, None, "aantal"), (-3, 5, "aantal"), (5, -1, "max_opschorting")],
)
def test_a_term_definition_is_validated(aantal: int, max_opschorting: int, veld: str) -> None:
    with pytest.raises(TermijnFout) as fout:
        Termijn("x", "x", aantal, Eenheid.WERKDAGEN, False, max_opschorting)
    assert fout.value.veld == veld


# ---------------------------------------------------------------------------------------------
# Remaining days and overdue
# ---------------------------------------------------------------------------------------------

VB = deadline(D("2026-04-30"), T["vb_besluit"], KALENDER)  # ends vr 08-05-2026
VV = deadline(D("2026-02-16"), T["vv_afronding"], KALENDER)  # ends di 28-04-2026
ACUUT = deadline(datetime(2025, 4, 17, 12, tzinfo=AMS), T["acuut"], KALENDER)  # za 18-04 12:00


@pytest.mark.parametrize(
    ("stand", "op", "resterend", "verlopen"),
    [
        (VB, D("2026-04-30"), 5, False),  # do 30-04: the receipt day, 5 werkdagen left
        (VB, D("2026-05-04"), 3, False),  # ma 04-05: 6, 7, 8 May left
        (VB, D("2026-05-08"), 0, False),  # vr 08-05: due today, not yet overdue
        (VB, D("2026-05-09"), -1, True),  # za 09-05: the deadline day has passed
        (VB, D("2026-05-11"), -1, True),  # ma 11-05: one working day overdue
        (VB, D("2026-05-12"), -2, True),  # di 12-05: two working days overdue
        (VB, datetime(2026, 5, 8, 23, 59, tzinfo=AMS), 0, False),  # vr 08-05 23:59: still on time
        (VV, D("2026-04-27"), 1, False),  # ma 27-04 Koningsdag: 1 kalenderdag left
        (VV, D("2026-04-30"), -2, True),  # do 30-04: two days overdue
        (ACUUT, datetime(2025, 4, 18, 12, tzinfo=AMS), 0, False),  # exactly 24 hours: on time
        (ACUUT, datetime(2025, 4, 18, 12, 1, tzinfo=AMS), 0, True),  # one minute late
        (ACUUT, D("2025-04-18"), 0, False),  # on the day itself
        (ACUUT, D("2025-04-19"), -1, True),  # the day after
    ],
)
def test_remaining_days_and_overdue(
    stand: TermijnStand, op: date, resterend: int, verlopen: bool
) -> None:
    assert stand.resterende_dagen(op) == resterend
    assert stand.is_verlopen(op) is verlopen


# ---------------------------------------------------------------------------------------------
# The default set is versioned data
# ---------------------------------------------------------------------------------------------


def test_default_terms_2019() -> None:
    assert DEFAULT_TERMIJNEN_VERSIE == "2019"
    assert D("2019-01-01") == DEFAULT_TERMIJNEN_GELDIG_VANAF
    rows = {
        (t.code, t.aantal, t.eenheid, t.atw_art1, t.max_opschorting)
        for t in DEFAULT_TERMIJNEN.values()
    }
    assert rows == {
        ("vb_besluit", 5, Eenheid.WERKDAGEN, False, 5),
        ("acuut", 24, Eenheid.UREN, False, 0),
        ("vv_afronding", 10, Eenheid.WEKEN, True, 28),
        ("onderzoek_start", 5, Eenheid.KALENDERDAGEN, True, 5),
        ("onderzoek_afronding", 10, Eenheid.WEKEN, True, 28),
        ("huisverbod", 10, Eenheid.KALENDERDAGEN, False, 0),
        ("huisverbod_max", 4, Eenheid.WEKEN, False, 0),
        ("informeren_betrokkenen", 4, Eenheid.WEKEN, True, None),
        ("vernietiging_op_verzoek", 3, Eenheid.MAANDEN, True, 0),
        ("bewaartermijn", 20, Eenheid.JAREN, False, 0),
    }
    with pytest.raises(TypeError):
        DEFAULT_TERMIJNEN["vb_besluit"] = DIX  # type: ignore[index]
    assert str(T["vb_besluit"]) == "Besluit veiligheidsbeoordeling (5 werkdagen)"
    assert Eenheid.WEKEN.aantal_tekst(1) == "1 week"
    assert Eenheid.JAREN.label == "jaren"


@pytest.mark.parametrize(
    ("dag", "maanden", "uitkomst"),
    [
        ("2026-01-31", 1, "2026-02-28"),  # 31 jan + 1 maand → last day of February
        ("2028-01-31", 1, "2028-02-29"),  # leap year
        ("2026-12-15", 1, "2027-01-15"),  # across the year end
        ("2026-03-31", -1, "2026-02-28"),  # backwards
        ("2026-05-31", 240, "2046-05-31"),  # 20 years
    ],
)
def test_add_months(dag: str, maanden: int, uitkomst: str) -> None:
    assert add_months(D(dag), maanden) == D(uitkomst)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

# Far enough from the supported range (1980 onwards) to count 400 working days either way.
dagen = st.dates(min_value=date(1982, 1, 1), max_value=date(2197, 12, 31))
equated = st.frozensets(
    st.dates(min_value=date(1980, 1, 1), max_value=date(2199, 12, 31)), max_size=20
)


@given(dagen, st.integers(min_value=1, max_value=400), equated)
def test_result_is_always_a_working_day(start: date, n: int, extra: frozenset[date]) -> None:
    kalender = AtwCalendar(extra)
    einde = kalender.add_working_days(start, n)
    assert kalender.is_working_day(einde)
    assert (einde - start).days >= n


@given(dagen, st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_add_working_days_is_monotonic(start: date, n: int, m: int) -> None:
    if n < m:
        assert KALENDER.add_working_days(start, n) < KALENDER.add_working_days(start, m)
    elif n == m:
        assert KALENDER.add_working_days(start, n) == KALENDER.add_working_days(start, m)


@given(dagen, st.integers(min_value=-400, max_value=400), equated)
def test_working_days_between_inverts_add(start: date, n: int, extra: frozenset[date]) -> None:
    kalender = AtwCalendar(extra)
    assert kalender.working_days_between(start, kalender.add_working_days(start, n)) == n


@given(dagen, dagen)
def test_working_days_between_counts_day_by_day(a: date, b: date) -> None:
    if abs((b - a).days) > 800:
        b = a + timedelta(days=(b - a).days % 800)
    werkdag = KALENDER.is_working_day
    if a <= b:  # the working days in (a, b]
        geteld = sum(1 for i in range(1, (b - a).days + 1) if werkdag(a + timedelta(days=i)))
    else:  # minus the working days in [b, a)
        geteld = -sum(1 for i in range((a - b).days) if werkdag(b + timedelta(days=i)))
    assert KALENDER.working_days_between(a, b) == geteld


@given(dagen)
def test_next_working_day_skips_only_closed_days(dag: date) -> None:
    volgende = KALENDER.next_working_day(dag)
    assert volgende > dag
    assert KALENDER.is_working_day(volgende)
    tussen = (dag + timedelta(days=i) for i in range(1, (volgende - dag).days))
    assert not any(KALENDER.is_working_day(d) for d in tussen)
    assert KALENDER.working_day_on_or_after(KALENDER.working_day_on_or_after(dag)) == (
        KALENDER.working_day_on_or_after(dag)
    )


@given(st.integers(min_value=1980, max_value=2199))
def test_holidays_of_every_year_are_plausible(jaar: int) -> None:
    pasen = easter_sunday(jaar)
    assert pasen.weekday() == 6
    assert date(jaar, 3, 22) <= pasen <= date(jaar, 4, 25)
    dagen_ = atw_holidays(jaar)
    assert len(dagen_) in (10, 11)  # 10 when Hemelvaartsdag falls on 5 mei
    assert all(d.year == jaar for d in dagen_)
    kings = [d for d, naam in dagen_.items() if "Koning" in naam]
    assert len(kings) == 1
    assert kings[0].weekday() != 6


@given(
    st.sampled_from(sorted(DEFAULT_TERMIJNEN)),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31)),
)
def test_atw_terms_end_on_working_days_and_fixed_terms_do_not_move(code: str, start: date) -> None:
    termijn = T[code]
    if termijn.eenheid is Eenheid.UREN:
        return
    einde = deadline(start, termijn, KALENDER).einddatum
    assert isinstance(einde, date)
    assert einde > start
    if termijn.atw_art1 or termijn.eenheid is Eenheid.WERKDAGEN:
        assert KALENDER.is_working_day(einde)
    if code == "huisverbod":
        assert einde == start + timedelta(days=10)


@given(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=0, max_value=10),
    st.integers(min_value=0, max_value=5),
)
def test_suspension_never_shortens_a_term(start: date, begin: int, lengte: int) -> None:
    van = start + timedelta(days=begin)
    opschorting = Opschorting(van, van + timedelta(days=lengte), REDEN)
    for code in ("vb_besluit", "vv_afronding"):
        try:
            stand = deadline(start, T[code], KALENDER, opschortingen=[opschorting])
        except TermijnFout:
            continue  # e.g. the suspension starts after the end of the term
        assert stand.einddatum >= stand.oorspronkelijke_einddatum  # type: ignore[operator]
        assert stand.opgeschorte_dagen <= lengte + 1
