"""The dossier pages: scope (404), permission (403), audit of every view, constant queries,
Dutch errors at the field with the input kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.casework import services
from zicht.casework.models import JournaalItem, Taak
from zicht.casework.tests import uploads
from zicht.casework.tests.builders import huishouden
from zicht.casework.tests.conftest import BEWERKEN, LEZEN, assert_no_personal_data
from zicht.casework.tests.factories import CasusFactory, JournaalItemFactory, TaakFactory
from zicht.core.selectors import calendar_current
from zicht.people.models import Adres

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _klok(time_machine):
    time_machine.move_to("2026-03-16 10:00 +01:00", tick=False)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


class TestList:
    def test_shows_only_the_users_casussen(self, verified_client, medewerker, team, ander_team):
        eigen = CasusFactory(team=team)
        vreemd = CasusFactory(team=ander_team)
        response = verified_client(medewerker).get(reverse("casework:list"))
        html = response.content.decode()
        assert response.status_code == 200
        assert eigen.nummer in html
        assert vreemd.nummer not in html
        assert "<caption>" in html

    def test_filters_and_pagination_keep_the_filters(self, verified_client, lezer, team):
        for _ in range(30):
            CasusFactory(team=team)
        CasusFactory(team=team, gesloten=True)
        client = verified_client(lezer)
        response = client.get(reverse("casework:list"), {"status": "open", "team": team.pk})
        assert response.context["page"].paginator.count == 30
        assert "status=open" in response.content.decode().split('rel="next"')[0].split("href=")[-1]

    def test_invalid_filter_is_reported_in_dutch(self, verified_client, lezer):
        response = verified_client(lezer).get(reverse("casework:list"), {"status": "weg"})
        assert response.status_code == 400
        assert "Selecteer een geldige keuze" in response.content.decode()

    def test_without_permission_403(self, verified_client, make_user, team):
        beleid = make_user(perms=(Perm.RAPPORTAGE_INZIEN,), teams=[team])
        assert verified_client(beleid).get(reverse("casework:list")).status_code == 403

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("casework:list"))
        assert response.status_code == 302
        assert "next=" in response["Location"]

    def test_query_count_is_constant(self, verified_client, lezer, team, django_assert_num_queries):
        client = verified_client(lezer)
        CasusFactory.create_batch(2, team=team)
        klein = count_queries(client, reverse("casework:list"))
        CasusFactory.create_batch(60, team=team)
        with django_assert_num_queries(klein):
            client.get(reverse("casework:list"))


class TestDetail:
    def test_household_is_shown_masked_and_the_view_is_audited(
        self, verified_client, lezer, team, audit_rows
    ):
        casus = CasusFactory(team=team)
        moeder, _vader = huishouden(casus, kinderen=1, journaal=2, taken=1)
        moeder.bsn, moeder.achternaam = "111222333", "Visser"
        moeder.save()
        geheim = Adres.objects.get(persoon=moeder, geheim=True)
        response = verified_client(lezer).get(reverse("casework:detail", args=[casus.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        # the BSN is masked but for its last three digits
        assert "111222333" not in html
        assert "******333" in html
        # a secret address shows only that it exists, with a warning
        assert geheim.straat not in html
        assert "geheim adres" in html
        assert "alert alert--warning" in html
        # the view is audited, with no personal data
        (row,) = audit_rows(Event.CASUS_INGEZIEN)
        assert (row.actor_id, row.target_id, row.reason) == (lezer.pk, str(casus.pk), "behandeling")
        assert_no_personal_data(audit_rows(), "111222333", "Visser")

    def test_task_clock_badges(self, verified_client, lezer, team):
        casus = CasusFactory(team=team)
        TaakFactory(casus=casus, omschrijving="Te laat", oorspronkelijke_deadline=date(2026, 3, 13))
        TaakFactory(casus=casus, omschrijving="Ruim", oorspronkelijke_deadline=date(2026, 3, 27))
        html = verified_client(lezer).get(reverse("casework:detail", args=[casus.pk])).content
        html = html.decode()
        assert '<span class="badge badge--rood">te laat</span>' in html
        assert "9 werkdagen" in html  # di 17 t/m vr 27 maart

    def test_outside_scope_is_404_and_not_audited(
        self, verified_client, lezer, ander_team, audit_rows
    ):
        casus = CasusFactory(team=ander_team)
        response = verified_client(lezer).get(reverse("casework:detail", args=[casus.pk]))
        assert response.status_code == 404
        assert audit_rows(Event.CASUS_INGEZIEN) == []

    def test_readers_see_no_write_actions(self, verified_client, lezer, team):
        casus = CasusFactory(team=team)
        html = verified_client(lezer).get(reverse("casework:detail", args=[casus.pk])).content
        assert b"Journaalitem toevoegen" not in html

    def test_query_count_is_constant(self, verified_client, lezer, team, django_assert_num_queries):
        calendar_current()
        client = verified_client(lezer)
        klein = CasusFactory(team=team)
        huishouden(klein, kinderen=1, journaal=1, taken=1)
        groot = CasusFactory(team=team)
        huishouden(groot, kinderen=5, journaal=45, taken=6)
        n = count_queries(client, reverse("casework:detail", args=[klein.pk]))
        with django_assert_num_queries(n):
            client.get(reverse("casework:detail", args=[groot.pk]))


class TestJournaal:
    def url(self, casus):
        return reverse("casework:journaal-add", args=[casus.pk])

    def test_add_with_attachment(self, verified_client, medewerker, team, audit_rows):
        casus = CasusFactory(team=team)
        response = verified_client(medewerker).post(
            self.url(casus),
            {
                "soort": "huisbezoek",
                "moment": "2026-03-16T09:00",
                "tekst": "Huisbezoek afgelegd.",
                "bijlagen": [uploads.upload("verslag.pdf", uploads.PDF)],
            },
        )
        assert response.status_code == 302
        item = JournaalItem.objects.get()
        assert item.bijlagen.count() == 1
        assert [r.event for r in audit_rows()] == [
            Event.JOURNAAL_TOEGEVOEGD,
            Event.BIJLAGE_TOEGEVOEGD,
        ]

    def test_refused_attachment_keeps_the_input_and_saves_nothing(
        self, verified_client, medewerker, team
    ):
        casus = CasusFactory(team=team)
        response = verified_client(medewerker).post(
            self.url(casus),
            {
                "soort": "gesprek",
                "moment": "2026-03-16T09:00",
                "tekst": "Mijn lange verslag",
                "bijlagen": [uploads.upload("script.sh", b"echo hoi")],
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Mijn lange verslag" in html
        assert "Uitvoerbare bestanden" in html
        assert "Kies de bijlagen opnieuw" in html
        assert not JournaalItem.objects.exists()

    def test_missing_fields_are_reported_at_the_field(self, verified_client, medewerker, team):
        casus = CasusFactory(team=team)
        response = verified_client(medewerker).post(self.url(casus), {"soort": "gesprek"})
        assert response.status_code == 400
        assert response.context["form"].errors["tekst"] == ["Dit veld is vereist."]

    def test_reader_gets_403_and_outsider_404(self, verified_client, lezer, team, ander_team):
        client = verified_client(lezer)
        assert client.get(self.url(CasusFactory(team=team))).status_code == 403
        assert client.get(self.url(CasusFactory(team=ander_team))).status_code == 404

    def test_medical_checkbox_only_for_the_vertrouwensarts(self, verified_client, make_user, team):
        casus = CasusFactory(team=team)
        arts = make_user(perms=(*BEWERKEN, Perm.MEDISCHE_NOTITIE), teams=[team])
        assert "medisch" in verified_client(arts).get(self.url(casus)).context["form"].fields


class TestTaken:
    def test_create_with_term(self, verified_client, medewerker, team):
        casus = CasusFactory(team=team)
        client = verified_client(medewerker)
        assert client.get(reverse("casework:taak-add", args=[casus.pk])).status_code == 200
        response = client.post(
            reverse("casework:taak-add", args=[casus.pk]),
            {"omschrijving": "Besluit VB", "termijn_code": "vb_besluit", "start": "2026-03-16"},
        )
        assert response.status_code == 302
        assert Taak.objects.get().deadline == date(2026, 3, 23)  # ma + 5 werkdagen

    def test_create_without_deadline_is_refused_in_dutch(self, verified_client, medewerker, team):
        casus = CasusFactory(team=team)
        response = verified_client(medewerker).post(
            reverse("casework:taak-add", args=[casus.pk]), {"omschrijving": "Bellen"}
        )
        assert response.status_code == 400
        assert "Kies een termijn óf vul een deadline in" in response.content.decode()
        assert 'value="Bellen"' in response.content.decode()
        assert not Taak.objects.exists()

    def _taak(self, medewerker, team):
        return services.taak_create(
            actor=medewerker,
            casus=CasusFactory(team=team),
            omschrijving="Besluit",
            termijn_code="vb_besluit",
            start=date(2026, 3, 16),
        )

    def test_suspend_too_long_shows_the_error_at_the_field(self, verified_client, medewerker, team):
        taak = self._taak(medewerker, team)
        url = reverse("casework:taak-opschorten", args=[taak.casus_id, taak.pk])
        client = verified_client(medewerker)
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"van": "2026-03-17", "tot": "2026-03-31", "reden": "ziek", "version": 1}
        )
        assert response.status_code == 400
        assert "langer dan de 5 werkdagen" in response.context["form"].errors["tot"][0]
        taak.refresh_from_db()
        assert taak.deadline == date(2026, 3, 23)

    def test_suspend_and_extend(self, verified_client, medewerker, team):
        taak = self._taak(medewerker, team)
        client = verified_client(medewerker)
        response = client.post(
            reverse("casework:taak-opschorten", args=[taak.casus_id, taak.pk]),
            {"van": "2026-03-17", "tot": "2026-03-17", "reden": "wachten", "version": 1},
        )
        assert response.status_code == 302
        url = reverse("casework:taak-verlengen", args=[taak.casus_id, taak.pk])
        assert b"werkdagen" in client.get(url).content
        response = client.post(url, {"aantal": 2, "reden": "consult", "version": 2})
        assert response.status_code == 302
        taak.refresh_from_db()
        assert taak.deadline == date(2026, 3, 26)  # 23-03 + 1 opgeschort + 2 verlengd
        html = client.get(reverse("casework:detail", args=[taak.casus_id])).content.decode()
        assert "opgeschort 17-03-2026 t/m 17-03-2026 (wachten)" in html
        assert "verlengd met 2 werkdagen (consult)" in html

    def test_stale_form_is_refused(self, verified_client, medewerker, team):
        taak = self._taak(medewerker, team)
        response = verified_client(medewerker).post(
            reverse("casework:taak-verlengen", args=[taak.casus_id, taak.pk]),
            {"aantal": 2, "reden": "consult", "version": 7},
        )
        assert response.status_code == 400
        assert "intussen gewijzigd" in response.content.decode()

    def test_complete(self, verified_client, medewerker, team):
        taak = self._taak(medewerker, team)
        url = reverse("casework:taak-afronden", args=[taak.casus_id, taak.pk])
        client = verified_client(medewerker)
        assert client.get(url).status_code == 405
        assert client.post(url, {"version": 1}).status_code == 302
        taak.refresh_from_db()
        assert taak.afgerond_op is not None
        # completing again: the task is no longer open → 404
        assert client.post(url, {"version": 2}).status_code == 404

    def test_complete_with_a_bad_form(self, verified_client, medewerker, team):
        taak = self._taak(medewerker, team)
        url = reverse("casework:taak-afronden", args=[taak.casus_id, taak.pk])
        client = verified_client(medewerker)
        response = client.post(url, {}, follow=True)
        assert "kon niet worden afgerond" in response.content.decode()
        response = client.post(url, {"version": 9}, follow=True)
        assert "intussen gewijzigd" in response.content.decode()

    def test_task_of_another_casus_is_404(self, verified_client, medewerker, team):
        taak = self._taak(medewerker, team)
        andere = CasusFactory(team=team)
        url = reverse("casework:taak-verlengen", args=[andere.pk, taak.pk])
        assert verified_client(medewerker).get(url).status_code == 404


class TestDownload:
    def _bijlage(self, medewerker, casus):
        item = services.journaal_add(
            actor=medewerker,
            casus=casus,
            soort="notitie",
            tekst="t",
            moment=casus.geopend_op,
            bijlagen=[uploads.upload("rapport <1>.pdf", uploads.PDF)],
        )
        return item.bijlagen.get()

    def test_download_is_an_audited_attachment(self, verified_client, medewerker, team, audit_rows):
        casus = CasusFactory(team=team)
        bijlage = self._bijlage(medewerker, casus)
        url = reverse("casework:bijlage-download", args=[casus.pk, bijlage.pk])
        response = verified_client(medewerker).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert "rapport 1.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == uploads.PDF
        (row,) = audit_rows(Event.BIJLAGE_GEDOWNLOAD)
        assert row.data == {"bijlage": bijlage.pk, "journaal_item": bijlage.journaal_item_id}

    def test_outside_scope_or_wrong_casus_is_404(
        self, verified_client, medewerker, make_user, team, ander_team
    ):
        casus = CasusFactory(team=team)
        bijlage = self._bijlage(medewerker, casus)
        buiten = make_user(perms=LEZEN, teams=[ander_team])
        url = reverse("casework:bijlage-download", args=[casus.pk, bijlage.pk])
        assert verified_client(buiten).get(url).status_code == 404
        andere = CasusFactory(team=team)
        url = reverse("casework:bijlage-download", args=[andere.pk, bijlage.pk])
        assert verified_client(medewerker).get(url).status_code == 404

    def test_medical_attachment_is_hidden_from_others(self, verified_client, medewerker, team):
        casus = CasusFactory(team=team)
        item = JournaalItemFactory(casus=casus, medisch=True)
        gewoon = self._bijlage(medewerker, casus)
        # move the attachment row under the medical item (test set-up only)
        type(gewoon).objects.filter(pk=gewoon.pk).update(journaal_item=item)
        url = reverse("casework:bijlage-download", args=[casus.pk, gewoon.pk])
        assert verified_client(medewerker).get(url).status_code == 404
