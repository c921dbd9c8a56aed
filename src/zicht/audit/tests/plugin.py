"""Pytest plugin: lets Django flush the append-only audit table after transactional tests.

Django's TransactionTestCase empties every table after each test (SQLite: DELETE, PostgreSQL:
TRUNCATE). The append-only triggers refuse that when audit rows exist, so this fixture empties
the audit tables first, the way a database administrator could. Register it once for the
whole suite: ``pytest_plugins = ["zicht.audit.tests.plugin"]`` in the root conftest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


def _transactional(request: pytest.FixtureRequest) -> bool:
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False

    def flags(transaction: bool = False, reset_sequences: bool = False, *_: Any, **__: Any) -> bool:
        return bool(transaction or reset_sequences)

    return flags(*marker.args, **marker.kwargs)


@pytest.fixture(autouse=True)
def audit_rows_purged_after_transactional_test(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _transactional(request):
        yield
        return
    # Set the database up first, so that this fixture's teardown runs before the flush.
    request.getfixturevalue("transactional_db")
    yield
    from zicht.audit.tests.tamper import audit_rows_purge

    audit_rows_purge()
