"""Zicht benchmarks (``make bench``; never in CI). Needs PostgreSQL on 127.0.0.1:5432.

1. Generator rate: the demo generator's insert path (``zicht.demo.bulk.bulk_insert`` of the
   persons and casussen the households step plans) against a plain ``executemany`` INSERT of
   the identical rows into the same tables, in a scratch database, each rolled back.
2. Dossier pages at 10k and 1M casussen: ``GET /dossiers/`` (the list, also filtered and
   searched) and ``GET /dossiers/<pk>/`` through Django's test client, logged in as a team
   member with a verified second factor; p50/p95 and the query count per page, and the ratio
   1M/10k. The databases are built with ``bench/build_fixture.py`` (or reused: --skip-build).

Each measurement runs in its own process (``run.py _generator`` / ``run.py _paginas``), so every
database gets a fresh Django. Results go to stdout and ``bench/results/latest.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HIER = Path(__file__).resolve().parent
ROOT = HIER.parent
sys.path.insert(0, str(HIER))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import build_fixture  # noqa: E402 - the sibling script

SERVER = os.environ.get("ZICHT_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
DB_GENERATOR = "zicht_bench_gen"
DB_KLEIN = "zicht_bench_10k"
DB_GROOT = "zicht_bench_1m"
RESULTATEN = HIER / "results"
DOEL_GENERATOR = 0.5
#: The list pages measured, by name: the query string ({} is a number for the search).
LIJSTEN = {
    "lijst": "",
    "lijst_open": "?status=open",
    "lijst_pagina_50": "?pagina=50",
    "lijst_zoek": "?q=BENCH-000000{}",
}
DOEL_PAGINA = 1.5


def _url(database: str) -> str:
    return urlunsplit(urlsplit(SERVER)._replace(path=f"/{database}"))


def _ms(waarden: list[float]) -> tuple[float, float]:
    """p50 and p95."""
    if len(waarden) == 1:
        return waarden[0], waarden[0]
    p = statistics.quantiles(waarden, n=100, method="inclusive")
    return statistics.median(waarden), p[94]


def _subproces(*argumenten: str) -> dict:
    """Runs ``run.py <argumenten>`` and returns the JSON it prints on its last line."""
    resultaat = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *argumenten],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    regels = resultaat.stdout.strip().splitlines()
    for regel in regels[:-1]:
        print(regel)
    return json.loads(regels[-1])


# --- 1. Generator rate ------------------------------------------------------------------------


class _Terugdraaien(Exception):
    pass


def _beste(meting, herhalingen: int) -> float:
    """The best of ``herhalingen`` timings (seconds) of ``meting()``, each rolled back."""
    from django.db import transaction

    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        try:
            with transaction.atomic():
                meting()
                raise _Terugdraaien
        except _Terugdraaien:
            pass
        tijden.append(time.perf_counter() - begin)
    return min(tijden)


def generator_meten(schaal: float, herhalingen: int) -> dict:
    """Runs in a fresh scratch database (``run.py _generator``)."""
    url = _url(DB_GENERATOR)
    build_fixture.database_nieuw(url)
    build_fixture.django_setup(url)
    build_fixture.migreren()

    import psycopg
    from django.db import connection
    from django.utils import timezone

    from zicht.casework.models import Casus
    from zicht.demo.bulk import bulk_insert
    from zicht.demo.context import DemoContext
    from zicht.demo.generator import DemoOptions
    from zicht.demo.households import households_plan
    from zicht.demo.progress import Balk
    from zicht.demo.staff import organisation_step
    from zicht.people.models import Persoon

    opties = DemoOptions.create(seed=2019, vanaf=None, tot=None, schaal=schaal)
    ctx = DemoContext.create(opties)
    organisation_step(ctx, Balk(None, None))
    plan = households_plan(ctx)
    afgeleid = {"geboortedatum_vroegst", "naam_sleutel", "zoeksleutel"}
    automatisch = {"aangemaakt_op", "gewijzigd_op"}

    def rijen(model, objecten) -> list[dict]:
        velden = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in afgeleid | automatisch
        ]
        return [{v: getattr(o, v) for v in velden} for o in objecten]

    personen = rijen(Persoon, plan["personen"])
    casussen = rijen(Casus, plan["casussen"])
    n = len(personen) + len(casussen)

    def generator_pad() -> None:
        bulk_insert(Casus, casussen)
        bulk_insert(Persoon, personen, voorbereiden=Persoon.afgeleide_velden_bijwerken)

    # The identical rows as tuples, derived columns and timestamps filled as the path fills them.
    nu = timezone.now()

    def tupels(model, dicts, voorbereiden=None) -> tuple[str, list[tuple]]:
        velden = list(model._meta.concrete_fields)
        uit = []
        for d in dicts:
            obj = model(**d)
            if voorbereiden:
                voorbereiden(obj)
            for veld in velden:
                if veld.attname in automatisch:
                    setattr(obj, veld.attname, nu)
            uit.append(tuple(getattr(obj, v.attname) for v in velden))
        kolommen = ", ".join(v.column for v in velden)
        plaats = ", ".join(["%s"] * len(velden))
        return f"INSERT INTO {model._meta.db_table} ({kolommen}) VALUES ({plaats})", uit

    casus_sql, casus_rijen = tupels(Casus, casussen)
    persoon_sql, persoon_rijen = tupels(
        Persoon, personen, voorbereiden=Persoon.afgeleide_velden_bijwerken
    )

    def django_executemany() -> None:
        with connection.cursor() as cursor:
            cursor.executemany(casus_sql, casus_rijen)
            cursor.executemany(persoon_sql, persoon_rijen)

    def psycopg_executemany(ruw) -> None:
        with ruw.cursor() as cursor:
            cursor.executemany(casus_sql, casus_rijen)
            cursor.executemany(persoon_sql, persoon_rijen)

    # Round-robin, so that background load on the machine hits the three alike; best of each.
    tijden: dict[str, list[float]] = {"generator": [], "django": [], "psycopg": []}
    with psycopg.connect(url) as ruw:
        for _ in range(herhalingen):
            tijden["generator"].append(_beste(generator_pad, 1))
            tijden["django"].append(_beste(django_executemany, 1))
            begin = time.perf_counter()
            psycopg_executemany(ruw)
            tijden["psycopg"].append(time.perf_counter() - begin)
            ruw.rollback()
    t_generator, t_django, t_ruw = (min(tijden[k]) for k in ("generator", "django", "psycopg"))
    return {
        "schaal": schaal,
        "casussen": len(casussen),
        "personen": len(personen),
        "rijen": n,
        "generator_rijen_per_s": n / t_generator,
        "django_executemany_rijen_per_s": n / t_django,
        "psycopg_executemany_rijen_per_s": n / t_ruw,
        "ratio_django": t_django / t_generator,
        "ratio_psycopg": t_ruw / t_generator,
    }


# --- 2. Dossier pages ---------------------------------------------------------------------------


def _inloggen(client, user) -> None:
    """As ``zicht.conftest.login_verified``: a session that passed the second factor."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    sessie = client.session
    sessie["otp_device_id"] = device.persistent_id
    sessie.save()


