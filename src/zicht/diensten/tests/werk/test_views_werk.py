"""Pages: scope (404), permission (403), forms with Dutch errors, constant query counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.core.exceptions import CONFLICT_MESSAGE
from zicht.diensten import werk_services as svc
from zicht.diensten.models_werk import DienstBehandeling, Huisverbod, Tijdregel, Voorlichting
from zicht.diensten.tests.werk.bouw import diensten_bouwen
from zicht.intake.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


def _huisverbod(cm, team):
    casus = CasusFactory(team=team)
    pleger = BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger")
    kind = BetrokkeneFactory(casus=casus)
    return svc.huisverbod_opleggen(
        actor=cm,
        casus=casus,
        opgelegd_op=datetime(2026, 3, 10, 20, tzinfo=UTC),
        opgelegd_door="burgemeester",
        uithuisgeplaatste=pleger,
        beschermden=[kind],
    )


# --- permissions and scope -------------------------------------------------------------------


@pytest.mark.parametrize(
    "naam",
    ["diensten:mijn-werk", "diensten:uren", "diensten:werkverdeling", "diensten:huisverboden"],
)
def test_pages_need_their_permission(make_user, verified_client, team, naam):
    zonder = make_user("zonder", perms=(Perm.CASUS_INZIEN,), teams=[team])
    assert verified_client(zonder).get(reverse(naam)).status_code == 403


def test_assigning_needs_werk_verdelen(make_user, verified_client, team, cm):
    kijker = make_user("kijker", perms=(Perm.CASUS_INZIEN, Perm.WERKVOORRAAD_INZIEN), teams=[team])
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    client = verified_client(kijker)
    assert client.get(reverse("diensten:werkverdeling")).status_code == 200
    antwoord = client.post(
        reverse("diensten:toewijzen"),
        {"werk": f"dienst-{dienst.pk}:1", "team": team.pk, "medewerker": cm.pk},
    )
    assert antwoord.status_code == 403


def test_huisverbod_outside_scope_is_404(verified_client, cm, buitenstaander, team):
    hv = _huisverbod(cm, team)
    client = verified_client(buitenstaander)
    assert client.get(reverse("diensten:huisverbod", args=[hv.pk])).status_code == 404
    assert (
        client.post(reverse("diensten:huisverbod-verlengen", args=[hv.pk]), {}).status_code == 404
    )
    assert client.get(reverse("diensten:huisverbod-nieuw", args=[hv.casus_id])).status_code == 404
    assert client.get(reverse("diensten:casus-uren", args=[hv.casus_id])).status_code == 404


def test_huisverbod_read_is_audited(verified_client, cm, team):
    from zicht.audit.models import AuditEvent

    hv = _huisverbod(cm, team)
    antwoord = verified_client(cm).get(reverse("diensten:huisverbod", args=[hv.pk]))
    assert antwoord.status_code == 200
    assert AuditEvent.objects.filter(event=458, target_id=str(hv.pk)).exists()


def test_assigning_work_of_another_team_is_404(verified_client, leider, cm, ander_team, make_user):
    vreemde_leider = make_user("vl", perms=(Perm.CASUS_INZIEN,), teams=[ander_team])
    (dienst,) = diensten_bouwen(team=ander_team, n=1, gebruiker=vreemde_leider)
    antwoord = verified_client(leider).post(
        reverse("diensten:toewijzen"),
        {
            "werk": f"dienst-{dienst.pk}:1",
            "team": leider.teams.first().pk,
            "medewerker": cm.pk,
        },
    )
    assert antwoord.status_code == 404


# --- forms -----------------------------------------------------------------------------------


def test_impose_ban_through_the_page(verified_client, cm, team):
    casus = CasusFactory(team=team)
    pleger = BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger")
    kind = BetrokkeneFactory(casus=casus)
    client = verified_client(cm)
    url = reverse("diensten:huisverbod-nieuw", args=[casus.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url,
        {
            "opgelegd_op": "2026-03-11T22:15",
            "opgelegd_door": "hulpofficier",
            "uithuisgeplaatste": pleger.pk,
            "beschermden": [kind.pk],
        },
    )
    hv = Huisverbod.objects.get()
    assert antwoord.status_code == 302
    assert hv.einde == date(2026, 3, 21)
    lijst = client.get(reverse("diensten:huisverboden")).content.decode()
    assert casus.nummer in lijst
    assert "10" in lijst  # days left: 12 → 21 March inclusive


def test_extension_past_four_weeks_shows_a_dutch_error(verified_client, cm, team):
    hv = _huisverbod(cm, team)
    antwoord = verified_client(cm).post(
        reverse("diensten:huisverbod-verlengen", args=[hv.pk]),
        {
            "versie": 1,
            "nieuw_einde": "2026-04-10",
            "besloten_op": "2026-03-12",
            "besloten_door": "burgemeester",
            "reden": "Dreiging",
        },
    )
    assert antwoord.status_code == 400
    assert "hooguit 4 weken na de oplegging: uiterlijk 07-04-2026" in antwoord.content.decode()
    hv.refresh_from_db()
    assert hv.einde == date(2026, 3, 20)


def test_second_editor_of_a_ban_is_told(verified_client, cm, cm2, team):
    hv = _huisverbod(cm, team)
    data = {
        "versie": 1,
        "nieuw_einde": "2026-03-30",
        "besloten_op": "2026-03-12",
        "besloten_door": "burgemeester",
        "reden": "Dreiging",
    }
    assert (
        verified_client(cm)
        .post(reverse("diensten:huisverbod-verlengen", args=[hv.pk]), data)
        .status_code
        == 302
    )
    antwoord = verified_client(cm2).post(
        reverse("diensten:huisverbod-verlengen", args=[hv.pk]),
        {**data, "nieuw_einde": "2026-04-02"},
    )
    assert antwoord.status_code == 409
    assert CONFLICT_MESSAGE in antwoord.content.decode()
    hv.refresh_from_db()
    assert hv.einde == date(2026, 3, 30)


def test_voorlichting_create_and_edit(verified_client, cm):
    client = verified_client(cm)
    data = {
        "datum": "2026-03-05",
        "onderwerp": "Meldcode",
        "doelgroep": "huisartsen",
        "organisatie": "Kring",
        "deelnemers": "20",
        "minuten": "90",
    }
    assert client.post(reverse("diensten:voorlichtingen"), data).status_code == 302
    v = Voorlichting.objects.get()
    fout = client.post(reverse("diensten:voorlichtingen"), {**data, "minuten": "0"})
    assert fout.status_code == 400
    assert Voorlichting.objects.count() == 1
    url = reverse("diensten:voorlichting", args=[v.pk])
    assert client.post(url, {**data, "versie": 1, "deelnemers": "25"}).status_code == 302
    conflict = client.post(url, {**data, "versie": 1, "deelnemers": "99"})
    assert conflict.status_code == 409
    v.refresh_from_db()
    assert v.deelnemers == 25
    assert (
        "Meldcode" in client.get(reverse("diensten:voorlichtingen") + "?jaar=2026").content.decode()
    )


def test_quick_booking_from_mijn_werk_and_the_casus(verified_client, cm, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm, behandelaar=cm)
    client = verified_client(cm)
    pagina = client.get(reverse("diensten:mijn-werk")).content.decode()
    assert f'value="dienst:{dienst.pk}"' in pagina
    antwoord = client.post(
        reverse("diensten:uren"),
        {
            "datum": "2026-03-12",
            "minuten": "45",
            "werk": f"dienst:{dienst.pk}",
            "terug": "/diensten/werk/",
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/diensten/werk/"
    antwoord = client.post(
        reverse("diensten:casus-uren", args=[dienst.casus_id]),
        {"datum": "2026-03-12", "minuten": "30", "werk": "soort:melding_en_veiligheidsbeoordeling"},
    )
    assert antwoord.status_code == 302
    assert sorted(Tijdregel.objects.values_list("soort", "minuten")) == [
        ("melding_en_veiligheidsbeoordeling", 30),
        ("onderzoek", 45),
    ]
    fout = client.post(
        reverse("diensten:uren"), {"datum": "2026-03-12", "minuten": "0", "werk": "soort:advies"}
    )
    assert fout.status_code == 400
    assert "Vul een tijd groter dan 0 in." in fout.content.decode()


def test_booking_a_dienst_outside_scope_is_404(verified_client, cm, buitenstaander, team):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=cm)
    antwoord = verified_client(buitenstaander).post(
        reverse("diensten:uren"),
        {"datum": "2026-03-12", "minuten": "45", "werk": f"dienst:{dienst.pk}"},
    )
    assert antwoord.status_code in (400, 404)
    assert not Tijdregel.objects.exists()


def test_board_assign_outside_team_and_tampered_fields(
    verified_client, leider, cm, buitenstaander, team
):
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=leider)
    client = verified_client(leider)
    bord = client.get(reverse("diensten:werkverdeling")).content.decode()
    assert dienst.casus.nummer in bord
    url = reverse("diensten:toewijzen")
    buiten = client.post(
        url,
        {
            "werk": f"dienst-{dienst.pk}:1",
            "team": team.pk,
            "medewerker": buitenstaander.pk,
        },
    )
    assert buiten.status_code == 400
    assert "werk kan alleen binnen het team worden toegewezen" in buiten.content.decode()
    geknoeid = client.post(url, {"werk": "dossier-1:x", "team": team.pk, "medewerker": cm.pk})
    assert geknoeid.status_code == 400
    assert (
        client.post(
            url, {"werk": f"dienst-{dienst.pk}:1", "team": 999999, "medewerker": cm.pk}
        ).status_code
        == 404
    )
    assert not DienstBehandeling.objects.filter(behandelaar__isnull=False).exists()
    ok = client.post(url, {"werk": f"dienst-{dienst.pk}:1", "team": team.pk, "medewerker": cm.pk})
    assert ok.status_code == 302
    dubbel = client.post(
        url, {"werk": f"dienst-{dienst.pk}:1", "team": team.pk, "medewerker": cm.pk}
    )
    assert dubbel.status_code == 409
    assert CONFLICT_MESSAGE in dubbel.content.decode()


def test_board_shows_caseload_hours_from_the_planning_norms(verified_client, leider, cm, team):
    from zicht.diensten.selectors_werk import urennormen_huidig

    normen = urennormen_huidig(2026)
    assert normen, "planning's data migration provides the hour norms"
    diensten_bouwen(team=team, n=2, gebruiker=leider, behandelaar=cm, soort="onderzoek")
    diensten_bouwen(team=team, n=1, gebruiker=leider, behandelaar=cm, soort="monitoren")
    verwacht = round(2 * normen["onderzoek"] + normen["monitoren"])
    pagina = verified_client(leider).get(reverse("diensten:werkverdeling")).content.decode()
    assert f"{verwacht} uur" in pagina


def _vul(team, leider, leden, n):
    for i, lid in enumerate(leden):
        diensten_bouwen(
            team=team,
            n=n,
            gebruiker=leider,
            behandelaar=lid,
            soort=("onderzoek", "voorwaarden_en_vervolg", "monitoren")[i % 3],
        )
    diensten_bouwen(team=team, n=n, gebruiker=leider, start=date(2026, 1, 5))  # waiting, late
    diensten_bouwen(team=team, n=n, gebruiker=leider, status="afgerond")
    for _ in range(2 if n < 5 else 6):
        MeldingFactory(casus=CasusFactory(team=team))


def _tel(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (calendar, session)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_board_and_mijn_werk_make_a_constant_number_of_queries(
    verified_client, make_user, leider, team, django_assert_max_num_queries
):
    from zicht.diensten.tests.werk.conftest import UITVOERDER

    leden = [make_user(f"lid-{i}", perms=UITVOERDER, teams=[team]) for i in range(3)]
    _vul(team, leider, leden, 2)
    bord, lid = verified_client(leider), None
    klein_bord = _tel(bord, reverse("diensten:werkverdeling"))
    from django.test import Client

    from zicht.conftest import login_verified

    lid = login_verified(Client(), leden[0])
    klein_mijn = _tel(lid, reverse("diensten:mijn-werk"))
    # Four times the team and ten times the work.
    leden += [make_user(f"lid-x{i}", perms=UITVOERDER, teams=[team]) for i in range(9)]
    _vul(team, leider, leden, 20)
    assert _tel(bord, reverse("diensten:werkverdeling")) == klein_bord
    assert _tel(lid, reverse("diensten:mijn-werk")) == klein_mijn
    assert klein_bord <= 30
    assert klein_mijn <= 25


def test_assign_several_at_once_is_all_or_nothing(verified_client, leider, cm, cm2, team):
    eerste, tweede = diensten_bouwen(team=team, n=2, gebruiker=leider)
    client = verified_client(leider)
    url = reverse("diensten:toewijzen")
    # The second is already assigned by someone else meanwhile: nothing is assigned.
    svc.werk_toewijzen(actor=leider, medewerker=cm2, expected_version=1, dienst=tweede)
    antwoord = client.post(
        url,
        {
            "werk": [f"dienst-{eerste.pk}:1", f"dienst-{tweede.pk}:1"],
            "team": team.pk,
            "medewerker": cm.pk,
        },
    )
    assert antwoord.status_code == 409
    assert not DienstBehandeling.objects.filter(dienst=eerste).exists()
    derde = diensten_bouwen(team=team, n=1, gebruiker=leider)[0]
    ok = client.post(
        url,
        {
            "werk": [f"dienst-{eerste.pk}:1", f"dienst-{derde.pk}:1"],
            "team": team.pk,
            "medewerker": cm.pk,
        },
    )
    assert ok.status_code == 302
    assert set(
        DienstBehandeling.objects.filter(behandelaar=cm).values_list("dienst_id", flat=True)
    ) == {eerste.pk, derde.pk}


def test_onderzoek_chart_and_table(verified_client, leider, team):
    from zicht.diensten.models import Dienst

    diensten = diensten_bouwen(team=team, n=5, gebruiker=leider, status="afgerond")
    # deadline is start + 70 days = 11 May 2026 for start 2 March; close 4 in time, 1 late
    for d, einde in zip(diensten, [date(2026, 3, 2)] * 4 + [date(2026, 3, 12)], strict=True):
        Dienst.objects.filter(pk=d.pk).update(einde=einde)
    Dienst.objects.filter(pk=diensten[-1].pk).update(deadline=date(2026, 3, 5))
    from zicht.casework.models import Taak

    Taak.objects.filter(pk=diensten[-1].taak_id).update(deadline=date(2026, 3, 5))
    client = verified_client(leider)
    pagina = client.get(reverse("diensten:werkverdeling")).content.decode()
    assert "<td>5</td><td>4</td><td>80%</td>" in pagina.replace("\n", "")
    grafiek = client.get(reverse("diensten:werkverdeling-grafiek"))
    assert grafiek.status_code == 200
    assert grafiek["Content-Type"] == "image/svg+xml"
    assert grafiek.content.startswith(b"<?xml")


def test_dossier_page_links_to_time_booking_and_huisverbod(verified_client, cm, team):
    casus = CasusFactory(team=team)
    pagina = verified_client(cm).get(reverse("casework:detail", args=[casus.pk])).content.decode()
    assert reverse("diensten:casus-uren", args=[casus.pk]) in pagina
    assert reverse("diensten:huisverbod-nieuw", args=[casus.pk]) in pagina
