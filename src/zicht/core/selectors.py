"""Reads of the deadline reference data: the current Atw calendar and the valid term version.

``calendar_current()`` is called for every deadline the system computes, so the calendar is
cached in-process. The service that edits equated days calls :func:`calendar_invalidate` after
its transaction commits; other processes (more gunicorn workers, the task worker) pick the change
up within ``CALENDAR_CACHE_SECONDS``. Nothing read inside an open transaction is cached, so
uncommitted or rolled-back rows never reach the cache.
"""

from __future__ import annotations

import threading
import time
from datetime import date

from django.db import transaction

from zicht.core.domain.calendar import AtwCalendar
from zicht.core.domain.terms import Termijn, TermijnOnbekend
from zicht.core.models import GelijkgesteldeDag, TermijnDefinitie

__all__ = [
    "CALENDAR_CACHE_SECONDS",
    "calendar_current",
    "calendar_invalidate",
    "gelijkgestelde_dag_list",
    "termijn_get",
]

#: How long another process may keep using a calendar after the rows changed.
CALENDAR_CACHE_SECONDS = 300.0

_lock = threading.Lock()
_cached: AtwCalendar | None = None
_cached_at = 0.0
_generation = 0


def _calendar_from_db() -> AtwCalendar:
    rows = GelijkgesteldeDag.objects.order_by("datum").values_list("datum", "grond")
    return AtwCalendar(dict(rows))


def _in_transaction() -> bool:
    return transaction.get_connection().in_atomic_block


def calendar_current() -> AtwCalendar:
    """The Atw calendar with the equated days as stored now."""
    global _cached, _cached_at
    if _in_transaction():
        return _calendar_from_db()
    with _lock:
        if _cached is not None and time.monotonic() - _cached_at < CALENDAR_CACHE_SECONDS:
            return _cached
        generation = _generation
    calendar = _calendar_from_db()
    with _lock:
        # Store only when no invalidation happened while we were reading.
        if generation == _generation:
            _cached, _cached_at = calendar, time.monotonic()
    return calendar


def calendar_invalidate() -> None:
    """Forget the cached calendar; the next :func:`calendar_current` reads the rows again."""
    global _cached, _generation
    with _lock:
        _cached = None
        _generation += 1


def gelijkgestelde_dag_list(*, jaar: int | None = None) -> list[GelijkgesteldeDag]:
    """The equated days in date order, optionally of one year only."""
    rows = GelijkgesteldeDag.objects.order_by("datum")
    if jaar is not None:
        rows = rows.filter(datum__year=jaar)
    return list(rows)


def termijn_get(code: str, op: date) -> Termijn:
    """The version of term ``code`` valid on ``op``: the one with the latest ``geldig_vanaf``
    on or before that date. Raises :class:`TermijnOnbekend` when there is none."""
    row = (
        TermijnDefinitie.objects.filter(code=code, geldig_vanaf__lte=op)
        .order_by("-geldig_vanaf")
        .first()
    )
    if row is None:
        raise TermijnOnbekend(f"Er is geen termijn ‘{code}’ geldig op {op:%d-%m-%Y}.")
    return row.as_termijn()
