"""Benchmark: the earlier-involvement look-up at 10 000 and at 1 000 000 persons (PostgreSQL).

    .venv/bin/python bench/bench_lookup.py [--personen 10000,1000000] [--n 200] [--rondes 3]
        [--n-kwaliteit 900] [--seed 7] [--server postgres://postgres@127.0.0.1:5432]

Per size it builds a database of its own, ``zicht_bench_lookup_<n>k|m`` (dropped and made
again; no other name is ever dropped), with the project's bulk fixture builder
(``bench/build_fixture.py``: households of 2–5 persons, ≈ 3.05 per casus, each with an address,
3 % of victims also a secret one; the blocking keys filled as ``Persoon`` fills them) for
``personen / 3.05`` casussen. Each size runs in a process of its own (one Django set-up per
database). After the load: ``VACUUM (ANALYZE)`` and a ``CHECKPOINT`` (steady state: the
load's dirty pages written, autovacuum has nothing left to do), then 20 untimed look-ups.

The look-up mix (N per size, built from a repeatable sample of the loaded persons): a third
an exact BSN, a third a typo (one edit anywhere in the surname — doubled, dropped or swapped
letter, or a Dutch spelling variant — with a full, year-only, year-month or transposed birth
date; half of them with the postcode), a third a miss (an invented surname). The user is the
demo ``casemanager`` (own team plus assigned casussen: the real access scope).

Timed per look-up: the whole service call (``eerdere_betrokkenheid_zoeken``: candidates,
casussen with the access scope, the audit row and its commit) and, apart, the candidate search
and ranking alone (``persoon_find_matches``). The N look-ups run ``--rondes`` times; the
quietest round (lowest p95) is reported, with every round's p50/p95 and the load average: a
shared machine's neighbours show up as noise, not as the look-up's cost. At the end: the ratio
largest/smallest size, and ``EXPLAIN (ANALYZE, BUFFERS)`` of the queries of one typo look-up
at the largest size. Quality is measured apart, untimed, over ``--n-kwaliteit`` other queries
of the same mix: how often the intended person of a typo query is proposed (first, at the top
score, in the list of 10) and how often a miss gets no proposal at all.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for pad in (ROOT / "src", ROOT / "bench"):
    if str(pad) not in sys.path:
        sys.path.insert(0, str(pad))

PERSONEN_PER_CASUS = 3.05  # build_fixture.py: 2-5 persons per casus
STEEKPROEF = 3000
SPELLING = [("ij", "y"), ("y", "ij"), ("ck", "kk"), ("kk", "ck"), ("c", "k"), ("ei", "ij"),
            ("ss", "s"), ("s", "ss"), ("dt", "d"), ("v", "f"), ("z", "s")]  # fmt: skip


def _dbnaam(personen: int) -> str:
    if personen % 1_000_000 == 0:
        return f"zicht_bench_lookup_{personen // 1_000_000}m"
    return f"zicht_bench_lookup_{round(personen / 1000)}k"


def database_maken(server: str, naam: str) -> str:
    """Drops and makes ``naam`` (only a ``zicht_bench_lookup_*`` database) and returns its URL."""
    import psycopg

    if not naam.startswith("zicht_bench_lookup_"):
        raise SystemExit(f"Weigert database {naam!r} te vervangen.")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')
        conn.execute(
            f'COMMENT ON DATABASE "{naam}" IS \'Zicht BENCHMARKDATA (bench/bench_lookup.py): '
            "synthetisch, geen echte personen.'"
        )
    return f"{server}/{naam}"


# --- queries -------------------------------------------------------------------------------


@dataclass(slots=True)
class Steekproef:
    pk: int
    bsn: str
    achternaam: str
    tussenvoegsel: str
    datum: tuple[int, int | None, int | None]
    postcode: str


@dataclass(slots=True)
class Vraag:
    soort: str  # "bsn" | "typo" | "mis"
    kwargs: dict
    doel: int | None


def steekproef_trekken(personen: int, seed: int) -> list[Steekproef]:
    """A repeatable sample of about :data:`STEEKPROEF` persons (untimed: it reads the table)."""
    from django.db import connection

    procent = min(100.0, 150.0 * STEEKPROEF / max(personen, 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.bsn, p.achternaam, p.tussenvoegsel, p.geboortedatum_jaar, "
            "p.geboortedatum_maand, p.geboortedatum_dag, "
            "(SELECT a.postcode FROM people_adres a WHERE a.persoon_id = p.id AND NOT a.geheim "
            " ORDER BY a.id LIMIT 1) "
            f"FROM people_persoon p TABLESAMPLE BERNOULLI ({procent}) REPEATABLE ({seed}) "
            "WHERE p.geboortedatum_jaar IS NOT NULL "
            f"ORDER BY p.id LIMIT {STEEKPROEF}"  # ordered: a parallel scan returns any order
        )
        return [
            Steekproef(pk, bsn, an, tv, (jaar, maand, dag), pc or "")
            for pk, bsn, an, tv, jaar, maand, dag, pc in cursor.fetchall()
        ]


def tikfout(naam: str, rng: random.Random) -> str:
    """One edit anywhere in the surname: a Dutch spelling variant, or a doubled, dropped or
    swapped letter."""
    for _ in range(20):
        soort = rng.choice(["spelling", "dubbel", "weg", "wissel"])
        if soort == "spelling":
            kandidaten = [(a, b) for a, b in SPELLING if a in naam.lower()]
            if not kandidaten:
                continue
            a, b = rng.choice(kandidaten)
            i = naam.lower().find(a)
            nieuw = naam[:i] + b + naam[i + len(a) :]
        else:
            if len(naam) < 4:
                continue
            i = rng.randrange(1, len(naam) - 1)
            if soort == "dubbel":
                nieuw = naam[:i] + naam[i] + naam[i:]
            elif soort == "weg":
                nieuw = naam[:i] + naam[i + 1 :]
            else:
                nieuw = naam[:i] + naam[i + 1] + naam[i] + naam[i + 2 :]
        if nieuw.lower() != naam.lower():
            return nieuw
    return naam + "e"


def vragen(steekproef: list[Steekproef], n: int, rng: random.Random) -> list[Vraag]:
    from zicht.people.domain.dates import PartialDate
    from zicht.people.selectors import postcode_normaliseren

    met_bsn = [s for s in steekproef if s.bsn]
    uit: list[Vraag] = []
    for i in range(n):
        soort = ("bsn", "typo", "mis")[i % 3]
        if soort == "bsn":
            s = rng.choice(met_bsn)
            uit.append(Vraag("bsn", {"bsn": s.bsn}, s.pk))
        elif soort == "typo":
            s = rng.choice(steekproef)
            jaar, maand, dag = s.datum
            vorm = rng.random()
            if vorm < 0.6 or maand is None:
                datum = PartialDate(jaar, maand, dag)
            elif vorm < 0.8:
                datum = PartialDate(jaar)
            elif dag is not None and dag <= 12:
                datum = PartialDate(jaar, dag, maand)  # transposed
            else:
                datum = PartialDate(jaar, maand)
            kwargs = {
                "achternaam": tikfout(s.achternaam, rng),
                "tussenvoegsel": s.tussenvoegsel,
                "geboortedatum": datum,
            }
            if s.postcode and rng.random() < 0.5:
                kwargs["postcode"] = postcode_normaliseren(s.postcode)  # as the screen sends it
            uit.append(Vraag("typo", kwargs, s.pk))
        else:
            naam = "".join(rng.choice("bdfgklmnprstvwz") + rng.choice("aeiou") for _ in range(3))
            datum = PartialDate(rng.randint(1945, 2025), rng.randint(1, 12), rng.randint(1, 28))
            uit.append(Vraag("mis", {"achternaam": f"X{naam}", "geboortedatum": datum}, None))
    rng.shuffle(uit)
    return uit


# --- measuring -----------------------------------------------------------------------------


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    k = (len(geordend) - 1) * p
    laag, hoog = int(k), min(int(k) + 1, len(geordend) - 1)
    return geordend[laag] + (geordend[hoog] - geordend[laag]) * (k - laag)


def _p(tijden: list[float]) -> str:
    return (
        f"p50 {percentiel(tijden, 0.5):6.2f} ms  p95 {percentiel(tijden, 0.95):6.2f} ms  "
        f"max {max(tijden):6.2f} ms"
    )


def meten(user, vraagjes: list[Vraag], rondes: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Runs the look-ups ``rondes`` times and keeps the quietest round (lowest p95 of the whole
    look-up)."""
    from zicht.intake.lookup import eerdere_betrokkenheid_zoeken
    from zicht.people.selectors import persoon_find_matches

    for v in vraagjes[:20]:  # warm-up, untimed
        eerdere_betrokkenheid_zoeken(user=user, **v.kwargs)
    ronden: list[dict[str, object]] = []
    for _ in range(rondes):
        totaal: list[float] = []
        alleen: list[float] = []
        per_soort: dict[str, list[float]] = {"bsn": [], "typo": [], "mis": []}
        for v in vraagjes:
            t0 = time.perf_counter()
            kandidaten = eerdere_betrokkenheid_zoeken(user=user, **v.kwargs)
            t1 = time.perf_counter()
            persoon_find_matches(**v.kwargs)
            t2 = time.perf_counter()
            totaal.append((t1 - t0) * 1000)
            alleen.append((t2 - t1) * 1000)
            per_soort[v.soort].append((t1 - t0) * 1000)
            if v.soort == "bsn":
                assert [k.persoon_id for k in kandidaten[:1]] == [v.doel], v
        ronden.append({"totaal": totaal, "alleen": alleen, "per_soort": per_soort})
    rustigst = min(ronden, key=lambda r: percentiel(r["totaal"], 0.95))  # type: ignore[arg-type]
    return {
        **rustigst,
        "ronden": [
            (percentiel(r["totaal"], 0.5), percentiel(r["totaal"], 0.95))  # type: ignore[arg-type]
            for r in ronden
        ],
    }


