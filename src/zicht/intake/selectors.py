"""Reads of the front door: code lists, settings, the worklists, the detail pages, drafts and the
earlier-involvement candidates.

Every list runs a fixed number of queries whatever the number of rows (no N+1) and is filtered
in SQL: meldingen through :func:`melding_scope`, which is ``casework.access.casus_scope`` on the
melding's casus plus the user's own registrations of the last days; adviezen and the CORV inbox
(no casus yet) by permission.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zicht.accounts.models import Team
from zicht.accounts.permissions import Perm, has_permission
from zicht.casework.access import NIETS, casus_onderdeel_get_for_user, casus_scope
from zicht.casework.models import Casus, CasusStatus
from zicht.core.domain.calendar import AtwCalendar
from zicht.core.pagination import CappedPaginator
from zicht.core.selectors import calendar_current
from zicht.intake.domain.codelijsten import Codelijst
from zicht.intake.domain.werkdiensten import dienst_start
from zicht.intake.models import (
    Advies,
    Code,
    Concept,
    ConceptSoort,
    CorvBericht,
    CorvStatus,
    Informant,
    IntakeInstelling,
    Melding,
    MeldingBetrokkene,
    MeldingStatus,
    Werkdienst,
)
from zicht.people.domain.bsn import mask_bsn
from zicht.people.domain.dates import PartialDate
from zicht.people.models import Gemeente

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    Gebruiker = AbstractBaseUser | AnonymousUser

__all__ = [
    "EIGEN_REGISTRATIE_ZICHTBAAR",
    "CodeKeuzes",
    "KandidaatRij",
    "advies_get_for_user",
    "advies_scope",
    "codes_actief",
    "concept_get",
    "concept_list",
    "corv_get_for_user",
    "corv_inbox",
    "corv_open_aantal",
    "dienstoverdracht",
    "eerdere_betrokkenheid",
    "gemeente_keuzes",
    "melding_detail",
    "melding_get_for_user",
    "melding_met_token",
    "melding_scope",
    "mijn_adviezen",
    "mijn_meldingen",
    "nieuwe_meldingen",
    "ontvangend_team",
    "werkdienst_start",
]

PER_PAGINA = 25

#: How long a medewerker keeps seeing a melding they registered, also when its casus is held
#: by another team (the front door registers, the assessment team holds the casus). It shows
#: the melding itself, not the dossier.
EIGEN_REGISTRATIE_ZICHTBAAR = timedelta(days=7)


def _nu(nu: datetime | None) -> datetime:
    return nu if nu is not None else timezone.now()


# --- Reference data and settings ------------------------------------------------------------


@dataclass(frozen=True)
class CodeKeuzes:
    """The active codes by list, in their order, from one query."""

    per_lijst: dict[str, list[Code]]

    def keuzes(self, *lijsten: Codelijst) -> list[tuple[str, str]]:
        return [
            (c.code, f"{c.code} {c.omschrijving}")
            for lijst in lijsten
            for c in self.per_lijst.get(lijst.value, [])
        ]

    def hoedanigheid_keuzes(self) -> list[tuple[str, Any]]:
        """Grouped choices (optgroups): professional and private."""
        return [
            ("", "— kies —"),
            ("Beroepsmatig", self.keuzes(Codelijst.HOEDANIGHEID_BEROEPSMATIG)),
            ("Niet beroepsmatig", self.keuzes(Codelijst.HOEDANIGHEID_NIET_BEROEPSMATIG)),
        ]

    def beroepsmatig(self, code: str) -> bool:
        return any(
            c.code == code for c in self.per_lijst.get(Codelijst.HOEDANIGHEID_BEROEPSMATIG, [])
        )


def codes_actief() -> CodeKeuzes:
    lijsten = [
        Codelijst.AANLEIDING,
        Codelijst.AARD,
        Codelijst.HOEDANIGHEID_BEROEPSMATIG,
        Codelijst.HOEDANIGHEID_NIET_BEROEPSMATIG,
    ]
    per_lijst: dict[str, list[Code]] = defaultdict(list)
    for code in Code.objects.filter(actief=True, lijst__in=lijsten).order_by(
        "lijst", "volgorde", "code"
    ):
        per_lijst[code.lijst].append(code)
    return CodeKeuzes(dict(per_lijst))


def gemeente_keuzes(op: date | None = None) -> list[tuple[str, str]]:
    """The gemeenten valid on ``op`` (default today), by name; one query."""
    op = op if op is not None else timezone.localdate()
    rows = (
        Gemeente.objects.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op))
        .order_by("naam")
        .values_list("cbs_code", "naam")
    )
    return [("", "onbekend"), *rows]


def ontvangend_team() -> Team | None:
    """The team that holds new casussen (see :class:`IntakeInstelling`)."""
    instelling = IntakeInstelling.objects.select_related("ontvangend_team").filter(pk=1).first()
    if instelling is not None and instelling.ontvangend_team is not None:
        return instelling.ontvangend_team if instelling.ontvangend_team.actief else None
    naam = instelling.standaard_teamnaam if instelling is not None else "Veiligheidsbeoordeling"
    return Team.objects.filter(naam=naam, actief=True).first()


def werkdienst_start(nu: datetime | None = None) -> datetime:
    """The start of the current shift (Europe/Amsterdam wall clock)."""
    lokaal = timezone.localtime(_nu(nu))
    tijden = list(Werkdienst.objects.values_list("begint_om", flat=True))
    return dienst_start(lokaal, tijden)


# --- Access ---------------------------------------------------------------------------------


def melding_scope(user: Gebruiker, *, nu: datetime | None = None) -> Q:
    """The meldingen ``user`` may see, as a ``Q`` on ``Melding``: those of casussen in the
    user's scope, plus the user's own registrations of the last
    :data:`EIGEN_REGISTRATIE_ZICHTBAAR`."""
    if not user.is_authenticated or not user.is_active:
        return NIETS
    scope = Q(casus__in=Casus.objects.filter(casus_scope(user)).values("pk"))
    if has_permission(user, Perm.MELDING_REGISTREREN):
        grens = _nu(nu) - EIGEN_REGISTRATIE_ZICHTBAAR
        scope |= Q(geregistreerd_door_id=user.pk, geregistreerd_op__gte=grens)
    return scope


def advies_scope(user: Gebruiker) -> Q:
    """Adviezen have no casus: whoever may register adviezen sees them (the front door works
    as one team around the clock); nobody else does."""
    if not has_permission(user, Perm.ADVIES_REGISTREREN):
        return NIETS
    return Q()


def _corv_toegang(user: Gebruiker) -> bool:
    return has_permission(user, Perm.MELDING_REGISTREREN)


def melding_get_for_user(
    user: Gebruiker, pk: int | str, *, queryset: QuerySet[Melding] | None = None
) -> Melding:
    """The melding when the user may see it; Http404 otherwise, and an existing melding
    outside the scope is refused (audited) as its casus would be. ``queryset`` adds
    select/prefetch for the caller (the API)."""
    qs = queryset if queryset is not None else Melding.objects.all()
    return casus_onderdeel_get_for_user(
        user,
        qs.select_related("casus", "casus__team", "melder", "melder__hoedanigheid"),
        pk,
        scope=melding_scope(user),
        niet_gevonden="Melding niet gevonden.",
    )


def melding_met_token(user: Gebruiker, token: object) -> Melding | None:
    """The melding saved from the form with ``token``, when the user may see it."""
    try:
        sleutel = uuid.UUID(str(token))
    except ValueError:
        return None
    return Melding.objects.filter(melding_scope(user)).filter(formulier_token=sleutel).first()


def advies_get_for_user(
    user: Gebruiker, pk: int | str, *, queryset: QuerySet[Advies] | None = None
) -> Advies:
    """The advies for whoever may register adviezen (no casus, so no casus scope); Http404
    otherwise. ``queryset`` adds select/prefetch for the caller (the API)."""
    qs = queryset if queryset is not None else Advies.objects.all()
    try:
        return (
            qs.filter(advies_scope(user))
            .select_related("adviesvrager", "adviesvrager__hoedanigheid", "geregistreerd_door")
            .get(pk=pk)
        )
    except (Advies.DoesNotExist, ValueError, TypeError):
        raise Http404("Advies niet gevonden.") from None


def corv_get_for_user(
    user: Gebruiker, pk: int | str, *, queryset: QuerySet[CorvBericht] | None = None
) -> CorvBericht:
    """The CORV message for whoever may use the inbox (no casus yet, so no casus scope);
    Http404 otherwise. ``queryset`` adds select/prefetch for the caller (the API)."""
    if not _corv_toegang(user):
        raise Http404("Bericht niet gevonden.")
    qs = queryset if queryset is not None else CorvBericht.objects.all()
    try:
        return qs.select_related("afgehandeld_door").get(pk=pk)
    except (CorvBericht.DoesNotExist, ValueError, TypeError):
        raise Http404("Bericht niet gevonden.") from None


# --- Detail ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BetrokkeneWeergave:
    naam: str
    rol: str
    geboortedatum: str
    bsn_gemaskeerd: str
    nieuw_in_casus: bool


def _betrokkene_weergave(mb: MeldingBetrokkene, *, volledig: bool) -> BetrokkeneWeergave:
    """A person of the melding. Someone who was already known (chosen from the candidates),
    seen by a user outside the casus scope, shows no more than the look-up showed: initial,
    surname and birth year — the record's other data stay with the dossier."""
    persoon = mb.betrokkene.persoon
    if volledig:
        return BetrokkeneWeergave(
            naam=persoon.volledige_naam,
            rol=mb.betrokkene.get_rol_display(),
            geboortedatum=str(persoon.geboortedatum or "onbekend"),
            bsn_gemaskeerd=mask_bsn(persoon.bsn),
            nieuw_in_casus=mb.nieuw_in_casus,
        )
    voorletter = persoon.voornamen.strip()[:1].upper()
    achternaam = " ".join(p for p in (persoon.tussenvoegsel, persoon.achternaam) if p)
    jaar = persoon.geboortedatum_jaar
    return BetrokkeneWeergave(
        naam=f"{voorletter}. {achternaam}" if voorletter else achternaam,
        rol=mb.betrokkene.get_rol_display(),
        geboortedatum=str(jaar) if jaar else "onbekend",
        bsn_gemaskeerd="",
        nieuw_in_casus=mb.nieuw_in_casus,
    )


