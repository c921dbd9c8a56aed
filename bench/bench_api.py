"""The REST API under load (issue #10, "Speed"; never in CI): creating meldingen and listing
casussen through gunicorn (2 workers, PostgreSQL), against plain psycopg writing and reading
the same rows in the same run.

    .venv/bin/python bench/bench_api.py [--meldingen 300] [--lijsten 300] [--gelijktijdig 4]

1. A fresh database ``api_bench`` (dropped and migrated each run), the receiving team, a service
   user (front door + dossiers, member of that team) and an API client with every scope.
2. gunicorn ``zicht.conf.wsgi`` with 2 sync workers on a free port (production settings, rate
   limits off for the run, ``DB_CONN_MAX_AGE=60``).
3. **API create**: ``--meldingen`` POSTs of ``/api/v1/meldingen/`` (two persons, codes, an
   ``Idempotency-Key``) from ``--gelijktijdig`` client threads with keep-alive connections.
   **Raw insert**: the same rows per melding as the API writes — melder, casus (and its
   number counter), two personen, an address, two betrokkenen, the relation, the melding, its
   two betrokkenen and three code links, the journaal item, three tasks, the audit rows
   (chained: the head row locked, each row's SHA-256 computed, the head moved) and the stored
   idempotent answer — copied with plain ``INSERT … SELECT`` from rows the API wrote, one
   transaction per melding, same threads. The row counts per melding of both sides are
   printed, so a difference shows.
4. **API list**: ``GET /api/v1/casussen/?pageSize=50`` (scope, capped count, audit row);
   **raw select**: the same page of casussen with their team name in one SELECT.
5. **Floor**: ``GET /api/v1/casussen/?nummer=…`` that finds nothing — what every API request
   costs here before it does any work (token, permissions, scope, capped count, audited read).

Prints requests/s and p50/p95 per side and the ratios (target: API create ≥ 50% of the raw
insert). Benchmark data only.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

HIER = Path(__file__).resolve().parent
ROOT = HIER.parent
VENV = ROOT / ".venv" / "bin"
SERVER = os.environ.get("ZICHT_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = "api_bench"
URL = f"{SERVER}/{DATABASE}"

TABELLEN = (
    "intake_melding",
    "intake_melder",
    "casework_casus",
    "people_persoon",
    "casework_betrokkene",
    "intake_meldingbetrokkene",
    "people_relatie",
    "people_adres",
    "casework_journaalitem",
    "casework_taak",
    "audit_auditevent",
    "api_idempotentresultaat",
)


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": URL,
        "DJANGO_SETTINGS_MODULE": "zicht.conf.production",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DB_CONN_MAX_AGE": "60",
        "ZICHT_API_RATE_CLIENT": "1000000/s",
        "ZICHT_API_RATE_GEBRUIKER": "1000000/s",
        "ZICHT_VAR_DIR": str(Path(tempfile.gettempdir()) / "zicht-api-bench"),
        "LOG_LEVEL": "WARNING",
    }


def database_maken() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    subprocess.run([str(VENV / "zicht"), "migrate", "--noinput", "-v", "0"], env=_env(), check=True)


INRICHTEN = """
import django
django.setup()
from django.contrib.auth.models import Group, Permission
from zicht.accounts.models import Team, User
from zicht.api.scopes import ALLE_SCOPES
from zicht.api.services import api_client_aanmaken
team, _ = Team.objects.get_or_create(naam="Veiligheidsbeoordeling")
beheerder = User.objects.create_user("bench-beheer")
gebruiker = User.objects.create_user("bench-koppeling")
rol = Group.objects.create(name="bench-koppeling")
rol.permissions.set(Permission.objects.filter(content_type__app_label="accounts", codename__in=[
    "melding_registreren", "casus_inzien"]))
gebruiker.groups.add(rol)
gebruiker.teams.add(team)
_, token = api_client_aanmaken(actor=beheerder, naam="bench", gebruiker=gebruiker,
                               scopes=ALLE_SCOPES)
