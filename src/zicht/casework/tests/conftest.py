"""Fixtures for the casework tests: teams, users with role shapes, audit rows."""

from __future__ import annotations

import json

import pytest

from zicht.accounts.permissions import Perm
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import TeamFactory

LEZEN = (Perm.CASUS_INZIEN,)
BEWERKEN = (Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN)


@pytest.fixture
def team(db):
    return TeamFactory(naam="Team Alkmaar")


@pytest.fixture
def ander_team(db):
    return TeamFactory(naam="Team West-Friesland")


@pytest.fixture
def medewerker(make_user, team):
    """A casemanager of ``team``: may read and write its casussen."""
    return make_user("casemanager", perms=BEWERKEN, teams=[team])


@pytest.fixture
def lezer(make_user, team):
    """A member of ``team`` who may read but not write."""
    return make_user("lezer", perms=LEZEN, teams=[team])


@pytest.fixture
def audit_rows(db):
    """The audit rows written since the fixture was created, oldest first."""
    start = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def rows(event=None):
        qs = AuditEvent.objects.filter(seq__gt=start).order_by("seq")
        if event is not None:
            qs = qs.filter(event=event)
        return list(qs)

    return rows


def assert_no_personal_data(rows, *verboden):
    """No BSN, name or text of ``verboden`` in the audit data or reason text."""
    for row in rows:
        tekst = json.dumps(row.data, ensure_ascii=False) + row.reason_text
        for woord in verboden:
            assert str(woord) not in tekst, f"{woord!r} staat in auditrij {row.seq}: {tekst}"
