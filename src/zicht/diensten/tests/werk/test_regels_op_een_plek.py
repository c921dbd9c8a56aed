"""Rules that lived in templates and views, now in one place each: the dienst page and lists
display the selector's reading of the term and of the Onderzoek's start; the board's team rule
and what time can be booked on are the services' (the pages only parse and call them)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.models import CasusMedewerker, MedewerkerRol, Taak, TaakOpschorting
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.diensten import inhoud_selectors
from zicht.diensten import selectors_werk as sel
from zicht.diensten import werk_services as svc
from zicht.diensten.domain.termijn import Stand
from zicht.diensten.models import Dienst
from zicht.diensten.models_werk import DienstBehandeling, Tijdregel, Toewijzing
from zicht.diensten.tests.werk.bouw import diensten_bouwen

pytestmark = pytest.mark.django_db

# Thursday 12 March 2026, 10:00 in Amsterdam.
NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
VANDAAG = date(2026, 3, 12)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


# --- the term and the start on the dienst page and lists -------------------------------------


@pytest.mark.parametrize(
    ("termijn_dagen", "stand", "badge"),
    [
        (4, Stand.TE_LAAT, 'badge--rood">te laat<'),  # deadline vr 06-03: voorbij
        (14, Stand.KRAP, 'badge--oranje">2 werkdagen over<'),  # ma 16-03: do → ma, 2 werkdagen
        (
            70,
            Stand.OP_SCHEMA,
            'badge--groen">38 werkdagen over<',
        ),  # ma 11-05, Atw-feestdagen tellen niet
    ],
)
def test_dienst_page_and_list_show_the_selectors_term(
    verified_client, cm, team, termijn_dagen, stand, badge
):
    (dienst,) = diensten_bouwen(
        team=team, n=1, gebruiker=cm, behandelaar=cm, termijn_dagen=termijn_dagen
    )
    detail = inhoud_selectors.dienst_detail(cm, dienst.pk, op=VANDAAG)
    assert detail.klok is not None
    assert detail.klok.stand.stand is stand
    assert f'badge--{detail.klok.stand.kleur}">{detail.klok.stand.label}<' == badge
    _page, regels = inhoud_selectors.diensten_lijst(cm, "onderzoek", op=VANDAAG)
    assert regels[0].termijn == detail.klok.stand  # one reading for page and list
    client = verified_client(cm)
    assert badge in client.get(reverse("diensten:dienst", args=[dienst.pk])).content.decode()
    assert badge in client.get(reverse("diensten:lijst", args=["onderzoek"])).content.decode()


def test_closed_dienst_reads_late_or_on_time_by_its_end(verified_client, cm, team):
    laat, op_tijd = diensten_bouwen(
        team=team, n=2, gebruiker=cm, termijn_dagen=4, status="afgerond"
    )
    Dienst.objects.filter(pk=laat.pk).update(einde=date(2026, 3, 9))  # deadline 06-03
    Dienst.objects.filter(pk=op_tijd.pk).update(einde=date(2026, 3, 6))
    _page, regels = inhoud_selectors.diensten_lijst(cm, "onderzoek", afgerond=True, op=VANDAAG)
    per_pk = {r.dienst.pk: r.termijn.stand for r in regels}
    assert per_pk == {laat.pk: Stand.TE_LAAT_AFGEROND, op_tijd.pk: Stand.OP_TIJD_AFGEROND}
    client = verified_client(cm)
    pagina = client.get(reverse("diensten:dienst", args=[laat.pk])).content.decode()
    assert 'badge--rood">te laat afgerond<' in pagina
    lijst = client.get(reverse("diensten:lijst", args=["onderzoek"]) + "?stand=afgerond")
    assert 'badge--groen">op tijd afgerond<' in lijst.content.decode()


def test_onderzoek_not_started_after_its_start_term_shows_start_te_laat(verified_client, cm, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    start_taak = Taak.objects.create(
        casus=dienst.casus,
        omschrijving="Onderzoek starten",
        termijn_code="onderzoek_start",
        start=date(2026, 3, 2),
        oorspronkelijke_deadline=date(2026, 3, 9),
        deadline=date(2026, 3, 9),
        aangemaakt_door=cm,
    )
    Dienst.objects.filter(pk=dienst.pk).update(start_taak=start_taak, fase="niet_gestart")
    detail = inhoud_selectors.dienst_detail(cm, dienst.pk, op=VANDAAG)
    assert detail.start is not None
    assert (detail.start.te_laat, detail.start.label) == (True, "start te laat")
    op_tijd = inhoud_selectors.dienst_detail(cm, dienst.pk, op=date(2026, 3, 9))
    assert op_tijd.start is not None
    assert not op_tijd.start.te_laat
    pagina = verified_client(cm).get(reverse("diensten:dienst", args=[dienst.pk]))
    assert 'badge--rood">start te laat<' in pagina.content.decode()


# --- the team rule of the board (werk_toewijzen_bulk) ----------------------------------------


def _toegewezen_niets():
    assert not Toewijzing.objects.exists()
    assert not DienstBehandeling.objects.filter(behandelaar__isnull=False).exists()
    assert not AuditEvent.objects.filter(event=Event.WERK_TOEGEWEZEN).exists()


def test_bulk_from_a_board_refuses_work_of_another_team_and_assigns_nothing(
    leider, cm, team, ander_team
):
    eigen = diensten_bouwen(team=team, n=2, gebruiker=leider)
    (vreemd,) = diensten_bouwen(team=ander_team, n=1, gebruiker=leider)
    doelen = [svc.Werkdoel(expected_version=1, dienst=d) for d in [*eigen, vreemd]]
    with pytest.raises(ValidationError) as fout:
        svc.werk_toewijzen_bulk(actor=leider, medewerker=cm, doelen=doelen, team=team, nu=NU)
    assert set(fout.value.message_dict) == {"werk"}
    (bericht,) = fout.value.message_dict["werk"]
    assert bericht.startswith(f"{vreemd.casus.nummer}: dit werk hoort niet bij team Team Vervolg")
    _toegewezen_niets()


def test_bulk_from_a_board_refuses_a_medewerker_of_another_team(leider, buitenstaander, team):
    doelen = [
        svc.Werkdoel(expected_version=1, dienst=d)
        for d in diensten_bouwen(team=team, n=2, gebruiker=leider)
    ]
    with pytest.raises(ValidationError) as fout:
        svc.werk_toewijzen_bulk(
            actor=leider, medewerker=buitenstaander, doelen=doelen, team=team, nu=NU
        )
    assert fout.value.message_dict == {
        "medewerker": [
            "Deze medewerker hoort niet bij team Team Vervolg; werk kan alleen binnen het team "
            "worden toegewezen."
        ]
    }
    _toegewezen_niets()


def test_bulk_from_a_board_needs_the_actor_in_that_team(leider, buitenstaander, ander_team):
    doelen = [
        svc.Werkdoel(expected_version=1, dienst=d)
        for d in diensten_bouwen(team=ander_team, n=1, gebruiker=leider)
    ]
    with pytest.raises(ValidationError) as fout:
        svc.werk_toewijzen_bulk(
            actor=leider, medewerker=buitenstaander, doelen=doelen, team=ander_team, nu=NU
        )
    assert set(fout.value.message_dict) == {"team"}
    _toegewezen_niets()


def test_bulk_from_a_board_assigns_the_teams_work(leider, cm, team):
    diensten = diensten_bouwen(team=team, n=2, gebruiker=leider)
    doelen = [svc.Werkdoel(expected_version=1, dienst=d) for d in diensten]
    assert len(svc.werk_toewijzen_bulk(actor=leider, medewerker=cm, doelen=doelen, team=team)) == 2
    assert DienstBehandeling.objects.filter(behandelaar=cm).count() == 2


def test_board_page_refuses_work_of_another_team_in_scope_at_the_service(
    verified_client, leider, cm, team, ander_team
):
    """The leader also sees a casus of another team (assigned to it): selecting its work on the
    own team's board is the service's refusal (400, Dutch message), not a view's 404."""
    (eigen,) = diensten_bouwen(team=team, n=1, gebruiker=leider)
    (vreemd,) = diensten_bouwen(team=ander_team, n=1, gebruiker=leider)
    CasusMedewerker.objects.create(
        casus=vreemd.casus, user=leider, rol=MedewerkerRol.CASEMANAGER, van=date(2026, 3, 1)
    )
    antwoord = verified_client(leider).post(
        reverse("diensten:toewijzen"),
        {
            "werk": [f"dienst-{eigen.pk}:1", f"dienst-{vreemd.pk}:1"],
            "team": team.pk,
            "medewerker": cm.pk,
        },
    )
    assert antwoord.status_code == 400
    assert f"{vreemd.casus.nummer}: dit werk hoort niet bij team Team Vervolg" in (
        antwoord.content.decode()
    )
    _toegewezen_niets()


