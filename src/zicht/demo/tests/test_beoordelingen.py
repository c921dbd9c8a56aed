"""The veiligheidsbeoordelingen in the demo data (issue #5, item 7): real database."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.db.models import Count, F, Q

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment.domain.besluit import BesluitSoort, Triage, tegenstrijdigheden
from zicht.assessment.domain.triage import afleiden
from zicht.assessment.domain.vier_ogen import STANDAARD_REGELS, deskundige_nodig
from zicht.assessment.models import Besluit, BesluitStap, Veiligheidsbeoordeling
from zicht.assessment.selectors import termijnoverzicht
from zicht.demo.generator import DemoOptions, generate
from zicht.diensten.models import Dienst, Ontvanger, Terugkoppeling, WettelijkeMelding
from zicht.intake.models import Melding, MeldingStatus

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 1, 15)
VANAF = date(2025, 1, 1)
TOT = date(2025, 12, 31)


def _genereer(*, schaal: float, seed: int = 7) -> None:
    opties = DemoOptions.create(seed=seed, vanaf=VANAF, tot=TOT, schaal=schaal, vandaag=VANDAAG)
    generate(opties, vandaag=VANDAAG)


def test_every_decided_melding_has_one_confirmed_besluit_by_two_people():
    _genereer(schaal=0.2)
    besloten = Melding.objects.filter(status=MeldingStatus.BESLOTEN)
    assert besloten.count() > 500
    per_melding = Counter(
        Besluit.objects.filter(status="bevestigd").values_list("beoordeling__melding_id", flat=True)
    )
    assert set(per_melding) == set(besloten.values_list("pk", flat=True))
    assert set(per_melding.values()) == {1}
    assert not Besluit.objects.filter(
        status__in=("bevestigd", "teruggestuurd"), beoordeeld_door=F("voorgesteld_door")
    ).exists()
    # Who: the proposer may run a VB; the second person may co-decide, a deskundige where the
    # four-eyes rules need one.
    users = {u.pk: u for u in User.objects.all()}
    for b in Besluit.objects.filter(status="bevestigd").select_related("beoordeling__melding"):
        vb = b.beoordeling
        assert has_permission(users[b.voorgesteld_door_id], Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
        tweede = users[b.beoordeeld_door_id]
        acuut = bool(vb.acuut or vb.melding.acuut)
        if deskundige_nodig(BesluitSoort(b.soort), acuut=acuut, regels=STANDAARD_REGELS):
            assert has_permission(tweede, Perm.BESLUIT_DESKUNDIGE), b.pk
        else:
            assert has_permission(tweede, Perm.BESLUIT_MEEBESLISSEN) or has_permission(
                tweede, Perm.BESLUIT_DESKUNDIGE
            )
        assert vb.gestart_op <= b.voorgesteld_op <= b.beoordeeld_op == vb.besloten_op


def test_the_besluiten_follow_the_2019_fractions():
    _genereer(schaal=0.3)
    soorten = Counter(Besluit.objects.filter(status="bevestigd").values_list("soort", flat=True))
    n = sum(soorten.values())
    assert n > 1000
    assert abs(soorten["overdracht_na_vb"] / n - 0.451) < 0.04
    assert abs(soorten["voorwaarden_en_vervolg"] / n - 0.229) < 0.035
    assert abs(soorten["onderzoek"] / n - 0.14) < 0.03
    rest = soorten["einde_bemoeienis"] + soorten["omzetten_in_advies"] + soorten["rvdk_verzoek"]
    assert abs(rest / n - 0.18) < 0.035
    assert soorten["rvdk_verzoek"] > 0
    assert soorten["omzetten_in_advies"] > 0


def test_triage_answers_agree_with_the_flags_and_deviations_are_explained():
    _genereer(schaal=0.1)
    for vb in Veiligheidsbeoordeling.objects.select_related("instrument", "melding"):
        assert vb.instrument.versie == 1
        triage = afleiden(vb.instrument.domein_vragen(), vb.antwoorden)
        assert (triage.acuut, triage.structureel, triage.multiprobleem, triage.taxatie) == (
            vb.acuut,
            vb.structureel,
            vb.multiprobleem,
            vb.taxatie,
        )
        if vb.status == "bevestigd" and vb.melding.acuut:
            assert vb.acuut
    for b in Besluit.objects.filter(status="bevestigd").select_related("beoordeling"):
        vb = b.beoordeling
        t = Triage(vb.acuut, vb.structureel, vb.multiprobleem, vb.taxatie)
        if tegenstrijdigheden(t, BesluitSoort(b.soort)):
            assert b.toelichting_afwijking
        assert b.motivering


def test_decision_times_are_mostly_on_time_and_late_ones_have_a_reason():
    _genereer(schaal=0.2)
    besloten = Veiligheidsbeoordeling.objects.filter(status="bevestigd")
    n = besloten.count()
    op_tijd = besloten.filter(op_tijd=True).count()
    assert 0.82 <= op_tijd / n <= 0.93
    assert not besloten.filter(op_tijd=False, reden_te_laat="").exists()
    assert not besloten.filter(op_tijd=True).exclude(reden_te_laat="").exists()
    for vb in besloten.select_related("melding__vb_taak")[:300]:
        assert vb.op_tijd == (vb.besloten_datum <= vb.melding.vb_taak.deadline)
    # The team leader's view shows a plausible share per month.
    leider = next(u for u in User.objects.all() if has_permission(u, Perm.WERKVOORRAAD_INZIEN))
    overzicht = termijnoverzicht(leider, op=TOT, maanden=12)
    totaal = sum(p.besloten for p in overzicht.maanden)
    assert totaal > 0
    assert 0.8 <= sum(p.op_tijd for p in overzicht.maanden) / totaal <= 0.95


def test_history_diensten_notifications_and_feedback_follow_the_besluit():
    _genereer(schaal=0.2)
    # Two steps per confirmed besluit; two more before it when it was sent back first.
    stappen = Counter(BesluitStap.objects.values_list("actie", flat=True))
    bevestigd = Besluit.objects.filter(status="bevestigd").count()
    teruggestuurd = Besluit.objects.filter(status="teruggestuurd").count()
    assert stappen["bevestigen"] == bevestigd
    assert stappen["terugsturen"] == teruggestuurd
    assert 0 < teruggestuurd < 0.1 * bevestigd
    # A dienst per besluit that starts one, none for the others.
    met_dienst = Besluit.objects.filter(status="bevestigd").exclude(
        soort__in=("einde_bemoeienis", "omzetten_in_advies")
    )
    # (the diensten step adds follow-ups without a besluit: overdracht na bemoeienis, ...)
    assert Dienst.objects.filter(besluit__isnull=False).count() == met_dienst.count()
    for dienst in Dienst.objects.filter(besluit__isnull=False).select_related("besluit"):
        assert dienst.soort == dienst.besluit.soort
        if dienst.soort in ("voorwaarden_en_vervolg", "onderzoek"):
            assert dienst.deadline is not None
            assert 68 <= (dienst.deadline - dienst.start).days <= 74  # 10 weeks, Atw
        if dienst.soort == "overdracht_na_vb":
            assert dienst.besluit.ketenpartner_id
            assert dienst.ontvangende_partij
    rvdk = met_dienst.filter(soort="rvdk_verzoek").count()
    per_ontvanger = Counter(
        WettelijkeMelding.objects.filter(besluit__isnull=False).values_list("ontvanger", flat=True)
    )
    assert per_ontvanger[Ontvanger.RVDK] == per_ontvanger[Ontvanger.COLLEGE] == rvdk
    assert per_ontvanger[Ontvanger.POLITIE] > 0
    # Feedback to the melder for every decided melding that has a melder.
    assert (
        Terugkoppeling.objects.filter(soort="na_vb").count()
        == Melding.objects.filter(status=MeldingStatus.BESLOTEN, ambtshalve=False).count()
    )
    assert not Terugkoppeling.objects.filter(
        vervolg_gestart=True, besluit__soort__in=("einde_bemoeienis", "omzetten_in_advies")
    ).exists()


def test_open_meldingen_are_partly_in_assessment_and_partly_waiting():
    _genereer(schaal=0.5)
    open_ = Melding.objects.filter(status=MeldingStatus.NIEUW).annotate(
        vb=Count("veiligheidsbeoordeling")
    )
    assert open_.filter(vb=1).exists()
    assert open_.filter(vb=0).exists()
    assert not Veiligheidsbeoordeling.objects.filter(
        Q(melding__status=MeldingStatus.NIEUW) & Q(status="bevestigd")
    ).exists()
    assert not Besluit.objects.filter(
        beoordeling__melding__status=MeldingStatus.NIEUW, status="bevestigd"
    ).exists()
