"""Reads of the audit log for the privacy officer's page: filtered, newest first, keyset pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, Subquery

from zicht.audit.models import AuditEvent

PAGE_SIZE = 25

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class AuditFilters:
    """Filters of the audit page; ``since`` is inclusive and ``until`` exclusive."""

    event: int | None = None
    actor_username: str = ""
    target_type: str = ""
    target_id: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class Cursor:
    """A position in the list: (occurred_at, seq) of a row, as text ``<µs since epoch>-<seq>``."""

    occurred_at: datetime
    seq: int

    @classmethod
    def of(cls, event: AuditEvent) -> Cursor:
        return cls(occurred_at=event.occurred_at, seq=event.seq)

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """Raises ValueError on anything but two non-negative whole numbers."""
        micros, _sep, seq = text.partition("-")
        if not (micros.isdigit() and seq.isdigit() and len(micros) <= 18 and len(seq) <= 18):
            raise ValueError("ongeldige paginaverwijzing")
        try:
            moment = _EPOCH + timedelta(microseconds=int(micros))
        except OverflowError:
            raise ValueError("ongeldige paginaverwijzing") from None
        return cls(occurred_at=moment, seq=int(seq))

    def __str__(self) -> str:
        delta = self.occurred_at - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}-{self.seq}"


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    older: Cursor | None
    newer: Cursor | None


def audit_event_queryset(filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Filtered events with their actor, not yet ordered or sliced."""
    queryset = AuditEvent.objects.select_related("actor")
    if filters.event is not None:
        queryset = queryset.filter(event=filters.event)
    if filters.actor_username:
        # A scalar subquery (evaluated once) lets the database use (actor, occurred_at).
        actor_id = get_user_model().objects.filter(username=filters.actor_username).values("pk")
        queryset = queryset.filter(actor_id=Subquery(actor_id[:1]))
    if filters.target_type:
        queryset = queryset.filter(target_type=filters.target_type)
    if filters.target_id:
        queryset = queryset.filter(target_id=filters.target_id)
    if filters.since is not None:
        queryset = queryset.filter(occurred_at__gte=filters.since)
    if filters.until is not None:
        queryset = queryset.filter(occurred_at__lt=filters.until)
    return queryset


def audit_event_list(
    *,
    filters: AuditFilters,
    older_than: Cursor | None = None,
    newer_than: Cursor | None = None,
    page_size: int = PAGE_SIZE,
) -> AuditPage:
    """One page, newest first (by occurred_at, then seq), in a single query.

    Keyset pagination: ``older_than`` gives the page after a cursor, ``newer_than`` the page
    before it. The cost does not grow with the page number or the table size.
    """
    queryset = audit_event_queryset(filters)
    if newer_than is not None:
        after = Q(occurred_at__gt=newer_than.occurred_at) | Q(
            occurred_at=newer_than.occurred_at, seq__gt=newer_than.seq
        )
        rows = list(queryset.filter(after).order_by("occurred_at", "seq")[: page_size + 1])
        has_newer = len(rows) > page_size
        events = rows[:page_size][::-1]
        return AuditPage(
            events=events,
            older=Cursor.of(events[-1]) if events else None,
            newer=Cursor.of(events[0]) if events and has_newer else None,
        )
    if older_than is not None:
        queryset = queryset.filter(
            Q(occurred_at__lt=older_than.occurred_at)
            | Q(occurred_at=older_than.occurred_at, seq__lt=older_than.seq)
        )
    rows = list(queryset.order_by("-occurred_at", "-seq")[: page_size + 1])
    events = rows[:page_size]
    return AuditPage(
        events=events,
        older=Cursor.of(events[-1]) if len(rows) > page_size else None,
        newer=Cursor.of(events[0]) if events and older_than is not None else None,
    )