# --- what time can be booked on (tijd_boeken, casus_boekbaar_werk) ---------------------------


def test_booking_on_a_closed_dienst_is_refused_after_its_closing_day(cm, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm, status="afgerond")
    Dienst.objects.filter(pk=dienst.pk).update(einde=date(2026, 3, 10))
    dienst.refresh_from_db()
    with pytest.raises(ValidationError) as fout:
        svc.tijd_boeken(actor=cm, datum=VANDAAG, minuten=30, dienst=dienst, nu=NU)
    assert fout.value.message_dict == {
        "dienst": [
            "Deze dienst was op die dag al afgerond; boek alleen tijd tot en met de afronding."
        ]
    }
    assert not Tijdregel.objects.exists()
    # the work of its last day may still be booked after the closing
    svc.tijd_boeken(actor=cm, datum=date(2026, 3, 10), minuten=30, dienst=dienst, nu=NU)
    assert Tijdregel.objects.get().dienst_id == dienst.pk


def test_the_list_shows_a_suspended_term_as_the_page_does(verified_client, cm, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm, behandelaar=cm, termijn_dagen=14)
    assert dienst.taak_id is not None
    TaakOpschorting.objects.create(
        taak_id=dienst.taak_id, van=VANDAAG, tot=date(2026, 3, 20), reden="ziekte", door=cm
    )
    detail = inhoud_selectors.dienst_detail(cm, dienst.pk, op=VANDAAG)
    assert detail.klok is not None
    assert detail.klok.stand.stand is Stand.OPGESCHORT
    _page, regels = inhoud_selectors.diensten_lijst(cm, "onderzoek", op=VANDAAG)
    assert regels[0].termijn == detail.klok.stand
    pagina = verified_client(cm).get(reverse("diensten:lijst", args=["onderzoek"]))
    assert 'badge--oranje">opgeschort<' in pagina.content.decode()


