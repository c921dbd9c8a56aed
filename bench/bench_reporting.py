"""Reporting at 1M meldingen (issue #8, "Speed"; never in CI): the CBS half-year export and
the municipal report, each against a hand-written SQL aggregate of the same counts, in the same
run. Prints the ratio (target ≤ 2×) and the peak memory.

    # once: the casussen (bench/build_fixture.py, own database name), migrated to today's schema
    createdb -h 127.0.0.1 -U postgres rapportage_bench_1m
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rapportage_bench_1m zicht migrate
    .venv/bin/python bench/build_fixture.py --database-url \\
        postgres://postgres@127.0.0.1:5432/rapportage_bench_1m --casussen 1000000
    # then (loads meldingen etc. once, then measures)
    .venv/bin/python bench/bench_reporting.py [--rondes 3] [--periode 2025-H1 --jaar 2025]

1. **Load** (skipped when the database already has meldingen), set-based on the server: per
   casus one melding (received at the casus's opening, melder a professional, 1–2 aarden, one
   aanleiding, every betrokkene of the casus), a decided Veiligheidsbeoordeling (1–9 days after
   receipt, on time within 7), its confirmed besluit at the NHN fractions (45% overdracht na
   VB, 23% V&V, 14% onderzoek, rest einde/omzetten/RvdK); a dienst for every V&V and onderzoek
   (closed 30–89 days after the start, 10-week deadline) with one conclusion per onderzoek; and
   one advies per casus (a day before). Benchmark data only (``[benchmark]`` in the texts).
2. **Measure**, alternating, ``--rondes`` times, best of each:
   * ``services.export_uitvoeren`` of the CBS delivery (fixed width) of ``--periode`` — the
     whole job: counting, streaming the records in chunks, validating, writing, hashing —
     against one hand-written SQL statement counting the same records (A, M, P, O, U, W), and
     against a hand-written SQL that fetches the same record columns (server-side cursor);
   * ``selectors.gemeenterapport`` of GM0405 for ``--jaar`` against one hand-written SQL
     computing the same counts (meldingen per melder category and per aard, VB outcomes,
     diensten started and closed, three on-time shares).
   Peak Python memory of the export with ``tracemalloc`` and the process's max RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
STANDAARD = "postgres://postgres@127.0.0.1:5432/rapportage_bench_1m"
TZ = "Europe/Amsterdam"

LADEN = """
SET LOCAL synchronous_commit = off;
INSERT INTO intake_melder (id, naam, organisatie, telefoon, email, anoniem, anoniem_naar_gezin,
                           aangemaakt_op, hoedanigheid_id)
  SELECT c.id, '[benchmark] melder', '', '', '', false, false, c.geopend_op,
         (SELECT id FROM intake_code WHERE lijst = 'hoedanigheid_beroepsmatig'
            AND code = lpad((1 + abs(hashint4(c.id::int)) %% 20)::text, 2, '0') LIMIT 1)
  FROM casework_casus c;

INSERT INTO intake_melding (id, ontvangen_op, kanaal, signalen, acuut, acuut_uiterlijk,
    soort_cbs, nieuwe_casus, status, ambtshalve, geregistreerd_op, formulier_token, version,
    advies_id, casus_id, corv_bericht_id, geregistreerd_door_id, melder_id, vb_taak_id)
  SELECT c.id, c.geopend_op, 'telefoon', '[benchmark] signalen', false, NULL, 'eerste_melding',
         true, 'besloten', false, c.geopend_op, md5(c.id::text || 'rapportage')::uuid, 1, NULL,
         c.id, NULL, %(user)s, c.id, NULL
  FROM casework_casus c;

INSERT INTO intake_melding_aarden (melding_id, code_id)
  SELECT m.id, %(aard0)s + abs(hashint4(m.id::int)) %% 11 FROM intake_melding m;
INSERT INTO intake_melding_aarden (melding_id, code_id)
  SELECT m.id, %(aard0)s + (abs(hashint4(m.id::int)) %% 11 + 1
                           + (abs(hashint4(m.id::int)) / 11) %% 10) %% 11
  FROM intake_melding m WHERE abs(hashint4(m.id::int)) %% 3 = 0;
