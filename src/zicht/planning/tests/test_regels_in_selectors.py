"""Rules that live in the selectors, not in the pages: which risks light up (one rule for the
risk page and the dashboard), the checks of a scenario evaluation (the API's), and the Dutch
reason of a refused planning page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from zicht.assessment.models import VbTermijnTelling
from zicht.people.tests.factories import TeamFactory
from zicht.planning import selectors, views
from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.signalen import Niveau, SignaalCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def termijnen_lopen_uit(referentiedata):
    """Late 2019: 10 VB decisions, 8 on time (80%, under the norm of 90%): the term signal
    stands at orange or red, which lights up risk 8 of the register."""
    VbTermijnTelling.objects.create(
        team=TeamFactory(), datum=date(2019, 12, 30), besloten=10, op_tijd=8
    )


# --- which risks light up ------------------------------------------------------------------


def test_risk_overview_lights_up_the_risks_whose_signal_is_orange_or_red(termijnen_lopen_uit):
    overzicht = selectors.risico_overzicht(2019, vandaag=date(2020, 1, 15))
    assert overzicht.stand is not None
    assert overzicht.stand.signalen[SignaalCode.TERMIJNEN].licht_op
    assert [r.risico.nummer for r in overzicht.oplichtend] == [8]
    # the register holds every risk; only those with a lit signal are in ``oplichtend``
    assert len(overzicht.register) == len(selectors.risico_list())
    gezien = {r.risico.nummer for r in overzicht.register if r.signaal and r.signaal.licht_op}
    assert gezien == {8}


def test_the_dashboard_reads_the_same_rule_for_the_running_year(termijnen_lopen_uit):
    # on 31 December 2019 the running year is 2019: risk 8, as on the risk page
    lit = selectors.risicos_oplichtend(vandaag=date(2019, 12, 31))
    assert lit is not None
    assert [r.risico.nummer for r in lit] == [8]
    assert lit[0].signaal.code is SignaalCode.TERMIJNEN
    # a running year without parameters: nothing measured (None), not "nothing lit"
    assert selectors.risicos_oplichtend(vandaag=date(2031, 3, 1)) is None


def test_without_a_year_the_register_has_no_signals(referentiedata):
    overzicht = selectors.risico_overzicht(None, vandaag=date(2020, 1, 15))
    assert overzicht.stand is None
    assert overzicht.register
    assert all(r.signaal is None for r in overzicht.register)
    assert overzicht.oplichtend == []


def test_the_risk_page_shows_what_the_selector_lights_up(
    manager, verified_client, monkeypatch, termijnen_lopen_uit
):
    """The page does not decide again: a risk the selector lists (here with a green signal,
    which the rule itself would never light) is shown as lit."""
    echt = selectors.risico_overzicht

    def alles_wat_de_selector_zegt(jaar, *, vandaag):
        overzicht = echt(jaar, vandaag=vandaag)
        eerste = overzicht.register[0]
        groen = replace(overzicht.stand.signalen[SignaalCode.TERMIJNEN], niveau=Niveau.GROEN)
        return replace(
            overzicht, oplichtend=[selectors.OplichtendRisico(risico=eerste.risico, signaal=groen)]
        )

    monkeypatch.setattr(selectors, "risico_overzicht", alles_wat_de_selector_zegt)
    response = verified_client(manager).get(reverse("planning:risicos"), {"jaar": 2019})
    assert response.status_code == 200
    eerste = selectors.risico_list()[0]
    assert [r.risico.nummer for r in response.context["oplichtend"]] == [eerste.nummer]
    assert f'href="#risico-{eerste.nummer}"' in response.content.decode()


# --- the scenario evaluation's checks ----------------------------------------------------------


def _volumes(**anders: int) -> dict[Dienst, int]:
    volumes = dict.fromkeys(Dienst, 10)
    volumes.update({Dienst(k): v for k, v in anders.items()})
    return volumes


def test_evaluation_of_a_scenario_with_the_parameters_in_force(referentiedata):
    parameterset, begroting = selectors.begroting_doorrekenen(jaar=2019, scenario=Scenario.MIDDEN)
    assert parameterset.jaar == 2019
    assert begroting.scenario is Scenario.MIDDEN
    eigen = selectors.begroting_doorrekenen(
        jaar=2019, volumes=_volumes(), productieve_uren_per_fte=Decimal(1300)
    )[1]
    assert eigen.scenario is None
    assert eigen.productieve_uren_per_fte == 1300
    assert {r.volume for r in eigen.regels} == {10}


FOUTE_INVOER = [
    # (arguments, field with the error, message fragment)
    ({"jaar": 2031, "scenario": Scenario.LAAG}, "jaar", "geen planningsparameters voor 2031"),
    ({"jaar": 2019, "volumes": _volumes(advies=-1)}, "volumes.advies", "niet negatief"),
    ({"jaar": 2019}, NON_FIELD_ERRORS, "niet beide of geen van twee"),  # neither
    (  # both
        {"jaar": 2019, "scenario": Scenario.HOOG, "volumes": _volumes()},
        NON_FIELD_ERRORS,
        "niet beide of geen van twee",
    ),
    (  # 0 productive hours
        {"jaar": 2019, "scenario": Scenario.LAAG, "productieve_uren_per_fte": Decimal(0)},
        "productieve_uren_per_fte",
        "groter dan 0",
    ),
    (  # more than 40 × 52
        {"jaar": 2019, "scenario": Scenario.LAAG, "productieve_uren_per_fte": Decimal(3000)},
        "productieve_uren_per_fte",
        "Meer dan 2080",
    ),
]


@pytest.mark.parametrize(("invoer", "veld", "fragment"), FOUTE_INVOER)
def test_evaluation_refuses_bad_input_per_field_in_dutch(referentiedata, invoer, veld, fragment):
    with pytest.raises(ValidationError) as fout:
        selectors.begroting_doorrekenen(**invoer)
    assert list(fout.value.message_dict) == [veld]
    assert fragment in fout.value.message_dict[veld][0]


# --- refusals ------------------------------------------------------------------------------------


def _verzoek(methode: str, user):
    request = getattr(RequestFactory(), methode)("/planning/")
    request.user = user
    return request


def test_a_refused_planning_page_says_which_right_is_missing(medewerker, manager):
    with pytest.raises(PermissionDenied) as geen:
        views.begroting_view(_verzoek("get", medewerker))
    assert str(geen.value) == (
        "Hiervoor is het recht ‘Formatie, begroting en scenario's beheren’ of "
        "‘Managementrapportages en dashboard inzien’ nodig."
    )
    # a manager reads, but a change needs the controller's right
    with pytest.raises(PermissionDenied) as lezer:
        views.parameters_view(_verzoek("post", manager))
    assert (
        str(lezer.value)
        == "Hiervoor is het recht ‘Formatie, begroting en scenario's beheren’ nodig."
    )
