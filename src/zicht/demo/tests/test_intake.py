"""The front door in the demo data: meldingen, CORV reports and adviezen (real database)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone

from zicht.accounts.models import User
from zicht.audit.models import AuditEvent
from zicht.casework.models import (
    Betrokkene,
    Casus,
    CasusStatus,
    JournaalItem,
    JournaalSoort,
    Taak,
)
from zicht.core.domain.terms import deadline
from zicht.core.selectors import calendar_current, termijn_get
from zicht.demo.generator import DemoOptions, generate
from zicht.demo.volumes import aantal_adviezen, aantal_casussen, aantal_meldingen
from zicht.intake.domain.classificatie import SoortCbs
from zicht.intake.domain.corv import lees_zorgmelding
from zicht.intake.models import (
    Advies,
    CorvBericht,
    CorvStatus,
    Melder,
    Melding,
    MeldingBetrokkene,
    MeldingStatus,
)
from zicht.intake.selectors import nieuwe_meldingen
from zicht.people.models import Persoon

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 1, 15)
VANAF = date(2025, 1, 1)
TOT = date(2025, 12, 31)


def _genereer(*, schaal: float, seed: int = 7) -> None:
    opties = DemoOptions.create(seed=seed, vanaf=VANAF, tot=TOT, schaal=schaal, vandaag=VANDAAG)
    generate(opties, vandaag=VANDAAG)


def _dag(moment) -> date:
    return timezone.localtime(moment).date()


def test_meldingen_and_adviezen_follow_the_2019_volumes_and_scale():
    _genereer(schaal=0.03)
    assert Melding.objects.count() == aantal_meldingen(VANAF, TOT, 0.03) == round(4430 * 0.03)
    assert Advies.objects.count() == aantal_adviezen(VANAF, TOT, 0.03) == round(5045 * 0.03)
    klein = Melding.objects.count()
    assert 2.9 < aantal_meldingen(VANAF, TOT, 0.09) / klein < 3.1


def test_melder_mix_classification_and_what_each_melding_carries():
    _genereer(schaal=0.2)
    meldingen = list(
        Melding.objects.select_related("melder__hoedanigheid", "casus", "vb_taak").order_by("pk")
    )
    n = len(meldingen)
    assert n == aantal_meldingen(VANAF, TOT, 0.2)
    codes = Counter(m.melder.hoedanigheid.code for m in meldingen)
    assert abs(codes["01"] / n - 0.65) < 0.05
    niet_beroep = sum(v for k, v in codes.items() if int(k) >= 30)
    assert 0.02 < niet_beroep / n < 0.15
    assert len([k for k in codes if 2 <= int(k) <= 20]) >= 8
    assert 0.03 < sum(m.melder.anoniem_naar_gezin for m in meldingen) / n < 0.12
    assert 0.06 < sum(m.acuut for m in meldingen) / n < 0.14
    corv = [m for m in meldingen if m.kanaal == "politie_corv"]
    assert corv
    assert all(m.melder.hoedanigheid.code == "01" and m.corv_bericht_id for m in corv)
    for m in meldingen:
        if m.melder.hoedanigheid.beroepsmatig:
            assert m.melder.organisatie
        assert m.melder.naam
        assert not m.melder.anoniem

    soorten = Counter(m.soort_cbs for m in meldingen)
    assert set(soorten) <= {s.value for s in SoortCbs}
    vervolg = sum(v for k, v in soorten.items() if k.startswith("vervolg"))
    assert abs(vervolg / n - 0.285) < 0.03
    assert soorten[SoortCbs.HERMELDING] > 0
    assert soorten[SoortCbs.VERVOLG_TIJDENS_MONITORING] > 0
    assert soorten[SoortCbs.VERVOLG_NA_VB] > 0
    eerste = [m for m in meldingen if m.nieuwe_casus]
    assert len(eerste) == aantal_casussen(VANAF, TOT, 0.2)
    assert len({m.casus_id for m in eerste}) == len(eerste)

    kalender = calendar_current()
    journaal = Counter(
        JournaalItem.objects.filter(soort=JournaalSoort.MELDING).values_list("casus_id", flat=True)
    )
    assert sum(journaal.values()) == n
    for m in meldingen:
        # The first melding opens its casus; a vervolgmelding joins an open one.
        if m.nieuwe_casus:
            assert m.ontvangen_op == m.casus.geopend_op
            assert m.soort_cbs in {SoortCbs.EERSTE_MELDING, SoortCbs.HERMELDING}
        else:
            assert m.casus.geopend_op < m.ontvangen_op
            assert m.casus.gesloten_op is None or m.ontvangen_op < m.casus.gesloten_op
            assert m.soort_cbs.startswith("vervolg")
        # The VB task with its Atw deadline.
        taak = m.vb_taak
        assert taak is not None
        assert taak.termijn_code == "vb_besluit"
        assert taak.start == _dag(m.ontvangen_op)
        termijn = termijn_get("vb_besluit", op=taak.start)
        assert taak.deadline == deadline(taak.start, termijn, kalender).einddatum
        assert (m.status == MeldingStatus.BESLOTEN) == (taak.afgerond_op is not None)
        if m.acuut:
            assert m.acuut_uiterlijk == m.ontvangen_op + timedelta(hours=24)
        assert m.geregistreerd_op >= m.ontvangen_op
    assert MeldingBetrokkene.objects.values("melding").distinct().count() == n
    # Melder names never reach the journaal (source protection).
    namen = set(Melder.objects.exclude(naam="").values_list("naam", flat=True)[:200])
    for tekst in JournaalItem.objects.filter(soort=JournaalSoort.MELDING).values_list(
        "tekst", flat=True
    ):
        assert not any(naam in tekst for naam in namen)


def test_a_hermelding_is_about_someone_from_an_older_closed_casus():
    _genereer(schaal=0.2)
    # Every betrokkenheid once, in memory: a query per melding would depend on the planner's
    # statistics of a table that only this test's transaction has filled.
    casussen_van: dict[int, set[int]] = {}
    personen_van: dict[int, set[int]] = {}
    for persoon_id, casus_id in Betrokkene.objects.values_list("persoon_id", "casus_id"):
        casussen_van.setdefault(persoon_id, set()).add(casus_id)
        personen_van.setdefault(casus_id, set()).add(persoon_id)
    casussen = {
        pk: (geopend, gesloten)
        for pk, geopend, gesloten in Casus.objects.values_list("pk", "geopend_op", "gesloten_op")
    }

    def eerdere(melding, *, gesloten_voor: bool) -> set[int]:
        andere = {
            c
            for p in personen_van.get(melding.casus_id, ())
            for c in casussen_van[p]
            if c != melding.casus_id
        }
        if gesloten_voor:
            return {c for c in andere if casussen[c][1] and casussen[c][1] < melding.ontvangen_op}
        return {c for c in andere if casussen[c][0] < melding.ontvangen_op}

    her = list(Melding.objects.filter(soort_cbs=SoortCbs.HERMELDING))
    assert her
    for melding in her:
        assert eerdere(melding, gesloten_voor=True), melding
    for melding in Melding.objects.filter(soort_cbs=SoortCbs.EERSTE_MELDING)[:200]:
        assert not eerdere(melding, gesloten_voor=False), melding


def test_recent_meldingen_wait_for_their_vb_in_the_assessment_worklist():
    _genereer(schaal=0.2)
    nieuw = Melding.objects.filter(status=MeldingStatus.NIEUW).select_related("vb_taak")
    assert nieuw.count() >= 5
    for melding in nieuw:
        assert _dag(melding.ontvangen_op) >= TOT - timedelta(days=21)
        assert melding.vb_taak.afgerond_op is None
    oud = Melding.objects.filter(ontvangen_op__date__lt=TOT - timedelta(days=30))
    assert not oud.filter(status=MeldingStatus.NIEUW).exists()
    beoordelaar = User.objects.get(username="beoordelaar")
    lijst = nieuwe_meldingen(beoordelaar, op=TOT, per_page=500)
    zichtbaar = {rij.melding.pk for rij in lijst.rijen}
    assert zichtbaar
    assert zichtbaar <= set(nieuw.values_list("pk", flat=True))
    # Closed casussen have no open tasks; no task is done after the window.
    assert not Taak.objects.filter(
        casus__status=CasusStatus.GESLOTEN, afgerond_op__isnull=True
    ).exists()
    assert not Taak.objects.filter(afgerond_op__date__gt=TOT).exists()


def test_some_open_meldingen_are_overdue_or_acute_at_a_larger_schaal():
    _genereer(schaal=0.6)
    nieuw = Melding.objects.filter(status=MeldingStatus.NIEUW)
    assert nieuw.filter(vb_taak__deadline__lt=TOT).exists()
    assert nieuw.filter(acuut=True).exists()


def test_tokens_are_unique_and_the_corv_inbox_and_adviezen_look_registered():
    _genereer(schaal=0.1)
    tokens = list(Melding.objects.values_list("formulier_token", flat=True))
    assert len(set(tokens)) == len(tokens)
    advies_tokens = list(Advies.objects.values_list("formulier_token", flat=True))
    assert len(set(advies_tokens)) == len(advies_tokens)
    # CORV: converted reports are linked, others were forwarded or still wait.
    statussen = Counter(CorvBericht.objects.values_list("status", flat=True))
    assert statussen[CorvStatus.OMGEZET] == Melding.objects.filter(kanaal="politie_corv").count()
    assert statussen[CorvStatus.NIET_HGKM] > 0
    assert statussen[CorvStatus.NIEUW] >= 2
    for bericht in CorvBericht.objects.all():
        lees_zorgmelding(bericht.inhoud)  # raises on a report the inbox cannot read
        if bericht.status == CorvStatus.NIET_HGKM:
            assert bericht.doorgestuurd_naar
            assert not Melding.objects.filter(corv_bericht=bericht).exists()
        if bericht.status == CorvStatus.NIEUW:
            assert bericht.ontvangen_op.date() >= TOT - timedelta(days=3)
    # Adviezen: mostly professionals by phone; a few became a melding.
    adviezen = list(Advies.objects.select_related("adviesvrager__hoedanigheid"))
    beroep = sum(a.adviesvrager.hoedanigheid.beroepsmatig for a in adviezen)
    assert 0.65 < beroep / len(adviezen) < 0.85
    assert Counter(a.kanaal for a in adviezen).most_common(1)[0][0] == "telefoon"
    assert all(a.vraag and a.gegeven_advies and 1 <= a.duur_minuten <= 600 for a in adviezen)
    assert all(a.aanleidingen.exists() for a in adviezen[:50])
    omgezet = Melding.objects.filter(advies__isnull=False).select_related("advies")
    assert 0.005 < omgezet.count() / len(adviezen) < 0.04
    for melding in omgezet:
        assert melding.advies.ontvangen_op <= melding.ontvangen_op
        # an advies that became a melding is about that family: the casus's gemeente
        assert melding.advies.gemeente_id == melding.casus.gemeente_id
    # the adviesvrager mostly says where the family lives (municipal reports count it)
    met_gemeente = sum(a.gemeente_id is not None for a in adviezen)
    assert 0.6 < met_gemeente / len(adviezen) < 0.8


def test_no_bsn_or_name_in_the_audit_data():
    _genereer(schaal=0.05)
    data = " ".join(json.dumps(e.data, default=str) for e in AuditEvent.objects.all())
    for bsn, achternaam in Persoon.objects.exclude(bsn="").values_list("bsn", "achternaam")[:300]:
        assert bsn not in data
        assert achternaam not in data
    for naam in Melder.objects.exclude(naam="").values_list("naam", flat=True)[:300]:
        assert naam not in data