@dataclass
class MeldingDetail:
    melding: Melding
    aanleidingen: list[Code]
    aarden: list[Code]
    betrokkenen: list[BetrokkeneWeergave]
    informanten: list[Informant]
    casus_zichtbaar: bool
    vb_deadline: date | None
    vb_werkdagen_resterend: int | None


def melding_detail(user: Gebruiker, pk: int | str, *, op: date | None = None) -> MeldingDetail:
    """Everything the melding page shows, in a fixed number of queries; Http404 outside the
    user's scope."""
    op = op if op is not None else timezone.localdate()
    melding = melding_get_for_user(user, pk)
    aanleidingen = list(melding.aanleidingen.order_by("volgorde", "code"))
    aarden = list(melding.aarden.order_by("volgorde", "code"))
    casus_zichtbaar = Casus.objects.filter(casus_scope(user), pk=melding.casus_id).exists()
    betrokkenen = [
        _betrokkene_weergave(mb, volledig=casus_zichtbaar or mb.persoon_aangemaakt)
        for mb in MeldingBetrokkene.objects.filter(melding=melding)
        .select_related("betrokkene", "betrokkene__persoon")
        .order_by("pk")
    ]
    informanten = list(
        Informant.objects.filter(melding=melding)
        .select_related("hoedanigheid", "vastgelegd_door")
        .order_by("-geraadpleegd_op", "-id")
    )
    vb_deadline = None
    resterend = None
    if melding.vb_taak_id is not None:
        taak = melding.vb_taak
        assert taak is not None
        vb_deadline = taak.deadline
        resterend = calendar_current().working_days_between(op, taak.deadline)
    return MeldingDetail(
        melding=melding,
        aanleidingen=aanleidingen,
        aarden=aarden,
        betrokkenen=betrokkenen,
        informanten=informanten,
        casus_zichtbaar=casus_zichtbaar,
        vb_deadline=vb_deadline,
        vb_werkdagen_resterend=resterend,
    )


