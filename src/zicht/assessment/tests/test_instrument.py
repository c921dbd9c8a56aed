"""Publishing a new version of the triage instrument: the page for the functioneel beheerder
and the management command. Old assessments keep their version."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.assessment import services
from zicht.assessment.models import Instrument
from zicht.assessment.tests.conftest import NU
from zicht.audit.catalogue import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(make_user):
    return make_user("beheerder", perms=(Perm.CODELIJSTEN_BEHEREN,), first_name="Bea")


def test_page_publishes_an_edited_copy_and_old_assessments_keep_their_version(
    verified_client, beheerder, melding, voorsteller, audit_rows
):
    beoordeling = services.triage_vastleggen(
        actor=voorsteller, melding=melding, antwoorden={"acuut_gevaar": "nee"}, nu=NU
    )
    c = verified_client(beheerder)
    pagina = c.get(reverse("assessment:instrument"))
    assert pagina.status_code == 200
    inhoud = pagina.content.decode()
    assert "Vragen van versie 1" in inhoud
    # the form holds a copy of the current questions
    vragen = json.loads(pagina.context["vragen_json"])
    assert {v["code"] for v in vragen} >= {"acuut_gevaar", "structureel", "taxatie"}
    # invalid JSON: 400, a Dutch error at the field, the input kept
    fout = c.post(reverse("assessment:instrument"), {"omschrijving": "V2", "vragen": "[{"})
    assert fout.status_code == 400
    assert "geen geldige JSON" in fout.content.decode()
    assert "[{" in fout.content.decode()
    # dropping the structural question is refused (DOMAIN §5 minimum)
    zonder = [v for v in vragen if v["implicatie"] != "structureel"]
    fout = c.post(
        reverse("assessment:instrument"),
        {"omschrijving": "V2", "vragen": json.dumps(zonder)},
    )
    assert fout.status_code == 400
    assert "structurele onveiligheid" in fout.content.decode()
    assert Instrument.objects.count() == 1
    # an edited copy is published as version 2
    vragen[0]["hulptekst"] = "Nieuwe hulptekst na het protocol van 2026."
    ok = c.post(
        reverse("assessment:instrument"),
        {"omschrijving": "Protocol 2026", "vragen": json.dumps(vragen)},
    )
    assert ok.status_code == 302
    nieuw = services.instrument_actueel()
    assert nieuw.versie == 2
    assert nieuw.gepubliceerd_door == beheerder
    assert nieuw.vragen.get(code=vragen[0]["code"]).hulptekst.startswith("Nieuwe hulptekst")
    assert audit_rows(Event.INSTRUMENT_GEPUBLICEERD)
    beoordeling.refresh_from_db()
    assert beoordeling.instrument.versie == 1


def test_page_needs_the_permission(verified_client, voorsteller):
    c = verified_client(voorsteller)
    assert c.get(reverse("assessment:instrument")).status_code == 403
    assert c.post(reverse("assessment:instrument"), {"vragen": "[]"}).status_code == 403


def test_management_command_publishes_a_version(beheerder, voorsteller, tmp_path):
    huidig = services.instrument_actueel()
    rijen = [
        {
            "code": v.code,
            "tekst": v.tekst,
            "antwoordtype": v.antwoordtype,
            "implicatie": v.implicatie,
            "hulptekst": v.hulptekst,
            "keuzes": v.keuzes,
            "verplicht": v.verplicht,
        }
        for v in huidig.vragen.all()
    ]
    bestand = tmp_path / "vragen.json"
    bestand.write_text(json.dumps(rijen), encoding="utf-8")
    uit = []
    call_command(
        "instrument_publiceren",
        bestand=str(bestand),
        omschrijving="Via de opdrachtregel",
        door="beheerder",
        stdout=type("W", (), {"write": lambda self, t: uit.append(t), "flush": lambda s: None})(),
    )
    assert services.instrument_actueel().versie == huidig.versie + 1
    assert "gepubliceerd" in "".join(uit)
    # someone without the permission may not
    with pytest.raises(CommandError):
        call_command(
            "instrument_publiceren",
            bestand=str(bestand),
            omschrijving="Nee",
            door=voorsteller.username,
        )
    # an incomplete instrument is refused with the Dutch message
    bestand.write_text(json.dumps(rijen[:1]), encoding="utf-8")
    with pytest.raises(CommandError, match="moet"):
        call_command(
            "instrument_publiceren",
            bestand=str(bestand),
            omschrijving="Onvolledig",
            door="beheerder",
        )


def test_the_page_works_before_any_instrument_is_published(client, make_user):
    from zicht.accounts.permissions import Perm
    from zicht.assessment.models import Instrument, InstrumentVraag
    from zicht.conftest import login_verified

    InstrumentVraag.objects.all().delete()
    Instrument.objects.all().delete()
    beheerder = make_user("fb-leeg", perms=[Perm.CODELIJSTEN_BEHEREN])
    response = login_verified(client, beheerder).get("/beoordeling/instrument/")
    assert response.status_code == 200
