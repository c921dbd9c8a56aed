"""Pages: rights (403 audited), the gemeente user's own municipality only, the export flow
through the background job, downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.audit.models import AuditEvent
from zicht.reporting.models import Export
from zicht.reporting.tests.dataset import GELDIG_BSN, bouw_dataset

pytestmark = pytest.mark.django_db


def test_user_without_reporting_rights_is_refused_and_audited(make_user, verified_client):
    medewerker = make_user("casemanager", perms=(Perm.CASUS_INZIEN,))
    client = verified_client(medewerker)
    for naam in ("index", "dashboard", "cbs", "gemeente", "bestuur"):
        assert client.get(reverse(f"reporting:{naam}")).status_code == 403
    assert AuditEvent.objects.filter(event=601).count() == 5


def test_dashboard_shows_charts_and_tables(bouw, beheerder, verified_client, nu):
    bouw_dataset(bouw)
    response = verified_client(beheerder).get(reverse("reporting:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("data:image/svg+xml;base64,") == 4
    for kop in (
        "Instroom per week",
        "Besluit binnen 5 werkdagen per week",
        "Meldingen zonder beoordelaar per peildatum",
        "Medewerkers naar aantal open diensten",
    ):
        assert kop in html
    assert AuditEvent.objects.filter(event=600).exists()


def test_gemeente_user_sees_only_own_municipality_aggregated(
    bouw, gemeente_hoorn, verified_client, nu
):
    bouw_dataset(bouw)
    client = verified_client(gemeente_hoorn)
    eigen = client.get(reverse("reporting:gemeente"), {"gemeente": "GM0405", "periode": "2019"})
    assert eigen.status_code == 200
    html = eigen.content.decode()
    assert "Hoorn (GM0405)" in html
    assert "Dijk en Waard" not in html
    assert GELDIG_BSN not in html
    assert "Jansen" not in html
    ander = client.get(reverse("reporting:gemeente"), {"gemeente": "GM1980", "periode": "2019"})
    assert ander.status_code == 403
    assert AuditEvent.objects.filter(event=601).count() == 1
    assert client.get(reverse("reporting:cbs")).status_code == 403
    assert client.get(reverse("reporting:dashboard")).status_code == 403
    toekomst = client.get(reverse("reporting:gemeente"), {"gemeente": "GM0405", "periode": "2021"})
    assert toekomst.status_code == 400
    assert "toekomst" in toekomst.content.decode()


def test_cbs_flow_runs_in_the_background_and_offers_the_file(
    bouw, beheerder, verified_client, nu, django_capture_on_commit_callbacks
):
    ds = bouw_dataset(bouw)
    client = verified_client(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:cbs"), {"periode": "2019-H1", "formaat": "txt", "valideren": "1"}
        )
    export = Export.objects.get()
    assert response.url == reverse("reporting:export", args=[export.pk])
    pagina = client.get(response.url).content.decode()
    assert "3 fouten" in pagina
    assert f'href="/dossiers/{ds.m["m5"].casus_id}/"' in pagina
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:cbs"), {"periode": "2019-H1", "formaat": "txt", "leveren": "1"}
        )
    levering = Export.objects.get(soort="cbs")
    assert levering.status == "klaar"
    download = client.get(reverse("reporting:download", args=[levering.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"HZICHT-V1")
    assert AuditEvent.objects.filter(event=605).count() == 1
    fout = client.post(reverse("reporting:cbs"), {"periode": "2020-H1", "formaat": "txt"})
    assert fout.status_code == 400
    assert "nog niet afgelopen" in fout.content.decode()


def test_download_is_refused_to_who_may_not_see_it(
    bouw, beheerder, gemeente_hoorn, make_user, verified_client, nu
):
    from zicht.reporting import services

    bouw_dataset(bouw)
    e = services.export_aanvragen(
        actor=beheerder, soort="cbs", periode="2019-H1", formaat="txt", in_wachtrij=False
    )
    services.export_uitvoeren(export_id=e.pk)
    teamleider = make_user("tl", perms=(Perm.RAPPORTAGE_INZIEN,))
    for user in (gemeente_hoorn, teamleider):
        client = verified_client(user)
        assert client.get(reverse("reporting:download", args=[e.pk])).status_code == 403
        assert client.get(reverse("reporting:export", args=[e.pk])).status_code == 403
    # another controller with the right may download what a colleague requested
    collega = make_user("collega-controller", perms=(Perm.CBS_AANLEVEREN,))
    assert (
        verified_client(collega).get(reverse("reporting:download", args=[e.pk])).status_code == 200
    )


def test_board_page(bouw, beheerder, verified_client, nu):
    bouw_dataset(bouw)
    client = verified_client(beheerder)
    response = client.get(reverse("reporting:bestuur"), {"jaar": "2019", "maand": "8"})
    assert response.status_code == 200
    assert "Bestuurlijke rapportage 2019 – na 8 maanden" in response.content.decode()
    assert (
        client.get(reverse("reporting:bestuur"), {"jaar": "2030", "maand": "8"}).status_code == 400
    )


def test_dashboard_lights_up_the_planning_risks_that_data_can_see(beheerder, verified_client, nu):
    from datetime import UTC, date, datetime

    import time_machine

    from zicht.assessment.models import VbTermijnTelling
    from zicht.casework.tests.factories import TeamFactory
    from zicht.planning.domain.signalen import SignaalCode

    client = verified_client(beheerder)
    # 2020 has no planning parameters (only 2019 is seeded): said so, nothing lit
    html = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Nog geen planparameters voor 2020" in html
    # In June 2019: 10 VB decisions in the last 28 days, 7 on time (70% < 90% − 10): red
    VbTermijnTelling.objects.create(
        team=TeamFactory(naam="VB"), datum=date(2019, 6, 10), besloten=10, op_tijd=7
    )
    with time_machine.travel(datetime(2019, 6, 14, 9, 0, tzinfo=UTC), tick=False):
        response = client.get(reverse("reporting:dashboard"))
    lit = response.context["oplichtend"]
    assert [r.signaal.code for r in lit] == [SignaalCode.TERMIJNEN]
    assert lit[0].signaal.niveau.value == "rood"
    assert f"Risico {lit[0].risico.nummer}: {lit[0].risico.omschrijving}" in (
        response.content.decode()
    )
