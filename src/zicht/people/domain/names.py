"""Normalised names and the blocking key for the earlier-involvement look-up.

Comparing every person with every other is a full scan; instead each person carries a
*blocking key*: the normalised surname plus the birth year (``"berg:1985"``). Candidates are
the persons with the same key (an indexed equality), and a later step can rank them by
similarity (see ``people.selectors``).

Normalising: lowercase, accents stripped (``é`` → ``e``, ``ø`` → ``o``), the *tussenvoegsel*
removed (also when it was typed into the surname: ``"van der Berg"`` → ``"berg"``), and
everything that is not a letter dropped (``"Jansen-de Vries"`` → ``"jansendevries"``).

Pure Python: no Django.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["TUSSENVOEGSELS", "achternaam_kern", "naam_sleutel", "normaliseer", "zoeksleutel"]

#: Words that can precede a Dutch surname (a *tussenvoegsel*), lowercase, without accents.
TUSSENVOEGSELS: Final = frozenset(
    {
        "van", "de", "der", "den", "het", "'t", "t", "te", "ten", "ter", "in", "op", "aan",
        "bij", "onder", "over", "uit", "tot", "voor", "d'", "d", "la", "le", "l'", "l", "du",
        "des", "di", "da", "del", "della", "do", "dos", "das", "el", "al", "von", "vom", "zu",
        "zum", "zur", "auf", "y", "'s", "s", "thoe", "toe", "vd", "v/d",
    }
)  # fmt: skip

# Letters that NFKD does not decompose into a base letter plus an accent.
_ZONDER_ACCENT: Final = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def normaliseer(tekst: str) -> str:
    """Lowercase ASCII letters only, accents stripped: ``"Ünal-Çelik"`` → ``"unalcelik"``."""
    lager = tekst.casefold().translate(_ZONDER_ACCENT)
    ontleed = unicodedata.normalize("NFKD", lager)
    return "".join(c for c in ontleed if "a" <= c <= "z")


def naam_sleutel(achternaam: str, tussenvoegsel: str = "") -> str:
    """The normalised surname without its tussenvoegsel.

    Leading words of ``achternaam`` that are tussenvoegsels are dropped too, unless nothing
    would remain (someone called "Van" keeps it).
    """
    del tussenvoegsel  # never part of the key, whichever field it was typed in
    return achternaam_kern(achternaam)


def achternaam_kern(tekst: str, tussenvoegsels: frozenset[str] = TUSSENVOEGSELS) -> str:
    """``tekst`` normalised, without the leading words that are in ``tussenvoegsels``
    (unless nothing would remain). The list is an argument so that a caller whose keys must
    never change (radar's versioned pseudonyms) can pass a frozen copy."""
    woorden = tekst.replace("’", "'").split()
    while len(woorden) > 1 and woorden[0].casefold() in tussenvoegsels:
        woorden.pop(0)
    return normaliseer(" ".join(woorden))


def zoeksleutel(achternaam: str, tussenvoegsel: str, geboortejaar: int | None) -> str:
    """The blocking key: ``"<naam_sleutel>:<jaar>"``, with an empty year when it is unknown."""
    jaar = "" if geboortejaar is None else f"{geboortejaar:04d}"
    return f"{naam_sleutel(achternaam, tussenvoegsel)}:{jaar}"