# --- Worklists ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeldingRij:
    """A melding in a worklist, with its clock: no names (lists are not audited reads)."""

    melding: Melding
    vb_deadline: date | None
    werkdagen_resterend: int | None
    te_laat: bool
    aanleidingen: list[Code]

    @property
    def bijna(self) -> bool:
        return (
            not self.te_laat
            and self.werkdagen_resterend is not None
            and self.werkdagen_resterend <= 1
        )


def _meldingen_qs(user: Gebruiker) -> QuerySet[Melding]:
    return (
        Melding.objects.filter(melding_scope(user))
        .select_related("casus", "vb_taak")
        .prefetch_related(
            Prefetch("aanleidingen", queryset=Code.objects.order_by("volgorde", "code"))
        )
    )


def _rijen(page: Page[Melding], *, op: date, kalender: AtwCalendar) -> list[MeldingRij]:
    rijen = []
    for melding in page.object_list:
        taak = melding.vb_taak
        deadline = taak.deadline if taak is not None else None
        rijen.append(
            MeldingRij(
                melding=melding,
                vb_deadline=deadline,
                werkdagen_resterend=(
                    kalender.working_days_between(op, deadline) if deadline else None
                ),
                te_laat=deadline is not None and op > deadline,
                aanleidingen=list(melding.aanleidingen.all()),
            )
        )
    return rijen


