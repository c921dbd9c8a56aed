"""The checkpoint file outside the database (no database needed)."""

from __future__ import annotations

from pathlib import Path

from zicht.audit.checkpoint import TAIL_BYTES, checkpoint_append, checkpoint_newest


def test_append_creates_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "audit.jsonl"
    checkpoint_append(path, seq=1, hash_="a" * 64, at="2025-03-03T09:00:00.000000+00:00")
    assert path.read_text() == (
        '{"seq":1,"hash":"' + "a" * 64 + '","at":"2025-03-03T09:00:00.000000+00:00"}\n'
    )


def test_missing_file_has_no_checkpoint(tmp_path: Path) -> None:
    assert checkpoint_newest(tmp_path / "ontbreekt.jsonl") is None


def test_newest_is_highest_seq_even_when_commits_append_out_of_order(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    for seq in (1, 2, 4, 3):  # the commit of seq 4 ran its callback before seq 3's
        checkpoint_append(path, seq=seq, hash_=f"{seq}" * 64, at="t")
    newest = checkpoint_newest(path)
    assert newest is not None
    assert (newest.seq, newest.hash) == (4, "4" * 64)


def test_damaged_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    checkpoint_append(path, seq=5, hash_="5" * 64, at="t")
    with path.open("a") as handle:
        handle.write('{"seq": 9, "hash"\n[1, 2]\n{"seq": true, "hash": "x"}\n')
    newest = checkpoint_newest(path)
    assert newest is not None
    assert newest.seq == 5


def test_only_the_tail_of_a_large_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    lines = [f'{{"seq":{seq},"hash":"{seq:064d}","at":"t"}}\n' for seq in range(1, 3001)]
    path.write_text("".join(lines))
    assert path.stat().st_size > TAIL_BYTES
    newest = checkpoint_newest(path)
    assert newest is not None
    assert newest.seq == 3000
