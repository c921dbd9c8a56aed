"""The code lists of the 2015 informatieprotocol as typed, versioned reference data.

``intake/data/codelijsten.json`` is a copy of the official lists; a data migration loads the
lists below into ``intake.Code`` rows (one row per list, code and version), where a
functioneel beheerder can deactivate or add codes without a deploy. A later protocol version is
a new file version loaded by a new data migration: rows of the old version stay (meldingen keep
pointing at the code they were registered with), their ``actief`` flag goes off.

Pure Python: no Django.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = ["Codelijst", "Codelijsten", "lees_codelijsten"]


class Codelijst(StrEnum):
    """The lists intake loads (keys of ``codelijsten.json``)."""

    AANLEIDING = "aanleiding"
    HOEDANIGHEID_BEROEPSMATIG = "hoedanigheid_beroepsmatig"
    HOEDANIGHEID_NIET_BEROEPSMATIG = "hoedanigheid_niet_beroepsmatig"
    AARD = "aard"
    VERVOLG_MELDING = "vervolg_melding"
    UITKOMST_ONDERZOEK = "uitkomst_onderzoek"
    VERVOLG_NA_ONDERZOEK = "vervolg_na_onderzoek"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[Codelijst, str] = {
    Codelijst.AANLEIDING: "aanleiding",
    Codelijst.HOEDANIGHEID_BEROEPSMATIG: "hoedanigheid (beroepsmatig)",
    Codelijst.HOEDANIGHEID_NIET_BEROEPSMATIG: "hoedanigheid (niet beroepsmatig)",
    Codelijst.AARD: "aard van het geweld",
    Codelijst.VERVOLG_MELDING: "vervolg melding",
    Codelijst.UITKOMST_ONDERZOEK: "uitkomst onderzoek",
    Codelijst.VERVOLG_NA_ONDERZOEK: "vervolg na onderzoek",
}

HOEDANIGHEID_LIJSTEN = frozenset(
    {Codelijst.HOEDANIGHEID_BEROEPSMATIG, Codelijst.HOEDANIGHEID_NIET_BEROEPSMATIG}
)


@dataclass(frozen=True)
class Codelijsten:
    versie: str
    lijsten: Mapping[Codelijst, Mapping[str, str]]


def lees_codelijsten(tekst: str) -> Codelijsten:
    """Reads the JSON of the code lists; raises ValueError on a malformed list."""
    data = json.loads(tekst)
    if not isinstance(data, dict) or not isinstance(data.get("versie"), str):
        raise ValueError("codelijsten.json: verwacht een object met een ‘versie’.")
    lijsten: dict[Codelijst, Mapping[str, str]] = {}
    for lijst in Codelijst:
        ruw = data.get(lijst.value)
        if not isinstance(ruw, dict) or not ruw:
            raise ValueError(f"codelijsten.json: lijst ‘{lijst.value}’ ontbreekt of is leeg.")
        codes: dict[str, str] = {}
        for code, omschrijving in ruw.items():
            if not (isinstance(code, str) and code.isdigit() and isinstance(omschrijving, str)):
                raise ValueError(f"codelijsten.json: ongeldige code {code!r} in {lijst.value}.")
            codes[code] = omschrijving
        lijsten[lijst] = MappingProxyType(codes)
    return Codelijsten(versie=data["versie"], lijsten=MappingProxyType(lijsten))
