"""The look-up page ``GET /intake/eerdere-betrokkenheid/``: fragment, JSON, errors, access.

The tests run against a URLconf of their own that mounts :data:`lookup_urlpatterns` the way
``intake/urls.py`` does (namespace ``intake``), so that they do not depend on the intake
app's wiring; :func:`test_the_project_urlconf_mounts_the_lookup` checks that wiring.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, resolve, reverse

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, TeamFactory
from zicht.conf import urls as project_urls
from zicht.intake.lookup_views import eerdere_betrokkenheid_view, lookup_urlpatterns
from zicht.people.tests.factories import AdresFactory, PersoonFactory

# The project's URLconf with the intake namespace replaced by the look-up alone.
urlpatterns = [
    path("intake/", include((lookup_urlpatterns, "intake"))),
    *(p for p in project_urls.urlpatterns if str(p.pattern) != "intake/"),
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

BSN = "111222333"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def team(db):
    return TeamFactory(naam="Team Alkmaar")


@pytest.fixture
def intaker(make_user, team):
    return make_user("intaker", perms=(Perm.MELDING_REGISTREREN,), teams=[team])


@pytest.fixture
def lezer(make_user, team):
    return make_user("lezer", perms=(Perm.CASUS_INZIEN,), teams=[team])


@pytest.fixture
def gezin(team):
    """Jan Jansen, in an open casus of our team and a closed one of another team, where his
    ex-partner Marieke Visser is the (presumed) victim."""
    jan = PersoonFactory(
        achternaam="Jansen",
        voornamen="Jan",
        bsn=BSN,
        geboortedatum_jaar=1985,
        geboortedatum_maand=3,
        geboortedatum_dag=12,
    )
    AdresFactory(persoon=jan, postcode="1811 AB", straat="Laat", huisnummer="12")
    eigen = CasusFactory(team=team, nummer="2026-000101")
    ander = CasusFactory(team=TeamFactory(naam="Team Noord"), nummer="2019-000007", gesloten=True)
    BetrokkeneFactory(casus=eigen, persoon=jan, rol="vermoedelijk_pleger")
    BetrokkeneFactory(casus=ander, persoon=jan, rol="vermoedelijk_pleger")
    ex = PersoonFactory(achternaam="Visser", voornamen="Marieke", geboortedatum_jaar=1987)
    BetrokkeneFactory(casus=ander, persoon=ex, rol="vermoedelijk_slachtoffer")
    return {"jan": jan, "eigen": eigen, "ander": ander, "ex": ex}


def url(**params):
    base = reverse("intake:eerdere-betrokkenheid")
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


class TestFragment:
    def test_hits_with_a_link_only_where_the_user_may_look(self, verified_client, lezer, gezin):
        response = verified_client(lezer).get(url(achternaam="Jansen", geboortedatum="1985-03-12"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "J. Jansen (1985)" in html
        assert "naam en geboortedatum" in html
        # our team's casus: a link; the other team's: nummer and status, no link
        assert f'href="/dossiers/{gezin["eigen"].pk}/"' in html
        assert "2019-000007 (buiten uw toegang)" in html
        assert f"/dossiers/{gezin['ander'].pk}/" not in html
        # nothing about the household beyond the person searched for
        for verboden in ("Marieke", "Visser", "Team Noord", BSN, "Laat 12", "1811"):
            assert verboden not in html

    def test_a_bsn_hit_says_so_and_does_not_echo_the_number(self, verified_client, intaker, gezin):
        response = verified_client(intaker).get(url(bsn="111.222.333"))
        html = response.content.decode()
        assert response.status_code == 200
        assert "zelfde BSN" in html
        assert '<data value="100">100%</data>' in html
        assert BSN not in html
        assert "111.222.333" not in html
        # the registrar has no CASUS_INZIEN: both casussen are listed without links
        assert "/dossiers/" not in html

    def test_no_hits(self, verified_client, intaker, gezin):
        response = verified_client(intaker).get(url(achternaam="Pietersen"))
        assert response.status_code == 200
        assert "Geen eerdere betrokkenheid gevonden." in response.content.decode()

    def test_the_fragment_is_a_section_with_a_heading(self, verified_client, lezer, gezin):
        html = verified_client(lezer).get(url(bsn=BSN)).content.decode()
        assert html.strip().startswith("<section")
        assert 'aria-labelledby="eerdere-betrokkenheid-titel"' in html
        assert "<ol" in html
        assert "<html" not in html


class TestJson:
    def test_json_shape(self, verified_client, lezer, gezin):
        response = verified_client(lezer).get(url(bsn=BSN), **JSON)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        (kandidaat,) = response.json()["kandidaten"]
        assert kandidaat == {
            "persoon_id": gezin["jan"].pk,
            "score": 100,
            "reden": "bsn",
            "weergave": "J. Jansen (1985)",
            "casussen": [
                {
                    "nummer": "2026-000101",
                    "status": "open",
                    "zichtbaar": True,
                    "casus_id": gezin["eigen"].pk,
                    "url": f"/dossiers/{gezin['eigen'].pk}/",
                },
                # outside the scope: that it exists, nummer and status; no id, no link
                {"nummer": "2019-000007", "status": "gesloten", "zichtbaar": False},
            ],
        }

    def test_a_browser_asking_for_anything_gets_html(self, verified_client, lezer, gezin):
        response = verified_client(lezer).get(url(bsn=BSN), HTTP_ACCEPT="*/*")
        assert response["Content-Type"].startswith("text/html")

    @pytest.mark.parametrize("accept", ["text/html", "application/json"])
    def test_never_cached_and_varied_by_accept(self, verified_client, lezer, gezin, accept):
        response = verified_client(lezer).get(url(bsn=BSN), HTTP_ACCEPT=accept)
        assert response["Cache-Control"] == "no-store, private"
        assert "Accept" in response["Vary"]


class TestFouten:
    @pytest.mark.parametrize(
        ("params", "veld", "bericht"),
        [
            ({"bsn": "123456789"}, "bsn", "Het BSN voldoet niet aan de elfproef."),
            ({"bsn": "12345"}, "bsn", "Een BSN bestaat uit 9 cijfers."),
            (
                {"achternaam": "Jansen", "geboortedatum": "12-03-1985"},
                "geboortedatum",
                "Schrijf de geboortedatum als JJJJ-MM-DD, JJJJ-MM of JJJJ.",
            ),
            (
                {"achternaam": "Jansen", "geboortedatum": "1985-02-30"},
                "geboortedatum",
                "Februari 1985 heeft geen dag 30.",
            ),
            ({"achternaam": "Jansen", "postcode": "18AB"}, "postcode", "Een postcode bestaat"),
            ({}, "nonFieldErrors", "Vul een BSN of een achternaam in om te zoeken."),
        ],
    )
    def test_bad_input_is_400_with_a_dutch_message(
        self, verified_client, intaker, params, veld, bericht
    ):
        client = verified_client(intaker)
        html = client.get(url(**params))
        assert html.status_code == 400
        assert bericht in html.content.decode()
        problem = client.get(url(**params), **JSON)
        assert problem.status_code == 400
        assert problem["Content-Type"] == "application/problem+json"
        body = json.loads(problem.content)
        assert body["status"] == 400
        assert [p["name"] for p in body["invalidParams"]] == [veld]
        assert body["invalidParams"][0]["reason"].startswith(bericht)

    def test_bad_input_is_not_audited(self, verified_client, intaker):
        voor = AuditEvent.objects.filter(event=Event.EERDERE_BETROKKENHEID_GEZOCHT).count()
        verified_client(intaker).get(url(bsn="123456789"))
        assert AuditEvent.objects.filter(event=Event.EERDERE_BETROKKENHEID_GEZOCHT).count() == voor

    def test_post_is_not_allowed(self, verified_client, intaker):
        assert verified_client(intaker).post(url()).status_code == 405


class TestToegang:
    @pytest.mark.parametrize("perms", [(), (Perm.RAPPORTAGE_INZIEN,)])
    def test_without_the_rights_403(self, verified_client, make_user, gezin, perms):
        client = verified_client(make_user("zonder", perms=perms))
        assert client.get(url(bsn=BSN)).status_code == 403
        problem = client.get(url(bsn=BSN), **JSON)
        assert problem.status_code == 403
        assert problem["Content-Type"] == "application/problem+json"
        assert "Jansen" not in problem.content.decode()

    def test_anonymous_is_sent_to_the_login(self, client, gezin):
        response = client.get(url(bsn=BSN))
        assert response.status_code == 302
        assert "next=" in response["Location"]

    def test_the_search_is_audited_with_the_request(self, verified_client, intaker, gezin):
        verified_client(intaker).get(url(bsn=BSN), REMOTE_ADDR="10.1.2.3")
        row = AuditEvent.objects.filter(event=Event.EERDERE_BETROKKENHEID_GEZOCHT).get()
        assert row.actor_id == intaker.pk
        assert row.data == {"treffers": 1, "redenen": {"bsn": 1}}
        assert str(row.ip_address) == "10.1.2.3"


def test_the_number_of_queries_is_constant(verified_client, lezer, team):
    client = verified_client(lezer)
    for achternaam, aantal in (("Kok", 1), ("Mol", 6)):
        for i in range(aantal):
            p = PersoonFactory(
                achternaam=achternaam,
                geboortedatum_jaar=1975,
                geboortedatum_maand=6,
                geboortedatum_dag=i + 1,
            )
            BetrokkeneFactory(casus=CasusFactory(team=team), persoon=p)
            BetrokkeneFactory(casus=CasusFactory(), persoon=p)
    client.get(url(achternaam="Pietersen"))  # session and audit chain warmed up

    def queries(achternaam):
        with CaptureQueriesContext(connection) as gevangen:
            response = client.get(url(achternaam=achternaam, geboortedatum="1975-06"))
        assert response.status_code == 200
        return len(gevangen)

    assert queries("Kok") == queries("Mol")


@pytest.mark.urls("zicht.conf.urls")
def test_the_project_urlconf_mounts_the_lookup():
    try:
        pad = reverse("intake:eerdere-betrokkenheid")
    except NoReverseMatch:
        pytest.skip(
            "intake/urls.py neemt lookup_urlpatterns nog niet op "
            "(urlpatterns += lookup_urlpatterns); de intake-app bedraadt dit."
        )
    assert pad == "/intake/eerdere-betrokkenheid/"
    assert resolve(pad).func is eerdere_betrokkenheid_view
