"""Fixtures for the people tests."""

from __future__ import annotations

import pytest

from zicht.audit.models import AuditEvent
from zicht.people.tests.factories import UserFactory


@pytest.fixture
def actor(db):
    return UserFactory()


@pytest.fixture
def audit_rows(db):
    """The audit rows written since the fixture was created, oldest first."""
    start = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def rows():
        return list(AuditEvent.objects.filter(seq__gt=start).order_by("seq"))

    return rows
