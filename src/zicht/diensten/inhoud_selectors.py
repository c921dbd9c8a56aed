"""Reads of the diensten' content, always through ``casework.access.casus_scope`` in SQL.

The dienst page loads each kind of row in one query; the lists per kind are one count and one
page query (``select_related``), whatever the number of diensten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from zicht.casework.access import casus_onderdeel_get_for_user, casus_scope
from zicht.casework.models import Betrokkene, Casus, Taak, TaakOpschorting, TaakVerlenging
from zicht.core.domain.calendar import AtwCalendar
from zicht.core.pagination import CappedPaginator
from zicht.core.selectors import calendar_current
from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.domain import overdracht as ovd
from zicht.diensten.domain.termijn import Termijnbeeld, termijnbeeld
from zicht.diensten.inhoud_services import PROCES
from zicht.diensten.models import (
    Dienst,
    DienstSoort,
    DienstStap,
    DienstStatus,
    MonitoringMoment,
    OnderzoekConclusie,
    PlanRegel,
    PlanRegelSoort,
    Terugkoppeling,
    Veiligheidsvoorwaarde,
)
from zicht.intake.models import Code, Melding

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Page

__all__ = [
    "LIJST_SOORTEN",
    "DienstDetail",
    "Klok",
    "casus_diensten",
    "dienst_detail",
    "dienst_get_for_user",
    "diensten_lijst",
    "overdracht_risicos",
    "overdracht_risicos_pagina",
    "werkdagen_resterend",
]

PER_PAGINA = 50

#: The URL slug of each list and the kinds it shows.
LIJST_SOORTEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "vv": ("Voorwaarden en Vervolg", (DienstSoort.VOORWAARDEN_EN_VERVOLG,)),
    "onderzoek": ("Onderzoek", (DienstSoort.ONDERZOEK,)),
    "overdracht": (
        "Overdracht",
        (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS),
    ),
    "monitoring": ("Monitoren", (DienstSoort.MONITOREN,)),
}


def werkdagen_resterend(
    deadline: date | None, op: date, kalender: AtwCalendar | None = None
) -> int | None:
    """Days left until ``deadline`` seen from ``op``, in working days of the Atw calendar: the
    one count every diensten page shows (dienst page, lists, mijn werk, werkverdeling). ``0`` on
    the deadline day, negative after it (see :meth:`AtwCalendar.working_days_between`); None
    without a deadline. Pass ``kalender`` when counting many rows (one calendar read)."""
    if deadline is None:
        return None
    return (kalender if kalender is not None else calendar_current()).working_days_between(
        op, deadline
    )


def _in_scope(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Dienst]:
    return Dienst.objects.filter(casus__in=Casus.objects.filter(casus_scope(user)).values("pk"))


def dienst_get_for_user(user: AbstractBaseUser | AnonymousUser, pk: int | str) -> Dienst:
    """The dienst with ``pk`` when its casus is in the user's scope; 404 otherwise, and an
    existing dienst outside the scope is refused (audited) as its casus would be. The one
    getter of a dienst: the dienst pages, work steering and the API use it."""
    return casus_onderdeel_get_for_user(
        user,
        Dienst.objects.select_related(
            "casus", "casus__team", "ketenpartner", "monitoring_beleid", "taak", "behandeling"
        ),
        pk,
        niet_gevonden="Dienst niet gevonden.",
    )


@dataclass(frozen=True)
class Klok:
    """The 10-week clock on the reference date: working days left, suspended now, its stand
    (:func:`~zicht.diensten.domain.termijn.termijnbeeld`: te laat, krap, ...), history."""

    deadline: date
    oorspronkelijke_deadline: date
    werkdagen_resterend: int
    stand: Termijnbeeld
    opgeschort_nu: bool
    opgeschorte_dagen: int
    opschortingen: list[TaakOpschorting]
    verlengingen: list[TaakVerlenging]


@dataclass(frozen=True)
class MomentRegel:
    moment: MonitoringMoment
    stand: mon.MomentStand


@dataclass
class DienstDetail:
    dienst: Dienst
    op: date
    fase_label: str
    acties: frozenset[str]
    klok: Klok | None
    voorwaarden: list[Veiligheidsvoorwaarde]
    plan: dict[str, list[PlanRegel]]
    conclusies: list[OnderzoekConclusie]
    momenten: list[MomentRegel]
    vervolgmeldingen: list[Melding]
    stappen: list[DienstStap]
    vorige: Dienst | None
    vervolgen: list[Dienst]
    terugkoppelingen: list[Terugkoppeling]
    personen: list[tuple[int, str]]
    risico: bool = False
    start_uiterlijk: date | None = None
    #: Onderzoek only: whether its start is (or has become) late
    start: ond.Startbeeld | None = None
    aard_labels: dict[str, str] = field(default_factory=dict)

    @property
    def gemist(self) -> int:
        return sum(1 for m in self.momenten if m.stand is mon.MomentStand.GEMIST)


def _klok(taak: Taak, dienst: Dienst, op: date) -> Klok:
    opschortingen = list(taak.opschortingen.all())
    resterend = werkdagen_resterend(taak.deadline, op) or 0
    opgeschort_nu = any(o.van <= op <= o.tot for o in opschortingen)
    return Klok(
        deadline=taak.deadline,
        oorspronkelijke_deadline=taak.oorspronkelijke_deadline,
        werkdagen_resterend=resterend,
        stand=termijnbeeld(
            deadline=taak.deadline,
            op=op,
            werkdagen_resterend=resterend,
            einde=(dienst.einde or op) if dienst.status == DienstStatus.AFGEROND else None,
            opgeschort=opgeschort_nu,
        ),
        opgeschort_nu=opgeschort_nu,
        opgeschorte_dagen=taak.opgeschorte_dagen,
        opschortingen=opschortingen,
        verlengingen=list(taak.verlengingen.all()),
    )


def _fase_label(dienst: Dienst) -> str:
    proces = PROCES.get(dienst.soort)
    if proces is None or not dienst.fase:
        return dienst.get_status_display()
    return str(proces.FASE_LABELS[proces.Fase(dienst.fase)])


def _acties(dienst: Dienst) -> frozenset[str]:
    proces = PROCES.get(dienst.soort)
    if proces is None or not dienst.fase:
        return frozenset()
    return frozenset(str(a) for a in proces.acties(proces.Fase(dienst.fase)))


def dienst_detail(
    user: AbstractBaseUser | AnonymousUser, pk: int | str, *, op: date | None = None
) -> DienstDetail:
    """Everything the dienst page shows, in a fixed number of queries."""
    op = op if op is not None else timezone.localdate()
    dienst = dienst_get_for_user(user, pk)
    klok = None
    if dienst.taak_id is not None:
        taak = (
            Taak.objects.prefetch_related("opschortingen__door", "verlengingen__door")
            .filter(pk=dienst.taak_id)
            .first()
        )
        if taak is not None:
            klok = _klok(taak, dienst, op)
    start_uiterlijk = None
    if dienst.start_taak_id is not None:
        start_uiterlijk = (
            Taak.objects.filter(pk=dienst.start_taak_id).values_list("deadline", flat=True).first()
        )
    plan: dict[str, list[PlanRegel]] = {s.value: [] for s in PlanRegelSoort}
    for regel in PlanRegel.objects.filter(dienst=dienst).select_related("persoon"):
        plan[regel.soort].append(regel)
    momenten = [
        MomentRegel(m, mon.moment_stand(m.gepland_op or m.uitgevoerd_op or op, m.uitgevoerd_op, op))
        for m in MonitoringMoment.objects.filter(dienst=dienst).order_by("gepland_op", "volgnummer")
    ]
    vervolgmeldingen: list[Melding] = []
    if dienst.soort == DienstSoort.MONITOREN:
        # A vervolgmelding during monitoring shows on the schedule.
        vervolgmeldingen = list(
            Melding.objects.filter(
                casus_id=dienst.casus_id, ontvangen_op__date__gte=dienst.start
            ).order_by("ontvangen_op")
        )
    personen = [
        (b.persoon_id, f"{b.persoon.volledige_naam} ({b.get_rol_display()})")
        for b in Betrokkene.objects.filter(casus_id=dienst.casus_id).select_related("persoon")
    ]
    conclusies = list(OnderzoekConclusie.objects.filter(dienst=dienst))
    aard_labels = dict(Code.objects.filter(lijst="aard").values_list("code", "omschrijving"))
    start = (
        ond.startbeeld(
            gestart_op=dienst.gestart_op,
            vastgelegd_te_laat=dienst.start_te_laat,
            uiterlijk=start_uiterlijk,
            op=op,
        )
        if dienst.soort == DienstSoort.ONDERZOEK
        else None
    )
    risico = (
        dienst.soort in (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS)
        and bool(dienst.fase)
        and ovd.is_risico(ovd.Fase(dienst.fase), aangeboden_op=dienst.aangeboden_op, vandaag=op)
    )
    return DienstDetail(
        dienst=dienst,
        op=op,
        fase_label=_fase_label(dienst),
        acties=_acties(dienst),
        klok=klok,
        voorwaarden=list(Veiligheidsvoorwaarde.objects.filter(dienst=dienst)),
        plan=plan,
        conclusies=conclusies,
        momenten=momenten,
        vervolgmeldingen=vervolgmeldingen,
        stappen=list(DienstStap.objects.filter(dienst=dienst).select_related("door")),
        vorige=Dienst.objects.filter(pk=dienst.vorige_id).first() if dienst.vorige_id else None,
        vervolgen=list(Dienst.objects.filter(vorige=dienst).order_by("pk")),
        terugkoppelingen=list(
            Terugkoppeling.objects.filter(dienst=dienst).select_related("melding")
        ),
        personen=personen,
        risico=risico,
        start_uiterlijk=start_uiterlijk,
        start=start,
        aard_labels=aard_labels,
    )


@dataclass(frozen=True)
class LijstRegel:
    dienst: Dienst
    fase_label: str
    werkdagen_resterend: int | None
    termijn: Termijnbeeld
    risico: bool


def diensten_lijst(
    user: AbstractBaseUser | AnonymousUser,
    slug: str,
    *,
    afgerond: bool = False,
    pagina: Any = 1,
    op: date | None = None,
) -> tuple[Page[Any], list[LijstRegel]]:
    """Open (or closed) diensten of one kind in the user's scope: nearest deadline first (open)
    or most recently closed first. One count query and one page query."""
    op = op if op is not None else timezone.localdate()
    _titel, soorten = LIJST_SOORTEN[slug]
    qs = (
        _in_scope(user)
        .filter(soort__in=soorten)
        .filter(status=DienstStatus.AFGEROND if afgerond else DienstStatus.GESTART)
        .select_related("casus", "casus__team", "ketenpartner")
        # The term stands still today (as on the dienst page's clock): part of the page query.
        .annotate(
            opgeschort_nu=Exists(
                TaakOpschorting.objects.filter(taak=OuterRef("taak"), van__lte=op, tot__gte=op)
            )
        )
    )
    qs = qs.order_by("-einde", "-pk") if afgerond else qs.order_by("deadline", "start", "pk")
    page = CappedPaginator(qs, PER_PAGINA).get_page(pagina)
    kalender = calendar_current()
    regels = []
    for d in page.object_list:
        resterend = None if afgerond else werkdagen_resterend(d.deadline, op, kalender)
        regels.append(
            LijstRegel(
                dienst=d,
                fase_label=_fase_label(d),
                werkdagen_resterend=resterend,
                termijn=termijnbeeld(
                    deadline=d.deadline,
                    op=op,
                    werkdagen_resterend=resterend,
                    einde=(d.einde or op) if afgerond else None,
                    opgeschort=d.opgeschort_nu,
                ),
                risico=(
                    d.soort in (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS)
                    and not afgerond
                    and ovd.is_risico(ovd.Fase(d.fase), aangeboden_op=d.aangeboden_op, vandaag=op)
                    if d.fase
                    else False
                ),
            )
        )
    return page, regels


def overdracht_risicos(
    user: AbstractBaseUser | AnonymousUser, *, op: date | None = None
) -> QuerySet[Dienst]:
    """Open overdrachten refused by the partner or unanswered for more than
    :data:`~zicht.diensten.domain.overdracht.GEEN_REACTIE_NA_DAGEN` days."""
    op = op if op is not None else timezone.localdate()
    grens = op - timedelta(days=ovd.GEEN_REACTIE_NA_DAGEN)
    return (
        _in_scope(user)
        .filter(
            soort__in=[DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS],
            status=DienstStatus.GESTART,
        )
        .filter(Q(fase=ovd.Fase.GEWEIGERD) | Q(fase=ovd.Fase.AANGEBODEN, aangeboden_op__lt=grens))
        .select_related("casus", "ketenpartner")
        .order_by("aangeboden_op", "pk")
    )


def overdracht_risicos_pagina(
    user: AbstractBaseUser | AnonymousUser, *, pagina: Any = 1, op: date | None = None
) -> Page[Any]:
    """One page of :func:`overdracht_risicos` (oldest offer first): one capped count query and
    one page query, whatever the number of risks."""
    return CappedPaginator(overdracht_risicos(user, op=op), PER_PAGINA).get_page(pagina)


def casus_diensten(casus: Casus) -> list[Dienst]:
    """The diensten of a casus (for the casus page), newest first; the caller checked scope."""
    return list(
        Dienst.objects.filter(casus=casus).select_related("ketenpartner").order_by("-start", "-pk")
    )
