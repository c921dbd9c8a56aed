# ruff: noqa: F811 - fixtures of the diensten tests are re-used here
"""The content of the diensten through the API (resources/inhoud.py): every route succeeds
with the new ETag and an audit row, refuses bad input per field, needs its scope, the
permission and the team, 404s for what does not exist, needs a current If-Match, and replays
a POST with the same Idempotency-Key — and the page and the API share the service's rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.api.scopes import ALLE_SCOPES
from zicht.assessment.models import Ketenpartner
from zicht.audit.catalogue import Event
from zicht.conftest import login_verified
from zicht.diensten import inhoud_services as s
from zicht.diensten.models import Dienst, PlanRegel, Veiligheidsvoorwaarde
from zicht.diensten.tests.test_inhoud_services import (  # noqa: F401 - fixtures re-used
    LATER,
    onderzoek,
    overdracht,
    voorwaarde,
    vv_dienst,
)

pytestmark = pytest.mark.django_db

WERKER = (Perm.CASUS_INZIEN, Perm.DIENST_UITVOEREN)


@pytest.fixture
def later(nu):
    """20 April 2026: the diensten run (the last fixture a test asks for)."""
    with time_machine.travel(LATER, tick=False):
        yield LATER


@pytest.fixture
def werker(api_client_maken, vb_team):
    return api_client_maken(perms=WERKER, teams=[vb_team])


def _params(response) -> dict[str, str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"]: p["reason"] for p in response.json().get("invalidParams", [])}


def _etag(dienst: Dienst) -> str:
    dienst.refresh_from_db()
    return f'"{dienst.version}"'


# --- The routes, as a table --------------------------------------------------------------------


@dataclass
class Geval:
    dienst: Dienst
    methode: str
    pad: str
    body: dict[str, Any] | None
    fout: dict[str, Any] | None = None  # an invalid body ...
    fout_veld: str = ""  # ... and the field it names
    status: int = 200
    scope: str = "diensten:wijzigen"


def _vv_met_voorwaarde(request, collega) -> tuple[Dienst, Veiligheidsvoorwaarde]:
    dienst = request.getfixturevalue("vv_dienst")
    rij = voorwaarde(dienst, collega)
    dienst.refresh_from_db()
    return dienst, rij


def _onderzoek_lopend(request, deskundige) -> Dienst:
    dienst = request.getfixturevalue("onderzoek")
    s.onderzoek_starten(
        actor=deskundige,
        dienst=dienst,
        expected_version=dienst.version,
        gestart_op=date(2026, 3, 17),
        nu=LATER,
    )
    dienst.refresh_from_db()
    return dienst


def _geval(naam: str, request) -> Geval:
    """Sets up the dienst a route works on (before the clock moves to LATER)."""
    collega = request.getfixturevalue("collega")
    deskundige = request.getfixturevalue("deskundige")
    basis = "/api/v1/diensten/{}/"
    if naam == "voorwaarde_toevoegen":
        d = request.getfixturevalue("vv_dienst")
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "voorwaarden/",
            {"tekst": "Moeder belt bij spanning het netwerk.", "wie": "moeder"},
            {"tekst": " ", "wie": "moeder"},
            "tekst",
            201,
        )
    if naam == "voorwaarde_verwijderen":
        d, rij = _vv_met_voorwaarde(request, collega)
        return Geval(d, "delete", basis.format(d.pk) + f"voorwaarden/{rij.pk}/", None)
    if naam == "planregel_toevoegen":
        d = request.getfixturevalue("vv_dienst")
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "planregels/",
            {
                "soort": "actie",
                "omschrijving": "Aanmelden bij opvoedondersteuning",
                "eigenaar": "wijkteam",
                "deadline": "2026-05-01",
            },
            {"soort": "actie", "omschrijving": "Aanmelden", "deadline": "2026-05-01"},
            "eigenaar",
            201,
        )
    if naam == "planregel_status":
        d = request.getfixturevalue("vv_dienst")
        regel = s.planregel_toevoegen(
            actor=collega,
            dienst=d,
            expected_version=d.version,
            soort="afspraak",
            omschrijving="Wekelijks overleg met het gezin",
            nu=LATER,
        )
        d.refresh_from_db()
        return Geval(
            d,
            "patch",
            basis.format(d.pk) + f"planregels/{regel.pk}/",
            {"status": "gereed"},
            {"status": "klaar"},
            "status",
        )
    if naam == "termijn_opschorten":
        d = request.getfixturevalue("vv_dienst")
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "opschortingen/",
            {"van": "2026-04-20", "tot": "2026-04-24", "reden": "Gezin op vakantie"},
            {"van": "2026-04-20", "tot": "2026-04-24", "reden": ""},
            "reden",
        )
    if naam == "termijn_verlengen":
        d = request.getfixturevalue("vv_dienst")
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "verlengingen/",
            {"aantal": 2, "reden": "Netwerkberaad later"},
            {"aantal": 27, "reden": "Netwerkberaad later"},
            "aantal",
        )
    if naam == "vv_afronden":
        d, _ = _vv_met_voorwaarde(request, collega)
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "afronding/",
            {"motivering": "Plan met gezin en netwerk afgesproken."},
            {"motivering": ""},
            "motivering",
        )
    if naam == "onderzoek_starten":
        d = request.getfixturevalue("onderzoek")
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "start/",
            {"gestart_op": "2026-03-17"},
            {"gestart_op": "2026-03-01"},
            "gestart_op",
        )
    if naam == "onderzoek_bevindingen":
        d = _onderzoek_lopend(request, deskundige)
        return Geval(
            d,
            "put",
            basis.format(d.pk) + "bevindingen/",
            {"bevindingen": "Gesprekken met beide ouders gevoerd."},
            {"bevindingen": "Gesprekken.", "vervolg_na_onderzoek": ["ZZ"]},
            "vervolg_na_onderzoek",
        )
    if naam == "onderzoek_afronden":
        d = _onderzoek_lopend(request, deskundige)
        conclusies = [
            {"aard": aard, "conclusie": "niet_bevestigd", "kind": True}
            for aard in s.onderzoek_aarden(d)
        ]
        return Geval(
            d,
            "post",
            basis.format(d.pk) + "afronding/",
            {"conclusies": conclusies, "bevindingen": "Geen bevestiging gevonden."},
            {"conclusies": conclusies, "motivering": "Hoort bij V&V."},
            "motivering",
        )
    if naam == "monitoring_afronden":
        _o, m = request.getfixturevalue("overdracht")
        return Geval(
            m,
            "post",
            basis.format(m.pk) + "afronding/",
            {"eindoordeel": "Veiligheid stabiel; voorwaarden nageleefd."},
            {"eindoordeel": " "},
            "eindoordeel",
        )
    if naam == "monitoring_escaleren":
        _o, m = request.getfixturevalue("overdracht")
        return Geval(
            m,
            "post",
            basis.format(m.pk) + "escalatie/",
            {"escalatie": "melding", "reden": "Nieuw incident volgens de politie."},
            {"escalatie": "politie", "reden": "Nieuw incident."},
            "escalatie",
        )
    if naam == "overdracht_aanbieden":
        o, _m = request.getfixturevalue("overdracht")
        partner = Ketenpartner.objects.create(naam="Wijkteam (inhoud-test)", soort="wijkteam")
        return Geval(
            o,
            "post",
            f"/api/v1/overdrachten/{o.pk}/aanbieding/",
            {"ketenpartner": partner.pk, "aangeboden_op": "2026-04-20"},
            {"ketenpartner": 999_999, "aangeboden_op": "2026-04-20"},
            "ketenpartner",
            scope="overdrachten:wijzigen",
        )
    raise AssertionError(naam)


ROUTES = [
    "voorwaarde_toevoegen",
    "voorwaarde_verwijderen",
    "planregel_toevoegen",
    "planregel_status",
    "termijn_opschorten",
    "termijn_verlengen",
    "vv_afronden",
    "onderzoek_starten",
    "onderzoek_bevindingen",
    "onderzoek_afronden",
    "monitoring_afronden",
    "monitoring_escaleren",
    "overdracht_aanbieden",
]
MET_BODY = [r for r in ROUTES if r != "voorwaarde_verwijderen"]
#: the POSTs that take an Idempotency-Key (aanbieding is If-Match only, as acceptatie)
IDEMPOTENT = [
    r
    for r in ROUTES
    if r
    not in {
        "voorwaarde_verwijderen",
        "planregel_status",
        "onderzoek_bevindingen",
        "overdracht_aanbieden",
    }
]


@pytest.fixture
def geval(request):
    return _geval(request.param, request)


def _doe(api, g: Geval, body: Any = None, **headers: str) -> Any:
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    if g.methode == "delete":
        return api.delete(g.pad, **extra)
    return getattr(api, g.methode)(
        g.pad, g.body if body is None else body, content_type="application/json", **extra
    )


@pytest.mark.parametrize("geval", ROUTES, indirect=True)
def test_route_writes_through_the_service_with_new_etag_and_audit(geval, werker, audit_rows, later):
    client_obj, api = werker
    oud = geval.dienst.version
    response = _doe(api, geval, **{"If-Match": f'"{oud}"'})
    assert response.status_code == geval.status, response.content
    geval.dienst.refresh_from_db()
    assert geval.dienst.version > oud
    assert response["ETag"] == f'"{geval.dienst.version}"'
    assert response.json()["version"] == geval.dienst.version
    (schrijf,) = audit_rows(Event.API_SCHRIJFACTIE)
    assert schrijf.data == {
        "client": client_obj.pk,
        "resource": geval.scope.split(":")[0],
        "actie": "wijzigen",
        "status": geval.status,
    }
    assert schrijf.target_id == str(geval.dienst.pk)
    assert schrijf.actor_id == client_obj.gebruiker_id


@pytest.mark.parametrize("geval", MET_BODY, indirect=True)
def test_route_refuses_bad_input_per_field_and_writes_nothing(geval, werker, audit_rows, later):
    _, api = werker
    oud = geval.dienst.version
    response = _doe(api, geval, geval.fout, **{"If-Match": f'"{oud}"'})
    assert response.status_code == 400
    assert geval.fout_veld in _params(response)
    geval.dienst.refresh_from_db()
    assert geval.dienst.version == oud
    assert not audit_rows(Event.API_SCHRIJFACTIE)


@pytest.mark.parametrize("geval", ROUTES, indirect=True)
def test_route_needs_scope_permission_and_team(
    geval, api_client_maken, vb_team, voordeur_team, later
):
    etag = {"If-Match": f'"{geval.dienst.version}"'}
    _, zonder_scope = api_client_maken(
        perms=WERKER, teams=[vb_team], scopes=ALLE_SCOPES - {geval.scope}
    )
    response = _doe(zonder_scope, geval, **etag)
    assert response.status_code == 403
    assert geval.scope in response.json()["detail"]
    _, lezer = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert _doe(lezer, geval, **etag).status_code == 403
    _, ander_team = api_client_maken(perms=WERKER, teams=[voordeur_team])
    assert _doe(ander_team, geval, **etag).status_code == 404
    versie = geval.dienst.version
    geval.dienst.refresh_from_db()
    assert geval.dienst.version == versie


@pytest.mark.parametrize("geval", ROUTES, indirect=True)
def test_route_404_for_unknown_ids(geval, werker, later):
    _, api = werker
    onbekend = Geval(
        **{**geval.__dict__, "pad": geval.pad.replace(f"/{geval.dienst.pk}/", "/999999/")}
    )
    assert _doe(api, onbekend, **{"If-Match": '"1"'}).status_code == 404


@pytest.mark.parametrize("geval", ROUTES, indirect=True)
def test_route_needs_a_current_if_match(geval, werker, audit_rows, later):
    _, api = werker
    oud = geval.dienst.version
    assert _doe(api, geval).status_code == 428
    stale = _doe(api, geval, **{"If-Match": f'"{oud + 5}"'})
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    geval.dienst.refresh_from_db()
    assert geval.dienst.version == oud
    assert not audit_rows(Event.API_SCHRIJFACTIE)


@pytest.mark.parametrize("geval", IDEMPOTENT, indirect=True)
def test_post_replayed_with_the_same_idempotency_key(geval, werker, audit_rows, later):
    _, api = werker
    headers = {"If-Match": f'"{geval.dienst.version}"', "Idempotency-Key": "inhoud-1"}
    eerste = _doe(api, geval, **headers)
    assert eerste.status_code == geval.status, eerste.content
    geval.dienst.refresh_from_db()
    versie = geval.dienst.version
    tweede = _doe(api, geval, **headers)
    assert tweede.status_code == geval.status
    assert tweede["Idempotent-Replayed"] == "true"
    assert tweede.json() == eerste.json()
    # the replay carries the first answer's ETag, so the client can go on with If-Match
    assert tweede["ETag"] == eerste["ETag"] == f'"{versie}"'
    geval.dienst.refresh_from_db()
    assert geval.dienst.version == versie
    assert len(audit_rows(Event.API_SCHRIJFACTIE)) == 1
    ander = _doe(api, geval, {**(geval.fout or {}), "x": 1}, **headers)
    assert ander.status_code == 422


# --- What each route does ----------------------------------------------------------------------


def test_voorwaarden_added_listed_read_and_removed(vv_dienst, werker, audit_rows, later):
    _, api = werker
    basis = f"/api/v1/diensten/{vv_dienst.pk}/voorwaarden/"
    toegevoegd = api.post_json(
        basis,
        {"tekst": "Vader drinkt niet als de kinderen thuis zijn.", "wie": "vader"},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    assert toegevoegd.status_code == 201
    (rij,) = toegevoegd.json()["voorwaarden"]
    assert (rij["tekst"], rij["wie"], rij["volgorde"]) == (
        "Vader drinkt niet als de kinderen thuis zijn.",
        "vader",
        1,
    )
    assert toegevoegd["Location"].endswith(f"{basis}{rij['id']}/")
    assert audit_rows(Event.VEILIGHEIDSVOORWAARDE_VASTGELEGD)
    lijst = api.get(basis)
    assert lijst.status_code == 200
    assert [v["id"] for v in lijst.json()["results"]] == [rij["id"]]
    los = api.get(toegevoegd["Location"])
    assert (los.status_code, los.json()["wie"]) == (200, "vader")
    assert los["ETag"] == _etag(vv_dienst)
    assert len(audit_rows(Event.API_PERSOONSGEGEVENS_GELEZEN)) == 2
    weg = api.delete(toegevoegd["Location"], HTTP_IF_MATCH=_etag(vv_dienst))
    assert weg.status_code == 200
    assert weg.json()["voorwaarden"] == []
    assert api.get(toegevoegd["Location"]).status_code == 404
    assert api.delete(toegevoegd["Location"], HTTP_IF_MATCH=_etag(vv_dienst)).status_code == 404


def test_planregel_added_with_its_fields_then_status_changed(vv_dienst, werker, later):
    _, api = werker
    basis = f"/api/v1/diensten/{vv_dienst.pk}/planregels/"
    geen_persoon = api.post_json(
        basis,
        {"soort": "zorg", "omschrijving": "Traumabehandeling", "prioriteit": "hoog"},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    assert "persoon" in _params(geen_persoon)
    response = api.post_json(
        basis,
        {
            "soort": "actie",
            "omschrijving": "Aanmelden bij opvoedondersteuning",
            "eigenaar": "wijkteam",
            "deadline": "2026-05-01",
        },
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    (regel,) = response.json()["planregels"]
    assert (regel["status"], regel["eigenaar"], regel["deadline"]) == (
        "open",
        "wijkteam",
        "2026-05-01",
    )
    assert api.get(response["Location"]).json()["omschrijving"] == (
        "Aanmelden bij opvoedondersteuning"
    )
    assert api.get(basis).json()["count"] == 1
    gezet = api.patch_json(
        response["Location"], {"status": "loopt"}, HTTP_IF_MATCH=_etag(vv_dienst)
    )
    assert gezet.json()["planregels"][0]["status"] == "loopt"
    assert PlanRegel.objects.get(pk=regel["id"]).status == "loopt"
    ander = f"/api/v1/diensten/{vv_dienst.pk}/planregels/999999/"
    assert (
        api.patch_json(ander, {"status": "loopt"}, HTTP_IF_MATCH=_etag(vv_dienst)).status_code
        == 404
    )


def test_an_action_of_another_soort_is_404_as_on_the_page(overdracht, werker, later):
    o, m = overdracht
    _, api = werker
    for pad, body in [
        (f"/api/v1/diensten/{m.pk}/planregels/", {"soort": "afspraak", "omschrijving": "x"}),
        (f"/api/v1/diensten/{m.pk}/voorwaarden/", {"tekst": "x", "wie": "y"}),
        (f"/api/v1/diensten/{o.pk}/afronding/", {}),
        (f"/api/v1/diensten/{o.pk}/verlengingen/", {"aantal": 1, "reden": "x"}),
        (f"/api/v1/diensten/{m.pk}/start/", {"gestart_op": "2026-04-20"}),
        (
            f"/api/v1/overdrachten/{m.pk}/aanbieding/",
            {"ketenpartner": 1, "aangeboden_op": "2026-04-20"},
        ),
    ]:
        dienst = m if f"/{m.pk}/" in pad else o
        assert api.post_json(pad, body, HTTP_IF_MATCH=_etag(dienst)).status_code == 404, pad


def test_clock_suspended_and_extended_moves_the_deadline(vv_dienst, werker, later):
    _, api = werker
    basis = f"/api/v1/diensten/{vv_dienst.pk}/"
    deadline = vv_dienst.deadline
    opgeschort = api.post_json(
        basis + "opschortingen/",
        {"van": "2026-04-20", "tot": "2026-04-24", "reden": "Gezin op vakantie"},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    assert date.fromisoformat(opgeschort.json()["deadline"]) > deadline
    verlengd = api.post_json(
        basis + "verlengingen/",
        {"aantal": 26, "reden": "Netwerkberaad later"},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    assert verlengd.status_code == 200, verlengd.content
    vv_dienst.refresh_from_db()
    assert verlengd.json()["deadline"] == vv_dienst.deadline.isoformat()
    assert date.fromisoformat(opgeschort.json()["deadline"]) < vv_dienst.deadline
    assert api.get(basis)["ETag"] == verlengd["ETag"]


def test_extension_cap_is_the_services_rule_for_page_and_api(
    vv_dienst, werker, make_user, vb_team, client, audit_rows, later
):
    """The 26-week cap lived only in the page's form; now the service refuses it, so the page
    and the API give the same answer, and neither writes anything."""
    _, api = werker
    deadline, versie = vv_dienst.deadline, vv_dienst.version
    api_fout = api.post_json(
        f"/api/v1/diensten/{vv_dienst.pk}/verlengingen/",
        {"aantal": 27, "reden": "Netwerkberaad later"},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    bericht = f"Verleng met hooguit {s.MAX_VERLENGING_WEKEN} weken per keer."
    assert _params(api_fout) == {"aantal": bericht}
    medewerker = make_user("pagina-werker", perms=list(WERKER), teams=[vb_team])
    pagina = login_verified(client, medewerker).post(
        reverse("diensten:dienst-actie", args=[vv_dienst.pk, "verlengen"]),
        {"version": vv_dienst.version, "aantal": 27, "reden": "Netwerkberaad later"},
    )
    assert pagina.status_code == 400
    assert pagina.context["form"].errors["aantal"] == [bericht]
    vv_dienst.refresh_from_db()
    assert (vv_dienst.deadline, vv_dienst.version) == (deadline, versie)
    assert not audit_rows(Event.DIENST_TERMIJN_VERLENGD)
    # Within the cap both go through the same service: the page's extension, then the API's.
    login_verified(client, medewerker).post(
        reverse("diensten:dienst-actie", args=[vv_dienst.pk, "verlengen"]),
        {"version": vv_dienst.version, "aantal": 1, "reden": "Eerst een week"},
    )
    na_pagina = Dienst.objects.get(pk=vv_dienst.pk)
    assert na_pagina.version == versie + 1
    ok = api.post_json(
        f"/api/v1/diensten/{vv_dienst.pk}/verlengingen/",
        {"aantal": 1, "reden": "Nog een week"},
        HTTP_IF_MATCH=f'"{na_pagina.version}"',
    )
    assert ok.status_code == 200
    assert len(audit_rows(Event.DIENST_TERMIJN_VERLENGD)) == 2


def test_onderzoek_started_findings_saved_and_closed(onderzoek, werker, later):
    _, api = werker
    basis = f"/api/v1/diensten/{onderzoek.pk}/"
    gestart = api.post_json(
        basis + "start/", {"gestart_op": "2026-04-20"}, HTTP_IF_MATCH=_etag(onderzoek)
    )
    assert (gestart.json()["fase"], gestart.json()["gestart_op"]) == ("lopend", "2026-04-20")
    assert gestart.json()["start_te_laat"] is True  # more than 5 days after the melding
    toekomst = api.post_json(
        basis + "start/", {"gestart_op": "2026-04-21"}, HTTP_IF_MATCH=_etag(onderzoek)
    )
    assert toekomst.status_code == 400  # now the transition itself is refused
    bevindingen = api.put(
        basis + "bevindingen/",
        {"bevindingen": "Gesprekken met beide ouders."},
        content_type="application/json",
        HTTP_IF_MATCH=_etag(onderzoek),
    )
    assert bevindingen.json()["bevindingen"] == "Gesprekken met beide ouders."
    zonder = api.post_json(basis + "afronding/", {}, HTTP_IF_MATCH=_etag(onderzoek))
    assert "conclusies" in _params(zonder)
    conclusies = [
        {"aard": a, "conclusie": "niet_bevestigd", "kind": False}
        for a in s.onderzoek_aarden(onderzoek)
    ]
    afgerond = api.post_json(
        basis + "afronding/", {"conclusies": conclusies}, HTTP_IF_MATCH=_etag(onderzoek)
    )
    assert afgerond.status_code == 200, afgerond.content
    body = afgerond.json()
    assert (body["status"], body["fase"], body["bevindingen"]) == (
        "afgerond",
        "afgerond",
        "Gesprekken met beide ouders.",
    )
    assert sorted(
        Dienst.objects.filter(pk__in=body["vervolgen"]).values_list("soort", flat=True)
    ) == [
        "monitoren",
        "overdracht_na_bemoeienis",
    ]


def test_vv_closed_lists_its_follow_ups(vv_dienst, collega, werker, later):
    voorwaarde(vv_dienst, collega)
    _, api = werker
    response = api.post_json(
        f"/api/v1/diensten/{vv_dienst.pk}/afronding/",
        {"motivering": "Plan afgesproken."},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    body = response.json()
    assert (body["status"], body["afsluiting"]) == ("afgerond", "Plan afgesproken.")
    assert len(body["vervolgen"]) == 2
    voorwaarden = api.get(f"/api/v1/diensten/{body['vervolgen'][0]}/voorwaarden/").json()
    assert voorwaarden["count"] == 1  # handed over to the overdracht na bemoeienis


def test_monitoring_escalated_to_an_onderzoek(overdracht, werker, later):
    _o, m = overdracht
    _, api = werker
    response = api.post_json(
        f"/api/v1/diensten/{m.pk}/escalatie/",
        {"escalatie": "onderzoek", "reden": "Nieuw incident."},
        HTTP_IF_MATCH=_etag(m),
    )
    body = response.json()
    assert (body["fase"], body["escalatie"]) == ("geescaleerd", "onderzoek")
    (vervolg,) = body["vervolgen"]
    assert Dienst.objects.get(pk=vervolg).soort == "onderzoek"
    nogmaals = api.post_json(
        f"/api/v1/diensten/{m.pk}/afronding/", {"eindoordeel": "x"}, HTTP_IF_MATCH=_etag(m)
    )
    assert "nonFieldErrors" in _params(nogmaals)  # escalated monitoring cannot be closed


def test_overdracht_offered_then_inactive_partner_refused(overdracht, werker, audit_rows, later):
    o, _m = overdracht
    _, api = werker
    pad = f"/api/v1/overdrachten/{o.pk}/aanbieding/"
    oud = Ketenpartner.objects.create(naam="Oud wijkteam (test)", soort="wijkteam", actief=False)
    inactief = api.post_json(
        pad, {"ketenpartner": oud.pk, "aangeboden_op": "2026-04-20"}, HTTP_IF_MATCH=_etag(o)
    )
    assert _params(inactief) == {"ketenpartner": "Deze ketenpartner is niet meer actief."}
    partner = Ketenpartner.objects.create(naam="GGZ (inhoud-test)", soort="GGZ")
    response = api.post_json(
        pad, {"ketenpartner": partner.pk, "aangeboden_op": "2026-04-20"}, HTTP_IF_MATCH=_etag(o)
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["fase"], body["ketenpartner"], body["aangeboden_op"]) == (
        "aangeboden",
        partner.pk,
        "2026-04-20",
    )
    assert response["ETag"] == _etag(o)
    assert audit_rows(Event.OVERDRACHT_AANGEBODEN)


def test_outside_the_scope_the_api_refuses_as_the_page_does(
    vv_dienst, api_client_maken, make_user, voordeur_team, client, later
):
    """The dienst is fetched with the page's getter: the same 404, and the same record of the
    refusal (whatever the getter audits) for the page's action and the API's."""
    from zicht.audit.models import AuditEvent

    _, api = api_client_maken(perms=WERKER, teams=[voordeur_team])
    vorige = AuditEvent.objects.filter(event=Event.TOEGANG_GEWEIGERD).count()
    response = api.post_json(
        f"/api/v1/diensten/{vv_dienst.pk}/verlengingen/",
        {"aantal": 1, "reden": "x"},
        HTTP_IF_MATCH=_etag(vv_dienst),
    )
    assert response.status_code == 404
    via_api = AuditEvent.objects.filter(event=Event.TOEGANG_GEWEIGERD).count() - vorige
    medewerker = make_user("pagina-buiten", perms=list(WERKER), teams=[voordeur_team])
    pagina = login_verified(client, medewerker).post(
        reverse("diensten:dienst-actie", args=[vv_dienst.pk, "verlengen"]),
        {"version": vv_dienst.version, "aantal": 1, "reden": "x"},
    )
    assert pagina.status_code == 404
    via_pagina = AuditEvent.objects.filter(event=Event.TOEGANG_GEWEIGERD).count() - vorige - via_api
    assert via_api == via_pagina, (via_api, via_pagina)
