"""The API's person and veiligheidsbeoordeling lists walk an index in their own order instead
of sorting every row in scope (at 1M casussen the sorts took 1.9 s and 1.1 s, the index walks
about 22 ms: bench/bench_api_lijsten.py).

Checked on a few thousand persons after ``ANALYZE``, sequential scans allowed: PostgreSQL's
``EXPLAIN`` must use ``persoon_naam_idx`` and no Sort. (SQLite, the embedded default for a
single desk, sorts the persons of the scope; at that size that is fine, and its planner does
not weigh the LIMIT the same way, so there is no SQLite variant.)
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.casework.models import Betrokkene, Casus
from zicht.casework.tests.factories import TeamFactory
from zicht.people.models import Persoon

VB_AANTAL = 4000

pytestmark = pytest.mark.django_db

PERSONEN = 4000
NAMEN = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos"]


@pytest.fixture
def personen_in_scope(api_client_maken):
    rng = random.Random(7)
    team, ander = TeamFactory(naam="Team Alkmaar"), TeamFactory(naam="Team Hoorn")
    nu = timezone.now()
    casussen = Casus.objects.bulk_create(
        Casus(nummer=f"P-{i:06d}", team=team if i % 2 else ander, geopend_op=nu)
        for i in range(PERSONEN // 2)
    )
    personen = Persoon.objects.bulk_create(
        Persoon(achternaam=rng.choice(NAMEN), voornamen=f"P{i}") for i in range(PERSONEN)
    )
    Betrokkene.objects.bulk_create(
        Betrokkene(casus=casussen[i // 2], persoon=p, rol="overig") for i, p in enumerate(personen)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _, api = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[team])
    return api


def _lijstquery(api) -> str:
    with CaptureQueriesContext(connection) as gevangen:
        antwoord = api.get("/api/v1/personen/?pageSize=50")
    assert antwoord.status_code == 200
    assert [p["achternaam"] for p in antwoord.json()["results"]] == sorted(
        p["achternaam"] for p in antwoord.json()["results"]
    )
    return next(
        q["sql"]
        for q in gevangen.captured_queries
        if q["sql"].startswith("SELECT")
        and 'FROM "people_persoon"' in q["sql"]
        and "ORDER BY" in q["sql"]
    )


@pytest.mark.postgres
def test_postgresql_walks_the_name_index(personen_in_scope):
    if connection.vendor != "postgresql":
        pytest.skip("Plannen van PostgreSQL: zet DATABASE_URL=postgres://… om dit te testen.")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {_lijstquery(personen_in_scope)}")
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "persoon_naam_idx" in plan, plan
    assert "Sort" not in plan, plan


@pytest.fixture
def beoordelingen_in_scope(api_client_maken, make_user):
    from zicht.assessment.models import Instrument, Veiligheidsbeoordeling
    from zicht.intake.models import Melder, Melding
    from zicht.intake.tests.factories import MelderFactory

    team, ander = TeamFactory(naam="Team Alkmaar"), TeamFactory(naam="Team Hoorn")
    registrant = make_user("registrant", otp=False)
    nu = timezone.now()
    instrument = Instrument.objects.order_by("-versie").first() or Instrument.objects.create(
        versie=999, omschrijving="test", gepubliceerd_op=nu
    )
    hoedanigheid = MelderFactory().hoedanigheid
    casussen = Casus.objects.bulk_create(
        Casus(nummer=f"V-{i:06d}", team=team if i % 2 else ander, geopend_op=nu)
        for i in range(VB_AANTAL)
    )
    melders = Melder.objects.bulk_create(
        Melder(hoedanigheid=hoedanigheid, naam="m") for _ in range(VB_AANTAL)
    )
    meldingen = Melding.objects.bulk_create(
        Melding(
            casus=c,
            melder=m,
            ontvangen_op=nu,
            kanaal="telefoon",
            soort_cbs="eerste_melding",
            nieuwe_casus=True,
            geregistreerd_door=registrant,
            geregistreerd_op=nu,
            formulier_token=uuid.uuid4(),
        )
        for c, m in zip(casussen, melders, strict=True)
    )
    Veiligheidsbeoordeling.objects.bulk_create(
        Veiligheidsbeoordeling(
            melding=m,
            instrument=instrument,
            beoordelaar=registrant,
            gestart_op=nu - timedelta(minutes=i),
        )
        for i, m in enumerate(meldingen)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _, api = api_client_maken(
        perms=[Perm.CASUS_INZIEN, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN], teams=[team]
    )
    return api


@pytest.mark.postgres
def test_postgresql_walks_the_vb_start_index(beoordelingen_in_scope):
    if connection.vendor != "postgresql":
        pytest.skip("Plannen van PostgreSQL: zet DATABASE_URL=postgres://… om dit te testen.")
    with CaptureQueriesContext(connection) as gevangen:
        antwoord = beoordelingen_in_scope.get("/api/v1/veiligheidsbeoordelingen/?pageSize=50")
    assert antwoord.status_code == 200, antwoord.content
    assert len(antwoord.json()["results"]) == 50
    sql = next(
        q["sql"]
        for q in gevangen.captured_queries
        if q["sql"].startswith("SELECT")
        and 'FROM "assessment_veiligheidsbeoordeling"' in q["sql"]
        and "ORDER BY" in q["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "vb_gestart_idx" in plan, plan
    assert "Sort" not in plan, plan


def _plan_van_lijst(api, pad: str, tabel: str) -> str:
    """The EXPLAIN of the list's own SELECT of ``tabel`` (a page of 50)."""
    with CaptureQueriesContext(connection) as gevangen:
        antwoord = api.get(pad)
    assert antwoord.status_code == 200, antwoord.content
    assert len(antwoord.json()["results"]) == 50
    sql = next(
        q["sql"]
        for q in gevangen.captured_queries
        if q["sql"].startswith("SELECT")
        and f'FROM "{tabel}"' in q["sql"]
        and "ORDER BY" in q["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(r[0] for r in cursor.fetchall())


@pytest.mark.postgres
def test_postgresql_walks_the_besluit_index(beoordelingen_in_scope, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("Plannen van PostgreSQL: zet DATABASE_URL=postgres://… om dit te testen.")
    from zicht.assessment.models import Besluit, Veiligheidsbeoordeling

    voorsteller = make_user("voorsteller", otp=False)
    nu = timezone.now()
    Besluit.objects.bulk_create(
        Besluit(
            beoordeling=vb,
            soort="einde_bemoeienis",
            motivering="m",
            voorgesteld_door=voorsteller,
            voorgesteld_op=nu - timedelta(minutes=i),
        )
        for i, vb in enumerate(Veiligheidsbeoordeling.objects.all())
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE assessment_besluit")
    plan = _plan_van_lijst(
        beoordelingen_in_scope, "/api/v1/besluiten/?pageSize=50", "assessment_besluit"
    )
    assert "besluit_voorgesteld_idx" in plan, plan
    assert "Sort" not in plan, plan


@pytest.mark.postgres
def test_postgresql_walks_the_advies_index(api_client_maken, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("Plannen van PostgreSQL: zet DATABASE_URL=postgres://… om dit te testen.")
    from zicht.intake.models import Advies, Melder
    from zicht.intake.tests.factories import MelderFactory

    registrant = make_user("registrant", otp=False)
    hoedanigheid = MelderFactory().hoedanigheid
    nu = timezone.now()
    melders = Melder.objects.bulk_create(
        Melder(hoedanigheid=hoedanigheid, naam="m") for _ in range(VB_AANTAL)
    )
    Advies.objects.bulk_create(
        Advies(
            ontvangen_op=nu - timedelta(minutes=i),
            kanaal="telefoon",
            adviesvrager=m,
            vraag="v",
            gegeven_advies="a",
            duur_minuten=10,
            geregistreerd_door=registrant,
            geregistreerd_op=nu,
            formulier_token=uuid.uuid4(),
        )
        for i, m in enumerate(melders)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intake_advies")
    _, api = api_client_maken(perms=[Perm.ADVIES_REGISTREREN])
    plan = _plan_van_lijst(api, "/api/v1/adviezen/?pageSize=50", "intake_advies")
    assert "advies_ontvangen_idx" in plan, plan
    assert "Sort" not in plan, plan


@pytest.mark.postgres
def test_postgresql_walks_the_dienst_index(api_client_maken, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("Plannen van PostgreSQL: zet DATABASE_URL=postgres://… om dit te testen.")
    from zicht.diensten.models import Dienst

    team, ander = TeamFactory(naam="Team Alkmaar"), TeamFactory(naam="Team Hoorn")
    maker = make_user("maker", otp=False)
    nu = timezone.now()
    casussen = Casus.objects.bulk_create(
        Casus(nummer=f"D-{i:06d}", team=team if i % 2 else ander, geopend_op=nu)
        for i in range(VB_AANTAL)
    )
    Dienst.objects.bulk_create(
        Dienst(
            casus=c,
            soort="onderzoek",
            start=nu.date() - timedelta(days=i % 700),
            aangemaakt_door=maker,
            aangemaakt_op=nu,
        )
        for i, c in enumerate(casussen)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casework_casus")
        cursor.execute("ANALYZE diensten_dienst")
    _, api = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[team])
    plan = _plan_van_lijst(api, "/api/v1/diensten/?pageSize=50", "diensten_dienst")
    assert "dienst_start_idx" in plan, plan
    assert "Sort" not in plan, plan
