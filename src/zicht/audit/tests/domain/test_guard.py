"""The personal-data guard: no BSN-like numbers, small JSON-safe data (pure, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.audit.catalogue import Event, Reden
from zicht.audit.domain.guard import (
    MAX_DATA_BYTES,
    MAX_REASON_TEXT,
    contains_bsn_like,
    data_normalize,
    reason_text_check,
    redact_bsn_like,
)


@pytest.mark.parametrize(
    ("text", "suspicious"),
    [
        ("123456782", True),  # a BSN (passes the 11-proef)
        ("bsn 111222333 gecontroleerd", True),  # nine digits inside a sentence
        ("bel 0612345678", True),  # a mobile number: ten digits
        ("123.456.782", True),  # BSN written with dots
        ("123 456 782", True),  # BSN written with spaces
        ("casus 12345678", False),  # eight digits: an ordinary id
        ("2025-03-03", False),  # a date
        ("op verzoek van de Raad", False),  # no digits at all
        ("12 34 56 78 9", False),  # separated differently
    ],
)
def test_bsn_like_detection(text: str, suspicious: bool) -> None:
    assert contains_bsn_like(text) is suspicious


def test_redact_replaces_each_run() -> None:
    assert redact_bsn_like("a 123456782 b 123.456.782") == "a [geredigeerd] b [geredigeerd]"


def test_reason_text_with_bsn_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="negen cijfers"):
        reason_text_check("gesprek over 123456782")


def test_reason_text_is_stripped_and_limited() -> None:
    assert reason_text_check("  spoedoverleg  ") == "spoedoverleg"
    with pytest.raises(ValueError, match="te lang"):
        reason_text_check("x" * (MAX_REASON_TEXT + 1))


@pytest.mark.parametrize(
    "data",
    [
        {"bsn": "123456782"},  # a string value
        {"personen": ["kind", "moeder 0612345678"]},  # nested in a list
        {"x": {"y": {"z": "123 456 782"}}},  # nested in objects
        {"123456782": True},  # as a key
        {"bsn": 123456782},  # as a number
    ],
)
def test_data_with_bsn_like_values_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="negen cijfers"):
        data_normalize(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"score": 3.5}, "Kommagetallen"),
        ({1: "a"}, "Sleutels"),
        ({"x": object()}, "niet toegestaan"),
        ({"x": "a\x00b"}, "ongeldig teken"),
        ({"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}, "te diep"),
        ({"lang": "x" * MAX_DATA_BYTES}, "te groot"),
    ],
)
def test_data_of_wrong_shape_is_refused(data: dict[object, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        data_normalize(data)  # type: ignore[arg-type]


def test_data_is_normalized_to_json_values() -> None:
    data = {
        "dag": date(2025, 3, 3),
        "moment": datetime(2025, 3, 3, 9, 0, tzinfo=UTC),
        "id": UUID("12345678-1234-5678-1234-567812345678"),
        "gebeurtenis": Event.CASUS_INGEZIEN,
        "reden": Reden.NOODTOEGANG,
        "teams": {3, 1, 2},
        "paar": (1, "a"),
        "leeg": None,
        "ja": True,
    }
    assert data_normalize(data) == {
        "dag": "2025-03-03",
        "moment": "2025-03-03T09:00:00.000000+00:00",
        "id": "12345678-1234-5678-1234-567812345678",
        "gebeurtenis": 150,
        "reden": "noodtoegang",
        "teams": [1, 2, 3],
        "paar": [1, "a"],
        "leeg": None,
        "ja": True,
    }


def test_no_data_is_an_empty_object() -> None:
    assert data_normalize(None) == {}


@given(
    prefix=st.text(alphabet="abc -", max_size=10),
    digits=st.integers(min_value=100_000_000, max_value=999_999_999),
    suffix=st.text(alphabet="abc -", max_size=10),
)
def test_any_nine_digit_run_is_refused(prefix: str, digits: int, suffix: str) -> None:
    with pytest.raises(ValueError, match="negen cijfers"):
        data_normalize({"tekst": f"{prefix}{digits}{suffix}"})
