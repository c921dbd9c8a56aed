"""Fixtures of the audit tests: a checkpoint file per test, users, and a batch writer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from pytest_django.fixtures import Settings

from zicht.audit.catalogue import Event, Reden
from zicht.audit.models import AuditEvent
from zicht.audit.services import audit_event_record
from zicht.audit.tests.plugin import audit_rows_purged_after_transactional_test  # noqa: F401

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def checkpoint_path(settings: Settings, tmp_path: Path) -> Path:
    """Every test gets its own checkpoint file, so lines of rolled-back tests never leak."""
    path = tmp_path / "checkpoint" / "audit.jsonl"
    settings.ZICHT_AUDIT_CHECKPOINT = path
    return path


@pytest.fixture
def actor(db: None) -> AbstractBaseUser:
    return get_user_model().objects.create_user(username="medewerker", password="x")


@pytest.fixture
def record_many(actor: AbstractBaseUser) -> Callable[[int], list[AuditEvent]]:
    """Writes ``n`` events, one minute apart, alternating a few event codes."""
    codes = [Event.CASUS_INGEZIEN, Event.CASUS_GEWIJZIGD, Event.PERSOON_INGEZIEN]

    def write(n: int, *, start: datetime = START) -> list[AuditEvent]:
        return [
            audit_event_record(
                event=codes[i % len(codes)],
                actor=actor,
                target_type="casework.casus",
                target_id=i % 7 + 1,
                reason=Reden.BEHANDELING,
                data={"volgnummer": i},
                at=start + timedelta(minutes=i),
            )
            for i in range(n)
        ]

    return write
