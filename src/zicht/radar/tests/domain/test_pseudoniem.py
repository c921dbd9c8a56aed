"""Pseudonyms: the normalisation table of ADR 0005, and the keyed hash over it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest

from zicht.radar.domain.pseudoniem import (
    Kenmerken,
    bsn_normaliseer,
    naam_geboorte_invoer,
    naam_normaliseer,
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
    assert naam_normaliseer(invoer) == verwacht


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
