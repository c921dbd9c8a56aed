"""Verification of the whole audit chain, in seq order, with flat memory.

Catches: a changed row (its hash no longer fits), a missing row (a gap in seq), a broken
link (prev_hash differs from the previous row's hash), a head that does not match the last
row, and a cut-off tail (the newest checkpoint outside the database knows a later row, or a
different hash, than the table).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from zicht.audit.checkpoint import Checkpoint, checkpoint_newest
from zicht.audit.domain.chain import GENESIS_HASH, HASHED_FIELDS, record_hash
from zicht.audit.models import AuditChainHead, AuditEvent

BATCH_SIZE = 5000


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`audit_chain_verify`; ``explanation`` is Dutch and names the break."""

    ok: bool
    checked: int
    first_broken_seq: int | None
    explanation: str
    warnings: tuple[str, ...] = field(default=())


class _Broken(Exception):
    def __init__(self, seq: int, explanation: str) -> None:
        super().__init__(explanation)
        self.seq = seq
        self.explanation = explanation


def audit_chain_verify(
    *,
    batch_size: int = BATCH_SIZE,
    checkpoint_path: Path | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> VerifyResult:
    """Walks the chain up to the current head and compares head and newest checkpoint.

    Rows are read in keyset batches of ``batch_size`` (``seq > last``), so memory stays
    flat for millions of rows. Rows added by concurrent writers after the head was read
    are left for the next run.
    """
    path = Path(checkpoint_path or settings.ZICHT_AUDIT_CHECKPOINT)
    checkpoint = checkpoint_newest(path)  # read before the head: it may only lag behind
    head = AuditChainHead.objects.filter(pk=1).values_list("seq", "hash").first()
    limit = head[0] if head else _table_max_seq()
    walk = _Walk(checkpoint)
    try:
        walk.run(limit=limit, batch_size=batch_size, on_progress=on_progress)
        _head_check(head, walk)
        _checkpoint_check(checkpoint, walk)
    except _Broken as broken:
        return VerifyResult(
            ok=False,
            checked=walk.checked,
            first_broken_seq=broken.seq,
            explanation=f"Auditketen verbroken bij seq {broken.seq}: {broken.explanation}",
        )
    warnings: tuple[str, ...] = ()
    if checkpoint is None and walk.last_seq > 0:
        warnings = (
            f"Geen checkpoint gevonden in {path}: of de nieuwste rijen zijn afgesneden, "
            "is zonder checkpoint niet te controleren.",
        )
    if walk.last_seq:
        explanation = (
            f"Auditketen intact: {walk.checked} gebeurtenissen gecontroleerd "
            f"(seq 1 t/m {walk.last_seq})."
        )
    else:
        explanation = "Auditketen intact: nog geen gebeurtenissen."
    return VerifyResult(
        ok=True,
        checked=walk.checked,
        first_broken_seq=None,
        explanation=explanation,
        warnings=warnings,
    )


class _Walk:
    """State of one pass over the chain."""

    def __init__(self, checkpoint: Checkpoint | None) -> None:
        self.checkpoint = checkpoint
        self.checked = 0
        self.last_seq = 0
        self.last_hash = GENESIS_HASH
        self.hash_at_checkpoint: str | None = None

    def run(
        self, *, limit: int, batch_size: int, on_progress: Callable[[int], None] | None
    ) -> None:
        columns = (*HASHED_FIELDS, "hash")
        while self.last_seq < limit:
            batch = list(
                AuditEvent.objects.filter(seq__gt=self.last_seq, seq__lte=limit)
                .order_by("seq")
                .values(*columns)[:batch_size]
            )
            if not batch:
                return
            for row in batch:
                self._row_check(row)
            if on_progress:
                on_progress(self.checked)

    def _row_check(self, row: dict[str, object]) -> None:
        seq = int(row["seq"])  # type: ignore[call-overload]
        expected = self.last_seq + 1
        if seq != expected:
            raise _Broken(
                expected,
                f"rij ontbreekt: na seq {self.last_seq} volgt seq {seq} "
                f"({seq - expected} rij(en) verwijderd).",
            )
        try:
            recomputed = record_hash(row)
        except (TypeError, ValueError):
            recomputed = ""
        if recomputed != row["hash"]:
            raise _Broken(seq, "rij gewijzigd: de inhoud past niet meer bij de opgeslagen hash.")
        if row["prev_hash"] != self.last_hash:
            raise _Broken(
                seq,
                f"koppeling verbroken: prev_hash verwijst niet naar de hash van seq "
                f"{self.last_seq} (die rij is gewijzigd en opnieuw gehasht, of deze rij is "
                "vervangen).",
            )
        self.last_seq = seq
        self.last_hash = str(row["hash"])
        self.checked += 1
        if self.checkpoint is not None and seq == self.checkpoint.seq:
            self.hash_at_checkpoint = self.last_hash


def _table_max_seq() -> int:
    newest = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    return int(newest or 0)


def _head_check(head: tuple[int, str] | None, walk: _Walk) -> None:
    if head is None:
        if walk.last_seq:
            raise _Broken(walk.last_seq, "de kop van de keten (audit_auditchainhead) ontbreekt.")
        return
    head_seq, head_hash = head
    if walk.last_seq < head_seq:
        raise _Broken(
            walk.last_seq + 1,
            f"rijen aan het eind afgesneden: de kop van de keten wijst naar seq {head_seq}, "
            f"de tabel eindigt bij seq {walk.last_seq}.",
        )
    if head_hash != walk.last_hash:
        raise _Broken(head_seq, f"de kop van de keten past niet bij de hash van seq {head_seq}.")


def _checkpoint_check(checkpoint: Checkpoint | None, walk: _Walk) -> None:
    if checkpoint is None:
        return
    if checkpoint.seq > walk.last_seq:
        raise _Broken(
            walk.last_seq + 1,
            f"rijen aan het eind afgesneden: het checkpoint van {checkpoint.at} kent seq "
            f"{checkpoint.seq}, maar de keten eindigt bij seq {walk.last_seq}.",
        )
    if checkpoint.seq > 0 and walk.hash_at_checkpoint != checkpoint.hash:
        raise _Broken(
            checkpoint.seq,
            f"seq {checkpoint.seq} wijkt af van het checkpoint van {checkpoint.at}: de keten "
            "is vanaf hier vervangen of afgesneden en opnieuw opgebouwd.",
        )