def test_booking_on_a_casus_without_a_dienst_is_casus_level_work_only(cm, team):
    casus = CasusFactory(team=team)
    with pytest.raises(ValidationError) as fout:
        svc.tijd_boeken(actor=cm, datum=VANDAAG, minuten=30, casus=casus, soort="onderzoek")
    assert set(fout.value.message_dict) == {"soort"}
    assert not Tijdregel.objects.exists()
    regel = svc.tijd_boeken(actor=cm, datum=VANDAAG, minuten=30, casus=casus, soort="advies")
    assert (regel.soort, regel.casus_id) == ("advies", casus.pk)


def test_casus_booking_page_offers_what_the_service_accepts(verified_client, cm, team):
    (lopend,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    (afgerond,) = diensten_bouwen(team=team, n=1, gebruiker=cm, status="afgerond")
    Dienst.objects.filter(pk=afgerond.pk).update(casus=lopend.casus)
    casus = lopend.casus
    pleger = BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger")
    kind = BetrokkeneFactory(casus=casus)
    for dag in range(1, 8):
        svc.huisverbod_opleggen(
            actor=cm,
            casus=casus,
            opgelegd_op=datetime(2026, 3, dag, 20, tzinfo=UTC),
            opgelegd_door="burgemeester",
            uithuisgeplaatste=pleger,
            beschermden=[kind],
        )
    werk = sel.casus_boekbaar_werk(casus)
    assert [d.pk for d in werk.diensten] == [lopend.pk]
    assert len(werk.huisverboden) == sel.BOEKBARE_HUISVERBODEN
    assert [s.value for s in werk.soorten] == ["melding_en_veiligheidsbeoordeling", "advies"]
    client = verified_client(cm)
    url = reverse("diensten:casus-uren", args=[casus.pk])
    pagina = client.get(url).content.decode()
    assert f'value="dienst:{lopend.pk}"' in pagina
    assert f'value="dienst:{afgerond.pk}"' not in pagina
    assert 'value="soort:advies"' in pagina
    assert 'value="soort:onderzoek"' not in pagina
    assert pagina.count('value="huisverbod:') == sel.BOEKBARE_HUISVERBODEN
    ok = client.post(url, {"datum": "2026-03-12", "minuten": "30", "werk": f"dienst:{lopend.pk}"})
    assert ok.status_code == 302
    assert Tijdregel.objects.get().dienst_id == lopend.pk
