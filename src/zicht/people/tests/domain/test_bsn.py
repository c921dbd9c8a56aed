"""The BSN value object: elfproef, conventions, masking, the synthetic generator."""

from __future__ import annotations

import json
import random
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.people.domain.bsn import (
    BSN,
    STANDAARD_CONVENTIES,
    BsnConventies,
    BsnFout,
    elfproef,
    generate_bsn,
    mask_bsn,
)

ELFPROEF = "Het BSN voldoet niet aan de elfproef."
LENGTE = "Een BSN bestaat uit 9 cijfers."


@pytest.mark.parametrize(
    ("tekst", "waarde", "conventie"),
    [
        # 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−1·3 = 66 = 6·11 → geldig
        ("111222333", "111222333", None),
        # 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−1·2 = 154 = 14·11 → geldig
        ("123456782", "123456782", None),
        # scheidingstekens zoals mensen ze typen worden genegeerd
        ("123.456.782", "123456782", None),
        ("123 456 782", "123456782", None),
        ("  123-456-782 ", "123456782", None),
        # een voorloopnul hoort bij het nummer: 8·1 − 1·8 = 0 → geldig
        ("010000008", "010000008", None),
        # conventie van de codelijsten: BSN onbekend
        ("000000000", "000000000", "onbekend"),
        # conventie: ongeboren kind (zakt voor de elfproef, maar is toegestaan als conventie)
        ("999999999", "999999999", "ongeboren"),
    ],
)
def test_valid_bsn_and_conventions_are_accepted(tekst, waarde, conventie):
    # given a typed BSN / when it is parsed
    bsn = BSN.parse(tekst)
    # then the value is the nine digits, and a convention is flagged
    assert bsn.waarde == waarde
    assert str(bsn) == waarde
    assert bsn.conventie == conventie
    assert bsn.is_convention is (conventie is not None)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        # 123456789: som 9+16+21+24+25+24+21+16−9 = 147, 147 mod 11 = 4 → elfproef faalt
        ("123456789", ELFPROEF),
        # één cijfer anders dan het geldige 111222333
        ("111222334", ELFPROEF),
        # twee cijfers verwisseld in 123456782 → 213456782: som 155 → faalt
        ("213456782", ELFPROEF),
        # te kort, te lang, leeg
        ("12345678", LENGTE),
        ("1234567890", LENGTE),
        ("", LENGTE),
        # letters of andere cijfersystemen zijn geen cijfers
        ("12345678a", LENGTE),
        ("١٢٣٤٥٦٧٨٢", LENGTE),  # Arabisch-Indische cijfers
    ],
)
def test_invalid_bsn_is_refused_with_a_dutch_message(tekst, melding):
    with pytest.raises(BsnFout) as fout:
        BSN.parse(tekst)
    assert fout.value.bericht == melding


def test_all_zeros_is_not_a_bsn_when_it_is_no_convention():
    # given conventions without "onbekend" / then 000000000 (weighted sum 0) is refused
    zonder = BsnConventies({"999999999": "ongeboren"})
    with pytest.raises(BsnFout, match="elfproef"):
        BSN.parse("000000000", conventies=zonder)


def test_conventions_come_from_the_shipped_code_list_data():
    data = json.loads(
        resources.files("zicht.people").joinpath("data/conventies.json").read_text("utf-8")
    )
    assert dict(STANDAARD_CONVENTIES.waarden) == data["bsn"]
    assert STANDAARD_CONVENTIES.betekenis("000000000") == "onbekend"
    assert STANDAARD_CONVENTIES.betekenis("999999999") == "ongeboren"


@pytest.mark.parametrize(
    "tekst",
    [
        '{"bsn": ["000000000"]}',  # geen object
        '{"bsn": {"12": "kort"}}',  # geen 9 cijfers
    ],
)
def test_malformed_convention_data_is_refused(tekst):
    with pytest.raises(ValueError, match=r"conventies\.json"):
        BsnConventies.from_json(tekst)


def test_convention_data_without_bsn_section_has_no_conventions():
    assert BsnConventies.from_json("{}").waarden == {}


