"""Analytic queueing formulas: Erlang C for the M/M/c queue.

Used to validate the simulation (on an M/M/c special case the simulated mean wait must match)
and, in the benchmark, as a quick approximation of a station.

Notation: arrival rate λ, service rate μ per server, c servers, offered load a = λ/μ,
utilisation ρ = a/c < 1.

Pure: no Django.
"""

from __future__ import annotations

import math

__all__ = ["erlang_b", "erlang_c", "mmc_kans_wacht_hoogstens", "mmc_wachttijd"]


def _controleer(c: int, a: float) -> None:
    if c < 1:
        raise ValueError(f"Er is minstens één bediende nodig, niet {c}.")
    if a < 0 or not math.isfinite(a):
        raise ValueError(f"De aangeboden belasting moet een eindig getal ≥ 0 zijn, niet {a}.")


def erlang_b(c: int, a: float) -> float:
    """Blocking probability of M/M/c/c, by the stable recursion B(k) = a·B(k-1) / (k + a·B(k-1))."""
    _controleer(c, a)
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(c: int, a: float) -> float:
    """Probability that an arrival has to wait in M/M/c: C = c·B / (c − a·(1 − B)).

    Raises ValueError when the queue is unstable (a ≥ c): then everyone waits, without end.
    """
    _controleer(c, a)
    if a >= c:
        raise ValueError(
            f"De wachtrij is instabiel: belasting {a:.3g} ≥ {c} bedienden (bezetting ≥ 100%)."
        )
    b = erlang_b(c, a)
    return c * b / (c - a * (1 - b))


def mmc_wachttijd(aankomst: float, bediening: float, c: int) -> float:
    """Mean wait in the queue (before service starts): Wq = C(c, a) / (c·μ − λ)."""
    if bediening <= 0:
        raise ValueError("De bedieningssnelheid moet groter dan 0 zijn.")
    a = aankomst / bediening
    return erlang_c(c, a) / (c * bediening - aankomst)


def mmc_kans_wacht_hoogstens(aankomst: float, bediening: float, c: int, t: float) -> float:
    """P(Wq ≤ t) = 1 − C(c, a)·exp(−(c·μ − λ)·t) for t ≥ 0."""
    if t < 0:
        return 0.0
    a = aankomst / bediening
    return 1.0 - erlang_c(c, a) * math.exp(-(c * bediening - aankomst) * t)
