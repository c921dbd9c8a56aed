"""Pure domain of ``people``: the BSN value object, partial birth dates and name keys.

No Django, no settings, no clock: everything is an argument (mypy --strict).
"""

from zicht.people.domain.bsn import BSN, BsnFout, elfproef, generate_bsn, mask_bsn
from zicht.people.domain.dates import (
    ONGEBOREN,
    DatumFout,
    Ongeboren,
    PartialDate,
    format_cbs,
    parse_cbs,
    validate_geboortedatum,
    validate_verwachte_geboortedatum,
)
from zicht.people.domain.names import naam_sleutel, normaliseer, zoeksleutel

__all__ = [
    "BSN",
    "ONGEBOREN",
    "BsnFout",
    "DatumFout",
    "Ongeboren",
    "PartialDate",
    "elfproef",
    "format_cbs",
    "generate_bsn",
    "mask_bsn",
    "naam_sleutel",
    "normaliseer",
    "parse_cbs",
    "validate_geboortedatum",
    "validate_verwachte_geboortedatum",
    "zoeksleutel",
]
