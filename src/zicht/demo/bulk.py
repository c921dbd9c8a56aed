"""Bulk writing for the demo generator: pre-assigned primary keys and ``bulk_create`` in batches.

Demo data bypasses the per-row services on purpose (they audit every row and lock counters);
the generator records one ``DEMODATA_GELADEN`` event instead. Primary keys are handed out by
the generator itself (:class:`IdReeks`), so that rows can refer to each other before anything
is written and no ``RETURNING`` round-trip is needed; :func:`sequences_reset` moves the
database's own sequences past them afterwards (PostgreSQL; SQLite follows by itself).

Batches are parameter-safe: SQLite accepts at most 999 parameters per statement, so a batch
there holds at most ``900 // columns`` rows; PostgreSQL takes :data:`PG_BATCH` rows at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

__all__ = [
    "PG_BATCH",
    "SQLITE_PARAMS",
    "BulkSchrijver",
    "IdReeks",
    "batch_size",
    "bulk_insert",
    "sequences_reset",
]

#: Parameters per statement we allow on SQLite (its limit is 999).
SQLITE_PARAMS = 900
#: Rows per INSERT on other backends.
PG_BATCH = 2000


def _concrete_columns(model: type[models.Model]) -> int:
    return sum(1 for f in model._meta.concrete_fields)


def batch_size(model: type[models.Model]) -> int:
    """Rows per INSERT for ``model`` on the current backend."""
    if connection.vendor == "sqlite":
        return max(1, SQLITE_PARAMS // _concrete_columns(model))
    return PG_BATCH


class IdReeks:
    """Hands out primary keys for a model, after the highest one already in the table."""

    def __init__(self, model: type[models.Model]) -> None:
        hoogste = model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0
        self._volgende = int(hoogste) + 1

    def __call__(self) -> int:
        waarde = self._volgende
        self._volgende += 1
        return waarde

    @property
    def volgende(self) -> int:
        return self._volgende


class BulkSchrijver:
    """Collects unsaved instances of one model and writes them with ``bulk_create`` whenever a
    batch is full. ``bij_batch(n)`` is called after each write (for a progress bar)."""

    def __init__(
        self,
        model: type[models.Model],
        *,
        bij_batch: Callable[[int], None] | None = None,
        voorbereiden: Callable[[Any], None] | None = None,
    ) -> None:
        self.model = model
        self.grootte = batch_size(model)
        self.bij_batch = bij_batch
        self.voorbereiden = voorbereiden
        self._buffer: list[models.Model] = []
        self.geschreven = 0

    def add(self, obj: models.Model) -> None:
        if self.voorbereiden is not None:
            self.voorbereiden(obj)
        self._buffer.append(obj)
        if len(self._buffer) >= self.grootte:
            self.flush()

    def add_row(self, row: Mapping[str, Any]) -> None:
        self.add(self.model(**row))

    def flush(self) -> None:
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        self.model._default_manager.bulk_create(batch, batch_size=self.grootte)
        self.geschreven += len(batch)
        if self.bij_batch is not None:
            self.bij_batch(len(batch))


def bulk_insert(
    model: type[models.Model],
    rows: Iterable[Mapping[str, Any]],
    *,
    voorbereiden: Callable[[Any], None] | None = None,
    bij_batch: Callable[[int], None] | None = None,
) -> int:
    """Writes ``rows`` (field name → value, primary key included) and returns the count.

    This is the generator's insert path (the benchmark times it against a plain
    ``executemany`` of the same rows). ``voorbereiden`` runs on each instance before it is
    written — for :class:`~zicht.people.models.Persoon` that is ``afgeleide_velden_bijwerken``.
    """
    schrijver = BulkSchrijver(model, bij_batch=bij_batch, voorbereiden=voorbereiden)
    for row in rows:
        schrijver.add_row(row)
    schrijver.flush()
    return schrijver.geschreven


def sequences_reset(modellen: Iterable[type[models.Model]]) -> None:
    """Moves the primary-key sequences past the keys the generator handed out."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(modellen))
    if not statements:
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
