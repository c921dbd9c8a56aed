"""Reads for radar: the signals of the casussen in the user's scope, and the link's state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import Page
from django.db.models import QuerySet

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


def radar_stand() -> dict[str, object]:
    """Counts and the last outcome, for operations (no personal data)."""
    stand = RadarStand.objects.filter(pk=1).first()
    return {
        "betrokkenheden": RadarBetrokkenheid.objects.count(),
        "zonder_pseudoniem": RadarBetrokkenheid.objects.filter(
            pseudoniem_bsn="", pseudoniem_ngd=""
        ).count(),
        "wachtend": RadarUitgaand.objects.filter(
            verzonden_op__isnull=True, geweigerd_op__isnull=True
        ).count(),
        "geweigerd": RadarUitgaand.objects.filter(geweigerd_op__isnull=False).count(),
        "signalen_open": RadarSignaal.objects.filter(afgehandeld_op__isnull=True).count(),
        "signalen_zonder_betrokkenheid": stand.signalen_zonder_betrokkenheid if stand else 0,
        "laatste_sync_op": stand.laatste_sync_op if stand else None,
        "laatste_fout": stand.laatste_fout if stand else "",
    }
