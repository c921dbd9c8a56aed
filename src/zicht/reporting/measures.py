"""The measures of DOMAIN §4, implemented once. Every report, page, dashboard and CLI of
reporting reads its term performance, volumes, waiting list and caseload from here.

All functions return **counts only** (no rows, no names): they are aggregates over the whole
organisation, optionally narrowed by a :class:`Filter` (gemeenten of residence, teams). The
on-time share itself (rounding, norms) is :mod:`zicht.assessment.domain.tijdigheid`, shared
with the team leader's termijnen page.

Definitions:

* **VB op tijd** — Veiligheidsbeoordelingen whose besluit was confirmed in the period
  (``besloten_datum``); on time = ``op_tijd`` (confirmed on or before the VB task's deadline
  after suspension/extension, fixed at confirmation by assessment).
* **Onderzoek / V&V op tijd** — diensten of that soort closed in the period (``einde``); on
  time = ``einde`` ≤ the deadline after suspension/extension (the dienst's task deadline, else
  the dienst's own ``deadline``).
* **Wachtlijst** at a moment — meldingen without an assessor (no Veiligheidsbeoordeling
  started and the VB task unassigned), plus open diensten nobody carries yet — with age and
  remaining term.
* **Caseload** — open diensten per behandelaar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Count, DateField, F, Q
from django.db.models.functions import Coalesce, TruncDate, TruncMonth, TruncWeek
from django.utils import timezone

from zicht.assessment.domain.tijdigheid import NORM_VB, NORM_VERVOLG, Tijdigheid
from zicht.assessment.models import Veiligheidsbeoordeling
from zicht.diensten.models import Dienst
from zicht.diensten.selectors_werk import wachtlijst_dienst_q, wachtlijst_melding_q
from zicht.intake.models import Advies, Melding
from zicht.reporting.domain.perioden import Periode, maand_einde

__all__ = [
    "NORM_VB",
    "NORM_VERVOLG",
    "Filter",
    "Tijdigheid",
    "Wachtlijst",
    "caseload_verdeling",
    "instroom_per_week",
    "vb_tijdigheid",
    "vervolg_tijdigheid",
    "volumes",
    "wachtlijst",
    "wachtlijst_verloop",
]

TZ_DAG_EINDE = time(23, 59, 59, 999999)
VERVOLG_SOORTEN = ("onderzoek", "voorwaarden_en_vervolg")


@dataclass(frozen=True, slots=True)
class Filter:
    """Narrows a measure to casussen of some gemeenten (codes as stored, i.e. old codes
    included) and/or teams. ``None`` = no restriction."""

    gemeenten: tuple[str, ...] | None = None
    teams: tuple[int, ...] | None = None

    def q(self, pad: str) -> Q:
        """The condition on the casus reached through ``pad`` (e.g. ``melding__casus``)."""
        q = Q()
        if self.gemeenten is not None:
            q &= Q(**{f"{pad}__gemeente_id__in": self.gemeenten})
        if self.teams is not None:
            q &= Q(**{f"{pad}__team_id__in": self.teams})
        return q


ALLES = Filter()


def _moment(d: date, *, einde: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(d, TZ_DAG_EINDE if einde else time.min))


def periode_momenten(periode: Periode) -> tuple[datetime, datetime]:
    """[start, end) of the period as aware datetimes (Europe/Amsterdam days)."""
    return _moment(periode.start), _moment(periode.eind_exclusief)


def dienst_heeft_einde() -> bool:
    return any(f.name == "einde" for f in Dienst._meta.get_fields())


def model_of_none(app: str, naam: str) -> Any:
    try:
        return apps.get_model(app, naam)
    except LookupError:
        return None


# --- term performance ------------------------------------------------------------------------


def vb_tijdigheid(periode: Periode, filter: Filter = ALLES) -> Tijdigheid:
    rij = Veiligheidsbeoordeling.objects.filter(
        filter.q("melding__casus"),
        besloten_datum__gte=periode.start,
        besloten_datum__lte=periode.eind,
    ).aggregate(n=Count("pk"), ok=Count("pk", filter=Q(op_tijd=True)))
    return Tijdigheid(rij["n"] or 0, rij["ok"] or 0)


def vb_tijdigheid_per_week(
    maandagen: Sequence[date], filter: Filter = ALLES
) -> list[tuple[date, Tijdigheid]]:
    """:func:`vb_tijdigheid` for each week starting on one of ``maandagen`` (one query)."""
    if not maandagen:
        return []
    rijen = {
        _als_datum(rij["w"]): Tijdigheid(rij["n"] or 0, rij["ok"] or 0)
        for rij in Veiligheidsbeoordeling.objects.filter(
            filter.q("melding__casus"),
            besloten_datum__gte=min(maandagen),
            besloten_datum__lte=max(maandagen) + timedelta(days=6),
        )
        .annotate(w=TruncWeek("besloten_datum"))
        .values("w")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(op_tijd=True)))
        .order_by()
    }
    return [(d, rijen.get(d, Tijdigheid(0, 0))) for d in maandagen]


def _deadline_na_aanpassing() -> Any:
    return Coalesce(F("taak__deadline"), F("deadline"), output_field=DateField())


def vervolg_afgesloten(periode: Periode, soort: str, filter: Filter = ALLES) -> Any:
    """The diensten of ``soort`` closed in the period (queryset; empty before ``einde``)."""
    if not dienst_heeft_einde():
        return Dienst.objects.none()
    return Dienst.objects.filter(
        filter.q("casus"),
        soort=soort,
        status="afgerond",
        einde__gte=periode.start,
        einde__lte=periode.eind,
    )


def op_tijd_expressie() -> Q:
    return Q(einde__lte=_deadline_na_aanpassing())


def vervolg_tijdigheid(periode: Periode, soort: str, filter: Filter = ALLES) -> Tijdigheid:
    qs = vervolg_afgesloten(periode, soort, filter)
    if not dienst_heeft_einde():
        return Tijdigheid(0, 0)
    rij = qs.annotate(grens=_deadline_na_aanpassing()).aggregate(
        n=Count("pk"), ok=Count("pk", filter=Q(einde__lte=F("grens")))
    )
    return Tijdigheid(rij["n"] or 0, rij["ok"] or 0)


def tijdigheid_per_maand(
    jaar: int, maanden: int, filter: Filter = ALLES
) -> dict[str, list[Tijdigheid]]:
    """VB, Onderzoek and V&V on time per month 1..``maanden`` of ``jaar`` (three queries)."""
    start, eind = date(jaar, 1, 1), maand_einde(jaar, maanden)
    vb = (
        Veiligheidsbeoordeling.objects.filter(
            filter.q("melding__casus"), besloten_datum__gte=start, besloten_datum__lte=eind
        )
        .annotate(m=TruncMonth("besloten_datum"))
        .values("m")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(op_tijd=True)))
    )
    uit: dict[str, list[Tijdigheid]] = {"vb": _per_maand(vb, maanden)}
    for soort in VERVOLG_SOORTEN:
        if dienst_heeft_einde():
            rijen = (
                Dienst.objects.filter(
                    filter.q("casus"),
                    soort=soort,
                    status="afgerond",
                    einde__gte=start,
                    einde__lte=eind,
                )
                .annotate(grens=_deadline_na_aanpassing(), m=TruncMonth("einde"))
                .values("m")
                .annotate(n=Count("pk"), ok=Count("pk", filter=Q(einde__lte=F("grens"))))
            )
            uit[soort] = _per_maand(rijen, maanden)
        else:
            uit[soort] = [Tijdigheid(0, 0)] * maanden
    return uit


def _per_maand(rijen: Any, maanden: int) -> list[Tijdigheid]:
    per = {_als_datum(r["m"]).month: Tijdigheid(r["n"], r["ok"]) for r in rijen}
    return [per.get(m, Tijdigheid(0, 0)) for m in range(1, maanden + 1)]


def _als_datum(waarde: Any) -> date:
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).date() if timezone.is_aware(waarde) else waarde.date()
    return waarde


# --- volumes ---------------------------------------------------------------------------------


def volumes(periode: Periode, filter: Filter = ALLES) -> dict[str, int]:
    """Volumes per planning service (``planning.domain.begrippen.Dienst`` values) in the period:
    adviezen and meldingen received, diensten started, huisverboden imposed, voorlichtingen
    given. A service whose registration does not exist yet is absent (not zero)."""
    van, tot = periode_momenten(periode)
    uit: dict[str, int] = {}
    if filter == ALLES:
        uit["advies"] = Advies.objects.filter(ontvangen_op__gte=van, ontvangen_op__lt=tot).count()
    uit["melding_en_veiligheidsbeoordeling"] = Melding.objects.filter(
        filter.q("casus"), ontvangen_op__gte=van, ontvangen_op__lt=tot
    ).count()
    gestart = dict(
        Dienst.objects.filter(filter.q("casus"), start__gte=periode.start, start__lte=periode.eind)
        .values_list("soort")
        .annotate(n=Count("pk"))
        .values_list("soort", "n")
    )
    for soort, sleutel in (
        ("overdracht_na_vb", "overdracht_na_veiligheidsbeoordeling"),
        ("voorwaarden_en_vervolg", "voorwaarden_en_vervolg"),
        ("onderzoek", "onderzoek"),
        ("overdracht_na_bemoeienis", "overdracht_na_bemoeienis"),
        ("monitoren", "monitoren"),
    ):
        uit[sleutel] = int(gestart.get(soort, 0))
    huisverbod = model_of_none("diensten", "Huisverbod")
    if huisverbod is not None:
        uit["tijdelijk_huisverbod"] = huisverbod.objects.filter(
            filter.q("casus"), opgelegd_op__gte=van, opgelegd_op__lt=tot
        ).count()
    voorlichting = model_of_none("diensten", "Voorlichting")
    if voorlichting is not None and filter == ALLES:
        uit["voorlichting"] = voorlichting.objects.filter(
            datum__gte=periode.start, datum__lte=periode.eind
        ).count()
    return uit


def instroom_per_week(van: date, weken: int, filter: Filter = ALLES) -> list[tuple[date, int, int]]:
    """(monday, meldingen received, adviezen received) for ``weken`` weeks from ``van``'s week."""
    maandag = van - timedelta(days=van.weekday())
    begin, eind = _moment(maandag), _moment(maandag + timedelta(weeks=weken))

    def per(qs: Any) -> dict[date, int]:
        rijen = (
            qs.filter(ontvangen_op__gte=begin, ontvangen_op__lt=eind)
            .annotate(w=TruncWeek("ontvangen_op"))
            .values("w")
            .annotate(n=Count("pk"))
        )
        return {_als_datum(r["w"]): r["n"] for r in rijen}

    meldingen = per(Melding.objects.filter(filter.q("casus")))
    adviezen = per(Advies.objects.all()) if filter == ALLES else {}
    return [
        (d, meldingen.get(d, 0), adviezen.get(d, 0))
        for d in (maandag + timedelta(weeks=i) for i in range(weken))
    ]


