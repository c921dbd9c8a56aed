"""The API's list routes at 10k and at 1M casussen (issue #10 and the list target of the
developers' guide: a list at 1M within 1.5x of its time at 10k; never in CI).

    .venv/bin/python bench/bench_api_lijsten.py [--n 60] [--rondes 3]

Needs the fixture databases of ``bench/run.py`` (``zicht_bench_10k``, ``zicht_bench_1m``; build
them with ``bench/build_fixture.py``, see bench/README.md), with the meldingen and
veiligheidsbeoordelingen of ``bench_assessment.py`` and the diensten of ``bench_werk.py`` (run
those once first). This script loads, once per database, adviezen (one per ten casussen) and a
confirmed besluit per decided veiligheidsbeoordeling, set-based on the server.

In each database an API client is made per user — ``casemanager`` (Team Alkmaar, as in the
dossier-page bench) and ``voordeur`` (adviezen) — with the read scopes; the routes below are
requested with its bearer token through Django's test client, the two databases alternating
over ``--rondes`` so background load hits both alike. Prints p50/p95 per route, the query count
of one request (must be equal at both sizes) and the ratio p50 1M/10k (target <= 1.5).
Benchmark data only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))

import run  # noqa: E402 - the sibling script (paths, percentiles)

DATABASES = (run.DB_KLEIN, run.DB_GROOT)
CASEMANAGER, VOORDEUR = "casemanager", "voordeur"
ROUTES = {
    "casussen": (CASEMANAGER, "/api/v1/casussen/?pageSize=50"),
    "casussen_open": (CASEMANAGER, "/api/v1/casussen/?status=open&pageSize=50"),
    "casussen_pagina_10": (CASEMANAGER, "/api/v1/casussen/?page=10&pageSize=50"),
    "casussen_nummer": (CASEMANAGER, "/api/v1/casussen/?nummer=BENCH-00000000"),
    "personen": (CASEMANAGER, "/api/v1/personen/?pageSize=50"),
    # with the meldingen that bench_assessment.py loads into the same databases:
    "meldingen": (CASEMANAGER, "/api/v1/meldingen/?pageSize=50"),
    "veiligheidsbeoordelingen": (CASEMANAGER, "/api/v1/veiligheidsbeoordelingen/?pageSize=50"),
    # with the diensten of bench_werk.py:
    "diensten": (CASEMANAGER, "/api/v1/diensten/?pageSize=50"),
    # with what laden() below adds:
    "besluiten": (CASEMANAGER, "/api/v1/besluiten/?pageSize=50"),
    "adviezen": (VOORDEUR, "/api/v1/adviezen/?pageSize=50"),
}
SCOPES = tuple(
    f"{resource}:lezen"
    for resource in (
        "casussen",
        "personen",
        "meldingen",
        "veiligheidsbeoordelingen",
        "diensten",
        "besluiten",
        "adviezen",
    )
)
DOEL = 1.5

LADEN = """
SELECT setval(pg_get_serial_sequence('intake_melder', 'id'),
              (SELECT coalesce(max(id), 1) FROM intake_melder));

WITH vragers AS (
  INSERT INTO intake_melder (naam, organisatie, telefoon, email, anoniem, anoniem_naar_gezin,
                             aangemaakt_op, hoedanigheid_id)
    SELECT '[benchmark] adviesvrager', '', '', '', true, false,
           now() - g * interval '7 minutes', %(hoedanigheid)s
    FROM generate_series(1, %(adviezen)s) g
  RETURNING id, aangemaakt_op
)
INSERT INTO intake_advies (ontvangen_op, kanaal, adviesvrager_id, vraag, gegeven_advies,
                           vervolgadvies, duur_minuten, gemeente_id, geregistreerd_door_id,
                           geregistreerd_op, formulier_token)
  SELECT v.aangemaakt_op, 'telefoon', v.id, '[benchmark] vraag', '[benchmark] advies', '', 15,
         NULL, %(registrant)s, v.aangemaakt_op, gen_random_uuid()
  FROM vragers v;

INSERT INTO assessment_besluit (soort, motivering, toelichting_afwijking, ontvangende_partij,
                                voorgesteld_op, status, beoordeeld_op, reden_oneens,
                                beoordeeld_door_id, voorgesteld_door_id, ketenpartner_id,
                                beoordeling_id)
  SELECT 'einde_bemoeienis', '[benchmark] motivering', '', '',
         vb.gestart_op + interval '1 day', 'bevestigd', vb.gestart_op + interval '1 day 1 hour',
         '', %(tweede)s, %(voorsteller)s, NULL, vb.id
  FROM assessment_veiligheidsbeoordeling vb
  WHERE vb.besloten_datum IS NOT NULL;

