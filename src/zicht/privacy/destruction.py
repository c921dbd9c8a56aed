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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

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
        if related is None or related._meta.app_label in _NOOIT:
            continue
        if related._meta.proxy or not related._meta.managed:
            continue
        yield rel  # type: ignore[misc]


def plan_maken(casus_ids: Iterable[int]) -> Plan:
    """Collects every row that goes when the casussen ``casus_ids`` are destroyed."""
    plan = Plan(casus_ids=sorted({int(i) for i in casus_ids}))
    eigendom = _eigendom_modellen()
    wachtrij: list[tuple[type[models.Model], set[object]]] = [(Casus, set(plan.casus_ids))]
    kandidaten: dict[type[models.Model], set[object]] = defaultdict(set)
    while wachtrij:
        while wachtrij:
            model, pks = wachtrij.pop()
            nieuw = pks - plan.rijen[model]
            if not nieuw:
                continue
            plan.rijen[model] |= nieuw
            for rel in _reverse_relations(model):
                fk = rel.field
                kind = rel.related_model
                kinderen = set(
                    kind._base_manager.filter(**{f"{fk.name}__in": list(nieuw)}).values_list(
                        "pk", flat=True
                    )
                )
                if not kinderen:
                    continue
                if fk.remote_field.on_delete is models.SET_NULL and kind not in eigendom:
                    plan.op_null.append((kind, fk.name, kinderen))
                    continue
                wachtrij.append((kind, kinderen))
            # Forward references to owned rows (melder, people, ...): candidates.
            for veld in model._meta.concrete_fields:
                doel = veld.related_model if veld.is_relation else None
                if doel in eigendom and doel is not model:
                    ids = set(
                        model._base_manager.filter(pk__in=list(nieuw))
                        .exclude(**{f"{veld.attname}__isnull": True})
                        .values_list(veld.attname, flat=True)
                    )
                    kandidaten[doel] |= ids - plan.rijen[doel]
        # An owned row goes when nothing that stays refers to it.
        for doel, ids in list(kandidaten.items()):
            kandidaten[doel] = set()
            weg = {pk for pk in ids if not _blijft_verwezen(doel, pk, plan)}
            if weg:
                wachtrij.append((doel, weg))
    # SET_NULL rows that are themselves destroyed need no update.
    plan.op_null = [(m, f, pks - plan.rijen[m]) for m, f, pks in plan.op_null]
    plan.op_null = [(m, f, pks) for m, f, pks in plan.op_null if pks]
    plan.bestanden = _bestanden(plan)
    return plan


def _blijft_verwezen(doel: type[models.Model], pk: object, plan: Plan) -> bool:
    """True when a row outside the plan refers to ``doel`` row ``pk`` (so it must stay).

    Rows that hang off the owned row with ``CASCADE`` (a person's addresses, relations,
    gezag) are its own details: they do not keep it; anything else (a betrokkene in another
    casus, a melding of another casus) does."""
    for rel in _reverse_relations(doel):
        if rel.field.remote_field.on_delete is models.CASCADE:
            continue
        kind = rel.related_model
        qs = kind._base_manager.filter(**{rel.field.name: pk})
        verzameld = plan.rijen.get(kind)
        if verzameld:
            qs = qs.exclude(pk__in=list(verzameld))
        if qs.exists():
            return True
    return False


def _bestanden(plan: Plan) -> list[str]:
    namen: list[str] = []
    for model, pks in plan.rijen.items():
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.FileField) and pks:
                namen += [
                    n
                    for n in model._base_manager.filter(pk__in=list(pks)).values_list(
                        veld.attname, flat=True
                    )
                    if n
                ]
    return sorted(namen)


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
        pks = list(plan.rijen[model])
        aantal = 0
        for start in range(0, len(pks), 500):
            deel = pks[start : start + 500]
            aantal += model._base_manager.filter(pk__in=deel)._raw_delete(connection.alias)
        verwijderd[model._meta.label] = aantal
    connection.check_constraints()
    bestanden = list(plan.bestanden)
    transaction.on_commit(lambda: _bestanden_verwijderen(bestanden), robust=True)
    return dict(sorted(verwijderd.items()))


def _bestanden_verwijderen(namen: list[str]) -> None:
    for naam in namen:
        default_storage.delete(naam)
