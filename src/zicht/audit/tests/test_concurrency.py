"""Concurrent writers on PostgreSQL cannot fork the chain (the head row is locked)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditChainHead, AuditEvent
from zicht.audit.services import audit_event_record
from zicht.audit.verify import audit_chain_verify

THREADS = 8
EVENTS_PER_THREAD = 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_keep_one_contiguous_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Parallelle schrijvers testen we op PostgreSQL; SQLite laat maar één schrijver "
            "tegelijk toe (BEGIN IMMEDIATE). Zet DATABASE_URL=postgres://…"
        )
    users = [
        get_user_model().objects.create_user(username=f"schrijver{i}", password="x")
        for i in range(THREADS)
    ]
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(user: Any) -> None:
        try:
            start.wait()  # all threads begin at once, each on its own connection
            for i in range(EVENTS_PER_THREAD):
                audit_event_record(
                    event=Event.CASUS_INGEZIEN,
                    actor=user,
                    target_type="casework.casus",
                    target_id=i,
                )
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = THREADS * EVENTS_PER_THREAD
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, total + 1))  # contiguous, no duplicates
    prev_hashes = list(AuditEvent.objects.values_list("prev_hash", flat=True))
    assert len(set(prev_hashes)) == total  # no two rows claim the same predecessor: no fork
    head = AuditChainHead.objects.get(pk=1)
    assert head.seq == total
    for user in users:
        assert AuditEvent.objects.filter(actor=user).count() == EVENTS_PER_THREAD
    result = audit_chain_verify()
    assert result.ok, result.explanation
    assert result.checked == total
