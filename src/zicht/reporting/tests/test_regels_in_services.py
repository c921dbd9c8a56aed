"""Rules of reporting that live in the service, not in the pages: the period check of a report
(one for the pages, the export requests of pages and API, and the CLI), the export format as a
form field, and closing exports whose worker died — by the periodic job and a new request,
never by a page view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zicht.audit.models import AuditEvent
from zicht.reporting import services
from zicht.reporting.models import Export, ExportStatus
from zicht.reporting.tasks import exports_verweesd_afsluiten_taak
from zicht.reporting.tests.conftest import VANDAAG
from zicht.reporting.tests.dataset import bouw_dataset

pytestmark = pytest.mark.django_db

EXPORT_MISLUKT = 604

PERIODEN = [
    # (soort, periode, opties, field with the error or None when accepted, message fragment)
    ("bestuur", "2020", {"maand": 4}, None, ""),  # the running year (15-01-2020): started
    ("bestuur", "2021", {"maand": 8}, "periode", "De periode 2021 ligt in de toekomst."),
    ("bestuur", "2019-H1", {"maand": 8}, "periode", "kies maand 4, 8 of 12 van een jaar"),
    ("bestuur", "2019", {"maand": 6}, "maand", "kies maand 4, 8 of 12 van een jaar"),
    ("gemeente", "2020-01", {}, None, ""),  # January 2020 has started
    ("gemeente", "2020-02", {}, "periode", "De periode 2020-02 ligt in de toekomst."),
    ("jaarverslag", "2019", {}, None, ""),  # 2019 is over
    ("jaarverslag", "2020", {}, "periode", "nog niet afgelopen"),
    ("cbs", "2019-H2", {}, None, ""),  # the second half of 2019 is over
    ("cbs", "2019", {}, "periode", "per halfjaar"),
    ("cbs_validatie", "2020-H1", {}, None, ""),  # validating a started half-year is fine
    ("gemeente", "2019-13", {}, "periode", "Onbekende maand 13"),
]


@pytest.mark.parametrize(("soort", "periode", "opties", "veld", "fragment"), PERIODEN)
def test_period_check_of_a_report(soort, periode, opties, veld, fragment):
    if veld is None:
        p = services.rapport_periode_toetsen(
            soort=soort, periode=periode, opties=opties, vandaag=VANDAAG
        )
        assert p.code == periode
        return
    with pytest.raises(services.ExportFout) as fout:
        services.rapport_periode_toetsen(
            soort=soort, periode=periode, opties=opties, vandaag=VANDAAG
        )
    assert fout.value.veld == veld
    assert fragment in str(fout.value)


# --- the pages use the service's check -------------------------------------------------------


def test_board_page_refuses_a_future_year_with_the_services_message(beheerder, verified_client, nu):
    response = verified_client(beheerder).get(
        reverse("reporting:bestuur"), {"jaar": "2021", "maand": "8"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["jaar"] == ["De periode 2021 ligt in de toekomst."]
    assert not AuditEvent.objects.filter(event=600).exists()  # nothing shown, nothing read


def test_municipal_page_refuses_a_future_month_with_the_services_message(
    bouw, gemeente_hoorn, verified_client, nu
):
    bouw_dataset(bouw)
    response = verified_client(gemeente_hoorn).get(
        reverse("reporting:gemeente"), {"gemeente": "GM0405", "periode": "2020-02"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["periode"] == ["De periode 2020-02 ligt in de toekomst."]
    assert response.context["rapport"] is None


# --- the format is a form field -------------------------------------------------------------


def test_board_export_format_is_a_form_field_with_a_dutch_error(beheerder, verified_client, nu):
    client = verified_client(beheerder)
    fout = client.post(
        reverse("reporting:bestuur"), {"jaar": "2019", "maand": "8", "formaat": "doc"}
    )
    assert fout.status_code == 400
    assert fout.context["form"].errors["formaat"] == [
        "Formaat ‘doc’ kan niet voor deze rapportage; kies pdf of xlsx."
    ]
    assert "Formaat ‘doc’ kan niet voor deze rapportage" in fout.content.decode()
    assert not Export.objects.exists()
    client.post(reverse("reporting:bestuur"), {"jaar": "2019", "maand": "8", "formaat": "xlsx"})
    client.post(reverse("reporting:bestuur"), {"jaar": "2019", "maand": "4"})  # the default
    assert list(Export.objects.order_by("pk").values_list("formaat", "opties")) == [
        ("xlsx", {"maand": 8}),
        ("pdf", {"maand": 4}),
    ]


def test_municipal_export_format_is_a_form_field(bouw, gemeente_hoorn, verified_client, nu):
    bouw_dataset(bouw)
    client = verified_client(gemeente_hoorn)
    gegevens = {"gemeente": "GM0405", "periode": "2019"}
    fout = client.post(reverse("reporting:gemeente"), {**gegevens, "formaat": "txt"})
    assert fout.status_code == 400
    assert fout.context["form"].errors["formaat"] == [
        "Formaat ‘txt’ kan niet voor deze rapportage; kies xlsx of pdf."
    ]
    assert not Export.objects.exists()
    response = client.post(reverse("reporting:gemeente"), {**gegevens, "formaat": "pdf"})
    export = Export.objects.get()
    assert response.url == reverse("reporting:export", args=[export.pk])
    assert (export.formaat, export.gemeente_code) == ("pdf", "GM0405")


# --- exports whose worker died ----------------------------------------------------------------


@pytest.fixture
def verweesd(beheerder):
    """A CBS export whose worker died two hours ago, with its partial file."""
    export = services.export_aanvragen(
        actor=beheerder,
        soort="cbs",
        periode="2019-H1",
        formaat="txt",
        vandaag=VANDAAG,
        in_wachtrij=False,
    )
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.BEZIG, gestart_op=timezone.now() - timedelta(hours=2)
    )
    deel = services.export_map() / f".{export.pk}-cbs-2019-H1.txt.deel"
    deel.write_bytes(b"H half")
    return export, deel


def _gesloten(export, deel) -> bool:
    export.refresh_from_db()
    return (
        export.status == ExportStatus.MISLUKT
        and "onderbroken" in export.foutmelding
        and not deel.exists()
        and AuditEvent.objects.filter(event=EXPORT_MISLUKT, target_id=str(export.pk)).exists()
    )


def test_a_page_view_does_not_close_a_dead_export(beheerder, verified_client, verweesd):
    export, deel = verweesd
    client = verified_client(beheerder)
    assert client.get(reverse("reporting:index")).status_code == 200
    assert client.get(reverse("reporting:export", args=[export.pk])).status_code == 200
    export.refresh_from_db()
    assert export.status == ExportStatus.BEZIG
    assert deel.exists()
    assert not AuditEvent.objects.filter(event=EXPORT_MISLUKT).exists()


def test_the_periodic_command_closes_a_dead_export(verweesd, capsys):
    call_command("exports-opruimen")
    assert "1 onderbroken export(s) afgesloten." in capsys.readouterr().out
    assert _gesloten(*verweesd)


def test_the_periodic_task_closes_a_dead_export(verweesd):
    assert exports_verweesd_afsluiten_taak.call() == 1
    assert _gesloten(*verweesd)


def test_a_new_export_request_closes_a_dead_export(beheerder, verified_client, nu, verweesd):
    response = verified_client(beheerder).post(
        reverse("reporting:bestuur"), {"jaar": "2019", "maand": "8", "formaat": "pdf"}
    )
    assert response.status_code == 302
    assert _gesloten(*verweesd)


def test_a_running_export_is_not_closed(beheerder, verweesd):
    export, deel = verweesd
    Export.objects.filter(pk=export.pk).update(gestart_op=timezone.now() - timedelta(minutes=5))
    assert services.exports_verweesd_afsluiten() == 0
    export.refresh_from_db()
    assert export.status == ExportStatus.BEZIG
    assert deel.exists()