INSERT INTO intake_melding_aanleidingen (melding_id, code_id)
  SELECT m.id, %(aanl0)s + abs(hashint4(m.id::int + 7)) %% 9 FROM intake_melding m;

INSERT INTO intake_meldingbetrokkene (nieuw_in_casus, persoon_aangemaakt, betrokkene_id,
                                      melding_id)
  SELECT true, true, b.id, b.casus_id FROM casework_betrokkene b;

INSERT INTO assessment_veiligheidsbeoordeling (id, antwoorden, acuut, structureel, multiprobleem,
    taxatie, status, gestart_op, besloten_op, besloten_datum, op_tijd, reden_te_laat, version,
    beoordelaar_id, instrument_id, melding_id)
  SELECT m.id, '{}'::jsonb, false, true, false, 'onveilig', 'besloten', m.ontvangen_op,
         m.ontvangen_op + make_interval(days => d.dagen),
         ((m.ontvangen_op AT TIME ZONE %(tz)s)::date + d.dagen), d.dagen <= 7, '', 1,
         %(user)s, %(instrument)s, m.id
  FROM intake_melding m
  CROSS JOIN LATERAL (SELECT 1 + abs(hashint4(m.id::int + 3)) %% 9 AS dagen) d;

INSERT INTO assessment_besluit (id, soort, motivering, toelichting_afwijking, ontvangende_partij,
    voorgesteld_op, status, beoordeeld_op, reden_oneens, beoordeeld_door_id, voorgesteld_door_id,
    beoordeling_id, ketenpartner_id)
  SELECT v.id,
         CASE WHEN h < 451 THEN 'overdracht_na_vb' WHEN h < 680 THEN 'voorwaarden_en_vervolg'
              WHEN h < 820 THEN 'onderzoek' WHEN h < 900 THEN 'einde_bemoeienis'
              WHEN h < 960 THEN 'omzetten_in_advies' ELSE 'rvdk_verzoek' END,
         '[benchmark] motivering', '', '', v.besloten_op, 'bevestigd', v.besloten_op, '',
         %(collega)s, %(user)s, v.id, NULL
  FROM assessment_veiligheidsbeoordeling v
  CROSS JOIN LATERAL (SELECT abs(hashint4(v.id::int + 11)) %% 1000 AS h) x;

INSERT INTO diensten_dienst (id, soort, status, start, deadline, einde, ontvangende_partij,
    aangemaakt_op, version, aangemaakt_door_id, besluit_id, casus_id, afsluiting, bevindingen,
    escalatie, fase, geaccepteerd_door, reden_weigering, vervolg_na_onderzoek)
  SELECT b.id, b.soort, CASE WHEN e.einde < CURRENT_DATE THEN 'afgerond' ELSE 'gestart' END,
         v.besloten_datum, v.besloten_datum + 70,
         CASE WHEN e.einde < CURRENT_DATE THEN e.einde END, '', b.beoordeeld_op, 1, %(user)s,
         b.id, v.melding_id, '', '', '', '', '', '',
         CASE WHEN b.soort = 'onderzoek' THEN '["01"]'::jsonb ELSE '[]'::jsonb END
  FROM assessment_besluit b
  JOIN assessment_veiligheidsbeoordeling v ON v.id = b.beoordeling_id
  CROSS JOIN LATERAL (SELECT v.besloten_datum + 30 + abs(hashint4(b.id::int + 5)) %% 60 AS einde) e
  WHERE b.soort IN ('voorwaarden_en_vervolg', 'onderzoek');

INSERT INTO diensten_onderzoekconclusie (aard, conclusie, kind, reden, uitkomst, toelichting,
    vastgelegd_op, dienst_id, vastgelegd_door_id)
  SELECT '01', (ARRAY['bevestigd', 'niet_bevestigd', 'weerlegd'])[1 + d.id %% 3], false, '',
         (ARRAY['03', '02', '01'])[1 + d.id %% 3], '', now(), d.id, %(user)s
  FROM diensten_dienst d WHERE d.soort = 'onderzoek' AND d.status = 'afgerond';

