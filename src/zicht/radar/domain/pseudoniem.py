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

Pure Python: no Django, no clock.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final

__all__ = [
    "BSN_CONVENTIES",
    "VERSIE",
    "Kenmerken",
    "Pseudoniemen",
    "bsn_normaliseer",
    "naam_geboorte_invoer",
    "naam_normaliseer",
    "pseudoniemen",
]

VERSIE: Final = "v1"

#: BSN values the code lists use as conventions: they identify nobody.
BSN_CONVENTIES: Final = frozenset({"000000000", "999999999"})

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

_ZONDER_ACCENT: Final = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_SCHEIDINGSTEKENS: Final = str.maketrans("", "", " .-\u00a0")
_GEWICHTEN: Final = (9, 8, 7, 6, 5, 4, 3, 2, -1)


@dataclass(frozen=True, slots=True)
class Kenmerken:
    """What an organisation knows of a person, as typed."""

    bsn: str = ""
    voornamen: str = ""
    tussenvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: date | None = None


def bsn_normaliseer(waarde: str) -> str | None:
    """Nine digits when ``waarde`` is a usable BSN, otherwise None."""
    cijfers = waarde.translate(_SCHEIDINGSTEKENS)
    if len(cijfers) == 8:
        cijfers = "0" + cijfers
    if len(cijfers) != 9 or not cijfers.isascii() or not cijfers.isdigit():
        return None
    if cijfers in BSN_CONVENTIES:
        return None
    som = sum(int(c) * w for c, w in zip(cijfers, _GEWICHTEN, strict=True))
    if som % 11 != 0:
        return None
    return cijfers


def naam_normaliseer(tekst: str) -> str:
    """Lowercase ASCII letters only, accents stripped: ``"Ünal-Çelik"`` → ``"unalcelik"``."""
    lager = tekst.casefold().translate(_ZONDER_ACCENT)
    ontleed = unicodedata.normalize("NFKD", lager)
    return "".join(c for c in ontleed if "a" <= c <= "z")


def _achternaam_kern(tussenvoegsel: str, achternaam: str) -> str:
    woorden = f"{tussenvoegsel} {achternaam}".replace("’", "'").split()
    while len(woorden) > 1 and woorden[0].casefold() in TUSSENVOEGSELS_V1:
        woorden.pop(0)
    return naam_normaliseer(" ".join(woorden))


def naam_geboorte_invoer(kenmerken: Kenmerken) -> str | None:
    """``"j|berg|1985-03-07"`` — or None when the initial, the surname or a complete birth
    date is missing (a partial date would make different people equal)."""
    if kenmerken.geboortedatum is None:
        return None
    voornaam = naam_normaliseer(kenmerken.voornamen.split()[0]) if kenmerken.voornamen else ""
    achternaam = _achternaam_kern(kenmerken.tussenvoegsel, kenmerken.achternaam)
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
