"""Erlang B and C against values from the queueing literature."""

from __future__ import annotations

import math

import pytest

from zicht.planning.domain.wachtrij import (
    erlang_b,
    erlang_c,
    mmc_kans_wacht_hoogstens,
    mmc_wachttijd,
)

ERLANG_C = [
    # (servers, offered load, C)
    (1, 0.5, 0.5),  # M/M/1: the probability of waiting is the utilisation
    (1, 0.9, 0.9),  # idem
    (2, 1.0, 1 / 3),  # M/M/2 with a = 1: C = a²/(2(2-a)) / (1 + a + a²/(2(2-a))) = 1/3
    (3, 2.5, 0.7022),  # textbook M/M/3, ρ = 0.833
    (10, 8.0, 0.4092),  # a call-centre example, ρ = 0.8
]


@pytest.mark.parametrize(("c", "a", "verwacht"), ERLANG_C)
def test_erlang_c(c, a, verwacht):
    assert erlang_c(c, a) == pytest.approx(verwacht, abs=1e-4)


def test_erlang_b_one_server():
    # M/M/1/1: B = a / (1 + a)
    assert erlang_b(1, 3.0) == pytest.approx(0.75)


def test_mm1_wait_is_rho_over_mu_minus_lambda():
    # Wq = λ / (μ(μ - λ)) for M/M/1
    assert mmc_wachttijd(3.0, 4.0, 1) == pytest.approx(3 / (4 * 1))


def test_wait_distribution():
    assert mmc_kans_wacht_hoogstens(3.0, 4.0, 1, 0.0) == pytest.approx(1 - 0.75)
    assert mmc_kans_wacht_hoogstens(3.0, 4.0, 1, -1) == 0.0
    assert mmc_kans_wacht_hoogstens(3.0, 4.0, 1, 10) == pytest.approx(1 - 0.75 * math.exp(-10))


FOUT = [
    # (servers, load, message fragment)
    (0, 1.0, "minstens één"),  # no servers
    (2, 2.0, "instabiel"),  # utilisation 100%
    (2, -1.0, "eindig getal"),  # negative load
]


@pytest.mark.parametrize(("c", "a", "fragment"), FOUT)
def test_refused(c, a, fragment):
    with pytest.raises(ValueError, match=fragment):
        erlang_c(c, a)
    with pytest.raises(ValueError, match="groter dan 0"):
        mmc_wachttijd(1.0, 0.0, 1)
