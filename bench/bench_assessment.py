"""The assessment worklist and the team leader's deadline view at 10k and 1M meldingen (issue #5,
"Speed"; never in CI). Needs the bench databases of ``bench/run.py`` (``zicht_bench_10k``,
``zicht_bench_1m``: casussen already loaded).

    .venv/bin/python bench/bench_assessment.py [--n 100] [--rondes 3] [--open 300]

1. **Load** (once per database; skipped when it already has meldingen): one melding per casus,
   set-based on the server (``INSERT … SELECT`` over ``casework_casus``), with its melder. The
   ``--open`` most recent open casussen get an open melding (``nieuw``) with its VB task
   (deadline 7 days after receipt, so some are due today, tomorrow or overdue) and, for ~60%, an
   assessment in progress, and are assigned to ``beoordelaar`` as veiligheidsbeoordelaar; all
   other meldingen are decided, with a confirmed Veiligheidsbeoordeling (``besloten_datum`` 1–9
   days after receipt, ``op_tijd`` when within 7 days: ~80%), and the per-team, per-day
   counters (``assessment_vbtermijntelling``) are filled from them as the demo data does.
   ``--open`` is the same at both sizes (default 300: the 10k fixture holds ~376 open
   casussen), so both databases give the user the same amount of open work. Besluit rows and
   the VB tasks of decided meldingen are not loaded: neither page reads them. Benchmark data only
   (``[benchmark]`` in the texts).
2. **Measure**: ``GET assessment:werklijst`` as ``beoordelaar`` (member of the assessment team,
   ``veiligheidsbeoordeling_uitvoeren``; scope = own team + assignments) and ``GET
   assessment:termijnen`` as ``teamleider`` (assessment team + Team Alkmaar,
   ``werkvoorraad_inzien``), through Django's test client with a verified session, alternating
   the databases over ``--rondes``. Prints p50/p95, query count, ratio p50 1M/10k (target
   ≤ 1.5), and an EXPLAIN ANALYZE of the slowest SELECT of each page at 1M.
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

import run  # noqa: E402 - the sibling script (paths, login, percentiles)

DATABASES = (run.DB_KLEIN, run.DB_GROOT)
PAGINAS = {
    "werklijst": ("beoordelaar", "assessment:werklijst"),
    "werklijst_p2": ("beoordelaar", "assessment:werklijst"),
    "termijnen": ("teamleider", "assessment:termijnen"),
}
TZ = "Europe/Amsterdam"

LADEN = """
CREATE TEMP TABLE bench_open AS
  SELECT id AS casus_id, row_number() OVER (ORDER BY geopend_op DESC, id) AS rn
  FROM casework_casus WHERE status = 'open' ORDER BY geopend_op DESC, id LIMIT %(open)s;
CREATE UNIQUE INDEX ON bench_open (casus_id);

INSERT INTO intake_melder (id, naam, organisatie, telefoon, email, anoniem,
                           anoniem_naar_gezin, aangemaakt_op, hoedanigheid_id)
  SELECT c.id, '[benchmark] melder', '', '', '', false, false, c.geopend_op, %(hoedanigheid)s
  FROM casework_casus c;

INSERT INTO casework_taak (id, omschrijving, termijn_code, start, oorspronkelijke_deadline,
                           deadline, opgeschorte_dagen, aangemaakt_op, afgerond_op, version,
                           aangemaakt_door_id, afgerond_door_id, casus_id, toegewezen_aan_id)
  SELECT %(taak0)s + o.rn, format('[benchmark] Besluit veiligheidsbeoordeling (M-%%s)', c.id),
         'vb_besluit', (c.geopend_op AT TIME ZONE %(tz)s)::date,
         (c.geopend_op AT TIME ZONE %(tz)s)::date + 7, (c.geopend_op AT TIME ZONE %(tz)s)::date + 7,
         0, c.geopend_op, NULL, 1, %(user)s, NULL, c.id, %(user)s
  FROM casework_casus c JOIN bench_open o ON o.casus_id = c.id;

