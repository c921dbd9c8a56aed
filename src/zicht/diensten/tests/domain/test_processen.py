"""The transition tables of the diensten (overdracht, V&V, Onderzoek, monitoring): every
allowed transition, and every other (fase, actie) pair refused with a Dutch message."""

from __future__ import annotations

import itertools

import pytest

from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.domain import overdracht as ovd
from zicht.diensten.domain import vv
from zicht.diensten.domain.overgang import OngeldigeOvergang

OV, V, N, M = ovd.Fase, vv.Fase, ond.Fase, mon.Fase

TOEGESTAAN = [
    # overdracht: conditions are prepared before the offer
    (ovd, OV.VOORBEREIDING, ovd.Actie.BEWERKEN, OV.VOORBEREIDING),
    # overdracht: the casus is offered to a ketenpartner
    (ovd, OV.VOORBEREIDING, ovd.Actie.AANBIEDEN, OV.AANGEBODEN),
    # overdracht: the partner accepts; responsibility passes, the dienst ends
    (ovd, OV.AANGEBODEN, ovd.Actie.ACCEPTEREN, OV.OVERGEDRAGEN),
    # overdracht: the partner refuses; stays open as a risk
    (ovd, OV.AANGEBODEN, ovd.Actie.WEIGEREN, OV.GEWEIGERD),
    # overdracht: after a refusal the conditions can be adjusted ...
    (ovd, OV.GEWEIGERD, ovd.Actie.BEWERKEN, OV.GEWEIGERD),
    # overdracht: ... and offered again (to another partner)
    (ovd, OV.GEWEIGERD, ovd.Actie.AANBIEDEN, OV.AANGEBODEN),
    # V&V: conditions, plan and agreements are edited while running
    (vv, V.LOPEND, vv.Actie.BEWERKEN, V.LOPEND),
    # V&V: the 10-week clock is suspended
    (vv, V.LOPEND, vv.Actie.OPSCHORTEN, V.LOPEND),
    # V&V: the 10-week clock is extended
    (vv, V.LOPEND, vv.Actie.VERLENGEN, V.LOPEND),
    # V&V: closed (with conditions) — overdracht and monitoring follow
    (vv, V.LOPEND, vv.Actie.AFRONDEN, V.AFGEROND),
    # Onderzoek: started (late start is a warning, not a refusal)
    (ond, N.NIET_GESTART, ond.Actie.STARTEN, N.LOPEND),
    # Onderzoek: the clock can be suspended before the start ...
    (ond, N.NIET_GESTART, ond.Actie.OPSCHORTEN, N.NIET_GESTART),
    # Onderzoek: ... and extended
    (ond, N.NIET_GESTART, ond.Actie.VERLENGEN, N.NIET_GESTART),
    # Onderzoek: findings and conditions are edited while running
    (ond, N.LOPEND, ond.Actie.BEWERKEN, N.LOPEND),
    # Onderzoek: suspended while running
    (ond, N.LOPEND, ond.Actie.OPSCHORTEN, N.LOPEND),
    # Onderzoek: extended while running
    (ond, N.LOPEND, ond.Actie.VERLENGEN, N.LOPEND),
    # Onderzoek: closed with a conclusion per aard
    (ond, N.LOPEND, ond.Actie.AFRONDEN, N.AFGEROND),
    # monitoring: a contact moment is recorded
    (mon, M.LOPEND, mon.Actie.CONTACT, M.LOPEND),
    # monitoring: ended with a final assessment
    (mon, M.LOPEND, mon.Actie.AFRONDEN, M.AFGEROND),
    # monitoring: safety lost — escalated to a new step
    (mon, M.LOPEND, mon.Actie.ESCALEREN, M.GEESCALEERD),
]


@pytest.mark.parametrize(("proces", "van", "actie", "naar"), TOEGESTAAN)
def test_allowed_transition(proces, van, actie, naar):
    assert proces.overgang(van, actie) is naar
    assert actie in proces.acties(van)


def test_the_tables_hold_exactly_the_listed_transitions():
    for proces in (ovd, vv, ond, mon):
        verwacht = {(van, actie): naar for p, van, actie, naar in TOEGESTAAN if p is proces}
        assert dict(proces.ALLOWED_TRANSITIONS) == verwacht


VERBODEN = [
    (proces, van, actie)
    for proces in (ovd, vv, ond, mon)
    for van, actie in itertools.product(proces.Fase, proces.Actie)
    if (van, actie) not in proces.ALLOWED_TRANSITIONS
]


@pytest.mark.parametrize(("proces", "van", "actie"), VERBODEN)
def test_every_other_transition_is_refused_in_dutch(proces, van, actie):
    with pytest.raises(OngeldigeOvergang) as fout:
        proces.overgang(van, actie)
    assert "kan niet wanneer de dienst" in fout.value.bericht
    assert actie not in proces.acties(van)


def test_final_fases_allow_nothing():
    for proces, fase in (
        (ovd, OV.OVERGEDRAGEN),
        (vv, V.AFGEROND),
        (ond, N.AFGEROND),
        (mon, M.AFGEROND),
        (mon, M.GEESCALEERD),
    ):
        assert proces.acties(fase) == frozenset()
