# ruff: noqa: F811 - fixtures of the diensten tests are re-used here
"""Refused access is audited, as on the pages: asking for an existing object of a casus outside
the caller's scope answers 404 *and* writes ``TOEGANG_GEWEIGERD`` against that casus (through
``casework.access.casus_weigering_vastleggen``). A non-existing id answers 404 too; like the
page getters it is audited only where the page audits it (a casus id: the casus page records
every refused id; an object that does not exist names no casus)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.accounts.permissions import Perm
from zicht.api.tests.conftest import VOORSTELLER
from zicht.api.tests.test_resources import _zorgmelding
from zicht.assessment.models import Veiligheidsbeoordeling
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.diensten.tests.test_inhoud_services import vv_dienst  # noqa: F401 - fixture
from zicht.reporting import services as reporting_services
from zicht.reporting.models import ExportSoort

pytestmark = pytest.mark.django_db

BUITEN = (*VOORSTELLER, Perm.MELDING_REGISTREREN, Perm.ADVIES_REGISTREREN)
NIET_BESTAAND = 987654


def _weigeringen(gebruiker, event=Event.TOEGANG_GEWEIGERD):
    return list(AuditEvent.objects.filter(event=event, actor=gebruiker).order_by("seq"))


@pytest.fixture
def buiten(api_client_maken, voordeur_team):
    """An integration of another team, with every right to read: only the scope keeps it out."""
    client, api = api_client_maken(perms=BUITEN, teams=[voordeur_team])
    return client.gebruiker, api


def _objecten(dienst):
    casus = dienst.casus
    beoordeling = Veiligheidsbeoordeling.objects.get(melding__casus=casus)
    return {
        "casussen": casus.pk,
        "personen": casus.betrokkenen.order_by("pk").first().persoon_id,
        "meldingen": beoordeling.melding_id,
        "veiligheidsbeoordelingen": beoordeling.pk,
        "besluiten": dienst.besluit_id,
        "diensten": dienst.pk,
    }


@pytest.mark.parametrize(
    "resource",
    ["casussen", "personen", "meldingen", "veiligheidsbeoordelingen", "besluiten", "diensten"],
)
def test_existing_object_outside_scope_is_404_and_audited(vv_dienst, buiten, resource):
    gebruiker, api = buiten
    pk = _objecten(vv_dienst)[resource]
    response = api.get(f"/api/v1/{resource}/{pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    [rij] = _weigeringen(gebruiker)
    assert (rij.target_type, rij.target_id) == ("casework.casus", str(vv_dienst.casus_id))
    assert rij.data == {"antwoord": 404}


@pytest.mark.parametrize(
    "resource", ["personen", "meldingen", "veiligheidsbeoordelingen", "besluiten", "diensten"]
)
def test_non_existing_object_is_404_and_names_no_casus(vv_dienst, buiten, resource):
    gebruiker, api = buiten
    assert api.get(f"/api/v1/{resource}/{NIET_BESTAAND}/").status_code == 404
    assert _weigeringen(gebruiker) == []


def test_non_existing_casus_is_404_and_audited_as_on_the_casus_page(vv_dienst, buiten):
    gebruiker, api = buiten
    assert api.get(f"/api/v1/casussen/{NIET_BESTAAND}/").status_code == 404
    [rij] = _weigeringen(gebruiker)
    assert rij.target_id == str(NIET_BESTAAND)


def test_in_scope_reads_are_not_refusals(vv_dienst, api_client_maken, vb_team):
    client, api = api_client_maken(perms=BUITEN, teams=[vb_team])
    for resource, pk in _objecten(vv_dienst).items():
        assert api.get(f"/api/v1/{resource}/{pk}/").status_code == 200, resource
    assert _weigeringen(client.gebruiker) == []


def test_besluit_write_outside_scope_is_404_and_audited(vv_dienst, buiten):
    gebruiker, api = buiten
    url = f"/api/v1/besluiten/{vv_dienst.besluit_id}/terugsturing/"
    assert api.post_json(url, {"reden": "x"}, HTTP_IF_MATCH='"1"').status_code == 404
    [rij] = _weigeringen(gebruiker)
    assert rij.target_id == str(vv_dienst.casus_id)


# --- Adviezen and the CORV inbox: no casus, so the right is the scope --------------------------


def test_corv_detail_reads_the_message_once(api_client_maken, vb_team, nu):
    _, api = api_client_maken(teams=[vb_team])
    bericht_id = api.post_json("/api/v1/corv-berichten/", {"inhoud": _zorgmelding()}).json()["id"]
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/api/v1/corv-berichten/{bericht_id}/")
    assert response.status_code == 200
    lezingen = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and '"intake_corvbericht"' in q["sql"]
    ]
    assert len(lezingen) == 1, lezingen
    niet_hgkm = api.post_json(
        f"/api/v1/corv-berichten/{bericht_id}/niet-hgkm/", {"doorgestuurd_naar": "Wijkteam"}
    )
    assert niet_hgkm.status_code == 200, niet_hgkm.content
    assert niet_hgkm.json()["status"] == "niet_hgkm"
    assert niet_hgkm.json()["doorgestuurd_naar"] == "Wijkteam"
    assert api.get(f"/api/v1/corv-berichten/{NIET_BESTAAND}/").status_code == 404
    _, zonder = api_client_maken(perms=[Perm.CASUS_INZIEN], teams=[vb_team])
    assert zonder.get(f"/api/v1/corv-berichten/{bericht_id}/").status_code == 403


def test_advies_detail_through_the_page_getter(api_client_maken, vb_team, nu):
    from zicht.api.tests.test_resources import ADVIES

    _, api = api_client_maken(teams=[vb_team])
    advies_id = api.post_json("/api/v1/adviezen/", ADVIES).json()["id"]
    detail = api.get(f"/api/v1/adviezen/{advies_id}/")
    assert detail.status_code == 200
    assert detail.json()["aanleidingen"] == ["01"]
    assert api.get(f"/api/v1/adviezen/{NIET_BESTAAND}/").status_code == 404


# --- Rapporten: the reporting service's own check and refusal ----------------------------------


@pytest.fixture
def jaarverslag(make_user, nu):
    beheer = make_user("rapporteur", perms=[Perm.RAPPORTAGE_INZIEN])
    return reporting_services.export_aanvragen(
        actor=beheer, soort=ExportSoort.JAARVERSLAG, periode="2025", in_wachtrij=False
    )


@pytest.mark.parametrize("pad", ["", "bestand/"])
def test_export_of_another_kind_is_404_and_refused_by_the_reporting_service(
    jaarverslag, api_client_maken, pad
):
    client, cbs = api_client_maken(perms=[Perm.CBS_AANLEVEREN])
    assert cbs.get(f"/api/v1/rapporten/{jaarverslag.pk}/{pad}").status_code == 404
    [rij] = _weigeringen(client.gebruiker, Event.RAPPORTAGE_GEWEIGERD)
    assert rij.data["wat"] == "export jaarverslag"
    assert rij.data["export"] == str(jaarverslag.pk)
    assert cbs.get(f"/api/v1/rapporten/{NIET_BESTAAND}/{pad}").status_code == 404
    assert len(_weigeringen(client.gebruiker, Event.RAPPORTAGE_GEWEIGERD)) == 1


def test_municipal_user_sees_only_own_gemeente_exports(
    jaarverslag, api_client_maken, make_user, nu
):
    from django.utils import timezone

    from zicht.reporting.models import Export

    def export(code):
        return Export.objects.create(
            soort=ExportSoort.GEMEENTE,
            periode="2025",
            gemeente_code=code,
            aangevraagd_op=timezone.now(),
        )

    eigen = export("GM0361")
    export("GM0363")
    gemeente = make_user(
        "gemeente", perms=[Perm.GEMEENTE_RAPPORTAGE], gemeente_code="GM0361", otp=False
    )
    client, api = api_client_maken(gebruiker=gemeente)
    lijst = api.get("/api/v1/rapporten/").json()
    assert [e["id"] for e in lijst["results"]] == [eigen.pk]
    assert api.get(f"/api/v1/rapporten/{jaarverslag.pk}/").status_code == 404
    assert _weigeringen(client.gebruiker, Event.RAPPORTAGE_GEWEIGERD)


def test_no_reporting_right_is_refused_and_audited(api_client_maken):
    client, api = api_client_maken(perms=[Perm.CASUS_INZIEN])
    assert api.get("/api/v1/rapporten/").status_code == 403
    [rij] = _weigeringen(client.gebruiker, Event.RAPPORTAGE_GEWEIGERD)
    assert rij.data["wat"] == "rapportage"