INSERT INTO intake_melder (id, naam, organisatie, telefoon, email, anoniem, anoniem_naar_gezin,
                           aangemaakt_op, hoedanigheid_id)
  SELECT 2000000 + c.id, '[benchmark] adviesvrager', '', '', '', false, false, c.geopend_op,
         %(hoed0)s FROM casework_casus c;
INSERT INTO intake_advies (id, ontvangen_op, kanaal, vraag, gegeven_advies, vervolgadvies,
    duur_minuten, geregistreerd_op, formulier_token, geregistreerd_door_id, adviesvrager_id)
  SELECT c.id, c.geopend_op - interval '1 day', 'telefoon', '[benchmark] vraag',
         '[benchmark] advies', '', 10, c.geopend_op, md5(c.id::text || 'advies')::uuid,
         %(user)s, 2000000 + c.id
  FROM casework_casus c;
INSERT INTO intake_advies_aarden (advies_id, code_id)
  SELECT a.id, %(aard0)s + abs(hashint4(a.id::int + 1)) %% 11 FROM intake_advies a;
INSERT INTO intake_advies_aanleidingen (advies_id, code_id)
  SELECT a.id, %(aanl0)s + abs(hashint4(a.id::int + 2)) %% 9 FROM intake_advies a;
"""

TABELLEN = (
    "intake_melder",
    "intake_melding",
    "assessment_veiligheidsbeoordeling",
    "assessment_besluit",
    "diensten_dienst",
    "intake_advies",
)


def laden() -> None:
    from django.db import connection, transaction

    from zicht.accounts.models import User
    from zicht.assessment.models import Instrument
    from zicht.intake.models import Code, Melding

    if Melding.objects.exists():
        print("Meldingen al geladen.")
        return
    begin = time.perf_counter()
    user = User.objects.order_by("pk").first()
    collega = User.objects.exclude(pk=user.pk).order_by("pk").first()
    params = {
        "user": user.pk,
        "collega": collega.pk,
        "instrument": Instrument.objects.order_by("versie").first().pk,
        "aard0": Code.objects.get(lijst="aard", code="01").pk,
        "aanl0": Code.objects.get(lijst="aanleiding", code="01").pk,
        "hoed0": Code.objects.get(lijst="hoedanigheid_beroepsmatig", code="02").pk,
        "tz": TZ,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in LADEN.split(";\n\n"):
            stap = time.perf_counter()
            cursor.execute(sql, params)
            print(f"  {sql.strip().splitlines()[0][:70]} … {time.perf_counter() - stap:.1f} s")
        for tabel in TABELLEN:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                f"(SELECT max(id) FROM {tabel}))"
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Geladen in {time.perf_counter() - begin:.0f} s.")


SQL_CBS_TELLINGEN = """
WITH v AS (SELECT id, melding_id FROM assessment_veiligheidsbeoordeling
           WHERE besloten_datum BETWEEN %(start)s AND %(eind)s),
     d AS (SELECT d.id, d.soort FROM diensten_dienst d
           WHERE d.status = 'afgerond' AND d.einde BETWEEN %(start)s AND %(eind)s
             AND d.soort IN ('onderzoek', 'voorwaarden_en_vervolg'))
SELECT
  (SELECT count(*) FROM intake_advies WHERE ontvangen_op >= %(van)s AND ontvangen_op < %(tot)s),
  (SELECT count(*) FROM v),
  (SELECT count(*) FROM intake_meldingbetrokkene mb JOIN v ON v.melding_id = mb.melding_id),
  (SELECT count(*) FROM d WHERE soort = 'onderzoek'),
  (SELECT count(*) FROM diensten_onderzoekconclusie c JOIN d ON d.id = c.dienst_id),
  (SELECT count(*) FROM d WHERE soort = 'voorwaarden_en_vervolg')
