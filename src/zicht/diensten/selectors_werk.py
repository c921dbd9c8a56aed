"""Reads for work steering, huisverbod, voorlichting and time registration.

Every read of casus-bound rows is filtered through ``casework.access.casus_scope`` in SQL, and
each page makes a constant number of queries whatever the volume (lists are capped; totals are
aggregates). The hour norms come from planning through ``settings.ZICHT_URENNORMEN``
(ADR 0004): this app may not import planning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string

from zicht.accounts.models import Team, User
from zicht.casework.access import casus_onderdeel_get_for_user, casus_scope
from zicht.casework.models import Casus, Taak
from zicht.core.domain.calendar import AtwCalendar
from zicht.core.domain.terms import add_months
from zicht.core.selectors import calendar_current
from zicht.diensten.domain.huisverbod import HuisverbodStatus, dagen_resterend
from zicht.diensten.domain.werk import (
    CASUS_URENSOORTEN,
    ONDERZOEK_NORM,
    URENSOORT_VAN_DIENST,
    Aandeel,
    Termijnstand,
    Urensoort,
    caseload_uren,
    termijnstand,
    week_einde,
)
from zicht.diensten.inhoud_selectors import dienst_get_for_user, werkdagen_resterend
from zicht.diensten.models import Dienst, DienstSoort, DienstStatus
from zicht.diensten.models_werk import Huisverbod, Tijdregel, Voorlichting
from zicht.intake.models import Melding, MeldingStatus

__all__ = [
    "LIJST_MAX",
    "BoekbaarWerk",
    "Werkitem",
    "casus_boekbaar_werk",
    "dienst_get_for_user",
    "huisverbod_get_for_user",
    "huisverboden_lopend",
    "mijn_werk",
    "onderzoek_op_tijd",
    "tijdregels_van",
    "urennormen_huidig",
    "voorlichtingen",
    "werkverdeling",
    "werkverdeling_team",
    "werkverdeling_teams",
]

#: Lists on the work pages show at most this many rows (the totals are counted separately).
LIJST_MAX = 200
#: The team leader's board shows at most this many rows per list (oldest term first).
BORD_MAX = 100


def urennormen_huidig(jaar: int | None = None) -> dict[str, Decimal]:
    """Hours per case per planning service (code → hours), from planning's parameters."""
    jaar = jaar if jaar is not None else timezone.localdate().year
    pad = getattr(settings, "ZICHT_URENNORMEN", "")
    if not pad:
        return {}
    bron: Callable[[int], Mapping[str, Decimal]] = import_string(pad)
    return dict(bron(jaar))


def _scope(user: Any) -> QuerySet[Casus]:
    return Casus.objects.filter(casus_scope(user)).values("pk")


@dataclass
class Werkitem:
    """One piece of open work: a dienst, or an open task (the VB of a melding, a task during a
    huisverbod, ...), with its age (calendar days) and the working days left until its term
    (:func:`~zicht.diensten.inhoud_selectors.werkdagen_resterend`, as on the dienst pages)."""

    soort: str  # "dienst" | "taak"
    pk: int
    casus: Casus
    omschrijving: str
    start: date
    deadline: date | None
    behandelaar: User | None
    version: int
    leeftijd: int
    werkdagen_resterend: int | None
    stand: Termijnstand
    urensoort: Urensoort | None = None

    @property
    def sleutel(self) -> str:
        return f"{self.soort}-{self.pk}"

    @property
    def werkdagen_te_laat(self) -> int:
        """Working days past the term (0 while it has not passed)."""
        resterend = self.werkdagen_resterend
        return -resterend if resterend is not None and resterend < 0 else 0


def _dienst_deadline(dienst: Dienst) -> date | None:
    if dienst.taak_id and dienst.taak is not None:
        return dienst.taak.deadline
    return dienst.deadline


def _item_dienst(dienst: Dienst, op: date, kalender: AtwCalendar) -> Werkitem:
    deadline = _dienst_deadline(dienst)
    behandeling = getattr(dienst, "behandeling", None)
    return Werkitem(
        soort="dienst",
        pk=dienst.pk,
        casus=dienst.casus,
        omschrijving=dienst.get_soort_display(),
        start=dienst.start,
        deadline=deadline,
        behandelaar=behandeling.behandelaar if behandeling is not None else None,
        version=behandeling.version if behandeling is not None else 1,
        leeftijd=(op - dienst.start).days,
        werkdagen_resterend=werkdagen_resterend(deadline, op, kalender),
        stand=termijnstand(deadline, op),
        urensoort=URENSOORT_VAN_DIENST.get(dienst.soort),
    )


