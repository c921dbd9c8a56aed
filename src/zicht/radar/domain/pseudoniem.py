"""Pseudonyms for the radar register (ADR 0005).

Every organisation derives the same pseudonym for the same person with HMAC-SHA-256 under a
key that the organisations share and the register never sees. The input is normalised first
so that two organisations that typed the person differently still agree:

* **BSN** — separators dropped (``123.456.782``), an 8-digit BSN padded with a leading zero,
  the elfproef must hold, and the code-list conventions (``000000000`` onbekend, ``999999999``
  ongeboren) are no identifier at all.
* **Name and birth date** (always derived when complete, also next to a BSN, so that an
  organisation without the BSN still matches) — the *initial* of the first given name, the
  surname without tussenvoegsels (also when typed into the surname field) reduced to ASCII
  letters, and the complete birth date.

Both inputs carry a version and a kind (``zicht-radar/v1/bsn:``), so that a later change of
normalisation is a new version, never a silent change of existing pseudonyms.

The parsing and normalising themselves are people's (``zicht.people.domain``: the BSN value
object with its elfproef and code-list conventions, ``normaliseer`` and ``achternaam_kern``);
only the tussenvoegsel list is radar's own, frozen per version, because the look-up's list may
grow but a pseudonym may not change.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import Final

from zicht.people.domain.bsn import BSN, BsnFout
from zicht.people.domain.names import achternaam_kern, normaliseer

__all__ = [
    "VERSIE",
    "Kenmerken",
    "Pseudoniemen",
    "bsn_normaliseer",
    "naam_geboorte_invoer",
    "pseudoniemen",
]

VERSIE: Final = "v1"

#: Words that may precede a Dutch surname; dropped from the front of the surname. Frozen for
#: version v1 (a change here changes pseudonyms: it needs a new VERSIE).
TUSSENVOEGSELS_V1: Final = frozenset(
    {
        "van", "de", "der", "den", "het", "'t", "t", "te", "ten", "ter", "in", "op", "aan",
        "bij", "onder", "over", "uit", "tot", "voor", "d'", "d", "la", "le", "l'", "l", "du",
        "des", "di", "da", "del", "della", "do", "dos", "das", "el", "al", "von", "vom", "zu",
        "zum", "zur", "auf", "y", "'s", "s", "vd", "v/d",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Kenmerken:
    """What an organisation knows of a person, as typed."""

    bsn: str = ""
    voornamen: str = ""
    tussenvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: date | None = None


def bsn_normaliseer(waarde: str) -> str | None:
    """Nine digits when ``waarde`` is a usable BSN, otherwise None.

    ``BSN.parse`` drops the separators and checks the elfproef; an 8-digit BSN (its leading
    zero lost in a spreadsheet) is tried once more with the zero; a code-list convention
    identifies nobody."""
    for kandidaat in (waarde, "0" + waarde):
        try:
            bsn = BSN.parse(kandidaat)
        except BsnFout:
            continue
        return None if bsn.is_convention else bsn.waarde
    return None


def naam_geboorte_invoer(kenmerken: Kenmerken) -> str | None:
    """``"j|berg|1985-03-07"`` — or None when the initial, the surname or a complete birth
    date is missing (a partial date would make different people equal)."""
    if kenmerken.geboortedatum is None:
        return None
    voornaam = normaliseer(kenmerken.voornamen.split()[0]) if kenmerken.voornamen else ""
    achternaam = achternaam_kern(
        f"{kenmerken.tussenvoegsel} {kenmerken.achternaam}", TUSSENVOEGSELS_V1
    )
    if not voornaam or not achternaam:
        return None
    return f"{voornaam[0]}|{achternaam}|{kenmerken.geboortedatum.isoformat()}"


def _hmac(sleutel: bytes, soort: str, invoer: str) -> str:
    bericht = f"zicht-radar/{VERSIE}/{soort}:{invoer}".encode()
    return hmac.new(sleutel, bericht, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Pseudoniemen:
    """A person's pseudonyms (64 hex characters each), None where it cannot be derived."""

    bsn: str | None
    ngd: str | None

    @property
    def alle(self) -> tuple[str, ...]:
        return tuple(p for p in (self.bsn, self.ngd) if p is not None)


def pseudoniemen(sleutel: bytes, kenmerken: Kenmerken) -> Pseudoniemen:
    """The person's pseudonyms: from the BSN and from name plus birth date, whichever can be
    derived; both None when neither can (such a person is not registered)."""
    if len(sleutel) < 32:
        raise ValueError("De pseudoniemsleutel moet minstens 32 bytes lang zijn.")
    bsn = bsn_normaliseer(kenmerken.bsn)
    ngd = naam_geboorte_invoer(kenmerken)
    return Pseudoniemen(
        bsn=None if bsn is None else _hmac(sleutel, "bsn", bsn),
        ngd=None if ngd is None else _hmac(sleutel, "ngd", ngd),
    )