"""

#: The same record columns as the export reads (one statement per record type, streamed).
SQL_CBS_RIJEN = (
    """SELECT a.id, a.ontvangen_op, h.code,
         (SELECT string_agg(c.code, '' ORDER BY c.code) FROM intake_advies_aarden x
          JOIN intake_code c ON c.id = x.code_id WHERE x.advies_id = a.id),
         (SELECT string_agg(c.code, '' ORDER BY c.code) FROM intake_advies_aanleidingen x
          JOIN intake_code c ON c.id = x.code_id WHERE x.advies_id = a.id)
       FROM intake_advies a JOIN intake_melder m ON m.id = a.adviesvrager_id
       JOIN intake_code h ON h.id = m.hoedanigheid_id
       WHERE a.ontvangen_op >= %(van)s AND a.ontvangen_op < %(tot)s""",
    """SELECT v.id, v.melding_id, v.besloten_datum, v.op_tijd, m.ontvangen_op, m.soort_cbs,
         c.nummer, c.gemeente_id, h.code, b.soort,
         (SELECT string_agg(k.code, '' ORDER BY k.code) FROM intake_melding_aarden x
          JOIN intake_code k ON k.id = x.code_id WHERE x.melding_id = m.id),
         (SELECT string_agg(k.code, '' ORDER BY k.code) FROM intake_melding_aanleidingen x
          JOIN intake_code k ON k.id = x.code_id WHERE x.melding_id = m.id)
       FROM assessment_veiligheidsbeoordeling v JOIN intake_melding m ON m.id = v.melding_id
       JOIN casework_casus c ON c.id = m.casus_id JOIN intake_melder md ON md.id = m.melder_id
       JOIN intake_code h ON h.id = md.hoedanigheid_id
       LEFT JOIN assessment_besluit b ON b.beoordeling_id = v.id AND b.status = 'bevestigd'
       WHERE v.besloten_datum BETWEEN %(start)s AND %(eind)s""",
    """SELECT mb.melding_id, be.rol, p.bsn, p.geboortedatum_jaar, p.geboortedatum_maand,
         p.geboortedatum_dag, p.ongeboren, p.geslacht
       FROM assessment_veiligheidsbeoordeling v
       JOIN intake_meldingbetrokkene mb ON mb.melding_id = v.melding_id
       JOIN casework_betrokkene be ON be.id = mb.betrokkene_id
       JOIN people_persoon p ON p.id = be.persoon_id
       WHERE v.besloten_datum BETWEEN %(start)s AND %(eind)s""",
    """SELECT d.id, d.casus_id, d.soort, d.start, d.einde, coalesce(t.deadline, d.deadline),
         c.aard, c.uitkomst, c.conclusie
       FROM diensten_dienst d LEFT JOIN casework_taak t ON t.id = d.taak_id
       LEFT JOIN diensten_onderzoekconclusie c ON c.dienst_id = d.id
       WHERE d.status = 'afgerond' AND d.einde BETWEEN %(start)s AND %(eind)s
         AND d.soort IN ('onderzoek', 'voorwaarden_en_vervolg')""",
)

SQL_GEMEENTE = """
WITH m AS (SELECT m.id, md.hoedanigheid_id FROM intake_melding m
           JOIN casework_casus c ON c.id = m.casus_id
           JOIN intake_melder md ON md.id = m.melder_id
           WHERE c.gemeente_id = ANY(%(gemeenten)s)
             AND m.ontvangen_op >= %(van)s AND m.ontvangen_op < %(tot)s)
SELECT 'melder', hoedanigheid_id::text, count(*) FROM m GROUP BY 2
UNION ALL
SELECT 'aard', x.code_id::text, count(DISTINCT x.melding_id) FROM intake_melding_aarden x
  JOIN m ON m.id = x.melding_id GROUP BY 2