def _item_taak(
    taak: Taak, op: date, kalender: AtwCalendar, omschrijving: str | None = None
) -> Werkitem:
    return Werkitem(
        soort="taak",
        pk=taak.pk,
        casus=taak.casus,
        omschrijving=omschrijving or taak.omschrijving,
        start=taak.start,
        deadline=taak.deadline,
        behandelaar=taak.toegewezen_aan,
        version=taak.version,
        leeftijd=(op - taak.start).days,
        werkdagen_resterend=werkdagen_resterend(taak.deadline, op, kalender),
        stand=termijnstand(taak.deadline, op),
        urensoort=(
            Urensoort.MELDING_EN_VEILIGHEIDSBEOORDELING
            if taak.termijn_code == "vb_besluit"
            else None
        ),
    )


def _sorteer(items: list[Werkitem]) -> list[Werkitem]:
    return sorted(items, key=lambda i: (i.deadline is None, i.deadline or date.max, i.start, i.pk))


def _open_diensten() -> QuerySet[Dienst]:
    return Dienst.objects.filter(status=DienstStatus.GESTART).select_related(
        "casus", "taak", "behandeling", "behandeling__behandelaar"
    )


# --- Mijn werk --------------------------------------------------------------------------------


@dataclass
class MijnWerk:
    items: list[Werkitem]
    afgekapt: bool
    boekingen: list[Tijdregel]
    minuten_deze_week: int
    te_laat: int
    deze_week: int


def mijn_werk(user: Any, *, op: date | None = None) -> MijnWerk:
    """The user's open work, deadlines first: diensten they carry, their open tasks (including
    VB tasks) and the assessments they started — each once."""
    op = op if op is not None else timezone.localdate()
    scope = _scope(user)
    diensten = list(
        _open_diensten()
        .filter(behandeling__behandelaar=user, casus__in=scope)
        .order_by(F("taak__deadline").asc(nulls_last=True), "deadline", "start", "pk")[:LIJST_MAX]
    )
    taken = list(
        Taak.objects.filter(toegewezen_aan=user, afgerond_op__isnull=True, casus__in=scope)
        .select_related("casus", "toegewezen_aan")
        .order_by("deadline", "pk")[:LIJST_MAX]
    )
    beoordelingen = list(
        Melding.objects.filter(
            status=MeldingStatus.NIEUW,
            veiligheidsbeoordeling__beoordelaar=user,
            vb_taak__isnull=False,
            vb_taak__afgerond_op__isnull=True,
            casus__in=scope,
        )
        .select_related("vb_taak", "vb_taak__casus", "vb_taak__toegewezen_aan")
        .order_by("vb_taak__deadline", "pk")[:LIJST_MAX]
    )
    kalender = calendar_current()
    items = [_item_dienst(d, op, kalender) for d in diensten]
    gedekt = {d.taak_id for d in diensten if d.taak_id}
    for melding in beoordelingen:
        assert melding.vb_taak is not None
        if melding.vb_taak_id not in gedekt:
            gedekt.add(melding.vb_taak_id)
            items.append(
                _item_taak(melding.vb_taak, op, kalender, "Veiligheidsbeoordeling (besluit)")
            )
    items.extend(_item_taak(t, op, kalender) for t in taken if t.pk not in gedekt)
    items = _sorteer(items)
    afgekapt = len(items) > LIJST_MAX or LIJST_MAX in (len(diensten), len(taken))
    maandag = op - timedelta(days=op.weekday())
    boekingen = tijdregels_van(user, limit=10)
    minuten = Tijdregel.objects.filter(
        medewerker=user, correctie__isnull=True, datum__gte=maandag
    ).aggregate(m=Sum("minuten"))["m"]
    return MijnWerk(
        items=items[:LIJST_MAX],
        afgekapt=afgekapt,
        boekingen=boekingen,
        minuten_deze_week=int(minuten or 0),
        te_laat=sum(1 for i in items if i.stand is Termijnstand.TE_LAAT),
        deze_week=sum(1 for i in items if i.stand is Termijnstand.DEZE_WEEK),
    )


@dataclass(frozen=True)
class BoekbaarWerk:
    """What time can be booked on from a casus (the choices of its booking page): its running
    diensten, its most recent huisverboden and the casus-level services
    (:data:`~zicht.diensten.domain.werk.CASUS_URENSOORTEN`) — what ``tijd_boeken`` accepts."""

    diensten: list[Dienst]
    huisverboden: list[Huisverbod]
    soorten: tuple[Urensoort, ...] = CASUS_URENSOORTEN