# --- waiting list and caseload ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wachtlijst:
    meldingen: int
    diensten: int
    gemiddelde_leeftijd_dagen: int
    oudste_dagen: int
    over_termijn: int

    @property
    def totaal(self) -> int:
        return self.meldingen + self.diensten


def wachtlijst(vandaag: date, filter: Filter = ALLES) -> Wachtlijst:
    """The waiting list now: counts, age in days since receipt/start, and how many are past
    their term (VB task or dienst deadline before today). Ages are counted per day in the
    database (one row per distinct day, whatever the number waiting), so they are exact."""
    meldingen = Melding.objects.filter(filter.q("casus")).filter(wachtlijst_melding_q())
    m = meldingen.aggregate(
        n=Count("pk"),
        over=Count("pk", filter=Q(vb_taak__deadline__lt=vandaag)),
    )
    per_dag: Counter[date] = Counter()
    for dag, n in (
        meldingen.annotate(dag=TruncDate("ontvangen_op", tzinfo=timezone.get_current_timezone()))
        .values("dag")
        .annotate(n=Count("pk"))
        .values_list("dag", "n")
        .order_by()
    ):
        per_dag[dag] += n
    # DOMAIN §4, defined once in diensten (also the team leader's board and planning's signal)
    diensten = Dienst.objects.filter(filter.q("casus")).filter(wachtlijst_dienst_q())
    d = diensten.aggregate(n=Count("pk"), over=Count("pk", filter=Q(deadline__lt=vandaag)))
    for start, n in (
        diensten.values("start").annotate(n=Count("pk")).values_list("start", "n").order_by()
    ):
        per_dag[start] += n
    totaal = sum(per_dag.values())
    leeftijd = sum((vandaag - dag).days * n for dag, n in per_dag.items())
    return Wachtlijst(
        meldingen=m["n"] or 0,
        diensten=d["n"] or 0,
        gemiddelde_leeftijd_dagen=leeftijd // totaal if totaal else 0,
        oudste_dagen=max(((vandaag - dag).days for dag in per_dag), default=0),
        over_termijn=(m["over"] or 0) + (d["over"] or 0),
    )


