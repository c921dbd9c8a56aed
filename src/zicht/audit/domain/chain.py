"""The hash of one audit row, over a canonical JSON of every field plus the previous hash.

Canonical form: a JSON object with sorted keys, no whitespace, UTF-8, and the timestamp as
an ISO 8601 string in UTC with microseconds. Writer and verifier both call :func:`record_hash`,
so the two can never disagree about the format.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64
"""``prev_hash`` of the first row (seq 1)."""

HASHED_FIELDS: tuple[str, ...] = (
    "seq",
    "occurred_at",
    "event",
    "actor_id",
    "target_type",
    "target_id",
    "reason",
    "reason_text",
    "data",
    "ip_address",
    "prev_hash",
)
"""Every column of an audit row except ``hash`` itself."""


def timestamp_canonical(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds; refuses naive datetimes."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Het tijdstip van een auditgebeurtenis moet een tijdzone hebben.")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def payload_canonical(row: Mapping[str, object]) -> bytes:
    """The bytes that are hashed for ``row`` (a mapping holding at least HASHED_FIELDS)."""
    payload: dict[str, object] = {name: row[name] for name in HASHED_FIELDS}
    occurred_at = payload["occurred_at"]
    if not isinstance(occurred_at, datetime):
        raise TypeError("occurred_at must be a datetime")
    payload["occurred_at"] = timestamp_canonical(occurred_at)
    return json_canonical(payload)


def json_canonical(value: object) -> bytes:
    """Compact JSON with sorted keys, UTF-8 encoded."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def record_hash(row: Mapping[str, object]) -> str:
    """Hex SHA-256 of the canonical payload of ``row``."""
    return hashlib.sha256(payload_canonical(row)).hexdigest()