print(token)
"""


def inrichten() -> str:
    uit = subprocess.run(
        [str(VENV / "python"), "-c", INRICHTEN],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return uit.stdout.strip().splitlines()[-1]


SERVICE = """
import json, sys, time, uuid
sys.path.insert(0, %(hier)r)
import django
django.setup()
from zicht.accounts.models import User
from zicht.api.resources.intake import MeldingInvoerSerializer
from zicht.intake import services
from zicht.intake.domain.regels import RelatieKeuze
from zicht.intake.views import fase_bepaler_geconfigureerd
import bench_api
gebruiker = User.objects.get(username="bench-koppeling")
latenties = []
for i in range(%(n)d):
    s = MeldingInvoerSerializer(data=bench_api._body(900000 + i))
    s.is_valid(raise_exception=True)
    d = s.validated_data
    begin = time.perf_counter()
    services.melding_register(
        actor=gebruiker,
        invoer=services.MeldingInvoer(
            formulier_token=uuid.uuid4(), ontvangen_op=d["ontvangen_op"], kanaal=d["kanaal"],
            melder=services.BronInvoer(**d["melder"]),
            personen=[services.PersoonInvoer(
                rol=p["rol"], voornamen=p["voornamen"], achternaam=p["achternaam"],
                geboortedatum=p["geboortedatum"], geslacht=p["geslacht"], straat=p["straat"],
                huisnummer=p["huisnummer"], postcode=p["postcode"], woonplaats=p["woonplaats"],
                gemeente_code=p["gemeente_code"],
                relatie=RelatieKeuze(p["relatie"]) if p["relatie"] else None,
                relatie_met=p["relatie_met"]) for p in d["personen"]],
            aanleidingen=d["aanleidingen"], aarden=d["aarden"], signalen=d["signalen"]),
        fase_bepaler=fase_bepaler_geconfigureerd(),
    )
    latenties.append(time.perf_counter() - begin)
print(json.dumps(latenties))
"""


def service_meten(n: int) -> list[float]:
    """``intake.services.melding_register`` in-process, one at a time: the domain's own cost."""
    uit = subprocess.run(
        [str(VENV / "python"), "-c", SERVICE % {"hier": str(HIER), "n": n}],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return [float(x) for x in json.loads(uit.stdout.strip().splitlines()[-1])]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gunicorn_starten(poort: int) -> subprocess.Popen[bytes]:
    proces = subprocess.Popen(
        [
            str(VENV / "gunicorn"),
            "zicht.conf.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{poort}",
            "--log-level",
            "warning",
        ],
        env=_env(),
        cwd=ROOT,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.2):
                return proces
        except OSError:
            time.sleep(0.1)
    proces.kill()
    raise RuntimeError("gunicorn start niet")


def _body(i: int) -> dict[str, object]:
    return {
        "ontvangen_op": "2026-03-10T09:45:00+01:00",
        "kanaal": "politie_corv",
        "melder": {
            "hoedanigheid": "07",
            "naam": "[benchmark] agent",
            "organisatie": "Politie",
            "telefoon": "0900-8844",
        },
        "personen": [
            {
                "rol": "slachtoffer",
                "voornamen": "Anna",
                "achternaam": f"Bench{i:06d}",
                "geboortedatum": "1988-03-12",
                "geslacht": "V",
                "straat": "Laan",
                "huisnummer": str(i),
                "postcode": "1811AB",
                "woonplaats": "Alkmaar",
                "gemeente_code": "GM0361",
            },
            {
                "rol": "kind",
                "voornamen": "Tim",
                "achternaam": f"Bench{i:06d}",
                "geboortedatum": "2018",
                "relatie": "kind_van",
                "relatie_met": 0,
            },
        ],
        "aanleidingen": ["01"],
        "aarden": ["01", "08"],
        "signalen": "[benchmark] signalen",
    }


class Verbindingen(threading.local):
    conn: http.client.HTTPConnection | None = None


def _meten(taken: list[object], werk, gelijktijdig: int) -> tuple[float, list[float]]:
    """Runs ``werk(taak)`` over ``taken`` in ``gelijktijdig`` threads; (seconds, latencies)."""
    latenties: list[float] = []
    slot = threading.Lock()

    def een(taak: object) -> None:
        begin = time.perf_counter()
        werk(taak)
        duur = time.perf_counter() - begin
        with slot:
            latenties.append(duur)

    begin = time.perf_counter()
    with ThreadPoolExecutor(gelijktijdig) as pool:
        list(pool.map(een, taken))
    return time.perf_counter() - begin, latenties


def _p(waarden: list[float], q: float) -> float:
    if len(waarden) < 2:
        return waarden[0] * 1000
    return statistics.quantiles(waarden, n=100, method="inclusive")[int(q) - 1] * 1000


def api_werk(poort: int, token: str):
    lokaal = Verbindingen()

    def verzoek(methode: str, pad: str, body: object | None = None, **headers: str) -> bytes:
        if lokaal.conn is None:
            lokaal.conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        kop = {"Authorization": f"Bearer {token}", "Host": "127.0.0.1", **headers}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            kop["Content-Type"] = "application/json"
        lokaal.conn.request(methode, pad, body=data, headers=kop)
        antwoord = lokaal.conn.getresponse()
        inhoud = antwoord.read()
        if antwoord.status >= 300:
            raise RuntimeError(f"{methode} {pad}: {antwoord.status} {inhoud[:300]!r}")
        return inhoud

    return verzoek


def _kolommen(cur: psycopg.Cursor, tabel: str) -> list[str]:
    cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        (tabel,),
    )
    return [r[0] for r in cur.fetchall()]


