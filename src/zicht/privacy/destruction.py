"""Irreversible destruction of casussen and everything that hangs off them, in every app.

Generic on purpose: nothing here names the models of intake, assessment, diensten or later
apps. Starting from the casussen, :func:`plan_maken` walks Django's relation graph —
every reverse foreign key and one-to-one (``_meta.get_fields(include_hidden=True)``, which
also yields the hidden through tables of many-to-many fields) — and collects each row that
points, directly or through other collected rows, at a casus. A model added later with a
foreign key to a casus (or to anything under it) is therefore destroyed with it without a
change here.

Some rows are *owned* by a dossier without pointing at it: the melder a melding points to, the
advies or CORV message it came from, and the people involved. ``ZICHT_VERNIETIGING_EIGENDOM``
names those models; a row of them goes along when a collected row points to it and nothing
that stays does (a person who is also involved in another casus stays). Their own reverse
relations (addresses, relations, gezag, ...) are walked in turn.

Deleting: leaves first (a model is deleted once no remaining collected model refers to it),
with raw deletes — the append-only guards of the journaal are for editing, not for the
statutory destruction — and foreign keys declared ``SET_NULL`` on a row that stays are set to
NULL instead. The database's own foreign-key check runs before the commit, so a dangling
reference fails the whole destruction. Files of ``FileField`` columns are removed after the
commit. The audit log is never touched: it keeps ids, no personal data (ADR 0002, 0007).

Higher apps that must act on a destruction (radar tells the national register to forget the
involvement) are named in ``ZICHT_VERNIETIGING_HAKEN`` (ADR 0004): callables that get the
casus ids inside the destruction transaction, before the rows go, so that their work and the
destruction commit or fail together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils.module_loading import import_string

from zicht.casework.models import Casus

#: Models never walked into (reference data, users, the audit chain).
_NOOIT = {"audit", "accounts", "auth", "contenttypes", "sessions", "admin", "otp_totp", "axes"}

DEFAULT_EIGENDOM = ("intake.Melder", "intake.Advies", "intake.CorvBericht", "people.Persoon")


def _eigendom_modellen() -> set[type[models.Model]]:
    labels = getattr(settings, "ZICHT_VERNIETIGING_EIGENDOM", DEFAULT_EIGENDOM)
    result = set()
    for label in labels:
        try:
            result.add(apps.get_model(label))
        except LookupError:
            continue
    return result


def vernietiging_haken() -> list[Callable[[Sequence[int]], object]]:
    """The callables of higher apps told about a destruction (``ZICHT_VERNIETIGING_HAKEN``)."""
    return [import_string(pad) for pad in getattr(settings, "ZICHT_VERNIETIGING_HAKEN", ())]


@dataclass
class Plan:
    """What a destruction removes: primary keys per model, and the files."""

    casus_ids: list[int]
    rijen: dict[type[models.Model], set[object]] = field(default_factory=lambda: defaultdict(set))
    op_null: list[tuple[type[models.Model], str, set[object]]] = field(default_factory=list)
    bestanden: list[str] = field(default_factory=list)

    def aantallen(self) -> dict[str, int]:
        """Rows per model label (``app.Model``), sorted; for the dry run and the tombstone."""
        return {
            m._meta.label: len(pks)
            for m, pks in sorted(self.rijen.items(), key=lambda kv: kv[0]._meta.label)
            if pks
        }

    @property
    def totaal(self) -> int:
        return sum(len(p) for p in self.rijen.values())


def _reverse_relations(model: type[models.Model]) -> Iterable[models.ForeignObjectRel]:
    for rel in model._meta.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete:
            continue
        if not (rel.one_to_many or rel.one_to_one):
            continue  # m2m is reached through its (hidden) through table's foreign key
        related = rel.related_model
        if related is None or isinstance(related, str) or related._meta.app_label in _NOOIT:
            continue
        if related._meta.proxy or not related._meta.managed:
            continue
        yield rel  # type: ignore[misc]


def _kind(rel: models.ForeignObjectRel) -> type[models.Model]:
    """The model on the other side of a reverse relation (a class: ``_reverse_relations``
    leaves out anything else)."""
    return cast("type[models.Model]", rel.related_model)


#: Ids per ``IN (...)`` list: the walk reads rows for many casussen at once; SQLite's (older)
#: limit of 999 parameters per statement bounds it.
IN_BLOK = 900

#: Per model: primary key -> the groups (see :func:`plannen_maken`) whose plan holds the row.
_Eigenaars = dict[object, set[int]]


def _blokken(pks: Iterable[object]) -> Iterable[list[object]]:
    lijst = list(pks)
    for start in range(0, len(lijst), IN_BLOK):
        yield lijst[start : start + IN_BLOK]


def plan_maken(casus_ids: Iterable[int]) -> Plan:
    """Collects every row that goes when the casussen ``casus_ids`` are destroyed together."""
    return plannen_maken({0: casus_ids})[0]


def plannen_maken(groepen: Mapping[int, Iterable[int]]) -> dict[int, Plan]:
    """One :class:`Plan` per group of casussen, as :func:`plan_maken` would make it for that
    group alone, walked for all groups at once: each step reads a relation once for every
    group (in blocks of :data:`IN_BLOK` ids), so the number of queries does not grow with the
    number of groups. The dry run asks one group per casus.

    Every collected row carries the groups that reach it; a row two groups reach is in both
    plans, and an owned row (a person) goes in a group's plan when nothing outside *that*
    plan refers to it — exactly as in separate walks."""
    plannen = {g: Plan(casus_ids=sorted({int(i) for i in ids})) for g, ids in groepen.items()}
    eigendom = _eigendom_modellen()
    eigenaars: dict[type[models.Model], _Eigenaars] = defaultdict(dict)
    start: _Eigenaars = defaultdict(set)
    for g, plan in plannen.items():
        for casus_id in plan.casus_ids:
            start[casus_id].add(g)
    wachtrij: list[tuple[type[models.Model], _Eigenaars]] = [(Casus, start)]
    kandidaten: dict[type[models.Model], _Eigenaars] = defaultdict(dict)
    op_null: list[tuple[type[models.Model], str, _Eigenaars]] = []
    while wachtrij:
        while wachtrij:
            model, rijen = wachtrij.pop()
            bekend = eigenaars[model]
            nieuw: _Eigenaars = {}
            for pk, groepen_van_rij in rijen.items():
                extra = groepen_van_rij - bekend.get(pk, set())
                if extra:
                    nieuw[pk] = extra
                    bekend.setdefault(pk, set()).update(extra)
            if not nieuw:
                continue
            for rel in _reverse_relations(model):
                fk = rel.field
                kind = _kind(rel)
                kinderen: _Eigenaars = defaultdict(set)
                for deel in _blokken(nieuw):
                    for kind_pk, ouder in kind._base_manager.filter(
                        **{f"{fk.name}__in": deel}
                    ).values_list("pk", fk.attname):
                        kinderen[kind_pk] |= nieuw[ouder]
                if not kinderen:
                    continue
                if fk.remote_field.on_delete is models.SET_NULL and kind not in eigendom:
                    op_null.append((kind, fk.name, kinderen))
                    continue
                wachtrij.append((kind, kinderen))
            # Forward references to owned rows (melder, people, ...): candidates.
            for veld in model._meta.concrete_fields:
                doel = veld.related_model if veld.is_relation else None
                if isinstance(doel, type) and doel in eigendom and doel is not model:
                    for deel in _blokken(nieuw):
                        for pk, doel_pk in (
                            model._base_manager.filter(pk__in=deel)
                            .exclude(**{f"{veld.attname}__isnull": True})
                            .values_list("pk", veld.attname)
                        ):
                            extra = nieuw[pk] - eigenaars[doel].get(doel_pk, set())
                            if extra:
                                kandidaten[doel].setdefault(doel_pk, set()).update(extra)
        # An owned row goes (in a group's plan) when nothing that stays refers to it.
        for doel, kand in list(kandidaten.items()):
            kandidaten[doel] = {}
            weg = _niet_meer_verwezen(doel, kand, eigenaars)
            if weg:
                wachtrij.append((doel, weg))
    for model, rijen in eigenaars.items():
        for pk, groepen_van_rij in rijen.items():
            for g in groepen_van_rij:
                plannen[g].rijen[model].add(pk)
    for g, plan in plannen.items():
        # SET_NULL rows that are themselves destroyed need no update.
        for kind, veld_naam, rijen in op_null:
            pks = {pk for pk, gs in rijen.items() if g in gs} - plan.rijen[kind]
            if pks:
                plan.op_null.append((kind, veld_naam, pks))
    for g, namen in _bestanden(eigenaars, plannen).items():
        plannen[g].bestanden = sorted(namen)
    return plannen


def _niet_meer_verwezen(
    doel: type[models.Model],
    kandidaten: _Eigenaars,
    eigenaars: Mapping[type[models.Model], _Eigenaars],
) -> _Eigenaars:
    """Of the ``doel`` rows ``kandidaten`` (with the groups that would take them), those no
    row outside a group's plan refers to, with those groups (the others must stay).

    Rows that hang off the owned row with ``CASCADE`` (a person's addresses, relations,
    gezag) are its own details: they do not keep it; anything else (a betrokkene in another
    casus, a melding of another casus) does."""
    blijft: _Eigenaars = defaultdict(set)
    for rel in _reverse_relations(doel):
        if rel.field.remote_field.on_delete is models.CASCADE:
            continue
        kind = _kind(rel)
        verzameld = eigenaars.get(kind, {})
        for deel in _blokken(kandidaten):
            for kind_pk, doel_pk in kind._base_manager.filter(
                **{f"{rel.field.name}__in": deel}
            ).values_list("pk", rel.field.attname):
                blijft[doel_pk] |= kandidaten[doel_pk] - verzameld.get(kind_pk, set())
    weg = {pk: groepen - blijft[pk] for pk, groepen in kandidaten.items()}
    return {pk: groepen for pk, groepen in weg.items() if groepen}


def _bestanden(
    eigenaars: Mapping[type[models.Model], _Eigenaars], plannen: Mapping[int, Plan]
) -> dict[int, list[str]]:
    namen: dict[int, list[str]] = {g: [] for g in plannen}
    for model, rijen in eigenaars.items():
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.FileField) and rijen:
                for deel in _blokken(rijen):
                    for pk, naam in model._base_manager.filter(pk__in=deel).values_list(
                        "pk", veld.attname
                    ):
                        if naam:
                            for g in rijen[pk]:
                                namen[g].append(naam)
    return namen


def _volgorde(plan: Plan) -> list[type[models.Model]]:
    """Leaves first: a model comes after every collected model that refers to it."""
    over = {m for m, pks in plan.rijen.items() if pks}
    volgorde: list[type[models.Model]] = []
    while over:
        vrij = [
            m
            for m in over
            if not any(
                v.related_model is m
                for ander in over
                if ander is not m
                for v in ander._meta.concrete_fields
                if v.is_relation
            )
        ]
        if not vrij:  # a cycle: the deferred constraints settle it within the transaction
            vrij = sorted(over, key=lambda m: m._meta.label)[:1]
        for m in sorted(vrij, key=lambda m: m._meta.label):
            volgorde.append(m)
            over.discard(m)
    return volgorde


def plan_uitvoeren(plan: Plan) -> dict[str, int]:
    """Deletes the rows of ``plan`` (inside the caller's transaction) and schedules the files
    for removal after the commit. Returns the rows deleted per model label."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Vernietigen kan alleen binnen een transactie.")
    for haak in vernietiging_haken():
        haak(list(plan.casus_ids))
    verwijderd: dict[str, int] = {}
    for model, veld, pks in plan.op_null:
        model._base_manager.filter(pk__in=list(pks)).update(**{veld: None})
    for model in _volgorde(plan):
        rijen = list(plan.rijen[model])
        aantal = 0
        for start in range(0, len(rijen), 500):
            deel = rijen[start : start + 500]
            aantal += model._base_manager.filter(pk__in=deel)._raw_delete(connection.alias)
        verwijderd[model._meta.label] = aantal
    connection.check_constraints()
    bestanden = list(plan.bestanden)
    transaction.on_commit(lambda: _bestanden_verwijderen(bestanden), robust=True)
    return dict(sorted(verwijderd.items()))


def _bestanden_verwijderen(namen: list[str]) -> None:
    for naam in namen:
        default_storage.delete(naam)
