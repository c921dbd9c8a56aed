"""The scoring and blocking rules of the look-up (``people.selectors``), without a database —
except for the last test, which checks the exact look-up's ranking seam."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.people.domain.dates import PartialDate
from zicht.people.selectors import (
    DATUM_CONFLICT,
    DATUM_ONBEKEND,
    PostcodeFout,
    blokken_maken,
    datum_overeenkomst,
    gelijkenis_score,
    klank,
    naam_gelijkenis,
    persoon_find_candidates,
    postcode_normaliseren,
)
from zicht.people.tests.factories import PersoonFactory

P = PartialDate


@pytest.mark.parametrize(
    ("zoek", "kandidaat", "punten"),
    [
        (P(1985, 3, 12), P(1985, 3, 12), 100),  # the same full date
        (P(1985, 3, 12), P(1985, 3), 85),  # registered without a day
        (P(1985, 3), P(1985, 3, 12), 85),  # asked without a day
        (P(1985, 12, 3), P(1985, 3, 12), 80),  # day and month transposed
        (P(1985, 3, 12), P(1985), 75),  # registered with the year only
        (P(1985), P(1985, 3, 12), 75),  # asked with the year only
        (P(1986, 3, 12), P(1985, 3, 12), 70),  # year off by one, rest the same
        (P(1985, 3, 13), P(1985, 3, 12), 60),  # another day
        (P(1985, 4, 12), P(1985, 3, 12), 60),  # another month
        (None, P(1985, 3, 12), DATUM_ONBEKEND),  # nothing asked
        (P(1985, 3, 12), None, DATUM_ONBEKEND),  # nothing registered
        (P(1985, 4, 20), P(1985, 3, 12), 20),  # same year, month and day both different
        (P(1985, 4), P(1985, 3, 12), 20),  # same year, another month, a day unknown
        (P(1986, 4, 20), P(1985, 3, 12), 10),  # year off by one and more
        (P(1986), P(1985), 10),  # year off by one, nothing else known
        (P(1987, 3, 12), P(1985, 3, 12), DATUM_CONFLICT),  # two years apart: someone else
    ],
)
def test_birth_date_agreement(zoek, kandidaat, punten):
    assert datum_overeenkomst(zoek, kandidaat) == punten


@pytest.mark.parametrize(
    ("a", "b", "minimaal", "maximaal"),
    [
        (("Jansen", ""), ("Jansen", ""), 100, 100),  # the same
        (("de Vries", ""), ("Vries", "de"), 100, 100),  # tussenvoegsel in either field
        (("Terhorst", ""), ("Horst", "ter"), 100, 100),  # glued tussenvoegsel
        (("Ünal", ""), ("Unal", ""), 100, 100),  # accents do not count
        (("Janssen", ""), ("Jansen", ""), 95, 95),  # sounds the same (ss/s)
        (("Meyer", ""), ("Meijer", ""), 95, 95),  # ij/y
        (("Backer", ""), ("Bakker", ""), 95, 95),  # ck/kk
        (("Jansen", ""), ("Jansen-de Vries", ""), 90, 90),  # a part of a double surname
        (("Berg", ""), ("Bergkamp", ""), 60, 70),  # a longer name is another name
        (("Jansen", ""), ("Bakker", ""), 0, 40),  # different names
        (("", ""), ("Jansen", ""), 0, 0),  # nothing to compare
    ],
)
def test_name_similarity(a, b, minimaal, maximaal):
    assert minimaal <= naam_gelijkenis(*a, *b) <= maximaal


@pytest.mark.parametrize(
    ("naam", "vorm"),
    [
        ("meijer", "myer"),  # ij → y, then ey → y
        ("meyer", "myer"),
        ("meier", "myer"),  # ei → y
        ("bakker", "baker"),  # double letters collapse
        ("backer", "baker"),  # ck → k
        ("visser", "fiser"),  # v → f
        ("smid", "smit"),  # a final d sounds as t
        ("zwart", "swart"),  # z → s
    ],
)
def test_sounds_like(naam, vorm):
    assert klank(naam) == vorm


@pytest.mark.parametrize(
    ("kwargs", "score"),
    [
        ({"naam": 100, "datum": 100}, 99),  # a perfect fuzzy match stays below the BSN's 100
        ({"naam": 100, "datum": 100, "postcode_gelijk": True}, 99),  # capped
        ({"naam": 100, "datum": 75}, 90),  # 60 + 30
        ({"naam": 100, "datum": 75, "postcode_gelijk": True}, 99),  # + 10 → capped
        ({"naam": 100, "datum": DATUM_ONBEKEND}, 72),  # name only: just above 70
        ({"naam": 100, "datum": 100, "bsn_conflict": True}, 75),  # two different valid BSNs
        ({"naam": 100, "datum": DATUM_CONFLICT, "postcode_gelijk": True}, 40),  # someone else
        ({"naam": 0, "datum": 10, "bsn_conflict": True}, 0),  # never below 0
        ({"naam": 70, "datum": 100, "postcode_gelijk": True}, 50),  # another name, same day
        ({"naam": 75, "datum": 100}, 85),  # just alike enough: Smit/Smid-like
    ],
)
def test_score(kwargs, score):
    assert gelijkenis_score(**kwargs) == score


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [("1811ab", "1811 AB"), (" 1811 AB ", "1811 AB"), ("1811\u00a0ab", "1811 AB"), ("", "")],
)
def test_postcodes_are_normalised(tekst, verwacht):
    assert postcode_normaliseren(tekst) == verwacht


@pytest.mark.parametrize("tekst", ["1811", "0811 AB", "1811 A1", "18111 AB", "ABCD EF", "١٨١١AB"])
def test_bad_postcodes(tekst):
    with pytest.raises(PostcodeFout):
        postcode_normaliseren(tekst)


class TestBlokken:
    def test_keys_for_a_name_and_birth_date(self):
        blokken = blokken_maken(
            bsn="111 222 333", achternaam="ter Horst", geboortedatum=PartialDate(1985, 3, 12)
        )
        assert blokken.bsn == "111222333"
        assert blokken.namen == ("horst", "terhorst")
        # years -1, 0, +1 and "unknown", for both spellings
        assert "horst:1984" in blokken.zoeksleutels
        assert "terhorst:1986" in blokken.zoeksleutels
        assert "horst:" in blokken.zoeksleutels
        assert len(blokken.zoeksleutels) == 8
        assert blokken.jaar == 1985
        assert ("hor", "hos") in blokken.prefix_bereiken

    def test_spelling_variants_widen_the_prefixes(self):
        blokken = blokken_maken(achternaam="Meyer", geboortedatum=PartialDate(1978))
        assert {"mey", "mei"} <= {van for van, _ in blokken.prefix_bereiken}
        schouten = blokken_maken(achternaam="Schouten", geboortedatum=PartialDate(1978))
        assert "skh" not in {van for van, _ in schouten.prefix_bereiken}  # "sch" stays

    def test_prefix_ranges_use_letters_only(self):
        # "jaz…" ends below "jb"; "zzz…" has no upper bound
        assert ("jaz", "jb") in blokken_maken(
            achternaam="Jazz", geboortedatum=PartialDate(1990)
        ).prefix_bereiken
        assert ("zzz", None) in blokken_maken(
            achternaam="Zzzap", geboortedatum=PartialDate(1990)
        ).prefix_bereiken

    @pytest.mark.parametrize(
        ("datum", "datums"),
        [
            (P(1985, 3, 12), (date(1985, 3, 12), date(1985, 12, 3))),  # and transposed
            (P(1985, 3, 13), (date(1985, 3, 13),)),  # 13 cannot be a month
            (P(1985, 3, 3), (date(1985, 3, 3),)),  # transposed is the same day
            (P(1985, 3), ()),  # only complete dates are a key
            (P(1985), ()),
        ],
    )
    def test_complete_birth_dates_are_a_key_of_their_own(self, datum, datums):
        assert blokken_maken(achternaam="Jansen", geboortedatum=datum).datums == datums

    def test_typos_in_the_first_letters_widen_the_prefixes(self):
        def prefixen(naam):
            blokken = blokken_maken(achternaam=naam, geboortedatum=P(1985))
            return {van for van, _ in blokken.prefix_bereiken}

        assert "jan" in prefixen("Jnasen")  # swapped back
        assert "jan" in prefixen("Jaansen")  # the extra letter dropped
        assert "es" in prefixen("Ess")  # a short name: van Es typed as "Ess"
        # with a complete birth date the birth-date branch covers these: own prefix only
        volledig = blokken_maken(achternaam="Jnasen", geboortedatum=P(1985, 3, 12))
        assert {van for van, _ in volledig.prefix_bereiken} == {"jna"}

    def test_glued_tussenvoegsels_are_split_off(self):
        assert blokken_maken(achternaam="Vanderberg").namen == ("berg", "derberg", "vanderberg")
        assert blokken_maken(achternaam="Devries").namen == ("devries", "vries")
        assert blokken_maken(achternaam="Dekker").namen == ("dekker", "kker")  # harmless probe

    def test_without_a_date_only_names(self):
        blokken = blokken_maken(achternaam="Jansen")
        assert blokken.namen == ("jansen",)
        assert blokken.zoeksleutels == ()
        assert blokken.prefix_bereiken == ()
        assert blokken.jaar is None

    @pytest.mark.parametrize("bsn", ["000000000", "999999999", "123456789", "", None, "abc"])
    def test_conventions_and_invalid_bsns_are_no_key(self, bsn):
        blokken = blokken_maken(bsn=bsn)
        assert blokken.bsn is None
        assert blokken.leeg


# --- properties ----------------------------------------------------------------------------

namen = st.sampled_from(
    ["Jansen", "Janssen", "de Vries", "Vries", "Meijer", "Meyer", "Bakker", "ter Horst",
     "Jansen-de Vries", "Smit", "Smid", "van den Berg", "Bergkamp", "Ünal", "O'Brien", "Li"]
)  # fmt: skip
datums = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1950, 2020)),
    st.builds(PartialDate, st.integers(1950, 2020), st.integers(1, 12)),
    st.builds(PartialDate, st.integers(1950, 2020), st.integers(1, 12), st.integers(1, 28)),
)


@given(naam=namen, datum=datums, ander=namen, andere_datum=datums, postcode=st.booleans())
def test_nobody_scores_higher_than_the_person_itself(naam, datum, ander, andere_datum, postcode):
    zelf = gelijkenis_score(
        naam=naam_gelijkenis(naam, "", naam, ""),
        datum=datum_overeenkomst(datum, datum),
        postcode_gelijk=postcode,
    )
    iemand = gelijkenis_score(
        naam=naam_gelijkenis(naam, "", ander, ""),
        datum=datum_overeenkomst(datum, andere_datum),
        postcode_gelijk=postcode,
    )
    assert zelf >= iemand
    assert zelf >= 70  # always proposed


@given(a=namen, b=namen, d=datums, e=datums)
def test_similarity_is_symmetric(a, b, d, e):
    assert naam_gelijkenis(a, "", b, "") == naam_gelijkenis(b, "", a, "")
    assert datum_overeenkomst(d, e) == datum_overeenkomst(e, d)


@pytest.mark.django_db
def test_the_exact_lookup_ranks_by_similarity_within_its_key():
    # given two Jansens of 1985, the vaguer one registered first
    maart = PersoonFactory(
        achternaam="Jansen", geboortedatum_jaar=1985, geboortedatum_maand=3, geboortedatum_dag=None
    )
    precies = PersoonFactory(
        achternaam="Jansen", geboortedatum_jaar=1985, geboortedatum_maand=3, geboortedatum_dag=12
    )
    # when asking for 12-03-1985, the exact date ranks first
    rijen = persoon_find_candidates(achternaam="Jansen", geboortedatum=PartialDate(1985, 3, 12))
    assert [r.pk for r in rijen] == [precies.pk, maart.pk]
