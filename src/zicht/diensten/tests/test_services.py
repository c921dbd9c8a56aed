"""The Veiligheidsbeoordeling services and confirming a besluit (diensten): the rules a
team would check — four eyes, motivation, late decisions, contradictions, what follows."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from zicht.accounts.permissions import Perm
from zicht.assessment import services
from zicht.assessment.models import Besluit, BesluitStap, Veiligheidsbeoordeling
from zicht.assessment.services import BesluitAlBehandeld, VraagInvoer
from zicht.assessment.tests.conftest import (
    DISCLOSURE,
    NU,
    PERSOONSGEGEVENS,
    STRUCTUREEL,
    assert_no_personal_data,
)
from zicht.audit.catalogue import Event
from zicht.casework.models import CasusStatus, JournaalItem, Taak
from zicht.diensten.models import Dienst, Ontvanger, Terugkoppeling, WettelijkeMelding
from zicht.diensten.services import besluit_bevestigen, terugkoppeling_brief_html
from zicht.intake.domain.classificatie import Fase
from zicht.intake.models import MeldingStatus

pytestmark = pytest.mark.django_db

#: Monday 16 March 2026 10:00 Amsterdam: within the VB term (due Tuesday 17 March).
MAANDAG = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
#: Wednesday 18 March 2026: one day late.
WOENSDAG = datetime(2026, 3, 18, 9, 0, tzinfo=UTC)


def voorstel(melding, actor, soort="voorwaarden_en_vervolg", antwoorden=STRUCTUREEL, **extra):
    extra.setdefault("motivering", "Structurele zorgen; gezin erkent de zorgen.")
    return services.besluit_voorstellen(
        actor=actor, melding=melding, soort=soort, antwoorden=antwoorden, nu=NU, **extra
    )


def versie(melding):
    return Veiligheidsbeoordeling.objects.get(melding=melding).version


def test_vv_confirmed_creates_the_dienst_with_its_atw_deadline(
    melding, voorsteller, collega, audit_rows
):
    # Given a proposal for Voorwaarden en Vervolg
    besluit = voorstel(melding, voorsteller)
    # When a colleague confirms it on Monday 16 March 2026
    uitkomst = besluit_bevestigen(
        actor=collega, besluit=besluit, expected_version=versie(melding), nu=MAANDAG
    )
    # Then the besluit took effect, on time
    besluit.refresh_from_db()
    assert besluit.status == "bevestigd"
    assert besluit.bevestigd_door == collega
    beoordeling = Veiligheidsbeoordeling.objects.get(melding=melding)
    assert beoordeling.status == "bevestigd"
    assert beoordeling.op_tijd is True
    assert beoordeling.besloten_datum == date(2026, 3, 16)
    assert beoordeling.instrument.versie == 1
    assert beoordeling.structureel is True
    assert beoordeling.acuut is False
    # ... the melding is decided and its VB task done
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.BESLOTEN
    assert Taak.objects.get(pk=melding.vb_taak_id).afgerond_op == MAANDAG
    # ... the dienst runs 10 weeks: 25 May 2026 is 2e Pinksterdag, so Tuesday 26 May (Atw art. 1)
    dienst = Dienst.objects.get(casus=melding.casus)
    assert dienst == uitkomst.dienst
    assert dienst.soort == "voorwaarden_en_vervolg"
    assert dienst.start == date(2026, 3, 16)
    assert dienst.deadline == date(2026, 5, 26)
    assert dienst.taak.deadline == date(2026, 5, 26)
    assert dienst.taak.casus == melding.casus
    # ... the casus stays open, the melder gets feedback, the history has both steps
    assert melding.casus.status == CasusStatus.OPEN
    terugkoppeling = Terugkoppeling.objects.get(melding=melding)
    assert terugkoppeling.vervolg_gestart
    assert [s.actie for s in BesluitStap.objects.filter(besluit=besluit)] == [
        "voorstellen",
        "bevestigen",
    ]
    assert JournaalItem.objects.filter(casus=melding.casus, tekst__contains="bevestigd").exists()
    # ... and every step is audited without personal data
    events = {r.event for r in audit_rows()}
    assert {
        Event.BEOORDELING_GESTART,
        Event.TRIAGE_VASTGELEGD,
        Event.BESLUIT_VOORGESTELD,
        Event.BESLUIT_BEVESTIGD,
        Event.DIENST_AANGEMAAKT,
        Event.TERUGKOPPELING_AANGEMAAKT,
        Event.TAAK_AFGEROND,
    } <= events
    assert_no_personal_data(audit_rows(), *PERSOONSGEGEVENS)


def test_own_proposal_cannot_be_confirmed(melding, voorsteller):
    besluit = voorstel(melding, voorsteller)
    with pytest.raises(ValidationError) as fout:
        besluit_bevestigen(
            actor=voorsteller, besluit=besluit, expected_version=versie(melding), nu=MAANDAG
        )
    assert "zelf voorgesteld" in str(fout.value)
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.NIEUW
    assert not Dienst.objects.exists()


def test_besluit_needs_a_motivation_and_a_complete_triage(melding, voorsteller):
    with pytest.raises(ValidationError) as fout:
        voorstel(melding, voorsteller, motivering="  ", antwoorden={"acuut_gevaar": "nee"})
    assert fout.value.message_dict["motivering"] == ["Motiveer het besluit."]
    assert "vraag_taxatie" in fout.value.message_dict
    assert not Besluit.objects.exists()


def test_overdracht_needs_the_receiving_party(melding, voorsteller):
    with pytest.raises(ValidationError) as fout:
        voorstel(melding, voorsteller, soort="overdracht_na_vb")
    assert "ontvangende_partij" in fout.value.message_dict
    besluit = voorstel(
        melding, voorsteller, soort="overdracht_na_vb", ontvangende_partij="Wijkteam Noord"
    )
    assert besluit.partij == "Wijkteam Noord"


def test_a_decided_melding_cannot_be_decided_again(melding, voorsteller, collega):
    besluit = voorstel(melding, voorsteller)
    besluit_bevestigen(actor=collega, besluit=besluit, expected_version=versie(melding), nu=MAANDAG)
    with pytest.raises(ValidationError) as fout:
        besluit_bevestigen(
            actor=collega, besluit=besluit, expected_version=versie(melding), nu=MAANDAG
        )
    assert "bevestigd" in str(fout.value)
    with pytest.raises(ValidationError) as fout:
        voorstel(melding, collega, soort="onderzoek")
    assert "al besloten" in str(fout.value)
    assert Dienst.objects.count() == 1


def test_late_decision_needs_a_reason(melding, voorsteller, collega):
    besluit = voorstel(melding, voorsteller)
    with pytest.raises(ValidationError) as fout:
        besluit_bevestigen(
            actor=collega, besluit=besluit, expected_version=versie(melding), nu=WOENSDAG
        )
    assert fout.value.message_dict["reden_te_laat"] == [
        "Het besluit is te laat (uiterlijk 17-03-2026); geef de reden."
    ]
    besluit_bevestigen(
        actor=collega,
        besluit=besluit,
        expected_version=versie(melding),
        reden_te_laat="Gezin pas na drie pogingen bereikt.",
        nu=WOENSDAG,
    )
    beoordeling = Veiligheidsbeoordeling.objects.get(melding=melding)
    assert beoordeling.op_tijd is False
    assert beoordeling.reden_te_laat == "Gezin pas na drie pogingen bereikt."


def test_contradicting_triage_warns_and_needs_an_explanation(
    melding, voorsteller, collega, deskundige
):
    # Given a disclosure (acute) and the proposal to end involvement
    with pytest.raises(ValidationError) as fout:
        voorstel(melding, voorsteller, soort="einde_bemoeienis", antwoorden=DISCLOSURE)
    meldingen = fout.value.message_dict["toelichting_afwijking"]
    assert "acute onveiligheid" in meldingen[0]
    # When the proposer explains the deviation, the proposal is made
    besluit = voorstel(
        melding,
        voorsteller,
        soort="einde_bemoeienis",
        antwoorden=DISCLOSURE,
        toelichting_afwijking="Slachtoffer is inmiddels veilig in de opvang.",
    )
    # Then an acute case needs a deskundige: the colleague may not confirm
    with pytest.raises(ValidationError) as fout:
        besluit_bevestigen(
            actor=collega, besluit=besluit, expected_version=versie(melding), nu=MAANDAG
        )
    assert "gedragsdeskundige of vertrouwensarts" in str(fout.value)
    # ... the deskundige may, and the casus closes (no dienst follows)
    uitkomst = besluit_bevestigen(
        actor=deskundige, besluit=besluit, expected_version=versie(melding), nu=MAANDAG
    )
    assert uitkomst.casus_gesloten
    melding.casus.refresh_from_db()
    assert melding.casus.status == CasusStatus.GESLOTEN
    assert not Dienst.objects.exists()
    assert not Terugkoppeling.objects.get(melding=melding).vervolg_gestart


def test_rvdk_request_records_the_legal_notifications(melding, voorsteller, deskundige, audit_rows):
    besluit = voorstel(melding, voorsteller, soort="rvdk_verzoek")
    uitkomst = besluit_bevestigen(
        actor=deskundige,
        besluit=besluit,
        expected_version=versie(melding),
        politie_inhoud="Politie geïnformeerd over de ernst van de situatie.",
        nu=MAANDAG,
    )
    ontvangers = sorted(WettelijkeMelding.objects.values_list("ontvanger", flat=True))
    assert ontvangers == sorted([Ontvanger.POLITIE, Ontvanger.RVDK, Ontvanger.COLLEGE])
    college = WettelijkeMelding.objects.get(ontvanger=Ontvanger.COLLEGE)
    assert college.datum == date(2026, 3, 16)
    assert college.gemeente  # the casus's gemeente
    assert "Raad voor de Kinderbescherming" in college.inhoud
    assert uitkomst.dienst.soort == "rvdk_verzoek"
    # the request is done when it is made
    assert (uitkomst.dienst.status, uitkomst.dienst.einde) == ("afgerond", date(2026, 3, 16))
    assert uitkomst.terugkoppeling.overgenomen_door == "Raad voor de Kinderbescherming"
    assert len(audit_rows(Event.WETTELIJKE_MELDING_VASTGELEGD)) == 3
    assert_no_personal_data(audit_rows(), *PERSOONSGEGEVENS)


def test_disagreement_is_recorded_and_sends_it_back(melding, voorsteller, collega):
    besluit = voorstel(melding, voorsteller, soort="onderzoek")
    with pytest.raises(ValidationError) as fout:
        services.besluit_terugsturen(
            actor=collega, besluit=besluit, reden=" ", expected_version=versie(melding), nu=NU
        )
    assert "reden_oneens" in fout.value.message_dict
    services.besluit_terugsturen(
        actor=collega,
        besluit=besluit,
        reden="Gezin erkent de zorgen: V&V past beter.",
        expected_version=versie(melding),
        nu=NU,
    )
    besluit.refresh_from_db()
    assert besluit.status == "teruggestuurd"
    assert besluit.reden_oneens.startswith("Gezin erkent")
    # the old proposal stays as history; a new one is a new row
    nieuw = voorstel(melding, voorsteller, soort="voorwaarden_en_vervolg")
    assert nieuw.pk != besluit.pk
    assert Besluit.objects.count() == 2


def test_sending_back_needs_the_right_to_co_decide(melding, voorsteller, make_user):
    from django.core.exceptions import PermissionDenied

    besluit = voorstel(melding, voorsteller, soort="onderzoek")
    zonder = make_user(perms=[Perm.CASUS_INZIEN])
    with pytest.raises(PermissionDenied, match="Hiervoor is het recht"):
        services.besluit_terugsturen(
            actor=zonder, besluit=besluit, reden="Niet eens.", expected_version=versie(melding)
        )
    besluit.refresh_from_db()
    assert besluit.status == "voorgesteld"


def test_the_second_of_two_confirmations_sees_who_was_first(
    melding, voorsteller, collega, deskundige
):
    besluit = voorstel(melding, voorsteller)
    gezien = versie(melding)  # both opened the page at this version
    besluit_bevestigen(actor=collega, besluit=besluit, expected_version=gezien, nu=MAANDAG)
    with pytest.raises(BesluitAlBehandeld) as fout:
        besluit_bevestigen(actor=deskundige, besluit=besluit, expected_version=gezien, nu=MAANDAG)
    assert "Cor" in str(fout.value) or "collega" in str(fout.value)
    assert "het besluit bevestigd" in str(fout.value)
    assert Dienst.objects.count() == 1


def test_a_new_instrument_version_leaves_old_assessments_alone(melding, voorsteller, make_user):
    beoordeling = services.triage_vastleggen(
        actor=voorsteller, melding=melding, antwoorden={"acuut_gevaar": "nee"}, nu=NU
    )
    beheerder = make_user("beheerder")
    vragen = [
        VraagInvoer("gevaar", "Direct gevaar?", "ja_nee", "acuut"),
        VraagInvoer("disclosure", "Disclosure?", "ja_nee", "acuut"),
        VraagInvoer("structureel", "Structureel?", "ja_nee", "structureel"),
        VraagInvoer("multi", "Multi?", "ja_nee", "multiprobleem"),
        VraagInvoer("taxatie", "Taxatie", "keuze", "taxatie", keuzes=[["a", "A"], ["b", "B"]]),
    ]
    nieuw = services.instrument_publiceren(
        actor=beheerder, omschrijving="Versie 2", vragen=vragen, nu=NU
    )
    assert nieuw.versie == 2
    assert services.instrument_actueel() == nieuw
    beoordeling.refresh_from_db()
    assert beoordeling.instrument.versie == 1
    with pytest.raises(ValidationError) as fout:
        services.instrument_publiceren(
            actor=beheerder, omschrijving="Onvolledig", vragen=vragen[:2], nu=NU
        )
    assert "structurele onveiligheid" in str(fout.value)


def test_phase_for_classification(melding, voorsteller, collega):
    assert services.fase_bepaler(melding.casus_id) == Fase.TIJDENS_VB
    besluit = voorstel(melding, voorsteller)
    besluit_bevestigen(actor=collega, besluit=besluit, expected_version=versie(melding), nu=MAANDAG)
    assert services.fase_bepaler(melding.casus_id) == Fase.NA_VB


def test_feedback_letter_says_what_follows_and_nothing_protected(melding, voorsteller, collega):
    besluit = voorstel(
        melding, voorsteller, soort="overdracht_na_vb", ontvangende_partij="Wijkteam Noord"
    )
    besluit_bevestigen(actor=collega, besluit=besluit, expected_version=versie(melding), nu=MAANDAG)
    terugkoppeling = Terugkoppeling.objects.get(melding=melding)
    html = terugkoppeling_brief_html(terugkoppeling, nu=MAANDAG)
    assert "Wijkteam Noord" in html
    assert "Er is een vervolg ingezet" in html
    for woord in (*PERSOONSGEGEVENS, "Structurele zorgen", "onveilig"):
        assert woord not in html
