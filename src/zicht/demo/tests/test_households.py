"""Household planning without a database: the family rules hold for every kind of household."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from zicht.demo.households import SOORTEN, huishouden
from zicht.people.models import GezagSoort, RelatieSoort

D0 = date(2025, 3, 14)
PEIL = date(2025, 12, 31)
SEEDS = range(300)


def _huishoudens(soort: str):
    for seed in SEEDS:
        yield seed, huishouden(random.Random(seed), soort, D0, PEIL)


@pytest.mark.parametrize("soort", sorted(SOORTEN))
def test_a_household_has_two_to_six_members(soort):
    for seed, h in _huishoudens(soort):
        assert 2 <= len(h.leden) <= 6, (soort, seed, [lid.sleutel for lid in h.leden])


@pytest.mark.parametrize("soort", sorted(SOORTEN))
def test_a_child_is_born_at_least_18_years_after_each_parent(soort):
    for seed, h in _huishoudens(soort):
        for a, b, relatie in h.relaties:
            if relatie not in (RelatieSoort.OUDER_KIND, RelatieSoort.GROOTOUDER_KLEINKIND):
                continue
            ouder, kind = h.leden[a], h.leden[b]
            assert ouder.geboren is not None, (soort, seed)
            kind_dag = kind.geboren or kind.verwacht
            assert kind_dag is not None
            assert kind_dag >= ouder.geboren + timedelta(days=18 * 365), (soort, seed)


@pytest.mark.parametrize("soort", sorted(SOORTEN))
def test_everyone_is_born_before_the_casus_opens_except_the_unborn(soort):
    for seed, h in _huishoudens(soort):
        for lid in h.leden:
            if lid.ongeboren:
                assert lid.geboren is None
                assert lid.verwacht is not None
                assert D0 < lid.verwacht <= D0 + timedelta(days=300)
            elif lid.geboren is not None and lid.sleutel.startswith("kind"):
                # A child born since (the expected date has passed) may be born after d0.
                assert lid.geboren <= PEIL, (soort, seed)
            elif lid.geboren is not None:
                assert lid.geboren < D0, (soort, seed)


@pytest.mark.parametrize("soort", sorted(SOORTEN))
def test_gezag_is_held_over_a_born_minor_by_an_older_person(soort):
    for seed, h in _huishoudens(soort):
        for kind_i, houder_i, gezag, van, tot in h.gezag:
            kind, houder = h.leden[kind_i], h.leden[houder_i]
            assert kind.geboren is not None, "no gezag over an unborn child"
            assert houder.geboren is not None
            assert houder.geboren < kind.geboren
            assert van >= kind.geboren, (soort, seed)
            assert tot is None or tot >= van
            if tot is None:
                # Still a minor on the reference date.
                assert (PEIL - kind.geboren).days < 18 * 366
            assert gezag in GezagSoort.values


def test_every_household_has_a_victim_and_someone_who_causes_concern():
    for soort in SOORTEN:
        for seed, h in _huishoudens(soort):
            rollen = {rol for lid in h.leden for rol in lid.rollen}
            assert "vermoedelijk_slachtoffer" in rollen, (soort, seed)
            assert "vermoedelijk_pleger" in rollen, (soort, seed)


def test_a_pregnancy_gives_an_unborn_child_while_the_expected_date_is_recent():
    hh = [h for _, h in _huishoudens("zwangerschap")]
    ongeboren = [lid for h in hh for lid in h.leden if lid.ongeboren]
    assert ongeboren
    assert all(lid.geslacht == "O" for lid in ongeboren)
    assert all(lid.verwacht > PEIL - timedelta(days=60) for lid in ongeboren)
    # With a late reference date the expected dates have passed: the children are born.
    later = [huishouden(random.Random(s), "zwangerschap", D0, date(2026, 6, 1)) for s in SEEDS]
    assert not [lid for h in later for lid in h.leden if lid.ongeboren]
