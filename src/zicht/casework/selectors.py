"""Reads of casussen, always filtered through ``casework.access.casus_scope`` in SQL.

Both selectors run a fixed number of queries whatever the size of the data (no N+1): the list
page is one count and one page query; the dossier loads each kind of row in one query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zicht.accounts.models import Team
from zicht.accounts.permissions import Perm, has_permission
from zicht.casework.access import casus_get_for_user, casus_scope
from zicht.casework.models import (
    Betrokkene,
    Bijlage,
    Casus,
    CasusMedewerker,
    CasusStatus,
    JournaalItem,
    Noodtoegang,
    Taak,
    TaakOpschorting,
    TaakVerlenging,
)
from zicht.core.domain.calendar import AtwCalendar
from zicht.core.pagination import CappedPaginator
from zicht.core.selectors import calendar_current
from zicht.people.models import Adres, Gezag, Persoon, Relatie

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

__all__ = [
    "AdresWeergave",
    "CasusDetail",
    "CasusFilters",
    "GezagWeergave",
    "PersoonInCasus",
    "RelatieWeergave",
    "TaakKlok",
    "bijlage_get_for_user",
    "casus_detail",
    "casus_list_for_user",
    "noodtoegang_getoetst",
    "noodtoegang_te_toetsen",
    "team_choices_for_user",
]

PER_PAGINA = 25
JOURNAAL_PER_PAGINA = 30

# "2026-123" means 2026-000123; "2026-00012" (a leading zero, not yet six digits) is a prefix.
_NUMMER = re.compile(r"^(\d{4})-([1-9]\d{0,5}|\d{6})$")


@dataclass(frozen=True)
class CasusFilters:
    status: str = ""
    team_id: int | None = None
    #: Search on the casus number: a full number ("2026-123" finds 2026-000123) or its start.
    q: str = ""


def _filter_q(filters: CasusFilters) -> Q:
    q = Q()
    if filters.status in CasusStatus.values:
        q &= Q(status=filters.status)
    if filters.team_id is not None:
        q &= Q(team_id=filters.team_id)
    zoek = filters.q.strip()
    if zoek:
        match = _NUMMER.match(zoek)
        if match:
            q &= Q(nummer=f"{match[1]}-{int(match[2]):06d}")
        else:
            q &= Q(nummer__startswith=zoek)
    return q


def casus_list_for_user(
    user: AbstractBaseUser | AnonymousUser,
    filters: CasusFilters | None = None,
    *,
    page: int | str = 1,
    per_page: int = PER_PAGINA,
) -> Page[Casus]:
    """The casussen in the user's scope matching ``filters``, newest first, one page."""
    filters = filters or CasusFilters()
    qs = (
        Casus.objects.filter(casus_scope(user))
        .filter(_filter_q(filters))
        .select_related("team", "gemeente")
        .order_by("-geopend_op", "-id")
    )
    return CappedPaginator(qs, per_page).get_page(page)


def team_choices_for_user(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Team]:
    """The teams to offer in the list filter: the user's own."""
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(leden=user).order_by("naam")


# --- The dossier -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AdresWeergave:
    """An address as the dossier may show it: a secret address shows only that it exists."""

    geheim: bool
    tekst: str
    geldig_van: date
    geldig_tot: date | None
    actueel: bool


@dataclass
class PersoonInCasus:
    persoon: Persoon
    rollen: list[str] = field(default_factory=list)
    adressen: list[AdresWeergave] = field(default_factory=list)

    @property
    def bsn_gemaskeerd(self) -> str:
        return self.persoon.bsn_gemaskeerd

    @property
    def heeft_geheim_adres(self) -> bool:
        return any(a.geheim and a.actueel for a in self.adressen)


@dataclass(frozen=True)
class RelatieWeergave:
    soort: str
    persoon_a: Persoon
    persoon_b: Persoon


@dataclass(frozen=True)
class GezagWeergave:
    soort: str
    kind: Persoon
    gezaghebbende: Persoon
    van: date
    tot: date | None
    actueel: bool


@dataclass(frozen=True)
class TaakKlok:
    """An open task with its clock on the reference date."""

    taak: Taak
    deadline: date
    werkdagen_resterend: int
    te_laat: bool
    opschortingen: list[TaakOpschorting]
    verlengingen: list[TaakVerlenging]

    @property
    def bijna(self) -> bool:
        return not self.te_laat and self.werkdagen_resterend <= 2


@dataclass
class CasusDetail:
    casus: Casus
    personen: list[PersoonInCasus]
    relaties: list[RelatieWeergave]
    gezag: list[GezagWeergave]
    medewerkers: list[CasusMedewerker]
    journaal: Page[JournaalItem]
    taken: list[TaakKlok]
    op: date

    @property
    def heeft_geheim_adres(self) -> bool:
        return any(p.heeft_geheim_adres for p in self.personen)


def _adres_weergave(adres: Adres, op: date) -> AdresWeergave:
    actueel = adres.is_geldig_op(op)
    if adres.geheim:
        return AdresWeergave(True, "geheim adres", adres.geldig_van, adres.geldig_tot, actueel)
    return AdresWeergave(False, str(adres), adres.geldig_van, adres.geldig_tot, actueel)


