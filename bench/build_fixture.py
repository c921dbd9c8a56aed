"""Bulk benchmark fixture: N casussen (default 1,000,000) with their households, loaded into
PostgreSQL with COPY.

    .venv/bin/python bench/build_fixture.py --nieuw --database-url \\
        postgres://postgres@127.0.0.1:5432/zicht_bench_1m --casussen 1000000

What it loads, per casus: 2-5 persons (≈3.05 on average: two parents and 0-3 children) with an
address each (3% of victims also a secret shelter address), their betrokkene roles, partner and
parent-child relations, ouderlijk gezag over the children, 1-3 journaal items, one assignment
to a (synthetic) staff member, and an open task when the casus is open. The demo organisation
(teams, users per role) is loaded first through Django; the measured user, ``casemanager`` of
Team Alkmaar, also gets a realistic caseload of assignments.

BENCHMARK DATA, never real people: every casus number starts with ``BENCH-``, every journaal
text with ``[benchmark]``, and the database carries a comment saying so. The rows bypass the
services and the audit log on purpose.

How it is fast on a 2-core machine: the rows are generated with ``random.Random`` over small
precomputed pools (names drawn once from Faker, dates and times as precomputed strings, BSNs
from a permutation of the 8-digit prefixes), formatted straight into COPY text, and streamed by
one thread per table into its own connection, so Python and the PostgreSQL backends work at the
same time. The schema is the project's, migrated with ``zicht migrate``; no index or constraint
is dropped. Foreign keys are deferrable in Django's schema: each table's transaction commits in
dependency order, so PostgreSQL checks every reference at commit. ``ANALYZE`` runs at the end.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import psycopg

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/zicht_bench"
BENCH_PREFIX = "BENCH-"
#: Database names this script may drop and recreate (``--nieuw``): zicht_bench, zicht_bench_gen
#: and zicht_bench_<n>k / _<n>m; never another database (other benchmarks use zicht_bench_*).
WEGGOOIBAAR = re.compile(r"zicht_bench(_gen|_\d+[km])?")
N_STAF = 150
CHUNK = 10_000
NULL = "\\N"


def vandaag() -> date:
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def _getal(n: float) -> str:
    return f"{round(n):,}".replace(",", ".")


# --- The database ---------------------------------------------------------------------------


def _dbnaam(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def database_nieuw(url: str) -> None:
    """Drops and recreates the database of ``url`` (only one of :data:`WEGGOOIBAAR`)."""
    naam = _dbnaam(url)
    if not WEGGOOIBAAR.fullmatch(naam):
        raise SystemExit(
            f"Weigert database '{naam}' te vervangen: alleen zicht_bench, zicht_bench_gen en "
            "zicht_bench_<n>k of _<n>m."
        )
    beheer = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')
        conn.execute(
            f'COMMENT ON DATABASE "{naam}" IS \'Zicht BENCHMARKDATA (bench/build_fixture.py): '
            "synthetisch, geen echte personen; niet voor productie.'"
        )


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.test")
    import django

    django.setup()


# --- COPY ------------------------------------------------------------------------------------


def _tekst(field_: object, nu: str) -> str:
    """The COPY text of a column the generator does not fill: its default."""
    from django.db import models

    assert isinstance(field_, models.Field)
    if isinstance(field_, models.DateTimeField) and (field_.auto_now or field_.auto_now_add):
        return nu
    if field_.has_default():
        waarde = field_.get_default()
        if isinstance(waarde, bool):
            return "t" if waarde else "f"
        if isinstance(waarde, datetime):
            return nu
        return NULL if waarde is None else str(waarde)
    if field_.null:
        return NULL
    raise SystemExit(
        f"Kolom {field_.model._meta.db_table}.{field_.column} heeft geen standaardwaarde: "
        "vul haar in bench/build_fixture.py."
    )


@dataclass
class Tabel:
    """A table the fixture fills: the columns generated, then the rest with their defaults."""

    model: type
    kolommen: tuple[str, ...]
    nu: str
    naam: str = ""
    staart: str = ""
    alle: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        meta = self.model._meta
        self.naam = meta.db_table
        bekend = set(self.kolommen)
        rest = [f for f in meta.concrete_fields if f.column not in bekend]
        onbekend = bekend - {f.column for f in meta.concrete_fields}
        if onbekend:
            raise SystemExit(f"{self.naam}: kolommen bestaan niet (meer): {sorted(onbekend)}")
        self.alle = (*self.kolommen, *(f.column for f in rest))
        self.staart = "".join("\t" + _tekst(f, self.nu) for f in rest) + "\n"

    @property
    def copy_sql(self) -> str:
        return f"COPY {self.naam} ({', '.join(self.alle)}) FROM STDIN"


class Schrijver(threading.Thread):
    """Streams blocks of COPY text into one table over its own connection and transaction."""

    def __init__(self, url: str, tabel: Tabel, *, fk_achteraf: bool) -> None:
        super().__init__(name=f"copy-{tabel.naam}", daemon=True)
        self.tabel = tabel
        self.conn = psycopg.connect(url)
        self.conn.execute("SET synchronous_commit = off")
        if fk_achteraf:
            # No per-row foreign-key triggers in this session (superuser only); every foreign
            # key is checked afterwards in one query per key (fk_controleren).
            self.conn.execute("SET session_replication_role = replica")
        self.blokken: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.fout: BaseException | None = None
        self.rijen = 0

    def run(self) -> None:
        try:
            with self.conn.cursor() as cur, cur.copy(self.tabel.copy_sql) as copy:
                while (blok := self.blokken.get()) is not None:
                    copy.write(blok)
        except BaseException as fout:  # reported by the main thread
            self.fout = fout

    def stuur(self, regels: list[str]) -> None:
        if not regels:
            return
        staart = self.tabel.staart
        blok = (staart.join(regels) + staart).encode()
        self.rijen += len(regels)
        while True:
            if self.fout is not None:
                raise RuntimeError(f"COPY naar {self.tabel.naam} mislukt: {self.fout}")
            try:
                self.blokken.put(blok, timeout=0.5)
                return
            except queue.Full:
                continue

    def sluit(self) -> None:
        self.blokken.put(None)
        self.join()
        if self.fout is not None:
            raise RuntimeError(f"COPY naar {self.tabel.naam} mislukt: {self.fout}")


# --- Generating rows ------------------------------------------------------------------------

_TEKSTEN = (
    "Telefonisch contact met de melder over de zorgen in het gezin.",
    "Huisbezoek; veiligheidsafspraken doorgenomen met beide ouders.",
    "Overleg veiligheidsbeoordeling met de gedragsdeskundige (vier ogen).",
    "Gesprek met de moeder op kantoor over het veiligheidsplan.",
    "Netwerkoverleg met het wijkteam; afspraken over toezicht vastgelegd.",
    "Monitoringscontact: de afspraken worden nagekomen.",
    "Informatie opgevraagd bij de huisarts en de school.",
    "Warme overdracht aan de jeugdhulpaanbieder besproken.",
)
_SLACHTOFFER, _PLEGER = "vermoedelijk_slachtoffer", "vermoedelijk_pleger"
_SOORTEN = ("telefonisch", "huisbezoek", "overleg", "gesprek", "overleg", "telefonisch")


@dataclass
class Pools:
    vrouw: tuple[str, ...]
    man: tuple[str, ...]
    achternamen: tuple[tuple[str, str, str], ...]  # (tussenvoegsel, achternaam, naam_sleutel)
    gemeente_tabel: tuple[str, ...]  # 1000 cbs codes, by population
    team_van: dict[str, int]
    adressen: dict[str, tuple[tuple[str, str, str, str], ...]]  # per gemeente


def pools(seed: int, peil: date) -> Pools:
    from faker import Faker

    from zicht.accounts.models import Team
    from zicht.demo.households import VERVOLGTEAMS
    from zicht.demo.people import Namen
    from zicht.demo.places import AdresPlan, GemeenteKeuze, Straten, team_voor_gemeente
    from zicht.people.domain.names import naam_sleutel
    from zicht.people.models import Gemeente

    faker = Faker("nl_NL")
    faker.seed_instance(seed)
    namen = Namen(faker)
    straten = Straten(faker)
    rng = random.Random(seed)
    keuze = GemeenteKeuze(list(Gemeente.objects.order_by("cbs_code")))
    gewichten = keuze.gewichten(peil)
    totaal = sum(w for _, w in gewichten)
    tabel: list[str] = []
    for gemeente, gewicht in gewichten:
        tabel += [gemeente.cbs_code] * round(1000 * gewicht / totaal)
    tabel = (tabel + [gewichten[0][0].cbs_code] * 1000)[:1000]
    teams = [Team.objects.get(naam=n) for n in VERVOLGTEAMS]
    team_van = {g.cbs_code: team_voor_gemeente(g, teams).pk for g, _ in gewichten}
    adressen = {
        g.cbs_code: tuple(
            (a.straat, a.huisnummer, a.postcode, a.woonplaats)
            for a in (AdresPlan.maak(rng, g, straten) for _ in range(2000))
        )
        for g, _ in gewichten
    }
    return Pools(
        vrouw=namen.vrouw,
        man=namen.man,
        achternamen=tuple((tv, an, naam_sleutel(an, tv)) for tv, an in namen.achternamen),
        gemeente_tabel=tuple(tabel),
        team_van=team_van,
        adressen=adressen,
    )


def _bsn(prefix: int) -> str:
    """The BSN with these 8 leading digits, or "" when no check digit makes it valid."""
    p, som = prefix, 0
    for gewicht in (2, 3, 4, 5, 6, 7, 8, 9):
        som += (p % 10) * gewicht
        p //= 10
    controle = som % 11
    return "" if controle == 10 else f"{prefix}{controle}"


@dataclass
class Ids:
    casus: int
    persoon: int
    adres: int
    relatie: int
    gezag: int
    betrokkene: int
    journaal: int
    medewerker: int
    taak: int


@dataclass
class Uitvoer:
    regels: dict[str, list[str]] = field(default_factory=dict)

    def __getitem__(self, tabel: str) -> list[str]:
        return self.regels.setdefault(tabel, [])


class Bouwer:
    """Generates the COPY lines of the casussen ``[start, eind)``, deterministically."""

    def __init__(
        self,
        *,
        seed: int,
        n: int,
        peil: date,
        pools: Pools,
        ids: Ids,
        staf: list[int],
        casemanager: int,
    ) -> None:
        self.seed = seed
        self.n = n
        self.pools = pools
        self.ids = ids
        self.staf = staf
        self.casemanager = casemanager
        self.peil = peil
        self.eerste = peil - timedelta(days=20 * 365)  # 20 years of retention
        self.span = (peil - self.eerste).days
        basis = date(1900, 1, 1)
        self.basis = basis.toordinal()
        self.datum = [
            (basis + timedelta(days=d)).isoformat() for d in range((peil - basis).days + 400)
        ]
        self.minuut = [f" {m // 60:02d}:{m % 60:02d}:00+00" for m in range(1440)]
        self.open_vanaf = (peil - timedelta(days=540)).toordinal()
        self.caseload = 0

    def _dag(self, ordinaal: int) -> str:
        return self.datum[ordinaal - self.basis]

    def _moment(self, ordinaal: int, minuut: int) -> str:
        return self.datum[ordinaal - self.basis] + self.minuut[minuut]

    def chunk(self, start: int, eind: int) -> Uitvoer:
        rng = random.Random(f"{self.seed}:{start}")
        r = rng.random
        uit = Uitvoer()
        casus_r, persoon_r, adres_r = uit["casus"], uit["persoon"], uit["adres"]
        relatie_r, gezag_r, betrokkene_r = uit["relatie"], uit["gezag"], uit["betrokkene"]
        journaal_r, medewerker_r, taak_r = uit["journaal"], uit["medewerker"], uit["taak"]
        p = self.pools
        ids = self.ids
        eerste = self.eerste.toordinal()
        peil = self.peil.toordinal()
        vrouw, man, achternamen = p.vrouw, p.man, p.achternamen
        n_v, n_m, n_a = len(vrouw), len(man), len(achternamen)
        staf, n_staf = self.staf, len(self.staf)
        for i in range(start, eind):
            cid = ids.casus + i
            d0 = eerste + (i * self.span) // self.n
            minuut = 510 + int(r() * 540) if r() < 0.7 else int(r() * 1440)
            gemeente = p.gemeente_tabel[int(r() * 1000)]
            team = p.team_van[gemeente]
            # Recent casussen are open half of the time, the last fortnight's always.
            open_ = (d0 >= self.open_vanaf and r() < 0.5) or d0 >= peil - 14
            if open_:
                gesloten, status = NULL, "open"
            else:
                dicht = min(d0 + 10 + int(r() * 600), peil - 1)
                gesloten, status = self._moment(dicht, 600 + int(r() * 400)), "gesloten"
            geopend = self._moment(d0, minuut)
            casus_r.append(
                f"{cid}\t{BENCH_PREFIX}{i + 1:010d}\t{team}\t{status}\t{geopend}\t"
                f"{gesloten}\t{gemeente}"
            )

            # The household: two parents and 0-3 children.
            x = r()
            kinderen = 0 if x < 0.35 else 1 if x < 0.7 else 2 if x < 0.9 else 3
            moeder_jaren = 20 + int(r() * 26)
            moeder = d0 - moeder_jaren * 365 - int(r() * 365)
            vader = moeder - int(r() * 2500) + 700
            tv_m, an_m, ns_m = achternamen[int(r() * n_a)]
            tv_v, an_v, ns_v = achternamen[int(r() * n_a)]
            leden = [
                (moeder, "V", vrouw[int(r() * n_v)], tv_m, an_m, ns_m, _SLACHTOFFER),
                (vader, "M", man[int(r() * n_m)], tv_v, an_v, ns_v, _PLEGER),
            ]
            vroegst = max(moeder, vader) + 18 * 366
            laatst = d0 - 30
            geboren = max(vroegst, d0 - 17 * 365)
            for _ in range(kinderen):
                if geboren > laatst:
                    break
                geboren = geboren + int(r() * min(1500, laatst - geboren + 1))
                geslacht = "V" if r() < 0.5 else "M"
                voornaam = vrouw[int(r() * n_v)] if geslacht == "V" else man[int(r() * n_m)]
                leden.append((geboren, geslacht, voornaam, tv_v, an_v, ns_v, "kind"))
                geboren += 330
            adres = p.adressen[gemeente][int(r() * 2000)]
            intrek = min(max(vroegst, d0 - 400 - int(r() * 4000)), d0 - 1)
            pids = []
            for nr, (dag, geslacht, voornaam, tv, an, ns, rol) in enumerate(leden):
                pid = ids.persoon
                ids.persoon += 1
                pids.append(pid)
                datum = self._dag(dag)
                jaar = int(datum[:4])
                if r() < 0.04 and nr < 2:
                    maand = dagnr = NULL
                    vroegst_tekst = f"{jaar}-01-01"
                else:
                    maand, dagnr = str(int(datum[5:7])), str(int(datum[8:10]))
                    vroegst_tekst = datum
                bsn = "" if r() < 0.08 else _bsn(10_000_000 + (pid * 7_368_787) % 90_000_000)
                persoon_r.append(
                    f"{pid}\t{bsn}\t{voornaam}\t{tv}\t{an}\t{jaar}\t{maand}\t{dagnr}\t"
                    f"{vroegst_tekst}\tf\t{NULL}\t{geslacht}\t{ns}\t{ns}:{jaar:04d}\t{gemeente}"
                )
                van = self._dag(max(intrek, dag))
                adres_r.append(
                    f"{ids.adres}\t{pid}\t{adres[0]}\t{adres[1]}\t{adres[2]}\t{adres[3]}\t"
                    f"{gemeente}\tf\t{van}\t{NULL}"
                )
                ids.adres += 1
                betrokkene_r.append(f"{ids.betrokkene}\t{cid}\t{pid}\t{rol}")
                ids.betrokkene += 1
            if r() < 0.03:  # the victim in a shelter: a secret address elsewhere
                ander = p.gemeente_tabel[int(r() * 1000)]
                geheim = p.adressen[ander][int(r() * 2000)]
                adres_r.append(
                    f"{ids.adres}\t{pids[0]}\t{geheim[0]}\t{geheim[1]}\t{geheim[2]}\t"
                    f"{geheim[3]}\t{ander}\tt\t{self._dag(d0 + 5)}\t{NULL}"
                )
                ids.adres += 1
            relatie_r.append(f"{ids.relatie}\t{pids[0]}\t{pids[1]}\tpartner")
            ids.relatie += 1
            for k in range(2, len(leden)):
                kind_van = self._dag(leden[k][0])
                for ouder in (0, 1):
                    relatie_r.append(f"{ids.relatie}\t{pids[ouder]}\t{pids[k]}\touder_kind")
                    ids.relatie += 1
                    gezag_r.append(
                        f"{ids.gezag}\t{pids[k]}\t{pids[ouder]}\touderlijk_gezag\t"
                        f"{kind_van}\t{NULL}"
                    )
                    ids.gezag += 1

            # Journaal, the assignment, and an open task.
            for j in range(1 + int(r() * 3)):
                dag = min(d0 + j * (1 + int(r() * 20)), peil - 1)
                moment = self._moment(dag, 540 + int(r() * 480))
                tekst = _TEKSTEN[int(r() * len(_TEKSTEN))]
                auteur = staf[int(r() * n_staf)]
                journaal_r.append(
                    f"{ids.journaal}\t{cid}\t{_SOORTEN[j % len(_SOORTEN)]}\t{auteur}\t{moment}\t"
                    f"{moment}\t[benchmark] {tekst}\tf\t{NULL}"
                )
                ids.journaal += 1
            tot = NULL if open_ else gesloten[:10]
            medewerker_r.append(
                f"{ids.medewerker}\t{cid}\t{staf[int(r() * n_staf)]}\tcasemanager\t"
                f"{self._dag(d0)}\t{tot}"
            )
            ids.medewerker += 1
            if open_ and self.caseload < 24 and r() < 0.02:
                # The measured casemanager's caseload (also outside the own team).
                self.caseload += 1
                medewerker_r.append(
                    f"{ids.medewerker}\t{cid}\t{self.casemanager}\tcasemanager\t"
                    f"{self._dag(d0)}\t{NULL}"
                )
                ids.medewerker += 1
            elif not open_ and r() < 0.002:
                medewerker_r.append(
                    f"{ids.medewerker}\t{cid}\t{self.casemanager}\tcasemanager\t"
                    f"{self._dag(d0)}\t{tot}"
                )
                ids.medewerker += 1
            if open_:
                deadline = max(d0, peil - 10 + int(r() * 60))
                taak_r.append(
                    f"{ids.taak}\t{cid}\tBesluit veiligheidsbeoordeling\tvb_besluit\t"
                    f"{self._dag(d0)}\t{self._dag(deadline)}\t{self._dag(deadline)}\t"
                    f"{staf[int(r() * n_staf)]}\t{self.casemanager}"
                )
                ids.taak += 1
        return uit


# --- Loading --------------------------------------------------------------------------------


def _volgende_id(conn: psycopg.Connection, tabel: str) -> int:
    rij = conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {tabel}").fetchone()
    return int(rij[0]) if rij else 1


def _mag_fk_achteraf(url: str) -> bool:
    with psycopg.connect(url) as conn:
        rij = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
        return bool(rij and rij[0])


def fk_controleren(url: str, tabellen: list[str]) -> int:
    """Checks every foreign key of ``tabellen`` with one anti-join each; returns the count of
    keys checked and raises when a row points nowhere."""
    sql = """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
        ORDER BY 1, 2
    """
    with psycopg.connect(url, autocommit=True) as conn:
        sleutels = conn.execute(sql, (tabellen,)).fetchall()
        for tabel, kolom, doel, doelkolom in sleutels:
            wees = conn.execute(
                f"SELECT count(*) FROM {tabel} t WHERE t.{kolom} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {doel} d WHERE d.{doelkolom} = t.{kolom})"
            ).fetchone()
            if wees and wees[0]:
                raise SystemExit(f"{tabel}.{kolom}: {wees[0]} rijen verwijzen niet naar {doel}.")
    return len(sleutels)


def organisatie_en_staf(n_staf: int = N_STAF) -> tuple[list[int], int]:
    """The demo organisation through Django, plus synthetic staff who wrote the history."""
    from django.contrib.auth.hashers import make_password

    from zicht.accounts.models import User
    from zicht.demo.organisation import organisation_load

    organisation_load()
    bestaand = set(
        User.objects.filter(username__startswith="bench-").values_list("username", flat=True)
    )
    wachtwoord = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=f"bench-medewerker-{i:03d}",
                first_name="Bench",
                last_name=f"Medewerker {i:03d}",
                password=wachtwoord,
            )
            for i in range(1, n_staf + 1)
            if f"bench-medewerker-{i:03d}" not in bestaand
        ]
    )
    staf = list(
        User.objects.filter(username__startswith="bench-medewerker-")
        .order_by("username")
        .values_list("pk", flat=True)
    )
    return staf, User.objects.get(username="casemanager").pk


def bouw(
    url: str,
    *,
    casussen: int,
    seed: int,
    peil: date,
    chunk: int = CHUNK,
    uit: Callable[[str], None] = print,
) -> dict[str, float]:
    """Loads the fixture into the migrated database at ``url``; returns the figures."""
    from django.utils import timezone

    from zicht.casework.models import Betrokkene, Casus, CasusMedewerker, JournaalItem, Taak
    from zicht.people.models import Adres, Gezag, Persoon, Relatie

    begin = time.perf_counter()
    staf, casemanager = organisatie_en_staf()
    p = pools(seed, peil)
    nu = timezone.now().isoformat()
    tabellen = {
        "casus": Tabel(
            Casus,
            ("id", "nummer", "team_id", "status", "geopend_op", "gesloten_op", "gemeente_id"),
            nu,
        ),
        "persoon": Tabel(
            Persoon,
            (
                "id",
                "bsn",
                "voornamen",
                "tussenvoegsel",
                "achternaam",
                "geboortedatum_jaar",
                "geboortedatum_maand",
                "geboortedatum_dag",
                "geboortedatum_vroegst",
                "ongeboren",
                "verwachte_geboortedatum",
                "geslacht",
                "naam_sleutel",
                "zoeksleutel",
                "gemeente_id",
            ),
            nu,
        ),
        "adres": Tabel(
            Adres,
            (
                "id",
                "persoon_id",
                "straat",
                "huisnummer",
                "postcode",
                "woonplaats",
                "gemeente_id",
                "geheim",
                "geldig_van",
                "geldig_tot",
            ),
            nu,
        ),
        "relatie": Tabel(Relatie, ("id", "persoon_a_id", "persoon_b_id", "soort"), nu),
        "gezag": Tabel(Gezag, ("id", "kind_id", "gezaghebbende_id", "soort", "van", "tot"), nu),
        "betrokkene": Tabel(Betrokkene, ("id", "casus_id", "persoon_id", "rol"), nu),
        "journaal": Tabel(
            JournaalItem,
            (
                "id",
                "casus_id",
                "soort",
                "auteur_id",
                "moment",
                "vastgelegd_op",
                "tekst",
                "medisch",
                "corrigeert_id",
            ),
            nu,
        ),
        "medewerker": Tabel(
            CasusMedewerker, ("id", "casus_id", "user_id", "rol", "van", "tot"), nu
        ),
        "taak": Tabel(
            Taak,
            (
                "id",
                "casus_id",
                "omschrijving",
                "termijn_code",
                "start",
                "oorspronkelijke_deadline",
                "deadline",
                "toegewezen_aan_id",
                "aangemaakt_door_id",
            ),
            nu,
        ),
    }
    with psycopg.connect(url) as conn:
        if conn.execute(
            "SELECT 1 FROM casework_casus WHERE nummer LIKE %s LIMIT 1", (BENCH_PREFIX + "%",)
        ).fetchone():
            raise SystemExit("Deze database bevat al benchmarkdata: gebruik --nieuw.")
        ids = Ids(*(_volgende_id(conn, t.naam) for t in tabellen.values()))
        staf.sort()
        bouwer = Bouwer(
            seed=seed, n=casussen, peil=peil, pools=p, ids=ids, staf=staf, casemanager=casemanager
        )
    voorbereid = time.perf_counter() - begin
    fk_achteraf = _mag_fk_achteraf(url)
    schrijvers = {naam: Schrijver(url, t, fk_achteraf=fk_achteraf) for naam, t in tabellen.items()}
    for s in schrijvers.values():
        s.start()
    laden = time.perf_counter()
    try:
        for start in range(0, casussen, chunk):
            blok = bouwer.chunk(start, min(start + chunk, casussen))
            for naam, regels in blok.regels.items():
                schrijvers[naam].stuur(regels)
            klaar = min(start + chunk, casussen)
            if klaar % (chunk * 10) == 0 or klaar == casussen:
                rijen = sum(s.rijen for s in schrijvers.values())
                duur = time.perf_counter() - laden
                uit(
                    f"  {_getal(klaar)} casussen, {_getal(rijen)} rijen, "
                    f"{_getal(rijen / duur)} rijen/s"
                )
        for s in schrijvers.values():
            s.sluit()
        gestreamd = time.perf_counter() - laden
        # Parents first: without fk_achteraf the deferred foreign keys of the other tables are
        # checked row by row at their commit.
        for naam in ("casus", "persoon", *(n for n in schrijvers if n not in ("casus", "persoon"))):
            schrijvers[naam].conn.commit()
    finally:
        for s in schrijvers.values():
            s.conn.close()
    gecontroleerd = 0
    if fk_achteraf:
        gecontroleerd = fk_controleren(url, [t.naam for t in tabellen.values()])
    geladen = time.perf_counter() - laden
    with psycopg.connect(url, autocommit=True) as conn:
        for t in tabellen.values():
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{t.naam}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {t.naam}))"
            )
        analyse = time.perf_counter()
        conn.execute("ANALYZE")
        analyse = time.perf_counter() - analyse
    totaal_rijen = sum(s.rijen for s in schrijvers.values())
    totaal = time.perf_counter() - begin
    uit(
        f"Geladen: {_getal(casussen)} casussen, {_getal(totaal_rijen)} rijen in {geladen:.1f} s "
        f"(streamen {gestreamd:.1f} s, commit en controle van {gecontroleerd or 'alle'} "
        f"verwijzingen {geladen - gestreamd:.1f} s) = "
        f"{_getal(totaal_rijen / geladen)} rijen/s; ANALYZE {analyse:.1f} s; totaal {totaal:.1f} s."
    )
    for naam, s in schrijvers.items():
        uit(f"  {tabellen[naam].naam}: {_getal(s.rijen)}")
    return {
        "casussen": casussen,
        "rijen": totaal_rijen,
        "voorbereiden_s": voorbereid,
        "laden_s": geladen,
        "streamen_s": gestreamd,
        "analyse_s": analyse,
        "totaal_s": totaal,
        "rijen_per_s": totaal_rijen / geladen,
    }


def migreren() -> None:
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", STANDAARD_URL))
    parser.add_argument("--casussen", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--peil", type=date.fromisoformat, default=vandaag())
    parser.add_argument("--chunk", type=int, default=CHUNK)
    parser.add_argument(
        "--nieuw",
        action="store_true",
        help="database (alleen zicht_bench[_gen|_<n>k|_<n>m]) weggooien, maken en migreren",
    )
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("De fixture laadt alleen in PostgreSQL (COPY).")
    begin = time.perf_counter()
    if args.nieuw:
        database_nieuw(args.database_url)
    django_setup(args.database_url)
    if args.nieuw:
        migreren()
        duur = time.perf_counter() - begin
        print(f"Database {_dbnaam(args.database_url)} aangemaakt en gemigreerd ({duur:.1f} s).")
    bouw(
        args.database_url,
        casussen=args.casussen,
        seed=args.seed,
        peil=args.peil,
        chunk=args.chunk,
    )


if __name__ == "__main__":
    main()
