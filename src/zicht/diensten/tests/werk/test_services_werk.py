"""Services: huisverbod, voorlichting, time registration and assignment — rules, audit, locks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from zicht.audit.models import AuditEvent
from zicht.casework.models import CasusMedewerker, Taak
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError
from zicht.diensten import werk_services as svc
from zicht.diensten.models_werk import (
    DienstBehandeling,
    Huisverbod,
    HuisverbodVerlenging,
    Tijdregel,
    Toewijzing,
    Voorlichting,
)
from zicht.diensten.tests.werk.bouw import diensten_bouwen

pytestmark = pytest.mark.django_db

OPGELEGD = datetime(2026, 3, 10, 21, 30, tzinfo=UTC)  # 22:30 in Amsterdam, 10 March
NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def _events(code):
    return list(AuditEvent.objects.filter(event=code).order_by("pk"))


@pytest.fixture
def casus(team):
    return CasusFactory(team=team)


@pytest.fixture
def gezin(casus):
    pleger = BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger")
    kind = BetrokkeneFactory(casus=casus, rol="vermoedelijk_slachtoffer")
    moeder = BetrokkeneFactory(casus=casus, rol="vermoedelijk_slachtoffer")
    return pleger, [kind, moeder]


def _opleggen(cm, casus, gezin, **kw):
    pleger, beschermden = gezin
    args = {
        "actor": cm,
        "casus": casus,
        "opgelegd_op": OPGELEGD,
        "opgelegd_door": "hulpofficier",
        "uithuisgeplaatste": pleger,
        "beschermden": beschermden,
        "nu": NU,
    }
    args.update(kw)
    return svc.huisverbod_opleggen(**args)


# --- huisverbod ------------------------------------------------------------------------------


def test_imposing_a_ban_sets_the_end_creates_tasks_and_audits(cm, casus, gezin):
    hv = _opleggen(cm, casus, gezin)
    assert hv.einde == hv.oorspronkelijk_einde == date(2026, 3, 20)
    assert set(hv.beschermden.all()) == set(gezin[1])
    taken = list(Taak.objects.filter(casus=casus).order_by("deadline", "pk"))
    assert [t.deadline for t in taken] == [
        date(2026, 3, 11),
        date(2026, 3, 11),
        date(2026, 3, 13),
        date(2026, 3, 18),
        date(2026, 3, 20),
    ]
    assert all(t.toegewezen_aan == cm for t in taken)
    (event,) = _events(450)
    assert event.data["einde"] == "2026-03-20"
    assert "Jansen" not in str(event.data)


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"opgelegd_door": "wethouder"}, "opgelegd_door"),
        ({"beschermden": []}, "beschermden"),
        ({"opgelegd_op": datetime(2026, 3, 13, 9, tzinfo=UTC)}, "opgelegd_op"),
    ],
)
def test_imposing_refuses_bad_input(cm, casus, gezin, wijziging, veld):
    with pytest.raises(ValidationError) as fout:
        _opleggen(cm, casus, gezin, **wijziging)
    assert veld in fout.value.message_dict
    assert not Huisverbod.objects.exists()
    assert not Taak.objects.filter(casus=casus).exists()


def test_protected_persons_must_belong_to_the_casus(cm, casus, gezin):
    vreemde = BetrokkeneFactory()
    with pytest.raises(ValidationError) as fout:
        _opleggen(cm, casus, gezin, beschermden=[vreemde])
    assert fout.value.message_dict["beschermden"] == ["Kies alleen betrokkenen van deze casus."]


def test_extension_by_the_mayor_up_to_four_weeks(cm, casus, gezin):
    hv = _opleggen(cm, casus, gezin)
    hv = svc.huisverbod_verlengen(
        actor=cm,
        huisverbod=hv,
        expected_version=1,
        nieuw_einde=date(2026, 3, 30),
        besloten_op=date(2026, 3, 18),
        reden="Dreiging houdt aan.",
        nu=NU,
    )
    hv = svc.huisverbod_verlengen(
        actor=cm,
        huisverbod=hv,
        expected_version=2,
        nieuw_einde=date(2026, 4, 7),
        besloten_op=date(2026, 3, 28),
        reden="Nog steeds.",
        nu=NU,
    )
    hv.refresh_from_db()
    assert (hv.einde, hv.status, hv.version) == (date(2026, 4, 7), "verlengd", 3)
    assert [v.nieuw_einde for v in HuisverbodVerlenging.objects.order_by("pk")] == [
        date(2026, 3, 30),
        date(2026, 4, 7),
    ]
    assert len(_events(451)) == 2


def test_extension_past_four_weeks_is_refused_and_nothing_changes(cm, casus, gezin):
    hv = _opleggen(cm, casus, gezin)
    with pytest.raises(ValidationError) as fout:
        svc.huisverbod_verlengen(
            actor=cm,
            huisverbod=hv,
            expected_version=1,
            nieuw_einde=date(2026, 4, 8),
            besloten_op=date(2026, 3, 18),
            reden="Dreiging.",
            nu=NU,
        )
    assert fout.value.message_dict["nieuw_einde"] == [
        "Een huisverbod kan worden verlengd tot hooguit 4 weken na de oplegging: "
        "uiterlijk 07-04-2026."
    ]
    hv.refresh_from_db()
    assert (hv.einde, hv.version) == (date(2026, 3, 20), 1)
    assert not HuisverbodVerlenging.objects.exists()


def test_only_the_mayor_extends(cm, casus, gezin):
    hv = _opleggen(cm, casus, gezin)
    with pytest.raises(ValidationError) as fout:
        svc.huisverbod_verlengen(
            actor=cm,
            huisverbod=hv,
            expected_version=1,
            nieuw_einde=date(2026, 3, 30),
            besloten_op=date(2026, 3, 18),
            besloten_door="hulpofficier",
            reden="x",
            nu=NU,
        )
    assert "besloten_door" in fout.value.message_dict


def test_stale_version_is_a_conflict(cm, cm2, casus, gezin):
    hv = _opleggen(cm, casus, gezin)
    svc.huisverbod_verlengen(
        actor=cm,
        huisverbod=hv,
        expected_version=1,
        nieuw_einde=date(2026, 3, 30),
        besloten_op=date(2026, 3, 18),
        reden="eerste",
        nu=NU,
    )
    with pytest.raises(ConcurrentEditError) as fout:
        svc.huisverbod_verlengen(
            actor=cm2,
            huisverbod=hv,
            expected_version=1,
            nieuw_einde=date(2026, 4, 1),
            besloten_op=date(2026, 3, 18),
            reden="tweede",
            nu=NU,
        )
    assert fout.value.messages == [CONFLICT_MESSAGE]
    hv.refresh_from_db()
    assert hv.einde == date(2026, 3, 30)


def test_ending_a_ban(cm, casus, gezin):
    hv = _opleggen(cm, casus, gezin)
    with pytest.raises(ValidationError) as fout:
        svc.huisverbod_beeindigen(
            actor=cm, huisverbod=hv, expected_version=1, status="afgelopen", op=date(2026, 3, 15)
        )
    assert "op" in fout.value.message_dict
    hv = svc.huisverbod_beeindigen(
        actor=cm, huisverbod=hv, expected_version=1, status="ingetrokken", op=date(2026, 3, 15)
    )
    assert (hv.status, hv.beeindigd_op) == ("ingetrokken", date(2026, 3, 15))
    with pytest.raises(ValidationError):
        svc.huisverbod_verlengen(
            actor=cm,
            huisverbod=hv,
            expected_version=2,
            nieuw_einde=date(2026, 3, 30),
            besloten_op=date(2026, 3, 15),
            reden="x",
            nu=NU,
        )


# --- voorlichting ----------------------------------------------------------------------------


def _voorlichting(cm, **kw):
    args = {
        "actor": cm,
        "datum": date(2026, 3, 5),
        "onderwerp": "Meldcode",
        "doelgroep": "huisartsen",
        "organisatie": "Huisartsenkring",
        "deelnemers": 24,
        "minuten": 90,
        "nu": NU,
    }
    args.update(kw)
    return svc.voorlichting_opslaan(**args)


def test_voorlichting_create_edit_conflict(cm, cm2):
    v = _voorlichting(cm)
    assert (v.version, v.gegeven_door) == (1, cm)
    v = _voorlichting(cm2, voorlichting=v, expected_version=1, deelnemers=30)
    assert (v.deelnemers, v.version) == (30, 2)
    with pytest.raises(ConcurrentEditError):
        _voorlichting(cm, voorlichting=v, expected_version=1, deelnemers=1)
    v.refresh_from_db()
    assert v.deelnemers == 30
    assert len(_events(453)) == 1
    assert len(_events(454)) == 1


@pytest.mark.parametrize(
    ("kw", "veld"),
    [
        ({"minuten": 0}, "minuten"),
        ({"deelnemers": -1}, "deelnemers"),
        ({"onderwerp": " "}, "onderwerp"),
    ],
)
def test_voorlichting_bad_input(cm, kw, veld):
    with pytest.raises(ValidationError) as fout:
        _voorlichting(cm, **kw)
    assert veld in fout.value.message_dict
    assert not Voorlichting.objects.exists()


# --- time registration -----------------------------------------------------------------------


def test_booking_on_a_dienst_counts_for_its_planning_service(cm, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm, soort="voorwaarden_en_vervolg")
    regel = svc.tijd_boeken(actor=cm, datum=date(2026, 3, 11), minuten=90, dienst=dienst, nu=NU)
    assert (regel.soort, regel.casus_id) == ("voorwaarden_en_vervolg", dienst.casus_id)
    (event,) = _events(455)
    assert event.data["minuten"] == 90


def test_corrections_replace_the_booking_and_keep_history(cm, cm2, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    regel = svc.tijd_boeken(actor=cm, datum=date(2026, 3, 11), minuten=90, dienst=dienst, nu=NU)
    svc.tijd_boeken(actor=cm, datum=date(2026, 3, 11), minuten=30, soort="advies", nu=NU)
    nieuw = svc.tijd_corrigeren(actor=cm, regel=regel, minuten=60, nu=NU)
    assert nieuw.corrigeert == regel
    assert Tijdregel.objects.count() == 3
    with pytest.raises(ValidationError, match="al gecorrigeerd; corrigeer de nieuwste"):
        svc.tijd_corrigeren(actor=cm, regel=regel, minuten=45, nu=NU)
    with pytest.raises(ValidationError):
        svc.tijd_corrigeren(actor=cm2, regel=nieuw, minuten=45, nu=NU)
    tellend = Tijdregel.objects.filter(correctie__isnull=True).order_by("pk")
    assert [(r.soort, r.minuten) for r in tellend] == [("advies", 30), ("onderzoek", 60)]


@pytest.mark.parametrize(
    ("kw", "veld"),
    [
        ({"minuten": 0, "soort": "advies"}, "minuten"),
        ({"minuten": 30}, "soort"),
        ({"minuten": 30, "soort": "koffie"}, "soort"),
        ({"minuten": 30, "soort": "advies", "datum": date(2026, 3, 13)}, "datum"),
    ],
)
def test_booking_bad_input(cm, kw, veld):
    args = {"actor": cm, "datum": date(2026, 3, 11), "nu": NU}
    args.update(kw)
    with pytest.raises(ValidationError) as fout:
        svc.tijd_boeken(**args)
    assert veld in fout.value.message_dict
    assert not Tijdregel.objects.exists()


# --- assignment ------------------------------------------------------------------------------


def test_assign_then_reassign_with_reason(leider, cm, cm2, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=leider)
    svc.werk_toewijzen(actor=leider, medewerker=cm, expected_version=1, dienst=dienst, nu=NU)
    behandeling = DienstBehandeling.objects.get(dienst=dienst)
    assert (behandeling.behandelaar, behandeling.version) == (cm, 2)
    assert Taak.objects.get(pk=dienst.taak_id).toegewezen_aan == cm
    assert CasusMedewerker.objects.filter(casus=dienst.casus, user=cm, tot__isnull=True).exists()
    with pytest.raises(ValidationError) as fout:
        svc.werk_toewijzen(actor=leider, medewerker=cm2, expected_version=2, dienst=dienst, nu=NU)
    assert fout.value.message_dict["reden"] == ["Geef een reden voor het herverdelen van het werk."]
    svc.werk_toewijzen(
        actor=leider, medewerker=cm2, expected_version=2, reden="Ziekte", dienst=dienst, nu=NU
    )
    behandeling.refresh_from_db()
    assert behandeling.behandelaar == cm2
    assert CasusMedewerker.objects.get(casus=dienst.casus, user=cm).tot == date(2026, 3, 12)
    assert [(t.van_id, t.naar_id, t.reden) for t in Toewijzing.objects.order_by("pk")] == [
        (None, cm.pk, ""),
        (cm.pk, cm2.pk, "Ziekte"),
    ]
    assert [e.data["herverdeling"] for e in _events(457)] == [False, True]


def test_assigning_outside_the_team_is_refused(leider, buitenstaander, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=leider)
    with pytest.raises(ValidationError) as fout:
        svc.werk_toewijzen(
            actor=leider, medewerker=buitenstaander, expected_version=1, dienst=dienst, nu=NU
        )
    assert "team" in fout.value.message_dict["medewerker"][0]
    assert not Toewijzing.objects.exists()
    assert not DienstBehandeling.objects.filter(behandelaar__isnull=False).exists()


def test_two_team_leaders_at_once(leider, cm, cm2, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=leider)
    svc.werk_toewijzen(actor=leider, medewerker=cm, expected_version=1, dienst=dienst, nu=NU)
    with pytest.raises(ConcurrentEditError):
        svc.werk_toewijzen(actor=leider, medewerker=cm2, expected_version=1, dienst=dienst, nu=NU)
    assert DienstBehandeling.objects.get(dienst=dienst).behandelaar == cm


def test_assigning_a_vb_task(leider, cm, team):
    from zicht.intake.tests.factories import MeldingFactory

    melding = MeldingFactory(casus=CasusFactory(team=team))
    taak = melding.vb_taak
    svc.werk_toewijzen(actor=leider, medewerker=cm, expected_version=taak.version, taak=taak, nu=NU)
    taak.refresh_from_db()
    assert (taak.toegewezen_aan, taak.version) == (cm, 2)


def test_mijn_werk_lists_deadlines_first_each_item_once(cm, team):
    from zicht.casework.tests.factories import TaakFactory
    from zicht.diensten.selectors_werk import mijn_werk

    laat = diensten_bouwen(team=team, n=1, gebruiker=cm, behandelaar=cm, termijn_dagen=5)[0]
    vroeg = diensten_bouwen(team=team, n=1, gebruiker=cm, behandelaar=cm, termijn_dagen=1)[0]
    zonder = diensten_bouwen(
        team=team, n=1, gebruiker=cm, behandelaar=cm, soort="overdracht_na_vb", termijn_dagen=None
    )[0]
    taak = TaakFactory(
        casus=CasusFactory(team=team),
        toegewezen_aan=cm,
        start=date(2026, 3, 2),
        oorspronkelijke_deadline=date(2026, 3, 5),
    )
    werk = mijn_werk(cm, op=date(2026, 3, 4))
    assert [(i.soort, i.pk) for i in werk.items] == [
        ("dienst", vroeg.pk),  # 3 March: overdue
        ("taak", taak.pk),  # 5 March
        ("dienst", laat.pk),  # 7 March
        ("dienst", zonder.pk),  # no term: last
    ]
    assert werk.te_laat == 1
    assert werk.deze_week == 2
