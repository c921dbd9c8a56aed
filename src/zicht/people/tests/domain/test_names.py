"""Normalised names and the blocking key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.people.domain.names import naam_sleutel, normaliseer, zoeksleutel


@pytest.mark.parametrize(
    ("achternaam", "tussenvoegsel", "sleutel"),
    [
        ("Berg", "van der", "berg"),  # tussenvoegsel in zijn eigen veld
        ("van der Berg", "", "berg"),  # tussenvoegsel in de achternaam getypt
        ("Van Der Berg", "", "berg"),  # hoofdletters maken niet uit
        ("Berg", "", "berg"),
        ("Ünal-Çelik", "", "unalcelik"),  # accenten weg, streepje weg
        ("Jansen-de Vries", "", "jansendevries"),  # dubbele naam: tussenvoegsel binnenin blijft
        ("Søndergård", "", "sondergard"),  # ø kent geen NFKD-ontleding
        ("'t Hart", "", "hart"),
        ("’t Hart", "", "hart"),  # typografische apostrof
        ("Van", "", "van"),  # niets zou overblijven: de naam zelf blijft
        ("d'Ancona", "", "dancona"),  # aaneengeschreven: geen los tussenvoegsel
        ("  El   Amrani ", "", "amrani"),
    ],
)
def test_surname_key(achternaam, tussenvoegsel, sleutel):
    assert naam_sleutel(achternaam, tussenvoegsel) == sleutel


@pytest.mark.parametrize(
    ("args", "sleutel"),
    [
        (("Berg", "van der", 1985), "berg:1985"),
        (("de Groot", "", 2019), "groot:2019"),
        (("Jansen", "", None), "jansen:"),  # jaar onbekend (ongeboren)
    ],
)
def test_blocking_key(args, sleutel):
    assert zoeksleutel(*args) == sleutel


@given(st.text())
def test_normalised_text_is_lowercase_ascii_letters(tekst):
    assert all("a" <= c <= "z" for c in normaliseer(tekst))


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=1))
def test_normalising_is_idempotent(tekst):
    once = normaliseer(tekst)
    assert normaliseer(once) == once