INSERT INTO intake_melding (id, ontvangen_op, kanaal, signalen, acuut, acuut_uiterlijk,
                            soort_cbs, nieuwe_casus, status, ambtshalve, geregistreerd_op,
                            formulier_token, version, advies_id, casus_id, corv_bericht_id,
                            geregistreerd_door_id, melder_id, vb_taak_id)
  SELECT c.id, c.geopend_op, 'telefoon', '[benchmark] signalen', a.acuut,
         CASE WHEN a.acuut THEN c.geopend_op + interval '1 day' END,
         'eerste_melding', true, CASE WHEN o.casus_id IS NULL THEN 'besloten' ELSE 'nieuw' END,
         false, c.geopend_op, md5(c.id::text || 'bench')::uuid, 1, NULL, c.id, NULL,
         %(user)s, c.id, CASE WHEN o.casus_id IS NOT NULL THEN %(taak0)s + o.rn END
  FROM casework_casus c
  LEFT JOIN bench_open o ON o.casus_id = c.id
  CROSS JOIN LATERAL (SELECT (hashint4(c.id::int) %% 10) = 0 AS acuut) a;

INSERT INTO assessment_veiligheidsbeoordeling (id, antwoorden, acuut, structureel, multiprobleem,
    taxatie, status, gestart_op, besloten_op, besloten_datum, op_tijd, reden_te_laat, version,
    beoordelaar_id, instrument_id, melding_id)
  SELECT m.id, '{"acuut_gevaar": "nee", "disclosure": "nee"}'::jsonb, m.acuut, NULL, NULL, '',
         'bevestigd', m.ontvangen_op + interval '2 hours', b.op,
         (b.op AT TIME ZONE %(tz)s)::date, b.dagen <= 7,
         CASE WHEN b.dagen > 7 THEN '[benchmark] later besloten' ELSE '' END,
         4, %(user)s, %(instrument)s, m.id
  FROM intake_melding m
  CROSS JOIN LATERAL (SELECT 1 + abs(hashint4(m.id::int + 7)) %% 9 AS dagen) d
  CROSS JOIN LATERAL (SELECT d.dagen, m.ontvangen_op + d.dagen * interval '1 day' AS op) b
  WHERE m.status = 'besloten';

INSERT INTO assessment_veiligheidsbeoordeling (id, antwoorden, acuut, structureel, multiprobleem,
    taxatie, status, gestart_op, besloten_op, besloten_datum, op_tijd, reden_te_laat, version,
    beoordelaar_id, instrument_id, melding_id)
  SELECT m.id, '{}'::jsonb, NULL, NULL, NULL, '', 'open', m.ontvangen_op + interval '1 hour',
         NULL, NULL, NULL, '', 1, %(user)s, %(instrument)s, m.id
  FROM intake_melding m WHERE m.status = 'nieuw' AND abs(hashint4(m.id::int)) %% 10 < 6;

INSERT INTO assessment_vbtermijntelling (team_id, datum, besloten, op_tijd)
  SELECT c.team_id, v.besloten_datum, count(*), count(*) FILTER (WHERE v.op_tijd)
  FROM assessment_veiligheidsbeoordeling v
  JOIN intake_melding m ON m.id = v.melding_id
  JOIN casework_casus c ON c.id = m.casus_id
  WHERE v.besloten_datum IS NOT NULL
  GROUP BY c.team_id, v.besloten_datum;

INSERT INTO casework_casusmedewerker (rol, van, tot, aangemaakt_op, casus_id, user_id)
  SELECT 'veiligheidsbeoordelaar', (c.geopend_op AT TIME ZONE %(tz)s)::date, NULL, now(), c.id,
         %(user)s
  FROM casework_casus c JOIN bench_open o ON o.casus_id = c.id;