UNION ALL
SELECT 'besluit', b.soort, count(DISTINCT b.beoordeling_id) FROM assessment_besluit b
  JOIN assessment_veiligheidsbeoordeling v ON v.id = b.beoordeling_id
  JOIN intake_melding mm ON mm.id = v.melding_id JOIN casework_casus c ON c.id = mm.casus_id
  WHERE b.status = 'bevestigd' AND c.gemeente_id = ANY(%(gemeenten)s)
    AND v.besloten_datum BETWEEN %(start)s AND %(eind)s GROUP BY 2
UNION ALL
SELECT 'gestart', d.soort, count(*) FROM diensten_dienst d
  JOIN casework_casus c ON c.id = d.casus_id
  WHERE c.gemeente_id = ANY(%(gemeenten)s) AND d.start BETWEEN %(start)s AND %(eind)s GROUP BY 2
UNION ALL
SELECT 'afgerond', d.soort, count(*) FROM diensten_dienst d
  JOIN casework_casus c ON c.id = d.casus_id
  WHERE c.gemeente_id = ANY(%(gemeenten)s) AND d.status = 'afgerond'
    AND d.einde BETWEEN %(start)s AND %(eind)s GROUP BY 2
UNION ALL
SELECT 'vb_op_tijd', '', count(*) FILTER (WHERE v.op_tijd) FROM assessment_veiligheidsbeoordeling v
  JOIN intake_melding mm ON mm.id = v.melding_id JOIN casework_casus c ON c.id = mm.casus_id
  WHERE c.gemeente_id = ANY(%(gemeenten)s) AND v.besloten_datum BETWEEN %(start)s AND %(eind)s
UNION ALL
SELECT 'vervolg_op_tijd', d.soort,
       count(*) FILTER (WHERE d.einde <= coalesce(t.deadline, d.deadline))
  FROM diensten_dienst d JOIN casework_casus c ON c.id = d.casus_id
  LEFT JOIN casework_taak t ON t.id = d.taak_id
  WHERE c.gemeente_id = ANY(%(gemeenten)s) AND d.status = 'afgerond'
    AND d.einde BETWEEN %(start)s AND %(eind)s GROUP BY 2
