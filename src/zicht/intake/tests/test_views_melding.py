"""The melding page: one page, round trips without JavaScript, nothing typed is ever lost."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.casework.models import Casus
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.conftest import login_verified
from zicht.intake import services
from zicht.intake.models import Concept, Melding
from zicht.intake.tests.conftest import melding_post, persoon_post
from zicht.people.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

URL = "/intake/melding/nieuw/"


@pytest.fixture
def client_voordeur(verified_client, medewerker):
    return verified_client(medewerker)


def test_urls():
    assert reverse("intake:voordeur") == "/intake/"
    assert reverse("intake:nieuwe-meldingen") == "/intake/nieuwe-meldingen/"
    assert reverse("intake:melding-nieuw") == URL


def test_the_empty_page(client_voordeur, nu):
    response = client_voordeur.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Persoon 1" in html
    assert 'value="2026-03-10T10:00"' in html  # now, in Amsterdam
    assert 'name="formulier_token"' in html
    assert "intake/concept.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_without_permission_403(verified_client, beoordelaar):
    assert verified_client(beoordelaar).get(URL).status_code == 403


def test_not_logged_in_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_add_person_keeps_everything_typed(client_voordeur, nu):
    data = melding_post(
        personen=[{"rol": "slachtoffer", "voornamen": "Anna", "achternaam": "Jansen"}],
        actie="persoon_toevoegen",
        signalen="Tekst die niet verloren mag gaan.",
    )
    response = client_voordeur.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Persoon 2" in html
    assert 'name="personen-TOTAL_FORMS" value="2"' in html
    assert 'value="Anna"' in html
    assert 'value="Jansen"' in html
    assert "Tekst die niet verloren mag gaan." in html
    assert "error-summary" not in html
    assert Melding.objects.count() == 0


def test_removing_a_row_renumbers_the_relations(client_voordeur, nu):
    data = melding_post(
        personen=[
            {"rol": "overig", "achternaam": "Weg", "DELETE": "on"},
            {"rol": "slachtoffer", "voornamen": "Anna", "achternaam": "Jansen"},
            {"rol": "kind", "achternaam": "Jansen", "relatie": "kind_van", "relatie_met": "2"},
        ],
        actie="zoeken",
    )
    html = client_voordeur.post(URL, data).content.decode()
    assert "Weg" not in html
    assert 'name="personen-TOTAL_FORMS" value="2"' in html
    # the child's relation now points at "persoon 1" (Anna moved up)
    kind_select = re.search(r'<select name="personen-1-relatie_met".*?</select>', html, re.S)
    assert '<option value="1" selected>' in kind_select.group(0)


def test_errors_are_shown_at_the_fields_and_all_input_is_kept(client_voordeur, nu):
    data = melding_post(
        personen=[
            {"rol": "slachtoffer", "voornamen": "Anna", "achternaam": "Jansen", "bsn": "123456789"},
            {
                "rol": "kind",
                "voornamen": "Tim",
                "achternaam": "Jansen",
                "geboortedatum_dag": "31",
                "geboortedatum_maand": "2",
                "geboortedatum_jaar": "2018",
            },
            {"rol": "getuige", "voornamen": "Oma", "achternaam": "", "geboortedatum_jaar": "2030"},
        ],
        naam="",
        signalen="Zorgen over de kinderen.",
    )
    response = client_voordeur.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert "Het BSN voldoet niet aan de elfproef." in html
    assert "Februari 2018 heeft geen dag 31." in html
    assert "Vul de achternaam in" in html
    # every row and the text are still there
    for waarde in ("Anna", "Tim", "Oma", "123456789", "Zorgen over de kinderen."):
        assert waarde in html
    assert 'aria-invalid="true"' in html
    assert Melding.objects.count() == 0


def test_service_errors_land_at_the_right_row(client_voordeur, nu):
    data = melding_post(
        personen=[
            {"rol": "slachtoffer", "achternaam": "Jansen", "geboortedatum_jaar": "2030"},
            {"rol": "kind", "achternaam": "Jansen", "geboortedatum_jaar": "2015"},
        ],
        aarden=["01"],
    )
    response = client_voordeur.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Persoon 1 – Geboortedatum: De geboortedatum ligt in de toekomst." in html


def test_a_valid_melding_is_saved_and_its_draft_removed(client_voordeur, nu, audit_rows):
    data = melding_post()
    response = client_voordeur.post(URL, data)
    melding = Melding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/intake/melding/{melding.pk}/"
    assert not Concept.objects.exists()
    assert audit_rows(Event.MELDING_GEREGISTREERD)
    # the detail page is audited
    detail = client_voordeur.get(response["Location"])
    assert detail.status_code == 200
    assert melding.nummer in detail.content.decode()
    assert audit_rows(Event.MELDING_INGEZIEN)[0].target_id == str(melding.pk)


def test_a_double_submit_creates_one_melding(client_voordeur, nu):
    data = melding_post()
    eerste = client_voordeur.post(URL, data)
    tweede = client_voordeur.post(URL, data)
    assert Melding.objects.count() == 1
    assert tweede.status_code == 302
    assert tweede["Location"] == eerste["Location"]
    volgende = client_voordeur.get(tweede["Location"])
    assert "was al opgeslagen" in volgende.content.decode()


def test_earlier_involvement_is_shown_and_chosen(client_voordeur, medewerker, vb_team, nu):
    # Given Anna (known by BSN) in an open casus of the VB team
    anna = PersoonFactory(bsn="111222333", voornamen="Anna", achternaam="Jansen")
    casus = CasusFactory(team=vb_team)
    BetrokkeneFactory(casus=casus, persoon=anna, rol="slachtoffer")
    personen = [
        {"rol": "slachtoffer", "bsn": "111 222 333", "achternaam": "Jansen"},
        {"rol": "kind", "achternaam": "Jansen", "geboortedatum_jaar": "2019"},
    ]
    # When the medewerker saves straight away, the page first shows the candidate
    response = client_voordeur.post(URL, melding_post(personen=personen, aarden=["01"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "mogelijk eerder bekende personen" in html
    assert "A. Jansen" in html
    assert casus.nummer in html
    assert Melding.objects.count() == 0
    token = re.search(
        r'name="personen-0-bestaande_persoon" id="kandidaat-1-1" value="([^"]+)"', html
    ).group(1)
    gezocht = re.search(r'name="personen-0-gezocht" value="([^"]+)"', html).group(1)
    # When she is chosen and the melding saved
    personen[0].update(bestaande_persoon=token, gezocht=gezocht)
    response = client_voordeur.post(URL, melding_post(personen=personen, aarden=["01"]))
    assert response.status_code == 302
    # Then the melding joined the open casus
    melding = Melding.objects.get()
    assert melding.casus == casus
    assert melding.soort_cbs == "vervolg_tijdens_vb"
    assert Casus.objects.count() == 1
    # The medewerker (outside the casus scope) sees Anna as the look-up showed her, no more
    html = client_voordeur.get(response["Location"]).content.decode()
    assert "A. Jansen" in html
    assert "Anna" not in html
    assert "******333" not in html
    assert "geen toegang tot het dossier" in html


def test_a_forged_candidate_token_is_refused(client_voordeur, nu):
    ander = PersoonFactory()
    personen = [{"rol": "slachtoffer", "bestaande_persoon": f"{ander.pk}:vals"}]
    response = client_voordeur.post(URL, melding_post(personen=personen, aarden=["01"]))
    assert response.status_code == 400
    assert "Kies de eerder bekende persoon opnieuw." in response.content.decode()


def test_every_round_trip_keeps_a_draft_and_the_page_offers_it(client_voordeur, medewerker, nu):
    data = melding_post(naam="", signalen="Eerste zinnen van het verhaal.")
    assert client_voordeur.post(URL, data).status_code == 400
    concept = Concept.objects.get(user=medewerker)
    assert concept.data["signalen"] == ["Eerste zinnen van het verhaal."]
    assert "csrfmiddlewaretoken" not in concept.data
    # Reopening the form offers the draft
    html = client_voordeur.get(URL).content.decode()
    assert "Concept herstellen" in html
    # ... and restoring it fills the page again, without error marks
    html = client_voordeur.get(f"{URL}?concept={concept.token}").content.decode()
    assert "Eerste zinnen van het verhaal." in html
    assert "Anna" in html
    assert f'value="{concept.token}"' in html
    assert "error-summary" not in html


def test_a_server_error_does_not_lose_the_typed_text(medewerker, nu, monkeypatch):
    client = login_verified(Client(raise_request_exception=False), medewerker)

    def stuk(**kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "melding_register", stuk)
    data = melding_post(signalen="Dit verhaal mag niet verloren gaan.")
    response = client.post(URL, data)
    assert response.status_code == 500
    concept = Concept.objects.get(user=medewerker)
    assert concept.data["signalen"] == ["Dit verhaal mag niet verloren gaan."]
    assert Melding.objects.count() == 0


def test_autosave_endpoint(client_voordeur, medewerker, nu, audit_rows):
    data = melding_post(signalen="Half getypt", concept_soort="melding")
    del data["actie"]
    response = client_voordeur.post("/intake/concept/", data)
    assert response.status_code == 200
    assert response.json() == {"opgeslagen_op": "10:00:00"}
    response = client_voordeur.post("/intake/concept/", {**data, "signalen": "Meer getypt"})
    assert Concept.objects.get().data["signalen"] == ["Meer getypt"]
    assert "concept_soort" not in Concept.objects.get().data
    assert len(audit_rows(Event.CONCEPT_OPGESLAGEN)) == 1  # once, not every few seconds
    fout = client_voordeur.post("/intake/concept/", {**data, "concept_soort": "iets"})
    assert fout.status_code == 400
    geen_token = client_voordeur.post("/intake/concept/", {**data, "formulier_token": "x"})
    assert geen_token.status_code == 400


def test_draft_can_be_removed(client_voordeur, medewerker, nu, audit_rows):
    client_voordeur.post(URL, melding_post(naam=""))
    concept = Concept.objects.get()
    response = client_voordeur.post(f"/intake/concept/{concept.token}/verwijderen/")
    assert response.status_code == 302
    assert not Concept.objects.exists()
    assert audit_rows(Event.CONCEPT_VERWIJDERD)


def test_someone_elses_draft_is_404(client_voordeur, make_user, nu):
    ander = make_user("ander")
    concept = Concept.objects.create(
        user=ander, soort="melding", data={}, aangemaakt_op=nu, bijgewerkt_op=nu
    )
    assert client_voordeur.get(f"{URL}?concept={concept.token}").status_code == 404
    assert client_voordeur.get(f"{URL}?concept=geen-uuid").status_code == 404


def test_relation_choices_follow_the_rows(client_voordeur, nu):
    data = melding_post(actie="persoon_toevoegen")
    html = client_voordeur.post(URL, data).content.decode()
    assert '<option value="3">persoon 3</option>' in html


def test_enter_defaults_to_checking_not_saving(client_voordeur, nu):
    # Implicit submission (Enter in a text field) sends the first submit button: controleren
    html = client_voordeur.get(URL).content.decode()
    eerste = re.search(r'<button type="submit" name="actie" value="([a-z_]+)"', html).group(1)
    assert eerste == "controleren"
    data = melding_post(actie="controleren")
    response = client_voordeur.post(URL, data)
    assert response.status_code == 200
    assert "De invoer is in orde" in response.content.decode()
    assert Melding.objects.count() == 0


def test_unknown_action_is_a_check(client_voordeur, nu):
    response = client_voordeur.post(URL, melding_post(actie="wissen"))
    assert response.status_code == 200
    assert Melding.objects.count() == 0


def test_too_many_rows_is_an_error_not_a_crash(client_voordeur, nu):
    data = melding_post()
    for i in range(2, 25):
        data.update(persoon_post(i, rol="overig", achternaam=f"Naam{i}"))
    data["personen-TOTAL_FORMS"] = "25"
    response = client_voordeur.post(URL, data)
    assert response.status_code == 400
    assert Melding.objects.count() == 0


def test_old_drafts_are_not_offered_and_cleaned_up(client_voordeur, medewerker, nu, audit_rows):
    from datetime import timedelta

    oud = Concept.objects.create(
        user=medewerker,
        soort="melding",
        data={"signalen": ["oud"]},
        aangemaakt_op=nu - timedelta(days=20),
        bijgewerkt_op=nu - timedelta(days=15),
    )
    assert "Concept herstellen" not in client_voordeur.get(URL).content.decode()
    assert services.concepten_opruimen() == 1
    assert not Concept.objects.filter(pk=oud.pk).exists()
    assert audit_rows(Event.CONCEPT_VERWIJDERD)[0].data == {"aantal": 1, "reden": "bewaartermijn"}
    assert services.concepten_opruimen() == 0


def test_the_daily_command_removes_expired_drafts_only(medewerker, nu):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command

    oud = Concept.objects.create(
        user=medewerker,
        soort="melding",
        data={"signalen": ["oud"]},
        aangemaakt_op=nu - timedelta(days=30),
        bijgewerkt_op=nu - timedelta(days=15),
    )
    vers = Concept.objects.create(
        user=medewerker,
        soort="advies",
        data={"vraag": ["vers"]},
        aangemaakt_op=nu - timedelta(days=2),
        bijgewerkt_op=nu - timedelta(days=1),
    )
    uit = StringIO()
    call_command("concepten-opruimen", stdout=uit)
    assert "1 verlopen concept(en) verwijderd." in uit.getvalue()
    assert not Concept.objects.filter(pk=oud.pk).exists()
    assert Concept.objects.filter(pk=vers.pk).exists()
