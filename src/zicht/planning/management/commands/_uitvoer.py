"""Shared output helpers of the planning commands: rich tables written through Django's stdout."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.management.base import OutputWrapper
from rich.console import Console

from zicht.planning.templatetags.planning_formaat import exact, getal, mln, verschil

__all__ = ["console_naar", "exact", "fractie", "getal", "mln", "schrijf", "verschil"]


def console_naar(uitvoer: OutputWrapper, *, breedte: int = 110) -> tuple[Console, io.StringIO]:
    """A rich console that renders into a buffer (colours only on a terminal)."""
    buffer = io.StringIO()
    terminal = bool(getattr(uitvoer, "isatty", lambda: False)())
    return Console(file=buffer, width=breedte, force_terminal=terminal, highlight=False), buffer


def schrijf(uitvoer: OutputWrapper, opbouw: Callable[[Console], Any]) -> None:
    console, buffer = console_naar(uitvoer)
    opbouw(console)
    uitvoer.write(buffer.getvalue(), ending="")


def fractie(waarde: float | Decimal) -> str:
    return f"{getal(Decimal(str(waarde)) * 100, 1)}%"
