"""The privacy officer's pages: permissions, the audit viewer with CSV export, the registers
with deadlines, the destruction list through the UI (two people), the nightly chain check."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework import services as casework
from zicht.casework.models import Casus
from zicht.conftest import login_verified
from zicht.privacy import services
from zicht.privacy.models import AuditControle, Klacht, Vernietigingslijst

pytestmark = pytest.mark.django_db

PAGINAS = [
    "privacy:overzicht",
    "privacy:personen",
    "privacy:registers",
    "privacy:audit",
    "privacy:vernietiging",
    "privacy:proef",
]


def test_privacy_pages_are_for_the_privacy_officer_only(client, make_user, officer):
    gewoon = make_user(
        "gewoon", perms=(Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN, Perm.MEDISCHE_NOTITIE)
    )
    login_verified(client, gewoon)
    for naam in PAGINAS:
        assert client.get(reverse(naam)).status_code == 403, naam
    login_verified(client, officer)
    for naam in PAGINAS:
        assert client.get(reverse(naam)).status_code == 200, naam
    assert "Privacy" in client.get(reverse("home")).content.decode()  # in the navigation


def test_audit_viewer_answers_who_viewed_a_casus_and_exports_csv(wereld):
    client = Client()
    a = wereld.a
    login_verified(client, wereld.voorsteller)
    client.get(reverse("casework:detail", args=[a.casus.pk]))
    login_verified(client, wereld.officer)
    page = client.get(reverse("privacy:audit"), {"casus": a.casus.nummer, "soort": "inzage"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "voorsteller" in html
    assert "Casus ingezien" in html
    response = client.get(
        reverse("privacy:audit-csv"), {"casus": a.casus.nummer, "soort": "inzage"}
    )
    assert response.status_code == 200
    assert response.streaming
    rijen = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rijen[0][0] == "volgnummer"
    gelezen = [r for r in rijen[1:] if r[2] == str(int(Event.CASUS_INGEZIEN))]
    assert [r[4] for r in gelezen] == ["voorsteller"]
    assert AuditEvent.objects.filter(
        event=Event.AUDITLOG_GEEXPORTEERD, actor=wereld.officer
    ).exists()
    # A user's activity
    per_gebruiker = client.get(reverse("privacy:audit"), {"gebruiker": "voorsteller"})
    assert "Casus ingezien" in per_gebruiker.content.decode()


def test_registers_record_with_their_deadlines(client, officer):
    login_verified(client, officer)
    response = client.post(
        reverse("privacy:registers"),
        {
            "formulier": "klacht",
            "klacht-ontvangen_op": "2026-11-02",
            "klacht-onderwerp": "Bejegening",
        },
    )
    assert response.status_code == 302
    klacht = Klacht.objects.get()
    assert klacht.deadline == date(2026, 12, 14)  # 6 weeks (Awb 9:11)
    bad = client.post(
        reverse("privacy:registers"),
        {
            "formulier": "calamiteit",
            "calamiteit-casus_nummer": "bestaat-niet",
            "calamiteit-bekend_op": "2026-11-02",
            "calamiteit-omschrijving": "x",
        },
    )
    assert bad.status_code == 400
    assert "Er is geen dossier met dit nummer." in bad.content.decode()
    ok = client.post(
        reverse("privacy:registers"),
        {
            "formulier": "calamiteit",
            "calamiteit-bekend_op": "2026-12-24",
            "calamiteit-omschrijving": "Ernstig incident",
        },
    )
    assert ok.status_code == 302
    from zicht.privacy.models import Calamiteit

    # Thu 24 Dec + 3 Atw working days: 25/26 Dec holidays, weekend -> Mon 28, Tue 29, Wed 30
    assert Calamiteit.objects.get().deadline == date(2026, 12, 30)


def test_destruction_through_the_pages_needs_two_different_people(wereld):
    gesloten = datetime(2026, 6, 30, 10, 0, tzinfo=UTC)
    b = wereld.b.casus
    b.refresh_from_db()
    casework.casus_sluiten(
        actor=wereld.voorsteller, casus=b, expected_version=b.version, gesloten_op=gesloten
    )
    lijst = services.vernietigingslijst_opstellen(actor=wereld.officer, peildatum=date(2046, 7, 1))
    url = reverse("privacy:lijst", args=[lijst.pk])
    een, twee = Client(), Client()
    login_verified(een, wereld.officer)
    login_verified(twee, wereld.officer2)
    een.post(url, {"actie": "goedkeuren"})
    response = een.post(url, {"actie": "goedkeuren"}, follow=True)
    assert "tweede persoon" in response.content.decode()
    assert een.post(url, {"actie": "uitvoeren", "version": "2"}).status_code == 302
    assert Casus.objects.filter(pk=b.pk).exists()  # one approval: nothing happened
    twee.post(url, {"actie": "goedkeuren"})
    lijst.refresh_from_db()
    response = twee.post(url, {"actie": "uitvoeren", "version": str(lijst.version)}, follow=True)
    assert "rijen vernietigd" in response.content.decode()
    assert not Casus.objects.filter(pk=b.pk).exists()
    assert Vernietigingslijst.objects.get(pk=lijst.pk).status == "uitgevoerd"
    proef = twee.get(reverse("privacy:proef"), {"peildatum": "2046-07-01"})
    assert proef.status_code == 200


def test_nightly_chain_check_is_kept_and_shown(client, officer):
    call_command("privacy-auditcontrole")
    controle = AuditControle.objects.get()
    assert controle.ok
    login_verified(client, officer)
    assert "keten heel" in client.get(reverse("privacy:audit")).content.decode()


def _aantal_queries(client, url, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_register_and_audit_pages_use_a_constant_number_of_queries(client, officer):
    from zicht.casework.tests.factories import CasusFactory

    login_verified(client, officer)

    def vullen(n):
        for i in range(n):
            casus = CasusFactory()
            services.klacht_vastleggen(
                actor=officer, casus=casus, ontvangen_op=date(2026, 11, 2), onderwerp=f"k{i}"
            )
            services.calamiteit_vastleggen(
                actor=officer, casus=casus, bekend_op=date(2026, 11, 2), omschrijving=f"c{i}"
            )
            services.verstrekking_vastleggen(
                actor=officer,
                casus=casus,
                persoon=None,
                op=date(2026, 11, 2),
                ontvanger="Politie",
                wat="w",
                grondslag="meldrecht",
            )

    vullen(2)
    klein = _aantal_queries(client, reverse("privacy:registers"))
    audit_klein = _aantal_queries(client, reverse("privacy:audit"), gebruiker="fg")
    vullen(15)
    assert _aantal_queries(client, reverse("privacy:registers")) == klein
    assert _aantal_queries(client, reverse("privacy:audit"), gebruiker="fg") == audit_klein
