"""The content of the diensten in the demo data (issue #6, items 1-4 and 9): real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import Count, F, Q

from zicht.demo.generator import DemoOptions, generate
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.models import (
    Dienst,
    MonitoringMoment,
    OnderzoekConclusie,
    Terugkoppeling,
    Veiligheidsvoorwaarde,
)

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 1, 15)
SOORTEN = (
    "overdracht_na_vb",
    "voorwaarden_en_vervolg",
    "onderzoek",
    "overdracht_na_bemoeienis",
    "monitoren",
)


def test_every_kind_open_and_closed_with_realistic_lateness_and_consistent_content():
    opties = DemoOptions.create(
        seed=11, vanaf=date(2024, 7, 1), tot=date(2025, 12, 31), schaal=0.25, vandaag=VANDAAG
    )
    generate(opties, vandaag=VANDAAG)
    for soort in SOORTEN:
        qs = Dienst.objects.filter(soort=soort)
        assert qs.filter(status="gestart").exists(), soort
        assert qs.filter(status="afgerond").exists(), soort
    # closed means a closing date, on or after the start; open means none
    assert not Dienst.objects.filter(status="afgerond", einde__isnull=True).exists()
    assert not Dienst.objects.filter(status="gestart", einde__isnull=False).exists()
    assert not Dienst.objects.filter(einde__lt=F("start")).exists()
    assert not Dienst.objects.filter(fase="").exclude(soort="rvdk_verzoek").exists()
    # realistic lateness: some V&V and onderzoeken closed after their deadline, most not
    for soort in ("voorwaarden_en_vervolg", "onderzoek"):
        dicht = Dienst.objects.filter(soort=soort, status="afgerond", deadline__isnull=False)
        laat = dicht.filter(einde__gt=F("deadline")).count()
        assert 0.05 * dicht.count() < laat < 0.6 * dicht.count(), soort
    # no V&V closed without conditions; follow-ups point at a closed V&V / Onderzoek
    assert not (
        Dienst.objects.filter(soort="voorwaarden_en_vervolg", status="afgerond")
        .annotate(n=Count("voorwaarden"))
        .filter(n=0)
        .exists()
    )
    for vervolg in Dienst.objects.filter(
        soort__in=("overdracht_na_bemoeienis", "monitoren")
    ).select_related("vorige"):
        assert vervolg.vorige.status == "afgerond"
        assert vervolg.vorige.soort in ("voorwaarden_en_vervolg", "onderzoek")
        assert vervolg.start == vervolg.vorige.einde
    # accepted overdrachten: the responsibility passed on their end date
    overgedragen = Dienst.objects.filter(fase="overgedragen")
    assert not overgedragen.exclude(verantwoordelijk_vanaf=F("einde")).exists()
    assert Dienst.objects.filter(fase="geweigerd", status="gestart").exists()
    # Onderzoek outcome codes follow the domain mapping
    for c in OnderzoekConclusie.objects.all()[:500]:
        reden = ond.RedenVoortijdig(c.reden) if c.reden else None
        assert c.uitkomst == ond.uitkomst_code(ond.Conclusie(c.conclusie), kind=c.kind, reden=reden)
    assert Terugkoppeling.objects.filter(soort="na_onderzoek").exists()
    # monitoring: held, missed and planned moments; no contact before the schedule started
    assert MonitoringMoment.objects.filter(uitgevoerd_op__isnull=False).exists()
    assert MonitoringMoment.objects.filter(
        uitgevoerd_op__isnull=True, gepland_op__lt=VANDAAG - timedelta(days=30)
    ).exists()
    assert not MonitoringMoment.objects.filter(uitgevoerd_op__lt=F("dienst__start")).exists()
    assert Veiligheidsvoorwaarde.objects.filter(
        dienst__soort__in=("overdracht_na_vb", "overdracht_na_bemoeienis")
    ).exists()
    assert not Dienst.objects.filter(Q(casus__gesloten_op__isnull=False), status="gestart").exists()
