"""The look-up never scans a table: every query it runs is answered through an index.

Checked on a register of a few thousand persons (with addresses and casussen) after
``ANALYZE``, with sequential scans *allowed* — so the planner picks the index because it is
cheaper, not because it was forced to. PostgreSQL: ``EXPLAIN`` must show an Index or Bitmap
Index Scan on the blocking indexes and no Seq Scan on the big tables. SQLite: ``EXPLAIN QUERY
PLAN`` must say ``USING INDEX`` and never ``SCAN`` a big table.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.accounts.permissions import Perm
from zicht.casework.models import Betrokkene, Casus
from zicht.casework.tests.factories import TeamFactory
from zicht.intake.lookup import eerdere_betrokkenheid_zoeken
from zicht.people.domain.bsn import generate_bsn
from zicht.people.domain.dates import PartialDate
from zicht.people.models import Adres, Persoon

pytestmark = pytest.mark.django_db

PERSONEN = 9000
CASUSSEN = PERSONEN // 2
GROTE_TABELLEN = ("people_persoon", "people_adres", "casework_betrokkene", "casework_casus")
ACHTERNAMEN = [
    "Jansen", "Janssen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
    "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek",
    "de Bruijn", "de Jong", "Schouten", "Willems", "van Dijk", "Hoekstra", "Maas", "Verhoeven",
    "Koster", "Prins", "Blom", "Huisman", "Peeters", "de Koning", "van Dam", "Kuipers",
    "van Wijk", "Post", "Kuiper", "Veenstra", "Kramer", "van der Linden", "Schipper", "Tol",
]  # fmt: skip


@pytest.fixture
def register(make_user):
    """A register of :data:`PERSONEN` persons, each with an address and betrokkene in one of
    :data:`CASUSSEN` casussen, and the person we look for: Jan Jansen, 12-03-1985, 1811 AB."""
    rng = random.Random(4)
    team = TeamFactory(naam="Team Alkmaar")
    personen = []
    for i in range(PERSONEN):
        p = Persoon(
            pk=i + 1,
            bsn=generate_bsn(rng).waarde,
            voornamen="Persoon",
            achternaam=rng.choice(ACHTERNAMEN),
            geboortedatum_jaar=rng.randint(1940, 2024),
            geboortedatum_maand=rng.randint(1, 12),
            geboortedatum_dag=rng.randint(1, 28),
        )
        p.afgeleide_velden_bijwerken()
        personen.append(p)
    doel = personen[0]
    doel.achternaam, doel.voornamen, doel.bsn = "Jansen", "Jan", "111222333"
    doel.geboortedatum = PartialDate(1985, 3, 12)
    doel.afgeleide_velden_bijwerken()
    Persoon.objects.bulk_create(personen, batch_size=500)
    adressen = [
        Adres(
            persoon_id=p.pk,
            postcode=f"{1000 + rng.randint(0, 1500)} {rng.choice('ABCDEFGH')}{rng.choice('ABCD')}",
            woonplaats="Alkmaar",
            geldig_van=date(2020, 1, 1),
        )
        for p in personen
    ]
    adressen[0].postcode = "1811 AB"
    Adres.objects.bulk_create(adressen, batch_size=500)
    geopend = datetime(2024, 1, 1, tzinfo=UTC)
    Casus.objects.bulk_create(
        [
            Casus(pk=i + 1, nummer=f"2024-{i + 1:06d}", team=team, geopend_op=geopend)
            for i in range(CASUSSEN)
        ],
        batch_size=500,
    )
    Betrokkene.objects.bulk_create(
        [
            Betrokkene(casus_id=(i % CASUSSEN) + 1, persoon_id=i + 1, rol="overig")
            for i in range(PERSONEN)
        ],
        batch_size=500,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return make_user("intaker", perms=(Perm.MELDING_REGISTREREN, Perm.CASUS_INZIEN), teams=[team])


#: The searches whose queries are checked, each with the indexes it must use.
ZOEKVRAGEN = [
    # everything at once: BSN, exact key, prefix ranges, birth date, postcode, casussen
    {
        "bsn": "111222333",
        "achternaam": "Janssen",
        "geboortedatum": PartialDate(1985, 3, 12),
        "postcode": "1811 AB",
    },
    # a surname without a birth date: the naam_sleutel branch
    {"achternaam": "Jansen"},
    # BSN only
    {"bsn": "111222333"},
]


def _lookup_queries(user, vraag):
    """The SELECTs the look-up runs against the register's tables."""
    with CaptureQueriesContext(connection) as gevangen:
        kandidaten = eerdere_betrokkenheid_zoeken(user=user, **vraag)
    assert [k.persoon_id for k in kandidaten[:1]] == [1]
    return [
        q["sql"]
        for q in gevangen.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
        and any(f'"{tabel}"' in q["sql"] for tabel in GROTE_TABELLEN)
    ]


@pytest.mark.postgres
def test_postgresql_plans_use_the_blocking_indexes(register):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Plannen van PostgreSQL: zet DATABASE_URL=postgres://… (SQLite: zie de test hieronder)."
        )
    gezien: set[str] = set()
    for vraag in ZOEKVRAGEN:
        for sql in _lookup_queries(register, vraag):
            with connection.cursor() as cursor:
                cursor.execute("SET enable_seqscan = on")
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            for tabel in GROTE_TABELLEN:
                assert not re.search(rf"Seq Scan on {tabel}\b", plan), plan
            assert re.search(r"(Index Scan|Index Only Scan|Bitmap Index Scan)", plan), plan
            gezien.update(re.findall(r"(?:Scan using|Index Scan on) (\w+)", plan))
    # the indexes this look-up was built on were all used somewhere
    for index in ("persoon_jaar_naam_idx", "persoon_geboortedatum_idx", "adres_postcode_idx"):
        assert index in gezien, gezien
    assert any("zoeksleutel" in i or i == "persoon_zoek_idx" for i in gezien), gezien
    assert any("naam_sleutel" in i for i in gezien), gezien
    assert any(i.startswith("people_persoon_bsn") for i in gezien), gezien
    assert any(i.startswith("casework_betrokkene_persoon") for i in gezien), gezien


def test_sqlite_plans_use_the_blocking_indexes(register):
    if connection.vendor != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is van SQLite; PostgreSQL heeft de test hierboven.")
    gezien = ""
    for vraag in ZOEKVRAGEN:
        for sql in _lookup_queries(register, vraag):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            for tabel in GROTE_TABELLEN:
                assert not re.search(rf"\bSCAN {tabel}\b", plan), plan
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
            gezien += plan
    for index in ("persoon_jaar_naam_idx", "persoon_geboortedatum_idx", "adres_postcode_idx"):
        assert index in gezien, gezien
