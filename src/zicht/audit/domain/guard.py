"""Keeps personal data out of the audit log: no BSN-like numbers, small structured data.

The audit log records who did what to which record, never the contents. A run of nine or
more digits (or 123.456.789 / 123 456 789) looks like a BSN or a phone number and is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import TypeAlias
from uuid import UUID

from zicht.audit.domain.chain import json_canonical, timestamp_canonical

JsonValue: TypeAlias = "str | int | bool | list[JsonValue] | dict[str, JsonValue] | None"

MAX_REASON_TEXT = 500
"""Characters of free text with a reason."""

MAX_DATA_BYTES = 4096
"""Bytes of ``data`` as compact JSON."""

MAX_DATA_DEPTH = 4

_BSN_LIKE = re.compile(r"\d{9,}|\d{3}[ .]\d{3}[ .]\d{3}")

PERSONAL_DATA_MESSAGE = (
    "{where} bevat een reeks van negen cijfers (zoals een BSN of telefoonnummer). "
    "Het auditlog bevat geen persoonsgegevens: verwijs naar het dossier in plaats daarvan."
)


def contains_bsn_like(text: str) -> bool:
    """True when ``text`` holds a BSN-like run of digits."""
    return _BSN_LIKE.search(text) is not None


def redact_bsn_like(text: str) -> str:
    """``text`` with every BSN-like run replaced (for recording user input safely)."""
    return _BSN_LIKE.sub("[geredigeerd]", text)


def reason_text_check(text: str) -> str:
    """Returns ``text`` stripped, or raises ValueError (Dutch) when too long or BSN-like."""
    text = text.strip()
    if len(text) > MAX_REASON_TEXT:
        raise ValueError(
            f"De toelichting is te lang ({len(text)} tekens); maximaal {MAX_REASON_TEXT}."
        )
    if contains_bsn_like(text):
        raise ValueError(PERSONAL_DATA_MESSAGE.format(where="De toelichting"))
    return text


def data_normalize(data: Mapping[str, object] | None) -> dict[str, JsonValue]:
    """A JSON-safe copy of ``data``; raises ValueError (Dutch) on personal data or bad types.

    Allowed: text, whole numbers, booleans, None, lists and objects with text keys. Dates,
    datetimes, UUIDs and enums become their text (or number) value. Floats are refused so
    that every database returns exactly the value that was hashed.
    """
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ValueError("De gegevens bij een auditgebeurtenis moeten een object (dict) zijn.")
    normalized = _normalize(data, path="data", depth=0)
    assert isinstance(normalized, dict)
    size = len(json_canonical(normalized))
    if size > MAX_DATA_BYTES:
        raise ValueError(
            f"De gegevens bij een auditgebeurtenis zijn te groot ({size} bytes); "
            f"maximaal {MAX_DATA_BYTES}. Leg details vast in het dossier zelf."
        )
    return normalized


def _normalize(value: object, *, path: str, depth: int) -> JsonValue:
    if depth > MAX_DATA_DEPTH:
        raise ValueError(f"De gegevens zijn te diep genest bij '{path}'.")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, int):
        if contains_bsn_like(str(abs(value))):
            raise ValueError(PERSONAL_DATA_MESSAGE.format(where=f"Het getal in '{path}'"))
        return int(value)
    if isinstance(value, datetime):
        return timestamp_canonical(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(f"De tekst in '{path}' bevat een ongeldig teken.")
        if contains_bsn_like(value):
            raise ValueError(PERSONAL_DATA_MESSAGE.format(where=f"De tekst in '{path}'"))
        return str(value)
    if isinstance(value, Mapping):
        result: dict[str, JsonValue] = {}
        for key, item in value.items():
            if isinstance(key, Enum):
                key = key.value
            if not isinstance(key, str):
                raise ValueError(f"Sleutels in '{path}' moeten tekst zijn.")
            if contains_bsn_like(key):
                raise ValueError(PERSONAL_DATA_MESSAGE.format(where=f"Een sleutel in '{path}'"))
            result[str(key)] = _normalize(item, path=f"{path}.{key}", depth=depth + 1)
        return result
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [
            _normalize(item, path=f"{path}[{index}]", depth=depth + 1)
            for index, item in enumerate(items)
        ]
    if isinstance(value, float):
        raise ValueError(
            f"Kommagetallen zijn niet toegestaan in '{path}': gebruik een geheel getal "
            "of tekst, zodat de vastlegging op elke database exact gelijk blijft."
        )
    raise ValueError(
        f"Waarde van type {type(value).__name__} in '{path}' is niet toegestaan: gebruik "
        "tekst, gehele getallen, ja/nee, lijsten of objecten."
    )