class Kopie:
    """``INSERT … SELECT`` of a template row with some columns replaced (the same rows as the
    API wrote, without the ORM)."""

    def __init__(self, cur: psycopg.Cursor, tabel: str, template: int, vervang: list[str]):
        kolommen = _kolommen(cur, tabel)
        self.vervang = vervang
        expressies = ["%s" if k in vervang else k for k in kolommen]
        self.sql = (
            f"INSERT INTO {tabel} ({', '.join(kolommen)}) SELECT {', '.join(expressies)} "
            f"FROM {tabel} WHERE id = %s RETURNING id"
        )
        self.volgorde = [k for k in kolommen if k in vervang]
        self.template = template

    def __call__(self, cur: psycopg.Cursor, **waarden: object) -> int:
        cur.execute(self.sql, [*(waarden[k] for k in self.volgorde), self.template])
        rij = cur.fetchone()
        assert rij is not None
        return int(rij[0])


def _ids(cur: psycopg.Cursor, sql: str, *params: object) -> list[int]:
    cur.execute(sql, params)
    return [int(r[0]) for r in cur.fetchall()]


def raw_voorbereiden(melding_id: int, audit_per_melding: int):
    """The copy statements, from the rows of one melding the API wrote."""
    with psycopg.connect(URL) as conn, conn.cursor() as cur:
        cur.execute("SELECT melder_id, casus_id FROM intake_melding WHERE id = %s", (melding_id,))
        melder_id, casus_id = cur.fetchone()  # type: ignore[misc]
        personen = _ids(
            cur,
            "SELECT b.persoon_id FROM intake_meldingbetrokkene mb JOIN casework_betrokkene b "
            "ON b.id = mb.betrokkene_id WHERE mb.melding_id = %s ORDER BY mb.id",
            melding_id,
        )
        adres = _ids(cur, "SELECT id FROM people_adres WHERE persoon_id = %s", personen[0])[0]
        relatie = _ids(cur, "SELECT id FROM people_relatie WHERE persoon_a_id = ANY(%s)", personen)[
            0
        ]
        journaal = _ids(cur, "SELECT id FROM casework_journaalitem WHERE casus_id = %s", casus_id)
        taken = _ids(cur, "SELECT id FROM casework_taak WHERE casus_id = %s ORDER BY id", casus_id)
        idem = _ids(cur, "SELECT max(id) FROM api_idempotentresultaat")[0]
        audit = _ids(
            cur,
            "SELECT seq FROM audit_auditevent ORDER BY seq DESC LIMIT %s",
            audit_per_melding,
        )
        cur.execute(
            "SELECT mb.id, b.id, b.persoon_id FROM intake_meldingbetrokkene mb "
            "JOIN casework_betrokkene b ON b.id = mb.betrokkene_id WHERE mb.melding_id = %s "
            "ORDER BY mb.id",
            (melding_id,),
        )
        rijen = cur.fetchall()
        cur.execute(
            "SELECT code_id FROM intake_melding_aanleidingen WHERE melding_id = %s", (melding_id,)
        )
        aanleidingen = [r[0] for r in cur.fetchall()]
        cur.execute(
            "SELECT code_id FROM intake_melding_aarden WHERE melding_id = %s", (melding_id,)
        )
        aarden = [r[0] for r in cur.fetchall()]
        kopie = {
            "melder": Kopie(cur, "intake_melder", melder_id, []),
            "casus": Kopie(cur, "casework_casus", casus_id, ["nummer"]),
            "personen": [Kopie(cur, "people_persoon", r[2], []) for r in rijen],
            "betrokkenen": [
                Kopie(cur, "casework_betrokkene", r[1], ["casus_id", "persoon_id"]) for r in rijen
            ],
            "melding": Kopie(
                cur, "intake_melding", melding_id, ["casus_id", "melder_id", "formulier_token"]
            ),
            "mb": [
                Kopie(cur, "intake_meldingbetrokkene", r[0], ["melding_id", "betrokkene_id"])
                for r in rijen
            ],
            "adres": Kopie(cur, "people_adres", adres, ["persoon_id"]),
            "relatie": Kopie(cur, "people_relatie", relatie, ["persoon_a_id", "persoon_b_id"]),
            "journaal": [Kopie(cur, "casework_journaalitem", j, ["casus_id"]) for j in journaal],
            "taken": [Kopie(cur, "casework_taak", t, ["casus_id"]) for t in taken],
            "idem": Kopie(cur, "api_idempotentresultaat", idem, ["sleutel"]),
        }
        audit_kolommen = [k for k in _kolommen(cur, "audit_auditevent") if k != "seq"]
        audit_kolommen = [k for k in audit_kolommen if k not in ("prev_hash", "hash")]
        audit_sql = (
            f"INSERT INTO audit_auditevent (seq, prev_hash, hash, {', '.join(audit_kolommen)}) "
            f"SELECT %s, %s, %s, {', '.join(audit_kolommen)} FROM audit_auditevent WHERE seq = %s"
        )
    lokaal = threading.local()

    def invoegen(i: object) -> None:
        conn = getattr(lokaal, "conn", None)
        if conn is None:
            conn = lokaal.conn = psycopg.connect(URL)
        with conn.transaction(), conn.cursor() as cur:
            melder = kopie["melder"](cur)
            casus = kopie["casus"](cur, nummer=f"B-{uuid.uuid4().hex[:12]}")
            betrokkenen = []
            personen_nieuw = []
            for persoon_kopie, betrokkene_kopie in zip(
                kopie["personen"], kopie["betrokkenen"], strict=True
            ):
                persoon = persoon_kopie(cur)
                personen_nieuw.append(persoon)
                betrokkenen.append(betrokkene_kopie(cur, casus_id=casus, persoon_id=persoon))
            melding = kopie["melding"](
                cur, casus_id=casus, melder_id=melder, formulier_token=uuid.uuid4()
            )
            for mb_kopie, betrokkene in zip(kopie["mb"], betrokkenen, strict=True):
                mb_kopie(cur, melding_id=melding, betrokkene_id=betrokkene)
            cur.execute(
                "UPDATE casework_casusnummerteller SET laatste = laatste + 1 "
                "WHERE jaar = 2026 RETURNING laatste"
            )
            kopie["adres"](cur, persoon_id=personen_nieuw[0])
            kopie["relatie"](cur, persoon_a_id=personen_nieuw[0], persoon_b_id=personen_nieuw[1])
            for j in kopie["journaal"]:
                j(cur, casus_id=casus)
            taak_ids = [t(cur, casus_id=casus) for t in kopie["taken"]]
            cur.execute(
                "UPDATE intake_melding SET vb_taak_id = %s WHERE id = %s", (taak_ids[0], melding)
            )
            kopie["idem"](cur, sleutel=f"raw-{uuid.uuid4().hex}")
            # The audit rows, chained under a lock of the head (as audit_gebundeld does).
            cur.execute("SELECT seq, hash FROM audit_auditchainhead WHERE id = 1 FOR UPDATE")
            seq, vorige = cur.fetchone()  # type: ignore[misc]
            rijen_audit = []
            for bron in audit:
                seq += 1
                nieuw = hashlib.sha256(f"{seq}:{vorige}:{bron}".encode()).hexdigest()
                rijen_audit.append((seq, vorige, nieuw, bron))
                vorige = nieuw
            cur.executemany(audit_sql, rijen_audit)
            cur.execute(
                "UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE id = 1", (seq, vorige)
            )
            cur.executemany(
                "INSERT INTO intake_melding_aanleidingen (melding_id, code_id) VALUES (%s, %s)",
                [(melding, c) for c in aanleidingen],
            )
            cur.executemany(
                "INSERT INTO intake_melding_aarden (melding_id, code_id) VALUES (%s, %s)",
                [(melding, c) for c in aarden],
            )

    return invoegen