def kwaliteit(vraagjes: list[Vraag]) -> dict[str, object]:
    """Recall of the typo queries and false proposals for the misses (untimed, no audit):
    the candidate search as the service calls it (limit 10, threshold 70)."""
    from zicht.people.selectors import (
        blokken_maken,
        kandidaten_query,
        persoon_find_matches,
        persoon_ids_op_postcode,
    )

    eerste = bovenaan = gevonden = typos = misser_leeg = missers = 0
    blokgrootte: list[int] = []
    for v in vraagjes:
        kwargs = {"postcode": "", **v.kwargs}
        kandidaten = persoon_find_matches(**kwargs)
        ids = [k.pk for k in kandidaten]
        if v.soort == "typo":
            typos += 1
            eerste += ids[:1] == [v.doel]
            # ranked first, or tied with the first (namesakes with the same key data)
            bovenaan += any(k.pk == v.doel and k.score == kandidaten[0].score for k in kandidaten)
            gevonden += v.doel in ids
            blokken = blokken_maken(
                **{k: kwargs[k] for k in ("achternaam", "tussenvoegsel", "geboortedatum")}
            )
            pc = persoon_ids_op_postcode(kwargs["postcode"])
            blokgrootte.append(len(list(kandidaten_query(blokken, pc))))  # type: ignore[arg-type]
        elif v.soort == "mis":
            missers += 1
            misser_leeg += not ids
    return {
        "typos": typos,
        "missers": missers,
        "recall1": eerste / typos,
        "bovenaan": bovenaan / typos,
        "recall10": gevonden / typos,
        "mis_leeg": misser_leeg / missers,
        "blok": blokgrootte,
    }


