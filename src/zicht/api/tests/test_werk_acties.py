# ruff: noqa: F811 - fixtures of the work tests are re-used here
"""Time registration, work assignment and huisverbod actions through the API: the services of
the work pages (``diensten.werk_services``), with their rules, scope, audit and concurrency."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.models import CasusMedewerker
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.diensten import werk_services as svc
from zicht.diensten.models_werk import (
    DienstBehandeling,
    Huisverbod,
    HuisverbodVerlenging,
    Tijdregel,
    Toewijzing,
)
from zicht.diensten.tests.werk.bouw import diensten_bouwen
from zicht.diensten.tests.werk.conftest import (  # noqa: F401 - fixtures re-used
    LEIDER,
    UITVOERDER,
    ander_team,
    buitenstaander,
    cm,
    cm2,
    leider,
    team,
)

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
OPGELEGD = datetime(2026, 3, 10, 21, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield NU


def _params(response):
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


def _events(event, **data):
    rijen = AuditEvent.objects.filter(event=event).order_by("seq")
    return [r for r in rijen if all(r.data.get(k) == v for k, v in data.items())]


def _geweigerd(casus_id):
    return AuditEvent.objects.filter(
        event=Event.TOEGANG_GEWEIGERD, target_type="casework.casus", target_id=str(casus_id)
    ).count()


# --- Tijdboekingen ---------------------------------------------------------------------------


@pytest.fixture
def mijn_dienst(team, leider, cm):
    return diensten_bouwen(team=team, n=1, gebruiker=leider, behandelaar=cm)[0]


def test_booking_time_on_a_dienst_and_casus_less(api_client_maken, cm, mijn_dienst):
    _, api = api_client_maken(gebruiker=cm)
    response = api.post_json(
        "/api/v1/tijdboekingen/",
        {
            "datum": "2026-03-11",
            "minuten": 90,
            "dienst": mijn_dienst.pk,
            "omschrijving": "Huisbezoek",
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["soort"], data["casus"], data["minuten"]) == (
        "onderzoek",
        mijn_dienst.casus_id,
        90,
    )
    assert response["Location"].endswith(f"/api/v1/tijdboekingen/{data['id']}/")
    assert api.get(response["Location"]).json()["id"] == data["id"]
    # Work without a dienst names its service.
    vrij = api.post_json(
        "/api/v1/tijdboekingen/", {"datum": "2026-03-02", "minuten": 30, "soort": "advies"}
    )
    assert vrij.status_code == 201, vrij.content
    regel = Tijdregel.objects.get(pk=data["id"])
    assert regel.medewerker == cm
    assert len(_events(Event.TIJD_GEBOEKT)) == 2
    assert _events(Event.API_SCHRIJFACTIE, resource="tijdboekingen", actie="aanmaken", status=201)


def test_booking_list_is_own_rows_filtered_by_date(api_client_maken, cm, cm2, mijn_dienst):
    for datum in ("2026-03-02", "2026-03-09", "2026-03-11"):
        svc.tijd_boeken(
            actor=cm, datum=datetime.fromisoformat(datum).date(), minuten=60, soort="advies"
        )
    svc.tijd_boeken(actor=cm2, datum=NU.date(), minuten=60, soort="advies")
    _, api = api_client_maken(gebruiker=cm)
    lijst = api.get("/api/v1/tijdboekingen/").json()
    assert lijst["count"] == 3
    assert [r["datum"] for r in lijst["results"]] == ["2026-03-11", "2026-03-09", "2026-03-02"]
    venster = api.get(
        "/api/v1/tijdboekingen/", {"datum_vanaf": "2026-03-03", "datum_tot": "2026-03-11"}
    ).json()
    assert [r["datum"] for r in venster["results"]] == ["2026-03-09"]
    assert api.get("/api/v1/tijdboekingen/", {"datum_vanaf": "gisteren"}).status_code == 400
    assert api.get("/api/v1/tijdboekingen/", {"pageSize": 2}).json()["_links"]["next"]


def test_booking_list_makes_no_query_per_row(api_client_maken, cm, mijn_dienst):
    _, api = api_client_maken(gebruiker=cm)

    def tellen():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/tijdboekingen/").status_code == 200
        return len(queries)

    svc.tijd_boeken(actor=cm, datum=NU.date(), minuten=60, dienst=mijn_dienst)
    weinig = tellen()
    for _ in range(15):
        svc.tijd_boeken(actor=cm, datum=NU.date(), minuten=60, dienst=mijn_dienst)
    assert tellen() == weinig


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"minuten": 0}, "minuten"),
        ({"minuten": 24 * 60 + 1}, "minuten"),
        ({"datum": "2026-03-13"}, "datum"),  # tomorrow: no booking ahead
        ({"soort": None}, "soort"),  # nothing to book on
        ({"soort": "iets"}, "soort"),
        ({"extra": 1}, "extra"),
        ({"voorlichting": 999999}, "voorlichting"),
    ],
)
def test_booking_refuses_bad_input(api_client_maken, cm, wijziging, veld):
    _, api = api_client_maken(gebruiker=cm)
    body = {"datum": "2026-03-11", "minuten": 60, "soort": "advies", **wijziging}
    body = {k: v for k, v in body.items() if v is not None}
    response = api.post_json("/api/v1/tijdboekingen/", body)
    assert response.status_code == 400
    assert veld in _params(response)
    assert not Tijdregel.objects.exists()


def test_booking_outside_the_scope_is_refused_and_audited(
    api_client_maken, buitenstaander, mijn_dienst
):
    _, api = api_client_maken(gebruiker=buitenstaander)
    body = {"datum": "2026-03-11", "minuten": 60, "dienst": mijn_dienst.pk}
    response = api.post_json("/api/v1/tijdboekingen/", body)
    assert response.status_code == 400
    assert "dienst" in _params(response)
    assert _geweigerd(mijn_dienst.casus_id) == 1
    casus = api.post_json(
        "/api/v1/tijdboekingen/",
        {"datum": "2026-03-11", "minuten": 60, "soort": "advies", "casus": mijn_dienst.casus_id},
    )
    assert "casus" in _params(casus)
    assert _geweigerd(mijn_dienst.casus_id) == 2
    assert not Tijdregel.objects.exists()


def test_booking_needs_the_scope_and_a_permission(api_client_maken, make_user, cm, team):
    body = {"datum": "2026-03-11", "minuten": 60, "soort": "advies"}
    _, lezer = api_client_maken(gebruiker=cm, scopes=["tijdboekingen:lezen"])
    assert lezer.get("/api/v1/tijdboekingen/").status_code == 200
    assert lezer.post_json("/api/v1/tijdboekingen/", body).status_code == 403
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[team])
    assert zonder.get("/api/v1/tijdboekingen/").status_code == 403
    assert zonder.post_json("/api/v1/tijdboekingen/", body).status_code == 403
    assert not Tijdregel.objects.exists()


def test_booking_is_idempotent(api_client_maken, cm):
    _, api = api_client_maken(gebruiker=cm)
    body = {"datum": "2026-03-11", "minuten": 60, "soort": "advies"}
    eerste = api.post_json("/api/v1/tijdboekingen/", body, HTTP_IDEMPOTENCY_KEY="boeking-1")
    nog_eens = api.post_json("/api/v1/tijdboekingen/", body, HTTP_IDEMPOTENCY_KEY="boeking-1")
    assert eerste.status_code == nog_eens.status_code == 201
    assert nog_eens["Idempotent-Replayed"] == "true"
    assert nog_eens.json() == eerste.json()
    ander = api.post_json(
        "/api/v1/tijdboekingen/", {**body, "minuten": 61}, HTTP_IDEMPOTENCY_KEY="boeking-1"
    )
    assert ander.status_code == 422
    assert Tijdregel.objects.count() == 1


def test_correcting_a_booking(api_client_maken, cm, cm2):
    regel = svc.tijd_boeken(actor=cm, datum=NU.date(), minuten=60, soort="advies")
    _, api = api_client_maken(gebruiker=cm)
    url = f"/api/v1/tijdboekingen/{regel.pk}/correctie/"
    fout = api.post_json(url, {"minuten": 24 * 60 + 1})
    assert fout.status_code == 400
    assert "minuten" in _params(fout)
    response = api.post_json(url, {"minuten": 45, "omschrijving": "Verkeerd getikt"})
    assert response.status_code == 201, response.content
    nieuw = response.json()
    assert (nieuw["minuten"], nieuw["corrigeert"]) == (45, regel.pk)
    assert [r["id"] for r in api.get("/api/v1/tijdboekingen/").json()["results"]] == [nieuw["id"]]
    assert api.get(f"/api/v1/tijdboekingen/{regel.pk}/").status_code == 200  # history stays
    nog_eens = api.post_json(url, {"minuten": 30})
    assert nog_eens.status_code == 400
    assert "al gecorrigeerd" in _params(nog_eens)["nonFieldErrors"]
    assert _events(Event.TIJD_GECORRIGEERD, corrigeert=regel.pk)
    assert _events(Event.API_SCHRIJFACTIE, resource="tijdboekingen", actie="wijzigen", status=201)
    # Someone else's booking, or none: 404.
    _, ander = api_client_maken(gebruiker=cm2)
    assert ander.post_json(url, {"minuten": 30}).status_code == 404
    assert ander.get(f"/api/v1/tijdboekingen/{regel.pk}/").status_code == 404
    assert (
        api.post_json("/api/v1/tijdboekingen/999999/correctie/", {"minuten": 1}).status_code == 404
    )
    assert Tijdregel.objects.count() == 2


def test_correction_needs_the_change_scope_and_is_idempotent(api_client_maken, cm):
    regel = svc.tijd_boeken(actor=cm, datum=NU.date(), minuten=60, soort="advies")
    url = f"/api/v1/tijdboekingen/{regel.pk}/correctie/"
    _, zonder = api_client_maken(gebruiker=cm, scopes=["tijdboekingen:aanmaken"])
    assert zonder.post_json(url, {"minuten": 30}).status_code == 403
    _, api = api_client_maken(gebruiker=cm)
    eerste = api.post_json(url, {"minuten": 30}, HTTP_IDEMPOTENCY_KEY="correctie-1")
    tweede = api.post_json(url, {"minuten": 30}, HTTP_IDEMPOTENCY_KEY="correctie-1")
    assert eerste.status_code == tweede.status_code == 201
    assert tweede["Idempotent-Replayed"] == "true"
    assert Tijdregel.objects.count() == 2


# --- Werkverdeling ---------------------------------------------------------------------------


@pytest.fixture
def wachtend(team, leider):
    """Two open diensten of the team, carried by nobody (the waiting list)."""
    return diensten_bouwen(team=team, n=2, gebruiker=leider)


def test_team_leader_assigns_then_reassigns_a_dienst(api_client_maken, leider, cm, cm2, wachtend):
    dienst = wachtend[0]
    _, api = api_client_maken(gebruiker=leider)
    stand = api.get(f"/api/v1/toewijzingen/diensten/{dienst.pk}/")
    assert stand.status_code == 200
    assert stand.json() == {
        "dienst": dienst.pk,
        "taak": None,
        "casus": dienst.casus_id,
        "behandelaar": None,
        "version": 1,
    }
    assert stand["ETag"] == '"1"'
    body = {"dienst": dienst.pk, "medewerker": cm.pk}
    response = api.post_json("/api/v1/toewijzingen/", body, HTTP_IF_MATCH=stand["ETag"])
    assert response.status_code == 201, response.content
    assert response.json()["behandelaar"] == cm.pk
    assert response["ETag"] == '"2"'
    assert response["Location"].endswith(f"/api/v1/toewijzingen/diensten/{dienst.pk}/")
    assert DienstBehandeling.objects.get(dienst=dienst).behandelaar == cm
    assert CasusMedewerker.objects.filter(casus=dienst.casus, user=cm).exists()
    assert _events(Event.WERK_TOEGEWEZEN, dienst=dienst.pk, naar=cm.pk)
    assert _events(Event.API_SCHRIJFACTIE, resource="toewijzingen", status=201)
    # Reassigning needs a reason (the service's rule) and the new version.
    zonder_reden = api.post_json(
        "/api/v1/toewijzingen/", {**body, "medewerker": cm2.pk}, HTTP_IF_MATCH='"2"'
    )
    assert zonder_reden.status_code == 400
    assert "reden" in _params(zonder_reden)
    oud = api.post_json(
        "/api/v1/toewijzingen/",
        {**body, "medewerker": cm2.pk, "reden": "Verlof"},
        HTTP_IF_MATCH='"1"',
    )
    assert oud.status_code == 412
    zonder_etag = api.post_json(
        "/api/v1/toewijzingen/", {**body, "medewerker": cm2.pk, "reden": "Verlof"}
    )
    assert zonder_etag.status_code == 428
    assert DienstBehandeling.objects.get(dienst=dienst).behandelaar == cm
    ok = api.post_json(
        "/api/v1/toewijzingen/",
        {**body, "medewerker": cm2.pk, "reden": "Verlof"},
        HTTP_IF_MATCH='"2"',
    )
    assert ok.status_code == 201, ok.content
    assert Toewijzing.objects.filter(dienst=dienst).count() == 2


def test_assigning_a_task_uses_the_task_version(api_client_maken, leider, cm, team):
    from zicht.intake.tests.factories import MeldingFactory

    taak = MeldingFactory(casus=CasusFactory(team=team)).vb_taak
    _, api = api_client_maken(gebruiker=leider)
    stand = api.get(f"/api/v1/toewijzingen/taken/{taak.pk}/")
    assert stand.status_code == 200
    assert stand.json()["version"] == taak.version
    response = api.post_json(
        "/api/v1/toewijzingen/", {"taak": taak.pk, "medewerker": cm.pk}, HTTP_IF_MATCH=stand["ETag"]
    )
    assert response.status_code == 201, response.content
    taak.refresh_from_db()
    assert (taak.toegewezen_aan, taak.version) == (cm, stand.json()["version"] + 1)
    assert response["ETag"] == f'"{taak.version}"'


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"medewerker": "buitenstaander"}, "medewerker"),  # not in the casus's team
        ({"medewerker": 999999}, "medewerker"),
        ({"dienst": None}, "nonFieldErrors"),  # neither dienst nor taak
        ({"taak": 999999}, "taak"),
        ({"dienst": 999999}, "dienst"),
        ({"wie": 1}, "wie"),
    ],
)
def test_assigning_refuses_bad_input(
    api_client_maken, leider, buitenstaander, wachtend, body, veld
):
    _, api = api_client_maken(gebruiker=leider)
    invoer = {"dienst": wachtend[0].pk, "medewerker": leider.pk, **body}
    if invoer["medewerker"] == "buitenstaander":
        invoer["medewerker"] = buitenstaander.pk
    invoer = {k: v for k, v in invoer.items() if v is not None}
    response = api.post_json("/api/v1/toewijzingen/", invoer, HTTP_IF_MATCH='"1"')
    assert response.status_code == 400, response.content
    assert veld in _params(response)
    assert not Toewijzing.objects.exists()


def test_assigning_outside_the_scope_or_without_right(
    api_client_maken, make_user, leider, cm, ander_team, wachtend
):
    dienst = wachtend[0]
    ander = make_user("andere-leider", perms=LEIDER, teams=[ander_team], otp=False)
    _, buiten = api_client_maken(gebruiker=ander)
    assert buiten.get(f"/api/v1/toewijzingen/diensten/{dienst.pk}/").status_code == 404
    assert _geweigerd(dienst.casus_id) == 1
    response = buiten.post_json(
        "/api/v1/toewijzingen/", {"dienst": dienst.pk, "medewerker": cm.pk}, HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400
    assert "dienst" in _params(response)
    assert _geweigerd(dienst.casus_id) == 2
    assert buiten.get("/api/v1/toewijzingen/diensten/999999/").status_code == 404
    assert buiten.get("/api/v1/toewijzingen/taken/999999/").status_code == 404
    # A casemanager may see the dienst but not assign work; a client without the scope neither.
    _, uitvoerder = api_client_maken(gebruiker=cm)
    body = {"dienst": dienst.pk, "medewerker": cm.pk}
    assert (
        uitvoerder.post_json("/api/v1/toewijzingen/", body, HTTP_IF_MATCH='"1"').status_code == 403
    )
    assert uitvoerder.get(f"/api/v1/toewijzingen/diensten/{dienst.pk}/").status_code == 403
    _, lezer = api_client_maken(gebruiker=leider, scopes=["toewijzingen:lezen"])
    assert lezer.get(f"/api/v1/toewijzingen/diensten/{dienst.pk}/").status_code == 200
    assert lezer.post_json("/api/v1/toewijzingen/", body, HTTP_IF_MATCH='"1"').status_code == 403
    assert not Toewijzing.objects.exists()


def test_assigning_is_idempotent(api_client_maken, leider, cm, wachtend):
    _, api = api_client_maken(gebruiker=leider)
    body = {"dienst": wachtend[0].pk, "medewerker": cm.pk}
    eerste = api.post_json(
        "/api/v1/toewijzingen/", body, HTTP_IF_MATCH='"1"', HTTP_IDEMPOTENCY_KEY="verdeling-1"
    )
    tweede = api.post_json(
        "/api/v1/toewijzingen/", body, HTTP_IF_MATCH='"1"', HTTP_IDEMPOTENCY_KEY="verdeling-1"
    )
    assert eerste.status_code == tweede.status_code == 201
    assert tweede["Idempotent-Replayed"] == "true"
    assert Toewijzing.objects.count() == 1


def test_bulk_service_is_all_or_nothing_and_names_the_casus(leider, cm, buitenstaander, team):
    diensten = diensten_bouwen(team=team, n=2, gebruiker=leider)
    elders = CasusFactory()
    doelen = [svc.Werkdoel(expected_version=1, dienst=d) for d in diensten]
    with pytest.raises(svc.ValidationError) as fout:
        svc.werk_toewijzen_bulk(actor=leider, medewerker=buitenstaander, doelen=doelen)
    assert fout.value.message_dict["medewerker"][0].startswith(f"{diensten[0].casus.nummer}: ")
    assert not Toewijzing.objects.exists()
    with pytest.raises(svc.ValidationError) as geen:
        svc.werk_toewijzen_bulk(actor=leider, medewerker=None, doelen=doelen)
    assert "medewerker" in geen.value.message_dict
    assert svc.werk_toewijzen_bulk(actor=leider, medewerker=cm, doelen=doelen)
    assert Toewijzing.objects.count() == 2
    assert elders.pk  # untouched


# --- Huisverbod: verlengen en beëindigen ------------------------------------------------------


@pytest.fixture
def huisverbod(team, cm):
    casus = CasusFactory(team=team)
    pleger = BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger")
    kind = BetrokkeneFactory(casus=casus, rol="vermoedelijk_slachtoffer")
    return svc.huisverbod_opleggen(
        actor=cm,
        casus=casus,
        opgelegd_op=OPGELEGD,
        opgelegd_door="hulpofficier",
        uithuisgeplaatste=pleger,
        beschermden=[kind],
    )


VERLENGING = {
    "nieuw_einde": "2026-04-07",
    "besloten_op": "2026-03-18",
    "reden": "Dreiging houdt aan.",
}


def test_extending_a_ban_with_if_match(api_client_maken, cm, huisverbod):
    _, api = api_client_maken(gebruiker=cm)
    url = f"/api/v1/huisverboden/{huisverbod.pk}/verlenging/"
    assert api.post_json(url, VERLENGING).status_code == 428
    te_lang = api.post_json(url, {**VERLENGING, "nieuw_einde": "2026-04-30"}, HTTP_IF_MATCH='"1"')
    assert te_lang.status_code == 400
    assert "nieuw_einde" in _params(te_lang)
    geen_reden = api.post_json(url, {**VERLENGING, "reden": " "}, HTTP_IF_MATCH='"1"')
    assert "reden" in _params(geen_reden)
    response = api.post_json(url, VERLENGING, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert (response.json()["einde"], response.json()["status"]) == ("2026-04-07", "verlengd")
    assert response["ETag"] == '"2"'
    assert api.post_json(url, VERLENGING, HTTP_IF_MATCH='"1"').status_code == 412
    assert HuisverbodVerlenging.objects.count() == 1
    assert _events(Event.HUISVERBOD_VERLENGD)
    assert _events(Event.API_SCHRIJFACTIE, resource="huisverboden", actie="wijzigen", status=200)


def test_ending_a_ban(api_client_maken, cm, huisverbod):
    _, api = api_client_maken(gebruiker=cm)
    url = f"/api/v1/huisverboden/{huisverbod.pk}/beeindiging/"
    vroeg = api.post_json(url, {"status": "afgelopen", "op": "2026-03-12"}, HTTP_IF_MATCH='"1"')
    assert vroeg.status_code == 400
    assert "op" in _params(vroeg)
    fout = api.post_json(url, {"status": "lopend", "op": "2026-03-12"}, HTTP_IF_MATCH='"1"')
    assert "status" in _params(fout)
    response = api.post_json(
        url, {"status": "ingetrokken", "op": "2026-03-12"}, HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["beeindigd_op"]) == (
        "ingetrokken",
        "2026-03-12",
    )
    assert response["ETag"] == '"2"'
    stale = api.post_json(url, {"status": "ingetrokken", "op": "2026-03-12"}, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    twee = api.post_json(url, {"status": "ingetrokken", "op": "2026-03-12"}, HTTP_IF_MATCH='"2"')
    assert twee.status_code == 400
    assert _events(Event.HUISVERBOD_BEEINDIGD)
    assert Huisverbod.objects.get().version == 2


def test_ban_actions_scope_permission_and_404(
    api_client_maken, make_user, cm, buitenstaander, team, huisverbod
):
    url = f"/api/v1/huisverboden/{huisverbod.pk}/verlenging/"
    _, buiten = api_client_maken(gebruiker=buitenstaander)
    assert buiten.post_json(url, VERLENGING, HTTP_IF_MATCH='"1"').status_code == 404
    assert _geweigerd(huisverbod.casus_id) == 1
    assert buiten.get(f"/api/v1/huisverboden/{huisverbod.pk}/").status_code == 404
    assert _geweigerd(huisverbod.casus_id) == 2
    assert (
        buiten.post_json(
            "/api/v1/huisverboden/999999/beeindiging/",
            {"status": "ingetrokken", "op": "2026-03-12"},
            HTTP_IF_MATCH='"1"',
        ).status_code
        == 404
    )
    _, zonder_scope = api_client_maken(gebruiker=cm, scopes=["huisverboden:lezen"])
    assert zonder_scope.post_json(url, VERLENGING, HTTP_IF_MATCH='"1"').status_code == 403
    lezer = make_user("lezer", perms=[Perm.CASUS_INZIEN, Perm.WERKVOORRAAD_INZIEN], teams=[team])
    _, zonder_recht = api_client_maken(gebruiker=lezer)
    assert zonder_recht.post_json(url, VERLENGING, HTTP_IF_MATCH='"1"').status_code == 403
    assert Huisverbod.objects.get().version == 1


def test_recording_a_ban_on_a_casus_outside_the_scope_is_audited(
    api_client_maken, buitenstaander, huisverbod
):
    _, buiten = api_client_maken(gebruiker=buitenstaander)
    casus = huisverbod.casus
    body = {
        "casus": casus.pk,
        "opgelegd_op": "2026-03-11T08:00:00+01:00",
        "opgelegd_door": "burgemeester",
        "uithuisgeplaatste": huisverbod.uithuisgeplaatste_id,
        "beschermden": [b.pk for b in huisverbod.beschermden.all()],
    }
    response = buiten.post_json("/api/v1/huisverboden/", body, HTTP_IDEMPOTENCY_KEY="hv-1")
    assert response.status_code == 400
    assert "casus" in _params(response)
    assert _geweigerd(casus.pk) == 1
    assert Huisverbod.objects.count() == 1