#: The booking page of a casus offers its this many most recent huisverboden.
BOEKBARE_HUISVERBODEN = 5


def casus_boekbaar_werk(casus: Casus) -> BoekbaarWerk:
    """:class:`BoekbaarWerk` of ``casus`` (the caller checked the scope): two queries."""
    return BoekbaarWerk(
        diensten=list(
            Dienst.objects.filter(casus=casus, status=DienstStatus.GESTART).order_by("start", "pk")
        ),
        huisverboden=list(
            Huisverbod.objects.filter(casus=casus).order_by("-opgelegd_op", "-pk")[
                :BOEKBARE_HUISVERBODEN
            ]
        ),
    )


def tijdregels_van(user: Any, *, limit: int = 50, vanaf: date | None = None) -> list[Tijdregel]:
    """The user's own bookings that still count (not replaced by a correction), newest first."""
    qs = Tijdregel.objects.filter(medewerker=user, correctie__isnull=True)
    if vanaf is not None:
        qs = qs.filter(datum__gte=vanaf)
    return list(
        qs.select_related("casus", "dienst", "corrigeert").order_by("-datum", "-pk")[:limit]
    )


# --- Wachtlijst: the one definition (DOMAIN §4) ---------------------------------------------


def wachtlijst_melding_q() -> Q:
    """On ``Melding``: waiting for an assessor — new, no Veiligheidsbeoordeling started and its
    VB task (if any) assigned to nobody. Used by this board, planning's risk signal and
    ``reporting.measures.wachtlijst``."""
    return Q(status=MeldingStatus.NIEUW, veiligheidsbeoordeling__isnull=True) & (
        Q(vb_taak__isnull=True) | Q(vb_taak__toegewezen_aan__isnull=True)
    )


def wachtlijst_dienst_q() -> Q:
    """On ``Dienst``: a decided dienst not yet started or assigned — running and carried by
    nobody (the overdracht na VB included: someone must still carry the handover)."""
    return Q(status=DienstStatus.GESTART) & (
        Q(behandeling__isnull=True) | Q(behandeling__behandelaar__isnull=True)
    )


# --- Werkverdeling (team leader) --------------------------------------------------------------


def werkverdeling_teams(user: Any) -> list[Team]:
    return list(Team.objects.filter(leden=user, actief=True).order_by("naam"))


def werkverdeling_team(user: Any, team_id: str | int | None) -> tuple[Team, list[Team]]:
    """The board's team (``team_id``; empty: the user's first team) and all teams whose board
    the user may open (:func:`werkverdeling_teams`); 404 when the user is in no team or not in
    that one."""
    teams = werkverdeling_teams(user)
    if not teams:
        raise Http404("U bent geen lid van een team.")
    if team_id in (None, ""):
        return teams[0], teams
    for team in teams:
        if str(team.pk) == str(team_id):
            return team, teams
    raise Http404("Team niet gevonden.")


@dataclass
class Caseloadregel:
    medewerker: User
    aantallen: dict[Urensoort, int]
    aantal: int
    uren: Decimal | None


@dataclass
class Werkverdeling:
    team: Team
    leden: list[User]
    wachtlijst: list[Werkitem]
    wachtlijst_totaal: int
    caseload: list[Caseloadregel]
    signalen: list[Werkitem]
    onderzoek: list[tuple[date, Aandeel]]
    onderzoek_totaal: Aandeel
    norm: Decimal = ONDERZOEK_NORM
    urennormen: dict[str, Decimal] = field(default_factory=dict)


