"""Checkpoints of the chain head outside the database (a JSON-lines file).

After each commit the writer appends ``{"seq": …, "hash": …, "at": …}``. Someone who deletes
the newest rows and moves the head back in the database cannot reach this file from SQL, so
:mod:`zicht.audit.verify` notices the cut. In production, point ``ZICHT_AUDIT_CHECKPOINT``
at storage the database administrator cannot rewrite (or ship the lines to a log sink).
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

TAIL_BYTES = 64 * 1024
"""How much of the file's end is read to find the newest checkpoint."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str


def checkpoint_append(path: Path, *, seq: int, hash_: str, at: str) -> None:
    """Appends one line under an exclusive lock; creates parent directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"seq": seq, "hash": hash_, "at": at}, separators=(",", ":")) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.write(fd, line.encode("ascii"))
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def checkpoint_newest(path: Path) -> Checkpoint | None:
    """The checkpoint with the highest seq near the end of the file, or None.

    Commits of concurrent writers can append their lines out of order, so the newest is the
    highest seq among the last lines, not simply the last line. Damaged lines are skipped.
    """
    try:
        with path.open("rb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
            try:
                size = handle.seek(0, os.SEEK_END)
                start = max(0, size - TAIL_BYTES)
                handle.seek(start)
                chunk = handle.read()
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except FileNotFoundError:
        return None
    lines = chunk.split(b"\n")
    if start > 0:
        lines = lines[1:]  # the first line is probably cut in half
    newest: Checkpoint | None = None
    for raw in lines:
        checkpoint = _parse(raw)
        if checkpoint and (newest is None or checkpoint.seq > newest.seq):
            newest = checkpoint
    return newest


def _parse(raw: bytes) -> Checkpoint | None:
    try:
        item = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(item, dict):
        return None
    seq, hash_, at = item.get("seq"), item.get("hash"), item.get("at", "")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(hash_, str):
        return None
    return Checkpoint(seq=seq, hash=hash_, at=str(at))
