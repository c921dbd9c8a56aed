"""The data-driven risk signals: waiting list, caseload and terms, measured on hand-built
registrations whose expected outcome is counted here by hand; boundaries of the windows and
the norms; thresholds read from the parameters; a constant number of queries; the risk page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zicht.assessment.models import VbTermijnTelling
from zicht.diensten.models import Dienst
from zicht.diensten.tests.werk.bouw import diensten_bouwen
from zicht.intake.tests.factories import MeldingFactory
from zicht.people.tests.factories import TeamFactory
from zicht.planning import selectors
from zicht.planning.domain.signalen import Niveau, SignaalCode
from zicht.planning.models import Parameter

JAAR = 2019
VANDAAG = date(2019, 6, 14)
ONTVANGEN = datetime(2019, 6, 5, 9, tzinfo=UTC)


@pytest.fixture
def teams(db):
    return TeamFactory(naam="Team Noord"), TeamFactory(naam="Team Zuid")


@pytest.fixture
def gebruiker(make_user):
    return make_user("bouwer")


def _drempel(sleutel: str, waarde: str) -> None:
    """Set a signal threshold in the parameters in force (the page writes a new version; the
    signal only reads the newest one, which is what this checks)."""
    assert Parameter.objects.filter(sleutel=sleutel).update(waarde=waarde)


def _signaal(code: SignaalCode, vandaag: date = VANDAAG, jaar: int = JAAR):
    return selectors.risico_signalen(jaar, vandaag=vandaag).signalen[code]


def _tellingen(teams, rijen) -> None:
    """``rijen``: (days before VANDAAG, team index, decided, on time)."""
    VbTermijnTelling.objects.bulk_create(
        [
            VbTermijnTelling(
                team=teams[t], datum=VANDAAG - timedelta(days=d), besloten=b, op_tijd=o
            )
            for d, t, b, o in rijen
        ]
    )


# --- terms: VB within 5 working days (norm 90%) ----------------------------------------------

VB = [
    # on time out of 10 decided in the last 4 weeks → level (norm 90%, red below 80%)
    (9, Niveau.GROEN),  # 90% = the norm: not lit
    (8, Niveau.ORANJE),  # 80% < 90%: lit (not below 80%, so not red)
    (7, Niveau.ROOD),  # 70%: more than 10 points below the norm
    (10, Niveau.GROEN),
]


@pytest.mark.parametrize(("op_tijd", "niveau"), VB)
def test_vb_terms_light_up_below_the_norm(referentiedata, teams, op_tijd, niveau):
    # 10 decisions over two teams and three days inside the window (5 + 3 + 2)
    a = min(op_tijd, 5)
    b = min(op_tijd - a, 3)
    _tellingen(teams, [(0, 0, 5, a), (10, 1, 3, b), (27, 0, 2, op_tijd - a - b)])
    # outside the window (28 days back) and after the day measured: ignored
    _tellingen(teams, [(28, 0, 50, 0), (-1, 1, 50, 0)])
    signaal = _signaal(SignaalCode.TERMIJNEN)
    assert signaal.niveau is niveau
    assert f"{op_tijd} van 10" in signaal.toelichting


def test_vb_window_is_the_last_28_days_up_to_today(referentiedata, teams):
    stand = selectors.signaal_termijnstand(VANDAAG)
    assert (stand.vb_besloten, stand.vb_op_tijd) == (0, 0)
    _tellingen(teams, [(0, 0, 2, 1), (27, 1, 3, 3), (28, 0, 7, 0), (-1, 0, 5, 0)])
    stand = selectors.signaal_termijnstand(VANDAAG)
    assert (stand.vb_besloten, stand.vb_op_tijd) == (5, 4)


# --- terms: Onderzoek and V&V within 10 weeks (norm 80%) -------------------------------------


def _afgerond(team, gebruiker, *, n, soort, einde, op_tijd):
    """``n`` diensten of ``soort`` closed on ``einde``; ``op_tijd`` of them on or before their
    deadline (exactly on it), the others one day late."""
    diensten = diensten_bouwen(
        team=team, n=n, gebruiker=gebruiker, soort=soort, start=einde - timedelta(days=80)
    )
    for i, dienst in enumerate(diensten):
        deadline = einde if i < op_tijd else einde - timedelta(days=1)
        Dienst.objects.filter(pk=dienst.pk).update(
            status="afgerond", einde=einde, deadline=deadline
        )
        dienst.taak.__class__.objects.filter(pk=dienst.taak_id).update(deadline=deadline)
    return diensten


VERVOLG = [
    # on time out of 10 (5 Onderzoek + 5 V&V) closed in the last 13 weeks → level
    (8, Niveau.GROEN),  # 80% = the norm
    (7, Niveau.ORANJE),  # 70% < 80%: lit
    (6, Niveau.ROOD),  # 60%: more than 10 points below
]


@pytest.mark.parametrize(("op_tijd", "niveau"), VERVOLG)
def test_onderzoek_and_vv_terms(referentiedata, teams, gebruiker, op_tijd, niveau):
    team = teams[0]
    _afgerond(team, gebruiker, n=5, soort="onderzoek", einde=VANDAAG, op_tijd=5)
    _afgerond(
        team,
        gebruiker,
        n=5,
        soort="voorwaarden_en_vervolg",
        einde=VANDAAG - timedelta(days=90),  # the first day of the 91-day window
        op_tijd=op_tijd - 5,
    )
    # not counted: closed before the window, monitoring, still running
    _afgerond(
        team, gebruiker, n=2, soort="onderzoek", einde=VANDAAG - timedelta(days=91), op_tijd=0
    )
    _afgerond(team, gebruiker, n=2, soort="monitoren", einde=VANDAAG, op_tijd=0)
    diensten_bouwen(team=team, n=2, gebruiker=gebruiker, soort="onderzoek", start=date(2019, 1, 2))
    stand = selectors.signaal_termijnstand(VANDAAG)
    assert (stand.vervolg_afgerond, stand.vervolg_op_tijd) == (10, op_tijd)
    signaal = _signaal(SignaalCode.TERMIJNEN)
    assert signaal.niveau is niveau
    assert "Besluit binnen 5 werkdagen: geen gegevens" in signaal.toelichting


def test_an_extended_deadline_task_counts(referentiedata, teams, gebruiker):
    """The deadline after suspension/extension is the task's; the dienst's own is the original."""
    (dienst,) = _afgerond(teams[0], gebruiker, n=1, soort="onderzoek", einde=VANDAAG, op_tijd=0)
    assert selectors.signaal_termijnstand(VANDAAG).vervolg_op_tijd == 0
    dienst.taak.__class__.objects.filter(pk=dienst.taak_id).update(deadline=VANDAAG)
    assert selectors.signaal_termijnstand(VANDAAG).vervolg_op_tijd == 1


def test_the_worse_of_vb_and_vervolg_decides(referentiedata, teams, gebruiker):
    _tellingen(teams, [(1, 0, 10, 10)])  # VB 100%: green
    _afgerond(teams[0], gebruiker, n=10, soort="onderzoek", einde=VANDAAG, op_tijd=5)  # 50%
    assert _signaal(SignaalCode.TERMIJNEN).niveau is Niveau.ROOD


def test_terms_of_a_past_year_are_measured_up_to_its_last_day(referentiedata, teams):
    VbTermijnTelling.objects.create(team=teams[0], datum=date(2019, 12, 31), besloten=10, op_tijd=8)
    VbTermijnTelling.objects.create(team=teams[0], datum=date(2020, 1, 2), besloten=10, op_tijd=0)
    signaal = _signaal(SignaalCode.TERMIJNEN, vandaag=date(2020, 3, 1))
    assert signaal.niveau is Niveau.ORANJE
    assert "8 van 10" in signaal.toelichting


# --- waiting list ----------------------------------------------------------------------------


def _wachtlijst_bouwen(teams, gebruiker, *, deadline_vb: date) -> int:
    """Builds 3 waiting meldingen, 2 waiting diensten and 5 that do not wait; returns 5."""
    team = teams[0]
    for _ in range(3):
        melding = MeldingFactory(ontvangen_op=ONTVANGEN)
        melding.vb_taak.__class__.objects.filter(pk=melding.vb_taak_id).update(
            deadline=deadline_vb, toegewezen_aan=None
        )
    toegewezen = MeldingFactory(ontvangen_op=ONTVANGEN)  # an assessor is assigned: not waiting
    toegewezen.vb_taak.__class__.objects.filter(pk=toegewezen.vb_taak_id).update(
        toegewezen_aan=gebruiker
    )
    # two running diensten nobody carries: waiting (deadline VANDAAG: not yet past it)
    diensten_bouwen(team=team, n=2, gebruiker=gebruiker, start=VANDAAG - timedelta(days=70))
    # an overdracht na VB nobody carries waits too (DOMAIN §4: decided, not yet assigned)
    diensten_bouwen(team=team, n=1, gebruiker=gebruiker, soort="overdracht_na_vb", start=VANDAAG)
    # carried, a closed one: not waiting
    diensten_bouwen(team=team, n=1, gebruiker=gebruiker, behandelaar=gebruiker)
    diensten_bouwen(team=team, n=1, gebruiker=gebruiker, status="afgerond")
    # (each diensten_bouwen also makes a melding with a VB: not waiting)
    return 6


def test_waiting_list_counts_what_waits(referentiedata, teams, gebruiker):
    verwacht = _wachtlijst_bouwen(teams, gebruiker, deadline_vb=VANDAAG)
    stand = selectors.signaal_wachtlijststand(VANDAAG)
    assert stand is not None
    assert (stand.aantal, stand.over_termijn) == (verwacht, 0)
    signaal = _signaal(SignaalCode.WACHTLIJST)
    assert signaal.niveau is Niveau.GROEN  # 6 ≤ half the threshold of 50, nothing late
    assert "Wachtlijst 6, drempel 50" in signaal.toelichting


def test_waiting_past_the_term_lights_up(referentiedata, teams, gebruiker):
    _wachtlijst_bouwen(teams, gebruiker, deadline_vb=VANDAAG - timedelta(days=1))
    stand = selectors.signaal_wachtlijststand(VANDAAG)
    assert stand is not None
    assert stand.over_termijn == 3
    assert _signaal(SignaalCode.WACHTLIJST).niveau is Niveau.ORANJE


@pytest.mark.parametrize(
    ("drempel", "niveau"),
    [("12", Niveau.GROEN), ("11", Niveau.ORANJE), ("6", Niveau.ORANJE), ("5", Niveau.ROOD)],
)
def test_waiting_list_threshold_is_a_parameter(referentiedata, teams, gebruiker, drempel, niveau):
    _wachtlijst_bouwen(teams, gebruiker, deadline_vb=VANDAAG)  # 6 waiting
    _drempel("signaal.wachtlijst_drempel", drempel)
    assert _signaal(SignaalCode.WACHTLIJST).niveau is niveau


def test_no_registration_is_no_data_not_green(referentiedata):
    assert selectors.signaal_wachtlijststand(VANDAAG) is None
    stand = selectors.risico_signalen(JAAR, vandaag=VANDAAG).signalen
    for code in (SignaalCode.WACHTLIJST, SignaalCode.CASELOAD, SignaalCode.TERMIJNEN):
        assert stand[code].niveau is Niveau.GEEN_DATA


def test_waiting_list_and_caseload_are_only_measured_in_the_running_year(
    referentiedata, teams, gebruiker
):
    _wachtlijst_bouwen(teams, gebruiker, deadline_vb=VANDAAG)
    later = selectors.risico_signalen(JAAR, vandaag=date(2020, 6, 1)).signalen
    assert later[SignaalCode.WACHTLIJST].niveau is Niveau.GEEN_DATA
    assert later[SignaalCode.CASELOAD].niveau is Niveau.GEEN_DATA
    eerder = selectors.risico_signalen(JAAR, vandaag=date(2018, 6, 1)).signalen
    assert all(s.niveau is Niveau.GEEN_DATA for s in eerder.values())


# --- caseload --------------------------------------------------------------------------------

CASELOAD = [
    # norm → level, for medewerkers carrying 3 and 1 open diensten (mean 2)
    ("20", Niveau.GROEN),
    ("3", Niveau.GROEN),  # mean 2 ≤ 3, nobody above 3.6
    ("2", Niveau.ORANJE),  # mean 2 = the norm, but 3 > 2.4 (norm + 20%)
    ("1", Niveau.ROOD),  # mean 2 > 1.2
]


@pytest.mark.parametrize(("norm", "niveau"), CASELOAD)
def test_caseload_per_medewerker(referentiedata, teams, gebruiker, make_user, norm, niveau):
    a, b = make_user("cm-a"), make_user("cm-b")
    team = teams[0]
    diensten_bouwen(team=team, n=3, gebruiker=gebruiker, behandelaar=a)
    diensten_bouwen(team=team, n=1, gebruiker=gebruiker, behandelaar=b)
    # closed or unassigned: not in anyone's caseload
    diensten_bouwen(team=team, n=2, gebruiker=gebruiker, behandelaar=b, status="afgerond")
    diensten_bouwen(team=team, n=2, gebruiker=gebruiker)
    assert sorted(selectors.signaal_caseloads()) == [1, 3]
    _drempel("signaal.caseload_norm", norm)
    signaal = _signaal(SignaalCode.CASELOAD)
    assert signaal.niveau is niveau
    assert "Gemiddeld 2,0 open diensten per medewerker (2 medewerkers)" in signaal.toelichting


# --- a constant number of queries ------------------------------------------------------------


def _alles_bouwen(teams, gebruiker, make_user, n: int, vanaf: int) -> None:
    for _ in range(n):
        MeldingFactory()
    diensten_bouwen(team=teams[0], n=n, gebruiker=gebruiker)
    for i in range(n):
        diensten_bouwen(team=teams[1], n=2, gebruiker=gebruiker, behandelaar=make_user(f"m{n}-{i}"))
    _afgerond(teams[0], gebruiker, n=n, soort="onderzoek", einde=VANDAAG, op_tijd=n // 2)
    _tellingen(teams, [(d, d % 2, 3, 2) for d in range(vanaf, vanaf + n)])


def test_signals_take_a_constant_number_of_queries(
    referentiedata, teams, gebruiker, make_user, django_assert_max_num_queries
):
    aantallen = []
    for n, vanaf in ((2, 0), (12, 2)):
        _alles_bouwen(teams, gebruiker, make_user, n, vanaf)
        with CaptureQueriesContext(connection) as ctx:
            stand = selectors.risico_signalen(JAAR, vandaag=VANDAAG)
        aantallen.append(len(ctx.captured_queries))
        assert stand.signalen[SignaalCode.CASELOAD].niveau is not Niveau.GEEN_DATA
    assert aantallen[0] == aantallen[1]
    # 13 at any volume; 5 of them are the waiting list (2), caseload (1) and terms (2)
    with django_assert_max_num_queries(13):
        selectors.risico_signalen(JAAR, vandaag=VANDAAG)


# --- the risk page ---------------------------------------------------------------------------


def test_risk_page_shows_which_risks_light_up(manager, verified_client, teams):
    # the page measures the year in the parameters (2019) up to its last day
    VbTermijnTelling.objects.create(team=teams[0], datum=date(2019, 12, 30), besloten=10, op_tijd=8)
    response = verified_client(manager).get(reverse("planning:risicos"), {"jaar": JAAR})
    assert response.status_code == 200
    html = response.content.decode()
    oplichtend = [r.risico.nummer for r in response.context["oplichtend"]]
    assert oplichtend == [8]  # terms slipping: risk 8 of the register
    assert "Risico's die oplichten" in html
    assert 'href="#risico-8"' in html
    assert "8 van 10" in html


def test_risk_page_without_lit_signals(controller, verified_client):
    response = verified_client(controller).get(reverse("planning:risicos"), {"jaar": JAAR})
    assert response.status_code == 200
    assert response.context["oplichtend"] == []
    assert "geen enkel signaal staat op oranje of rood" in response.content.decode()


def test_risk_page_is_403_without_planning_or_report_permission(medewerker, verified_client):
    assert verified_client(medewerker).get(reverse("planning:risicos")).status_code == 403
