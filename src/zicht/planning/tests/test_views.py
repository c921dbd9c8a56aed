"""The planning pages: who may see and change what, and the Dutch messages at the fields."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.planning import services
from zicht.planning.forms import veldnaam
from zicht.planning.models import Parameterset, RealisatieMaand, Simulatierun
from zicht.planning.selectors import parameter_rijen, parameterset_huidig

pytestmark = pytest.mark.django_db

PAGINAS = [
    # (url name, kwargs) of every page that can be read
    ("planning:begroting", {}),
    ("planning:parameters", {}),
    ("planning:realisatie", {}),
    ("planning:simulatie", {}),
    ("planning:risicos", {}),
]


@pytest.mark.parametrize(("naam", "kwargs"), PAGINAS)
def test_pages_are_403_without_planning_or_reporting_permission(
    medewerker, verified_client, naam, kwargs
):
    client = verified_client(medewerker)
    assert client.get(reverse(naam, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("naam", "kwargs"), PAGINAS)
def test_managers_may_view_without_forms(manager, verified_client, naam, kwargs):
    response = verified_client(manager).get(reverse(naam, kwargs=kwargs))
    assert response.status_code == 200
    assert (
        b'method="post"'
        not in response.content.replace(b"uitloggen", b"")[:0]
        + (response.content.split(b'<main id="inhoud"')[1])
    )


POSTS = [
    # pages a manager may read but not change: a POST answers 403
    "planning:parameters",
    "planning:realisatie",
    "planning:simulatie",
    "planning:parameters-jaar",
]


@pytest.mark.parametrize("naam", POSTS)
def test_managers_may_not_change(manager, verified_client, naam):
    assert verified_client(manager).post(reverse(naam), {}).status_code == 403


def test_managers_may_not_assess_a_risk(manager, verified_client, referentiedata):
    from zicht.planning.models import Risico

    risico = Risico.objects.first()
    url = reverse("planning:risico-wijzigen", args=[risico.pk])
    assert verified_client(manager).get(url).status_code == 403


def test_begroting_page_compares_published_and_model(controller, verified_client):
    response = verified_client(controller).get(reverse("planning:begroting"))
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Gepubliceerd tegen model (scenario midden)" in tekst
    assert tekst.count("binnen afronding") == 23
    assert "wijkt af" not in tekst
    assert "80,1" in tekst
    assert "8,2" in tekst
    assert tekst.count('src="data:image/svg+xml;base64,') == 2
    assert "Scenario laag" in tekst
    assert "Scenario hoog" in tekst


def test_sensitivity_shows_the_differences(controller, verified_client):
    response = verified_client(controller).get(
        reverse("planning:begroting"), {"jaar": "2019", "productieve_uren": "1300"}
    )
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "Gevoeligheidsberekening met 1.300" in tekst
    assert "+6,2" in tekst  # 86.3 − 80.1 fte


GET_FOUTEN = [
    # (query, message)
    ({"jaar": "2019", "productieve_uren": "0"}, "groter dan 0"),  # productive hours of 0
    ({"jaar": "2019", "productieve_uren": "-5"}, "groter dan 0"),  # negative
    ({"jaar": "2019", "productieve_uren": "abc"}, "Vul een getal in"),  # not a number
    ({"jaar": "2031"}, "geen planningsparameters"),  # a year without parameters
]


@pytest.mark.parametrize(("query", "bericht"), GET_FOUTEN)
def test_begroting_page_bad_input_is_400_with_a_message(
    controller, verified_client, query, bericht
):
    response = verified_client(controller).get(reverse("planning:begroting"), query)
    assert response.status_code == 400
    assert bericht in response.content.decode()


def _formulier(jaar: int = 2019, **wijziging: str) -> dict[str, str]:
    parameterset = parameterset_huidig(jaar)
    data = {
        "planscenario": parameterset.planscenario,
        "toelichting": "Nieuwe urennormen",
        "basis_versie": str(parameterset.versie),
    }
    for code, rij in parameter_rijen(parameterset).items():
        if code.startswith("gepubliceerd."):
            continue
        naam = veldnaam(code)
        data[naam] = format(rij.waarde.normalize(), "f").replace(".", ",")
        data[f"{naam}__status"] = rij.status
        data[f"{naam}__bron"] = rij.bron
    data.update(wijziging)
    return data


def test_controller_saves_a_new_version(controller, verified_client):
    client = verified_client(controller)
    response = client.post(
        reverse("planning:parameters") + "?jaar=2019",
        _formulier(urennorm__onderzoek="30,5", urennorm__onderzoek__status="assumed"),
    )
    assert response.status_code == 302
    nieuw = parameterset_huidig(2019)
    assert nieuw.versie == 2
    assert nieuw.parameters.get(sleutel="urennorm.onderzoek").waarde == Decimal("30.5")
    pagina = client.get(response["Location"]).content.decode()
    assert "Versie 2 van de parameters voor 2019 is opgeslagen" in pagina
    assert "aangenomen" in pagina


PARAMETER_FOUTEN = [
    # (field changes, field, message)
    ({"basis__meldingen": "-10"}, "basis__meldingen", "niet negatief"),  # negative volume
    ({"urennorm__monitoren": "-15"}, "urennorm__monitoren", "niet negatief"),  # negative norm
    (
        {"formatie__productieve_uren_per_fte": "0"},
        "formatie__productieve_uren_per_fte",
        "groter dan 0",
    ),  # productive hours of 0
    (
        {"fractie__voorwaarden_en_vervolg": "0,6"},
        "fractie__onderzoek",
        "meer dan 1",
    ),  # fractions add up to more than 1
    ({"urennorm__advies": "twee"}, "urennorm__advies", "Vul een getal in"),  # not a number
    ({"toelichting": ""}, "toelichting", "Geef een toelichting"),  # no reason given
]


@pytest.mark.parametrize(("wijziging", "veld", "bericht"), PARAMETER_FOUTEN)
def test_bad_parameters_are_refused_at_the_field_and_nothing_is_stored(
    controller, verified_client, wijziging, veld, bericht
):
    response = verified_client(controller).post(
        reverse("planning:parameters") + "?jaar=2019", _formulier(**wijziging)
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert any(bericht in fout for fout in form.errors[veld]), form.errors
    assert Parameterset.objects.filter(jaar=2019).count() == 1
    # the other input is kept
    assert "Nieuwe urennormen</textarea>" in response.content.decode() or veld == "toelichting"


def test_stale_form_is_a_conflict(controller, verified_client):
    client = verified_client(controller)
    formulier = _formulier()
    assert client.post(reverse("planning:parameters"), formulier).status_code == 302
    response = client.post(reverse("planning:parameters"), formulier)
    assert response.status_code == 400
    assert "Intussen is versie 2 opgeslagen" in response.content.decode()


def test_old_versions_stay_readable(controller, verified_client):
    client = verified_client(controller)
    client.post(reverse("planning:parameters"), _formulier(planscenario="hoog"))
    response = client.get(reverse("planning:parameters"), {"jaar": "2019", "versie": "1"})
    assert "U bekijkt versie 1" in response.content.decode()
    assert client.get(reverse("planning:parameters"), {"versie": "9"}).status_code == 404


def test_new_year_page(controller, verified_client):
    client = verified_client(controller)
    response = client.post(
        reverse("planning:parameters-jaar"), {"jaar": "2020", "van_jaar": "2019"}
    )
    assert response.status_code == 302
    assert Parameterset.objects.filter(jaar=2020).exists()
    dubbel = client.post(reverse("planning:parameters-jaar"), {"jaar": "2020", "van_jaar": "2019"})
    assert dubbel.status_code == 400
    assert "al parameters voor 2020" in dubbel.content.decode()


def test_realisation_page_records_a_month(controller, verified_client):
    client = verified_client(controller)
    data = {
        "maand": "2",
        "fte_uitvoering": "78,5",
        "fte_management": "6",
        "fte_eenmalig": "3",
        "personeelslasten_eur": "590000",
        "overige_kosten_eur": "25000",
        "ondersteuning_ggd_eur": "66000",
        "eenmalig_eur": "35000",
    }
    response = client.post(reverse("planning:realisatie") + "?jaar=2019", data)
    assert response.status_code == 302
    assert RealisatieMaand.objects.get().fte_uitvoering == Decimal("78.5")
    assert AuditEvent.objects.filter(event=Event.REALISATIE_VASTGELEGD).count() == 1
    pagina = client.get(response["Location"]).content.decode()
    assert "Geen prognose: vul eerst januari in." in pagina
    data["maand"] = "1"
    client.post(reverse("planning:realisatie") + "?jaar=2019", data)
    pagina = client.get(reverse("planning:realisatie") + "?jaar=2019").content.decode()
    assert "Prognose jaareinde" in pagina
    assert "8.172.000" in pagina


def test_realisation_negative_value_is_400_and_nothing_stored(controller, verified_client):
    response = verified_client(controller).post(
        reverse("planning:realisatie") + "?jaar=2019",
        {"maand": "2", "fte_uitvoering": "-1"},
    )
    assert response.status_code == 400
    assert "kan niet negatief zijn" in response.content.decode()
    assert not RealisatieMaand.objects.exists()


def test_simulation_page_starts_a_background_job(
    controller, verified_client, django_capture_on_commit_callbacks
):
    client = verified_client(controller)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:simulatie"),
            {"jaar": "2019", "scenario": "midden", "replicaties": "2", "seed": "1"},
        )
    run = Simulatierun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:simulatierun", args=[run.pk])
    pagina = client.get(response["Location"])
    assert "Refresh" not in pagina  # finished: no more reloading
    tekst = pagina.content.decode()
    assert "Besluit binnen 5 werkdagen" in tekst
    assert tekst.count('src="data:image/svg+xml;base64,') == 2
    assert "december" in tekst  # the waiting-list table per month


def test_a_running_simulation_page_reloads_itself_until_asked_not_to(
    controller, verified_client, monkeypatch
):
    monkeypatch.setattr(services, "_inplannen", lambda run_id: None)
    client = verified_client(controller)
    client.post(
        reverse("planning:simulatie"),
        {"jaar": "2019", "scenario": "hoog", "replicaties": "3", "seed": "1"},
    )
    run = Simulatierun.objects.get()
    url = reverse("planning:simulatierun", args=[run.pk])
    response = client.get(url)
    assert response["Refresh"] == "3"
    assert "<progress" in response.content.decode()
    assert "Refresh" not in client.get(url, {"vernieuwen": "nee"})


SIMULATIE_FOUTEN = [
    # (form data changes, message at the field)
    ({"replicaties": "1000000"}, "1.000.000 replicaties is te veel"),  # 10⁶ refused
    ({"replicaties": "0"}, "minstens 1 replicatie"),  # nothing to run
    ({"fte_vb": "0"}, "groter dan 0"),  # no staff
    ({"seed": "123456789"}, "tussen 0 en 99.999.999"),  # nine digits
    ({"jaar": "2031"}, "geen planningsparameters"),  # a year without parameters
]


@pytest.mark.parametrize(("wijziging", "bericht"), SIMULATIE_FOUTEN)
def test_simulation_bad_input(controller, verified_client, wijziging, bericht):
    data = {"jaar": "2019", "scenario": "midden", "replicaties": "2", "seed": "1", **wijziging}
    response = verified_client(controller).post(reverse("planning:simulatie"), data)
    assert response.status_code == 400
    assert bericht in response.content.decode()
    assert not Simulatierun.objects.exists()


def test_simulation_capped_with_a_warning(controller, verified_client, monkeypatch):
    monkeypatch.setattr(services, "_inplannen", lambda run_id: None)
    response = verified_client(controller).post(
        reverse("planning:simulatie"),
        {"jaar": "2019", "scenario": "midden", "replicaties": "5000", "seed": "1"},
        follow=True,
    )
    assert "begrensd op 1.000" in response.content.decode()
    assert Simulatierun.objects.get().replicaties == 1000


def test_unknown_run_is_404(controller, verified_client):
    assert (
        verified_client(controller).get(reverse("planning:simulatierun", args=[999])).status_code
        == 404
    )


def test_risk_register_page_and_assessment(controller, verified_client):
    client = verified_client(controller)
    pagina = client.get(reverse("planning:risicos"), {"jaar": "2019"}).content.decode()
    assert "Toename meldingen volgens scenario hoog." in pagina
    assert "nog geen gegevens" in pagina
    from zicht.planning.models import Risico

    risico = Risico.objects.get(nummer=2)
    url = reverse("planning:risico-wijzigen", args=[risico.pk])
    assert client.get(url).status_code == 200
    leeg = client.post(
        url,
        {"kans": "groot", "impact": "groot", "maatregelen": "", "eigenaar": "x", "version": "1"},
    )
    assert leeg.status_code == 400
    assert "Beschrijf de beheersmaatregelen" in leeg.content.decode()
    response = client.post(
        url,
        {
            "kans": "groot",
            "impact": "middel",
            "maatregelen": "Caseload",
            "eigenaar": "teamleider",
            "version": "1",
        },
    )
    assert response.status_code == 302
    risico.refresh_from_db()
    assert (risico.kans, risico.eigenaar) == ("groot", "teamleider")
