"""The content services of the diensten: V&V, Onderzoek, overdracht, monitoring — the rules a
team would check (closing without conditions, late start, conflicts, what follows)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from zicht.assessment import services as assessment_services
from zicht.assessment.models import Ketenpartner, Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import (
    NU,
    PERSOONSGEGEVENS,
    STRUCTUREEL,
    assert_no_personal_data,
)
from zicht.audit.catalogue import Event
from zicht.casework.models import Taak
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError
from zicht.diensten import inhoud_services as s
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.models import (
    DienstStap,
    MonitoringMoment,
    OnderzoekConclusie,
    Terugkoppeling,
    WettelijkeMelding,
)
from zicht.diensten.services import besluit_bevestigen, terugkoppeling_brief_html

pytestmark = pytest.mark.django_db

#: Monday 16 March 2026: the besluit is confirmed (V&V / Onderzoek due Tuesday 26 May).
MAANDAG = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


def dienst_na_besluit(melding, voorsteller, collega, soort, **extra):
    besluit = assessment_services.besluit_voorstellen(
        actor=voorsteller,
        melding=melding,
        soort=soort,
        antwoorden=STRUCTUREEL,
        motivering="Structurele zorgen.",
        nu=NU,
        **extra,
    )
    versie = Veiligheidsbeoordeling.objects.get(melding=melding).version
    return besluit_bevestigen(
        actor=collega, besluit=besluit, expected_version=versie, nu=MAANDAG
    ).dienst


@pytest.fixture
def vv_dienst(melding, voorsteller, collega):
    return dienst_na_besluit(melding, voorsteller, collega, "voorwaarden_en_vervolg")


@pytest.fixture
def onderzoek(melding, voorsteller, deskundige):
    return dienst_na_besluit(melding, voorsteller, deskundige, "onderzoek")


def voorwaarde(dienst, actor, tekst="Vader drinkt niet als de kinderen thuis zijn.", nu=LATER):
    dienst.refresh_from_db()
    return s.voorwaarde_toevoegen(
        actor=actor,
        dienst=dienst,
        expected_version=dienst.version,
        tekst=tekst,
        wie="vader",
        nu=nu,
    )


def test_vv_starts_running_and_closing_without_conditions_is_refused(vv_dienst, collega):
    assert vv_dienst.fase == "lopend"
    with pytest.raises(ValidationError) as fout:
        s.vv_afronden(
            actor=collega,
            dienst=vv_dienst,
            expected_version=vv_dienst.version,
            motivering="Klaar.",
            nu=LATER,
        )
    assert fout.value.message_dict["__all__"][0].startswith(
        "Voorwaarden en Vervolg kan niet worden afgerond zonder veiligheidsvoorwaarden"
    )
    vv_dienst.refresh_from_db()
    assert vv_dienst.status == "gestart"
    assert vv_dienst.einde is None


def test_vv_closed_creates_overdracht_na_bemoeienis_and_monitoring(
    vv_dienst, collega, melding, audit_rows
):
    voorwaarde(vv_dienst, collega)
    vv_dienst.refresh_from_db()
    s.planregel_toevoegen(
        actor=collega,
        dienst=vv_dienst,
        expected_version=vv_dienst.version,
        soort="actie",
        omschrijving="Aanmelden bij opvoedondersteuning",
        eigenaar="wijkteam",
        deadline=date(2026, 5, 1),
        nu=LATER,
    )
    vv_dienst.refresh_from_db()
    uitkomst = s.vv_afronden(
        actor=collega,
        dienst=vv_dienst,
        expected_version=vv_dienst.version,
        motivering="Plan met gezin en netwerk afgesproken.",
        nu=LATER,
    )
    vv_dienst.refresh_from_db()
    assert (vv_dienst.status, vv_dienst.fase, vv_dienst.einde) == (
        "afgerond",
        "afgerond",
        date(2026, 4, 20),
    )
    assert Taak.objects.get(pk=vv_dienst.taak_id).afgerond_op == LATER
    overdracht, monitoring = uitkomst.vervolgen
    assert overdracht.soort == "overdracht_na_bemoeienis"
    assert overdracht.vorige == vv_dienst
    assert overdracht.besluit is None
    assert overdracht.fase == "voorbereiding"
    assert list(overdracht.voorwaarden.values_list("tekst", "wie")) == [
        ("Vader drinkt niet als de kinderen thuis zijn.", "vader")
    ]
    assert monitoring.soort == "monitoren"
    assert monitoring.vorige == vv_dienst
    geplande = list(
        MonitoringMoment.objects.filter(dienst=monitoring).values_list("gepland_op", flat=True)
    )
    # default policy: months 1, 2, 3, then 6, 9, 12, 15, 18 from 20 April 2026
    assert geplande == [
        date(2026, 5, 20),
        date(2026, 6, 20),
        date(2026, 7, 20),
        date(2026, 10, 20),
        date(2027, 1, 20),
        date(2027, 4, 20),
        date(2027, 7, 20),
        date(2027, 10, 20),
    ]
    assert DienstStap.objects.get(dienst=vv_dienst).actie == "afronden"
    assert audit_rows(Event.DIENST_AFGEROND)
    assert_no_personal_data(audit_rows(), *PERSOONSGEGEVENS, "drinkt")


def test_two_people_editing_the_same_plan_second_is_told_nothing_overwritten(
    vv_dienst, collega, voorsteller
):
    gezien = vv_dienst.version
    s.voorwaarde_toevoegen(
        actor=collega, dienst=vv_dienst, expected_version=gezien, tekst="Eerste", wie="moeder"
    )
    with pytest.raises(ConcurrentEditError) as fout:
        s.voorwaarde_toevoegen(
            actor=voorsteller,
            dienst=vv_dienst,
            expected_version=gezien,
            tekst="Tweede",
            wie="vader",
        )
    assert fout.value.message_dict["__all__"] == [CONFLICT_MESSAGE]
    assert list(vv_dienst.voorwaarden.values_list("tekst", flat=True)) == ["Eerste"]


def test_plan_line_validation_in_dutch_at_the_field(vv_dienst, collega):
    with pytest.raises(ValidationError) as fout:
        s.planregel_toevoegen(
            actor=collega,
            dienst=vv_dienst,
            expected_version=vv_dienst.version,
            soort="zorg",
            omschrijving="Traumabehandeling",
        )
    assert fout.value.message_dict == {
        "persoon": ["Kies het gezinslid om wie het gaat."],
        "prioriteit": ["Kies de prioriteit van deze zorg."],
    }


def test_vv_clock_suspension_and_extension_move_the_deadline(vv_dienst, collega, audit_rows):
    assert vv_dienst.deadline == date(2026, 5, 26)
    d = s.termijn_opschorten(
        actor=collega,
        dienst=vv_dienst,
        expected_version=vv_dienst.version,
        van=date(2026, 4, 1),
        tot=date(2026, 4, 7),
        reden="Gezin op vakantie",
    )
    # 25 May (2e Pinksterdag, moved to the 26th) + 7 suspended days: Monday 1 June 2026
    assert d.deadline == date(2026, 6, 1) == Taak.objects.get(pk=d.taak_id).deadline
    d = s.termijn_verlengen(
        actor=collega, dienst=d, expected_version=d.version, aantal=2, reden="Wachten op GGZ"
    )
    assert d.deadline == date(2026, 6, 15)
    assert Taak.objects.get(pk=d.taak_id).opgeschorte_dagen == 7
    assert audit_rows(Event.DIENST_TERMIJN_VERLENGD)
    with pytest.raises(ValidationError) as fout:
        s.termijn_verlengen(actor=collega, dienst=d, expected_version=d.version, aantal=3, reden="")
    assert fout.value.message_dict == {"reden": ["Geef de reden van de verlenging."]}


def test_onderzoek_late_start_is_marked_and_completes_the_start_task(onderzoek, deskundige):
    assert onderzoek.fase == "niet_gestart"
    start_taak = Taak.objects.get(pk=onderzoek.start_taak_id)
    # melding received Tuesday 10 March: 5 days -> Sunday 15 March -> Monday 16 March (Atw)
    assert start_taak.deadline == date(2026, 3, 16)
    gestart = s.onderzoek_starten(
        actor=deskundige,
        dienst=onderzoek,
        expected_version=onderzoek.version,
        gestart_op=date(2026, 3, 18),
        nu=LATER,
    )
    assert gestart.te_laat is True
    assert gestart.uiterlijk == date(2026, 3, 16)
    assert gestart.dienst.start_te_laat is True
    assert Taak.objects.get(pk=start_taak.pk).afgerond_op == LATER
    with pytest.raises(ValidationError) as fout:
        s.onderzoek_starten(
            actor=deskundige,
            dienst=gestart.dienst,
            expected_version=gestart.dienst.version,
            gestart_op=date(2026, 3, 18),
            nu=LATER,
        )
    assert "kan niet wanneer de dienst ‘lopend’ is" in fout.value.messages[0]


def _gestart(onderzoek, actor):
    return s.onderzoek_starten(
        actor=actor,
        dienst=onderzoek,
        expected_version=onderzoek.version,
        gestart_op=date(2026, 3, 16),
        nu=LATER,
    ).dienst


def test_onderzoek_confirmed_needs_conditions_then_closes_with_codes_rvdk_and_feedback(
    onderzoek, deskundige, melding, audit_rows
):
    d = _gestart(onderzoek, deskundige)
    conclusies = [
        ond.ConclusieInvoer("01", ond.Conclusie.BEVESTIGD, True),
        ond.ConclusieInvoer("08", ond.Conclusie.NIET_BEVESTIGD, True),
    ]
    with pytest.raises(ValidationError) as fout:
        s.onderzoek_afronden(
            actor=deskundige,
            dienst=d,
            expected_version=d.version,
            conclusies=conclusies,
            bevindingen="Letsel vastgesteld.",
            nu=LATER,
        )
    assert "veiligheidsvoorwaarden" in fout.value.message_dict["__all__"][0]
    voorwaarde(d, deskundige, tekst="Geen fysieke straffen.")
    d.refresh_from_db()
    uitkomst = s.onderzoek_afronden(
        actor=deskundige,
        dienst=d,
        expected_version=d.version,
        conclusies=conclusies,
        bevindingen="Letsel vastgesteld.",
        rvdk_verzoek=True,
        nu=LATER,
    )
    assert sorted(OnderzoekConclusie.objects.filter(dienst=d).values_list("aard", "uitkomst")) == [
        ("01", "06"),
        ("08", "05"),
    ]
    assert [v.soort for v in uitkomst.vervolgen] == [
        "rvdk_verzoek",
        "overdracht_na_bemoeienis",
        "monitoren",
    ]
    assert sorted(
        WettelijkeMelding.objects.filter(besluit=None).values_list("ontvanger", flat=True)
    ) == [
        "college",
        "rvdk",
    ]
    tk = Terugkoppeling.objects.get(soort="na_onderzoek")
    assert tk.melding == melding
    assert tk.dienst == d
    # both feedbacks exist for the melding
    assert set(melding.terugkoppelingen.values_list("soort", flat=True)) == {
        "na_vb",
        "na_onderzoek",
    }
    brief = terugkoppeling_brief_html(tk)
    # the melder is a huisarts (professional role): the conditions are in, nothing else
    assert "Geen fysieke straffen." in brief
    assert "onderzoek gedaan" in brief
    for woord in ("Anna", "Jansen", "Kees", "Letsel", "vader"):
        assert woord not in brief
    assert_no_personal_data(audit_rows(), *PERSOONSGEGEVENS)


def test_feedback_to_a_private_melder_never_has_the_conditions(onderzoek, deskundige, melding):
    from zicht.intake.models import Code

    melder = melding.melder
    melder.hoedanigheid = Code.objects.filter(lijst="hoedanigheid_niet_beroepsmatig").first()
    melder.save()
    d = _gestart(onderzoek, deskundige)
    voorwaarde(d, deskundige, tekst="Geen fysieke straffen.")
    d.refresh_from_db()
    s.onderzoek_afronden(
        actor=deskundige,
        dienst=d,
        expected_version=d.version,
        conclusies=[
            ond.ConclusieInvoer("01", ond.Conclusie.BEVESTIGD, True),
            ond.ConclusieInvoer("08", ond.Conclusie.WEERLEGD, True),
        ],
        bevindingen="x",
        nu=LATER,
    )
    for tk in Terugkoppeling.objects.filter(melding=melding):
        assert "Geen fysieke straffen." not in terugkoppeling_brief_html(tk)


def test_vb_feedback_of_a_vv_lists_the_conditions_for_a_professional(vv_dienst, collega, melding):
    voorwaarde(vv_dienst, collega, tekst="Kinderen gaan elke dag naar school.")
    tk = Terugkoppeling.objects.get(melding=melding, soort="na_vb")
    assert "Kinderen gaan elke dag naar school." in terugkoppeling_brief_html(tk)


def test_onderzoek_closed_early_has_no_follow_up(onderzoek, deskundige):
    d = _gestart(onderzoek, deskundige)
    uitkomst = s.onderzoek_afronden(
        actor=deskundige,
        dienst=d,
        expected_version=d.version,
        conclusies=[
            ond.ConclusieInvoer(
                a, ond.Conclusie.VOORTIJDIG_AFGESLOTEN, True, ond.RedenVoortijdig.VERTROKKEN
            )
            for a in ("01", "08")
        ],
        bevindingen="Gezin vertrokken, adres onbekend.",
        nu=LATER,
    )
    assert uitkomst.vervolgen == []
    assert set(OnderzoekConclusie.objects.values_list("uitkomst", flat=True)) == {"07"}


@pytest.fixture
def overdracht(vv_dienst, collega):
    voorwaarde(vv_dienst, collega)
    vv_dienst.refresh_from_db()
    uitkomst = s.vv_afronden(
        actor=collega,
        dienst=vv_dienst,
        expected_version=vv_dienst.version,
        motivering="Plan afgesproken.",
        nu=LATER,
    )
    return uitkomst.vervolgen


def test_overdracht_refused_stays_a_risk_then_accepted_by_another_partner(overdracht, collega):
    d, _monitoring = overdracht
    wijkteam = Ketenpartner.objects.create(naam="Wijkteam Alkmaar", soort="wijkteam")
    ggz = Ketenpartner.objects.create(naam="GGZ Noord", soort="GGZ")
    d = s.overdracht_aanbieden(
        actor=collega,
        dienst=d,
        expected_version=d.version,
        ketenpartner=wijkteam,
        aangeboden_op=date(2026, 4, 20),
        nu=LATER,
    )
    d = s.overdracht_weigeren(
        actor=collega,
        dienst=d,
        expected_version=d.version,
        geweigerd_op=date(2026, 4, 20),
        reden="Geen capaciteit",
        nu=LATER,
    )
    assert d.fase == "geweigerd"
    assert d.status == "gestart"
    with pytest.raises(ValidationError) as fout:
        s.overdracht_accepteren(
            actor=collega,
            dienst=d,
            expected_version=d.version,
            geaccepteerd_op=date(2026, 4, 20),
            geaccepteerd_door="J. de Vries",
            verantwoordelijk_vanaf=date(2026, 4, 20),
            nu=LATER,
        )
    assert "kan niet wanneer de dienst" in fout.value.messages[0]
    d = s.overdracht_aanbieden(
        actor=collega,
        dienst=d,
        expected_version=d.version,
        ketenpartner=ggz,
        aangeboden_op=date(2026, 4, 20),
        nu=LATER,
    )
    with pytest.raises(ValidationError) as fout:
        s.overdracht_accepteren(
            actor=collega,
            dienst=d,
            expected_version=d.version,
            geaccepteerd_op=date(2026, 4, 19),
            geaccepteerd_door="",
            verantwoordelijk_vanaf=date(2026, 4, 18),
            nu=LATER,
        )
    assert set(fout.value.message_dict) == {
        "geaccepteerd_door",
        "geaccepteerd_op",
        "verantwoordelijk_vanaf",
    }
    d = s.overdracht_accepteren(
        actor=collega,
        dienst=d,
        expected_version=d.version,
        geaccepteerd_op=date(2026, 4, 20),
        geaccepteerd_door="J. de Vries",
        verantwoordelijk_vanaf=date(2026, 4, 20),
        nu=LATER,
    )
    assert (d.status, d.fase, d.einde, d.ketenpartner) == (
        "afgerond",
        "overgedragen",
        date(2026, 4, 20),
        ggz,
    )
    assert list(DienstStap.objects.filter(dienst=d).values_list("actie", flat=True)) == [
        "aanbieden",
        "weigeren",
        "aanbieden",
        "accepteren",
    ]


def test_monitoring_contact_before_the_schedule_started_is_refused(overdracht, collega):
    _o, m = overdracht
    with pytest.raises(ValidationError) as fout:
        s.monitoring_contact(
            actor=collega,
            dienst=m,
            expected_version=m.version,
            datum=date(2026, 4, 19),
            met_wie="moeder",
            voorwaarden="ja",
            veiligheid="stabiel",
            nu=datetime(2026, 5, 21, 9, 0, tzinfo=UTC),
        )
    assert fout.value.message_dict == {
        "datum": ["Dit contact ligt vóór de start van het monitoringsschema (20-04-2026)."]
    }


def test_monitoring_contacts_fill_the_schedule_unstable_blocks_ending_escalation_starts_onderzoek(
    overdracht, collega, audit_rows
):
    _o, m = overdracht
    juni = datetime(2026, 6, 22, 9, 0, tzinfo=UTC)
    moment = s.monitoring_contact(
        actor=collega,
        dienst=m,
        expected_version=m.version,
        datum=date(2026, 5, 21),
        met_wie="moeder en wijkteam",
        voorwaarden="ja",
        veiligheid="stabiel",
        nu=juni,
    )
    assert (moment.volgnummer, moment.gepland_op) == (1, date(2026, 5, 20))
    m.refresh_from_db()
    moment = s.monitoring_contact(
        actor=collega,
        dienst=m,
        expected_version=m.version,
        datum=date(2026, 6, 22),
        met_wie="school",
        voorwaarden="nee",
        veiligheid="instabiel",
        nu=juni,
    )
    assert moment.volgnummer == 2
    m.refresh_from_db()
    with pytest.raises(ValidationError) as fout:
        s.monitoring_afronden(
            actor=collega, dienst=m, expected_version=m.version, eindoordeel="", nu=juni
        )
    assert set(fout.value.message_dict) == {"eindoordeel", "__all__"}
    uitkomst = s.monitoring_escaleren(
        actor=collega,
        dienst=m,
        expected_version=m.version,
        escalatie="onderzoek",
        reden="Nieuw incident gemeld door school.",
        nu=juni,
    )
    m.refresh_from_db()
    assert (m.status, m.fase, m.escalatie, m.einde) == (
        "afgerond",
        "geescaleerd",
        "onderzoek",
        date(2026, 6, 22),
    )
    (nieuw,) = uitkomst.vervolgen
    assert nieuw.soort == "onderzoek"
    assert nieuw.vorige == m
    assert nieuw.fase == "niet_gestart"
    # 10 weeks from 22 June 2026: Monday 31 August
    assert nieuw.deadline == date(2026, 8, 31)
    assert audit_rows(Event.MONITORING_GEESCALEERD)


def test_monitoring_ends_with_a_final_assessment(overdracht, collega):
    _o, m = overdracht
    uitkomst = s.monitoring_afronden(
        actor=collega,
        dienst=m,
        expected_version=m.version,
        eindoordeel="Veiligheid stabiel, hulp loopt.",
        nu=datetime(2027, 10, 21, 9, 0, tzinfo=UTC),
    )
    assert uitkomst.dienst.afsluiting == "Veiligheid stabiel, hulp loopt."
    assert uitkomst.dienst.einde == date(2027, 10, 21)


def test_policy_publication_is_versioned_and_used_for_new_schedules(overdracht, make_user, collega):
    beheerder = make_user("fb")
    beleid = s.monitoringsbeleid_publiceren(
        actor=beheerder,
        omschrijving="Tweewekelijks eerst",
        stappen=[s.mon.Fasering(1, 2), s.mon.Fasering(6, 14)],
    )
    assert beleid.versie == 2
    assert s.monitoring_beleid_actueel() == beleid
    _o, oude = overdracht
    assert oude.monitoring_beleid.versie == 1
    assert oude.momenten.count() == 8
    with pytest.raises(ValidationError) as fout:
        s.monitoringsbeleid_publiceren(actor=beheerder, omschrijving="", stappen=[])
    assert set(fout.value.message_dict) == {"omschrijving", "stappen"}


def test_a_melding_during_monitoring_is_classified_tijdens_monitoring(overdracht, melding):
    from zicht.intake.domain.classificatie import Fase

    _o, m = overdracht
    assert s.fase_bepaler(melding.casus_id) is Fase.TIJDENS_MONITORING
    m.status = "afgerond"
    m.save()
    assert s.fase_bepaler(melding.casus_id) is Fase.NA_VB
