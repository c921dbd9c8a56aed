"""The waiting-list simulation: validated against Erlang C, reproducible, and refusing bad input.

Simulations here are small (a few hundred meldingen, a handful of replications) so the suite
stays fast; the benchmark (bench/bench_planning.py) runs the full NHN year × 100.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from zicht.core.domain.calendar import AtwCalendar
from zicht.planning.domain.begrippen import Scenario
from zicht.planning.domain.begroting import begroting_bereken
from zicht.planning.domain.simulatie import (
    MAX_REPLICATIES,
    Aankomstpatroon,
    SimulatieFout,
    Simulatieinvoer,
    Spreiding,
    fte_zoeken,
    invoer_uit_plan,
    kengetal,
    replicaties_controleren,
    simuleer,
    team_fte_uit_begroting,
)
from zicht.planning.domain.wachtrij import mmc_wachttijd

KALENDER = AtwCalendar()
WERKDAGEN_2019 = 254
UREN_PER_WERKDAG = 8.0  # productive hours per fte per working day in these tests


def invoer(**wijziging) -> Simulatieinvoer:
    basis = Simulatieinvoer(
        jaar=2019,
        kalender=KALENDER,
        meldingen_per_jaar=600,
        fte_vb=3,
        fte_vervolg=3,
        productieve_uren_per_fte=UREN_PER_WERKDAG * WERKDAGEN_2019,
        urennorm_vb=8,
        urennorm_overdracht_vb=2,
        urennorm_vv=20,
        urennorm_onderzoek=30,
        urennorm_overdracht_bemoeienis=3,
        fractie_overdracht_vb=0.45,
        fractie_vv=0.23,
        fractie_onderzoek=0.14,
        aandeel_acuut=0.1,
        cv=0.6,
        weekpatroon=(1.2, 1.1, 1.1, 1.1, 1.0, 0.3, 0.2),
    )
    return replace(basis, **wijziging)


def test_mmc_mean_wait_matches_erlang_c_within_the_confidence_interval():
    # Given the special case M/M/c: Poisson arrivals at a constant rate, exponential work,
    # c identical servers, first come first served, no follow-up,
    lam, mu, c = 10.0, 4.0, 3  # per working day; utilisation 10 / 12 = 0.83
    mmc = invoer(
        meldingen_per_jaar=lam * WERKDAGEN_2019,
        fte_vb=c,
        urennorm_vb=UREN_PER_WERKDAG / mu,
        fractie_overdracht_vb=0,
        fractie_vv=0,
        fractie_onderzoek=0,
        aandeel_acuut=0,
        spreiding=Spreiding.EXPONENTIEEL,
        aankomsten=Aankomstpatroon.CONTINU,
        meet_vanaf_werkdag=10,  # skip the empty start
    )
    # when it is simulated,
    resultaat = simuleer(mmc, replicaties=16, seed=2019)
    # then the mean wait before the VB starts matches Erlang C: Wq = C(c, a) / (cμ − λ).
    analytisch = mmc_wachttijd(lam, mu, c)
    wacht = resultaat.wachttijd_vb
    assert wacht.ci_laag <= analytisch <= wacht.ci_hoog, (wacht, analytisch)
    assert wacht.ci_hoog - wacht.ci_laag < 0.5 * analytisch  # and the interval is informative


def test_mm1_also_matches():
    lam, mu = 6.0, 8.0  # utilisation 0.75
    mm1 = invoer(
        meldingen_per_jaar=lam * WERKDAGEN_2019,
        fte_vb=1,
        urennorm_vb=UREN_PER_WERKDAG / mu,
        fractie_overdracht_vb=0,
        fractie_vv=0,
        fractie_onderzoek=0,
        aandeel_acuut=0,
        spreiding=Spreiding.EXPONENTIEEL,
        aankomsten=Aankomstpatroon.CONTINU,
        meet_vanaf_werkdag=10,
    )
    wacht = simuleer(mm1, replicaties=16, seed=7).wachttijd_vb
    assert wacht.ci_laag <= mmc_wachttijd(lam, mu, 1) <= wacht.ci_hoog


def test_same_seed_same_outcome_and_streams_are_per_replication():
    a = simuleer(invoer(), replicaties=3, seed=42)
    b = simuleer(invoer(), replicaties=3, seed=42)
    c = simuleer(invoer(), replicaties=5, seed=42)
    d = simuleer(invoer(), replicaties=3, seed=43)
    assert a.per_replicatie == b.per_replicatie
    # replication k has its own stream: asking for more replications leaves the first ones be
    assert c.per_replicatie[:3] == a.per_replicatie
    assert d.per_replicatie != a.per_replicatie
    # and the replications differ from each other
    assert len({r.meldingen for r in a.per_replicatie}) > 1


def test_more_staff_is_never_worse_with_common_random_numbers():
    krap = invoer(meldingen_per_jaar=800, fte_vb=2.5)
    uitkomsten = [
        simuleer(replace(krap, fte_vb=fte), replicaties=3, seed=5).vb_tijdig.gemiddelde
        for fte in (2.5, 3.0, 3.5, 4.5)
    ]
    assert uitkomsten == sorted(uitkomsten)
    assert uitkomsten[0] < 0.9 < uitkomsten[-1]


def test_fte_search_finds_the_smallest_team_that_reaches_the_norm():
    krap = invoer(meldingen_per_jaar=800, fte_vb=2.5)
    advies = fte_zoeken(krap, doel=0.9, replicaties=3, seed=5, tolerantie=0.1)
    assert advies.gevonden
    assert advies.behaald is not None
    assert advies.behaald >= 0.9
    onder = [w for f, w in advies.evaluaties if f < advies.fte]
    assert onder
    assert max(f for f, _ in advies.evaluaties if f < advies.fte) >= advies.fte - 0.1
    assert all(w < 0.9 for f, w in advies.evaluaties if f < advies.fte - 1e-9)
    # the workload alone (utilisation 100%) is 800 × (8 + 0.45 × 2) / 2032 = 3.5 fte
    assert 3.0 < advies.fte < 6.0


def test_fte_search_for_the_follow_up_team():
    advies = fte_zoeken(
        invoer(doorlooptijd_vervolg_werkdagen=20), team="vervolg", replicaties=2, seed=1
    )
    assert advies.gevonden
    assert advies.team == "vervolg"


def test_a_melding_received_on_saturday_counts_its_term_from_saturday():
    # About one melding per Saturday, enough workers to start each on Monday morning, and work of
    # exactly 4.5 working days: decided on Friday → on time.
    zaterdag = invoer(
        meldingen_per_jaar=52,
        weekpatroon=(0, 0, 0, 0, 0, 1, 0),
        fte_vb=20,
        urennorm_vb=4.5 * UREN_PER_WERKDAG,
        fractie_overdracht_vb=0,
        fractie_vv=0,
        fractie_onderzoek=0,
        spreiding=Spreiding.VAST,
        aandeel_acuut=0,
    )
    assert simuleer(zaterdag, replicaties=1, seed=1).vb_tijdig.gemiddelde == 1.0
    # With 5.2 working days the decision falls on the next Monday: the 5th working day after a
    # Saturday is the Friday, so it is late (counting from Monday would wrongly call it on time).
    laat = replace(zaterdag, urennorm_vb=5.2 * UREN_PER_WERKDAG)
    assert simuleer(laat, replicaties=1, seed=1).vb_tijdig.gemiddelde == 0.0


def test_lead_time_beyond_ten_weeks_makes_every_follow_up_late():
    traag = invoer(doorlooptijd_vervolg_werkdagen=60, fte_vervolg=10)
    resultaat = simuleer(traag, replicaties=1, seed=3)
    assert resultaat.vv_tijdig.gemiddelde == 0.0
    assert resultaat.onderzoek_tijdig.gemiddelde == 0.0
    vlot = simuleer(replace(traag, doorlooptijd_vervolg_werkdagen=10), replicaties=1, seed=3)
    assert vlot.vervolg_tijdig.gemiddelde == 1.0


def test_a_backlog_at_the_start_delays_the_year():
    zonder = simuleer(invoer(), replicaties=2, seed=9)
    met = simuleer(invoer(beginvoorraad_vb=150, beginvoorraad_vervolg=40), replicaties=2, seed=9)
    assert met.vb_tijdig.gemiddelde < zonder.vb_tijdig.gemiddelde
    assert met.per_replicatie[0].wachtlijst_vb[0] > zonder.per_replicatie[0].wachtlijst_vb[0]
    assert zonder.meldingen == met.meldingen  # the backlog is not counted


def test_waiting_list_bands_cover_each_working_day():
    resultaat = simuleer(invoer(), replicaties=4, seed=11)
    banden = resultaat.wachtlijst_banden()
    assert len(resultaat.datums) == len(banden["p50"]) == WERKDAGEN_2019
    assert all(
        a <= b <= c for a, b, c in zip(banden["p10"], banden["p50"], banden["p90"], strict=True)
    )
    opgeslagen = json.loads(json.dumps(resultaat.als_dict()))
    assert opgeslagen["datums"][0] == "2019-01-02"  # 1 January is Nieuwjaarsdag
    assert set(opgeslagen["wachtlijst"]) == {"totaal", "vb", "vervolg"}


def test_acute_meldingen_go_first():
    druk = invoer(meldingen_per_jaar=900, aandeel_acuut=0.2)
    resultaat = simuleer(druk, replicaties=1, seed=4)
    assert resultaat.vb_tijdig.gemiddelde < 1.0  # there is a queue


REPLICATIES = [
    # (asked, run, warning?)
    (1, 1, False),  # the minimum
    (1000, 1000, False),  # the maximum
    (1001, MAX_REPLICATIES, True),  # capped with a warning
    (999_999, MAX_REPLICATIES, True),  # still capped
]


@pytest.mark.parametrize(("gevraagd", "effectief", "waarschuwing"), REPLICATIES)
def test_replications_are_capped(gevraagd, effectief, waarschuwing):
    n, tekst = replicaties_controleren(gevraagd)
    assert n == effectief
    assert (tekst is not None) == waarschuwing


@pytest.mark.parametrize(
    "gevraagd",
    [
        0,  # nothing to run
        -5,  # negative
        1_000_000,  # 10⁶: refused outright
        10**9,  # far too many
    ],
)
def test_replications_refused(gevraagd):
    with pytest.raises(SimulatieFout) as fout:
        replicaties_controleren(gevraagd)
    assert "replicaties" in fout.value.fouten


SLECHT = [
    # (change, field with the message)
    ({"fte_vb": 0}, "fte_vb"),  # a team without staff
    ({"fte_vervolg": -2}, "fte_vervolg"),  # negative staff
    ({"productieve_uren_per_fte": 0}, "productieve_uren_per_fte"),  # 0 productive hours
    ({"meldingen_per_jaar": -1}, "meldingen_per_jaar"),  # negative inflow
    ({"urennorm_vb": -5}, "urennorm_vb"),  # negative norm
    ({"fractie_vv": 0.5}, "fracties"),  # 0.45 + 0.5 + 0.14 > 1
    ({"fractie_vv": 1.5}, "fracties"),  # a fraction above 1
    ({"aandeel_acuut": 2}, "aandeel_acuut"),  # 200% acute
    ({"cv": -1}, "cv"),  # negative spread
    ({"weekpatroon": (0,) * 7}, "weekpatroon"),  # no inflow on any day
    ({"weekpatroon": (1, 1)}, "weekpatroon"),  # not seven days
    ({"beginvoorraad_vb": -1}, "beginvoorraad"),  # negative backlog
    ({"uitloop_werkdagen": 900}, "uitloop_werkdagen"),  # far beyond the calendar
    ({"doorlooptijd_vervolg_werkdagen": -1}, "doorlooptijd_vervolg_werkdagen"),
]


@pytest.mark.parametrize(("wijziging", "veld"), SLECHT)
def test_bad_input_is_refused_before_anything_runs(wijziging, veld):
    with pytest.raises(SimulatieFout) as fout:
        simuleer(invoer(**wijziging), replicaties=1, seed=1)
    assert veld in fout.value.fouten


def test_simuleer_refuses_more_than_the_cap_and_negative_seeds():
    with pytest.raises(SimulatieFout) as fout:
        simuleer(invoer(), replicaties=MAX_REPLICATIES + 1, seed=-1)
    assert set(fout.value.fouten) == {"replicaties", "seed"}


def test_fte_search_refuses_a_bad_goal():
    with pytest.raises(SimulatieFout):
        fte_zoeken(invoer(), doel=1.5, replicaties=1, seed=1)


def test_input_from_the_2019_plan(parameters_2019):
    begroting = begroting_bereken(parameters_2019, scenario=Scenario.MIDDEN)
    vb, vervolg = team_fte_uit_begroting(begroting)
    assert round(vb, 2) == 21.77  # (23,479 + 6,993) h / 1,400
    assert round(vervolg, 2) == 33.51  # (21,539.2 + 19,652.4 + 5,719) h / 1,400
    plan = invoer_uit_plan(parameters_2019, begroting, jaar=2019, kalender=KALENDER, fte_vb=25)
    assert plan.meldingen_per_jaar == 4430
    assert plan.fte_vb == 25
    assert plan.fte_vervolg == vervolg
    assert plan.fouten() == {}


def test_kengetal():
    assert kengetal([0.5]).ci_laag == 0.5
    k = kengetal([1.0, 2.0, 3.0])
    assert k.gemiddelde == 2.0
    assert k.ci_laag == pytest.approx(2.0 - 4.303 * 1.0 / 3**0.5)
    with pytest.raises(ValueError, match="Geen waarden"):
        kengetal([])
    assert kengetal([1.0] * 40).ci_hoog == 1.0
    # a share's interval stays within 0..1
    assert kengetal([0.9, 1.0, 1.0], aandeel=True).ci_hoog == 1.0
    assert kengetal([0.9, 1.0, 1.0]).ci_hoog > 1.0
