"""The CBS classification of a melding: a table of cases, one comment per row."""

from __future__ import annotations

import pytest

from zicht.intake.domain.classificatie import Fase, SoortCbs, classificeer, fase_standaard

# (eerdere gesloten casus, open casus aangevuld, fase) → soort
TABEL = [
    # nobody known, a new casus → eerste melding
    (False, False, Fase.TIJDENS_VB, SoortCbs.EERSTE_MELDING),
    # someone was in an older, closed casus; a new casus → hermelding
    (True, False, Fase.TIJDENS_VB, SoortCbs.HERMELDING),
    # the phase does not matter for a new casus (there is no open one)
    (True, False, Fase.TIJDENS_MONITORING, SoortCbs.HERMELDING),
    (False, False, Fase.NA_VB, SoortCbs.EERSTE_MELDING),
    # added to an open casus still in its VB → vervolgmelding tijdens VB
    (False, True, Fase.TIJDENS_VB, SoortCbs.VERVOLG_TIJDENS_VB),
    # added to an open casus after the VB besluit → vervolgmelding na VB
    (False, True, Fase.NA_VB, SoortCbs.VERVOLG_NA_VB),
    # added to an open casus in monitoring → vervolgmelding tijdens monitoring
    (False, True, Fase.TIJDENS_MONITORING, SoortCbs.VERVOLG_TIJDENS_MONITORING),
    # an older closed casus as well: the open casus wins (CBS counts a follow-up)
    (True, True, Fase.NA_VB, SoortCbs.VERVOLG_NA_VB),
]


@pytest.mark.parametrize(("gesloten", "open_", "fase", "verwacht"), TABEL)
def test_classificatie(gesloten, open_, fase, verwacht):
    uitkomst = classificeer(eerdere_gesloten_casus=gesloten, open_casus_aangevuld=open_, fase=fase)
    assert uitkomst is verwacht


def test_default_phase_is_during_the_vb():
    # Without a VB decision in the system every open casus is still in its assessment.
    assert fase_standaard(123) is Fase.TIJDENS_VB
    assert classificeer(eerdere_gesloten_casus=False, open_casus_aangevuld=True) is (
        SoortCbs.VERVOLG_TIJDENS_VB
    )


def test_every_kind_has_a_dutch_label():
    assert {s.label for s in SoortCbs} >= {"eerste melding", "hermelding"}
