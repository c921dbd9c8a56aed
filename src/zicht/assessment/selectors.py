"""Reads of the assessment: the worklist, one assessment with its context, and the team
leader's deadline view. Always filtered through ``casework.access.casus_scope`` in SQL;
each list makes a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from zicht.assessment.domain.tijdigheid import NORM_VB, Tijdigheid
from zicht.assessment.models import (
    Besluit,
    BesluitStap,
    Ketenpartner,
    VbTermijnTelling,
    Veiligheidsbeoordeling,
)
from zicht.assessment.services import instrument_actueel
from zicht.casework.access import casus_onderdeel_get_for_user, casus_scope, teams_in_scope
from zicht.casework.models import Casus, JournaalItem
from zicht.core.selectors import calendar_current
from zicht.intake.models import Melding, MeldingBetrokkene, MeldingStatus
from zicht.people.domain.dates import leeftijd

PER_PAGINA = 50
NORM = float(NORM_VB)  # 0.9, for the chart and the template


def _in_scope(user: Any) -> QuerySet[Casus]:
    return Casus.objects.filter(casus_scope(user)).values("pk")


def _open_meldingen(user: Any) -> QuerySet[Melding]:
    return (
        Melding.objects.filter(status=MeldingStatus.NIEUW)
        .filter(casus__in=_in_scope(user))
        .select_related("casus", "vb_taak", "veiligheidsbeoordeling")
    )


@dataclass
class Rij:
    melding: Melding
    beoordeling: Veiligheidsbeoordeling | None
    deadline: date | None
    werkdagen_resterend: int | None
    te_laat: bool


@dataclass
class Werklijst:
    page: Page[Melding]
    rijen: list[Rij]


def _rijen(meldingen: Any, *, op: date) -> list[Rij]:
    kalender = calendar_current()
    rijen = []
    for melding in meldingen:
        deadline = melding.vb_taak.deadline if melding.vb_taak_id else None
        rijen.append(
            Rij(
                melding=melding,
                beoordeling=getattr(melding, "veiligheidsbeoordeling", None),
                deadline=deadline,
                werkdagen_resterend=(
                    kalender.working_days_between(op, deadline) if deadline else None
                ),
                te_laat=deadline is not None and op > deadline,
            )
        )
    return rijen


def werklijst(
    user: Any, *, page: int | str = 1, per_page: int = PER_PAGINA, op: date | None = None
) -> Werklijst:
    """Open assessments (meldingen awaiting their VB besluit): acute first, then deadline."""
    op = op if op is not None else timezone.localdate()
    qs = _open_meldingen(user).order_by(
        "-acuut",
        "acuut_uiterlijk",
        F("vb_taak__deadline").asc(nulls_last=True),
        "ontvangen_op",
        "id",
    )
    pagina = Paginator(qs, per_page).get_page(page)
    return Werklijst(pagina, _rijen(pagina.object_list, op=op))


def melding_get_for_user(user: Any, pk: int | str) -> Melding:
    """The melding when its casus is in the user's scope; 404 otherwise (an existing one
    outside the scope is refused and audited as its casus would be)."""
    return casus_onderdeel_get_for_user(
        user,
        Melding.objects.select_related("casus", "casus__team", "vb_taak", "melder"),
        pk,
        niet_gevonden="Melding niet gevonden.",
    )


def besluit_get_for_user(
    user: Any, pk: int | str, *, queryset: QuerySet[Besluit] | None = None
) -> Besluit:
    """The besluit when its casus is in the user's scope; 404 otherwise (an existing one
    outside the scope is refused and audited as its casus would be)."""
    qs = queryset if queryset is not None else Besluit.objects.all()
    return casus_onderdeel_get_for_user(
        user,
        qs.select_related("beoordeling__melding"),
        pk,
        casus_veld="beoordeling__melding__casus",
        niet_gevonden="Besluit niet gevonden.",
    )


@dataclass
class Beoordelingspagina:
    melding: Melding
    beoordeling: Veiligheidsbeoordeling | None
    vragen: list[Any]
    besluiten: list[Besluit]
    open_besluit: Besluit | None
    journaal: list[JournaalItem]
    andere_meldingen: list[Melding]
    ketenpartners: list[Ketenpartner]
    deadline: date | None
    werkdagen_resterend: int | None
    te_laat: bool
    extra: dict[str, Any] = field(default_factory=dict)
    #: Adult betrokkenen who can receive the letter to the family (links on the page).
    brief_ontvangers: list[MeldingBetrokkene] = field(default_factory=list)


def beoordelingspagina(
    user: Any, melding: Melding, *, op: date | None = None
) -> Beoordelingspagina:
    op = op if op is not None else timezone.localdate()
    beoordeling = (
        Veiligheidsbeoordeling.objects.select_related("instrument").filter(melding=melding).first()
    )
    instrument = beoordeling.instrument if beoordeling else instrument_actueel()
    besluiten = list(
        Besluit.objects.filter(beoordeling__melding=melding)
        .select_related("voorgesteld_door", "beoordeeld_door", "ketenpartner")
        .prefetch_related(Prefetch("stappen", queryset=BesluitStap.objects.select_related("door")))
        .order_by("voorgesteld_op", "pk")
    )
    open_besluit = next((b for b in besluiten if b.status == "voorgesteld"), None)
    medisch = user.has_perm("accounts.medische_notitie")
    journaal = JournaalItem.objects.filter(casus=melding.casus).select_related("auteur")
    if not medisch:
        journaal = journaal.filter(medisch=False)
    deadline = melding.vb_taak.deadline if melding.vb_taak_id else None  # type: ignore[union-attr]
    return Beoordelingspagina(
        melding=melding,
        beoordeling=beoordeling,
        vragen=list(instrument.vragen.all()),
        besluiten=besluiten,
        open_besluit=open_besluit,
        journaal=list(journaal.order_by("-moment", "-id")[:20]),
        andere_meldingen=list(
            Melding.objects.filter(casus=melding.casus)
            .exclude(pk=melding.pk)
            .order_by("-ontvangen_op")[:20]
        ),
        ketenpartners=list(Ketenpartner.objects.filter(actief=True)),
        deadline=deadline,
        werkdagen_resterend=(
            calendar_current().working_days_between(op, deadline) if deadline else None
        ),
        te_laat=deadline is not None and op > deadline,
        brief_ontvangers=brief_ontvangers(melding, op=op),
    )


def brief_ontvangers(melding: Melding, *, op: date | None = None) -> list[MeldingBetrokkene]:
    """The adult betrokkenen of ``melding`` who can receive the letter to the family: not in
    the role *kind*, and 18 or older on ``op`` even at their latest possible birth date (an
    unknown birth date counts as adult, unborn never does)."""
    op = op if op is not None else timezone.localdate()
    rijen = (
        MeldingBetrokkene.objects.filter(melding=melding)
        .exclude(betrokkene__rol="kind")
        .select_related("betrokkene__persoon")
        .order_by("pk")
    )
    uit = []
    for rij in rijen:
        persoon = rij.betrokkene.persoon
        if persoon.ongeboren:
            continue
        geboren = persoon.geboortedatum
        if geboren is not None and leeftijd(geboren.latest(), op) < 18:
            continue
        uit.append(rij)
    return uit


# --- Team leader: deadlines ------------------------------------------------------------------


@dataclass
class Periode:
    start: date
    besloten: int
    op_tijd: int

    # The one definition of the on-time share and the norm: assessment.domain.tijdigheid
    # (also used by every report of reporting).
    @property
    def aandeel(self) -> int | None:
        """Share on time in whole percent, rounded down (None without decisions), so that a
        share just under the norm (179 of 199 = 89.9%) never reads as "90%"."""
        return Tijdigheid(self.besloten, self.op_tijd).procent

    @property
    def haalt_norm(self) -> bool:
        return Tijdigheid(self.besloten, self.op_tijd).haalt(NORM_VB)


@dataclass
class Termijnoverzicht:
    vandaag: int
    morgen: int
    te_laat: int
    lijst_vandaag: list[Rij]
    lijst_morgen: list[Rij]
    lijst_te_laat: list[Rij]
    weken: list[Periode]
    maanden: list[Periode]
    #: The next working day after the reference date ("morgen").
    morgen_datum: date | None = None


def termijnoverzicht(
    user: Any, *, op: date | None = None, max_rijen: int = 25, weken: int = 12, maanden: int = 12
) -> Termijnoverzicht:
    """ "Vandaag / morgen / te laat" for open assessments, and the share decided on time per
    week and month (DOMAIN §4: confirmed in the period, on or before the deadline) of the
    decisions on casussen of the user's teams (the team holding the casus at the decision)."""
    op = op if op is not None else timezone.localdate()
    # "Morgen" is the next working day on the Atw calendar (on Friday: Monday; before Goede
    # Vrijdag: the Tuesday after Easter); a deadline in between (never a working day) counts too.
    morgen = calendar_current().next_working_day(op)
    is_morgen = Q(vb_taak__deadline__gt=op, vb_taak__deadline__lte=morgen)
    basis = _open_meldingen(user)
    tellingen = basis.aggregate(
        vandaag=Count("pk", filter=Q(vb_taak__deadline=op)),
        morgen=Count("pk", filter=is_morgen),
        te_laat=Count("pk", filter=Q(vb_taak__deadline__lt=op)),
    )
    volgorde = ("-acuut", "vb_taak__deadline", "ontvangen_op", "id")

    def lijst(q: Q) -> list[Rij]:
        return _rijen(basis.filter(q).order_by(*volgorde)[:max_rijen], op=op)

    # The on-time share per week and month of the decisions of the user's teams, read from
    # the per-team, per-day counters (at most one row per team per day, whatever the volume).
    tellingen_teams = VbTermijnTelling.objects.filter(team_id__in=teams_in_scope(user))
    week_start = op - timedelta(days=op.weekday() + 7 * (weken - 1))
    maand_start = _maanden_terug(op.replace(day=1), maanden - 1)

    def per(trunc: Any, vanaf: date) -> dict[date, tuple[int, int]]:
        rows = (
            tellingen_teams.filter(datum__gte=vanaf, datum__lte=op)
            .annotate(p=trunc("datum"))
            .values("p")
            .annotate(n=Sum("besloten"), ok=Sum("op_tijd"))
            .order_by("p")
        )
        return {_as_date(r["p"]): (r["n"], r["ok"]) for r in rows}

    per_week = per(TruncWeek, week_start)
    per_maand = per(TruncMonth, maand_start)
    return Termijnoverzicht(
        vandaag=tellingen["vandaag"],
        morgen=tellingen["morgen"],
        te_laat=tellingen["te_laat"],
        lijst_vandaag=lijst(Q(vb_taak__deadline=op)),
        lijst_morgen=lijst(is_morgen),
        morgen_datum=morgen,
        lijst_te_laat=lijst(Q(vb_taak__deadline__lt=op)),
        weken=[
            Periode(d, *per_week.get(d, (0, 0)))
            for d in (week_start + timedelta(weeks=i) for i in range(weken))
        ],
        maanden=[
            Periode(d, *per_maand.get(d, (0, 0)))
            for d in (_maanden_terug(maand_start, -i) for i in range(maanden))
        ],
    )


def _maanden_terug(dag: date, n: int) -> date:
    index = dag.year * 12 + dag.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value