ANALYZE intake_melder;
ANALYZE intake_advies;
ANALYZE assessment_besluit;
"""


def laden() -> dict[str, object]:
    """Adviezen and besluiten, once per database (skipped when there are adviezen already)."""
    from django.db import connection, transaction

    from zicht.accounts.models import User
    from zicht.assessment.models import Besluit
    from zicht.casework.models import Casus
    from zicht.intake.models import Advies, Code

    if Advies.objects.exists():
        return {"geladen": False}
    begin = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            LADEN,
            {
                "hoedanigheid": Code.objects.get(
                    lijst="hoedanigheid_niet_beroepsmatig", code="31"
                ).pk,
                "adviezen": max(1, Casus.objects.count() // 10),
                "registrant": User.objects.get(username=VOORDEUR).pk,
                "voorsteller": User.objects.get(username="beoordelaar").pk,
                "tweede": User.objects.get(username=CASEMANAGER).pk,
            },
        )
    return {
        "geladen": True,
        "seconden": round(time.perf_counter() - begin, 1),
        "adviezen": Advies.objects.count(),
        "besluiten": Besluit.objects.count(),
    }


def _token(gebruiker: str) -> str:
    """A fresh bench client's token for ``gebruiker`` (the plain token is never stored, so each
    run makes a new client and revokes the earlier ones)."""
    from zicht.accounts.models import User
    from zicht.api.models import ApiClient
    from zicht.api.services import api_client_aanmaken, api_client_intrekken

    user = User.objects.get(username=gebruiker)
    beheerder, _ = User.objects.get_or_create(username="bench-api-beheer")
    for oud in ApiClient.objects.filter(
        naam__startswith=f"bench-lijsten-{gebruiker}-", ingetrokken_op=None
    ):
        api_client_intrekken(actor=beheerder, client=oud)
    _client, token = api_client_aanmaken(
        actor=beheerder,
        naam=f"bench-lijsten-{gebruiker}-{time.time_ns()}",
        gebruiker=user,
        scopes=SCOPES,
    )
    return token


def meten(database: str, n: int) -> dict:
    """One database, in its own process (``bench_api_lijsten.py _meten``)."""
    run.build_fixture.django_setup(run._url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zicht.casework.models import Casus

    geladen = laden()
    clients = {
        gebruiker: Client(HTTP_AUTHORIZATION=f"Bearer {_token(gebruiker)}")
        for gebruiker in {g for g, _ in ROUTES.values()}
    }
    uitkomst: dict[str, object] = {
        "casussen": Casus.objects.count(),
        "geladen": geladen,
        "routes": {},
    }
    for naam, (gebruiker, pad) in ROUTES.items():
        client = clients[gebruiker]
        for _ in range(3):  # warm up
            antwoord = client.get(pad)
            assert antwoord.status_code == 200, (pad, antwoord.status_code, antwoord.content[:300])
        tijden = []
        for _ in range(n):
            begin = time.perf_counter()
            client.get(pad)
            tijden.append((time.perf_counter() - begin) * 1000)
        with CaptureQueriesContext(connection) as vastgelegd:
            client.get(pad)
        uitkomst["routes"][naam] = {  # type: ignore[index]
            "tijden_ms": tijden,
            "queries": len(vastgelegd.captured_queries),
            "rijen": len(client.get(pad).json()["results"]),
        }
    return uitkomst


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--rondes", type=int, default=3)
    args = parser.parse_args(argv)

    tijden: dict[str, dict[str, list[float]]] = {db: {} for db in DATABASES}
    info: dict[str, dict] = {}
    for _ronde in range(args.rondes):
        for db in DATABASES:
            uit = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "_meten", db, str(args.n)],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
                cwd=run.ROOT,
            )
            meting = json.loads(uit.stdout.strip().splitlines()[-1])
            info[db] = meting
            if meting["geladen"].get("geladen"):
                print(f"{db}: geladen {meting['geladen']}", flush=True)
            for naam, r in meting["routes"].items():
                tijden[db].setdefault(naam, []).extend(r["tijden_ms"])
    klein, groot = DATABASES
    print(
        f"API-lijsten: {info[klein]['casussen']:,} tegen {info[groot]['casussen']:,} casussen, "
        f"{args.rondes} rondes x {args.n} verzoeken per route (test client, bearer token)\n"
    )
    print(f"  {'route':<20} {'p50 10k':>9} {'p50 1M':>9} {'p95 1M':>9} {'q':>7} {'ratio':>6}")
    slechtste = 0.0
    for naam in ROUTES:
        p50_k, _ = run._ms(tijden[klein][naam])
        p50_g, p95_g = run._ms(tijden[groot][naam])
        q_k = info[klein]["routes"][naam]["queries"]
        q_g = info[groot]["routes"][naam]["queries"]
        ratio = p50_g / p50_k
        slechtste = max(slechtste, ratio)
        print(
            f"  {naam:<20} {p50_k:8.1f}ms {p50_g:8.1f}ms {p95_g:8.1f}ms {q_k:>3}/{q_g:<3} "
            f"{ratio:6.2f}"
        )
    print(
        f"\nHoogste verhouding p50 1M/10k: {slechtste:.2f} "
        f"(doel <= {DOEL}: {'gehaald' if slechtste <= DOEL else 'niet gehaald'})"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_meten":
        print(json.dumps(meten(sys.argv[2], int(sys.argv[3]))))
    else:
        main()