def raw_lijst():
    with psycopg.connect(URL) as conn:
        teams = [
            r[0]
            for r in conn.execute(
                "SELECT team_id FROM accounts_user_teams t JOIN accounts_user u "
                "ON u.id = t.user_id WHERE u.username = 'bench-koppeling'"
            ).fetchall()
        ]
    lokaal = threading.local()

    def lijst(_: object) -> None:
        conn = getattr(lokaal, "conn", None)
        if conn is None:
            conn = lokaal.conn = psycopg.connect(URL, autocommit=True)
        rijen = conn.execute(
            "SELECT c.id, c.nummer, c.status, c.team_id, t.naam, c.gemeente_id, c.geopend_op, "
            "c.gesloten_op, c.version FROM casework_casus c JOIN accounts_team t "
            "ON t.id = c.team_id WHERE c.team_id = ANY(%s) "
            "ORDER BY c.geopend_op DESC, c.id DESC LIMIT 50",
            (teams,),
        ).fetchall()
        assert len(rijen) == 50

    return lijst


def _tellingen() -> dict[str, int]:
    with psycopg.connect(URL) as conn:
        return {
            t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in TABELLEN
        }


def _regel(naam: str, seconden: float, latenties: list[float]) -> dict[str, float]:
    uitkomst = {
        "per_s": len(latenties) / seconden,
        "p50_ms": _p(latenties, 50),
        "p95_ms": _p(latenties, 95),
    }
    print(
        f"  {naam:<28} {uitkomst['per_s']:8.1f} /s   p50 {uitkomst['p50_ms']:7.1f} ms   "
        f"p95 {uitkomst['p95_ms']:7.1f} ms   (n={len(latenties)})"
    )
    return uitkomst


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meldingen", type=int, default=300)
    parser.add_argument("--lijsten", type=int, default=300)
    parser.add_argument("--gelijktijdig", type=int, default=4)
    args = parser.parse_args(argv)

    print(f"Database {DATABASE} opnieuw opbouwen (migraties)…", flush=True)
    database_maken()
    token = inrichten()
    poort = _vrije_poort()
    proces = gunicorn_starten(poort)
    try:
        verzoek = api_werk(poort, token)
        # Warm up both workers (imports, connections) and make the template melding.
        verzoek("POST", "/api/v1/meldingen/", _body(0), **{"Idempotency-Key": "warm-0"})
        for i in range(1, 9):
            verzoek("POST", "/api/v1/meldingen/", _body(i))
        voor = _tellingen()
        print(
            f"\n{args.meldingen} meldingen, {args.lijsten} lijsten, "
            f"{args.gelijktijdig} gelijktijdige clients, gunicorn 2 workers, PostgreSQL\n"
        )
        n = args.meldingen
        sec, lat = _meten(
            list(range(100, 100 + n)),
            lambda i: verzoek(
                "POST", "/api/v1/meldingen/", _body(i), **{"Idempotency-Key": f"bench-{i}"}
            ),
            args.gelijktijdig,
        )
        api_maken = _regel("API POST /meldingen/", sec, lat)
        na = _tellingen()
        print(
            "    rijen per melding via de API: "
            + ", ".join(
                f"{t.split('_', 1)[1]} {(na[t] - voor[t]) / n:.1f}"
                for t in TABELLEN
                if na[t] != voor[t]
            )
        )
        n1 = max(20, n // 4)
        sec, lat = _meten(
            list(range(50_000, 50_000 + n1)),
            lambda i: verzoek(
                "POST", "/api/v1/meldingen/", _body(i), **{"Idempotency-Key": f"seq-{i}"}
            ),
            1,
        )
        api_een = _regel("API POST, 1 client", sec, lat)
        lat = service_meten(n1)
        service_een = _regel("service in-process, 1 tegelijk", sum(lat), lat)
        audit_per_melding = round((na["audit_auditevent"] - voor["audit_auditevent"]) / n)
        laatste = json.loads(
            verzoek("POST", "/api/v1/meldingen/", _body(99), **{"Idempotency-Key": "sjabloon"})
        )
        invoegen = raw_voorbereiden(int(laatste["id"]), audit_per_melding)
        voor = _tellingen()
        sec, lat = _meten(list(range(n)), invoegen, args.gelijktijdig)
        raw_maken = _regel("psycopg INSERT (zelfde rijen)", sec, lat)
        na = _tellingen()
        print(
            "    rijen per melding kaal: "
            + ", ".join(
                f"{t.split('_', 1)[1]} {(na[t] - voor[t]) / n:.1f}"
                for t in TABELLEN
                if na[t] != voor[t]
            )
        )

        sec, lat = _meten(
            list(range(args.lijsten)),
            lambda _i: verzoek("GET", "/api/v1/casussen/?pageSize=50"),
            args.gelijktijdig,
        )
        api_lijst = _regel("API GET /casussen/ (50)", sec, lat)
        sec, lat = _meten(list(range(args.lijsten)), raw_lijst(), args.gelijktijdig)
        raw_lijst_ = _regel("psycopg SELECT (zelfde 50)", sec, lat)
        # The floor of any API request here: token, permissions, scope, a capped count of
        # nothing and the audited read, through the same gunicorn.
        sec, lat = _meten(
            list(range(args.lijsten)),
            lambda _i: verzoek("GET", "/api/v1/casussen/?nummer=GEEN-ZODANIG"),
            args.gelijktijdig,
        )
        api_leeg = _regel("API GET, lege lijst (ondergrens)", sec, lat)
    finally:
        proces.terminate()
        proces.wait(timeout=30)

    print("\nVerhoudingen (API / kaal):")
    print(
        f"  API-laag: 1 client {api_een['per_s']:.1f}/s tegen de service zelf "
        f"{service_een['per_s']:.1f}/s in-process ({api_een['per_s'] / service_een['per_s']:.0%}); "
        f"p50 {api_een['p50_ms']:.0f} ms tegen {service_een['p50_ms']:.0f} ms"
    )
    maken = api_maken["per_s"] / raw_maken["per_s"]
    lijst = api_lijst["per_s"] / raw_lijst_["per_s"]
    print(
        f"  aanmaken: {maken:.1%} van de kale insert per seconde "
        f"(doel ≥ 50%: {'gehaald' if maken >= 0.5 else 'niet gehaald'}); "
        f"p95 {api_maken['p95_ms'] / raw_maken['p95_ms']:.1f}×"
    )
    print(
        f"  lijsten:  {lijst:.1%} van de kale select per seconde; "
        f"p95 {api_lijst['p95_ms'] / raw_lijst_['p95_ms']:.1f}×"
    )
    print(
        f"  ondergrens: een API-verzoek dat niets doet haalt {api_leeg['per_s']:.1f}/s = "
        f"{api_leeg['per_s'] / raw_maken['per_s']:.0%} van de kale insert per seconde; "
        f"aanmaken haalt {api_maken['per_s'] / api_leeg['per_s']:.0%} daarvan"
    )
    resultaat = HIER / "results" / "bench_api.json"
    resultaat.parent.mkdir(exist_ok=True)
    resultaat.write_text(
        json.dumps(
            {
                "api_maken": api_maken,
                "raw_maken": raw_maken,
                "api_lijst": api_lijst,
                "raw_lijst": raw_lijst_,
                "verhouding_maken": maken,
                "verhouding_lijst": lijst,
                "api_een": api_een,
                "service_een": service_een,
                "api_leeg": api_leeg,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
