"""Writes to the audit chain. Every service that changes or reads personal data calls these.

The row joins the caller's transaction: it commits or rolls back with the business write.
Writers lock the chain head (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises
writers itself), so the chain cannot fork. After the commit the new head is appended to the
checkpoint file (see :mod:`zicht.audit.checkpoint`).

A write that records many events (registering a melding records a dozen) runs inside
:func:`audit_gebundeld`: its events are checked when recorded but appended to the chain
together at the end of the block — one lock of the head, held only for that last moment, and
one insert — instead of a lock, an insert and an update per event.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from zicht.audit.catalogue import Event, Reden
from zicht.audit.checkpoint import checkpoint_append
from zicht.audit.domain.chain import (
    GENESIS_HASH,
    HASHED_FIELDS,
    record_hash,
    timestamp_canonical,
)
from zicht.audit.domain.guard import (
    PERSONAL_DATA_MESSAGE,
    contains_bsn_like,
    data_normalize,
    reason_text_check,
    redact_bsn_like,
)
from zicht.audit.models import AuditChainHead, AuditEvent
from zicht.audit.selectors import AuditFilters

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

__all__ = [
    "audit_event_record",
    "audit_gebundeld",
    "audit_log_viewed_record",
    "audit_read_record",
    "schrijfblok",
]

_TARGET_TYPE_MAX = AuditEvent._meta.get_field("target_type").max_length or 100
_TARGET_ID_MAX = AuditEvent._meta.get_field("target_id").max_length or 64


def audit_event_record(
    *,
    event: Event,
    actor: AbstractBaseUser | AnonymousUser | None,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    reason: Reden | str = "",
    reason_text: str = "",
    data: dict[str, object] | None = None,
    request: HttpRequest | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Appends one event to the chain and returns it (inside :func:`audit_gebundeld`: at the
    end of the block, which then sets its ``seq`` and ``hash``).

    ``target`` (a saved model instance) sets ``target_type`` ("app_label.model_name") and
    ``target_id`` (its pk). ``actor`` None (or anonymous) means the system. ``at`` defaults
    to now. Raises ValueError (Dutch message) on an unknown code or reason, and on personal
    data in ``reason_text`` or ``data`` — before anything is written.
    """
    code = _event_check(event)
    reason_code = _reason_check(reason)
    reason_text = reason_text_check(reason_text)
    payload = data_normalize(data)
    target_type, target_key = _target_check(target, target_type, target_id)
    actor_id = _actor_id(actor)
    occurred_at = at if at is not None else timezone.now()
    timestamp_canonical(occurred_at)  # refuses naive datetimes
    ip_address = _client_ip(request)
    record = AuditEvent(
        occurred_at=occurred_at,
        event=code,
        actor_id=actor_id,
        target_type=target_type,
        target_id=target_key,
        reason=reason_code,
        reason_text=reason_text,
        data=payload,
        ip_address=ip_address,
    )
    bundel = _BUNDEL.get()
    if bundel is not None:
        bundel.vastleggen(record)
    else:
        _aan_keten_toevoegen([record])
    return record


@dataclass
class _Bundel:
    """The events recorded inside one :func:`audit_gebundeld` block, each with the savepoints
    that were open when it was recorded."""

    rijen: list[tuple[AuditEvent, tuple[str, ...]]] = field(default_factory=list)
    teruggedraaid: set[str] = field(default_factory=set)

    def vastleggen(self, record: AuditEvent) -> None:
        self.rijen.append((record, tuple(s for s in connection.savepoint_ids if s)))

    def bewaken(
        self,
        execute: Callable[..., object],
        sql: str,
        params: object,
        many: bool,
        context: dict[str, object],
    ) -> object:
        """Execute wrapper: notes each savepoint that is rolled back, so the events recorded
        inside it are dropped with the rest of its writes."""
        resultaat = execute(sql, params, many, context)
        if sql.lstrip()[:21].upper() == "ROLLBACK TO SAVEPOINT":
            self.teruggedraaid.add(sql.rsplit(" ", 1)[-1].strip('"`'))
        return resultaat

    def geldig(self) -> list[AuditEvent]:
        return [
            record
            for record, savepoints in self.rijen
            if not self.teruggedraaid.intersection(savepoints)
        ]


_BUNDEL: ContextVar[_Bundel | None] = ContextVar("zicht_audit_bundel", default=None)


@contextmanager
def audit_gebundeld() -> Iterator[None]:
    """A transaction (``transaction.atomic``) whose audit events join the chain together,
    at the end of the block: the chain head is locked once, for the last moment of the
    transaction only, and the rows are inserted in one statement.

    Every event is still checked when it is recorded (an error raises there, before anything
    is written). Events recorded inside a savepoint that is rolled back are dropped, as its
    other writes are. Nested blocks join the outermost one. Inside a block the new audit rows
    are not yet in the table.
    """
    if _BUNDEL.get() is not None:
        with transaction.atomic():
            yield
        return
    bundel = _Bundel()
    with transaction.atomic():
        token = _BUNDEL.set(bundel)
        try:
            with connection.execute_wrapper(bundel.bewaken):
                yield
        finally:
            _BUNDEL.reset(token)
        _aan_keten_toevoegen(bundel.geldig())


