"""A lean insert path for the big tables of the front-door steps: plain rows, ``executemany``.

``bulk_create`` builds a model instance and compiles every value of every row (~150 µs a row
on SQLite); the meldingen and adviezen steps write a few hundred thousand rows, so they hand
plain values (by attribute name) to :class:`RijSchrijver`, which converts only the columns that
need it (dates, datetimes, UUIDs, JSON — with the backend's own adapters, as Django would) and
runs one prepared INSERT per batch. Primary keys are pre-assigned
(:class:`~zicht.demo.bulk.IdReeks`); ``auto_now``/``auto_now_add`` columns get the moment of the
run; a missing value takes the field's default. Rows read back through the ORM exactly as if
``bulk_create`` had written them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import connection, models

from zicht.demo.bulk import IdReeks

__all__ = ["RijSchrijver"]

_ONTBREEKT = object()
#: Rows per ``executemany``.
BATCH = 5000


def _omzetter(veld: models.Field) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(veld, models.DateTimeField):
        return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
    if isinstance(veld, models.DateField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if isinstance(veld, (models.UUIDField, models.JSONField)):
        return lambda v: veld.get_db_prep_save(v, connection)
    return None


class RijSchrijver:
    """Collects rows of one model (``add(id=..., veld=...)``) and writes them in batches."""

    def __init__(
        self, model: type[models.Model], *, nu: datetime, ids: IdReeks | None = None
    ) -> None:
        """``ids``: hands out the primary key of a row added without one."""
        self.model = model
        self.ids = ids
        self.pk = model._meta.pk.attname
        velden = list(model._meta.concrete_fields)
        self.attnames = [v.attname for v in velden]
        self.omzetters = [_omzetter(v) for v in velden]
        self.standaard: list[Any] = []
        for veld in velden:
            if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
                self.standaard.append(nu)
            elif veld.has_default() or veld.null or veld.empty_strings_allowed:
                self.standaard.append(veld.get_default())  # as Model() would
            else:
                self.standaard.append(_ONTBREEKT)
        qn = connection.ops.quote_name
        kolommen = ", ".join(qn(v.column) for v in velden)
        plekken = ", ".join(["%s"] * len(velden))
        tabel = qn(model._meta.db_table)
        # Names from the model's own metadata, quoted; the values go in as parameters.
        self.sql = f"INSERT INTO {tabel} ({kolommen}) VALUES ({plekken})"  # noqa: S608
        self._buffer: list[tuple[Any, ...]] = []
        self.geschreven = 0

    def add(self, **waarden: Any) -> None:
        if self.ids is not None and self.pk not in waarden:
            waarden[self.pk] = self.ids()
        rij = []
        for attname, omzetter, standaard in zip(
            self.attnames, self.omzetters, self.standaard, strict=True
        ):
            waarde = waarden.pop(attname, standaard)
            if waarde is _ONTBREEKT:
                raise ValueError(f"{self.model.__name__}.{attname} ontbreekt.")
            rij.append(waarde if omzetter is None else omzetter(waarde))
        if waarden:
            raise ValueError(f"{self.model.__name__}: onbekende velden {sorted(waarden)}.")
        self._buffer.append(tuple(rij))
        if len(self._buffer) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, batch)
        self.geschreven += len(batch)
