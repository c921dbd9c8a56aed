"""The pure rules of the diensten: Onderzoek outcome codes, closing conditions, the
monitoring schedule from a staged policy, missed moments, overdracht risks."""

from __future__ import annotations

from datetime import date

import pytest

from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.domain import overdracht as ovd
from zicht.diensten.domain import vv

C = ond.Conclusie


@pytest.mark.parametrize(
    ("conclusie", "kind", "reden", "code"),
    [
        (C.WEERLEGD, False, None, "01"),  # geen huiselijk geweld
        (C.NIET_BEVESTIGD, False, None, "02"),  # huiselijk geweld niet bevestigd
        (C.BEVESTIGD, False, None, "03"),  # huiselijk geweld bevestigd
        (C.WEERLEGD, True, None, "04"),  # geen kindermishandeling
        (C.NIET_BEVESTIGD, True, None, "05"),  # kindermishandeling niet bevestigd
        (C.BEVESTIGD, True, None, "06"),  # kindermishandeling bevestigd
        (C.VOORTIJDIG_AFGESLOTEN, True, ond.RedenVoortijdig.VERTROKKEN, "07"),
        (C.VOORTIJDIG_AFGESLOTEN, False, ond.RedenVoortijdig.OVERLEDEN, "08"),
    ],
)
def test_uitkomst_code_follows_the_2015_code_list(conclusie, kind, reden, code):
    assert ond.uitkomst_code(conclusie, kind=kind, reden=reden) == code


def test_voortijdig_without_reason_has_no_code():
    with pytest.raises(ValueError, match="reden"):
        ond.uitkomst_code(C.VOORTIJDIG_AFGESLOTEN, kind=True, reden=None)


def test_onderzoek_closing_needs_a_conclusion_per_reported_aard_and_conditions_when_confirmed():
    fouten = ond.afronden_fouten(
        conclusies=[ond.ConclusieInvoer("01", C.BEVESTIGD, True)],
        aarden_gemeld=["01", "03"],
        aantal_voorwaarden=0,
        bevindingen="",
    )
    assert fouten["bevindingen"] == ["Beschrijf de bevindingen van het onderzoek."]
    assert fouten["conclusies"] == ["Er ontbreekt een conclusie voor aard 03."]
    assert "veiligheidsvoorwaarden" in fouten["__all__"][0]


def test_onderzoek_closing_refuses_double_aard_and_voortijdig_without_reason():
    fouten = ond.afronden_fouten(
        conclusies=[
            ond.ConclusieInvoer("01", C.WEERLEGD, False),
            ond.ConclusieInvoer("01", C.VOORTIJDIG_AFGESLOTEN, False),
        ],
        aarden_gemeld=["01"],
        aantal_voorwaarden=0,
        bevindingen="Gesprekken gevoerd.",
    )
    assert fouten == {
        "conclusies": [
            "Aard 01 heeft meer dan één conclusie.",
            "Geef bij aard 01 de reden van het voortijdig afsluiten.",
        ]
    }


def test_onderzoek_not_confirmed_needs_no_conditions():
    assert (
        ond.afronden_fouten(
            conclusies=[ond.ConclusieInvoer("03", C.NIET_BEVESTIGD, True)],
            aarden_gemeld=["03"],
            aantal_voorwaarden=0,
            bevindingen="Geen aanwijzingen.",
        )
        == {}
    )


@pytest.mark.parametrize(
    ("gestart", "uiterlijk", "te_laat"),
    [
        (date(2026, 3, 16), date(2026, 3, 16), False),  # on the last day: on time
        (date(2026, 3, 17), date(2026, 3, 16), True),  # one day after the term
    ],
)
def test_onderzoek_start_late(gestart, uiterlijk, te_laat):
    assert ond.start_te_laat(gestart, uiterlijk) is te_laat


def test_vv_closing_without_conditions_is_refused():
    fouten = vv.afronden_fouten(aantal_voorwaarden=0, motivering="")
    assert fouten["__all__"][0].startswith(
        "Voorwaarden en Vervolg kan niet worden afgerond zonder veiligheidsvoorwaarden"
    )
    assert "motivering" in fouten
    assert vv.afronden_fouten(aantal_voorwaarden=1, motivering="Plan afgesproken.") == {}


STANDAARD = [mon.Fasering(1, 3), mon.Fasering(3, 18)]