def werkverdeling(
    user: Any,
    team: Team,
    *,
    urennormen: Mapping[str, Decimal],
    op: date | None = None,
) -> Werkverdeling:
    """The team leader's board for ``team``: the waiting list (unassigned diensten and
    unassigned VB tasks, oldest term first), caseload per member as count and estimated hours,
    the terms at risk this week, and the Onderzoek on-time share per month. Constant queries."""
    op = op if op is not None else timezone.localdate()
    scope = _scope(user)
    leden = list(User.objects.filter(teams=team, is_active=True).order_by("first_name", "username"))
    in_team = Q(casus__team=team) & Q(casus__in=scope)
    diensten_wacht = _open_diensten().filter(in_team).filter(wachtlijst_dienst_q())
    wacht_d = list(
        diensten_wacht.order_by(
            F("taak__deadline").asc(nulls_last=True), "deadline", "start", "pk"
        )[:BORD_MAX]
    )
    vb_wacht = (
        Melding.objects.filter(
            status=MeldingStatus.NIEUW,
            vb_taak__isnull=False,
            vb_taak__toegewezen_aan__isnull=True,
            vb_taak__afgerond_op__isnull=True,
            veiligheidsbeoordeling__isnull=True,
        )
        .filter(in_team)
        .select_related("vb_taak", "vb_taak__casus")
    )
    wacht_m = list(vb_wacht.order_by("vb_taak__deadline", "pk")[:BORD_MAX])
    totaal = diensten_wacht.order_by().count() + vb_wacht.order_by().count()
    kalender = calendar_current()
    wachtlijst = [_item_dienst(d, op, kalender) for d in wacht_d]
    wachtlijst += [
        _item_taak(m.vb_taak, op, kalender, "Veiligheidsbeoordeling (besluit)")
        for m in wacht_m
        if m.vb_taak is not None
    ]
    wachtlijst = _sorteer(wachtlijst)[:BORD_MAX]

    # Caseload: open diensten and open VB tasks per member (counts, one query each).
    tellingen: dict[int, dict[Urensoort, int]] = defaultdict(lambda: defaultdict(int))
    for rij in (
        Dienst.objects.filter(status=DienstStatus.GESTART, behandeling__behandelaar__in=leden)
        .values("behandeling__behandelaar", "soort")
        .annotate(n=Count("id"))
        .order_by()
    ):
        soort = URENSOORT_VAN_DIENST.get(rij["soort"])
        if soort is not None:
            tellingen[rij["behandeling__behandelaar"]][soort] += rij["n"]
    for rij in (
        Melding.objects.filter(
            status=MeldingStatus.NIEUW,
            vb_taak__afgerond_op__isnull=True,
            vb_taak__toegewezen_aan__in=leden,
        )
        .values("vb_taak__toegewezen_aan")
        .annotate(n=Count("id"))
        .order_by()
    ):
        soort = Urensoort.MELDING_EN_VEILIGHEIDSBEOORDELING
        tellingen[rij["vb_taak__toegewezen_aan"]][soort] += rij["n"]
    caseload = []
    for lid in leden:
        aantallen = dict(tellingen.get(lid.pk, {}))
        caseload.append(
            Caseloadregel(
                medewerker=lid,
                aantallen=aantallen,
                aantal=sum(aantallen.values()),
                uren=caseload_uren(aantallen, urennormen),
            )
        )

    # Terms at risk this week (and overdue): assigned or not, open, in the team.
    grens = week_einde(op)
    risico_d = list(
        _open_diensten()
        .filter(in_team)
        .annotate(termijn=Coalesce("taak__deadline", "deadline"))
        .filter(termijn__lte=grens)
        .order_by("termijn", "pk")[:BORD_MAX]
    )
    risico_m = list(
        Melding.objects.filter(
            status=MeldingStatus.NIEUW,
            vb_taak__afgerond_op__isnull=True,
            vb_taak__deadline__lte=grens,
        )
        .filter(in_team)
        .select_related("vb_taak", "vb_taak__casus", "vb_taak__toegewezen_aan")
        .order_by("vb_taak__deadline", "pk")[:BORD_MAX]
    )
    signalen = [_item_dienst(d, op, kalender) for d in risico_d]
    signalen += [
        _item_taak(m.vb_taak, op, kalender, "Veiligheidsbeoordeling (besluit)")
        for m in risico_m
        if m.vb_taak is not None
    ]
    onderzoek, onderzoek_totaal = onderzoek_op_tijd(user, team=team, op=op, scope=scope)
    return Werkverdeling(
        team=team,
        leden=leden,
        wachtlijst=wachtlijst,
        wachtlijst_totaal=totaal,
        caseload=caseload,
        signalen=_sorteer(signalen)[:BORD_MAX],
        onderzoek=onderzoek,
        onderzoek_totaal=onderzoek_totaal,
        urennormen=dict(urennormen),
    )


def _einde_veld() -> str:
    """The dienst's closing date: ``Dienst.einde`` where it exists, else the moment its
    deadline task was completed."""
    namen = {f.name for f in Dienst._meta.get_fields()}
    return "einde" if "einde" in namen else "taak__afgerond_op__date"


