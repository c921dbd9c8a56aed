"""Callables that a lower app receives from a higher one are wired through the settings."""

import pytest

from zicht.assessment.services import fase_bepaler
from zicht.intake.domain.classificatie import Fase, fase_standaard
from zicht.intake.views import fase_bepaler_geconfigureerd


def test_intake_gets_the_assessment_phase():
    assert fase_bepaler_geconfigureerd() is fase_bepaler


def test_without_setting_intake_answers_tijdens_vb(settings):
    settings.ZICHT_FASE_BEPALER = ""
    assert fase_bepaler_geconfigureerd() is fase_standaard
    assert fase_standaard(1) == Fase.TIJDENS_VB


@pytest.mark.django_db
def test_assessment_phase_of_an_unknown_casus_is_tijdens_vb():
    assert fase_bepaler(999999) == Fase.TIJDENS_VB
