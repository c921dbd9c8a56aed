"""Worklists: new meldingen for the assessment team, my registrations, the shift handover —
scoped in SQL, paginated, and a constant number of queries however many rows exist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, TeamFactory
from zicht.intake.tests.conftest import melding_post
from zicht.intake.tests.factories import AdviesFactory, CorvBerichtFactory, MeldingFactory

pytestmark = pytest.mark.django_db


def _queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code in {200, 302}, response.status_code
    return len(ctx.captured_queries)


def test_new_meldingen_acute_first_then_by_deadline(verified_client, beoordelaar, vb_team, nu):
    # Given three meldingen of the VB team and one of another team
    laat = MeldingFactory(casus=CasusFactory(team=vb_team))
    laat.vb_taak.deadline = laat.vb_taak.deadline + timedelta(days=3)
    laat.vb_taak.save()
    vroeg = MeldingFactory(casus=CasusFactory(team=vb_team))
    acuut = MeldingFactory(casus=CasusFactory(team=vb_team), is_acuut=True)
    ander = MeldingFactory(casus=CasusFactory(team=TeamFactory(naam="Team West-Friesland")))
    # When the assessor opens the worklist
    html = verified_client(beoordelaar).get("/intake/nieuwe-meldingen/").content.decode()
    # Then: acute first, then by VB deadline; another team's melding is not there
    posities = [html.index(m.nummer) for m in (acuut, vroeg, laat)]
    assert posities == sorted(posities)
    assert ander.nummer not in html
    assert "Nieuwe meldingen van uw team (3)" in html


def test_new_meldingen_need_the_assessment_permission(verified_client, medewerker):
    assert verified_client(medewerker).get("/intake/nieuwe-meldingen/").status_code == 403


def test_new_meldingen_constant_queries(
    verified_client, beoordelaar, vb_team, django_assert_num_queries, nu
):
    client = verified_client(beoordelaar)
    for _ in range(3):
        MeldingFactory(casus=CasusFactory(team=vb_team))
    aantal = _queries(client, "/intake/nieuwe-meldingen/")
    for i in range(30):
        MeldingFactory(casus=CasusFactory(team=vb_team), is_acuut=i % 3 == 0)
    with django_assert_num_queries(aantal):
        response = client.get("/intake/nieuwe-meldingen/")
    assert "Pagina 1 van 2" in response.content.decode()


def test_my_registrations_constant_queries_and_own_only(
    verified_client, medewerker, make_user, vb_team, django_assert_num_queries, nu
):
    client = verified_client(medewerker)
    collega = make_user("collega")
    MeldingFactory(geregistreerd_door=collega, geregistreerd_op=nu)
    for _ in range(2):
        MeldingFactory(geregistreerd_door=medewerker, geregistreerd_op=nu)
        AdviesFactory(geregistreerd_door=medewerker)
    aantal = _queries(client, "/intake/mijn-registraties/")
    for _ in range(30):
        MeldingFactory(geregistreerd_door=medewerker, geregistreerd_op=nu)
        AdviesFactory(geregistreerd_door=medewerker)
    with django_assert_num_queries(aantal):
        response = client.get("/intake/mijn-registraties/")
    html = response.content.decode()
    assert "Meldingen die ik registreerde (32)" in html
    assert "Adviezen die ik registreerde (32)" in html
    # the second list pages on its own parameter
    pagina2 = client.get("/intake/mijn-registraties/?adviezen=2").content.decode()
    assert "Pagina 2 van 2" in pagina2


def test_own_registrations_stay_visible_for_a_week_only(verified_client, medewerker, vb_team, nu):
    # The casus is held by the VB team (not the medewerker's): the own-registration rule
    recent = MeldingFactory(geregistreerd_door=medewerker, geregistreerd_op=nu - timedelta(days=6))
    oud = MeldingFactory(geregistreerd_door=medewerker, geregistreerd_op=nu - timedelta(days=8))
    client = verified_client(medewerker)
    assert client.get(f"/intake/melding/{recent.pk}/").status_code == 200
    assert client.get(f"/intake/melding/{oud.pk}/").status_code == 404
    html = client.get("/intake/mijn-registraties/").content.decode()
    assert recent.nummer in html
    assert oud.nummer not in html


def test_melding_detail_is_scoped(verified_client, beoordelaar, make_user, vb_team, nu):
    from zicht.intake.tests.conftest import BEOORDELAAR

    melding = MeldingFactory(casus=CasusFactory(team=vb_team))
    assert verified_client(beoordelaar).get(f"/intake/melding/{melding.pk}/").status_code == 200
    buiten = make_user("buitenstaander", perms=BEOORDELAAR, teams=[TeamFactory(naam="Team Kop")])
    assert verified_client(buiten).get(f"/intake/melding/{melding.pk}/").status_code == 404


def test_shift_handover(verified_client, medewerker, vb_team, django_assert_num_queries, nu):
    # nu = di 10:00 in Amsterdam: the day shift began at 07:00 (06:00 UTC)
    client = verified_client(medewerker)
    sinds = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)
    deze_dienst = MeldingFactory(
        geregistreerd_door=medewerker, ontvangen_op=sinds + timedelta(hours=1)
    )
    vorige_dienst = MeldingFactory(
        geregistreerd_door=medewerker, ontvangen_op=sinds - timedelta(hours=1)
    )
    open_acuut = MeldingFactory(
        geregistreerd_door=medewerker, ontvangen_op=sinds - timedelta(hours=5), is_acuut=True
    )
    advies = AdviesFactory(
        geregistreerd_door=medewerker, geregistreerd_op=sinds + timedelta(minutes=5)
    )
    CorvBerichtFactory()
    aantal = _queries(client, "/intake/dienstoverdracht/")
    html = client.get("/intake/dienstoverdracht/").content.decode()
    assert "10-03-2026 07:00" in html
    assert deze_dienst.nummer in html
    assert open_acuut.nummer in html
    assert vorige_dienst.nummer not in html
    assert advies.nummer in html
    assert "staat 1 bericht" in html
    for _ in range(30):
        MeldingFactory(geregistreerd_door=medewerker, ontvangen_op=sinds + timedelta(hours=2))
        AdviesFactory(geregistreerd_door=medewerker, geregistreerd_op=sinds + timedelta(hours=2))
        CorvBerichtFactory()
    with django_assert_num_queries(aantal):
        client.get("/intake/dienstoverdracht/")


def test_voordeur_and_corv_inbox_constant_queries(
    verified_client, medewerker, django_assert_num_queries, nu
):
    client = verified_client(medewerker)
    CorvBerichtFactory()
    voordeur = _queries(client, "/intake/")
    inbox = _queries(client, "/intake/corv/")
    for _ in range(30):
        CorvBerichtFactory()
    with django_assert_num_queries(voordeur):
        client.get("/intake/")
    with django_assert_num_queries(inbox):
        assert "Te verwerken berichten (31)" in client.get("/intake/corv/").content.decode()


def _huishoudens(team, aantal):
    for _ in range(aantal):
        casus = CasusFactory(team=team)
        BetrokkeneFactory(casus=casus)
        BetrokkeneFactory(casus=casus, rol="kind")


def test_intake_page_and_save_do_not_grow_with_the_casussen(
    verified_client, medewerker, vb_team, django_assert_num_queries, nu
):
    client = verified_client(medewerker)

    def huishouden(naam, postcode, jaar):  # households nobody else in the test resembles
        data = melding_post()
        data.update(
            {
                "personen-0-achternaam": naam,
                "personen-0-postcode": postcode,
                "personen-0-geboortedatum_jaar": jaar,
                "personen-1-achternaam": naam,
                "personen-1-geboortedatum_jaar": "2016",
            }
        )
        return data

    # the first casus of the year creates its number counter: not part of the comparison
    _queries(client, "/intake/melding/nieuw/", "post", huishouden("Aalders", "1741 AB", "1970"))
    _huishoudens(vb_team, 2)
    pagina = _queries(client, "/intake/melding/nieuw/")
    opslaan = _queries(
        client, "/intake/melding/nieuw/", "post", huishouden("Bakker", "1702 AA", "1979")
    )
    _huishoudens(vb_team, 40)
    with django_assert_num_queries(pagina):
        client.get("/intake/melding/nieuw/")
    with django_assert_num_queries(opslaan):
        response = client.post("/intake/melding/nieuw/", huishouden("Claassen", "1623 CD", "1984"))
    assert response.status_code == 302
