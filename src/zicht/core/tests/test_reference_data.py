"""The equated days and term versions in the database, and the selectors that read them."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from zicht.core import selectors
from zicht.core.domain.terms import (
    DEFAULT_TERMIJNEN,
    DEFAULT_TERMIJNEN_GELDIG_VANAF,
    Eenheid,
    TermijnOnbekend,
)
from zicht.core.models import GelijkgesteldeDag, TermijnDefinitie
from zicht.core.selectors import calendar_current, calendar_invalidate, termijn_get

D = date.fromisoformat
CSV = Path(__file__).resolve().parents[1] / "data" / "atw-gelijkgestelde-dagen.csv"


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar_invalidate()
    yield
    calendar_invalidate()


@pytest.mark.django_db
def test_data_migration_loaded_every_equated_day_of_the_csv():
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = {
            D(row["datum"]): (row["grond"], row["bron_status"]) for row in csv.DictReader(handle)
        }
    stored = {d.datum: (d.grond, d.bron_status) for d in GelijkgesteldeDag.objects.all()}
    assert stored == rows
    assert D("2026-01-02") in stored
    assert D("2026-05-15") in stored
    assert D("2026-05-04") not in stored


@pytest.mark.django_db
def test_data_migration_loaded_the_2019_terms():
    rows = TermijnDefinitie.objects.filter(
        versie="2019", geldig_vanaf=DEFAULT_TERMIJNEN_GELDIG_VANAF
    )
    assert {row.code: row.as_termijn() for row in rows} == dict(DEFAULT_TERMIJNEN)


@pytest.mark.django_db
def test_calendar_current_is_built_from_the_rows():
    kalender = calendar_current()
    assert not kalender.is_working_day(D("2026-05-15"))  # gelijkgesteld
    assert not kalender.is_working_day(D("2026-01-02"))  # gelijkgesteld
    assert kalender.is_working_day(D("2026-05-04"))  # not equated
    assert kalender.holidays(2026)[D("2026-05-15")] == "vrijdag na Hemelvaartsdag"
    # do 30-04-2026 + 5 werkdagen → vr 08-05-2026
    assert kalender.add_working_days(D("2026-04-30"), 5) == D("2026-05-08")


@pytest.mark.django_db
def test_termijn_get_returns_the_version_valid_on_the_date():
    # given a new protocol from 2027 that gives the VB 7 working days
    TermijnDefinitie.objects.create(
        code="vb_besluit",
        versie="2027",
        geldig_vanaf=D("2027-01-01"),
        omschrijving="Besluit veiligheidsbeoordeling",
        aantal=7,
        eenheid=Eenheid.WERKDAGEN.value,
        atw_art1=False,
        max_opschorting=5,
    )
    # then a melding of 31-12-2026 keeps the 2019 term and one of 01-01-2027 gets the new one
    assert termijn_get("vb_besluit", D("2026-12-31")) == DEFAULT_TERMIJNEN["vb_besluit"]
    assert termijn_get("vb_besluit", D("2027-01-01")).aantal == 7
    assert termijn_get("vb_besluit", D("2019-01-01")).aantal == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "op", "bericht"),
    [
        ("vb_besluit", "2018-12-31", "Er is geen termijn ‘vb_besluit’ geldig op 31-12-2018."),
        ("bestaat_niet", "2026-04-30", "Er is geen termijn ‘bestaat_niet’ geldig op 30-04-2026."),
    ],
)
def test_termijn_get_without_a_valid_version(code, op, bericht):
    with pytest.raises(TermijnOnbekend, match=bericht):
        termijn_get(code, D(op))


@pytest.mark.django_db
def test_one_version_per_code_and_start_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        TermijnDefinitie.objects.create(
            code="vb_besluit",
            versie="2019b",
            geldig_vanaf=DEFAULT_TERMIJNEN_GELDIG_VANAF,
            omschrijving="dubbel",
            aantal=5,
            eenheid="werkdagen",
            atw_art1=False,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("aantal", "eenheid"), [(0, "werkdagen"), (5, "lichtjaren")])
def test_term_rows_are_checked_by_the_database(aantal, eenheid):
    with pytest.raises(IntegrityError), transaction.atomic():
        TermijnDefinitie.objects.create(
            code="x",
            versie="x",
            geldig_vanaf=D("2030-01-01"),
            omschrijving="x",
            aantal=aantal,
            eenheid=eenheid,
            atw_art1=False,
        )


@pytest.mark.django_db
def test_equated_day_is_unique_per_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        GelijkgesteldeDag.objects.create(datum=D("2026-05-15"), grond="dubbel")


@pytest.mark.django_db
def test_str_of_the_models():
    assert str(GelijkgesteldeDag.objects.get(datum=D("2026-05-15"))) == (
        "15-05-2026 (vrijdag na Hemelvaartsdag)"
    )
    assert str(TermijnDefinitie.objects.get(code="acuut")) == "acuut 2019 (vanaf 01-01-2019)"


@pytest.mark.django_db
def test_gelijkgestelde_dag_list_per_year():
    assert [d.datum for d in selectors.gelijkgestelde_dag_list(jaar=2026)] == [
        D("2026-01-02"),
        D("2026-05-15"),
    ]
    assert len(selectors.gelijkgestelde_dag_list()) == 10


@pytest.fixture
def outside_transaction(monkeypatch):
    """The cache is only used outside transactions, and every test runs inside one: count only
    the transactions opened by the test itself."""
    base = len(connection.atomic_blocks)
    monkeypatch.setattr(selectors, "_in_transaction", lambda: len(connection.atomic_blocks) > base)


@pytest.mark.django_db
@pytest.mark.usefixtures("outside_transaction")
def test_calendar_is_cached_in_process_until_invalidated(django_assert_num_queries):
    with django_assert_num_queries(1):
        first = calendar_current()
    with django_assert_num_queries(0):
        assert calendar_current() is first
    # a row changed behind the service's back is not seen until the cache is invalidated
    GelijkgesteldeDag.objects.create(datum=D("2029-05-11"), grond="vrijdag na Hemelvaartsdag")
    assert calendar_current().is_working_day(D("2029-05-11"))
    calendar_invalidate()
    assert not calendar_current().is_working_day(D("2029-05-11"))


@pytest.mark.django_db
@pytest.mark.usefixtures("outside_transaction")
def test_calendar_cache_expires(monkeypatch, django_assert_num_queries):
    calendar_current()
    monkeypatch.setattr(selectors, "CALENDAR_CACHE_SECONDS", 0.0)
    with django_assert_num_queries(1):
        calendar_current()


@pytest.mark.django_db
@pytest.mark.usefixtures("outside_transaction")
def test_calendar_read_inside_a_transaction_is_never_cached(django_assert_num_queries):
    with transaction.atomic():
        GelijkgesteldeDag.objects.create(datum=D("2029-05-11"), grond="vrijdag na Hemelvaartsdag")
        assert not calendar_current().is_working_day(D("2029-05-11"))
        transaction.set_rollback(True)
    # the rolled-back row did not reach the cache
    assert calendar_current().is_working_day(D("2029-05-11"))
    with django_assert_num_queries(0):
        calendar_current()


@pytest.mark.django_db
def test_every_test_runs_inside_a_transaction_so_nothing_is_cached(django_assert_num_queries):
    calendar_current()
    with django_assert_num_queries(1):
        calendar_current()


@pytest.mark.django_db
@pytest.mark.usefixtures("outside_transaction")
def test_an_invalidation_during_a_read_keeps_the_stale_result_out_of_the_cache(monkeypatch):
    real = selectors._calendar_from_db

    def read_then_invalidate():
        calendar = real()
        calendar_invalidate()  # another thread changed the rows while we were reading
        return calendar

    monkeypatch.setattr(selectors, "_calendar_from_db", read_then_invalidate)
    calendar_current()
    assert selectors._cached is None