@dataclass
class Werklijst:
    page: Page[Melding]
    rijen: list[MeldingRij]


def nieuwe_meldingen(
    user: Gebruiker, *, page: int | str = 1, per_page: int = PER_PAGINA, op: date | None = None
) -> Werklijst:
    """The assessment team's worklist: new meldingen in the user's casus scope (not the own-
    registration rule: this is the team's work), acute first, then by VB deadline."""
    op = op if op is not None else timezone.localdate()
    qs = (
        Melding.objects.filter(status=MeldingStatus.NIEUW)
        .filter(casus__in=Casus.objects.filter(casus_scope(user)).values("pk"))
        .select_related("casus", "vb_taak")
        .prefetch_related(
            Prefetch("aanleidingen", queryset=Code.objects.order_by("volgorde", "code"))
        )
        .order_by(
            "-acuut",
            "acuut_uiterlijk",
            F("vb_taak__deadline").asc(nulls_last=True),
            "ontvangen_op",
            "id",
        )
    )
    pagina = CappedPaginator(qs, per_page).get_page(page)
    return Werklijst(pagina, _rijen(pagina, op=op, kalender=calendar_current()))


def mijn_meldingen(
    user: Gebruiker, *, page: int | str = 1, per_page: int = PER_PAGINA, op: date | None = None
) -> Werklijst:
    """The meldingen the user registered (still visible to them), newest first."""
    op = op if op is not None else timezone.localdate()
    qs = (
        _meldingen_qs(user)
        .filter(geregistreerd_door_id=user.pk)
        .order_by("-geregistreerd_op", "-id")
    )
    pagina = CappedPaginator(qs, per_page).get_page(page)
    return Werklijst(pagina, _rijen(pagina, op=op, kalender=calendar_current()))


def mijn_adviezen(
    user: Gebruiker, *, page: int | str = 1, per_page: int = PER_PAGINA
) -> Page[Advies]:
    qs = (
        Advies.objects.filter(advies_scope(user))
        .filter(geregistreerd_door_id=user.pk)
        .select_related("melding")
        .order_by("-geregistreerd_op", "-id")
    )
    return CappedPaginator(qs, per_page).get_page(page)


@dataclass
class Dienstoverdracht:
    sinds: datetime
    meldingen: Werklijst
    adviezen: Page[Advies]
    corv_open: int


def dienstoverdracht(
    user: Gebruiker,
    *,
    nu: datetime | None = None,
    meldingen_pagina: int | str = 1,
    adviezen_pagina: int | str = 1,
    per_page: int = PER_PAGINA,
) -> Dienstoverdracht:
    """What the next shift must know: meldingen received since the start of the current shift
    or still waiting for their VB while acute, adviezen of this shift, and the number of CORV
    reports still to process. Meldingen are those of the user's scope (team or own)."""
    nu = _nu(nu)
    sinds = werkdienst_start(nu)
    op = timezone.localdate(nu)
    meldingen_qs = (
        _meldingen_qs(user)
        .filter(
            Q(ontvangen_op__gte=sinds)
            | Q(geregistreerd_op__gte=sinds)
            | Q(status=MeldingStatus.NIEUW, acuut=True)
        )
        .order_by("-acuut", "-ontvangen_op", "-id")
    )
    m_page = CappedPaginator(meldingen_qs, per_page).get_page(meldingen_pagina)
    adviezen_qs = (
        Advies.objects.filter(advies_scope(user))
        .filter(geregistreerd_op__gte=sinds)
        .select_related("melding", "geregistreerd_door")
        .order_by("-geregistreerd_op", "-id")
    )
    a_page = CappedPaginator(adviezen_qs, per_page).get_page(adviezen_pagina)
    return Dienstoverdracht(
        sinds=sinds,
        meldingen=Werklijst(m_page, _rijen(m_page, op=op, kalender=calendar_current())),
        adviezen=a_page,
        corv_open=corv_open_aantal(user),
    )


