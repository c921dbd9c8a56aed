"""The canonical hash of an audit row (pure, no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.audit.domain.chain import GENESIS_HASH, HASHED_FIELDS, payload_canonical, record_hash

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def row(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "seq": 1,
        "occurred_at": datetime(2025, 3, 3, 9, 0, tzinfo=UTC),
        "event": 150,
        "actor_id": 7,
        "target_type": "casework.casus",
        "target_id": "42",
        "reason": "behandeling",
        "reason_text": "",
        "data": {"b": 1, "a": ["x"]},
        "ip_address": "192.0.2.1",
        "prev_hash": GENESIS_HASH,
    }
    base.update(changes)
    return base


def test_hash_is_hex_sha256_and_deterministic() -> None:
    assert record_hash(row()) == record_hash(row())
    assert len(record_hash(row())) == 64
    int(record_hash(row()), 16)


def test_genesis_is_64_zeros() -> None:
    assert GENESIS_HASH == "0" * 64


@pytest.mark.parametrize(
    ("field", "other"),
    [
        ("seq", 2),
        ("occurred_at", datetime(2025, 3, 3, 9, 0, 0, 1, tzinfo=UTC)),  # one microsecond later
        ("event", 151),
        ("actor_id", None),  # the system instead of user 7
        ("target_type", "people.persoon"),
        ("target_id", "43"),
        ("reason", "noodtoegang"),
        ("reason_text", "spoed"),
        ("data", {"b": 2, "a": ["x"]}),
        ("ip_address", None),
        ("prev_hash", "f" * 64),
    ],
)
def test_every_field_is_covered(field: str, other: object) -> None:
    assert record_hash(row(**{field: other})) != record_hash(row())


def test_covered_fields_are_every_column_but_hash() -> None:
    assert set(HASHED_FIELDS) == set(row())


def test_same_instant_in_another_zone_gives_same_hash() -> None:
    # 10:00 in Amsterdam (CET, winter) is 09:00 UTC
    local = datetime(2025, 3, 3, 10, 0, tzinfo=AMSTERDAM)
    assert record_hash(row(occurred_at=local)) == record_hash(row())


def test_payload_is_sorted_compact_json_with_utc_iso_time() -> None:
    payload = payload_canonical(row()).decode()
    assert payload.startswith('{"actor_id":7,"data":{"a":["x"],"b":1},"event":150,')
    assert '"occurred_at":"2025-03-03T09:00:00.000000+00:00"' in payload
    assert " " not in payload


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="tijdzone"):
        record_hash(row(occurred_at=datetime(2025, 3, 3, 9, 0)))  # noqa: DTZ001


@given(st.dictionaries(st.text(max_size=5), st.integers(), max_size=6))
def test_key_order_of_data_does_not_matter(data: dict[str, int]) -> None:
    reversed_data = dict(reversed(list(data.items())))
    assert record_hash(row(data=data)) == record_hash(row(data=reversed_data))
