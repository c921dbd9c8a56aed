"""Measures, the municipal report, the board report and the annual figures against the
hand-built organisation (expected values worked out in ``dataset.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from zicht.assessment.domain.tijdigheid import NORM_VB, NORM_VERVOLG, Tijdigheid
from zicht.assessment.selectors import Periode as TermijnPeriode
from zicht.reporting import measures, rapporten, selectors, services
from zicht.reporting.domain.onthulling import GEHEIM
from zicht.reporting.domain.perioden import periode_lees
from zicht.reporting.measures import Filter
from zicht.reporting.tests.conftest import VANDAAG, code
from zicht.reporting.tests.dataset import bouw_dataset

pytestmark = pytest.mark.django_db
H1 = periode_lees("2019-H1")


def test_on_time_share_is_one_definition_shared_with_the_termijnen_page():
    t = Tijdigheid(199, 179)  # 89.95%: never shown as 90, and below the norm
    assert (t.procent, t.haalt(NORM_VB)) == (89, False)
    assert Tijdigheid(10, 9).haalt(NORM_VB)
    assert Tijdigheid(5, 4).haalt(NORM_VERVOLG)
    assert Tijdigheid(0, 0).procent is None
    periode = TermijnPeriode(start=date(2019, 1, 1), besloten=199, op_tijd=179)
    assert (periode.aandeel, periode.haalt_norm) == (t.procent, t.haalt(NORM_VB))


def test_term_performance(bouw):
    bouw_dataset(bouw)
    assert measures.vb_tijdigheid(H1) == Tijdigheid(3, 2)  # m1, m5 on time; m2 late
    assert measures.vervolg_tijdigheid(H1, "onderzoek") == Tijdigheid(2, 2)  # d1 by extension
    assert measures.vervolg_tijdigheid(H1, "voorwaarden_en_vervolg") == Tijdigheid(1, 0)
    hoorn = Filter(gemeenten=("GM0405",))
    assert measures.vb_tijdigheid(H1, hoorn) == Tijdigheid(1, 1)  # only m1
    per_maand = measures.tijdigheid_per_maand(2019, 4)
    assert [t.totaal for t in per_maand["vb"]] == [0, 1, 1, 0]
    assert [t.totaal for t in per_maand["onderzoek"]] == [1, 0, 0, 1]


def test_volumes(bouw):
    bouw_dataset(bouw)
    v = measures.volumes(H1)
    assert v["advies"] == 2
    assert v["melding_en_veiligheidsbeoordeling"] == 5  # m1 m2 m3 m4 m5
    assert (
        v["onderzoek"],
        v["voorwaarden_en_vervolg"],
        v["overdracht_na_veiligheidsbeoordeling"],
    ) == (1, 1, 0)


def test_waiting_list(bouw):
    bouw_dataset(bouw)
    w = measures.wachtlijst(VANDAAG)
    assert (w.meldingen, w.diensten, w.over_termijn) == (12, 0, 12)  # m4 + 6 + 5, all overdue
    assert w.oudste_dagen == (VANDAAG - date(2019, 4, 1)).days
    # the mean age is exact (counted per day in the database), the same as row by row
    from django.utils import timezone

    from zicht.diensten.selectors_werk import wachtlijst_melding_q
    from zicht.intake.models import Melding

    leeftijden = [
        (VANDAAG - timezone.localtime(ontvangen).date()).days
        for ontvangen in Melding.objects.filter(wachtlijst_melding_q()).values_list(
            "ontvangen_op", flat=True
        )
    ]
    assert len(leeftijden) == 12
    assert w.gemiddelde_leeftijd_dagen == sum(leeftijden) // 12
    verloop = measures.wachtlijst_verloop([date(2019, 3, 31), date(2019, 4, 30), date(2019, 5, 1)])
    assert [n for _, n in verloop] == [0, 1, 2]  # m4 from 1 April; m5 waits 1–3 May


def _tabel(rapport, titel):
    return next(t for t in rapport.tabellen if t.titel.startswith(titel))


def test_municipal_report_maps_old_codes_and_suppresses_small_cells(bouw):
    bouw_dataset(bouw)
    r = selectors.gemeenterapport("GM1980", periode_lees("2019"))
    assert r.voorgangers == ("GM0398", "GM0416")
    melder, aard = _tabel(r, "Meldingen naar hoedanigheid"), _tabel(r, "Meldingen naar aard")
    # familielid 1 (suppressed) takes huisarts 5 with it: otherwise 6 − 5 reveals it
    assert dict(melder.rijen) == {"02 huisarts/POH": GEHEIM, "33 familielid": GEHEIM}
    assert melder.totaal == 6
    assert dict(aard.rijen) == {"03 psychisch geweld": 6}
    afgerond = selectors.gemeenterapport("GM1980", periode_lees("2019"), afronden=True)
    assert dict(_tabel(afgerond, "Meldingen naar aard").rijen) == {"03 psychisch geweld": 5}
    assert _tabel(afgerond, "Meldingen naar aard").totaal == 5
    hoorn = selectors.gemeenterapport("GM0405", periode_lees("2019"))
    assert _tabel(hoorn, "Meldingen naar hoedanigheid").totaal == 9
    assert dict(_tabel(hoorn, "Meldingen naar hoedanigheid").rijen) == {
        "01 politie": GEHEIM,
        "02 huisarts/POH": GEHEIM,
    }
    assert _tabel(hoorn, "Uitkomst").totaal == GEHEIM  # two VB outcomes in 2019
    assert all(t is None for _, t, _ in hoorn.tijdigheid)  # fewer than 5 cases: not shown


def test_municipal_report_counts_adviezen_by_the_familys_gemeente(bouw):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from zicht.intake.tests.factories import AdviesFactory, MelderFactory

    bouw_dataset(bouw)
    huisarts = code("hoedanigheid_beroepsmatig", "02")
    moment = datetime(2019, 5, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    for gemeente in ("GM0398", "GM0398", "GM0416", "GM1980", "GM1980", "GM1980"):
        AdviesFactory(
            gemeente_id=gemeente,
            ontvangen_op=moment,
            adviesvrager=MelderFactory(hoedanigheid=huisarts),
        )
    AdviesFactory(gemeente_id="GM0405", ontvangen_op=moment)  # another gemeente
    AdviesFactory(gemeente=None, ontvangen_op=moment)  # gemeente unknown: not counted
    r = selectors.gemeenterapport("GM1980", periode_lees("2019"))
    adviezen = _tabel(r, "Adviezen")
    # Langedijk and Heerhugowaard (old codes) count for Dijk en Waard
    assert adviezen.totaal == 6
    assert dict(adviezen.rijen) == {"02 huisarts/POH": 6}


def test_municipal_report_files(bouw, beheerder):
    bouw_dataset(bouw)
    for formaat in ("xlsx", "pdf"):
        e = services.export_aanvragen(
            actor=beheerder,
            soort="gemeente",
            periode="2019",
            formaat=formaat,
            gemeente_code="gm1980",
            vandaag=VANDAAG,
            in_wachtrij=False,
        )
        e = services.export_uitvoeren(export_id=e.pk, vandaag=VANDAAG)
        assert e.status == "klaar", e.foutmelding
        pad = services.export_map() / e.bestand
        if formaat == "pdf":
            assert pad.read_bytes().startswith(b"%PDF")
        else:
            boek = load_workbook(pad, read_only=True)
            rijen = [r for blad in boek.worksheets for r in blad.iter_rows(values_only=True)]
            assert ("03 psychisch geweld", 6) in rijen


def test_board_report_pdf_and_xlsx(bouw, beheerder):
    bouw_dataset(bouw)
    r = rapporten.bestuursrapport(2019, 4, vandaag=VANDAAG)
    regels = {v.dienst: v for v in r.volumes}
    assert regels["advies"].werkelijk == 1  # a1 only: a2 is 30 June
    assert regels["melding_en_veiligheidsbeoordeling"].werkelijk == 3  # m1 m2 m4
    if regels["advies"].plan_jaar:
        assert regels["advies"].plan_naar_rato == round(regels["advies"].plan_jaar * 4 / 12)
    assert [t.totaal for _, t, _, _ in r.tijdigheid] == [2, 2, 0]  # m1 m2; d3 d1; d2 in June
    for formaat, begin in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        e = services.export_aanvragen(
            actor=beheerder,
            soort="bestuur",
            periode="2019",
            formaat=formaat,
            opties={"maand": 8},
            vandaag=VANDAAG,
            in_wachtrij=False,
        )
        e = services.export_uitvoeren(export_id=e.pk, vandaag=VANDAAG)
        assert e.status == "klaar", e.foutmelding
        assert (services.export_map() / e.bestand).read_bytes().startswith(begin)
    with pytest.raises(services.ExportFout, match="maand 4, 8 of 12"):
        services.export_aanvragen(
            actor=beheerder,
            soort="bestuur",
            periode="2019",
            opties={"maand": 6},
            vandaag=VANDAAG,
            in_wachtrij=False,
        )


def test_annual_figures(bouw, beheerder):
    bouw_dataset(bouw)
    j = rapporten.jaarverslag(2019)
    assert j.volumes["advies"] == 3
    assert j.volumes["melding_en_veiligheidsbeoordeling"] == 5 + 11
    assert j.besluiten == {
        "onderzoek": 1,
        "voorwaarden_en_vervolg": 1,
        "einde_bemoeienis": 1,
        "overdracht_na_vb": 1,
    }
    e = services.export_aanvragen(
        actor=beheerder, soort="jaarverslag", periode="2019", vandaag=VANDAAG, in_wachtrij=False
    )
    assert services.export_uitvoeren(export_id=e.pk, vandaag=VANDAAG).status == "klaar"


def test_cli_reports(bouw, tmp_path, nu):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    bouw_dataset(bouw)
    out = StringIO()
    call_command("rapport", "gemeente", "--gemeente", "GM1980", "--periode", "2019", stdout=out)
    tekst = out.getvalue()
    assert "Dijk en Waard (GM1980)" in tekst
    assert "03 psychisch geweld | 6" in tekst
    uit = tmp_path / "bestuur.pdf"
    call_command(
        "rapport", "bestuur", "--jaar", "2019", "--maand", "8", "--uit", str(uit), stdout=StringIO()
    )
    assert uit.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="toekomst"):
        call_command(
            "rapport", "gemeente", "--gemeente", "GM0405", "--periode", "2021", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command(
            "rapport", "gemeente", "--gemeente", "GM9999", "--periode", "2019", stdout=StringIO()
        )


def test_vb_on_time_per_week_is_each_week_alone_in_one_query(bouw, django_assert_num_queries):
    from datetime import timedelta

    from zicht.reporting.domain.perioden import Periode

    bouw_dataset(bouw)
    maandagen = [date(2019, 3, 25) + timedelta(weeks=i) for i in range(20)]
    with django_assert_num_queries(1):
        per_week = measures.vb_tijdigheid_per_week(maandagen)
    assert [d for d, _ in per_week] == maandagen
    for d, tijdigheid in per_week:
        week = Periode(f"week {d}", d, d + timedelta(days=6))
        assert tijdigheid == measures.vb_tijdigheid(week)
    span = Periode("20 weken", maandagen[0], maandagen[-1] + timedelta(days=6))
    assert sum(t.totaal for _, t in per_week) == measures.vb_tijdigheid(span).totaal > 0