def schrijfblok() -> transaction.Atomic:
    """The atomic block around one service's writes and their audit events: inside
    :func:`audit_gebundeld` without a savepoint of its own (an error there rolls the whole
    bundle back), elsewhere an ordinary ``transaction.atomic()``. Check the input before
    entering it, so a caller may collect those errors and go on."""
    return transaction.atomic(savepoint=_BUNDEL.get() is None)


def _aan_keten_toevoegen(records: list[AuditEvent]) -> None:
    """Gives ``records`` their place in the chain under a lock of the head and inserts them."""
    if not records:
        return
    with transaction.atomic(savepoint=False):
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        seq, vorige = head.seq, head.hash
        for record in records:
            seq += 1
            record.seq = seq
            record.prev_hash = vorige
            record.hash = record_hash({naam: getattr(record, naam) for naam in HASHED_FIELDS})
            vorige = record.hash
        AuditEvent.toevoegen(records)
        AuditChainHead.objects.filter(pk=head.pk).update(seq=seq, hash=vorige)
        laatste = records[-1]
        transaction.on_commit(
            partial(
                checkpoint_append,
                Path(settings.ZICHT_AUDIT_CHECKPOINT),
                seq=seq,
                hash_=vorige,
                at=timestamp_canonical(laatste.occurred_at),
            ),
            robust=True,
        )


def audit_read_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    target: models.Model,
    reason: Reden | str = Reden.BEHANDELING,
    reason_text: str = "",
    request: HttpRequest | None = None,
    event: Event = Event.CASUS_INGEZIEN,
) -> AuditEvent:
    """Records that ``actor`` viewed ``target`` (a dossier, a person) and why."""
    return audit_event_record(
        event=event,
        actor=actor,
        target=target,
        reason=reason,
        reason_text=reason_text,
        request=request,
    )


def audit_log_viewed_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    filters: AuditFilters,
    page: str = "eerste",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Records that the privacy officer viewed the audit log, with the filters used.

    Typed filter text is stored with BSN-like numbers redacted: someone may type one.
    """
    used: dict[str, object] = {}
    if filters.event is not None:
        used["gebeurtenis"] = filters.event
    for key, text in (
        ("gebruiker", filters.actor_username),
        ("soort", filters.target_type),
        ("object", filters.target_id),
    ):
        if text:
            used[key] = redact_bsn_like(text)
    if filters.since is not None:
        used["vanaf"] = filters.since
    if filters.until is not None:
        used["tot"] = filters.until
    return audit_event_record(
        event=Event.AUDITLOG_INGEZIEN,
        actor=actor,
        reason=Reden.TOETSING,
        data={"filter": used, "pagina": page},
        request=request,
    )


def _event_check(event: Event | int) -> int:
    try:
        return int(Event(event))
    except ValueError:
        raise ValueError(
            f"Onbekende auditgebeurtenis {event!r}: voeg haar eerst toe aan de catalogus."
        ) from None


def _reason_check(reason: Reden | str) -> str:
    if not reason:
        return ""
    try:
        return str(Reden(reason))
    except ValueError:
        allowed = ", ".join(member.value for member in Reden)
        raise ValueError(f"Onbekende reden {reason!r}; kies uit: {allowed}.") from None


def _target_check(
    target: models.Model | None, target_type: str, target_id: str | int
) -> tuple[str, str]:
    if target is not None:
        if target.pk is None:
            raise ValueError("Het object van een auditgebeurtenis moet eerst opgeslagen zijn.")
        target_type, key = target._meta.label_lower, str(target.pk)
    else:
        key = str(target_id)
        if key and contains_bsn_like(key) and not _is_uuid(key):
            raise ValueError(PERSONAL_DATA_MESSAGE.format(where="Het object-id"))
    if len(target_type) > _TARGET_TYPE_MAX or len(key) > _TARGET_ID_MAX:
        raise ValueError("Soort of id van het object is te lang voor het auditlog.")
    return target_type, key


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


def _actor_id(actor: AbstractBaseUser | AnonymousUser | None) -> int | None:
    if actor is None or not actor.is_authenticated:
        return None
    if actor.pk is None:
        raise ValueError("De gebruiker van een auditgebeurtenis moet eerst opgeslagen zijn.")
    return int(actor.pk)


def _client_ip(request: HttpRequest | None) -> str | None:
    """REMOTE_ADDR in the form the database returns it, or None when absent or invalid."""
    if request is None:
        return None
    raw = str(request.META.get("REMOTE_ADDR") or "").strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return None
    if address.version == 6:
        return clean_ipv6_address(raw)
    return str(address)
