"""Pure rules of huisverbod and work steering (no database), table-driven."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zicht.diensten.domain import huisverbod as hv
from zicht.diensten.domain import werk
from zicht.diensten.domain.huisverbod import HuisverbodStatus as S
from zicht.diensten.domain.huisverbod import Oplegger

OPGELEGD = date(2026, 3, 10)

OVERGANGEN = [
    (S.LOPEND, S.VERLENGD, True),
    (S.LOPEND, S.AFGELOPEN, True),
    (S.LOPEND, S.INGETROKKEN, True),
    (S.LOPEND, S.LOPEND, False),
    (S.VERLENGD, S.VERLENGD, True),
    (S.VERLENGD, S.AFGELOPEN, True),
    (S.VERLENGD, S.INGETROKKEN, True),
    (S.VERLENGD, S.LOPEND, False),
    (S.AFGELOPEN, S.VERLENGD, False),
    (S.AFGELOPEN, S.LOPEND, False),
    (S.INGETROKKEN, S.VERLENGD, False),
    (S.INGETROKKEN, S.AFGELOPEN, False),
]


@pytest.mark.parametrize(("van", "naar", "toegestaan"), OVERGANGEN)
def test_transitions(van, naar, toegestaan):
    assert hv.overgang_toegestaan(van, naar) is toegestaan


def test_every_state_is_in_the_table():
    assert set(hv.ALLOWED_TRANSITIONS) == set(S)


@pytest.mark.parametrize(
    ("opgelegd", "einde", "maximum"),
    [
        (date(2026, 3, 10), date(2026, 3, 20), date(2026, 4, 7)),
        (date(2026, 2, 25), date(2026, 3, 7), date(2026, 3, 25)),  # over the month end
        (date(2024, 2, 20), date(2024, 3, 1), date(2024, 3, 19)),  # leap year
        # A fixed date, not moved off a Saturday/holiday: 25 Apr 2026 + 10 = Tue 5 May (holiday)
        (date(2026, 4, 25), date(2026, 5, 5), date(2026, 5, 23)),
    ],
)
def test_end_and_cap_are_fixed_calendar_dates(opgelegd, einde, maximum):
    assert hv.einde_bij_oplegging(opgelegd) == einde
    assert hv.maximaal_einde(opgelegd) == maximum


def _fouten(**kw):
    args = {
        "status": S.LOPEND,
        "opgelegd": OPGELEGD,
        "huidig_einde": date(2026, 3, 20),
        "nieuw_einde": date(2026, 4, 7),
        "besloten_door": Oplegger.BURGEMEESTER,
        "besloten_op": date(2026, 3, 18),
    }
    args.update(kw)
    return {(f.veld, f.melding.split(":")[0][:40]) for f in hv.verlenging_fouten(**args)}


VERLENGINGEN = [
    ({}, set()),
    ({"nieuw_einde": date(2026, 4, 7)}, set()),  # exactly 4 weeks: allowed
    ({"nieuw_einde": date(2026, 3, 21)}, set()),
    ({"nieuw_einde": date(2026, 4, 8)}, {"nieuw_einde"}),  # one day past the cap
    ({"nieuw_einde": date(2026, 3, 20)}, {"nieuw_einde"}),  # not later than now
    ({"besloten_door": Oplegger.HULPOFFICIER}, {"besloten_door"}),
    ({"status": S.AFGELOPEN}, {"__all__"}),
    ({"status": S.VERLENGD, "huidig_einde": date(2026, 3, 30)}, set()),
    ({"besloten_op": date(2026, 3, 21)}, {"besloten_op"}),  # after the ban ran out
    ({"besloten_op": date(2026, 3, 9)}, {"besloten_op"}),
]


@pytest.mark.parametrize(("wijziging", "velden"), VERLENGINGEN)
def test_extension_rules(wijziging, velden):
    assert {veld for veld, _ in _fouten(**wijziging)} == velden


def test_extension_past_four_weeks_names_the_last_allowed_date():
    fouten = hv.verlenging_fouten(
        status=S.LOPEND,
        opgelegd=OPGELEGD,
        huidig_einde=date(2026, 3, 20),
        nieuw_einde=date(2026, 4, 30),
        besloten_door=Oplegger.BURGEMEESTER,
        besloten_op=date(2026, 3, 18),
    )
    assert [f.melding for f in fouten] == [
        "Een huisverbod kan worden verlengd tot hooguit 4 weken na de oplegging: "
        "uiterlijk 07-04-2026."
    ]


@pytest.mark.parametrize(
    ("einde", "vandaag", "dagen"),
    [
        (date(2026, 3, 20), date(2026, 3, 10), 11),
        (date(2026, 3, 20), date(2026, 3, 20), 1),
        (date(2026, 3, 20), date(2026, 3, 21), 0),
        (date(2026, 3, 20), date(2026, 4, 21), 0),
    ],
)
def test_days_left(einde, vandaag, dagen):
    assert hv.dagen_resterend(einde, vandaag) == dagen


# --- werk ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "vandaag", "stand"),
    [
        (None, date(2026, 3, 11), werk.Termijnstand.GEEN),
        (date(2026, 3, 10), date(2026, 3, 11), werk.Termijnstand.TE_LAAT),
        (date(2026, 3, 11), date(2026, 3, 11), werk.Termijnstand.DEZE_WEEK),  # Wednesday
        (date(2026, 3, 15), date(2026, 3, 11), werk.Termijnstand.DEZE_WEEK),  # Sunday
        (date(2026, 3, 16), date(2026, 3, 11), werk.Termijnstand.OP_SCHEMA),  # next Monday
        (date(2026, 3, 16), date(2026, 3, 16), werk.Termijnstand.DEZE_WEEK),
    ],
)
def test_term_state(deadline, vandaag, stand):
    assert werk.termijnstand(deadline, vandaag) is stand


NORMEN = {"onderzoek": Decimal("40.5"), "monitoren": Decimal("15")}


@pytest.mark.parametrize(
    ("aantallen", "uren"),
    [
        ({}, Decimal(0)),
        ({werk.Urensoort.ONDERZOEK: 2}, Decimal(81)),
        ({werk.Urensoort.ONDERZOEK: 1, werk.Urensoort.MONITOREN: 3}, Decimal(86)),  # 85.5 → 86
        ({werk.Urensoort.ADVIES: 1}, None),  # no norm: no guess
        ({werk.Urensoort.ADVIES: 0, werk.Urensoort.MONITOREN: 1}, Decimal(15)),
    ],
)
def test_caseload_hours(aantallen, uren):
    assert werk.caseload_uren(aantallen, NORMEN) == uren


@pytest.mark.parametrize(
    ("paren", "afgerond", "op_tijd", "pct", "haalt"),
    [
        ([], 0, 0, None, None),
        ([(date(2026, 3, 1), date(2026, 3, 1))], 1, 1, 100, True),
        ([(date(2026, 3, 2), date(2026, 3, 1))], 1, 0, 0, False),
        ([(date(2026, 3, 1), None)], 1, 0, 0, False),
        (
            [(date(2026, 3, 1), date(2026, 3, 9))] * 4 + [(date(2026, 3, 10), date(2026, 3, 9))],
            5,
            4,
            80,
            True,
        ),
        (
            [(date(2026, 3, 1), date(2026, 3, 9))] * 3 + [(date(2026, 3, 10), date(2026, 3, 9))],
            4,
            3,
            75,
            False,
        ),
    ],
)
def test_share_on_time_against_the_80_percent_norm(paren, afgerond, op_tijd, pct, haalt):
    aandeel = werk.aandeel_op_tijd(paren)
    assert (aandeel.afgerond, aandeel.op_tijd, aandeel.percentage, aandeel.haalt()) == (
        afgerond,
        op_tijd,
        pct,
        haalt,
    )


@pytest.mark.parametrize(
    ("kw", "velden"),
    [
        ({}, set()),
        ({"medewerker_in_team": False}, {"medewerker"}),
        ({"medewerker_actief": False}, {"medewerker"}),
        ({"is_herverdeling": True}, {"reden"}),
        ({"is_herverdeling": True, "reden": "ziek"}, set()),
        ({"is_herverdeling": True, "reden": "x", "zelfde_medewerker": True}, {"medewerker"}),
    ],
)
def test_assignment_rules(kw, velden):
    args = {
        "medewerker_in_team": True,
        "medewerker_actief": True,
        "reden": "",
        "is_herverdeling": False,
        "zelfde_medewerker": False,
    }
    args.update(kw)
    assert set(werk.toewijzing_fouten(**args)) == velden


@pytest.mark.parametrize(
    ("minuten", "correctie", "fout"),
    [
        (30, False, False),
        (0, False, True),
        (-5, False, True),
        (0, True, False),
        (1441, False, True),
        (1440, True, False),
    ],
)
def test_minutes(minuten, correctie, fout):
    assert bool(werk.minuten_fouten(minuten, correctie=correctie)) is fout


def test_dienst_soorten_map_to_planning_services():
    from zicht.diensten.models import DienstSoort

    for soort in DienstSoort:
        assert soort.value in werk.URENSOORT_VAN_DIENST, soort
