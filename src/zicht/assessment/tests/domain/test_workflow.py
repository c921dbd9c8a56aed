"""The Veiligheidsbeoordeling workflow: every (status, action) pair, allowed or forbidden."""

from __future__ import annotations

import itertools

import pytest

from zicht.assessment.domain.workflow import (
    ALLOWED_TRANSITIONS,
    Actie,
    OngeldigeOvergang,
    Status,
    overgang,
)

OP, V, T, B = Status.OPEN, Status.VOORGESTELD, Status.TERUGGESTUURD, Status.BEVESTIGD

TOEGESTAAN = [
    (OP, Actie.ANTWOORDEN, OP),  # triage answers saved while assessing
    (OP, Actie.VOORSTELLEN, V),  # first proposal
    (V, Actie.BEVESTIGEN, B),  # second person confirms: the besluit takes effect
    (V, Actie.TERUGSTUREN, T),  # second person disagrees (reason recorded)
    (T, Actie.ANTWOORDEN, T),  # triage corrected after it came back
    (T, Actie.VOORSTELLEN, V),  # a new proposal after it came back
]

VERBODEN = [
    (OP, Actie.BEVESTIGEN),  # nothing proposed yet
    (OP, Actie.TERUGSTUREN),  # nothing proposed yet
    (V, Actie.ANTWOORDEN),  # a pending proposal freezes the triage
    (V, Actie.VOORSTELLEN),  # one pending proposal at a time
    (T, Actie.BEVESTIGEN),  # the rejected proposal cannot be confirmed after all
    (T, Actie.TERUGSTUREN),  # already sent back
    (B, Actie.ANTWOORDEN),  # decided: final
    (B, Actie.VOORSTELLEN),  # decided: final
    (B, Actie.BEVESTIGEN),  # decided: confirming twice is refused
    (B, Actie.TERUGSTUREN),  # decided: final
]


@pytest.mark.parametrize(("van", "actie", "naar"), TOEGESTAAN)
def test_allowed(van, actie, naar):
    assert overgang(van, actie) is naar


@pytest.mark.parametrize(("van", "actie"), VERBODEN)
def test_forbidden(van, actie):
    with pytest.raises(OngeldigeOvergang) as fout:
        overgang(van, actie)
    assert fout.value.bericht


def test_the_tables_cover_every_pair_exactly_once():
    alle = set(itertools.product(Status, Actie))
    toegestaan = {(v, a) for v, a, _ in TOEGESTAAN}
    assert toegestaan == set(ALLOWED_TRANSITIONS)
    assert toegestaan | set(VERBODEN) == alle
    assert not toegestaan & set(VERBODEN)


def test_messages_are_dutch_and_specific():
    assert "al besloten" in str(OngeldigeOvergang(B, Actie.BEVESTIGEN))
    assert "wacht op de tweede" in str(OngeldigeOvergang(V, Actie.VOORSTELLEN))
    assert "kan niet" in str(OngeldigeOvergang(OP, Actie.BEVESTIGEN))
    assert Status.OPEN.label
    assert Actie.BEVESTIGEN.label