def _uitleg(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(r[0] for r in cursor.fetchall())


def _selects(vastgelegd) -> list[dict]:
    """The captured SELECTs (a server-side cursor's DECLARE ... FOR shows its SELECT)."""
    uit = []
    for q in vastgelegd.captured_queries:
        sql = q["sql"]
        if sql.startswith("DECLARE ") and " FOR SELECT " in sql:
            sql = sql.split(" FOR ", 1)[1]
        if sql.startswith("SELECT "):
            uit.append({"sql": sql, "time": float(q["time"])})
    return uit


def _urls(user, n: int, seed: int) -> dict[str, list[str]]:
    from django.urls import reverse

    from zicht.casework.access import casussen_for_user
    from zicht.casework.models import Casus

    in_scope = casussen_for_user(user)
    hoogste = Casus.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(seed)
    pks: list[int] = []
    while len(pks) < n:
        kandidaten = [rng.randint(1, hoogste) for _ in range(4 * n)]
        pks += list(in_scope.filter(pk__in=kandidaten).values_list("pk", flat=True)[: n - len(pks)])
    lijst = reverse("casework:list")
    urls = {"dossier": [reverse("casework:detail", args=[pk]) for pk in pks]}
    for naam, zoek in LIJSTEN.items():
        urls[naam] = [lijst + zoek.format(rng.randint(10, 99)) for _ in range(n)]
    return urls


def paginas_meten(database: str, n: int, ronde: int) -> dict:
    """Runs against one fixture database (``run.py _paginas``): the raw timings (ms)."""
    build_fixture.django_setup(_url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zicht.accounts.models import User
    from zicht.casework.access import casussen_for_user
    from zicht.casework.models import Casus

    user = User.objects.get(username="casemanager")
    client = Client()
    _inloggen(client, user)
    uitkomst: dict[str, object] = {
        "database": database,
        "casussen": Casus.objects.count(),
        "in_scope": casussen_for_user(user).count(),
        "paginas": {},
    }
    for naam, urls in _urls(user, n, seed=ronde).items():
        for url in urls[:3]:  # warm up
            assert client.get(url).status_code == 200, url
        tijden = []
        for url in urls:
            begin = time.perf_counter()
            antwoord = client.get(url)
            tijden.append((time.perf_counter() - begin) * 1000)
            assert antwoord.status_code == 200, (url, antwoord.status_code)
        with CaptureQueriesContext(connection) as vastgelegd:
            client.get(urls[0])
        traagste = max(_selects(vastgelegd), key=lambda q: q["time"])
        uitkomst["paginas"][naam] = {  # type: ignore[index]
            "tijden_ms": tijden,
            "queries": len(vastgelegd.captured_queries),
            "traagste_select_ms": traagste["time"] * 1000,
            "traagste_select": traagste["sql"],
        }
    return uitkomst


def _uitleg_traagste(database: str, pagina: str) -> str:
    """EXPLAIN ANALYZE of the slowest SELECT of ``pagina`` (run in a fresh process)."""
    build_fixture.django_setup(_url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zicht.accounts.models import User

    user = User.objects.get(username="casemanager")
    client = Client()
    _inloggen(client, user)
    url = _urls(user, 1, seed=0)[pagina][0]
    client.get(url)
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(url)
    traagste = max(_selects(vastgelegd), key=lambda q: q["time"])
    return f"{traagste['sql']}\n\n" + _uitleg(traagste["sql"], None)


# --- The report ---------------------------------------------------------------------------------


def bouwen(database: str, casussen: int) -> dict:
    return _subproces("_bouw", "--database", database, "--casussen", str(casussen))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="intern")
    g = sub.add_parser("_generator")
    g.add_argument("--schaal", type=float, default=1.0)
    g.add_argument("--herhalingen", type=int, default=5)
    p = sub.add_parser("_paginas")
    p.add_argument("--database", required=True)
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--ronde", type=int, default=0)
    b = sub.add_parser("_bouw")
    b.add_argument("--database", required=True)
    b.add_argument("--casussen", type=int, required=True)
    u = sub.add_parser("_uitleg")
    u.add_argument("--database", required=True)
    u.add_argument("--pagina", default="lijst")
    parser.add_argument("--skip-build", action="store_true", help="bestaande databases gebruiken")
    parser.add_argument("--n", type=int, default=120, help="verzoeken per pagina")
    parser.add_argument(
        "--rondes",
        type=int,
        default=3,
        help="de metingen van 10k en 1M wisselen elkaar zo vaak af (tegen ruis van andere load)",
    )
    parser.add_argument("--casussen", type=int, default=1_000_000, help="grote database")
    parser.add_argument("--klein", type=int, default=10_000, help="kleine database")
    parser.add_argument("--generator-schaal", type=float, default=1.0)
    parser.add_argument("--zonder-generator", action="store_true")
    args = parser.parse_args(argv)

    if args.intern == "_generator":
        print(json.dumps(generator_meten(args.schaal, args.herhalingen)))
        return
    if args.intern == "_paginas":
        print(json.dumps(paginas_meten(args.database, args.n, args.ronde)))
        return
    if args.intern == "_bouw":
        url = _url(args.database)
        build_fixture.database_nieuw(url)
        build_fixture.django_setup(url)
        build_fixture.migreren()
        cijfers = build_fixture.bouw(
            url, casussen=args.casussen, seed=2019, peil=build_fixture.vandaag()
        )
        print(json.dumps(cijfers))
        return
    if args.intern == "_uitleg":
        print(json.dumps({"uitleg": _uitleg_traagste(args.database, args.pagina)}))
        return

    regels: list[str] = [f"Zicht benchmark {date.today():%d-%m-%Y}"]  # noqa: DTZ011

    def meld(tekst: str = "") -> None:
        print(tekst, flush=True)
        regels.append(tekst)

    if not args.zonder_generator:
        meld("\n== 1. Demo-generator: invoegpad tegen plain executemany (zelfde rijen) ==")
        gen = _subproces("_generator", "--schaal", str(args.generator_schaal))
        meld(
            f"rijen: {gen['rijen']} ({gen['casussen']} casussen + {gen['personen']} personen, "
            f"--schaal {gen['schaal']:g})"
        )
        for label, sleutel in (
            ("generator (bulk_create)", "generator_rijen_per_s"),
            ("Django cursor.executemany", "django_executemany_rijen_per_s"),
            ("psycopg cursor.executemany", "psycopg_executemany_rijen_per_s"),
        ):
            meld(f"{label:<30} {gen[sleutel]:>10,.0f} rijen/s")
        meld(
            f"ratio generator/executemany: {gen['ratio_django']:.2f} (Django-cursor), "
            f"{gen['ratio_psycopg']:.2f} (psycopg); doel >= {DOEL_GENERATOR}"
        )

    meld("\n== 2. Dossierpagina's: 10k tegen 1M casussen ==")
    databases = ((DB_KLEIN, args.klein), (DB_GROOT, args.casussen))
    if not args.skip_build:
        for database, aantal in databases:
            meld(f"-- {database} bouwen ({aantal:,} casussen)".replace(",", "."))
            cijfers = bouwen(database, aantal)
            meld(
                f"   {cijfers['rijen']:,.0f} rijen geladen in {cijfers['laden_s']:.1f} s "
                f"({cijfers['rijen_per_s']:,.0f} rijen/s), totaal {cijfers['totaal_s']:.1f} s"
            )
    resultaten: dict[str, dict] = {}
    per_ronde = max(1, args.n // args.rondes)
    for ronde in range(args.rondes):
        for database, _ in databases:
            deel = _subproces(
                "_paginas", "--database", database, "--n", str(per_ronde), "--ronde", str(ronde)
            )
            if database not in resultaten:
                resultaten[database] = deel
                continue
            for naam, pagina in deel["paginas"].items():
                samen = resultaten[database]["paginas"][naam]
                samen["tijden_ms"] += pagina["tijden_ms"]
                if pagina["traagste_select_ms"] > samen["traagste_select_ms"]:
                    samen["traagste_select_ms"] = pagina["traagste_select_ms"]
                    samen["traagste_select"] = pagina["traagste_select"]
    for uitkomst in resultaten.values():
        for pagina in uitkomst["paginas"].values():
            pagina["p50_ms"], pagina["p95_ms"] = _ms(pagina["tijden_ms"])
    klein, groot = resultaten[DB_KLEIN], resultaten[DB_GROOT]
    meld(
        f"casussen: {klein['casussen']:,} / {groot['casussen']:,}; in beeld van de gebruiker: "
        f"{klein['in_scope']:,} / {groot['in_scope']:,}"
    )
    meld(
        f"{'pagina':<16} {'p50 10k':>9} {'p95 10k':>9} {'q':>3} | {'p50 1M':>9} {'p95 1M':>9} "
        f"{'q':>3} | {'ratio p50':>9}"
    )
    te_traag = []
    for naam, k in klein["paginas"].items():
        g = groot["paginas"][naam]
        ratio = g["p50_ms"] / k["p50_ms"]
        meld(
            f"{naam:<16} {k['p50_ms']:>7.1f}ms {k['p95_ms']:>7.1f}ms {k['queries']:>3} | "
            f"{g['p50_ms']:>7.1f}ms {g['p95_ms']:>7.1f}ms {g['queries']:>3} | {ratio:>9.2f}"
            + ("" if ratio <= DOEL_PAGINA else "  > doel")
        )
        if ratio > DOEL_PAGINA:
            te_traag.append(naam)
    meld(
        f"doel: ratio <= {DOEL_PAGINA}; aantal queries gelijk bij 10k en 1M "
        f"({len(klein['paginas']['lijst']['tijden_ms'])} verzoeken per pagina, "
        f"{args.rondes} rondes om en om)"
    )
    for naam in te_traag:
        g = groot["paginas"][naam]
        meld(f"\n-- {naam} bij 1M: traagste SELECT ({g['traagste_select_ms']:.1f} ms):")
        meld(g["traagste_select"])
        uitleg = _subproces("_uitleg", "--database", DB_GROOT, "--pagina", naam)["uitleg"]
        meld("EXPLAIN ANALYZE (opnieuw gemeten):\n" + uitleg)
    RESULTATEN.mkdir(exist_ok=True)
    (RESULTATEN / "latest.txt").write_text("\n".join(regels) + "\n", encoding="utf-8")
    print(f"\nGeschreven naar {RESULTATEN / 'latest.txt'}")


if __name__ == "__main__":
    main()
