"""The pure rules moved out of templates and views: how a dienst's term and an Onderzoek's start
stand (the dienst page and lists only display them), the team rule of the work board and what
time can be booked on (the pages and the API call the same services)."""

from __future__ import annotations

from datetime import date

import pytest

from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.domain import termijn as tm
from zicht.diensten.domain import werk

S = tm.Stand
DEADLINE = date(2026, 5, 11)  # ma 11-05-2026


@pytest.mark.parametrize(
    ("op", "resterend", "einde", "opgeschort", "stand", "label", "kleur"),
    [
        # lopend, ruim op tijd: 6 werkdagen over → op schema
        (date(2026, 5, 1), 6, None, False, S.OP_SCHEMA, "6 werkdagen over", "groen"),
        # lopend, precies 5 werkdagen over → krap (de grens hoort bij krap)
        (date(2026, 5, 4), 5, None, False, S.KRAP, "5 werkdagen over", "oranje"),
        # lopend, 1 werkdag over → enkelvoud
        (date(2026, 5, 8), 1, None, False, S.KRAP, "1 werkdag over", "oranje"),
        # op de deadline zelf: nog niet te laat, 0 werkdagen over
        (DEADLINE, 0, None, False, S.KRAP, "0 werkdagen over", "oranje"),
        # een dag na de deadline → te laat
        (date(2026, 5, 12), -1, None, False, S.TE_LAAT, "te laat", "rood"),
        # opgeschort gaat vóór te laat: de klok staat stil
        (date(2026, 5, 12), -1, None, True, S.OPGESCHORT, "opgeschort", "oranje"),
        # afgerond op de deadline → op tijd afgerond, ook als vandaag later is
        (date(2026, 6, 1), None, DEADLINE, False, S.OP_TIJD_AFGEROND, "op tijd afgerond", "groen"),
        # afgerond een dag na de deadline → te laat afgerond (afgerond gaat vóór opgeschort)
        (
            date(2026, 6, 1),
            None,
            date(2026, 5, 12),
            True,
            S.TE_LAAT_AFGEROND,
            "te laat afgerond",
            "rood",
        ),
    ],
)
def test_termijnbeeld_reads_the_term_on_a_day(
    op, resterend, einde, opgeschort, stand, label, kleur
):
    beeld = tm.termijnbeeld(
        deadline=DEADLINE, op=op, werkdagen_resterend=resterend, einde=einde, opgeschort=opgeschort
    )
    assert (beeld.stand, beeld.label, beeld.kleur) == (stand, label, kleur)
    assert beeld.te_laat is (stand in (S.TE_LAAT, S.TE_LAAT_AFGEROND))
    assert beeld.krap is (stand is S.KRAP)


def test_termijnbeeld_without_a_deadline_is_no_term():
    beeld = tm.termijnbeeld(deadline=None, op=DEADLINE, einde=DEADLINE)
    assert (beeld.stand, beeld.label, beeld.kleur, beeld.te_laat) == (
        S.GEEN,
        "geen termijn",
        "",
        False,
    )


def test_a_running_term_on_time_needs_the_working_days_left():
    with pytest.raises(ValueError, match="working days"):
        tm.termijnbeeld(deadline=DEADLINE, op=date(2026, 5, 1))


def test_the_tight_threshold_is_one_constant():
    grens = tm.KRAP_WERKDAGEN
    op = date(2026, 5, 1)
    assert tm.termijnbeeld(deadline=DEADLINE, op=op, werkdagen_resterend=grens).krap
    assert not tm.termijnbeeld(deadline=DEADLINE, op=op, werkdagen_resterend=grens + 1).krap


UITERLIJK = date(2026, 3, 9)  # ma 09-03-2026: 5 dagen na ontvangst, Atw-verschoven