def test_default_policy_monthly_for_three_months_then_quarterly_to_eighteen():
    assert mon.schema(date(2026, 1, 31), STANDAARD) == [
        date(2026, 2, 28),  # month 1: the 31st becomes the last day of February
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 7, 31),  # month 6
        date(2026, 10, 31),
        date(2027, 1, 31),
        date(2027, 4, 30),
        date(2027, 7, 31),  # month 18
    ]


@pytest.mark.parametrize(
    ("stappen", "fout"),
    [
        ([], "minstens één fase"),
        ([mon.Fasering(0, 3)], "minstens 1 maand"),
        ([mon.Fasering(1, 3), mon.Fasering(3, 4)], "minstens 6"),
        ([mon.Fasering(6, 42)], "hooguit 36 maanden"),
    ],
)
def test_policy_validation(stappen, fout):
    assert any(fout in f for f in mon.beleid_fouten(stappen))


def test_valid_policy_has_no_errors():
    assert mon.beleid_fouten(STANDAARD) == []


@pytest.mark.parametrize(
    ("uitgevoerd", "vandaag", "stand"),
    [
        (date(2026, 3, 2), date(2026, 5, 1), mon.MomentStand.UITGEVOERD),
        (None, date(2026, 2, 28), mon.MomentStand.GEPLAND),
        (None, date(2026, 3, 1), mon.MomentStand.TE_DOEN),
        (None, date(2026, 3, 15), mon.MomentStand.TE_DOEN),  # 14 days of grace
        (None, date(2026, 3, 16), mon.MomentStand.GEMIST),
    ],
)
def test_moment_stand(uitgevoerd, vandaag, stand):
    assert mon.moment_stand(date(2026, 3, 1), uitgevoerd, vandaag) is stand


def test_contact_before_the_schedule_started_is_refused():
    fouten = mon.contact_fouten(
        datum=date(2026, 2, 27), start=date(2026, 3, 1), vandaag=date(2026, 4, 1), met_wie=""
    )
    assert fouten == {
        "datum": ["Dit contact ligt vóór de start van het monitoringsschema (01-03-2026)."],
        "met_wie": ["Vul in met wie er contact was."],
    }


def test_monitoring_ends_only_with_a_final_assessment_and_stable_safety():
    assert "eindoordeel" in mon.afronden_fouten(eindoordeel=" ", open_onveilig=False)
    assert "__all__" in mon.afronden_fouten(eindoordeel="Stabiel.", open_onveilig=True)
    assert mon.afronden_fouten(eindoordeel="Stabiel.", open_onveilig=False) == {}


@pytest.mark.parametrize(
    ("fase", "aangeboden", "risico"),
    [
        (ovd.Fase.GEWEIGERD, date(2026, 3, 1), True),  # refused: always a risk
        (ovd.Fase.AANGEBODEN, date(2026, 3, 1), False),  # 10 days: still waiting
        (ovd.Fase.AANGEBODEN, date(2026, 2, 28), True),  # 11 days unanswered
        (ovd.Fase.VOORBEREIDING, None, False),
        (ovd.Fase.OVERGEDRAGEN, date(2026, 1, 1), False),
    ],
)
def test_overdracht_risk(fase, aangeboden, risico):
    assert ovd.is_risico(fase, aangeboden_op=aangeboden, vandaag=date(2026, 3, 11)) is risico


def test_overdracht_acceptance_rules():
    fouten = ovd.accepteren_fouten(
        aangeboden_op=date(2026, 3, 10),
        geaccepteerd_op=date(2026, 3, 9),
        verantwoordelijk_vanaf=date(2026, 3, 8),
        door=" ",
    )
    assert set(fouten) == {"geaccepteerd_door", "geaccepteerd_op", "verantwoordelijk_vanaf"}
    assert ovd.aanbieden_fouten(heeft_partner=False, aantal_voorwaarden=0).keys() == {
        "ketenpartner",
        "__all__",
    }


@pytest.mark.parametrize(
    ("stappen", "maanden"),
    [
        (STANDAARD, [1, 2, 3, 6, 9, 12, 15, 18]),  # the default policy
        ([mon.Fasering(3, 12)], [3, 6, 9, 12]),  # quarterly for a year
        ([mon.Fasering(2, 5)], [2, 4]),  # a stage ends before its next moment
        ([mon.Fasering(0, 3)], []),  # invalid interval: refused elsewhere, never a hang
    ],
)
def test_schedule_months_need_no_date(stappen, maanden):
    assert mon.schema_maanden(stappen) == maanden
    assert len(mon.schema(date(2026, 1, 31), stappen)) == len(maanden)
