"""The team leader's board (werkverdeling) and "mijn werk" at 10k and 1M casussen (issue #6,
"Speed"; never in CI). Uses its own databases, ``werk_bench_10k`` and ``werk_bench_1m``.

    .venv/bin/python bench/bench_werk.py --bouwen            # create, migrate, build_fixture
    .venv/bin/python bench/bench_werk.py [--n 50] [--rondes 3] [--groot werk_bench_1m]

1. **Build** (``--bouwen``, once): creates the two databases, migrates them and loads the
   casussen with ``bench/build_fixture.py`` (10,000 and ``--casussen``, default 1,000,000).
2. **Load** (once per database; skipped when the bench team exists): a team "Werkbench" of 25
   casemanagers plus a team leader (``werkleider``), the 5,000 most recent casussen moved to
   that team and opened, each with one open dienst (V&V, Onderzoek, monitoren, overdracht —
   with a deadline task spread from 20 days overdue to 70 days ahead); 70% assigned round-robin
   to the 25 members (so each carries ~140), 30% unassigned (the waiting list). Plus the
   background that grows with the database: one closed dienst per 10 other casussen (Onderzoek
   and V&V closed over the last two years, ~80% on time) and 300 closed Onderzoeken of the team
   in the last 12 months (the chart). The same team work at both sizes; only the rest of the
   organisation grows. Benchmark data only.
3. **Measure**: ``GET diensten:werkverdeling`` as ``werkleider`` and ``GET diensten:mijn-werk``
   as ``werk01``, through Django's test client with a verified session, alternating the
   databases over ``--rondes``. Prints p50/p95, the query count, the ratio p50 1M/10k and an
   EXPLAIN ANALYZE of the slowest SELECT of each page on the big database.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))

import run  # noqa: E402 - the sibling script (paths, login, percentiles)

KLEIN = "werk_bench_10k"
GROOT = "werk_bench_1m"
PAGINAS = {
    "werkverdeling": ("werkleider", "diensten:werkverdeling"),
    "mijn_werk": ("werk01", "diensten:mijn-werk"),
}
TEAMGROOTTE = 25
OPEN_DIENSTEN = 5000
SOORTEN = ("voorwaarden_en_vervolg", "onderzoek", "monitoren", "overdracht_na_vb")


def bouwen(database: str, casussen: int) -> None:
    import psycopg

    if not database.startswith("werk_bench_"):
        raise SystemExit("Alleen werk_bench_* databases worden (opnieuw) gemaakt.")
    with psycopg.connect(run._url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
        conn.execute(
            f'COMMENT ON DATABASE "{database}" IS \'Zicht BENCHMARKDATA (bench/bench_werk.py): '
            "synthetisch, geen echte personen.'"
        )
    env = {"DATABASE_URL": run._url(database), "DJANGO_SETTINGS_MODULE": "zicht.conf.test"}
    import os

    env = {**os.environ, **env}
    zicht = str(run.ROOT / ".venv" / "bin" / "zicht")
    subprocess.run([zicht, "migrate", "--noinput", "-v0"], check=True, env=env, cwd=run.ROOT)
    subprocess.run(
        [
            sys.executable,
            str(HIER / "build_fixture.py"),
            "--database-url",
            run._url(database),
            "--casussen",
            str(casussen),
        ],
        check=True,
        env=env,
        cwd=run.ROOT,
    )


def laden(database: str) -> dict:
    run.build_fixture.django_setup(run._url(database))
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from zicht.accounts.models import Team, User
    from zicht.casework.models import Casus, Taak
    from zicht.demo.bulk import IdReeks
    from zicht.demo.rijen import RijSchrijver
    from zicht.diensten.models import Dienst
    from zicht.diensten.models_werk import DienstBehandeling

    if Team.objects.filter(naam="Werkbench").exists():
        return {"database": database, "geladen": False, "diensten": Dienst.objects.count()}
    begin = time.perf_counter()
    nu = timezone.now()
    vandaag = timezone.localdate()
    with transaction.atomic():
        team = Team.objects.create(naam="Werkbench", omschrijving="[benchmark]")
        cm_rol = Group.objects.get(name="Casemanager / onderzoeker")
        tl_rol = Group.objects.get(name="Teamleider")
        leden = []
        for i in range(1, TEAMGROOTTE + 1):
            user = User.objects.create_user(username=f"werk{i:02d}", first_name=f"Werk{i:02d}")
            user.groups.add(cm_rol)
            user.teams.add(team)
            leden.append(user)
        leider = User.objects.create_user(username="werkleider", first_name="Werkleider")
        leider.groups.add(tl_rol)
        leider.teams.add(team)
        ids_team = list(
            Casus.objects.order_by("-geopend_op", "-id").values_list("id", flat=True)[
                : OPEN_DIENSTEN + 300
            ]
        )
        open_ids, gesloten_ids = ids_team[:OPEN_DIENSTEN], ids_team[OPEN_DIENSTEN:]
        Casus.objects.filter(id__in=ids_team).update(team=team)
        Casus.objects.filter(id__in=open_ids).update(status="open", gesloten_op=None)
        taken = RijSchrijver(Taak, nu=nu, ids=IdReeks(Taak))
        diensten = RijSchrijver(Dienst, nu=nu, ids=IdReeks(Dienst))
        behandeling = RijSchrijver(DienstBehandeling, nu=nu, ids=IdReeks(DienstBehandeling))

        def dienst(casus_id: int, soort: str, start: date, termijn: date | None, **extra) -> int:
            taak_id = None
            toegewezen = extra.pop("toegewezen_aan_id", None)
            afgerond = extra.pop("afgerond_op", None)
            if termijn is not None:
                taak_id = taken.ids()  # type: ignore[misc]
                taken.add(
                    id=taak_id,
                    casus_id=casus_id,
                    omschrijving=f"[benchmark] {soort} afronden",
                    termijn_code="",
                    start=start,
                    oorspronkelijke_deadline=termijn,
                    deadline=termijn,
                    aangemaakt_door_id=leider.pk,
                    toegewezen_aan_id=toegewezen,
                    afgerond_op=afgerond,
                )
            dienst_id = diensten.ids()  # type: ignore[misc]
            diensten.add(
                id=dienst_id,
                casus_id=casus_id,
                soort=soort,
                start=start,
                deadline=termijn,
                taak_id=taak_id,
                aangemaakt_door_id=leider.pk,
                aangemaakt_op=nu,
                **extra,
            )
            return dienst_id

        for i, casus_id in enumerate(open_ids):
            soort = SOORTEN[i % len(SOORTEN)]
            start = vandaag - timedelta(days=(i * 7) % 90)
            termijn = (
                vandaag + timedelta(days=(i * 13) % 91 - 20)
                if soort != "overdracht_na_vb"
                else None
            )
            if termijn is not None and termijn < start:
                termijn = start
            lid = leden[i % TEAMGROOTTE].pk if i % 10 < 7 else None
            dienst_id = dienst(
                casus_id, soort, start, termijn, status="gestart", toegewezen_aan_id=lid
            )
            if lid is not None:
                behandeling.add(
                    dienst_id=dienst_id, behandelaar_id=lid, toegewezen_op=nu, version=2
                )
        for i, casus_id in enumerate(gesloten_ids):  # the team's closed onderzoeken (chart)
            einde = vandaag - timedelta(days=i % 360)
            start = einde - timedelta(days=40 + i % 40)
            dienst(
                casus_id,
                "onderzoek",
                start,
                start + timedelta(days=70),
                status="afgerond",
                einde=einde,
                afgerond_op=nu,
            )
        # The rest of the organisation: one closed dienst per 10 other casussen.
        achtergrond = (
            Casus.objects.exclude(team=team)
            .order_by("id")
            .values_list("id", flat=True)
            .iterator(chunk_size=20000)
        )
        for i, casus_id in enumerate(achtergrond):
            if i % 10:
                continue
            einde = vandaag - timedelta(days=(i // 10) % 730)
            start = einde - timedelta(days=30 + (i // 10) % 60)
            dienst(
                casus_id,
                ("onderzoek", "voorwaarden_en_vervolg")[(i // 10) % 2],
                start,
                start + timedelta(days=70),
                status="afgerond",
                einde=einde,
                afgerond_op=nu,
            )
        taken.flush()
        diensten.flush()
        behandeling.flush()
    with connection.cursor() as cursor:
        for tabel in (
            "casework_casus",
            "casework_taak",
            "diensten_dienst",
            "diensten_dienstbehandeling",
        ):
            cursor.execute(f"ANALYZE {tabel}")
        for tabel in ("casework_taak", "diensten_dienst", "diensten_dienstbehandeling"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                f"(SELECT max(id) FROM {tabel}))"
            )
    return {
        "database": database,
        "geladen": True,
        "seconden": time.perf_counter() - begin,
        "diensten": Dienst.objects.count(),
    }


def meten(database: str, n: int) -> dict:
    run.build_fixture.django_setup(run._url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from zicht.accounts.models import User
    from zicht.casework.models import Casus
    from zicht.diensten.models import Dienst

    uit: dict = {
        "database": database,
        "casussen": Casus.objects.count(),
        "diensten": Dienst.objects.count(),
        "paginas": {},
    }
    for naam, (username, url_naam) in PAGINAS.items():
        client = Client()
        run._inloggen(client, User.objects.get(username=username))
        url = reverse(url_naam)
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        tijden = []
        for _ in range(n):
            begin = time.perf_counter()
            antwoord = client.get(url)
            tijden.append((time.perf_counter() - begin) * 1000)
            assert antwoord.status_code == 200
        with CaptureQueriesContext(connection) as vastgelegd:
            client.get(url)
        selects = run._selects(vastgelegd)
        traagste = max(selects, key=lambda q: q["time"])
        uit["paginas"][naam] = {
            "tijden_ms": tijden,
            "queries": len(vastgelegd.captured_queries),
            "traagste_select_ms": traagste["time"] * 1000,
        }
    return uit


def uitleg(database: str, pagina: str) -> str:
    run.build_fixture.django_setup(run._url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from zicht.accounts.models import User

    username, url_naam = PAGINAS[pagina]
    client = Client()
    run._inloggen(client, User.objects.get(username=username))
    url = reverse(url_naam)
    client.get(url)
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(url)
    regels = []
    for q in sorted(run._selects(vastgelegd), key=lambda q: -q["time"])[:1]:
        regels.append(f"-- {q['time'] * 1000:.1f} ms\n{q['sql'][:1500]}\n")
        regels.append(run._uitleg(q["sql"], None))
    return "\n".join(regels)


def _sub(*args: str) -> dict:
    uit = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        cwd=run.ROOT,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("intern", nargs="?", default="")
    parser.add_argument("--database", default="")
    parser.add_argument("--pagina", default="")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--klein", default=KLEIN)
    parser.add_argument("--groot", default=GROOT)
    parser.add_argument("--bouwen", action="store_true")
    parser.add_argument("--casussen", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.intern == "_laden":
        print(json.dumps(laden(args.database)))
        return
    if args.intern == "_meten":
        print(json.dumps(meten(args.database, args.n)))
        return
    if args.intern == "_uitleg":
        print(json.dumps({"uitleg": uitleg(args.database, args.pagina)}))
        return
    databases = (args.klein, args.groot)
    if args.bouwen:
        bouwen(args.klein, 10_000)
        bouwen(args.groot, args.casussen)
    for db in databases:
        print("laden:", _sub("_laden", "--database", db), flush=True)
    tijden: dict[str, dict[str, list[float]]] = {db: {} for db in databases}
    info: dict[str, dict] = {}
    for _ in range(args.rondes):
        for db in databases:
            r = _sub("_meten", "--database", db, "--n", str(args.n))
            info[db] = r
            for naam, p in r["paginas"].items():
                tijden[db].setdefault(naam, []).extend(p["tijden_ms"])
    klein, groot = databases
    regels = [
        f"casussen: {info[klein]['casussen']:,} vs {info[groot]['casussen']:,}; diensten: "
        f"{info[klein]['diensten']:,} vs {info[groot]['diensten']:,}; team van {TEAMGROOTTE} met "
        f"{OPEN_DIENSTEN:,} open diensten; {args.n} × {args.rondes} verzoeken per pagina",
        f"{'pagina':<14}{'p50 klein':>10}{'p95 klein':>10}{'q':>4}{'p50 groot':>10}"
        f"{'p95 groot':>10}{'q':>4}{'ratio':>7}",
    ]
    for naam in PAGINAS:
        p50k, p95k = run._ms(tijden[klein][naam])
        p50g, p95g = run._ms(tijden[groot][naam])
        qk = info[klein]["paginas"][naam]["queries"]
        qg = info[groot]["paginas"][naam]["queries"]
        ratio = p50g / p50k
        regels.append(
            f"{naam:<14}{p50k:>10.1f}{p95k:>10.1f}{qk:>4}{p50g:>10.1f}{p95g:>10.1f}{qg:>4}"
            f"{ratio:>7.2f}" + ("" if ratio <= run.DOEL_PAGINA else "  > doel")
        )
    for naam in PAGINAS:
        regels.append(f"\n== {naam} @{groot}: traagste SELECT\n")
        regels.append(_sub("_uitleg", "--database", groot, "--pagina", naam)["uitleg"])
    tekst = "\n".join(regels)
    print(tekst)
    run.RESULTATEN.mkdir(exist_ok=True)
    (run.RESULTATEN / "werk.txt").write_text(tekst + "\n")


if __name__ == "__main__":
    main()
