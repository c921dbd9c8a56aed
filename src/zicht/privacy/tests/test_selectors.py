"""The privacy officer's look-ups (selectors): the person a request is about, a casus by its
number; the pages use them, and the person search stays audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import CasusFactory, PersoonFactory
from zicht.conftest import login_verified
from zicht.privacy import selectors
from zicht.privacy.models import Klacht

pytestmark = pytest.mark.django_db


def test_personen_zoeken_by_bsn_and_or_surname():
    jansen = PersoonFactory(bsn="111222333", achternaam="Jansen")
    ander = PersoonFactory(bsn="123456782", achternaam="jansen")
    PersoonFactory(bsn="", achternaam="Pietersen")

    assert selectors.personen_zoeken(bsn=" 111222333 ") == [jansen]
    assert selectors.personen_zoeken(achternaam="JANSEN ") == [jansen, ander]
    assert selectors.personen_zoeken(bsn="123456782", achternaam="Jansen") == [ander]
    assert selectors.personen_zoeken(bsn="111222333", achternaam="Pietersen") == []
    assert selectors.personen_zoeken() == []  # no criterion: nothing, not everyone


def test_personen_zoeken_gives_at_most_the_maximum():
    for _ in range(selectors.PERSONEN_MAX + 2):
        PersoonFactory(achternaam="Veel")
    assert len(selectors.personen_zoeken(achternaam="veel")) == selectors.PERSONEN_MAX


def test_casus_op_nummer():
    casus = CasusFactory(nummer="2026-000123")
    assert selectors.casus_op_nummer(" 2026-000123 ") == casus
    assert selectors.casus_op_nummer("2026-999999") is None
    assert selectors.casus_op_nummer("  ") is None


def test_person_search_page_uses_the_selector_and_is_audited(client, officer):
    PersoonFactory(bsn="111222333", achternaam="Jansen", voornamen="Joost")
    login_verified(client, officer)

    antwoord = client.get(reverse("privacy:personen"), {"achternaam": "jansen"})

    assert antwoord.status_code == 200
    assert "Joost" in antwoord.content.decode()
    [event] = AuditEvent.objects.filter(event=Event.PERSOON_INGEZIEN)
    assert event.actor == officer
    assert event.data["zoekresultaten"] == 1


def test_register_form_finds_the_casus_by_number_or_says_it_does_not_exist(client, officer):
    casus = CasusFactory(nummer="2026-000777")
    login_verified(client, officer)
    url = reverse("privacy:registers")
    velden = {
        "formulier": "klacht",
        "klacht-ontvangen_op": date(2026, 11, 2).isoformat(),
        "klacht-onderwerp": "Te laat gebeld",
    }

    fout = client.post(url, {**velden, "klacht-casus_nummer": "2026-999999"})
    assert fout.status_code == 400
    assert "Er is geen dossier met dit nummer." in fout.content.decode()
    assert not Klacht.objects.exists()

    assert client.post(url, {**velden, "klacht-casus_nummer": " 2026-000777 "}).status_code == 302
    assert Klacht.objects.get().casus == casus