def onderzoek_op_tijd(
    user: Any,
    *,
    team: Team | None = None,
    op: date | None = None,
    maanden: int = 12,
    scope: QuerySet[Casus] | None = None,
) -> tuple[list[tuple[date, Aandeel]], Aandeel]:
    """Onderzoeken closed per month over the last ``maanden`` months (this month included), and
    how many on or before their 10-week deadline (after suspension and extension)."""
    op = op if op is not None else timezone.localdate()
    eerste = add_months(op.replace(day=1), 1 - maanden)
    veld = _einde_veld()
    qs = Dienst.objects.filter(
        soort=DienstSoort.ONDERZOEK,
        status=DienstStatus.AFGEROND,
        casus__in=scope if scope is not None else _scope(user),
    )
    if team is not None:
        qs = qs.filter(casus__team=team)
    rijen = (
        qs.annotate(afgesloten=F(veld), termijn=Coalesce("taak__deadline", "deadline"))
        .filter(afgesloten__gte=eerste, afgesloten__lte=op)
        .annotate(maand=TruncMonth("afgesloten"))
        .values("maand")
        .annotate(
            afgerond=Count("id"),
            op_tijd=Count("id", filter=Q(afgesloten__lte=F("termijn"))),
        )
        .order_by("maand")
    )
    per_maand = {}
    for rij in rijen:
        maand = rij["maand"]
        maand = maand.date() if hasattr(maand, "date") and callable(maand.date) else maand
        per_maand[maand] = Aandeel(int(rij["afgerond"]), int(rij["op_tijd"]))
    uitkomst = []
    maand = eerste
    while maand <= op:
        uitkomst.append((maand, per_maand.get(maand, Aandeel(0, 0))))
        maand = add_months(maand, 1)
    totaal = Aandeel(sum(a.afgerond for _, a in uitkomst), sum(a.op_tijd for _, a in uitkomst))
    return uitkomst, totaal


# --- Huisverbod -------------------------------------------------------------------------------


@dataclass
class HuisverbodRij:
    huisverbod: Huisverbod
    dagen_resterend: int


def huisverboden_lopend(user: Any, *, op: date | None = None) -> list[HuisverbodRij]:
    """Running bans in the user's scope, ending soonest first, with the days left."""
    op = op if op is not None else timezone.localdate()
    rijen = (
        Huisverbod.objects.filter(
            status__in=[HuisverbodStatus.LOPEND, HuisverbodStatus.VERLENGD],
            casus__in=_scope(user),
        )
        .select_related("casus")
        .order_by("einde", "pk")[:LIJST_MAX]
    )
    return [HuisverbodRij(h, dagen_resterend(h.einde, op)) for h in rijen]


def huisverboden_beeindigd(user: Any, *, limit: int = 50) -> list[Huisverbod]:
    return list(
        Huisverbod.objects.filter(
            status__in=[HuisverbodStatus.AFGELOPEN, HuisverbodStatus.INGETROKKEN],
            casus__in=_scope(user),
        )
        .select_related("casus")
        .order_by("-beeindigd_op", "-pk")[:limit]
    )


def huisverbod_get_for_user(user: Any, pk: int | str) -> Huisverbod:
    """The huisverbod when its casus is in the user's scope; 404 otherwise (an existing one
    outside the scope is refused and audited as its casus would be)."""
    return casus_onderdeel_get_for_user(
        user,
        Huisverbod.objects.select_related(
            "casus", "uithuisgeplaatste__persoon", "aangemaakt_door"
        ).prefetch_related(
            Prefetch("beschermden", queryset=_betrokkenen()),
            "verlengingen__door",
        ),
        pk,
        niet_gevonden="Huisverbod niet gevonden.",
    )


def _betrokkenen() -> QuerySet[Any]:
    from zicht.casework.models import Betrokkene

    return Betrokkene.objects.select_related("persoon")


def taak_get_for_user(user: Any, pk: int | str) -> Taak:
    """The taak when its casus is in the user's scope; 404 otherwise (an existing one outside
    the scope is refused and audited as its casus would be)."""
    return casus_onderdeel_get_for_user(
        user, Taak.objects.select_related("casus"), pk, niet_gevonden="Taak niet gevonden."
    )


# --- Voorlichting -----------------------------------------------------------------------------


def voorlichtingen(*, jaar: int | None = None, limit: int = LIJST_MAX) -> list[Voorlichting]:
    qs = Voorlichting.objects.select_related("gegeven_door")
    if jaar is not None:
        qs = qs.filter(datum__year=jaar)
    return list(qs.order_by("-datum", "-pk")[:limit])
