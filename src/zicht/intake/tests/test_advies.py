"""Advies: registration, the page, conversion into a melding and the ambtshalve melding."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from zicht.audit.catalogue import Event
from zicht.intake import services
from zicht.intake.models import Advies, Concept, Melding
from zicht.intake.services import AdviesInvoer, BronInvoer
from zicht.intake.tests.conftest import NU, assert_no_personal_data, melding_post

pytestmark = pytest.mark.django_db

URL = "/intake/advies/nieuw/"


def advies_invoer(**velden) -> AdviesInvoer:
    standaard = {
        "formulier_token": uuid.uuid4(),
        "ontvangen_op": NU - timedelta(minutes=20),
        "kanaal": "telefoon",
        "adviesvrager": BronInvoer(
            hoedanigheid="15", organisatie="Basisschool De Regenboog", anoniem=True
        ),
        "aanleidingen": ["08"],
        "aarden": ["04"],
        "vraag": "Een leerling komt vaak zonder eten naar school en is stil.",
        "gegeven_advies": "Gesprek met ouders aangaan volgens de meldcode; opnieuw bellen.",
        "duur_minuten": 25,
    }
    standaard.update(velden)
    return AdviesInvoer(**standaard)


def advies_post(**velden):
    data = {
        "formulier_token": str(uuid.uuid4()),
        "ontvangen_op": "2026-03-10T09:40",
        "kanaal": "telefoon",
        "hoedanigheid": "15",
        "anoniem": "on",
        "naam": "",
        "organisatie": "Basisschool De Regenboog",
        "telefoon": "",
        "email": "",
        "aanleidingen": ["08"],
        "aarden": ["04"],
        "vraag": "Een leerling komt vaak zonder eten naar school.",
        "gegeven_advies": "Gesprek met ouders aangaan.",
        "vervolgadvies": "",
        "duur_minuten": "25",
    }
    data.update(velden)
    return data


def test_an_anonymous_advies_needs_no_family_data(medewerker, audit_rows):
    registratie = services.advies_register(actor=medewerker, invoer=advies_invoer(), nu=NU)
    advies = registratie.object
    assert registratie.nieuw
    assert advies.adviesvrager.anoniem
    assert advies.nummer == f"A-{advies.pk:06d}"
    rij = audit_rows(Event.ADVIES_GEREGISTREERD)[0]
    assert rij.data["anoniem"] is True
    assert rij.data["duur_minuten"] == 25
    assert_no_personal_data(audit_rows(), "Regenboog", "leerling")


def test_advies_rules(medewerker):
    with pytest.raises(ValidationError) as fout:
        services.advies_register(
            actor=medewerker,
            invoer=advies_invoer(
                adviesvrager=BronInvoer(hoedanigheid="15"),
                aanleidingen=[],
                vraag=" ",
                gegeven_advies="",
                duur_minuten=0,
                kanaal="chat",
                ontvangen_op=NU - timedelta(days=3),
            ),
            nu=NU,
        )
    assert set(fout.value.message_dict) == {
        "naam",
        "telefoon",
        "organisatie",
        "aanleidingen",
        "vraag",
        "gegeven_advies",
        "duur_minuten",
        "ontvangen_op",
    }
    assert Advies.objects.count() == 0


def test_unknown_codes_are_refused(medewerker):
    with pytest.raises(ValidationError) as fout:
        services.advies_register(
            actor=medewerker,
            invoer=advies_invoer(aanleidingen=["77"], adviesvrager=BronInvoer(hoedanigheid="99")),
            nu=NU,
        )
    assert "77" in fout.value.message_dict["aanleidingen"][0]
    assert "hoedanigheid" in fout.value.message_dict


def test_the_advies_page(verified_client, medewerker, nu, audit_rows):
    client = verified_client(medewerker)
    assert client.get(URL).status_code == 200
    # an error keeps everything, and a draft is kept
    response = client.post(URL, advies_post(vraag=""))
    assert response.status_code == 400
    assert "Basisschool De Regenboog" in response.content.decode()
    assert Concept.objects.filter(soort="advies").exists()
    # reopening offers the draft, restoring it fills the form
    concept = Concept.objects.get()
    assert "Concept herstellen" in client.get(URL).content.decode()
    hersteld = client.get(f"{URL}?concept={concept.token}").content.decode()
    assert "Basisschool De Regenboog" in hersteld
    # saving works, twice is once
    data = advies_post()
    response = client.post(URL, data)
    advies = Advies.objects.get()
    assert response["Location"] == f"/intake/advies/{advies.pk}/"
    assert client.post(URL, data)["Location"] == response["Location"]
    assert Advies.objects.count() == 1
    # the detail page is audited and offers the two ways to a melding
    html = client.get(response["Location"]).content.decode()
    assert "Omzetten in melding" in html
    assert "Ambtshalve melding" in html
    assert audit_rows(Event.ADVIES_INGEZIEN)


def test_advies_pages_need_the_permission(verified_client, beoordelaar, medewerker):
    advies = services.advies_register(actor=medewerker, invoer=advies_invoer(), nu=NU).object
    client = verified_client(beoordelaar)
    assert client.get(URL).status_code == 403
    assert client.get(f"/intake/advies/{advies.pk}/").status_code == 404


def test_convert_advies_into_melding(verified_client, medewerker, nu, audit_rows):
    advies = services.advies_register(
        actor=medewerker,
        invoer=advies_invoer(
            adviesvrager=BronInvoer(
                hoedanigheid="15",
                naam="Juf Petra",
                organisatie="Basisschool De Regenboog",
                telefoon="072-1234567",
            )
        ),
        nu=NU,
    ).object
    client = verified_client(medewerker)
    html = client.get(f"/intake/melding/nieuw/?advies={advies.pk}").content.decode()
    assert "Het advies wordt omgezet" in html
    assert 'value="Juf Petra"' in html
    assert f'name="advies" value="{advies.pk}"' in html
    # The medewerker adds the child and saves
    data = melding_post(
        personen=[
            {
                "rol": "kind",
                "voornamen": "Sem",
                "achternaam": "Bakker",
                "geboortedatum_jaar": "2017",
            }
        ],
        advies=str(advies.pk),
        hoedanigheid="15",
        naam="Juf Petra",
        organisatie="Basisschool De Regenboog",
        aanleidingen=["08"],
        aarden=["04"],
    )
    response = client.post("/intake/melding/nieuw/", data)
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.advies == advies
    assert not melding.ambtshalve
    assert audit_rows(Event.ADVIES_OMGEZET)[0].data["melding"] == melding.pk
    # converted once only
    assert "Omzetten in melding" not in client.get(f"/intake/advies/{advies.pk}/").content.decode()
    # (a child without birth date or postcode: nothing to look up, straight to the service)
    data.update({"personen-0-geboortedatum_jaar": "", "formulier_token": str(uuid.uuid4())})
    tweede = client.post("/intake/melding/nieuw/", data)
    assert tweede.status_code == 400
    assert "al omgezet" in tweede.content.decode()


def test_ambtshalve_melding_has_vt_as_melder(verified_client, medewerker, nu, audit_rows):
    advies = services.advies_register(actor=medewerker, invoer=advies_invoer(), nu=NU).object
    client = verified_client(medewerker)
    html = client.get(f"/intake/melding/nieuw/?advies={advies.pk}&ambtshalve=1").content.decode()
    assert "Ambtshalve melding" in html
    assert '<option value="14" selected>' in html
    data = melding_post(
        personen=[{"rol": "kind", "achternaam": "Onbekend", "geboortedatum_jaar": "2017"}],
        advies=str(advies.pk),
        ambtshalve="True",
        hoedanigheid="14",
        naam="Fatima",
        organisatie="Veilig Thuis",
        telefoon="",
        aanleidingen=["08"],
        aarden=["04"],
    )
    response = client.post("/intake/melding/nieuw/", data)
    assert response.status_code == 302, response.content.decode()
    melding = Melding.objects.get()
    assert melding.ambtshalve
    assert melding.melder.hoedanigheid.code == "14"
    assert audit_rows(Event.AMBTSHALVE_MELDING)
    # no feedback task: VT itself is the melder
    assert not melding.casus.taken.filter(omschrijving__startswith="Terugkoppeling").exists()


def test_ambtshalve_needs_hoedanigheid_14_and_an_advies(medewerker):
    from zicht.intake.tests.test_services_melding import invoer

    with pytest.raises(ValidationError) as fout:
        services.melding_register(actor=medewerker, invoer=invoer(ambtshalve=True), nu=NU)
    errors = fout.value.message_dict
    assert "hoedanigheid 14" in errors["hoedanigheid"][0]
    assert "volgt op een advies" in errors["__all__"][0]


def test_the_familys_gemeente_is_recorded_when_known(verified_client, medewerker, nu):
    # the service: a known code is stored, an unknown one is refused at the field
    advies = services.advies_register(
        actor=medewerker, invoer=advies_invoer(gemeente_code="GM0361")
    ).object
    assert advies.gemeente_id == "GM0361"
    with pytest.raises(ValidationError) as fout:
        services.advies_register(actor=medewerker, invoer=advies_invoer(gemeente_code="GM9999"))
    assert fout.value.message_dict == {"gemeente": ["Kies een gemeente uit de lijst."]}
    zonder = services.advies_register(actor=medewerker, invoer=advies_invoer()).object
    assert zonder.gemeente is None
    # the page: a choice of the gemeenten, optional, kept on an error
    client = verified_client(medewerker)
    assert 'name="gemeente"' in client.get(URL).content.decode()
    response = client.post(URL, advies_post(gemeente="GM0361", vraag=""))
    assert response.status_code == 400
    assert '<option value="GM0361" selected>' in response.content.decode()
    response = client.post(URL, advies_post(gemeente="GM0361"))
    assert Advies.objects.get(pk=response["Location"].split("/")[-2]).gemeente_id == "GM0361"