@pytest.mark.parametrize(
    ("gestart_op", "vastgelegd", "op", "te_laat", "label"),
    [
        # gestart, bij de start als te laat vastgelegd → waarschuwing blijft staan
        (date(2026, 3, 10), True, date(2026, 4, 1), True, "later dan 5 dagen na ontvangst"),
        # gestart op tijd vastgelegd → geen waarschuwing, ook niet weken later
        (date(2026, 3, 9), False, date(2026, 4, 1), False, ""),
        # gestart, oude rij zonder vastlegging, na de uiterlijke datum → afgeleid: te laat
        (date(2026, 3, 10), None, date(2026, 4, 1), True, "later dan 5 dagen na ontvangst"),
        # gestart, oude rij zonder vastlegging, op de uiterlijke datum → op tijd
        (date(2026, 3, 9), None, date(2026, 4, 1), False, ""),
        # nog niet gestart, vandaag is de uiterlijke datum → nog niet te laat
        (None, None, UITERLIJK, False, ""),
        # nog niet gestart, een dag na de uiterlijke datum → start te laat
        (None, None, date(2026, 3, 10), True, "start te laat"),
    ],
)
def test_startbeeld_of_an_onderzoek(gestart_op, vastgelegd, op, te_laat, label):
    beeld = ond.startbeeld(
        gestart_op=gestart_op, vastgelegd_te_laat=vastgelegd, uiterlijk=UITERLIJK, op=op
    )
    assert (beeld.te_laat, beeld.label) == (te_laat, label)


def test_startbeeld_without_a_start_term_is_never_late():
    assert not ond.startbeeld(
        gestart_op=None, vastgelegd_te_laat=None, uiterlijk=None, op=date(2030, 1, 1)
    ).te_laat
    assert not ond.startbeeld(
        gestart_op=date(2030, 1, 1), vastgelegd_te_laat=None, uiterlijk=None, op=date(2030, 1, 1)
    ).te_laat


# --- the team rule of the work board ---------------------------------------------------------


def test_team_rule_allows_the_teams_own_work_to_a_member():
    assert (
        werk.team_fouten(
            team="Team Vervolg", actor_in_team=True, medewerker_in_team=True, buiten_team=[]
        )
        == {}
    )


def test_team_rule_names_each_casus_of_another_team_once_and_the_field():
    fouten = werk.team_fouten(
        team="Team Vervolg",
        actor_in_team=False,
        medewerker_in_team=False,
        buiten_team=["W2", "W1", "W2"],
    )
    assert set(fouten) == {"team", "werk", "medewerker"}
    assert [m.split(":")[0] for m in fouten["werk"]] == ["W1", "W2"]
    assert "hoort niet bij team Team Vervolg" in fouten["werk"][0]
    assert "werk kan alleen binnen het team worden toegewezen" in fouten["medewerker"][0]
    assert "geen lid van team Team Vervolg" in fouten["team"][0]


# --- what time can be booked on --------------------------------------------------------------

U = werk.Urensoort


@pytest.mark.parametrize(
    ("soort", "met_casus", "op_rij", "dienst_loopt", "velden"),
    [
        (U.ONDERZOEK, True, True, True, set()),  # op een lopende dienst
        (U.ONDERZOEK, True, True, False, {"dienst"}),  # op een afgeronde dienst: niet meer
        (U.ADVIES, True, False, None, set()),  # advies op de casus
        (U.MELDING_EN_VEILIGHEIDSBEOORDELING, True, False, None, set()),  # de VB op de casus
        (U.ONDERZOEK, True, False, None, {"soort"}),  # onderzoek op de casus: boek op de dienst
        (U.ONDERZOEK, False, False, None, set()),  # zonder casus: elke dienst (overleg e.d.)
        (U.TIJDELIJK_HUISVERBOD, True, True, None, set()),  # op het huisverbod zelf
        (None, True, False, None, set()),  # geen soort: dat meldt tijd_boeken zelf
    ],
)
def test_boeking_doel_fouten(soort, met_casus, op_rij, dienst_loopt, velden):
    fouten = werk.boeking_doel_fouten(
        soort=soort, met_casus=met_casus, op_rij=op_rij, dienst_loopt=dienst_loopt
    )
    assert set(fouten) == velden


def test_casus_level_services_are_the_vb_and_advies():
    assert set(werk.CASUS_URENSOORTEN) == {U.MELDING_EN_VEILIGHEIDSBEOORDELING, U.ADVIES}
