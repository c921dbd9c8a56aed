"""Audit rows cannot be changed or removed: not through the ORM, not by raw SQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from zicht.audit.models import AuditChainHead, AuditEvent, AuditLogAppendOnlyError
from zicht.audit.tests.tamper import EVENTS, HEAD

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(record_many: Callable[[int], list[AuditEvent]]) -> AuditEvent:
    return record_many(3)[1]


def test_saving_an_existing_row_is_refused(event: AuditEvent) -> None:
    event.reason_text = "achteraf aangepast"
    with pytest.raises(AuditLogAppendOnlyError, match="alleen aan te vullen"):
        event.save()


def test_deleting_a_row_is_refused(event: AuditEvent) -> None:
    with pytest.raises(AuditLogAppendOnlyError):
        event.delete()


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: AuditEvent.objects.filter(seq=2).update(reason_text="x"),
        lambda: AuditEvent.objects.filter(seq=2).delete(),
        lambda: AuditEvent.objects.all().delete(),
        lambda: AuditEvent.objects.bulk_update(list(AuditEvent.objects.all()), ["reason"]),
        lambda: AuditEvent.objects.bulk_create([AuditEvent(seq=99, event=1)]),
        lambda: AuditEvent.objects.update_or_create(seq=2, defaults={"reason": ""}),
    ],
    ids=["update", "delete", "delete-all", "bulk_update", "bulk_create", "update_or_create"],
)
def test_queryset_writes_are_refused(event: AuditEvent, attempt: Callable[[], object]) -> None:
    with pytest.raises(AuditLogAppendOnlyError):
        attempt()
    assert AuditEvent.objects.count() == 3


def test_creating_a_row_outside_the_chain_is_refused(event: AuditEvent) -> None:
    with pytest.raises(AuditLogAppendOnlyError, match="audit_event_record"):
        AuditEvent.objects.create(seq=4, occurred_at=event.occurred_at, event=1)


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {EVENTS} SET reason_text = 'vervalst' WHERE seq = 2",
        f"UPDATE {EVENTS} SET hash = prev_hash",
        f"DELETE FROM {EVENTS} WHERE seq = 2",
        f"DELETE FROM {EVENTS}",
    ],
    ids=["update-one", "update-all", "delete-one", "delete-all"],
)
def test_database_trigger_refuses_raw_update_and_delete(event: AuditEvent, sql: str) -> None:
    assert connection.vendor in {"sqlite", "postgresql"}
    with (
        pytest.raises(DatabaseError, match="alleen aan te vullen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.filter(seq=2, reason_text="").count() == 1
    assert AuditEvent.objects.count() == 3


def test_database_trigger_refuses_truncate_on_postgresql(event: AuditEvent) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE bestaat alleen op PostgreSQL (SQLite kent alleen DELETE)")
    with (
        pytest.raises(DatabaseError, match="TRUNCATE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {EVENTS}")
    assert AuditEvent.objects.count() == 3


def test_chain_head_has_a_single_row() -> None:
    assert AuditChainHead.objects.count() == 1  # created by the data migration
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {HEAD} (id, seq, hash) VALUES (2, 0, 'x')")
