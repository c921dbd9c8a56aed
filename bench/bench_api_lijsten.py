"""The API's list routes at 10k and at 1M casussen (issue #10 and the list target of the
developers' guide: a list at 1M within 1.5x of its time at 10k; never in CI).

    .venv/bin/python bench/bench_api_lijsten.py [--n 60] [--rondes 3]

Needs the fixture databases of ``bench/run.py`` (``zicht_bench_10k``, ``zicht_bench_1m``; build
them with ``bench/build_fixture.py``, see bench/README.md). In each database an API client is
made (once) for ``casemanager`` (Team Alkmaar, as in the dossier-page bench) with the read
scopes; the routes below are requested with its bearer token through Django's test client, the
two databases alternating over ``--rondes`` so background load hits both alike. Prints p50/p95
per route, the query count of one request (must be equal at both sizes) and the ratio p50
1M/10k (target <= 1.5). Benchmark data only.
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
ROUTES = {
    "casussen": "/api/v1/casussen/?pageSize=50",
    "casussen_open": "/api/v1/casussen/?status=open&pageSize=50",
    "casussen_pagina_10": "/api/v1/casussen/?page=10&pageSize=50",
    "casussen_nummer": "/api/v1/casussen/?nummer=BENCH-00000000",
    "personen": "/api/v1/personen/?pageSize=50",
    # with the meldingen that bench_assessment.py loads into the same databases:
    "meldingen": "/api/v1/meldingen/?pageSize=50",
    "veiligheidsbeoordelingen": "/api/v1/veiligheidsbeoordelingen/?pageSize=50",
}
SCOPES = ("casussen:lezen", "personen:lezen", "meldingen:lezen", "veiligheidsbeoordelingen:lezen")
DOEL = 1.5


def _token() -> str:
    """A fresh bench client's token (the plain token is never stored, so each run makes a new
    client and revokes the earlier ones)."""
    from zicht.accounts.models import User
    from zicht.api.models import ApiClient
    from zicht.api.services import api_client_aanmaken, api_client_intrekken

    user = User.objects.get(username="casemanager")
    beheerder, _ = User.objects.get_or_create(username="bench-api-beheer")
    for oud in ApiClient.objects.filter(naam__startswith="bench-lijsten", ingetrokken_op=None):
        api_client_intrekken(actor=beheerder, client=oud)
    _client, token = api_client_aanmaken(
        actor=beheerder, naam=f"bench-lijsten-{time.time_ns()}", gebruiker=user, scopes=SCOPES
    )
    return token


def meten(database: str, n: int) -> dict:
    """One database, in its own process (``bench_api_lijsten.py _meten``)."""
    run.build_fixture.django_setup(run._url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zicht.casework.models import Casus

    token = _token()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    uitkomst: dict[str, object] = {"casussen": Casus.objects.count(), "routes": {}}
    for naam, pad in ROUTES.items():
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