"""


def _tijd(functie, rondes: int) -> tuple[float, object]:
    tijden, uitkomst = [], None
    for _ in range(rondes):
        begin = time.perf_counter()
        uitkomst = functie()
        tijden.append(time.perf_counter() - begin)
    return min(tijden), uitkomst


def meten(periode_code: str, jaar: int, rondes: int) -> None:
    from django.db import connection

    from zicht.reporting import selectors, services
    from zicht.reporting.domain.perioden import periode_lees
    from zicht.reporting.measures import periode_momenten
    from zicht.reporting.models import Export

    periode = periode_lees(periode_code)
    van, tot = periode_momenten(periode)
    p = {"start": periode.start, "eind": periode.eind, "van": van, "tot": tot}

    def sql_tellingen():
        with connection.cursor() as c:
            c.execute(SQL_CBS_TELLINGEN, p)
            return c.fetchone()

    def sql_rijen():
        from django.db import transaction

        n = 0
        with transaction.atomic():
            for i, sql in enumerate(SQL_CBS_RIJEN):
                # a server-side cursor, as the export streams (memory flat)
                with connection.connection.cursor(name=f"bench_rijen_{i}") as c:
                    c.itersize = 2000
                    c.execute(sql, p)
                    for _ in c:
                        n += 1
        return n

    def export():
        e = services.export_aanvragen(
            actor=None,
            soort="cbs",
            periode=periode.code,
            formaat="txt",
            systeem=True,
            in_wachtrij=False,
        )
        e = services.export_uitvoeren(export_id=e.pk)
        assert e.status == "klaar", e.foutmelding
        return e

    t_sql, tellingen = _tijd(sql_tellingen, rondes)
    t_rijen, _ = _tijd(sql_rijen, rondes)
    t_export, e = _tijd(export, rondes)
    # Memory: one more run under tracemalloc (it slows Python down, so not in the timing).
    tracemalloc.start()
    export()
    piek = [tracemalloc.get_traced_memory()[1]]
    tracemalloc.stop()
    records = e.samenvatting["records"]
    verwacht = dict(zip("AMPOUW", tellingen, strict=True))
    assert {k: records.get(k, 0) for k in "AMPOUW"} == verwacht, (records, verwacht)
    print(
        f"\nCBS-aanlevering {periode.code}: {sum(verwacht.values()):,} records "
        f"({', '.join(f'{k} {n:,}' for k, n in verwacht.items())}), bestand {e.grootte:,} bytes"
    )
    print(f"  export (hele job)          {t_export:8.2f} s")
    print(f"  SQL tellingen              {t_sql:8.3f} s   verhouding {t_export / t_sql:6.1f}×")
    print(f"  SQL dezelfde kolommen      {t_rijen:8.2f} s   verhouding {t_export / t_rijen:6.2f}×")
    print(f"  piekgeheugen (tracemalloc) {piek[0] / 2**20:8.1f} MiB")
    del Export  # the exports stay (a correction chain); the bench database is disposable

    gemeenten = selectors.gemeente_met_voorgangers("GM0405")
    jp = periode_lees(str(jaar))
    jvan, jtot = periode_momenten(jp)
    gp = {
        "gemeenten": list(gemeenten),
        "start": jp.start,
        "eind": jp.eind,
        "van": jvan,
        "tot": jtot,
    }

    def sql_gemeente():
        with connection.cursor() as c:
            c.execute(SQL_GEMEENTE, gp)
            return c.fetchall()

    t_gsql, rijen = _tijd(sql_gemeente, rondes)
    t_g, rapport = _tijd(lambda: selectors.gemeenterapport("GM0405", jp), rondes)
    tracemalloc.start()
    selectors.gemeenterapport("GM0405", jp)
    g_piek = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    totaal_sql = sum(n for soort, _, n in rijen if soort == "melder")
    print(
        f"\nGemeenterapportage GM0405 {jaar}: {totaal_sql:,} meldingen "
        f"(rapport: {rapport.tabellen[0].totaal})"
    )
    assert rapport.tabellen[0].totaal == totaal_sql or totaal_sql < 5
    print(f"  rapport                    {t_g:8.3f} s")
    print(f"  SQL dezelfde tellingen     {t_gsql:8.3f} s   verhouding {t_g / t_gsql:6.2f}×")
    print(f"  piekgeheugen (tracemalloc) {g_piek / 2**20:8.1f} MiB")
    from datetime import timedelta

    from django.utils import timezone

    from zicht.reporting import measures

    vandaag = timezone.localdate()
    kwartaal = type(jp)("13w", vandaag - timedelta(weeks=13), vandaag)
    print("\nDashboard-maatstaven (hele organisatie):")
    for naam, functie in (
        (
            "instroom per week (26)",
            lambda: measures.instroom_per_week(vandaag - timedelta(weeks=25), 26),
        ),
        ("VB op tijd (13 weken)", lambda: measures.vb_tijdigheid(kwartaal)),
        ("onderzoek op tijd", lambda: measures.vervolg_tijdigheid(kwartaal, "onderzoek")),
        ("wachtlijst nu", lambda: measures.wachtlijst(vandaag)),
        (
            "wachtlijst verloop (13)",
            lambda: measures.wachtlijst_verloop([vandaag - timedelta(weeks=i) for i in range(13)]),
        ),
        ("caseload", measures.caseload_verdeling),
    ):
        t, _ = _tijd(functie, rondes)
        print(f"  {naam:26} {t:8.3f} s")
    print(
        f"\nmax RSS van het proces: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", STANDAARD))
    parser.add_argument("--periode", default="2025-H1")
    parser.add_argument("--jaar", type=int, default=2025)
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--alleen-laden", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.dev")
    os.environ.setdefault("ZICHT_VAR_DIR", str(ROOT / "var" / "bench-rapportage"))
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM casework_casus")
        print(f"Database {args.database_url.rsplit('/', 1)[-1]}: {c.fetchone()[0]:,} casussen")
    laden()
    if not args.alleen_laden:
        meten(args.periode, args.jaar, args.rondes)


if __name__ == "__main__":
    main()
