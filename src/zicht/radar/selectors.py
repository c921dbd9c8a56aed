"""Reads for radar: the signals of the casussen in the user's scope, and the link's state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import Page
from django.db.models import CharField, Count, IntegerField, Q, QuerySet, Value

from zicht.casework.access import casus_scope
from zicht.casework.models import Casus
from zicht.core.pagination import CappedPaginator
from zicht.radar.models import RadarBetrokkenheid, RadarSignaal, RadarStand, RadarUitgaand

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

PER_PAGINA = 50


def signalen_voor_gebruiker(
    user: AbstractBaseUser | AnonymousUser, *, alleen_open: bool = True
) -> QuerySet[RadarSignaal]:
    """Signals about casussen in the user's scope (filtered in SQL), newest first."""
    qs = RadarSignaal.objects.filter(
        casus__in=Casus.objects.filter(casus_scope(user)).values("pk")
    ).select_related("casus", "casus__team", "afgehandeld_door")
    if alleen_open:
        qs = qs.filter(afgehandeld_op__isnull=True)
    return qs.order_by("-ontvangen_op", "-id")


def signalen_pagina(
    user: AbstractBaseUser | AnonymousUser, *, alleen_open: bool, pagina: int | str | None
) -> Page[RadarSignaal]:
    return CappedPaginator(
        signalen_voor_gebruiker(user, alleen_open=alleen_open), PER_PAGINA
    ).get_page(pagina)


def _tellingen() -> dict[str, tuple[int, int]]:
    """Two counts per table, in one query: one aggregate row per table (``COUNT … FILTER``),
    the rows joined by ``UNION ALL`` and told apart by a label."""

    def rij(qs: QuerySet[Any], soort: str, een: Count, twee: Count | Value) -> QuerySet[Any]:
        gelabeld: QuerySet[Any] = qs.order_by().values(soort=Value(soort, output_field=CharField()))
        geteld: QuerySet[Any] = gelabeld.annotate(een=een, twee=twee)
        return geteld

    betrokkenheden = rij(
        RadarBetrokkenheid.objects.all(),
        "betrokkenheden",
        Count("pk"),
        Count("pk", filter=Q(pseudoniem_bsn="", pseudoniem_ngd="")),
    )
    uitgaand = rij(
        RadarUitgaand.objects.all(),
        "uitgaand",
        Count("pk", filter=Q(verzonden_op__isnull=True, geweigerd_op__isnull=True)),
        Count("pk", filter=Q(geweigerd_op__isnull=False)),
    )
    signalen = rij(
        RadarSignaal.objects.filter(afgehandeld_op__isnull=True),  # its partial index
        "signalen",
        Count("pk"),
        Value(0, output_field=IntegerField()),
    )
    return {
        r["soort"]: (r["een"], r["twee"])
        for r in betrokkenheden.union(uitgaand, signalen, all=True)
    }


def radar_stand() -> dict[str, object]:
    """Counts and the last outcome, for operations (no personal data). Two queries: the
    counts together, and the stand."""
    tellingen = _tellingen()
    stand = RadarStand.objects.filter(pk=1).first()
    return {
        "betrokkenheden": tellingen["betrokkenheden"][0],
        "zonder_pseudoniem": tellingen["betrokkenheden"][1],
        "wachtend": tellingen["uitgaand"][0],
        "geweigerd": tellingen["uitgaand"][1],
        "signalen_open": tellingen["signalen"][0],
        "signalen_zonder_betrokkenheid": stand.signalen_zonder_betrokkenheid if stand else 0,
        "laatste_sync_op": stand.laatste_sync_op if stand else None,
        "laatste_fout": stand.laatste_fout if stand else "",
    }
