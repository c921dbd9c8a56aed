"""What an attacker with database rights could do, for tests: raw SQL past the triggers.

Never used by the application. The chain and the checkpoint must catch every one of these.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from zicht.audit.models import AuditChainHead, AuditEvent

EVENTS = connection.ops.quote_name(AuditEvent._meta.db_table)
HEAD = connection.ops.quote_name(AuditChainHead._meta.db_table)


@contextmanager
def triggers_disabled() -> Iterator[CursorWrapper]:
    """Inside one transaction: switch the append-only triggers off, yield a cursor, restore."""
    table = AuditEvent._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred foreign-key checks are pending: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {EVENTS} DISABLE TRIGGER USER")
            yield cursor
            cursor.execute(f"ALTER TABLE {EVENTS} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
            yield cursor
            for _name, sql in triggers:
                cursor.execute(sql)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(connection.vendor)


def row_reason_text_set(seq: int, text: str) -> None:
    with triggers_disabled() as cursor:
        cursor.execute(f"UPDATE {EVENTS} SET reason_text = %s WHERE seq = %s", [text, seq])


def row_hash_set(seq: int, hash_: str) -> None:
    with triggers_disabled() as cursor:
        cursor.execute(f"UPDATE {EVENTS} SET hash = %s WHERE seq = %s", [hash_, seq])


def rows_delete(*, seq_from: int, seq_to: int) -> None:
    with triggers_disabled() as cursor:
        cursor.execute(f"DELETE FROM {EVENTS} WHERE seq BETWEEN %s AND %s", [seq_from, seq_to])


def head_set(seq: int, hash_: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {HEAD} SET seq = %s, hash = %s WHERE id = 1", [seq, hash_])


def audit_rows_purge() -> None:
    """Empties the audit tables (test clean-up before Django flushes a transactional test)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {EVENTS} LIMIT 1")
        if cursor.fetchone() is None:
            return
    with triggers_disabled() as cursor:
        cursor.execute(f"DELETE FROM {EVENTS}")
        cursor.execute(f"DELETE FROM {HEAD}")
