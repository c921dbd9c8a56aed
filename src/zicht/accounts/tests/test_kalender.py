"""The functioneel beheerder keeps the equated days of the Atw calendar; others may not."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import include, path, reverse

from zicht.accounts import kalender_services
from zicht.accounts.kalender_services import gelijkgestelde_dag_add, gelijkgestelde_dag_remove
from zicht.accounts.kalender_views import kalender_urlpatterns
from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.conf import urls as root_urls
from zicht.core import selectors
from zicht.core.models import GelijkgesteldeDag
from zicht.core.selectors import calendar_current, calendar_invalidate

D = date.fromisoformat

# The root URLconf with the calendar mounted where the lead mounts it (/beheer/kalender/), so that
# these tests do not depend on the order in which the parts are wired together.
urlpatterns = [
    path("beheer/kalender/", include(kalender_urlpatterns)),
    *root_urls.urlpatterns,
]
handler403 = root_urls.handler403
handler404 = root_urls.handler404

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar_invalidate()
    yield
    calendar_invalidate()


@pytest.fixture
def beheerder(make_user, verified_client):
    user = make_user("beheerder", perms=[Perm.CODELIJSTEN_BEHEREN])
    return verified_client(user), user


@pytest.fixture
def medewerker(make_user, verified_client):
    user = make_user("medewerker", perms=[Perm.CASUS_INZIEN])
    return verified_client(user), user


def url(jaar: int | None = None) -> str:
    base = reverse("kalender")
    return f"{base}?jaar={jaar}" if jaar else base


def verwijder_url(datum: str) -> str:
    return reverse("kalender-verwijderen", args=[datum])


def audit_events():
    return AuditEvent.objects.filter(event=Event.REFERENTIEDATA_GEWIJZIGD).order_by("seq")


# --- access ----------------------------------------------------------------------------------


def test_urls_are_where_the_lead_mounts_them():
    assert url() == "/beheer/kalender/"
    assert verwijder_url("2026-05-15") == "/beheer/kalender/2026-05-15/verwijderen/"


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(url())
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_without_permission_the_page_is_forbidden(medewerker):
    client, _ = medewerker
    assert client.get(url()).status_code == 403
    assert client.post(url(), {"datum": "2029-05-11", "grond": "x"}).status_code == 403
    assert client.post(verwijder_url("2026-05-15")).status_code == 403
    assert GelijkgesteldeDag.objects.filter(datum=D("2026-05-15")).exists()
    assert not GelijkgesteldeDag.objects.filter(datum=D("2029-05-11")).exists()


# --- the page --------------------------------------------------------------------------------


def test_page_lists_the_atw_holidays_and_equated_days_of_a_year(beheerder):
    client, _ = beheerder
    response = client.get(url(2026))
    assert response.status_code == 200
    html = response.content.decode()
    # the computed Atw holidays of 2026, in Dutch
    for naam in (
        "Goede Vrijdag",
        "Tweede Paasdag",
        "Koningsdag",
        "Bevrijdingsdag",
        "Hemelvaartsdag",
    ):
        assert naam in html
    assert "maandag 27 april 2026" in html
    assert "dinsdag 5 mei 2026" in html
    # the equated days, with a remove button each
    assert "vrijdag 15 mei 2026" in html
    assert "vrijdag na Nieuwjaarsdag (donderdag)" in html
    assert verwijder_url("2026-05-15") in html
    # 4 May 2026 is not equated
    assert "maandag 4 mei 2026" not in html
    # 2026 has 251 working days
    assert "251 werkdagen in 2026" in html
    # equated days of every year are listed, grouped
    assert [groep["jaar"] for groep in response.context["per_jaar"]] == [
        2023,
        2024,
        2025,
        2026,
        2027,
        2028,
    ]


@pytest.fixture
def in_2027(make_user, verified_client):
    """A beheerder logged in on 1 March 2027 (the session is made inside the frozen time)."""
    with time_machine.travel("2027-03-01 10:00 +01:00", tick=False):
        user = make_user("beheerder2027", perms=[Perm.CODELIJSTEN_BEHEREN])
        yield verified_client(user)


def test_page_shows_the_current_year_by_default(in_2027):
    response = in_2027.get(url())
    assert response.context["jaar"] == 2027
    assert "dinsdag 27 april 2027" in response.content.decode()


@pytest.mark.parametrize(
    ("jaar", "fout"),
    [
        ("abc", "Vul een jaartal in"),
        ("1979", "Kies een jaar vanaf 1980."),
        ("2201", "Kies een jaar tot en met 2200."),
    ],
)
def test_an_invalid_year_is_explained_and_the_current_year_shown(in_2027, jaar, fout):
    response = in_2027.get(f"{url()}?jaar={jaar}")
    assert response.status_code == 200
    assert response.context["jaar"] == 2027
    html = response.content.decode()
    assert fout in html
    assert 'aria-invalid="true"' in html


def test_adding_an_equated_day(beheerder):
    client, user = beheerder
    # given Friday 11 May 2029, the day after Ascension, which no decree covers yet
    assert calendar_current().is_working_day(D("2029-05-11"))
    response = client.post(
        url(2029),
        {"datum": "2029-05-11", "grond": "vrijdag na Hemelvaartsdag", "bron_status": "KB 2029"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(2029)
    dag = GelijkgesteldeDag.objects.get(datum=D("2029-05-11"))
    assert (dag.grond, dag.bron_status) == ("vrijdag na Hemelvaartsdag", "KB 2029")
    # then it no longer counts as a working day
    assert not calendar_current().is_working_day(D("2029-05-11"))
    # and the change is in the audit log
    event = audit_events().get()
    assert event.actor == user
    assert event.target_type == "core.gelijkgesteldedag"
    assert event.data["actie"] == "toegevoegd"
    assert event.data["datum"] == "2029-05-11"
    # and the page confirms it
    page = client.get(response["Location"])
    assert "11-05-2029 (vrijdag na Hemelvaartsdag) is toegevoegd" in page.content.decode()


def test_a_date_in_dutch_notation_is_accepted(beheerder):
    client, _ = beheerder
    response = client.post(url(), {"datum": "11-05-2029", "grond": "vrijdag na Hemelvaartsdag"})
    assert response.status_code == 302
    assert GelijkgesteldeDag.objects.filter(datum=D("2029-05-11")).exists()


@pytest.mark.parametrize(
    ("datum", "grond", "veld", "fout"),
    [
        # za 12-05-2029
        ("2029-05-12", "iets", "datum", "12-05-2029 valt op een zaterdag; alleen een werkdag kan"),
        # zo 13-05-2029
        ("2029-05-13", "iets", "datum", "13-05-2029 valt op een zondag"),
        # vr 15-05-2026 is already equated
        (
            "2026-05-15",
            "iets",
            "datum",
            "15-05-2026 is al gelijkgesteld (vrijdag na Hemelvaartsdag).",
        ),
        # ma 27-04-2026 Koningsdag
        (
            "2026-04-27",
            "iets",
            "datum",
            "27-04-2026 is al een algemeen erkende feestdag (Koningsdag).",
        ),
        # di 05-05-2026: 5 mei
        ("2026-05-05", "iets", "datum", "is al een algemeen erkende feestdag (Bevrijdingsdag)."),
        ("1979-05-11", "iets", "datum", "Kies een datum tussen 1980 en 2200."),
        ("", "iets", "datum", "Vul de datum in."),
        ("31-02-2029", "iets", "datum", "Vul een geldige datum in, bijvoorbeeld 15-05-2026."),
        ("2029-05-11", "", "grond", "Vul de grond in, bijvoorbeeld ‘vrijdag na Hemelvaartsdag’."),
        ("2029-05-11", "x" * 201, "grond", "De grond mag hoogstens 200 tekens lang zijn."),
    ],
)
def test_invalid_input_gets_a_dutch_message_and_keeps_the_input(
    beheerder, datum, grond, veld, fout
):
    client, _ = beheerder
    response = client.post(url(2029), {"datum": datum, "grond": grond, "bron_status": "mijn bron"})
    assert response.status_code == 400
    form = response.context["form"]
    assert any(fout in error for error in form.errors[veld])
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'value="mijn bron"' in html  # the other input is kept
    if grond and len(grond) < 50:
        assert f'value="{grond}"' in html
    assert not audit_events().exists()


def test_removing_an_equated_day(beheerder):
    client, user = beheerder
    response = client.post(verwijder_url("2026-05-15"))
    assert response.status_code == 302
    assert response["Location"] == url(2026)
    assert not GelijkgesteldeDag.objects.filter(datum=D("2026-05-15")).exists()
    assert calendar_current().is_working_day(D("2026-05-15"))
    event = audit_events().get()
    assert (event.actor, event.data["actie"], event.data["datum"]) == (
        user,
        "verwijderd",
        "2026-05-15",
    )
    assert event.data["grond"] == "vrijdag na Hemelvaartsdag"
    page = client.get(response["Location"])
    assert "15-05-2026 is geen gelijkgestelde dag meer." in page.content.decode()


@pytest.mark.parametrize("datum", ["2026-05-14", "2026-13-01", "gisteren"])
def test_removing_something_that_is_not_an_equated_day_is_not_found(beheerder, datum):
    client, _ = beheerder
    assert client.post(verwijder_url(datum)).status_code == 404
    assert not audit_events().exists()


def test_removing_needs_a_post(beheerder):
    client, _ = beheerder
    assert client.get(verwijder_url("2026-05-15")).status_code == 405
    assert GelijkgesteldeDag.objects.filter(datum=D("2026-05-15")).exists()


# --- the service -----------------------------------------------------------------------------


def test_service_write_and_audit_are_one_transaction(monkeypatch, make_user):
    user = make_user("beheerder2", perms=[Perm.CODELIJSTEN_BEHEREN])

    def broken_audit(**kwargs):
        raise RuntimeError("auditlog niet bereikbaar")

    monkeypatch.setattr(kalender_services, "audit_event_record", broken_audit)
    with pytest.raises(RuntimeError):
        gelijkgestelde_dag_add(datum=D("2029-05-11"), grond="vrijdag na Hemelvaartsdag", actor=user)
    assert not GelijkgesteldeDag.objects.filter(datum=D("2029-05-11")).exists()
    with pytest.raises(RuntimeError):
        gelijkgestelde_dag_remove(datum=D("2026-05-15"), actor=user)
    assert GelijkgesteldeDag.objects.filter(datum=D("2026-05-15")).exists()


def test_service_invalidates_the_cached_calendar_after_commit(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user("beheerder3", perms=[Perm.CODELIJSTEN_BEHEREN])
    generation = selectors._generation
    with django_capture_on_commit_callbacks(execute=True):
        gelijkgestelde_dag_add(
            datum=D("2029-05-11"), grond=" vrijdag  na Hemelvaartsdag ", actor=user
        )
    assert selectors._generation == generation + 1
    with django_capture_on_commit_callbacks(execute=True):
        gelijkgestelde_dag_remove(datum=D("2029-05-11"), actor=user)
    assert selectors._generation == generation + 2


def test_service_normalises_the_grond(make_user):
    user = make_user("beheerder4", perms=[Perm.CODELIJSTEN_BEHEREN])
    dag = gelijkgestelde_dag_add(
        datum=D("2029-05-11"), grond="  vrijdag   na\tHemelvaart ", actor=user
    )
    assert dag.grond == "vrijdag na Hemelvaart"


def test_service_refuses_a_removal_of_an_unknown_day(make_user):
    user = make_user("beheerder5", perms=[Perm.CODELIJSTEN_BEHEREN])
    with pytest.raises(ValidationError) as error:
        gelijkgestelde_dag_remove(datum=D("2026-05-04"), actor=user)
    assert error.value.message_dict == {"datum": ["04-05-2026 is geen gelijkgestelde dag."]}


def test_service_refuses_an_over_long_source(make_user):
    user = make_user("beheerder6", perms=[Perm.CODELIJSTEN_BEHEREN])
    with pytest.raises(ValidationError) as error:
        gelijkgestelde_dag_add(datum=D("2029-05-11"), grond="x", bron_status="b" * 251, actor=user)
    assert "bron_status" in error.value.message_dict
