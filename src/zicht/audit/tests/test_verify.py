"""Verification catches changed, missing and cut-off rows, and names the first broken seq."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.management import CommandError, call_command

from zicht.audit.catalogue import Event
from zicht.audit.domain.chain import HASHED_FIELDS, record_hash
from zicht.audit.models import AuditChainHead, AuditEvent
from zicht.audit.services import audit_event_record
from zicht.audit.tests import tamper
from zicht.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db

RecordMany = Callable[[int], list[AuditEvent]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """Runs on_commit callbacks (the checkpoint writes) as a real commit would."""

    @contextmanager
    def run() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


def test_empty_chain_is_intact() -> None:
    result = audit_chain_verify()
    assert (result.ok, result.checked, result.first_broken_seq) == (True, 0, None)
    assert result.warnings == ()


def test_many_events_verify_in_batches(
    record_many: RecordMany, committed: Callable[[], Any], django_assert_max_num_queries: Any
) -> None:
    with committed():
        record_many(530)

    with django_assert_max_num_queries(2 + 530 // 50 + 1):  # head, batches, final empty batch
        result = audit_chain_verify(batch_size=50)

    assert result.ok, result.explanation
    assert result.checked == 530
    assert result.explanation == (
        "Auditketen intact: 530 gebeurtenissen gecontroleerd (seq 1 t/m 530)."
    )
    assert result.warnings == ()


def test_edited_row_is_caught_and_named(record_many: RecordMany) -> None:
    record_many(60)
    tamper.row_reason_text_set(37, "achteraf goedgepraat")

    result = audit_chain_verify(batch_size=16)

    assert not result.ok
    assert result.first_broken_seq == 37
    assert result.checked == 36
    assert "seq 37" in result.explanation
    assert "gewijzigd" in result.explanation


def test_edited_row_with_recomputed_hash_breaks_the_next_link(record_many: RecordMany) -> None:
    record_many(10)
    tamper.row_reason_text_set(4, "vervalst")
    row = AuditEvent.objects.values(*HASHED_FIELDS).get(seq=4)
    tamper.row_hash_set(4, record_hash(row))

    result = audit_chain_verify()

    assert not result.ok
    assert result.first_broken_seq == 5
    assert "koppeling verbroken" in result.explanation


def test_deleted_middle_row_is_caught(record_many: RecordMany) -> None:
    record_many(40)
    tamper.rows_delete(seq_from=20, seq_to=20)

    result = audit_chain_verify(batch_size=7)

    assert not result.ok
    assert result.first_broken_seq == 20
    assert "rij ontbreekt: na seq 19 volgt seq 21" in result.explanation


def test_deleted_newest_rows_without_moving_the_head_are_caught(record_many: RecordMany) -> None:
    record_many(12)
    tamper.rows_delete(seq_from=10, seq_to=12)

    result = audit_chain_verify()

    assert not result.ok
    assert result.first_broken_seq == 10
    assert "afgesneden" in result.explanation
    assert "wijst naar seq 12" in result.explanation


def test_cut_off_tail_with_head_moved_back_is_caught_by_the_checkpoint(
    record_many: RecordMany, committed: Callable[[], Any]
) -> None:
    with committed():
        events = record_many(15)
    # The attacker removes the newest three rows and points the head at seq 12.
    tamper.rows_delete(seq_from=13, seq_to=15)
    tamper.head_set(12, events[11].hash)

    result = audit_chain_verify()

    assert not result.ok
    assert result.first_broken_seq == 13
    assert "het checkpoint" in result.explanation
    assert "kent seq 15" in result.explanation
    assert "eindigt bij seq 12" in result.explanation


def test_replaced_tail_is_caught_by_the_checkpoint_hash(
    record_many: RecordMany, committed: Callable[[], Any], actor: AbstractBaseUser
) -> None:
    with committed():
        events = record_many(15)
    tamper.rows_delete(seq_from=11, seq_to=15)
    tamper.head_set(10, events[9].hash)
    for _ in range(6):  # a new, internally consistent tail without checkpoints
        audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor)

    result = audit_chain_verify()

    assert not result.ok
    assert result.first_broken_seq == 15
    assert "wijkt af van het checkpoint" in result.explanation


def test_missing_head_is_caught(record_many: RecordMany) -> None:
    record_many(3)
    AuditChainHead.objects.all().delete()

    result = audit_chain_verify()

    assert not result.ok
    assert "kop van de keten" in result.explanation


def test_missing_checkpoint_is_a_warning(record_many: RecordMany) -> None:
    record_many(3)  # on_commit never runs: no checkpoint file

    result = audit_chain_verify()

    assert result.ok
    assert "Geen checkpoint" in result.warnings[0]


def test_command_prints_the_count_when_intact(
    record_many: RecordMany, committed: Callable[[], Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with committed():
        record_many(8)

    call_command("audit", "verify")

    assert "8 gebeurtenissen gecontroleerd" in capsys.readouterr().out


def test_command_exits_non_zero_naming_the_broken_link(record_many: RecordMany) -> None:
    record_many(8)
    tamper.row_reason_text_set(5, "x")

    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify", "--batch", "3")

    assert raised.value.returncode == 1
    assert "Auditketen verbroken bij seq 5: rij gewijzigd" in str(raised.value)


def test_command_needs_a_subcommand() -> None:
    with pytest.raises(CommandError):
        call_command("audit")
