"""Reads of reporting: the CBS records of a period (streamed in chunks), the validation
checks on them, the municipal report, the board report and the dashboard figures.

Reporting reads only. Aggregates (municipal, board, dashboard) return counts, never rows,
and are built from :mod:`zicht.reporting.measures`. The CBS records carry the personal
identifiers the protocol requires (BSN, birth date, sex of betrokkenen) and are only read by
an export job requested by a user holding ``cbs_aanleveren``.
"""

from __future__ import annotations

import queue
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, connections
from django.db.models import BooleanField, Count, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from zicht.assessment.domain.tijdigheid import NORM_VB, NORM_VERVOLG, Tijdigheid
from zicht.assessment.models import Besluit, Veiligheidsbeoordeling
from zicht.diensten.models import Dienst
from zicht.intake.models import Advies, Melding, MeldingBetrokkene
from zicht.people.domain.bsn import elfproef
from zicht.people.models import Gemeente
from zicht.reporting import measures
from zicht.reporting.domain import cbs_formaat as f
from zicht.reporting.domain.onthulling import Cel, groep_beschermen, totaal_beschermen
from zicht.reporting.domain.perioden import Periode
from zicht.reporting.measures import Filter, dienst_heeft_einde, model_of_none, periode_momenten

CHUNK = 2000


# --- gemeenten -------------------------------------------------------------------------------


def gemeente_opvolgers() -> dict[str, str]:
    """Every stored gemeente code → the code of today's municipality (merged ones followed to
    their latest successor, e.g. Heerhugowaard GM0398 → Dijk en Waard GM1980)."""
    rijen = dict(Gemeente.objects.values_list("cbs_code", "opgevolgd_door_id"))
    uit: dict[str, str] = {}
    for code in rijen:
        huidig, gezien = code, set()
        while rijen.get(huidig) and huidig not in gezien:
            gezien.add(huidig)
            huidig = rijen[huidig]
        uit[code] = huidig
    return uit


def gemeente_met_voorgangers(code: str) -> tuple[str, ...]:
    """The code and every old code that now maps to it."""
    return tuple(sorted(c for c, opvolger in gemeente_opvolgers().items() if opvolger == code))


def gemeenten_huidig() -> list[Gemeente]:
    return list(Gemeente.objects.filter(opgevolgd_door__isnull=True).order_by("naam"))


# --- CBS records -----------------------------------------------------------------------------


@dataclass
class Bevinding:
    niveau: str  # "fout" | "waarschuwing"
    regel: str
    tekst: str
    recordsoort: str
    sleutel: str
    casus_id: int | None = None
    casus_nummer: str = ""

    def als_dict(self) -> dict[str, Any]:
        return {
            "niveau": self.niveau,
            "regel": self.regel,
            "tekst": self.tekst,
            "recordsoort": self.recordsoort,
            "sleutel": self.sleutel,
            "casus_id": self.casus_id,
            "casus_nummer": self.casus_nummer,
        }


@dataclass
class Record:
    soort: str
    waarden: dict[str, object]
    bevindingen: list[Bevinding] = field(default_factory=list)


def cbs_aantallen(periode: Periode) -> dict[str, int]:
    """The number of main records (A, M, O, W) of the period: the progress total."""
    van, tot = periode_momenten(periode)
    uit = {
        "A": Advies.objects.filter(ontvangen_op__gte=van, ontvangen_op__lt=tot).count(),
        "M": Veiligheidsbeoordeling.objects.filter(
            besloten_datum__gte=periode.start, besloten_datum__lte=periode.eind
        ).count(),
    }
    for code, soort in (("O", "onderzoek"), ("W", "voorwaarden_en_vervolg")):
        uit[code] = measures.vervolg_afgesloten(periode, soort).count()
    return uit


