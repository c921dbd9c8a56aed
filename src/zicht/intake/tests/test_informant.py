"""Informants: recorded like the melder, protected as a source."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from zicht.audit.catalogue import Event
from zicht.casework.models import JournaalItem
from zicht.intake import services
from zicht.intake.models import BRONBESCHERMD, Informant, Melder, bronbeschermde_velden
from zicht.intake.services import BronInvoer
from zicht.intake.tests.conftest import NU, assert_no_personal_data
from zicht.intake.tests.test_services_melding import invoer

pytestmark = pytest.mark.django_db


@pytest.fixture
def melding(medewerker):
    return services.melding_register(actor=medewerker, invoer=invoer(), nu=NU).object


def test_informant_page_records_a_protected_source(
    verified_client, medewerker, melding, nu, audit_rows
):
    client = verified_client(medewerker)
    url = f"/intake/melding/{melding.pk}/informant/"
    assert client.get(url).status_code == 200
    fout = client.post(url, {"hoedanigheid": "03", "naam": "", "onderwerp": ""})
    assert fout.status_code == 400
    response = client.post(
        url,
        {
            "hoedanigheid": "03",
            "naam": "Verpleegkundige Jolanda Kramer",
            "organisatie": "JGZ Noord-Holland Noord",
            "telefoon": "088-0100500",
            "email": "",
            "geraadpleegd_op": "2026-03-10T09:50",
            "onderwerp": "Kind is sinds januari niet meer op het consultatiebureau geweest.",
        },
    )
    assert response.status_code == 302
    informant = Informant.objects.get()
    assert informant.casus == melding.casus
    # the timeline shows the consultation, not who was consulted
    item = JournaalItem.objects.filter(casus=melding.casus).order_by("-id").first()
    assert "consultatiebureau" in item.tekst
    assert "Kramer" not in item.tekst
    assert "JGZ" not in item.tekst
    rij = audit_rows(Event.INFORMANT_VASTGELEGD)[0]
    assert rij.data == {"melding": melding.pk, "casus": melding.casus_id, "hoedanigheid": "03"}
    assert_no_personal_data(audit_rows(), "Kramer", "JGZ", "088")
    # the melding page lists the informant for staff, marked as protected
    html = client.get(f"/intake/melding/{melding.pk}/").content.decode()
    assert "Kramer" in html
    assert "bronbescherming" in html


def test_informant_rules(medewerker, melding):
    with pytest.raises(ValidationError) as fout:
        services.informant_vastleggen(
            actor=medewerker,
            melding=melding,
            bron=BronInvoer(hoedanigheid="08"),
            onderwerp="",
            geraadpleegd_op=NU + timedelta(hours=1),
            nu=NU,
        )
    assert set(fout.value.message_dict) == {"naam", "organisatie", "onderwerp", "geraadpleegd_op"}


def test_source_protected_fields_are_declared():
    # Family-facing output (inzage, letters) leaves these fields out.
    for model, velden in BRONBESCHERMD.items():
        namen = {f.name for f in model._meta.get_fields()}
        assert velden <= namen
        for veld in velden:
            assert "Bronbescherming" in str(model._meta.get_field(veld).help_text)
    assert "naam" in bronbeschermde_velden(Melder)
    assert bronbeschermde_velden(JournaalItem) == frozenset()


def test_melding_page_shows_the_melder_only_in_the_protected_block(
    verified_client, medewerker, melding, nu
):
    response = verified_client(medewerker).get(f"/intake/melding/{melding.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    blok = html.split('id="melder-titel"')[1]
    assert "Dr. P. Bakker" in blok
    assert "Dr. P. Bakker" not in html.split('id="melder-titel"')[0]