def _taak_klok(taak: Taak, *, op: date, kalender: AtwCalendar) -> TaakKlok:
    return TaakKlok(
        taak=taak,
        deadline=taak.deadline,
        werkdagen_resterend=kalender.working_days_between(op, taak.deadline),
        te_laat=op > taak.deadline,
        opschortingen=list(taak.opschortingen.all()),
        verlengingen=list(taak.verlengingen.all()),
    )


def casus_detail(
    user: AbstractBaseUser | AnonymousUser,
    pk: int | str,
    *,
    journaal_pagina: int | str = 1,
    op: date | None = None,
) -> CasusDetail:
    """Everything the dossier page shows, in a fixed number of queries.

    Raises Http404 outside the user's scope. Medical journaal items are left out for users
    without :attr:`Perm.MEDISCHE_NOTITIE`. Secret addresses carry no address data.
    """
    op = op if op is not None else timezone.localdate()
    casus = casus_get_for_user(user, pk, queryset=Casus.objects.select_related("team", "gemeente"))

    betrokkenen = list(
        Betrokkene.objects.filter(casus=casus)
        .select_related("persoon", "persoon__gemeente")
        .order_by("pk")
    )
    personen: dict[int, PersoonInCasus] = {}
    for betrokkene in betrokkenen:
        rij = personen.setdefault(betrokkene.persoon_id, PersoonInCasus(betrokkene.persoon))
        rij.rollen.append(betrokkene.get_rol_display())
    ids = list(personen)
    for adres in Adres.objects.filter(persoon_id__in=ids).order_by("-geldig_van", "-pk"):
        personen[adres.persoon_id].adressen.append(_adres_weergave(adres, op))
    relaties = [
        RelatieWeergave(
            r.get_soort_display(),
            personen[r.persoon_a_id].persoon,
            personen[r.persoon_b_id].persoon,
        )
        for r in Relatie.objects.filter(persoon_a_id__in=ids, persoon_b_id__in=ids).order_by("pk")
    ]
    gezag = [
        GezagWeergave(
            g.get_soort_display(),
            personen[g.kind_id].persoon,
            g.gezaghebbende,
            g.van,
            g.tot,
            g.is_geldig_op(op),
        )
        for g in Gezag.objects.filter(kind_id__in=ids)
        .select_related("gezaghebbende")
        .order_by("-van", "pk")
    ]
    medewerkers = list(
        CasusMedewerker.objects.filter(casus=casus, van__lte=op)
        .filter(Q(tot__isnull=True) | Q(tot__gte=op))
        .select_related("user")
    )

    journaal_qs = (
        JournaalItem.objects.filter(casus=casus)
        .select_related("auteur")
        .prefetch_related(Prefetch("bijlagen", queryset=Bijlage.objects.order_by("pk")))
        .order_by("-moment", "-id")
    )
    if not has_permission(user, Perm.MEDISCHE_NOTITIE):
        journaal_qs = journaal_qs.filter(medisch=False)
    journaal = Paginator(journaal_qs, JOURNAAL_PER_PAGINA).get_page(journaal_pagina)

    kalender = calendar_current()
    taken = [
        _taak_klok(taak, op=op, kalender=kalender)
        for taak in Taak.objects.filter(casus=casus, afgerond_op__isnull=True)
        .select_related("toegewezen_aan")
        .prefetch_related("opschortingen", "verlengingen")
        .order_by("deadline", "pk")
    ]
    return CasusDetail(
        casus=casus,
        personen=list(personen.values()),
        relaties=relaties,
        gezag=gezag,
        medewerkers=medewerkers,
        journaal=journaal,
        taken=taken,
        op=op,
    )


def bijlage_get_for_user(
    user: AbstractBaseUser | AnonymousUser, casus_pk: int | str, pk: int | str
) -> Bijlage:
    """An attachment of a casus in the user's scope (Http404 otherwise, also for a medical
    item the user may not read)."""
    casus = casus_get_for_user(user, casus_pk)
    qs = Bijlage.objects.filter(journaal_item__casus=casus).select_related("journaal_item__casus")
    if not has_permission(user, Perm.MEDISCHE_NOTITIE):
        qs = qs.filter(journaal_item__medisch=False)
    try:
        return qs.get(pk=pk)
    except (Bijlage.DoesNotExist, ValueError, TypeError):
        raise Http404("Bijlage niet gevonden.") from None


def noodtoegang_te_toetsen() -> QuerySet[Noodtoegang]:
    """Break-the-glass grants not yet reviewed, oldest first (the privacy officer's queue)."""
    return (
        Noodtoegang.objects.filter(getoetst_op__isnull=True)
        .select_related("user", "casus")
        .order_by("van", "pk")
    )


def noodtoegang_getoetst() -> QuerySet[Noodtoegang]:
    """Reviewed grants, newest review first."""
    return (
        Noodtoegang.objects.filter(getoetst_op__isnull=False)
        .select_related("user", "casus", "getoetst_door")
        .order_by("-getoetst_op", "-pk")
    )
