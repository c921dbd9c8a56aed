"""The pages: worklist, assessment page, deadline view; permissions, scope, audit, queries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zicht.assessment.models import Besluit, Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import NU, STRUCTUREEL
from zicht.audit.catalogue import Event
from zicht.casework.tests.factories import CasusFactory, TeamFactory
from zicht.diensten.models import Dienst, Terugkoppeling
from zicht.intake.models import MeldingStatus
from zicht.intake.tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db

MAANDAG = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def post_voorstel(client, melding, **extra):
    data = {f"vraag_{k}": v for k, v in STRUCTUREEL.items()}
    data.update(
        actie="voorstellen",
        versie="",
        soort="voorwaarden_en_vervolg",
        motivering="Gezin erkent de zorgen.",
    )
    data.update(extra)
    return client.post(reverse("assessment:beoordeling", args=[melding.pk]), data)


def test_propose_and_confirm_through_the_pages(
    client, verified_client, melding, voorsteller, collega, audit_rows
):
    with time_machine.travel(NU, tick=False):
        c = verified_client(voorsteller)
        pagina = c.get(reverse("assessment:beoordeling", args=[melding.pk]))
        assert pagina.status_code == 200
        assert "Acute onveiligheid" in pagina.content.decode() or "direct fysiek gevaar" in (
            pagina.content.decode()
        )
        assert audit_rows(Event.BEOORDELING_INGEZIEN)
        # a besluit without motivation: 400, the Dutch message, the input kept
        fout = post_voorstel(c, melding, motivering="")
        assert fout.status_code == 400
        assert "Motiveer het besluit." in fout.content.decode()
        assert 'value="ja" checked' in fout.content.decode()
        assert post_voorstel(c, melding).status_code == 302
    besluit = Besluit.objects.get()
    versie = Veiligheidsbeoordeling.objects.get().version
    with time_machine.travel(MAANDAG, tick=False):
        client.logout()
        c = verified_client(collega)
        pagina = c.get(reverse("assessment:beoordeling", args=[melding.pk]))
        assert "Besluit bevestigen" in pagina.content.decode()
        antwoord = c.post(
            reverse("diensten:besluit-bevestigen", args=[besluit.pk]), {"versie": versie}
        )
        assert antwoord.status_code == 302
        # the second, stale confirmation sees who was first
        nogmaals = c.post(
            reverse("diensten:besluit-bevestigen", args=[besluit.pk]), {"versie": versie}
        )
        assert nogmaals.status_code == 409  # a conflict, as on the other pages
        assert "het besluit bevestigd" in nogmaals.content.decode()
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.BESLOTEN
    assert Dienst.objects.get().deadline.isoformat() == "2026-05-26"
    # the feedback letter: a PDF
    with time_machine.travel(MAANDAG, tick=False):
        terugkoppeling = Terugkoppeling.objects.get()
        pdf = c.get(reverse("diensten:terugkoppeling-brief", args=[terugkoppeling.pk]))
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
    assert audit_rows(Event.TERUGKOPPELINGSBRIEF_GEMAAKT)


def test_own_proposal_shows_no_confirm_panel_and_post_is_refused(
    verified_client, melding, voorsteller
):
    with time_machine.travel(NU, tick=False):
        c = verified_client(voorsteller)
        post_voorstel(c, melding)
        besluit = Besluit.objects.get()
        pagina = c.get(reverse("assessment:beoordeling", args=[melding.pk]))
        assert "u heeft het zelf voorgesteld" in pagina.content.decode()
        antwoord = c.post(
            reverse("diensten:besluit-bevestigen", args=[besluit.pk]),
            {"versie": Veiligheidsbeoordeling.objects.get().version},
        )
        assert antwoord.status_code == 400
        assert "zelf voorgesteld" in antwoord.content.decode()


def test_permissions_and_scope(verified_client, make_user, melding, vb_team):
    zonder = make_user("zonder", teams=[vb_team])
    c = verified_client(zonder)
    assert c.get(reverse("assessment:werklijst")).status_code == 403
    assert c.get(reverse("assessment:termijnen")).status_code == 403
    assert c.get(reverse("assessment:beoordeling", args=[melding.pk])).status_code == 403
    from zicht.assessment.tests.conftest import VOORSTELLER

    ander_team = make_user("ander", perms=VOORSTELLER, teams=[TeamFactory(naam="Ander")])
    c = verified_client(ander_team)
    assert c.get(reverse("assessment:beoordeling", args=[melding.pk])).status_code == 404
    assert melding.nummer not in c.get(reverse("assessment:werklijst")).content.decode()


def _meldingen(team, aantal):
    for i in range(aantal):
        MeldingFactory(casus=CasusFactory(team=team), **({"is_acuut": True} if i % 3 == 0 else {}))


@pytest.mark.parametrize("naam", ["assessment:werklijst", "assessment:termijnen"])
def test_lists_make_a_constant_number_of_queries(verified_client, voorsteller, vb_team, naam):
    c = verified_client(voorsteller)
    url = reverse(naam)
    _meldingen(vb_team, 2)
    c.get(url)  # warm caches (calendar)
    with CaptureQueriesContext(connection) as weinig:
        assert c.get(url).status_code == 200
    _meldingen(vb_team, 12)
    with CaptureQueriesContext(connection) as veel:
        assert c.get(url).status_code == 200
    assert len(veel) == len(weinig)


def test_termijnen_counts_and_chart(verified_client, voorsteller, melding):
    # the VB deadline of the melding is Tuesday 17 March 2026
    c = verified_client(voorsteller)
    with time_machine.travel(datetime(2026, 3, 17, 9, 0, tzinfo=UTC), tick=False):
        pagina = c.get(reverse("assessment:termijnen")).content.decode()
        assert "Vandaag uiterlijk: <strong>1</strong>" in pagina
        assert "Te laat: <strong>0</strong>" in pagina
    with time_machine.travel(datetime(2026, 3, 18, 9, 0, tzinfo=UTC), tick=False):
        pagina = c.get(reverse("assessment:termijnen")).content.decode()
        assert "Te laat: <strong>1</strong>" in pagina
        grafiek = c.get(reverse("assessment:termijnen-grafiek"))
        assert grafiek["Content-Type"] == "image/svg+xml"
        assert b"<svg" in grafiek.content


@pytest.mark.parametrize(
    ("vandaag", "deadline"),
    [
        # Friday 13 March 2026: "morgen" is Monday 16 March
        (datetime(2026, 3, 13, 9, 0, tzinfo=UTC), "2026-03-16"),
        # Thursday 2 April 2026: Goede Vrijdag and 2e Paasdag are skipped: Tuesday 7 April
        (datetime(2026, 4, 2, 9, 0, tzinfo=UTC), "2026-04-07"),
    ],
)
def test_termijnen_tomorrow_is_the_next_working_day(
    verified_client, voorsteller, melding, vandaag, deadline
):
    from zicht.casework.models import Taak

    Taak.objects.filter(pk=melding.vb_taak_id).update(deadline=deadline)
    c = verified_client(voorsteller)
    with time_machine.travel(vandaag, tick=False):
        pagina = c.get(reverse("assessment:termijnen")).content.decode()
    assert "Morgen uiterlijk: <strong>1</strong>" in pagina
    assert melding.nummer in pagina
    # the calendar day after is not "morgen" when it is no working day
    with time_machine.travel(vandaag, tick=False):
        Taak.objects.filter(pk=melding.vb_taak_id).update(deadline="2026-12-31")
        assert (
            "Morgen uiterlijk: <strong>0</strong>"
            in c.get(reverse("assessment:termijnen")).content.decode()
        )
