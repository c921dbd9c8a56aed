"""Pseudonyms: the normalisation table of ADR 0005, and the keyed hash over it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest

from zicht.people.domain.names import normaliseer
from zicht.radar.domain.pseudoniem import (
    Kenmerken,
    bsn_normaliseer,
    naam_geboorte_invoer,
    pseudoniemen,
)

SLEUTEL = bytes(range(32))
ANDERE_SLEUTEL = bytes(range(1, 33))


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("111222333", "111222333"),  # valid as typed
        ("111.222.333", "111222333"),  # dots typed in
        ("111 222 333", "111222333"),  # spaces typed in
        ("111-222-333", "111222333"),  # dashes typed in
        ("12345672", "012345672"),  # an old 8-digit BSN: leading zero restored
        ("111222334", None),  # elfproef fails
        ("000000000", None),  # code-list convention "onbekend": identifies nobody
        ("999999999", None),  # code-list convention "ongeboren"
        ("", None),  # none at all
        ("1112223330", None),  # ten digits
        ("11122233a", None),  # a letter
        ("١١١٢٢٢٣٣٣", None),  # non-ASCII digits
    ],
)
def test_bsn_normaliseren(invoer: str, verwacht: str | None) -> None:
    assert bsn_normaliseer(invoer) == verwacht


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("Ünal-Çelik", "unalcelik"),  # accents and hyphen
        ("Jansen-de Vries", "jansendevries"),  # double name kept whole
        ("Ødegård", "odegard"),  # ø is not decomposed by NFKD
        ("D'Hondt", "dhondt"),  # apostrophe dropped
        ("  MÜLLER ", "muller"),  # case and spaces
    ],
)
def test_naam_normaliseren(invoer: str, verwacht: str) -> None:
    # people's normalisation, which the v1 pseudonyms depend on: it may not change.
    assert normaliseer(invoer) == verwacht


GD = date(2015, 4, 3)


@pytest.mark.parametrize(
    ("kenmerken", "verwacht"),
    [
        # initial of the first given name | surname without tussenvoegsel | full birth date
        (Kenmerken(voornamen="Sanne Maria", achternaam="Vries", tussenvoegsel="de",
                   geboortedatum=GD), "s|vries|2015-04-03"),
        # tussenvoegsel typed into the surname field: same key
        (Kenmerken(voornamen="Sanne", achternaam="de Vries", geboortedatum=GD),
         "s|vries|2015-04-03"),
        # initials only, lowercase: same key
        (Kenmerken(voornamen="s.", achternaam="DE VRIES", geboortedatum=GD),
         "s|vries|2015-04-03"),
        # "van der" in front
        (Kenmerken(voornamen="Jan", achternaam="van der Berg", geboortedatum=GD),
         "j|berg|2015-04-03"),
        # someone called "Van": kept when nothing else would remain
        (Kenmerken(voornamen="Jan", achternaam="Van", geboortedatum=GD), "j|van|2015-04-03"),
        # accents in the given name
        (Kenmerken(voornamen="Émile", achternaam="Dupont", geboortedatum=GD),
         "e|dupont|2015-04-03"),
        # no birth date, no given name, no surname: no key
        (Kenmerken(voornamen="Jan", achternaam="Berg"), None),
        (Kenmerken(achternaam="Berg", geboortedatum=GD), None),
        (Kenmerken(voornamen="Jan", geboortedatum=GD), None),
        # a given name of punctuation only
        (Kenmerken(voornamen="-", achternaam="Berg", geboortedatum=GD), None),
    ],
)  # fmt: skip
def test_naam_geboorte_invoer(kenmerken: Kenmerken, verwacht: str | None) -> None:
    assert naam_geboorte_invoer(kenmerken) == verwacht


def _hmac(tekst: str, sleutel: bytes = SLEUTEL) -> str:
    return hmac.new(sleutel, tekst.encode(), hashlib.sha256).hexdigest()


def test_pseudoniemen_zijn_hmac_over_versie_soort_en_invoer() -> None:
    p = pseudoniemen(
        SLEUTEL,
        Kenmerken(bsn="111.222.333", voornamen="Sanne", achternaam="de Vries", geboortedatum=GD),
    )
    # Computed here independently: a change of the scheme must be a new version.
    assert p.bsn == _hmac("zicht-radar/v1/bsn:111222333")
    assert p.ngd == _hmac("zicht-radar/v1/ngd:s|vries|2015-04-03")
    assert p.alle == (p.bsn, p.ngd)
    assert len(p.bsn) == 64


def test_twee_organisaties_die_anders_typen_krijgen_hetzelfde_pseudoniem() -> None:
    noord = Kenmerken(bsn="111222333", voornamen="Sanne", tussenvoegsel="de", achternaam="Vries",
                      geboortedatum=GD)  # fmt: skip
    zuid = Kenmerken(bsn="111 222 333", voornamen="S.", achternaam="de vries", geboortedatum=GD)
    assert pseudoniemen(SLEUTEL, noord) == pseudoniemen(SLEUTEL, zuid)


def test_andere_sleutel_ander_pseudoniem() -> None:
    k = Kenmerken(bsn="111222333")
    assert pseudoniemen(SLEUTEL, k).bsn != pseudoniemen(ANDERE_SLEUTEL, k).bsn


def test_zonder_bruikbare_gegevens_geen_pseudoniem() -> None:
    p = pseudoniemen(SLEUTEL, Kenmerken(bsn="000000000", voornamen="Piet", achternaam="Jansen"))
    assert (p.bsn, p.ngd, p.alle) == (None, None, ())


def test_te_korte_sleutel_wordt_geweigerd() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        pseudoniemen(b"kort", Kenmerken(bsn="111222333"))


# Computed with the scheme before it used people.domain (key bytes(range(32))): these exact
# pseudonyms are registered already, so they may never shift (ADR 0005).
GEPINDE_PSEUDONIEMEN = [
    (Kenmerken(bsn="111222333", voornamen="Sanne Maria", tussenvoegsel="de", achternaam="Vries",
               geboortedatum=GD),
     "8599117dce9e2bd174340bb5a3a25dee7ce9e1441ba61831fe0441d222073847",
     "7bc26882befaa7335ac358eba4e25a643f1f8cc00e70197ac9b5c7ed2dc2b31a"),
    # 8-digit BSN; accents, ø and a double surname
    (Kenmerken(bsn="12345672", voornamen="Émile", achternaam="Ødegård-Dupont",
               geboortedatum=date(1985, 3, 7)),
     "acdd88a0a62c80429b8bb10f8a0c4664dda03a326cd42043e4ea70ac34a26719",
     "90e456cd316c835bd935f10320b39ae66a20af38f8f9d1c7d2af2baa8d3cc77d"),
    # dotted BSN; someone called "Van"
    (Kenmerken(bsn="123.456.782", voornamen="Jan", achternaam="Van",
               geboortedatum=date(2001, 12, 31)),
     "766cba76816a43a53e65ca3e79d958bcc974986bbc6852916b46e26c7f4e4868",
     "a7edfc9acf5685079542cbffae23b5624615e1386166897fa2550501f05ca4d1"),
    # "toe" is a tussenvoegsel for the look-up, but not in the frozen v1 list: kept
    (Kenmerken(voornamen="Kees", tussenvoegsel="toe", achternaam="Water",
               geboortedatum=date(1990, 1, 1)),
     None,
     "7fc1eef66fafd7250f4da9162652d338ae65868768cf972a6da19b75c0169000"),
    # only a tussenvoegsel: it stays the surname
    (Kenmerken(voornamen="Ali", tussenvoegsel="van", achternaam="", geboortedatum=date(1990, 1, 1)),
     None,
     "11b9bb47d4156cf36615ff52bc16cc5d5084dd7bbb427dd9d2beb84dd4ed92e2"),
    # convention "ongeboren": no BSN pseudonym; curly apostrophe in the surname
    (Kenmerken(bsn="999999999", voornamen="Ünal", achternaam="d’Hondt",
               geboortedatum=date(2020, 2, 29)),
     None,
     "2ae9db22971e4a232b2971b6084528f4383b750c9cbcc0d631a18cbaf8e625fc"),
]  # fmt: skip


@pytest.mark.parametrize(("kenmerken", "bsn", "ngd"), GEPINDE_PSEUDONIEMEN)
def test_bestaande_pseudoniemen_verschuiven_niet(
    kenmerken: Kenmerken, bsn: str | None, ngd: str
) -> None:
    p = pseudoniemen(bytes(range(32)), kenmerken)
    assert (p.bsn, p.ngd) == (bsn, ngd)
