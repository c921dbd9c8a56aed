"""The dienst pages: scope (404), permission (403), audit of reads, Dutch errors at the
field, the conflict message, constant query counts, the casus page, the register, the
policy and the transfer to another Veilig Thuis organisation."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.assessment.models import Ketenpartner
from zicht.audit.catalogue import Event
from zicht.core.exceptions import CONFLICT_MESSAGE
from zicht.diensten.models import Dienst, DossierOverdracht, MonitoringBeleid
from zicht.diensten.tests.test_inhoud_services import LATER, dienst_na_besluit
from zicht.intake.models import Informant

pytestmark = pytest.mark.django_db

UITVOERDER = (Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN, Perm.DIENST_UITVOEREN)


@pytest.fixture
def uitvoerder(make_user, vb_team):
    return make_user("uitvoerder", perms=UITVOERDER, teams=[vb_team], first_name="Uma")


@pytest.fixture
def vv(melding, voorsteller, collega):
    return dienst_na_besluit(melding, voorsteller, collega, "voorwaarden_en_vervolg")


def test_dienst_page_in_scope_audited_outside_scope_404(
    vv, uitvoerder, verified_client, make_user, audit_rows, client
):
    with time_machine.travel(LATER, tick=False):
        c = verified_client(uitvoerder)
        pagina = c.get(reverse("diensten:dienst", args=[vv.pk]))
        assert pagina.status_code == 200
        html = pagina.content.decode()
        assert "Voorwaarden en Vervolg" in html
        assert "werkdagen over" in html
        assert audit_rows(Event.DIENST_INGEZIEN)
        client.logout()
        buiten = make_user("buiten", perms=UITVOERDER)
        c = verified_client(buiten)
        assert c.get(reverse("diensten:dienst", args=[vv.pk])).status_code == 404
        assert (
            c.get(reverse("diensten:dienst-actie", args=[vv.pk, "voorwaarde"])).status_code == 404
        )


def test_action_without_permission_is_403(vv, voorsteller, verified_client):
    c = verified_client(voorsteller)  # may see the casus, may not run diensten
    assert c.get(reverse("diensten:dienst", args=[vv.pk])).status_code == 200
    assert c.get(reverse("diensten:dienst-actie", args=[vv.pk, "voorwaarde"])).status_code == 403


def test_walk_vv_through_the_pages_with_errors_and_conflict(vv, uitvoerder, verified_client):
    c = verified_client(uitvoerder)
    afronden = reverse("diensten:dienst-actie", args=[vv.pk, "vv-afronden"])
    with time_machine.travel(LATER, tick=False):
        # closing without conditions: 400, the Dutch message, nothing closed
        r = c.post(afronden, {"version": vv.version, "motivering": "Klaar."})
        assert r.status_code == 400
        assert "zonder veiligheidsvoorwaarden" in r.content.decode()
        # a condition without who: the message at the field
        url = reverse("diensten:dienst-actie", args=[vv.pk, "voorwaarde"])
        r = c.post(url, {"version": vv.version, "tekst": "Geen alcohol.", "wie": ""})
        assert r.status_code == 400
        assert "Vul in wie aan deze voorwaarde moet voldoen." in r.content.decode()
        r = c.post(url, {"version": vv.version, "tekst": "Geen alcohol.", "wie": "vader"})
        assert r.status_code == 302
        # a second editor with the old version is told; nothing overwritten
        r = c.post(url, {"version": vv.version, "tekst": "Iets anders.", "wie": "moeder"})
        assert r.status_code == 409
        assert CONFLICT_MESSAGE in r.content.decode()
        assert "Iets anders." in r.content.decode()  # the input is kept
        vv.refresh_from_db()
        assert list(vv.voorwaarden.values_list("tekst", flat=True)) == ["Geen alcohol."]
        r = c.post(afronden, {"version": vv.version, "motivering": "Plan afgesproken."})
        assert r.status_code == 302
    vv.refresh_from_db()
    assert vv.status == "afgerond"
    assert set(vv.vervolgen.values_list("soort", flat=True)) == {
        "overdracht_na_bemoeienis",
        "monitoren",
    }


def test_casus_page_lists_the_diensten(vv, uitvoerder, verified_client):
    c = verified_client(uitvoerder)
    html = c.get(reverse("casework:detail", args=[vv.casus_id])).content.decode()
    assert 'id="diensten"' in html
    assert reverse("diensten:dienst", args=[vv.pk]) in html


def _meer_diensten(vv, aantal):
    for _ in range(aantal):
        Dienst.objects.create(
            casus=vv.casus,
            soort="voorwaarden_en_vervolg",
            fase="lopend",
            start=vv.start,
            deadline=vv.deadline,
            aangemaakt_door=vv.aangemaakt_door,
            aangemaakt_op=vv.aangemaakt_op,
        )


def test_list_makes_a_constant_number_of_queries(vv, uitvoerder, verified_client):
    c = verified_client(uitvoerder)
    url = reverse("diensten:lijst", args=["vv"])
    c.get(url)  # warm the calendar cache
    with CaptureQueriesContext(connection) as een:
        assert c.get(url).status_code == 200
    _meer_diensten(vv, 12)
    with CaptureQueriesContext(connection) as veel:
        r = c.get(url)
    assert r.content.decode().count(reverse("diensten:dienst", args=[vv.pk])) == 1
    assert len(veel) == len(een)


def test_dienst_page_queries_do_not_grow_with_the_plan(vv, uitvoerder, verified_client):
    from zicht.diensten import inhoud_services as s

    c = verified_client(uitvoerder)
    url = reverse("diensten:dienst", args=[vv.pk])
    c.get(url)
    with CaptureQueriesContext(connection) as weinig:
        c.get(url)
    for i in range(5):
        vv.refresh_from_db()
        s.voorwaarde_toevoegen(
            actor=uitvoerder, dienst=vv, expected_version=vv.version, tekst=f"V{i}", wie="ouders"
        )
    with CaptureQueriesContext(connection) as veel:
        c.get(url)
    assert len(veel) == len(weinig)


def test_overdracht_risk_list_and_register(vv, uitvoerder, make_user, verified_client):
    beheerder = make_user("fb", perms=(Perm.CODELIJSTEN_BEHEREN,))
    c = verified_client(beheerder)
    r = c.post(
        reverse("diensten:ketenpartner-nieuw"),
        {"naam": "", "soort": "wijkteam", "actief": "on"},
    )
    assert r.status_code == 400
    assert "Vul de naam van de organisatie in." in r.content.decode()
    r = c.post(
        reverse("diensten:ketenpartner-nieuw"),
        {
            "naam": "Wijkteam Hoorn",
            "soort": "wijkteam",
            "contactpersoon": "P. Bakker",
            "actief": "on",
        },
    )
    assert r.status_code == 302
    assert Ketenpartner.objects.get(naam="Wijkteam Hoorn").contactpersoon == "P. Bakker"
    assert c.get(reverse("diensten:ketenpartners")).status_code == 200
    c.logout()
    c = verified_client(uitvoerder)
    assert c.get(reverse("diensten:ketenpartners")).status_code == 403
    assert c.get(reverse("diensten:overdracht-risicos")).status_code == 200


def test_policy_page_publishes_a_new_version(make_user, verified_client):
    beheerder = make_user("fb", perms=(Perm.CODELIJSTEN_BEHEREN,))
    c = verified_client(beheerder)
    url = reverse("diensten:monitoringsbeleid")
    assert "maand 1, 2, 3, 6, 9, 12, 15, 18" in c.get(url).content.decode()
    r = c.post(url, {"omschrijving": "Fout", "stappen": "1, 3\n3, 4"})
    assert r.status_code == 400
    assert "minstens 6" in r.content.decode()
    r = c.post(url, {"omschrijving": "Kwartaal", "stappen": "3, 12"})
    assert r.status_code == 302
    assert MonitoringBeleid.objects.order_by("-versie").first().stappen == [
        {"interval_maanden": 3, "tot_maand": 12}
    ]


def test_transfer_to_another_vt_leaves_out_what_may_not_travel(
    vv, melding, uitvoerder, verified_client, audit_rows
):
    Informant.objects.create(
        casus=vv.casus,
        hoedanigheid=melding.melder.hoedanigheid,
        naam="Informant Pietersen",
        geraadpleegd_op=datetime(2026, 3, 12, 9, 0, tzinfo=UTC),
        vastgelegd_op=datetime(2026, 3, 12, 9, 0, tzinfo=UTC),
        vastgelegd_door=uitvoerder,
        onderwerp="Zag blauwe plekken",
    )
    andere = Ketenpartner.objects.create(
        naam="Veilig Thuis Kennemerland", soort="Veilig Thuis", veilig_thuis=True
    )
    c = verified_client(uitvoerder)
    url = reverse("diensten:dossieroverdracht", args=[vv.casus_id])
    assert c.get(url).status_code == 200
    r = c.post(url, {"ontvanger": andere.pk, "formaat": "json", "reden": ""})
    assert r.status_code == 400
    r = c.post(url, {"ontvanger": andere.pk, "formaat": "json", "reden": "Gezin verhuisd."})
    assert r.status_code == 200
    data = json.loads(r.content)
    tekst = r.content.decode()
    assert data["casus"]["nummer"] == vv.casus.nummer
    assert {p["naam"] for p in data["personen"]} >= {"Anna Jansen"}
    assert melding.melder.naam not in tekst
    assert "Pietersen" not in tekst
    assert "blauwe plekken" not in tekst
    assert data["meldingen"][0]["hoedanigheid_melder"] == "02"
    record = DossierOverdracht.objects.get()
    assert record.ontvanger == andere
    assert record.onderdelen["weggelaten"]["informanten"] == 1
    (rij,) = audit_rows(Event.DOSSIEROVERDRACHT_GEMAAKT)
    assert "Anna" not in json.dumps(rij.data)


def test_refused_handover_shows_on_the_risk_list_and_on_the_casus(vv, uitvoerder, verified_client):
    from zicht.diensten import inhoud_services as s
    from zicht.diensten.tests.test_inhoud_services import voorwaarde

    voorwaarde(vv, uitvoerder)
    vv.refresh_from_db()
    overdracht, monitoring = s.vv_afronden(
        actor=uitvoerder,
        dienst=vv,
        expected_version=vv.version,
        motivering="Plan afgesproken.",
        nu=LATER,
    ).vervolgen
    partner = Ketenpartner.objects.create(naam="Jeugdhulp West", soort="jeugdhulp")
    overdracht = s.overdracht_aanbieden(
        actor=uitvoerder,
        dienst=overdracht,
        expected_version=overdracht.version,
        ketenpartner=partner,
        aangeboden_op=LATER.date(),
        nu=LATER,
    )
    s.overdracht_weigeren(
        actor=uitvoerder,
        dienst=overdracht,
        expected_version=overdracht.version,
        geweigerd_op=LATER.date(),
        reden="Wachtlijst van vier maanden",
        nu=LATER,
    )
    c = verified_client(uitvoerder)
    html = c.get(reverse("diensten:overdracht-risicos")).content.decode()
    assert "Wachtlijst van vier maanden" in html
    assert reverse("diensten:dienst", args=[overdracht.pk]) in html
    html = c.get(reverse("diensten:dienst", args=[overdracht.pk])).content.decode()
    assert "Risico:" in html
    html = c.get(reverse("casework:detail", args=[vv.casus_id])).content.decode()
    assert "overdracht geweigerd" in html
    # the monitoring schedule: months 1..18 planned, none missed yet on its first day
    with time_machine.travel(LATER, tick=False):
        html = c.get(reverse("diensten:dienst", args=[monitoring.pk])).content.decode()
    assert html.count("gepland</td>") == 8
    # three months later, without contacts, the first two moments are missed
    with time_machine.travel(datetime(2026, 7, 21, 9, 0, tzinfo=UTC), tick=False):
        html = c.get(reverse("diensten:dienst", args=[monitoring.pk])).content.decode()
    assert "2 gemist" in html


def test_onderzoek_through_the_pages(
    melding, voorsteller, deskundige, make_user, verified_client, vb_team
):
    onderzoek = dienst_na_besluit(melding, voorsteller, deskundige, "onderzoek")
    uitvoerder = make_user("onderzoeker", perms=UITVOERDER, teams=[vb_team], first_name="Otto")
    c = verified_client(uitvoerder)
    actie = lambda naam: reverse("diensten:dienst-actie", args=[onderzoek.pk, naam])  # noqa: E731
    with time_machine.travel(LATER, tick=False):
        r = c.post(actie("starten"), {"version": onderzoek.version, "gestart_op": "2026-03-18"})
        assert r.status_code == 302
        pagina = c.get(reverse("diensten:dienst", args=[onderzoek.pk])).content.decode()
        assert "later dan de termijn van 5 dagen" in pagina  # the warning message
        assert "later dan 5 dagen na ontvangst" in pagina  # the badge
        onderzoek.refresh_from_db()
        # the closing form asks a conclusion for each aard of the melding (01 and 08)
        formulier = c.get(actie("onderzoek-afronden")).content.decode()
        assert 'name="conclusie_01"' in formulier
        assert 'name="conclusie_08"' in formulier
        r = c.post(
            actie("onderzoek-afronden"),
            {
                "version": onderzoek.version,
                "bevindingen": "Gesprekken gevoerd.",
                "conclusie_01": "bevestigd",
                "kind_01": "on",
                "conclusie_08": "",
            },
        )
        assert r.status_code == 400
        assert "Kies een conclusie voor deze aard." in r.content.decode()
        r = c.post(
            actie("onderzoek-afronden"),
            {
                "version": onderzoek.version,
                "bevindingen": "Gesprekken gevoerd.",
                "conclusie_01": "bevestigd",
                "kind_01": "on",
                "conclusie_08": "weerlegd",
                "kind_08": "on",
            },
        )
        # confirmed without conditions: refused at the top of the form
        assert r.status_code == 400
        assert "leg de veiligheidsvoorwaarden vast" in r.content.decode()
        c.post(
            actie("voorwaarde"),
            {"version": onderzoek.version, "tekst": "Geen fysieke straffen.", "wie": "ouders"},
        )
        onderzoek.refresh_from_db()
        r = c.post(
            actie("onderzoek-afronden"),
            {
                "version": onderzoek.version,
                "bevindingen": "Gesprekken gevoerd.",
                "conclusie_01": "bevestigd",
                "kind_01": "on",
                "conclusie_08": "weerlegd",
                "kind_08": "on",
            },
        )
        assert r.status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.status == "afgerond"
    assert dict(onderzoek.conclusies.values_list("aard", "uitkomst")) == {"01": "06", "08": "04"}


def test_monitoring_contact_and_escalation_through_the_pages(vv, uitvoerder, verified_client):
    from zicht.diensten import inhoud_services as s
    from zicht.diensten.tests.test_inhoud_services import voorwaarde

    voorwaarde(vv, uitvoerder)
    vv.refresh_from_db()
    _o, m = s.vv_afronden(
        actor=uitvoerder, dienst=vv, expected_version=vv.version, motivering="Plan.", nu=LATER
    ).vervolgen
    c = verified_client(uitvoerder)
    actie = lambda naam: reverse("diensten:dienst-actie", args=[m.pk, naam])  # noqa: E731
    with time_machine.travel(datetime(2026, 5, 22, 9, 0, tzinfo=UTC), tick=False):
        r = c.post(
            actie("contact"),
            {
                "version": m.version,
                "datum": "2026-04-01",
                "met_wie": "moeder",
                "voorwaarden": "ja",
                "veiligheid": "stabiel",
            },
        )
        assert r.status_code == 400
        assert "vóór de start van het monitoringsschema" in r.content.decode()
        r = c.post(
            actie("contact"),
            {
                "version": m.version,
                "datum": "2026-05-21",
                "met_wie": "moeder",
                "voorwaarden": "deels",
                "veiligheid": "instabiel",
            },
        )
        assert r.status_code == 302
        m.refresh_from_db()
        r = c.post(actie("monitoring-afronden"), {"version": m.version, "eindoordeel": "Klaar."})
        assert r.status_code == 400
        assert "escaleer" in r.content.decode()
        r = c.post(
            actie("escaleren"),
            {"version": m.version, "escalatie": "rvdk", "reden": "Nieuw incident."},
        )
        assert r.status_code == 302
    m.refresh_from_db()
    assert m.fase == "geescaleerd"
    (rvdk,) = m.vervolgen.all()
    assert rvdk.soort == "rvdk_verzoek"
    assert rvdk.status == "afgerond"


def test_a_vervolgmelding_during_monitoring_shows_on_the_schedule(vv, uitvoerder, verified_client):
    from zicht.diensten import inhoud_services as s
    from zicht.diensten.tests.test_inhoud_services import voorwaarde
    from zicht.intake.tests.factories import MeldingFactory

    voorwaarde(vv, uitvoerder)
    vv.refresh_from_db()
    _o, m = s.vv_afronden(
        actor=uitvoerder, dienst=vv, expected_version=vv.version, motivering="Plan.", nu=LATER
    ).vervolgen
    nieuw = MeldingFactory(
        casus=vv.casus,
        ontvangen_op=datetime(2026, 6, 3, 10, 0, tzinfo=UTC),
        soort_cbs="vervolgmelding",
        nieuwe_casus=False,
    )
    html = verified_client(uitvoerder).get(reverse("diensten:dienst", args=[m.pk])).content
    html = html.decode()
    assert "vervolgmelding" in html
    assert f"Melding {nieuw.nummer} tijdens het monitoren" in html


def test_transfer_as_pdf_is_recorded_with_its_hash(vv, uitvoerder, verified_client, make_user):
    import hashlib

    andere = Ketenpartner.objects.create(
        naam="Veilig Thuis Amsterdam-Amstelland", soort="Veilig Thuis", veilig_thuis=True
    )
    gewone = Ketenpartner.objects.create(naam="Wijkteam Den Helder", soort="wijkteam")
    c = verified_client(uitvoerder)
    url = reverse("diensten:dossieroverdracht", args=[vv.casus_id])
    # only another Veilig Thuis organisation can receive the file
    r = c.post(url, {"ontvanger": gewone.pk, "formaat": "pdf", "reden": "Verhuisd."})
    assert r.status_code == 400
    r = c.post(url, {"ontvanger": andere.pk, "formaat": "pdf", "reden": "Verhuisd."})
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    record = DossierOverdracht.objects.get()
    assert record.sha256 == hashlib.sha256(r.content).hexdigest()
    assert record.formaat == "pdf"
    # without the right: 403; outside the scope: 404
    c.logout()
    assert (
        verified_client(make_user("lezer", perms=(Perm.CASUS_INZIEN,), teams=[vv.casus.team]))
        .get(url)
        .status_code
        == 403
    )
    c.logout()
    assert verified_client(make_user("vreemde", perms=UITVOERDER)).get(url).status_code == 404


# --- Review fixes: risk list paging, policy input parsed by the form, date-free example ----------


def _risicos(vv, aantal):
    from datetime import date, timedelta

    Dienst.objects.bulk_create(
        [
            Dienst(
                casus=vv.casus,
                soort="overdracht_na_vb",
                fase="geweigerd",
                start=vv.start,
                aangeboden_op=date(2026, 1, 1) + timedelta(days=i % 300),
                reden_weigering="Geen plek.",
                aangemaakt_door=vv.aangemaakt_door,
                aangemaakt_op=vv.aangemaakt_op,
            )
            for i in range(aantal)
        ]
    )


def test_overdracht_risk_list_pages_with_constant_queries(vv, uitvoerder, verified_client):
    from zicht.diensten.inhoud_selectors import PER_PAGINA

    c = verified_client(uitvoerder)
    url = reverse("diensten:overdracht-risicos")
    _risicos(vv, 1)
    c.get(url)  # warm caches
    with CaptureQueriesContext(connection) as weinig:
        r = c.get(url)
    assert r.status_code == 200
    assert 'rel="next"' not in r.content.decode()
    _risicos(vv, 4 * PER_PAGINA + 10)  # more than the old cut of 200 rows
    with CaptureQueriesContext(connection) as veel:
        r = c.get(url)
    assert len(veel) == len(weinig)
    html = r.content.decode()
    assert html.count("badge--rood") == PER_PAGINA
    assert "Pagina 1 van 5" in html
    assert 'href="?pagina=2"' in html
    laatste = c.get(f"{url}?pagina=5").content.decode()
    assert laatste.count("badge--rood") == 11  # 4 × 50 + 11 = 211 rows: none cut off
    assert "Pagina 5 van 5" in laatste
    # the page links keep the other query parameters (a filter is not lost on "Volgende")
    gefilterd = c.get(f"{url}?stand=x&pagina=2").content.decode()
    assert 'href="?stand=x&amp;pagina=3"' in gefilterd
    assert 'href="?stand=x&amp;pagina=1"' in gefilterd


def test_policy_form_parses_the_stages_with_errors_at_the_field():
    from zicht.diensten.domain.monitoring import Fasering
    from zicht.diensten.inhoud_forms import BeleidForm

    goed = BeleidForm({"omschrijving": "Kwartaal", "stappen": "1, 3\n\n 3 ,18 "})
    assert goed.is_valid()
    assert goed.cleaned_data["stappen"] == [Fasering(1, 3), Fasering(3, 18)]
    fout = BeleidForm({"omschrijving": "Kwartaal", "stappen": "1, 3\ndrie, 18\n3; 24"})
    assert not fout.is_valid()
    assert list(fout.errors) == ["stappen"]
    assert fout.errors["stappen"][0].startswith("Regel 2 (‘drie, 18’): schrijf ‘interval, tot")
    assert fout.errors["stappen"][1].startswith("Regel 3 (‘3; 24’)")


def test_policy_page_shows_a_parse_error_at_the_field_and_keeps_the_input(
    make_user, verified_client
):
    beheerder = make_user("fb", perms=(Perm.CODELIJSTEN_BEHEREN,))
    c = verified_client(beheerder)
    url = reverse("diensten:monitoringsbeleid")
    r = c.post(url, {"omschrijving": "Nieuw beleid", "stappen": "1, 3\n3 tot 18"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Regel 2 (‘3 tot 18’): schrijf ‘interval, tot maand’" in html
    assert 'value="Nieuw beleid"' in html
    assert "3 tot 18</textarea>" in html
    assert MonitoringBeleid.objects.count() == 1


def test_policy_example_months_do_not_depend_on_the_year(make_user, verified_client):
    beheerder = make_user("fb", perms=(Perm.CODELIJSTEN_BEHEREN,))
    with time_machine.travel(datetime(2031, 8, 31, 9, 0, tzinfo=UTC), tick=False):
        html = verified_client(beheerder).get(reverse("diensten:monitoringsbeleid")).content
    assert "maand 1, 2, 3, 6, 9, 12, 15, 18 na de start" in html.decode()
