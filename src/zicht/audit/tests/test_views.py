"""The audit log page: permission, filters, keyset pages, constant query count, self-audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zicht.audit.catalogue import Event, Reden
from zicht.audit.models import AuditEvent
from zicht.audit.services import audit_event_record

pytestmark = pytest.mark.django_db

URL = "/audit/"
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def officer(make_user: Callable[..., Any]) -> Any:
    """The privacy officer: holds accounts.audit_inzien."""
    user = make_user("privacy")
    user.user_permissions.add(
        Permission.objects.get(codename="audit_inzien", content_type__app_label="accounts")
    )
    return user


@pytest.fixture
def officer_client(officer: Any, verified_client: Callable[[Any], Client]) -> Client:
    return verified_client(officer)


def write(n: int, *, actor: Any = None, event: Event = Event.CASUS_INGEZIEN, **kwargs: Any) -> None:
    """``n`` events one minute apart from START."""
    for i in range(n):
        audit_event_record(event=event, actor=actor, at=START + timedelta(minutes=i), **kwargs)


def rows(response: Any) -> list[AuditEvent]:
    return list(response.context["page"].events)


def test_url_name() -> None:
    assert reverse("audit:list") == URL


def test_without_permission_the_page_is_forbidden(
    make_user: Callable[..., Any], verified_client: Callable[[Any], Client]
) -> None:
    client = verified_client(make_user("medewerker"))

    response = client.get(URL)

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(event=Event.AUDITLOG_INGEZIEN).exists()


def test_officer_sees_events_newest_first_in_an_accessible_table(
    officer_client: Client, officer: Any
) -> None:
    write(3, actor=officer, target_type="casework.casus", target_id=7, reason=Reden.BEHANDELING)

    response = officer_client.get(URL, {"gebeurtenis": Event.CASUS_INGEZIEN})

    assert response.status_code == 200
    assert [e.occurred_at for e in rows(response)] == [
        START + timedelta(minutes=2),
        START + timedelta(minutes=1),
        START,
    ]
    html = response.content.decode()
    assert "<caption>" in html
    assert '<th scope="col">Gebeurtenis</th>' in html
    assert '<label for="id_gebruiker">Gebruikersnaam</label>' in html
    assert "150 – Casus ingezien" in html
    assert "casework.casus 7" in html


def test_viewing_the_audit_log_is_itself_recorded(officer_client: Client, officer: Any) -> None:
    officer_client.get(URL, {"gebruiker": "jansen", "object": "123456782"})

    viewed = AuditEvent.objects.get(event=Event.AUDITLOG_INGEZIEN)
    assert viewed.actor_id == officer.pk
    assert viewed.reason == Reden.TOETSING
    assert viewed.ip_address == "127.0.0.1"
    # typed filter text is kept, a BSN typed into it is not
    assert viewed.data == {
        "filter": {"gebruiker": "jansen", "object": "[geredigeerd]"},
        "pagina": "eerste",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"gebeurtenis": Event.CASUS_GEWIJZIGD}, {"gewijzigd"}),
        ({"gebruiker": "collega"}, {"collega"}),
        ({"soort": "people.persoon"}, {"persoon"}),
        ({"soort": "casework.casus", "object": "8"}, {"casus-8"}),
        ({"vanaf": "2025-03-04", "tot": "2025-03-04"}, {"dag-2"}),
        ({"vanaf": "2025-03-05"}, {"dag-3"}),
    ],
    ids=["event", "actor", "target-type", "target-id", "one-day", "since"],
)
def test_filters(
    officer_client: Client,
    make_user: Callable[..., Any],
    query: dict[str, Any],
    expected: set[str],
) -> None:
    colleague = make_user("collega")
    labelled = {
        "gewijzigd": {"event": Event.CASUS_GEWIJZIGD},
        "collega": {"actor": colleague},
        "persoon": {"target_type": "people.persoon", "target_id": 1},
        "casus-8": {"target_type": "casework.casus", "target_id": 8},
        # 2025-03-04 00:30 in Amsterdam is 03-03 23:30 UTC: it belongs to the 4th
        "dag-2": {"at": datetime(2025, 3, 3, 23, 30, tzinfo=UTC)},
        "dag-3": {"at": datetime(2025, 3, 5, 12, 0, tzinfo=UTC)},
    }
    seq_label: dict[int, str] = {}
    for label, kwargs in labelled.items():
        arguments: dict[str, Any] = {
            "event": Event.CASUS_INGEZIEN,
            "actor": None,
            "at": START,
            "reason_text": label,
        }
        arguments.update(kwargs)
        seq_label[audit_event_record(**arguments).seq] = label

    response = officer_client.get(URL, query)

    assert response.status_code == 200
    assert {seq_label[e.seq] for e in rows(response)} == expected


def test_invalid_filters_get_a_dutch_message_and_keep_input(officer_client: Client) -> None:
    response = officer_client.get(URL, {"vanaf": "2025-03-05", "tot": "2025-03-01", "soort": "x"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in html
    assert 'value="x"' in html
    assert not AuditEvent.objects.filter(event=Event.AUDITLOG_INGEZIEN).exists()


def test_keyset_pages_of_25(officer_client: Client) -> None:
    write(60)
    only: dict[str, str | int] = {"gebeurtenis": Event.CASUS_INGEZIEN}

    first = officer_client.get(URL, only)
    older = first.context["page"].older
    second = officer_client.get(URL, {**only, "ouder": str(older)})
    third = officer_client.get(URL, {**only, "ouder": str(second.context["page"].older)})
    back = officer_client.get(URL, {**only, "nieuwer": str(second.context["page"].newer)})

    minutes = [
        [int((e.occurred_at - START).total_seconds() // 60) for e in rows(page)]
        for page in (first, second, third, back)
    ]
    assert minutes[0] == list(range(59, 34, -1))
    assert minutes[1] == list(range(34, 9, -1))
    assert minutes[2] == list(range(9, -1, -1))
    assert minutes[3] == minutes[0]
    assert third.context["page"].older is None
    assert first.context["page"].newer is None
    assert f"ouder={older}" in first.content.decode()


def test_broken_cursor_is_a_dutch_error(officer_client: Client) -> None:
    response = officer_client.get(URL, {"ouder": "gisteren"})
    assert response.status_code == 400
    assert "paginaverwijzing is ongeldig" in response.content.decode()


def test_query_count_is_constant_as_rows_grow(
    officer_client: Client, make_user: Callable[..., Any], django_assert_num_queries: Any
) -> None:
    actors = [make_user(f"m{i}") for i in range(5)]
    for i, actor in enumerate(actors):
        write(1, actor=actor, target_type="casework.casus", target_id=i)
    officer_client.get(URL)  # warm up the session and permission caches of the first request
    with CaptureQueriesContext(connection) as small:
        assert officer_client.get(URL).status_code == 200

    for i in range(80):
        write(1, actor=actors[i % 5], target_type="casework.casus", target_id=i)

    with django_assert_num_queries(len(small.captured_queries)):
        response = officer_client.get(URL)
    assert len(rows(response)) == 25