def corv_inbox(
    user: Gebruiker, *, page: int | str = 1, per_page: int = PER_PAGINA
) -> Page[CorvBericht]:
    """Reports still to process: acute first, oldest first."""
    qs = CorvBericht.objects.none()
    if _corv_toegang(user):
        qs = CorvBericht.objects.filter(status=CorvStatus.NIEUW).order_by(
            "-acuut", "ontvangen_op", "id"
        )
    return CappedPaginator(qs, per_page).get_page(page)


def corv_open_aantal(user: Gebruiker) -> int:
    if not _corv_toegang(user):
        return 0
    return CorvBericht.objects.filter(status=CorvStatus.NIEUW).count()


# --- Drafts ---------------------------------------------------------------------------------


#: Drafts older than this are no longer offered (``services.concepten_opruimen`` removes them).
CONCEPT_AANGEBODEN = timedelta(days=14)


def concept_list(
    user: Gebruiker, soort: ConceptSoort, *, limit: int = 5, nu: datetime | None = None
) -> list[Concept]:
    """The user's recent drafts of this kind, newest first."""
    if not user.is_authenticated:
        return []
    grens = _nu(nu) - CONCEPT_AANGEBODEN
    return list(
        Concept.objects.filter(user_id=user.pk, soort=soort, bijgewerkt_op__gte=grens).order_by(
            "-bijgewerkt_op"
        )[:limit]
    )


def concept_get(user: Gebruiker, token: str, soort: ConceptSoort | None = None) -> Concept:
    """The user's own draft with ``token``; Http404 otherwise (also for a malformed token)."""
    try:
        sleutel = uuid.UUID(str(token))
    except ValueError:
        raise Http404("Concept niet gevonden.") from None
    qs = Concept.objects.filter(user_id=user.pk, token=sleutel)
    if soort is not None:
        qs = qs.filter(soort=soort)
    concept = qs.first()
    if concept is None:
        raise Http404("Concept niet gevonden.")
    return concept


# --- Earlier involvement --------------------------------------------------------------------


@dataclass(frozen=True)
class KandidaatRij:
    """A candidate as the melding page shows it: a safe label and its casussen as
    ``(casus_id, nummer, status, zichtbaar)``."""

    persoon_id: int
    score: int
    reden: str
    weergave: str
    casussen: list[tuple[int, str, str, bool]] = field(default_factory=list)

    @property
    def open_casus(self) -> bool:
        return any(status == CasusStatus.OPEN for _, _, status, _ in self.casussen)


def _casus_tuple(hit: Any) -> tuple[int, str, str, bool]:
    if isinstance(hit, tuple):
        casus_id, nummer, status, zichtbaar = hit
    else:
        casus_id, nummer, status, zichtbaar = hit.casus_id, hit.nummer, hit.status, hit.zichtbaar
    return int(casus_id), str(nummer), str(status), bool(zichtbaar)


def eerdere_betrokkenheid(
    *,
    user: Gebruiker,
    bsn: str = "",
    achternaam: str = "",
    tussenvoegsel: str = "",
    geboortedatum: PartialDate | None = None,
    postcode: str = "",
    limit: int = 5,
    request: HttpRequest | None = None,
) -> list[KandidaatRij]:
    """Candidates for one person row of the melding page, from the earlier-involvement look-up
    (``intake.lookup``: indexed, ranked, audited). Input the look-up cannot use (a malformed
    postcode) is left out rather than failing the page."""
    from zicht.intake.lookup import ZoekFout, eerdere_betrokkenheid_zoeken

    vraag: dict[str, Any] = {
        "user": user,
        "bsn": bsn or None,
        "achternaam": achternaam,
        "tussenvoegsel": tussenvoegsel,
        "geboortedatum": geboortedatum,
        "postcode": postcode,
        "limit": limit,
        "request": request,
    }
    try:
        gevonden = eerdere_betrokkenheid_zoeken(**vraag)
    except ZoekFout as fout:
        if fout.veld != "postcode":
            return []
        gevonden = eerdere_betrokkenheid_zoeken(**{**vraag, "postcode": ""})
    return [
        KandidaatRij(
            persoon_id=int(k.persoon_id),
            score=int(k.score),
            reden=str(k.reden),
            weergave=str(k.weergave),
            casussen=[_casus_tuple(c) for c in k.casussen],
        )
        for k in gevonden
    ]
