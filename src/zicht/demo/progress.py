"""Progress of the demo generator: a ``rich`` progress bar on a terminal, plain lines otherwise.

Each step opens a bar with :meth:`Voortgang.stap`; the bar advances as batches are written and
ends with the step's one-line summary. Without a terminal (``make run`` piped to a log, the
tests) only the summary lines are written, one per step.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

__all__ = ["Balk", "Voortgang", "getal"]


def getal(n: int) -> str:
    """A whole number the Dutch way: ``12.873``."""
    return f"{n:,}".replace(",", ".")


def _raw(stdout: TextIO) -> TextIO:
    # Django's OutputWrapper wraps the real stream in ``_out``; rich needs the stream itself.
    return getattr(stdout, "_out", stdout)


def _is_tty(stdout: TextIO | None) -> bool:
    if stdout is None:
        return False
    try:
        return bool(stdout.isatty())
    except (AttributeError, ValueError):
        return False


class Balk:
    """The bar of one step (a no-op without a terminal)."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress = progress
        self._task = task
        self.samenvatting = ""
        self.omvang = 1

    def advance(self, n: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def totaal(self, totaal: int) -> None:
        self.omvang = max(totaal, 1)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=self.omvang)


class Voortgang:
    """Shows the generator's progress on ``stdout``; use as a context manager."""

    def __init__(self, stdout: TextIO | None) -> None:
        self.stdout = stdout
        self.tty = _is_tty(stdout)
        self._progress: Progress | None = None

    def __enter__(self) -> Voortgang:
        if self.tty and self.stdout is not None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=_raw(self.stdout)),
            )
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    @contextmanager
    def stap(self, label: str, totaal: int) -> Iterator[Balk]:
        """A step with ``totaal`` units of work; set ``balk.samenvatting`` for its line."""
        begin = time.perf_counter()
        task = None
        if self._progress is not None:
            task = self._progress.add_task(label, total=max(totaal, 1))
        balk = Balk(self._progress, task)
        balk.omvang = max(totaal, 1)
        yield balk
        duur = time.perf_counter() - begin
        seconden = f"{duur:.1f}".replace(".", ",")
        regel = f"{label}: {balk.samenvatting or 'klaar'} ({seconden} s)"
        if self._progress is not None and task is not None:
            # The bar keeps its label; the full line goes above the bars (no truncation).
            self._progress.update(task, completed=balk.omvang, description=f"{label} ✓")
        self.regel(regel)

    def regel(self, tekst: str) -> None:
        if self._progress is not None:
            self._progress.console.print(tekst, highlight=False, markup=False)
        elif self.stdout is not None:
            self.stdout.write(tekst + "\n")
