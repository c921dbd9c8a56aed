"""The radar register at scale (issue 11, "Speed"; never in CI): registration throughput and the
match look-up with 10 million stored pseudonyms on PostgreSQL.

    .venv/bin/python bench/bench_radar.py [--aantal 10000000] [--herbouw] [--http]

1. **Load** (once; reused unless ``--herbouw``): database ``radar_bench_register`` (own name,
   dropped and created), migrated with the register's own settings, 26 organisations, then
   ``--aantal`` involvement rows bulk-loaded with ``COPY … FROM STDIN`` (indexes dropped before
   and rebuilt after, with the migration's names). Pseudonyms are SHA-256 hex of a counter;
   every 10th person is known at a second organisation, so look-ups find matches.
2. **Registration throughput** (service level): ``services.betrokkenheid_vastleggen`` for new
   involvements (two pseudonyms each, a tenth of them matching a stored person → signal pairs),
   single connection, each in its own transaction → registrations/s.
3. **Match look-up** (service level): the register's match query for random stored pseudonyms
   and for unknown ones → p50/p95/p99 (ms), plus ``EXPLAIN ANALYZE``.
4. ``--http``: the same end to end: the register under gunicorn (2 workers) on a loopback port,
   signed requests from 4 client threads through ``zicht.radar.client.RadarClient`` —
   registrations/s and look-up p99 including signature check, nonce and idempotency rows.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path

HIER = Path(__file__).resolve().parent
ROOT = HIER.parent
sys.path.insert(0, str(ROOT / "src"))

SERVER = os.environ.get("ZICHT_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
DB = "radar_bench_register"
ORGANISATIES = 26
os.environ["RADAR_DATABASE_URL"] = f"{SERVER}/{DB}"
os.environ["DJANGO_SETTINGS_MODULE"] = "zicht.radar.register.settings"

INDEXEN = [
    "CREATE INDEX radar_pseudoniem_idx ON radarregister_betrokkenheid (pseudoniem, organisatie_id)",
    "CREATE INDEX radar_referentie_idx ON radarregister_betrokkenheid (organisatie_id, referentie)",
    "ALTER TABLE radarregister_betrokkenheid ADD CONSTRAINT radar_betrokkenheid_uniek "
    "UNIQUE (organisatie_id, referentie, pseudoniem)",
]


def pseudoniem(n: int) -> str:
    return hashlib.sha256(f"bench-{n}".encode()).hexdigest()


def bekende_personen(rijen: int) -> int:
    """Persons loaded (a tenth of them hold two rows), with a margin for the row estimate."""
    return max(1, int(rijen / 1.1 * 0.99))


def pct(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, round(p / 100 * (len(geordend) - 1)))]


def database_maken(herbouw: bool) -> bool:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        bestaat = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone()
        if bestaat and not herbouw:
            return False
        c.execute(f'DROP DATABASE IF EXISTS "{DB}"')
        c.execute(f'CREATE DATABASE "{DB}"')
    return True


def laden(aantal: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from zicht.radar.register.models import Organisatie

    call_command("migrate", verbosity=0)
    Organisatie.objects.bulk_create(
        [
            Organisatie(
                code=f"vt-{i:02d}",
                naam=f"Veilig Thuis regio {i:02d}",
                contactregel=f"Veilig Thuis regio {i:02d}, 0800-2000",
                sleutel=secrets.token_hex(32),
            )
            for i in range(1, ORGANISATIES + 1)
        ]
    )
    ids = list(Organisatie.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cur:
        cur.execute(
            "ALTER TABLE radarregister_betrokkenheid DROP CONSTRAINT radar_betrokkenheid_uniek"
        )
        cur.execute("DROP INDEX radar_pseudoniem_idx")
        cur.execute("DROP INDEX radar_referentie_idx")
    start = time.perf_counter()
    rauw = connection.connection
    assert rauw is not None
    rng = random.Random(11)
    basis = date(2006, 1, 1)
    with (
        rauw.cursor() as cur,
        cur.copy(
            "COPY radarregister_betrokkenheid (organisatie_id, referentie, pseudoniem, van, tot, "
            "aangemaakt_op, gewijzigd_op) FROM STDIN"
        ) as copy,
    ):
        blok: list[str] = []
        n = rij = 0
        while rij < aantal:
            p = pseudoniem(n)
            orgs = [ids[n % ORGANISATIES]]
            if n % 10 == 0:  # known at a second organisation too
                orgs.append(ids[(n * 7 + 3) % ORGANISATIES])
            for org in orgs[: aantal - rij]:
                van = basis + timedelta(days=rng.randrange(7300))
                tot = r"\N" if rng.random() < 0.15 else (van + timedelta(days=90)).isoformat()
                blok.append(
                    f"{org}\t{uuid.UUID(int=rij + 1)}\t{p}\t{van.isoformat()}\t{tot}\t"
                    "2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n"
                )
                rij += 1
            n += 1
            if len(blok) >= 50_000:
                copy.write("".join(blok))
                blok.clear()
        if blok:
            copy.write("".join(blok))
    rauw.commit()
    geladen = time.perf_counter() - start
    start = time.perf_counter()
    with connection.cursor() as cur:
        for sql in INDEXEN:
            cur.execute(sql)
        cur.execute("VACUUM (ANALYZE) radarregister_betrokkenheid")
    print(
        f"geladen: {aantal:,} rijen met COPY in {geladen:.0f} s "
        f"({aantal / geladen:,.0f} rijen/s); indexen in {time.perf_counter() - start:.0f} s"
    )


def personen_opgeslagen() -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'radarregister_betrokkenheid'"
        )
        return int(cur.fetchone()[0])


def registraties(aantal: int, rijen: int) -> None:
    from zicht.radar.register.models import Organisatie
    from zicht.radar.register.services import betrokkenheid_vastleggen

    organisaties = list(Organisatie.objects.order_by("pk"))
    rng = random.Random(5)
    bekende_n = bekende_personen(rijen)
    duur = []
    for i in range(aantal):
        org = organisaties[i % ORGANISATIES]
        eerste = (
            pseudoniem(rng.randrange(bekende_n))
            if i % 10 == 0
            else hashlib.sha256(f"nieuw-{i}-{time.time_ns()}".encode()).hexdigest()
        )
        tweede = hashlib.sha256(f"ngd-{i}-{time.time_ns()}".encode()).hexdigest()
        t = time.perf_counter()
        betrokkenheid_vastleggen(
            organisatie=org,
            referentie=uuid.uuid4(),
            pseudoniemen=[eerste, tweede],
            van=date(2026, 11, 1),
            tot=None,
        )
        duur.append(time.perf_counter() - t)
    totaal = sum(duur)
    print(
        f"registratie (service, 1 verbinding): {aantal / totaal:,.0f} registraties/s; "
        f"p50 {pct(duur, 50) * 1000:.2f} ms, p99 {pct(duur, 99) * 1000:.2f} ms"
    )


def lookups(aantal: int, rijen: int) -> None:
    from django.db import connection

    from zicht.radar.register.models import Organisatie
    from zicht.radar.register.services import _overeenkomsten

    org = Organisatie.objects.order_by("pk").first()
    assert org is not None
    rng = random.Random(7)
    bekende_n = bekende_personen(rijen)
    for soort, maak in (
        ("opgeslagen", lambda: pseudoniem(rng.randrange(bekende_n))),
        ("onbekend", lambda: secrets.token_hex(32)),
    ):
        duur, treffers = [], 0
        for _ in range(aantal):
            p = maak()
            t = time.perf_counter()
            treffers += bool(_overeenkomsten(org, [p]))
            duur.append(time.perf_counter() - t)
        print(
            f"look-up {soort:>10} ({aantal:,}×): p50 {pct(duur, 50) * 1000:.3f} ms, "
            f"p95 {pct(duur, 95) * 1000:.3f} ms, p99 {pct(duur, 99) * 1000:.3f} ms, "
            f"max {max(duur) * 1000:.1f} ms; met overeenkomst {treffers:,}"
        )
    # The same query without the ORM (one prepared statement): the database's share.
    rauw = connection.connection
    assert rauw is not None
    duur = []
    with rauw.cursor() as cur:
        for _ in range(aantal):
            p = pseudoniem(rng.randrange(bekende_n))
            t = time.perf_counter()
            cur.execute(
                "SELECT organisatie_id, pseudoniem FROM radarregister_betrokkenheid "
                "WHERE pseudoniem = %s AND organisatie_id <> %s",
                [p, org.pk],
                prepare=True,
            )
            cur.fetchall()
            duur.append(time.perf_counter() - t)
    print(
        f"look-up SQL alleen ({aantal:,}×): p50 {pct(duur, 50) * 1000:.3f} ms, "
        f"p95 {pct(duur, 95) * 1000:.3f} ms, p99 {pct(duur, 99) * 1000:.3f} ms"
    )
    with connection.cursor() as cur:
        cur.execute(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT organisatie_id, pseudoniem FROM "
            "radarregister_betrokkenheid WHERE pseudoniem IN (%s) AND NOT organisatie_id = %s "
            "ORDER BY organisatie_id, pseudoniem",
            [pseudoniem(12345 % bekende_n), org.pk],
        )
        print("\n".join("    " + r[0] for r in cur.fetchall()))


def http(aantal: int, rijen: int, draden: int = 4) -> None:
    from zicht.radar.client import RadarClient
    from zicht.radar.conf import RadarInstelling
    from zicht.radar.register.models import Organisatie

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    env = os.environ | {"RADAR_DB_CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR"}
    proces = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "zicht.radar.register.wsgi:application",
         "--bind", f"127.0.0.1:{poort}", "--workers", "2", "--threads", "2",
         "--log-level", "error"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{poort}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/gezond", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        organisaties = list(Organisatie.objects.order_by("pk")[:draden])
        rng = random.Random(3)
        bekende_n = bekende_personen(rijen)

        def client(org: Organisatie) -> RadarClient:
            return RadarClient(
                RadarInstelling(
                    url=url,
                    organisatie=org.code,
                    sleutel=bytes.fromhex(org.sleutel),
                    pseudoniemsleutel=b"x" * 32,
                )
            )

        for soort in ("registratie", "look-up"):
            duur: list[float] = []
            slot = threading.Lock()

            def werk(
                org: Organisatie,
                n: int,
                k: int,
                soort: str = soort,
                duur: list[float] = duur,
                slot: threading.Lock = slot,
            ) -> None:
                c = client(org)
                eigen: list[float] = []
                for i in range(n):
                    t = time.perf_counter()
                    if soort == "registratie":
                        p = pseudoniem(rng.randrange(bekende_n)) if i % 10 == 0 else ""
                        p = p or secrets.token_hex(32)
                        c.verzoek("PUT", f"/v1/betrokkenheden/{uuid.uuid4()}",
                                  {"pseudoniemen": [p, secrets.token_hex(32)],
                                   "van": "2026-11-01", "tot": None})  # fmt: skip
                    else:
                        # a pseudonym this organisation registered itself (n ≡ k mod 26)
                        p = pseudoniem(k + ORGANISATIES * rng.randrange(bekende_n // ORGANISATIES))
                        antwoord = c.verzoek("POST", "/v1/overeenkomsten", {"pseudoniem": p})
                        assert "overeenkomsten" in antwoord[1]
                    eigen.append(time.perf_counter() - t)
                with slot:
                    duur.extend(eigen)

            start = time.perf_counter()
            threads = [
                threading.Thread(target=werk, args=(org, aantal // draden, k))
                for k, org in enumerate(organisaties)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            verstreken = time.perf_counter() - start
            print(
                f"HTTP {soort} (gunicorn 2×2, {draden} clients): "
                f"{len(duur) / verstreken:,.0f}/s; p50 {pct(duur, 50) * 1000:.1f} ms, "
                f"p99 {pct(duur, 99) * 1000:.1f} ms"
            )
    finally:
        proces.terminate()
        proces.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=10_000_000)
    parser.add_argument("--herbouw", action="store_true")
    parser.add_argument("--registraties", type=int, default=2000)
    parser.add_argument("--lookups", type=int, default=10_000)
    parser.add_argument("--http", action="store_true")
    parser.add_argument("--zonder-registraties", action="store_true")
    args = parser.parse_args()
    nieuw = database_maken(args.herbouw)
    import django

    django.setup()
    if nieuw:
        laden(args.aantal)
    rijen = personen_opgeslagen()
    print(f"register: {rijen:,} opgeslagen pseudoniemen (PostgreSQL, {DB})")
    lookups(args.lookups, rijen)
    if not args.zonder_registraties:
        registraties(args.registraties, rijen)
    if args.http:
        http(args.registraties, rijen)


if __name__ == "__main__":
    main()
