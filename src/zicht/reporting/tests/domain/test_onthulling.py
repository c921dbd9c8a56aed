"""Disclosure control: table of cases."""

from __future__ import annotations

import pytest

from zicht.reporting.domain.onthulling import (
    GEHEIM,
    afronden_op_5,
    groep_beschermen,
    onderdrukt,
    totaal_beschermen,
)


@pytest.mark.parametrize(
    ("n", "geheim"),
    [
        (0, False),  # zero says nothing about a person
        (1, True),
        (4, True),  # just below the threshold
        (5, False),  # the threshold itself is shown
        (120, False),
    ],
)
def test_primary_suppression(n, geheim):
    assert onderdrukt(n) is geheim


@pytest.mark.parametrize(
    ("n", "verwacht"),
    [(0, 0), (2, 0), (3, 5), (7, 5), (8, 10), (12, 10), (13, 15)],  # halves round up
)
def test_rounding_to_5(n, verwacht):
    assert afronden_op_5(n) == verwacht


def test_single_suppressed_cell_takes_the_smallest_other_with_it():
    # 3 alone would be recoverable from the total 3 + 6 + 20 = 29
    assert groep_beschermen({"a": 3, "b": 6, "c": 20}) == {"a": GEHEIM, "b": GEHEIM, "c": 20}


def test_two_suppressed_cells_need_no_secondary():
    assert groep_beschermen({"a": 3, "b": 2, "c": 20}) == {"a": GEHEIM, "b": GEHEIM, "c": 20}


def test_zero_cells_are_never_taken_as_secondary():
    assert groep_beschermen({"a": 3, "b": 0}) == {"a": GEHEIM, "b": 0}


def test_rounding_applies_to_shown_cells_and_totals():
    assert groep_beschermen({"a": 7, "b": 12}, afronden=True) == {"a": 5, "b": 10}
    assert totaal_beschermen(19, afronden=True) == 20
    assert totaal_beschermen(4) == GEHEIM
