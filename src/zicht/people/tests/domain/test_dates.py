"""Partial birth dates, the CBS format and the birth-date rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.people.domain.dates import (
    ONGEBOREN,
    DatumFout,
    PartialDate,
    format_cbs,
    parse_cbs,
    validate_geboortedatum,
    validate_verwachte_geboortedatum,
)

VANDAAG = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("code", "verwacht"),
    [
        ("19850312", PartialDate(1985, 3, 12)),  # volledige datum
        ("19850300", PartialDate(1985, 3)),  # dag onbekend
        ("19850000", PartialDate(1985)),  # alleen het jaar bekend
        ("20000229", PartialDate(2000, 2, 29)),  # schrikkeldag in een schrikkeljaar
        (" 19850312 ", PartialDate(1985, 3, 12)),  # witruimte eromheen telt niet
        ("99999999", ONGEBOREN),  # conventie: ongeboren kind
    ],
)
def test_cbs_codes_are_read(code, verwacht):
    assert parse_cbs(code) == verwacht


@pytest.mark.parametrize(
    ("code", "melding"),
    [
        ("1985031", "8 cijfers"),  # te kort
        ("1985-03-12", "8 cijfers"),  # streepjes horen niet in het CBS-formaat
        ("19850012", "Een dag zonder maand"),  # dag zonder maand
        ("19851312", "maand moet tussen 1 en 12"),  # maand 13
        ("19850230", "Februari 1985 heeft geen dag 30"),  # 30 februari
        ("19000229", "Februari 1900 heeft geen dag 29"),  # 1900 is geen schrikkeljaar
        ("18000101", "jaar moet tussen"),  # vóór het vroegste jaar
    ],
)
def test_invalid_cbs_codes_are_refused(code, melding):
    with pytest.raises(DatumFout, match=melding):
        parse_cbs(code)


@pytest.mark.parametrize(
    ("datum", "code"),
    [
        (PartialDate(1985, 3, 12), "19850312"),
        (PartialDate(1985, 3), "19850300"),
        (PartialDate(1985), "19850000"),
        (ONGEBOREN, "99999999"),
    ],
)
def test_cbs_codes_are_written(datum, code):
    assert format_cbs(datum) == code


def test_a_day_without_a_month_is_refused():
    with pytest.raises(DatumFout, match="Een dag zonder maand"):
        PartialDate(1985, None, 12)


@pytest.mark.parametrize(
    ("datum", "vroegst", "laatst", "tekst"),
    [
        (PartialDate(1985, 3, 12), date(1985, 3, 12), date(1985, 3, 12), "12-03-1985"),
        (PartialDate(1985, 2), date(1985, 2, 1), date(1985, 2, 28), "februari 1985"),
        (PartialDate(2024, 2), date(2024, 2, 1), date(2024, 2, 29), "februari 2024"),  # schrikkel
        (PartialDate(1985), date(1985, 1, 1), date(1985, 12, 31), "1985"),
    ],
)
def test_a_partial_date_covers_an_interval(datum, vroegst, laatst, tekst):
    assert datum.earliest() == vroegst
    assert datum.latest() == laatst
    assert str(datum) == tekst
    assert datum.contains(vroegst)
    assert datum.contains(laatst)
    assert not datum.contains(vroegst - timedelta(days=1))
    assert datum.as_date() == (vroegst if datum.is_complete else None)


@pytest.mark.parametrize(
    ("a", "b", "zeker_eerder", "mogelijk_eerder", "overlapt"),
    [
        # 1980 ligt geheel vóór 1985-03-12
        (PartialDate(1980), PartialDate(1985, 3, 12), True, True, False),
        # 1985 omvat 1985-03-12: misschien eerder, niet zeker
        (PartialDate(1985), PartialDate(1985, 3, 12), False, True, True),
        # dezelfde dag: niet eerder, wel overlap
        (PartialDate(1985, 3, 12), PartialDate(1985, 3, 12), False, False, True),
        # maart 1985 vóór april 1985
        (PartialDate(1985, 3), PartialDate(1985, 4), True, True, False),
        # later jaar: niet eerder
        (PartialDate(1990), PartialDate(1985), False, False, False),
    ],
)
def test_interval_comparisons(a, b, zeker_eerder, mogelijk_eerder, overlapt):
    assert a.definitely_before(b) is zeker_eerder
    assert a.possibly_before(b) is mogelijk_eerder
    assert a.overlaps(b) is overlapt
    assert b.overlaps(a) is overlapt


@pytest.mark.parametrize(
    ("datum", "fout"),
    [
        (PartialDate(2026, 3, 15), False),  # vandaag geboren: mag
        (PartialDate(2026, 3, 16), True),  # morgen: toekomst
        (PartialDate(2026, 3), False),  # maart 2026 kan vandaag of eerder zijn
        (PartialDate(2026, 4), True),  # april 2026 ligt geheel in de toekomst
        (PartialDate(2026), False),  # 2026 kan al begonnen zijn
        (PartialDate(2027), True),  # 2027 niet
    ],
)
def test_a_birth_date_may_not_lie_in_the_future(datum, fout):
    if fout:
        with pytest.raises(DatumFout, match=r"De geboortedatum ligt in de toekomst\."):
            validate_geboortedatum(datum, vandaag=VANDAAG)
    else:
        validate_geboortedatum(datum, vandaag=VANDAAG)


@pytest.mark.parametrize(
    ("verwacht", "melding"),
    [
        (date(2026, 8, 1), None),  # over 4,5 maand: gewoon
        (date(2026, 3, 1), None),  # twee weken geleden: geboren, nog niet verwerkt
        (date(2026, 1, 14), None),  # precies 60 dagen geleden: nog net
        (date(2026, 1, 13), "te ver in het verleden"),  # 61 dagen: niet meer ongeboren
        (date(2027, 1, 9), None),  # 300 dagen vooruit: nog net
        (date(2027, 1, 10), "te ver in de toekomst"),  # 301 dagen: geen zwangerschap
    ],
)
def test_an_unborn_childs_expected_date_is_future_or_recent(verwacht, melding):
    if melding:
        with pytest.raises(DatumFout, match=melding):
            validate_verwachte_geboortedatum(verwacht, vandaag=VANDAAG)
    else:
        validate_verwachte_geboortedatum(verwacht, vandaag=VANDAAG)


PRECISIES = ((True, True), (True, False), (False, False))  # dag bekend / maand bekend / jaar


def _partial(d: date, precisie: int) -> PartialDate:
    maand, dag = PRECISIES[precisie]
    return PartialDate(d.year, d.month if maand else None, d.day if dag else None)


partial_dates = st.builds(
    _partial,
    st.dates(min_value=date(1880, 1, 1), max_value=date(9998, 12, 31)),
    st.integers(0, 2),
)


@given(partial_dates)
def test_cbs_round_trip(datum):
    assert parse_cbs(datum.to_cbs()) == datum


@given(partial_dates)
def test_earliest_never_after_latest(datum):
    assert datum.earliest() <= datum.latest()
    assert PartialDate.from_date(datum.earliest()).contains(datum.earliest())


@given(partial_dates, partial_dates)
def test_definitely_before_implies_possibly_before_and_no_overlap(a, b):
    if a.definitely_before(b):
        assert a.possibly_before(b)
        assert not a.overlaps(b)