"""


def laden(database: str, open_: int) -> dict:
    """Loads the meldingen into ``database`` (``bench_assessment.py _laden``)."""
    run.build_fixture.django_setup(run._url(database))
    from django.db import connection, transaction
    from django.db.models import Max

    from zicht.accounts.models import User
    from zicht.assessment.models import Instrument
    from zicht.casework.models import Taak
    from zicht.intake.models import Code, Melding

    if Melding.objects.exists():
        return {"database": database, "geladen": False, "meldingen": Melding.objects.count()}
    begin = time.perf_counter()
    params = {
        "open": open_,
        "hoedanigheid": Code.objects.get(lijst="hoedanigheid_beroepsmatig", code="01").pk,
        "taak0": Taak.objects.aggregate(m=Max("pk"))["m"] or 0,
        "user": User.objects.get(username="beoordelaar").pk,
        "instrument": Instrument.objects.get(versie=1).pk,
        "tz": TZ,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in LADEN.split(";\n"):
            if sql.strip():
                cursor.execute(sql, params)
    with connection.cursor() as cursor:
        for tabel in (
            "intake_melder",
            "intake_melding",
            "casework_taak",
            "assessment_veiligheidsbeoordeling",
            "assessment_vbtermijntelling",
            "casework_casusmedewerker",
        ):
            cursor.execute(f"ANALYZE {tabel}")
        for model in ("casework_taak", "casework_casusmedewerker"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{model}', 'id'), "
                f"(SELECT max(id) FROM {model}))"
            )
    return {
        "database": database,
        "geladen": True,
        "seconden": time.perf_counter() - begin,
        "meldingen": Melding.objects.count(),
        "open": Melding.objects.filter(status="nieuw").count(),
    }


def meten(database: str, n: int) -> dict:
    run.build_fixture.django_setup(run._url(database))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from zicht.accounts.models import User
    from zicht.intake.models import Melding

    uit: dict = {
        "database": database,
        "meldingen": Melding.objects.count(),
        "open": Melding.objects.filter(status="nieuw").count(),
        "paginas": {},
    }
    clients = {}
    for naam, (username, url_naam) in PAGINAS.items():
        if username not in clients:
            clients[username] = Client()
            run._inloggen(clients[username], User.objects.get(username=username))
        client = clients[username]
        url = reverse(url_naam) + ("?pagina=2" if naam.endswith("_p2") else "")
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
            "traagste_select": traagste["sql"],
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
    url = reverse(url_naam) + ("?pagina=2" if pagina.endswith("_p2") else "")
    client.get(url)
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(url)
    regels = []
    for q in sorted(run._selects(vastgelegd), key=lambda q: -q["time"])[:2]:
        regels.append(f"-- {q['time'] * 1000:.1f} ms\n{q['sql']}\n")
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
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--open", type=int, default=300)
    args = parser.parse_args(argv)
    if args.intern == "_laden":
        print(json.dumps(laden(args.database, args.open)))
        return
    if args.intern == "_meten":
        print(json.dumps(meten(args.database, args.n)))
        return
    if args.intern == "_uitleg":
        print(json.dumps({"uitleg": uitleg(args.database, args.pagina)}))
        return

    for db in DATABASES:
        print("laden:", _sub("_laden", "--database", db, "--open", str(args.open)), flush=True)
    tijden: dict[str, dict[str, list[float]]] = {db: {} for db in DATABASES}
    info: dict[str, dict] = {}
    for _ in range(args.rondes):
        for db in DATABASES:
            r = _sub("_meten", "--database", db, "--n", str(args.n))
            info[db] = r
            for naam, p in r["paginas"].items():
                tijden[db].setdefault(naam, []).extend(p["tijden_ms"])
    klein, groot = DATABASES
    regels = [
        f"meldingen: {info[klein]['meldingen']:,} ({info[klein]['open']:,} open) vs "
        f"{info[groot]['meldingen']:,} ({info[groot]['open']:,} open); "
        f"{args.n} × {args.rondes} verzoeken per pagina",
        f"{'pagina':<14}{'p50 10k':>9}{'p95 10k':>9}{'q':>4}{'p50 1M':>9}{'p95 1M':>9}{'q':>4}"
        f"{'ratio':>7}",
    ]
    traag = []
    for naam in PAGINAS:
        p50k, p95k = run._ms(tijden[klein][naam])
        p50g, p95g = run._ms(tijden[groot][naam])
        qk = info[klein]["paginas"][naam]["queries"]
        qg = info[groot]["paginas"][naam]["queries"]
        ratio = p50g / p50k
        regels.append(
            f"{naam:<14}{p50k:>9.1f}{p95k:>9.1f}{qk:>4}{p50g:>9.1f}{p95g:>9.1f}{qg:>4}"
            f"{ratio:>7.2f}" + ("" if ratio <= run.DOEL_PAGINA else "  > doel")
        )
        if ratio > run.DOEL_PAGINA or qk != qg:
            traag.append(naam)
    for naam in PAGINAS:
        regels.append(f"\n== {naam} @1M: traagste SELECTs\n")
        regels.append(_sub("_uitleg", "--database", groot, "--pagina", naam)["uitleg"])
    tekst = "\n".join(regels)
    print(tekst)
    run.RESULTATEN.mkdir(exist_ok=True)
    (run.RESULTATEN / "assessment.txt").write_text(tekst + "\n")


if __name__ == "__main__":
    main()
