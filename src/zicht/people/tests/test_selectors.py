"""The candidate look-up for earlier involvement, and gemeenten over mergers."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.people.domain.dates import PartialDate
from zicht.people.models import Gemeente
from zicht.people.selectors import gemeente_actueel, persoon_find_candidates
from zicht.people.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db


class TestCandidates:
    def test_exact_bsn_match_comes_first_and_is_masked(self):
        # given a person with a BSN and a namesake born the same year
        zelfde = PersoonFactory(bsn="111222333", achternaam="Berg", geboortedatum_jaar=1985)
        naamgenoot = PersoonFactory(achternaam="van den Berg", geboortedatum_jaar=1985)
        PersoonFactory(achternaam="Berg", geboortedatum_jaar=1990)  # other year: no candidate
        # when searching by BSN and name + birth date
        rijen = persoon_find_candidates(
            bsn="111 222 333",
            achternaam="Berg",
            geboortedatum=PartialDate(1985),
        )
        # then the BSN match comes first, then the blocking-key match
        assert [r.pk for r in rijen] == [zelfde.pk, naamgenoot.pk]
        assert [r.reden for r in rijen] == ["bsn", "naam_geboortedatum"]
        assert rijen[0].bsn_gemaskeerd == "******333"

    @pytest.mark.parametrize("bsn", ["000000000", "999999999", "123456789", ""])
    def test_conventions_and_invalid_bsns_never_match(self, bsn):
        PersoonFactory(bsn=bsn if bsn in {"000000000", "999999999"} else "111222333")
        assert persoon_find_candidates(bsn=bsn) == []

    def test_a_full_birth_date_narrows_within_the_key(self):
        # given three Jansens of 1985: 12 March, March (day unknown), 1 April
        maart12 = PersoonFactory(
            achternaam="Jansen",
            geboortedatum_jaar=1985,
            geboortedatum_maand=3,
            geboortedatum_dag=12,
        )
        maart = PersoonFactory(
            achternaam="Jansen",
            geboortedatum_jaar=1985,
            geboortedatum_maand=3,
            geboortedatum_dag=None,
        )
        PersoonFactory(
            achternaam="Jansen",
            geboortedatum_jaar=1985,
            geboortedatum_maand=4,
            geboortedatum_dag=1,
        )
        # when looking for Jansen born 12-03-1985
        rijen = persoon_find_candidates(achternaam="jansen", geboortedatum=date(1985, 3, 12))
        # then only the compatible dates are candidates
        assert {r.pk for r in rijen} == {maart12.pk, maart.pk}
        assert rijen[0].geboortedatum in {PartialDate(1985, 3, 12), PartialDate(1985, 3)}

    def test_surname_only_uses_the_name_key(self):
        a = PersoonFactory(achternaam="de Vries", geboortedatum_jaar=1970)
        b = PersoonFactory(achternaam="Vries", tussenvoegsel="de", geboortedatum_jaar=2001)
        PersoonFactory(achternaam="Vriesman")
        rijen = persoon_find_candidates(achternaam="De Vries")
        assert {r.pk for r in rijen} == {a.pk, b.pk}
        assert {r.reden for r in rijen} == {"naam"}
        assert rijen[0].naam

    def test_limit_bounds_the_rows(self):
        for _ in range(5):
            PersoonFactory(achternaam="Bakker", geboortedatum_jaar=1980, alleen_jaar=True)
        assert len(persoon_find_candidates(achternaam="Bakker", limit=3)) == 3
        assert persoon_find_candidates(achternaam="Bakker", limit=0) == []
        assert persoon_find_candidates(achternaam="   ") == []
        assert persoon_find_candidates(achternaam="---") == []  # nothing left after normalising

    def test_lookups_use_an_index_not_a_full_scan(self):
        PersoonFactory(achternaam="Visser", geboortedatum_jaar=1980)
        with CaptureQueriesContext(connection) as queries:
            persoon_find_candidates(
                bsn="111222333", achternaam="Visser", geboortedatum=PartialDate(1980)
            )
        assert len(queries) == 2
        for query in queries.captured_queries:
            sql = query["sql"]
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                    plan = " ".join(str(row[-1]) for row in cursor.fetchall())
                    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
                    assert "SCAN people_persoon" not in plan, plan
                else:
                    cursor.execute("SET enable_seqscan = off")
                    cursor.execute(f"EXPLAIN {sql}")
                    plan = " ".join(row[0] for row in cursor.fetchall())
                    cursor.execute("SET enable_seqscan = on")
                    assert "Seq Scan" not in plan, plan


class TestGemeenten:
    def test_the_data_migration_loaded_the_region(self):
        assert Gemeente.objects.count() == 19
        assert Gemeente.objects.get(pk="GM0361").naam == "Alkmaar"
        assert Gemeente.objects.get(pk="GM0398").opgevolgd_door_id == "GM1980"

    @pytest.mark.parametrize(
        ("code", "op", "verwacht"),
        [
            ("GM0398", date(2021, 12, 31), "GM0398"),  # Heerhugowaard, laatste dag
            ("GM0398", date(2022, 1, 1), "GM1980"),  # daarna Dijk en Waard
            ("GM0416", date(2023, 6, 1), "GM1980"),  # Langedijk idem
            ("gm0416", date(2020, 6, 1), "GM0416"),  # kleine letters, vóór de fusie
            ("GM1980", date(2023, 6, 1), "GM1980"),  # opvolger zelf
            ("GM0361", date(2030, 1, 1), "GM0361"),  # Alkmaar, nooit gefuseerd
        ],
    )
    def test_mergers_are_followed(self, code, op, verwacht):
        assert gemeente_actueel(code, op).cbs_code == verwacht

    def test_a_chain_of_mergers_is_followed_to_the_end(self):
        # given a (fictional) later merger of Dijk en Waard into a new gemeente
        nieuw = Gemeente.objects.create(cbs_code="GM9999", naam="Nieuwgemeente")
        Gemeente.objects.filter(pk="GM1980").update(
            geldig_tot=date(2029, 12, 31), opgevolgd_door=nieuw
        )
        assert gemeente_actueel("GM0398", date(2030, 1, 1)).cbs_code == "GM9999"
        assert gemeente_actueel("GM0398", date(2025, 1, 1)).cbs_code == "GM1980"

    def test_a_cycle_in_the_data_stops(self):
        Gemeente.objects.filter(pk="GM1980").update(
            geldig_tot=date(2029, 12, 31), opgevolgd_door="GM0398"
        )
        assert gemeente_actueel("GM0398", date(2030, 1, 1)).cbs_code in {"GM0398", "GM1980"}

    def test_unknown_code(self):
        with pytest.raises(Gemeente.DoesNotExist):
            gemeente_actueel("GM0000", date(2020, 1, 1))