def explain(vraag: Vraag) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zicht.people.selectors import persoon_find_matches

    with CaptureQueriesContext(connection) as gevangen:
        persoon_find_matches(**vraag.kwargs)
    uit = []
    for q in gevangen.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {q['sql']}")
            uit.append("\n".join(r[0] for r in cursor.fetchall()))
    return "\n\n".join(uit)


# --- one size, in a process of its own ------------------------------------------------------


def een_grootte(args: argparse.Namespace) -> None:
    import build_fixture

    url = database_maken(args.server, _dbnaam(args.personen))
    build_fixture.django_setup(url)
    build_fixture.migreren()
    from django.db import connection

    from zicht.accounts.models import User
    from zicht.intake.lookup import mag_zoeken

    casussen = round(args.personen / PERSONEN_PER_CASUS)
    t0 = time.perf_counter()
    build_fixture.bouw(
        url,
        casussen=casussen,
        seed=args.seed,
        peil=build_fixture.vandaag(),
        uit=lambda regel: print(f"   {regel}", file=sys.stderr),
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute("CHECKPOINT")
        cursor.execute("SELECT count(*) FROM people_persoon")
        personen = cursor.fetchone()[0]
    laadtijd = time.perf_counter() - t0
    user = User.objects.get(username="casemanager")
    assert mag_zoeken(user)
    steekproef = steekproef_trekken(personen, args.seed)
    vraagjes = vragen(steekproef, args.n, random.Random(args.seed))
    belasting_voor = os.getloadavg()[0]
    r = meten(user, vraagjes, args.rondes)
    belasting_na = os.getloadavg()[0]
    k = kwaliteit(vragen(steekproef, args.n_kwaliteit, random.Random(args.seed + 1)))
    totaal, alleen = r["totaal"], r["alleen"]
    ronden = ", ".join(f"{p50:.2f}/{p95:.2f}" for p50, p95 in r["ronden"])  # type: ignore[attr-defined]
    blok = k["blok"]
    print(f"== {personen:>9,} persons ({casussen:,} casussen; built in {laadtijd:.0f} s)")
    print(
        f"   {args.rondes} rounds of {args.n}, p50/p95 ms per round: {ronden}; load average "
        f"{belasting_voor:.1f} → {belasting_na:.1f}; the figures below: the quietest round"
    )
    print(f"   look-up (service: candidates + casussen + audit + commit)  {_p(totaal)}")  # type: ignore[arg-type]
    print(f"   candidate search + ranking only                            {_p(alleen)}")  # type: ignore[arg-type]
    for soort, tijden in r["per_soort"].items():  # type: ignore[attr-defined]
        print(f"     {soort:<5} (n={len(tijden):3})  {_p(tijden)}")
    print(
        f"   quality over {k['typos']} other typo and {k['missers']} other miss queries: intended "
        f"person first {k['recall1']:.0%} (top score, ties included {k['bovenaan']:.0%}), in "
        f"the list {k['recall10']:.0%}; misses without any proposal {k['mis_leeg']:.0%}"
    )
    print(
        f"   candidate rows read per typo look-up: median {statistics.median(blok):.0f}, "  # type: ignore[arg-type]
        f"max {max(blok)}\n",  # type: ignore[arg-type]
        flush=True,
    )
    uitvoer = {
        "personen": personen,
        "totaal": [percentiel(totaal, 0.5), percentiel(totaal, 0.95)],  # type: ignore[arg-type]
        "alleen": [percentiel(alleen, 0.5), percentiel(alleen, 0.95)],  # type: ignore[arg-type]
    }
    if args.explain:
        typo = next(v for v in vraagjes if v.soort == "typo" and "postcode" in v.kwargs)
        uitvoer["explain"] = explain(typo)
    Path(args.uitvoer).write_text(json.dumps(uitvoer), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--personen", default="10000,1000000")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rondes", type=int, default=3, help="rounds of N; the quietest counts")
    parser.add_argument(
        "--n-kwaliteit", type=int, default=900, help="untimed queries for recall (same mix)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--een", type=int, help=argparse.SUPPRESS)  # one size (child process)
    parser.add_argument("--uitvoer", help=argparse.SUPPRESS)
    parser.add_argument("--explain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.een:
        args.personen = args.een
        een_grootte(args)
        return

    import psycopg

    groottes = sorted(int(g) for g in args.personen.split(","))
    with psycopg.connect(f"{args.server}/postgres") as conn:
        print(conn.execute("SELECT version()").fetchone()[0])
        instellingen = [
            f"{naam}={conn.execute(f'SHOW {naam}').fetchone()[0]}"
            for naam in ("shared_buffers", "synchronous_commit", "random_page_cost")
        ]
    print(", ".join(instellingen), f"; {os.cpu_count()} CPUs")
    print(f"N = {args.n} look-ups per size (1/3 BSN, 1/3 typo, 1/3 miss), seed {args.seed}\n")
    resultaten = []
    with tempfile.TemporaryDirectory() as tmp:
        for grootte in groottes:
            uitvoer = Path(tmp) / f"{grootte}.json"
            opdracht = [
                sys.executable,
                __file__,
                f"--een={grootte}",
                f"--uitvoer={uitvoer}",
                f"--server={args.server}",
                f"--n={args.n}",
                f"--rondes={args.rondes}",
                f"--seed={args.seed}",
                f"--n-kwaliteit={args.n_kwaliteit}",
            ]
            if grootte == groottes[-1]:
                opdracht.append("--explain")
            subprocess.run(opdracht, check=True)
            resultaten.append(json.loads(uitvoer.read_text(encoding="utf-8")))
    klein, groot = resultaten[0], resultaten[-1]
    naam = f"{groot['personen']:,}/{klein['personen']:,}"
    for label, sleutel in (("look-up", "totaal"), ("candidates only", "alleen")):
        for i, p in enumerate(("p50", "p95")):
            print(f"ratio {naam} {label:<16} {p} = {groot[sleutel][i] / klein[sleutel][i]:.2f}")
    print(
        f"\nEXPLAIN (ANALYZE, BUFFERS) at {groot['personen']:,} persons, the queries of one typo "
        "look-up (surname, birth date and postcode):\n"
    )
    print(groot["explain"])


if __name__ == "__main__":
    main()
