"""Writing to the chain: links, head, checkpoint, transaction, and the personal-data guard."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory

from zicht.audit.catalogue import Event, Reden
from zicht.audit.domain.chain import GENESIS_HASH, HASHED_FIELDS, record_hash
from zicht.audit.models import AuditChainHead, AuditEvent
from zicht.audit.services import audit_event_record, audit_read_record
from zicht.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db

AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def head() -> tuple[int, str]:
    found = AuditChainHead.objects.get(pk=1)
    return found.seq, found.hash


def failing_business_write(actor: AbstractBaseUser) -> None:
    """A service that audits and then fails inside its transaction."""
    with transaction.atomic():
        audit_event_record(event=Event.CASUS_GEWIJZIGD, actor=actor, at=AT)
        raise RuntimeError("de bedrijfsschrijfactie mislukt")


def test_events_form_a_chain_from_genesis(
    record_many: Callable[[int], list[AuditEvent]],
) -> None:
    events = record_many(5)

    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == GENESIS_HASH
    for previous, current in itertools.pairwise(events):
        assert current.prev_hash == previous.hash
    assert head() == (5, events[-1].hash)


def test_stored_row_hashes_to_its_hash(actor: AbstractBaseUser) -> None:
    event = audit_event_record(
        event=Event.CASUS_GEWIJZIGD,
        actor=actor,
        target_type="casework.casus",
        target_id=42,
        reason=Reden.BEHANDELING,
        reason_text="status bijgewerkt",
        data={"velden": ["status"], "versie": 3},
        at=AT,
    )
    stored = AuditEvent.objects.values(*HASHED_FIELDS, "hash").get(seq=event.seq)
    assert record_hash(stored) == stored["hash"] == event.hash
    assert stored["target_id"] == "42"
    assert stored["occurred_at"] == AT


def test_target_instance_gives_type_and_id(actor: AbstractBaseUser) -> None:
    event = audit_read_record(actor=actor, target=actor)

    assert (event.target_type, event.target_id) == ("accounts.user", str(actor.pk))
    assert event.event == Event.CASUS_INGEZIEN
    assert event.reason == Reden.BEHANDELING


def test_unsaved_target_is_refused(actor: AbstractBaseUser) -> None:
    unsaved = get_user_model()(username="nieuw")
    with pytest.raises(ValueError, match="opgeslagen"):
        audit_read_record(actor=actor, target=unsaved)


def test_system_and_anonymous_actor_are_stored_as_null() -> None:
    system = audit_event_record(event=Event.DEMODATA_GELADEN, actor=None, at=AT)
    anonymous = audit_event_record(event=Event.LOGIN_MISLUKT, actor=AnonymousUser(), at=AT)
    assert system.actor_id is None
    assert anonymous.actor_id is None


def test_time_is_injected_and_defaults_to_now(actor: AbstractBaseUser) -> None:
    injected = audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor, at=AT)
    defaulted = audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor)
    assert injected.occurred_at == AT
    assert defaulted.occurred_at.tzinfo is not None


def test_naive_time_is_refused(actor: AbstractBaseUser) -> None:
    with pytest.raises(ValueError, match="tijdzone"):
        audit_event_record(
            event=Event.CASUS_INGEZIEN,
            actor=actor,
            at=datetime(2025, 3, 3, 9, 0),  # noqa: DTZ001
        )
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("remote_addr", "stored"),
    [
        ("192.0.2.10", "192.0.2.10"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),  # stored compressed
        ("::ffff:192.0.2.10", "::ffff:192.0.2.10"),  # IPv4-mapped
        ("niet-een-adres", None),
        ("", None),
    ],
)
def test_ip_address_comes_from_remote_addr(
    actor: AbstractBaseUser, remote_addr: str, stored: str | None
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr)

    event = audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor, request=request, at=AT)

    assert AuditEvent.objects.values_list("ip_address", flat=True).get(seq=event.seq) == stored
    assert audit_chain_verify().ok  # the hash covers the address as the database returns it


@pytest.mark.parametrize(
    "kwargs",
    [
        {"reason_text": "melder belde over BSN 123456782"},
        {"data": {"persoon": "123456782"}},
        {"data": {"telefoon": "06 123 456 78", "nummer": "0612345678"}},
        {"target_type": "people.persoon", "target_id": "123456782"},
    ],
)
def test_bsn_like_text_is_refused_and_nothing_is_written(
    actor: AbstractBaseUser, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="negen cijfers"):
        audit_event_record(event=Event.PERSOON_INGEZIEN, actor=actor, at=AT, **kwargs)
    assert not AuditEvent.objects.exists()
    assert head() == (0, GENESIS_HASH)


def test_uuid_target_id_is_not_mistaken_for_a_bsn(actor: AbstractBaseUser) -> None:
    key = "550e8400-e29b-41d4-a716-446655440000"  # twelve digits in the last group
    event = audit_event_record(event=Event.BIJLAGE_GEDOWNLOAD, actor=actor, target_id=key, at=AT)
    assert event.target_id == key


def test_unknown_reason_and_event_are_refused(actor: AbstractBaseUser) -> None:
    with pytest.raises(ValueError, match="Onbekende reden"):
        audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor, reason="nieuwsgierig")
    with pytest.raises(ValueError, match="Onbekende auditgebeurtenis"):
        audit_event_record(event=999, actor=actor)  # type: ignore[arg-type]


def test_event_rolls_back_with_the_business_write(actor: AbstractBaseUser) -> None:
    audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor, at=AT)
    before = head()

    with pytest.raises(RuntimeError):
        failing_business_write(actor)

    assert AuditEvent.objects.count() == 1
    assert head() == before
    assert audit_event_record(event=Event.CASUS_GEWIJZIGD, actor=actor, at=AT).seq == 2


def test_checkpoint_is_appended_after_commit(
    actor: AbstractBaseUser,
    checkpoint_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor, at=AT)
        assert not checkpoint_path.exists()  # nothing before the commit
        second = audit_event_record(event=Event.CASUS_GEWIJZIGD, actor=actor, at=AT)

    lines = [json.loads(line) for line in checkpoint_path.read_text().splitlines()]
    assert lines == [
        {"seq": 1, "hash": first.hash, "at": "2025-03-03T09:00:00.000000+00:00"},
        {"seq": 2, "hash": second.hash, "at": "2025-03-03T09:00:00.000000+00:00"},
    ]


def test_no_checkpoint_for_a_rolled_back_event(
    actor: AbstractBaseUser,
    checkpoint_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        failing_business_write(actor)
    assert callbacks == []
    assert not checkpoint_path.exists()


def test_missing_head_row_is_created(actor: AbstractBaseUser) -> None:
    AuditChainHead.objects.all().delete()  # as after a flush of a transactional test
    event = audit_event_record(event=Event.CASUS_INGEZIEN, actor=actor, at=AT)
    assert (event.seq, event.prev_hash) == (1, GENESIS_HASH)