def wachtlijst_verloop(momenten: Sequence[date], filter: Filter = ALLES) -> list[tuple[date, int]]:
    """Meldingen waiting for an assessor at the end of each day in ``momenten``: received by
    then and no Veiligheidsbeoordeling started by then (one query)."""
    if not momenten:
        return []
    eerste = min(momenten)
    grenzen = {d: _moment(d + timedelta(days=1)) for d in momenten}
    qs = Melding.objects.filter(filter.q("casus"), ontvangen_op__lt=max(grenzen.values())).filter(
        Q(veiligheidsbeoordeling__isnull=True)
        | Q(veiligheidsbeoordeling__gestart_op__gte=_moment(eerste))
    )
    aggregaten = {
        f"d{i}": Count(
            "pk",
            filter=Q(ontvangen_op__lt=grens)
            & (
                Q(veiligheidsbeoordeling__isnull=True)
                | Q(veiligheidsbeoordeling__gestart_op__gte=grens)
            ),
        )
        for i, grens in enumerate(grenzen.values())
    }
    rij = qs.aggregate(**aggregaten)
    return [(d, rij[f"d{i}"] or 0) for i, d in enumerate(grenzen)]


#: Buckets of the caseload histogram: open diensten per behandelaar.
CASELOAD_KLASSEN = ((1, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, 10_000))


def caseload_verdeling(filter: Filter = ALLES) -> list[tuple[str, int]]:
    """How many behandelaars carry 1–5, 6–10, … open diensten."""
    if model_of_none("diensten", "DienstBehandeling") is None:
        return [(_klasse_label(k), 0) for k in CASELOAD_KLASSEN]
    per_persoon = (
        Dienst.objects.filter(
            filter.q("casus"), status="gestart", behandeling__behandelaar__isnull=False
        )
        .values("behandeling__behandelaar")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    teller: Counter[tuple[int, int]] = Counter()
    for n in per_persoon:
        for k in CASELOAD_KLASSEN:
            if k[0] <= n <= k[1]:
                teller[k] += 1
    return [(_klasse_label(k), teller[k]) for k in CASELOAD_KLASSEN]


def _klasse_label(k: tuple[int, int]) -> str:
    return f"{k[0]} of meer" if k[1] >= 10_000 else f"{k[0]}–{k[1]}"


__all__ += ["ALLES", "periode_momenten", "tijdigheid_per_maand", "vervolg_afgesloten"]
