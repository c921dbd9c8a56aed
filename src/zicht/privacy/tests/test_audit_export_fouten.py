"""The audit CSV export with a bad filter answers with the audit page and the error at the
field (not a bare 400); privacy refusals carry their Dutch reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.conftest import login_verified
from zicht.privacy import services, views
from zicht.privacy.models import Klacht

pytestmark = pytest.mark.django_db

GEEN_RECHT = "Hiervoor is een recht van de privacy officer nodig."


def _exports(actor):
    return AuditEvent.objects.filter(event=Event.AUDITLOG_GEEXPORTEERD, actor=actor).count()


@pytest.mark.parametrize(
    ("filter", "veld", "melding"),
    [
        ({"vanaf": "31-02-2026"}, "vanaf", "Voer een geldige datum in."),
        ({"persoon": "Jansen"}, "persoon", "Voer een geheel getal in."),
        ({"soort": "alles-en-nog-wat"}, "soort", "Selecteer een geldige keuze."),
    ],
)
def test_csv_with_a_bad_filter_shows_the_page_with_the_error_at_the_field(
    client, officer, filter, veld, melding
):
    # given the privacy officer exporting with one bad filter next to a good one
    login_verified(client, officer)
    response = client.get(reverse("privacy:audit-csv"), {"gebruiker": "voorsteller", **filter})
    # then the audit page comes back, 400, the Dutch error at the field
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert not response.streaming
    assert "audit.csv" not in response.get("Content-Disposition", "")
    html = response.content.decode()
    assert "Audit: wie zag of wijzigde wat" in html
    assert f'href="#id_{veld}"' in html  # the error summary links to the field
    assert melding in html
    assert f'id="id_{veld}"' in html
    assert 'value="voorsteller"' in html  # the other filter is kept
    assert _exports(officer) == 0  # nothing was exported


def test_csv_without_any_filter_goes_to_the_search_page(client, officer):
    login_verified(client, officer)
    response = client.get(reverse("privacy:audit-csv"))
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:audit")
    assert _exports(officer) == 0


def test_csv_with_good_filters_still_streams(client, officer):
    login_verified(client, officer)
    response = client.get(reverse("privacy:audit-csv"), {"vanaf": "2026-01-01"})
    assert response.status_code == 200
    assert response.streaming
    assert _exports(officer) == 1


# --- Refusals ----------------------------------------------------------------------------


def test_a_service_refuses_without_the_right_with_a_dutch_reason(make_user):
    medewerker = make_user("gewoon", perms=(Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN))
    with pytest.raises(PermissionDenied) as fout:
        services.klacht_vastleggen(
            actor=medewerker, casus=None, ontvangen_op=date(2026, 3, 2), onderwerp="Bejegening"
        )
    assert str(fout.value) == GEEN_RECHT
    assert not Klacht.objects.exists()


def test_either_right_opens_a_service_that_takes_one_of_two(make_user):
    # vernietigingsverzoek_vastleggen takes AUDIT_INZIEN or VERNIETIGING_BEHEREN; without
    # both it is refused before anything is written
    medewerker = make_user("gewoon", perms=(Perm.NOODTOEGANG_TOETSEN,))
    with pytest.raises(PermissionDenied, match=GEEN_RECHT):
        services.vernietigingsverzoek_vastleggen(
            actor=medewerker, persoon=None, ontvangen_op=date(2026, 3, 2)
        )


def test_a_page_refuses_without_the_right_with_a_dutch_reason(make_user, client):
    medewerker = make_user("gewoon", perms=(Perm.CASUS_INZIEN,))
    request = RequestFactory().get(reverse("privacy:overzicht"))
    request.user = medewerker
    with pytest.raises(PermissionDenied) as fout:
        views.overzicht_view(request)
    assert str(fout.value) == GEEN_RECHT
    # and through the full stack it is the Dutch 403 page
    login_verified(client, medewerker)
    response = client.get(reverse("privacy:overzicht"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_one_of_the_privacy_rights_opens_the_overview(make_user, client):
    toetser = make_user("toetser", perms=(Perm.NOODTOEGANG_TOETSEN,))
    login_verified(client, toetser)
    assert client.get(reverse("privacy:overzicht")).status_code == 200
