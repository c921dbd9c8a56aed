"""audit_gebundeld: the events of one write join the chain together at its end."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditChainHead, AuditEvent
from zicht.audit.services import audit_event_record, audit_gebundeld, schrijfblok
from zicht.audit.verify import audit_chain_verify


def _event(i: int) -> AuditEvent:
    return audit_event_record(
        event=Event.CASUS_INGEZIEN, actor=None, target_type="casework.casus", target_id=i
    )


def _checkpoints() -> list[dict[str, Any]]:
    pad = Path(settings.ZICHT_AUDIT_CHECKPOINT)
    if not pad.exists():
        return []
    return [json.loads(regel) for regel in pad.read_text().splitlines()]


@pytest.mark.django_db(transaction=True)
def test_events_of_a_bundle_join_the_chain_at_its_end_in_order() -> None:
    _event(0)
    with audit_gebundeld():
        records = [_event(i) for i in range(1, 6)]
        # not yet in the table while the write runs
        assert AuditEvent.objects.count() == 1
    assert [r.seq for r in records] == [2, 3, 4, 5, 6]
    rijen = list(AuditEvent.objects.order_by("seq").values_list("target_id", "seq"))
    assert rijen == [(str(i), i + 1) for i in range(6)]
    assert AuditChainHead.objects.get(pk=1).seq == 6
    # one checkpoint for the bundle: its last row
    assert [c["seq"] for c in _checkpoints()] == [1, 6]
    resultaat = audit_chain_verify()
    assert resultaat.ok, resultaat.explanation
    assert resultaat.checked == 6


@pytest.mark.django_db
def test_a_bundle_locks_and_writes_the_chain_once_whatever_the_number_of_events() -> None:
    def queries(aantal: int) -> int:
        with CaptureQueriesContext(connection) as ctx, audit_gebundeld():
            for i in range(aantal):
                _event(i)
        return len(ctx.captured_queries)

    assert queries(1) == queries(12)
    assert AuditEvent.objects.count() == 13


@pytest.mark.django_db(transaction=True)
def test_an_error_in_the_bundle_writes_no_event_and_no_data() -> None:
    gebruikers = get_user_model().objects

    def schrijven() -> None:
        with audit_gebundeld():
            gebruikers.create_user(username="tijdelijk")
            _event(1)
            raise RuntimeError("mislukt")

    with pytest.raises(RuntimeError):
        schrijven()
    assert not gebruikers.filter(username="tijdelijk").exists()
    assert AuditEvent.objects.count() == 0
    assert _checkpoints() == []


@pytest.mark.django_db(transaction=True)
def test_events_of_a_savepoint_rolled_back_inside_the_bundle_are_dropped() -> None:
    gebruikers = get_user_model().objects
    with audit_gebundeld():
        _event(1)
        try:
            with transaction.atomic():
                gebruikers.create_user(username="teruggedraaid")
                _event(2)
                with transaction.atomic():
                    _event(3)
                raise ValueError("terug naar het savepoint")
        except ValueError:
            pass
        with transaction.atomic():  # a savepoint that is released keeps its events
            _event(4)
        _event(5)
    assert not gebruikers.filter(username="teruggedraaid").exists()
    assert list(AuditEvent.objects.order_by("seq").values_list("target_id", flat=True)) == [
        "1",
        "4",
        "5",
    ]
    assert audit_chain_verify().ok


@pytest.mark.django_db(transaction=True)
def test_a_nested_bundle_joins_the_outer_one() -> None:
    with audit_gebundeld():
        with audit_gebundeld():
            _event(1)
        assert AuditEvent.objects.count() == 0
        _event(2)
    assert AuditEvent.objects.count() == 2
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_a_service_write_block_has_no_savepoint_inside_a_bundle_only() -> None:
    def savepoints(ctx: CaptureQueriesContext) -> int:
        return sum(q["sql"].startswith("SAVEPOINT") for q in ctx.captured_queries)

    with CaptureQueriesContext(connection) as binnen, audit_gebundeld():
        for i in range(3):
            with schrijfblok():
                _event(i)
    with CaptureQueriesContext(connection) as buiten:
        for i in range(3):
            with schrijfblok():
                _event(i)
    # the test's own transaction is open, so the bundle itself is one savepoint; the blocks
    # inside it add none, while outside a bundle each block is one
    assert savepoints(binnen) == 1
    assert savepoints(buiten) == 3


@pytest.mark.django_db
def test_a_refused_event_raises_where_it_is_recorded_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="Onbekende auditgebeurtenis"), audit_gebundeld():
        audit_event_record(event=9999, actor=None)  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_bundles_keep_one_contiguous_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Parallelle schrijvers testen we op PostgreSQL; SQLite laat maar één schrijver "
            "tegelijk toe (BEGIN IMMEDIATE). Zet DATABASE_URL=postgres://…"
        )
    draden, bundels, per_bundel = 6, 10, 4
    start = threading.Barrier(draden)
    fouten: list[BaseException] = []

    def schrijver(nummer: int) -> None:
        try:
            start.wait()
            for b in range(bundels):
                with audit_gebundeld():
                    for i in range(per_bundel):
                        _event(nummer * 1000 + b * 10 + i)
        except BaseException as fout:  # reported by the main thread
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schrijver, args=(n,)) for n in range(draden)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fouten == []
    totaal = draden * bundels * per_bundel
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, totaal + 1)
    )
    # each bundle's events are consecutive in the chain
    volgorde = list(AuditEvent.objects.order_by("seq").values_list("target_id", flat=True))
    for begin in range(0, totaal, per_bundel):
        blok = [int(t) for t in volgorde[begin : begin + per_bundel]]
        assert blok == list(range(blok[0], blok[0] + per_bundel))
    resultaat = audit_chain_verify()
    assert resultaat.ok, resultaat.explanation