def _chunks(qs: Any, velden: tuple[str, ...]) -> Iterator[tuple[list[dict[str, Any]], Q]]:
    """The rows in ``pk`` order, in lists of :data:`CHUNK`: one query, streamed (a
    server-side cursor on PostgreSQL), so memory stays flat and the database reads the
    period once (keyset pages re-scanned the pk index with the period as a filter).
    Yields the rows and the pk range of the chunk (``lo <= pk <= hi``)."""
    rijen: list[dict[str, Any]] = []
    for rij in qs.order_by("pk").values("pk", *velden).iterator(chunk_size=CHUNK):
        rijen.append(rij)
        if len(rijen) == CHUNK:
            yield rijen, Q(pk__gte=rijen[0]["pk"], pk__lte=rijen[-1]["pk"])
            rijen = []
    if rijen:
        yield rijen, Q(pk__gte=rijen[0]["pk"], pk__lte=rijen[-1]["pk"])


def _vooruit(bron: Iterator[Any], *, diepte: int = 2) -> Iterator[Any]:
    """Reads ``bron`` (chunks from the database) one or two chunks ahead in a thread with its
    own connection, so that PostgreSQL fetches the next chunk while Python writes this one.
    The thread starts at once (not at the first ``next``), so a section can be read while the
    one before it is written. Memory stays bounded (``diepte`` chunks). The thread stops when
    the returned iterator is closed or dropped. On other databases (SQLite: one writer, and a
    test's transaction is invisible to a second connection) it simply iterates."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return bron
    wachtrij: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=diepte)
    stop = threading.Event()

    def leggen(soort: str, item: Any) -> bool:
        """Puts into the queue, waiting while it is full; False once the reader stopped."""
        while not stop.is_set():
            try:
                wachtrij.put((soort, item), timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def lezen() -> None:
        try:
            for item in bron:
                if not leggen("item", item):
                    return
            leggen("einde", None)
        except BaseException as fout:  # handed to the reader, raised there
            leggen("fout", fout)
        finally:
            connections.close_all()

    def uit() -> Iterator[Any]:
        try:
            while True:
                soort, item = wachtrij.get()
                if soort == "einde":
                    return
                if soort == "fout":
                    raise item
                yield item
        finally:
            stop.set()

    draad = threading.Thread(target=lezen, name="rapportage-vooruit", daemon=True)
    draad.start()
    lezer = uit()
    weakref.finalize(lezer, stop.set)  # also when it is dropped without being started
    return lezer


def _ids(model: Any, kolom: str, ids: list[int]) -> Q | RawSQL:
    """The rows of ``model`` whose ``kolom`` is one of ``ids`` (the ids of one chunk). On
    PostgreSQL as ``kolom = ANY(array)``: one parameter instead of 2000 that Django and the
    driver each handle one by one; an index lookup per id either way."""
    if connection.vendor != "postgresql":
        return Q(**{f"{kolom}__in": ids})
    tabel = connection.ops.quote_name(model._meta.db_table)
    veld = connection.ops.quote_name(model._meta.get_field(kolom).column)
    # identifiers from the model's meta, quoted; the ids are a bound parameter
    return RawSQL(f"{tabel}.{veld} = ANY(%s)", (ids,), output_field=BooleanField())  # noqa: S611


def _code_teksten() -> dict[int, str]:
    from zicht.intake.models import Code

    return dict(Code.objects.values_list("pk", "code"))


def _codes(
    through: Any, kolom: str, voorwaarde: Q | RawSQL, teksten: dict[int, str]
) -> dict[int, list[str]]:
    """The codes per owner (``kolom``) of the through rows meeting ``voorwaarde``, sorted."""
    uit: dict[int, list[str]] = defaultdict(list)
    for eigenaar, code_id in through.objects.filter(voorwaarde).values_list(kolom, "code_id"):
        uit[eigenaar].append(teksten[code_id])
    for codes in uit.values():
        codes.sort()
    return uit


def _meervoud(
    prefix: str, codes: list[str], aantal: int, record: Record, *, verplicht: bool, wat: str
) -> None:
    for i, code in enumerate(codes[:aantal], start=1):
        record.waarden[f"{prefix}{i}"] = code
    if not codes and verplicht:
        record.bevindingen.append(
            Bevinding("fout", f"{prefix}_ontbreekt", f"Geen {wat} vastgelegd.", record.soort, "")
        )
    if len(codes) > aantal:
        record.bevindingen.append(
            Bevinding(
                "waarschuwing",
                f"{prefix}_te_veel",
                f"{len(codes)} codes {wat}; het formaat heeft plaats voor {aantal}, "
                f"de eerste {aantal} worden geleverd.",
                record.soort,
                "",
            )
        )


def _ja(waarde: bool | None) -> str:
    return "J" if waarde else "N"


def cbs_records(periode: Periode) -> Iterator[Record]:
    """Every record of the CBS delivery of ``periode`` except the header and trailer, in
    file order (A, then M each followed by its P, then O each followed by its U, then W),
    read in chunks of :data:`CHUNK` (memory does not grow with the period)."""
    opvolgers = gemeente_opvolgers()
    teksten = _code_teksten()
    zone = timezone.get_current_timezone()
    van, tot = periode_momenten(periode)
    through_aanl_a, through_aard_a = Advies.aanleidingen.through, Advies.aarden.through
    in_periode = Q(ontvangen_op__gte=van, ontvangen_op__lt=tot)
    # Every section's read-ahead starts now (on PostgreSQL each in its own thread), so the
    # database runs the next section's query while Python writes this one.
    meldingen = _melding_records(periode, opvolgers, teksten)
    onderzoeken = _vervolg_records(periode, "onderzoek", "O")
    vv = _vervolg_records(periode, "voorwaarden_en_vervolg", "W")

    def advies_chunks() -> Iterator[tuple[Any, Any, Any]]:
        for rijen, _bereik in _chunks(
            Advies.objects.filter(in_periode),
            ("ontvangen_op", "adviesvrager__hoedanigheid__code"),
        ):
            # the chunk's own ids: an index lookup per id (a join on the period and pk range
            # made PostgreSQL scan the whole through table for every chunk)
            ids = [r["pk"] for r in rijen]
            aanl = _codes(through_aanl_a, "advies_id", _ids(through_aanl_a, "advies", ids), teksten)
            aard = _codes(through_aard_a, "advies_id", _ids(through_aard_a, "advies", ids), teksten)
            yield rijen, aanl, aard

    for rijen, aanl, aard in _vooruit(advies_chunks()):
        for r in rijen:
            rec = Record(
                "A",
                {
                    "advies_id": r["pk"],
                    "datum": f.datum(r["ontvangen_op"].astimezone(zone).date()),
                    "hoedanigheid": r["adviesvrager__hoedanigheid__code"],
                },
            )
            _meervoud(
                "aanleiding",
                aanl.get(r["pk"], []),
                f.AANTAL_AANLEIDING,
                rec,
                verplicht=True,
                wat="aanleiding",
            )
            _meervoud(
                "aard", aard.get(r["pk"], []), f.AANTAL_AARD, rec, verplicht=False, wat="aard"
            )
            for b in rec.bevindingen:
                b.sleutel = f"A-{r['pk']:06d}"
            yield rec

    yield from meldingen
    yield from onderzoeken
    yield from vv


def _melding_records(
    periode: Periode, opvolgers: dict[str, str], teksten: dict[int, str]
) -> Iterator[Record]:
    through_aanl, through_aard = Melding.aanleidingen.through, Melding.aarden.through
    in_periode = Q(besloten_datum__gte=periode.start, besloten_datum__lte=periode.eind)
    qs = Veiligheidsbeoordeling.objects.filter(in_periode)
    zone = timezone.get_current_timezone()
    velden = (
        "melding_id",
        "besloten_datum",
        "op_tijd",
        "acuut",
        "melding__ontvangen_op",
        "melding__soort_cbs",
        "melding__casus_id",
        "melding__casus__nummer",
        "melding__casus__gemeente_id",
        "melding__melder__hoedanigheid__code",
    )

    def melding_chunks() -> Iterator[tuple[Any, ...]]:
        for rijen, _bereik in _chunks(qs, velden):
            # the chunk's own ids (see advies_chunks); a melding has one beoordeling
            besluit: dict[int, str] = {}
            for vb_id, soort in (
                Besluit.objects.filter(
                    _ids(Besluit, "beoordeling", [r["pk"] for r in rijen]), status="bevestigd"
                )
                .order_by("beoordeling_id", "beoordeeld_op", "pk")
                .values_list("beoordeling_id", "soort")
            ):
                besluit[vb_id] = soort
            melding_ids = [r["melding_id"] for r in rijen]
            aanl = _codes(
                through_aanl, "melding_id", _ids(through_aanl, "melding", melding_ids), teksten
            )
            aard = _codes(
                through_aard, "melding_id", _ids(through_aard, "melding", melding_ids), teksten
            )
            personen: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for p in (
                MeldingBetrokkene.objects.filter(_ids(MeldingBetrokkene, "melding", melding_ids))
                .order_by("melding_id", "pk")
                .values(
                    "melding_id",
                    "betrokkene__rol",
                    "betrokkene__persoon_id",
                    "betrokkene__persoon__bsn",
                    "betrokkene__persoon__geboortedatum_jaar",
                    "betrokkene__persoon__geboortedatum_maand",
                    "betrokkene__persoon__geboortedatum_dag",
                    "betrokkene__persoon__ongeboren",
                    "betrokkene__persoon__geslacht",
                )
            ):
                personen[p["melding_id"]].append(p)
            yield rijen, besluit, aanl, aard, personen

    chunks = _vooruit(melding_chunks())  # reading starts now, see cbs_records

    def records() -> Iterator[Record]:
        for rijen, besluit, aanl, aard, personen in chunks:
            for r in rijen:
                m_id, casus_id = r["melding_id"], r["melding__casus_id"]
                sleutel = f"M-{m_id:06d}"
                ontvangen = r["melding__ontvangen_op"].astimezone(zone).date()
                gemeente = r["melding__casus__gemeente_id"]
                rec = Record(
                    "M",
                    {
                        "melding_id": m_id,
                        "casus_id": casus_id,
                        "datum": f.datum(ontvangen),
                        "datum_besluit": f.datum(r["besloten_datum"]),
                        "soort_melding": f.SOORT_MELDING.get(r["melding__soort_cbs"], ""),
                        "hoedanigheid": r["melding__melder__hoedanigheid__code"],
                        "vervolg": f.VERVOLG_MELDING.get(besluit.get(r["pk"], ""), ""),
                        "acuut": _ja(r["acuut"]),
                        "op_tijd": _ja(r["op_tijd"]),
                        "gemeente": opvolgers.get(gemeente, gemeente) if gemeente else "",
                    },
                )
                _meervoud(
                    "aanleiding",
                    aanl.get(m_id, []),
                    f.AANTAL_AANLEIDING,
                    rec,
                    verplicht=True,
                    wat="aanleiding",
                )
                _meervoud(
                    "aard", aard.get(m_id, []), f.AANTAL_AARD, rec, verplicht=True, wat="aard"
                )
                if not rec.waarden["vervolg"]:
                    rec.bevindingen.append(
                        Bevinding(
                            "fout",
                            "besluit_ontbreekt",
                            "Beoordeling besloten zonder bevestigd besluit.",
                            "M",
                            sleutel,
                        )
                    )
                if not gemeente:
                    rec.bevindingen.append(
                        Bevinding(
                            "waarschuwing",
                            "gemeente_ontbreekt",
                            "Geen woongemeente bij de casus.",
                            "M",
                            sleutel,
                        )
                    )
                if r["besloten_datum"] < ontvangen:
                    rec.bevindingen.append(
                        Bevinding(
                            "fout",
                            "besluit_voor_ontvangst",
                            "Besluit is gedateerd vóór de ontvangst van de melding.",
                            "M",
                            sleutel,
                        )
                    )
                if not rec.waarden["soort_melding"]:
                    rec.bevindingen.append(
                        Bevinding(
                            "fout",
                            "soort_melding_onbekend",
                            "Soort melding (CBS) ontbreekt.",
                            "M",
                            sleutel,
                        )
                    )
                lijst = personen.get(m_id, [])
                if not lijst:
                    rec.bevindingen.append(
                        Bevinding(
                            "fout",
                            "geen_betrokkenen",
                            "De melding heeft geen betrokkenen.",
                            "M",
                            sleutel,
                        )
                    )
                for b in rec.bevindingen:
                    b.sleutel = sleutel
                    b.casus_id, b.casus_nummer = casus_id, r["melding__casus__nummer"]
                yield rec
                for p in lijst:
                    yield _persoon_record(p, m_id, casus_id, r["melding__casus__nummer"])

    return records()


def _persoon_record(p: dict[str, Any], m_id: int, casus_id: int, nummer: str) -> Record:
    ongeboren = bool(p["betrokkene__persoon__ongeboren"])
    bsn = p["betrokkene__persoon__bsn"] or ""
    rec = Record(
        "P",
        {
            "melding_id": m_id,
            "rol": f.ROL.get(p["betrokkene__rol"], "O"),
            "bsn": f.bsn_cbs(bsn, ongeboren=ongeboren),
            "geboortedatum": f.geboortedatum_cbs(
                p["betrokkene__persoon__geboortedatum_jaar"],
                p["betrokkene__persoon__geboortedatum_maand"],
                p["betrokkene__persoon__geboortedatum_dag"],
                ongeboren=ongeboren,
            ),
            "geslacht": p["betrokkene__persoon__geslacht"] or "O",
        },
    )
    sleutel = f"M-{m_id:06d} persoon {p['betrokkene__persoon_id']}"
    if (
        bsn
        and bsn not in (f.BSN_ONBEKEND, f.BSN_ONGEBOREN)
        and not (len(bsn) == 9 and bsn.isdigit() and elfproef(bsn))
    ):
        rec.waarden["bsn"] = f.BSN_ONBEKEND
        rec.bevindingen.append(
            Bevinding(
                "fout",
                "bsn_ongeldig",
                "BSN voldoet niet aan de elfproef; geleverd als onbekend.",
                "P",
                sleutel,
            )
        )
    if rec.waarden["geboortedatum"] == "00000000":
        rec.bevindingen.append(
            Bevinding(
                "waarschuwing", "geboortedatum_onbekend", "Geboortedatum onbekend.", "P", sleutel
            )
        )
    for b in rec.bevindingen:
        b.casus_id, b.casus_nummer = casus_id, nummer
    return rec


def _vervolg_records(periode: Periode, soort: str, code: str) -> Iterator[Record]:
    if not dienst_heeft_einde():
        return iter(())
    conclusie_model = model_of_none("diensten", "OnderzoekConclusie")
    qs = measures.vervolg_afgesloten(periode, soort).annotate(
        grens=measures._deadline_na_aanpassing()
    )
    velden: tuple[str, ...] = (
        "casus_id",
        "casus__nummer",
        "besluit__beoordeling__melding_id",
        "start",
        "einde",
        "grens",
    )
    heeft_vervolg = code == "O" and any(
        veld.name == "vervolg_na_onderzoek" for veld in Dienst._meta.get_fields()
    )
    if heeft_vervolg:
        velden += ("vervolg_na_onderzoek",)

    def vervolg_chunks() -> Iterator[tuple[Any, ...]]:
        for rijen, _bereik in _chunks(qs, velden):
            conclusies: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
            if code == "O" and conclusie_model is not None:
                lo, hi = rijen[0]["pk"], rijen[-1]["pk"]
                for d_id, aard, uitkomst, conclusie in (
                    conclusie_model.objects.filter(
                        dienst_id__gte=lo,
                        dienst_id__lte=hi,
                        dienst__soort=soort,
                        dienst__status="afgerond",
                        dienst__einde__gte=periode.start,
                        dienst__einde__lte=periode.eind,
                    )
                    .order_by("dienst_id", "aard")
                    .values_list("dienst_id", "aard", "uitkomst", "conclusie")
                ):
                    conclusies[d_id].append((aard, uitkomst, conclusie))
            yield rijen, conclusies

    chunks = _vooruit(vervolg_chunks())  # reading starts now, see cbs_records

    def records() -> Iterator[Record]:
        for rijen, conclusies in chunks:
            for r in rijen:
                sleutel = f"D-{r['pk']:06d}"
                op_tijd = r["grens"] is not None and r["einde"] <= r["grens"]
                rec = Record(
                    code,
                    {
                        "dienst_id": r["pk"],
                        "casus_id": r["casus_id"],
                        "melding_id": r["besluit__beoordeling__melding_id"],
                        "start": f.datum(r["start"]),
                        "einde": f.datum(r["einde"]),
                        "op_tijd": _ja(op_tijd),
                    },
                )
                if heeft_vervolg:
                    vervolg = r.get("vervolg_na_onderzoek") or []
                    rec.waarden["vervolg"] = str(vervolg[0]) if vervolg else ""
                if not r["besluit__beoordeling__melding_id"]:
                    rec.waarden["melding_id"] = 0
                    rec.bevindingen.append(
                        Bevinding(
                            "waarschuwing",
                            "geen_melding",
                            "Dienst zonder besluit na een melding.",
                            code,
                            sleutel,
                        )
                    )
                if r["einde"] < r["start"]:
                    rec.bevindingen.append(
                        Bevinding(
                            "fout",
                            "einde_voor_start",
                            "Einddatum ligt vóór de start.",
                            code,
                            sleutel,
                        )
                    )
                if code == "O" and not conclusies.get(r["pk"]):
                    rec.bevindingen.append(
                        Bevinding(
                            "fout",
                            "uitkomst_ontbreekt",
                            "Onderzoek afgesloten zonder uitkomst per aard.",
                            code,
                            sleutel,
                        )
                    )
                for b in rec.bevindingen:
                    b.casus_id, b.casus_nummer = r["casus_id"], r["casus__nummer"]
                yield rec
                for aard, uitkomst, conclusie in conclusies.get(r["pk"], []):
                    yield Record(
                        "U",
                        {
                            "dienst_id": r["pk"],
                            "aard": aard,
                            "uitkomst": uitkomst,
                            "conclusie": f.CONCLUSIE.get(conclusie, ""),
                        },
                    )

    return records()


def bevinding_url(bevinding: dict[str, Any]) -> str:
    return (
        reverse("casework:detail", args=[bevinding["casus_id"]])
        if bevinding.get("casus_id")
        else ""
    )


# --- the municipal report --------------------------------------------------------------------


@dataclass
class Tabel:
    titel: str
    kolomkop: str
    rijen: list[tuple[str, Cel]]
    totaal: Cel

    @property
    def leeg(self) -> bool:
        return not self.rijen


@dataclass
class Gemeenterapport:
    gemeente_code: str
    gemeente_naam: str
    voorgangers: tuple[str, ...]
    periode: Periode
    afronden: bool
    tabellen: list[Tabel]
    tijdigheid: list[tuple[str, Tijdigheid | None, int]]
    opgemerkt: list[str]


def _tabel(
    titel: str,
    kolomkop: str,
    tellingen: dict[str, int],
    labels: dict[str, str],
    afronden: bool,
    totaal: int | None = None,
) -> Tabel:
    beschermd = groep_beschermen(tellingen, afronden=afronden)
    rijen = [(labels.get(k, k), beschermd[k]) for k in sorted(tellingen) if tellingen[k] > 0]
    tot = sum(tellingen.values()) if totaal is None else totaal
    return Tabel(titel, kolomkop, rijen, totaal_beschermen(tot, afronden=afronden))


def _code_labels(lijsten: tuple[str, ...]) -> dict[str, str]:
    from zicht.intake.models import Code

    return {
        c: f"{c} {o}"
        for c, o in Code.objects.filter(lijst__in=lijsten).values_list("code", "omschrijving")
    }


def gemeenterapport(code: str, periode: Periode, *, afronden: bool = False) -> Gemeenterapport:
    """The municipal report (DOMAIN §7): per gemeente of residence (old codes mapped to their
    successor), cells below 5 suppressed, optionally rounded to 5. Counts only."""
    gemeente = Gemeente.objects.get(cbs_code=code)
    voorgangers = gemeente_met_voorgangers(code)
    filt = Filter(gemeenten=voorgangers)
    van, tot = periode_momenten(periode)
    meldingen = Melding.objects.filter(
        casus__gemeente_id__in=voorgangers, ontvangen_op__gte=van, ontvangen_op__lt=tot
    )
    n_meldingen = meldingen.count()
    per_melder = dict(
        meldingen.values("melder__hoedanigheid__code")
        .annotate(n=Count("pk"))
        .values_list("melder__hoedanigheid__code", "n")
    )
    per_aard = dict(
        Melding.aarden.through.objects.filter(melding__in=meldingen)
        .values("code__code")
        .annotate(n=Count("melding_id", distinct=True))
        .values_list("code__code", "n")
    )
    vb_uitkomst = dict(
        Besluit.objects.filter(
            status="bevestigd",
            beoordeling__melding__casus__gemeente_id__in=voorgangers,
            beoordeling__besloten_datum__gte=periode.start,
            beoordeling__besloten_datum__lte=periode.eind,
        )
        .values("soort")
        .annotate(n=Count("beoordeling_id", distinct=True))
        .values_list("soort", "n")
    )
    gestart = dict(
        Dienst.objects.filter(
            casus__gemeente_id__in=voorgangers, start__gte=periode.start, start__lte=periode.eind
        )
        .values("soort")
        .annotate(n=Count("pk"))
        .values_list("soort", "n")
    )
    afgerond: dict[str, int] = {}
    if dienst_heeft_einde():
        afgerond = dict(
            Dienst.objects.filter(
                casus__gemeente_id__in=voorgangers,
                status="afgerond",
                einde__gte=periode.start,
                einde__lte=periode.eind,
            )
            .values("soort")
            .annotate(n=Count("pk"))
            .values_list("soort", "n")
        )
    adviezen = Advies.objects.filter(
        gemeente_id__in=voorgangers, ontvangen_op__gte=van, ontvangen_op__lt=tot
    )
    per_adviesvrager = dict(
        adviezen.values("adviesvrager__hoedanigheid__code")
        .annotate(n=Count("pk"))
        .values_list("adviesvrager__hoedanigheid__code", "n")
    )
    labels = _code_labels(("hoedanigheid_beroepsmatig", "hoedanigheid_niet_beroepsmatig"))
    aard_labels = _code_labels(("aard",))
    from zicht.assessment.domain.besluit import LABELS as BESLUIT_LABELS

    besluit_labels = {k.value: v for k, v in BESLUIT_LABELS.items()}
    dienst_labels = dict(Dienst._meta.get_field("soort").choices or [])
    tabellen = [
        _tabel(
            "Adviezen naar hoedanigheid van de adviesvrager",
            "Adviesvrager",
            per_adviesvrager,
            labels,
            afronden,
            sum(per_adviesvrager.values()),
        ),
        _tabel(
            "Meldingen naar hoedanigheid van de melder",
            "Melder",
            per_melder,
            labels,
            afronden,
            n_meldingen,
        ),
        _tabel(
            "Meldingen naar aard van het geweld (een melding kan meer aarden hebben)",
            "Aard",
            per_aard,
            aard_labels,
            afronden,
            n_meldingen,
        ),
        _tabel(
            "Uitkomst van de veiligheidsbeoordeling",
            "Besluit",
            vb_uitkomst,
            besluit_labels,
            afronden,
        ),
        _tabel("Diensten gestart", "Dienst", gestart, dienst_labels, afronden),
        _tabel("Diensten afgerond", "Dienst", afgerond, dienst_labels, afronden),
    ]
    tijdigheid = []
    for label, t, norm in (
        ("Besluit binnen 5 werkdagen", measures.vb_tijdigheid(periode, filt), NORM_VB),
        (
            "Onderzoek binnen 10 weken",
            measures.vervolg_tijdigheid(periode, "onderzoek", filt),
            NORM_VERVOLG,
        ),
        (
            "V&V binnen 10 weken",
            measures.vervolg_tijdigheid(periode, "voorwaarden_en_vervolg", filt),
            NORM_VERVOLG,
        ),
    ):
        # A share over fewer than 5 cases points to persons: not shown.
        tijdigheid.append((label, t if t.totaal >= 5 else None, int(norm * 100)))
    return Gemeenterapport(
        gemeente_code=code,
        gemeente_naam=gemeente.naam,
        voorgangers=tuple(c for c in voorgangers if c != code),
        periode=periode,
        afronden=afronden,
        tabellen=tabellen,
        tijdigheid=tijdigheid,
        opgemerkt=[
            "Adviezen tellen mee als bij het advies de gemeente van het gezin is vastgelegd.",
            "Cellen met 1 tot en met 4 zijn onderdrukt (‘.’), en waar nodig een tweede cel "
            "zodat de onderdrukte niet terug te rekenen is.",
        ],
    )
