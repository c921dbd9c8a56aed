"""Callables that a lower app receives from a higher one are wired through the settings."""

import pytest

from zicht.assessment.services import fase_bepaler
from zicht.intake.domain.classificatie import Fase, fase_standaard
from zicht.intake.views import fase_bepaler_geconfigureerd


def test_intake_gets_the_phase_of_the_whole_flow():
    # diensten knows monitoring and delegates the rest to the assessment's fase_bepaler
    from zicht.diensten.inhoud_services import fase_bepaler as flow_fase

    assert fase_bepaler_geconfigureerd() is flow_fase


def test_without_setting_intake_answers_tijdens_vb(settings):
    settings.ZICHT_FASE_BEPALER = ""
    assert fase_bepaler_geconfigureerd() is fase_standaard
    assert fase_standaard(1) == Fase.TIJDENS_VB


@pytest.mark.django_db
def test_assessment_phase_of_an_unknown_casus_is_tijdens_vb():
    assert fase_bepaler(999999) == Fase.TIJDENS_VB


@pytest.mark.django_db
def test_diensten_gets_the_hour_norms_from_planning(settings):
    from zicht.diensten.selectors_werk import urennormen_huidig
    from zicht.planning.selectors import urennormen

    assert settings.ZICHT_URENNORMEN == "zicht.planning.selectors.urennormen"
    assert urennormen_huidig(2019) == urennormen(2019)
    assert urennormen_huidig(2019)["onderzoek"] > 0
    settings.ZICHT_URENNORMEN = ""
    assert urennormen_huidig(2019) == {}