@pytest.mark.parametrize(
    ("waarde", "gemaskeerd"),
    [
        ("123456782", "******782"),  # alleen de laatste drie cijfers zichtbaar
        ("", ""),  # leeg blijft leeg
        ("12", "**"),  # te kort om iets te tonen
    ],
)
def test_masking_shows_only_the_last_three_digits(waarde, gemaskeerd):
    assert mask_bsn(waarde) == gemaskeerd


def test_repr_never_shows_the_full_number():
    assert repr(BSN.parse("123456782")) == "BSN('******782')"
    assert BSN.parse("123456782").masked == "******782"


def test_equal_numbers_are_equal_values():
    assert BSN.parse("123.456.782") == BSN.parse("123456782")


@given(st.randoms(use_true_random=False))
def test_generated_bsns_always_pass_the_elfproef(rng):
    bsn = generate_bsn(rng)
    assert elfproef(bsn.waarde)
    assert not bsn.is_convention
    assert bsn.waarde[0] != "0"
    assert BSN.parse(bsn.waarde) == bsn


@given(
    st.randoms(use_true_random=False),
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=1, max_value=9),
)
def test_changing_a_single_digit_always_fails_the_elfproef(rng, positie, verschil):
    # given a valid BSN
    waarde = generate_bsn(rng).waarde
    # when one digit is changed (by 1..9, modulo 10)
    cijfers = list(waarde)
    cijfers[positie] = str((int(cijfers[positie]) + verschil) % 10)
    veranderd = "".join(cijfers)
    # then the elfproef fails: every weight is coprime with 11
    assert not elfproef(veranderd)
    # and parsing refuses it, unless it happens to be one of the conventions
    if STANDAARD_CONVENTIES.betekenis(veranderd) is None:
        with pytest.raises(BsnFout, match="elfproef"):
            BSN.parse(veranderd)


def test_generator_is_deterministic_for_a_seed():
    eerste = [generate_bsn(random.Random(42)).waarde for _ in range(3)]
    tweede = [generate_bsn(random.Random(42)).waarde for _ in range(3)]
    assert eerste == tweede


class _Vast:
    """An rng that first yields digits giving check digit 10, then a valid set."""

    def __init__(self, reeksen):
        self._waarden = iter(x for reeks in reeksen for x in reeks)

    def randrange(self, start, stop):
        return next(self._waarden)


def test_generator_retries_when_the_check_digit_would_be_ten():
    # 10000001·: som = 9·1 + 2·1 = 11 → laatste 0; 1000000 3: 9+6 = 15 → 15 mod 11 = 4
    # 1 0000 00 5: 9 + 2·5 = 19 → 19 mod 11 = 8; need som ≡ 10: 9 + 2·... = 10+11k
    # 1 0000 0 1 0: 9 + 3·1 = 12 → 1 ; 1 0 0 0 0 0 0 7: 9 + 14 = 23 → 1
    # 2 0 0 0 0 0 0 1: 18 + 2 = 20 → 9; 1 0 0 0 0 1 0 0: 9 + 4 = 13 → 2
    # 3 0 0 0 0 0 0 0: 27 → 5;  1 1 0 0 0 0 0 0: 9 + 8 = 17 → 6; 1 0 1 0 0 0 0 4: 9+7+8=24 → 2
    # 1 0 0 0 0 0 0 6: 9 + 12 = 21 → 10 → retry
    tien = [1, 0, 0, 0, 0, 0, 0, 6]
    goed = [1, 1, 1, 2, 2, 2, 3, 3]  # → 111222333
    assert generate_bsn(_Vast([tien, goed])).waarde == "111222333"


def test_generator_skips_a_convention():
    # a data set that declares 111222333 a convention forces one retry
    conventies = BsnConventies({"111222333": "test"})
    goed = [1, 2, 3, 4, 5, 6, 7, 8]  # → 123456782
    bsn = generate_bsn(_Vast([[1, 1, 1, 2, 2, 2, 3, 3], goed]), conventies=conventies)
    assert bsn.waarde == "123456782"
