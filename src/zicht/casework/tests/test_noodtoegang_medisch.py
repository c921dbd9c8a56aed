"""Break-the-glass (a coded reason, a few hours, a loud banner, its own audit events, the
privacy officer's review; expired access refused and audited) and the vertrouwensarts's
medical notes (a record of its own: 403 for others, never in the timeline)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework import services
from zicht.casework.access import casus_scope
from zicht.casework.models import Casus, JournaalItem, MedischeNotitie, Noodtoegang
from zicht.casework.tests.factories import CasusFactory
from zicht.conftest import login_verified

pytestmark = pytest.mark.django_db

TEAMLEIDER = (Perm.CASUS_INZIEN, Perm.CASUS_NOODTOEGANG)
FG = (Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN)
ARTS = (Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN, Perm.MEDISCHE_NOTITIE)


@pytest.fixture
def elders(ander_team):
    return CasusFactory(team=ander_team)


@pytest.fixture
def teamleider(make_user, team):
    return make_user("teamleider", perms=TEAMLEIDER, teams=[team])


def _openen(client, casus, **data):
    return client.post(
        reverse("casework:noodtoegang"), {"nummer": casus.nummer, "reden": "acuut_gevaar", **data}
    )


def test_break_the_glass_opens_a_casus_for_four_hours_with_a_banner_and_audit(
    client, teamleider, elders, settings
):
    settings.ZICHT_NOODTOEGANG_UREN = 4
    login_verified(client, teamleider)
    detail = reverse("casework:detail", args=[elders.pk])
    assert client.get(detail).status_code == 404
    assert not Casus.objects.filter(casus_scope(teamleider), pk=elders.pk).exists()

    response = _openen(client, elders, toelichting="Politie belt 's nachts")
    assert response.status_code == 302
    assert response["Location"] == detail
    grant = Noodtoegang.objects.get(user=teamleider, casus=elders)
    assert grant.tot - grant.van == timedelta(hours=4)
    # The scope now holds the casus, inside the SQL
    assert Casus.objects.filter(casus_scope(teamleider), pk=elders.pk).exists()
    page = client.get(detail)
    assert page.status_code == 200
    assert "NOODTOEGANG" in page.content.decode()
    # ... and every other page says so while the grant runs
    assert "Noodtoegang actief" in client.get(reverse("casework:list")).content.decode()
    geopend = AuditEvent.objects.get(event=Event.NOODTOEGANG_GEOPEND)
    assert geopend.reason == "noodtoegang"
    assert geopend.target_id == str(elders.pk)
    gelezen = AuditEvent.objects.filter(event=Event.CASUS_INGEZIEN, target_id=str(elders.pk))
    assert list(gelezen.values_list("reason", flat=True)) == ["noodtoegang"]

    # After four hours: gone; trying again is refused (404) and audited
    with time_machine.travel(timezone.now() + timedelta(hours=4, minutes=1)):
        assert client.get(detail).status_code == 404
        assert not Casus.objects.filter(casus_scope(teamleider), pk=elders.pk).exists()
    geweigerd = AuditEvent.objects.get(event=Event.NOODTOEGANG_VERLOPEN_GEWEIGERD)
    assert geweigerd.actor == teamleider
    assert geweigerd.data == {"noodtoegang": grant.pk}


def test_break_the_glass_needs_a_reason_and_the_permission(
    client, make_user, team, teamleider, elders
):
    login_verified(client, teamleider)
    response = client.post(reverse("casework:noodtoegang"), {"nummer": elders.nummer, "reden": ""})
    assert response.status_code == 400
    response = _openen(client, elders, reden="overig")
    assert response.status_code == 400
    assert "Licht de reden" in response.content.decode()
    response = _openen(client, elders, toelichting="BSN 123456782")
    assert response.status_code == 400
    assert not Noodtoegang.objects.exists()
    gewoon = make_user("gewoon", perms=(Perm.CASUS_INZIEN, Perm.CASUS_BEWERKEN), teams=[team])
    login_verified(client, gewoon)
    assert _openen(client, elders).status_code == 403
    assert not Noodtoegang.objects.exists()


def test_privacy_officer_reviews_the_queue_and_nobody_reviews_their_own(
    client, make_user, teamleider, elders
):
    grant = services.noodtoegang_openen(actor=teamleider, casus=elders, reden="crisisdienst")
    fg = make_user("fg", perms=FG)
    login_verified(client, teamleider)
    assert client.get(reverse("casework:noodtoegang-toetsing")).status_code == 403
    login_verified(client, fg)
    queue = client.get(reverse("casework:noodtoegang-toetsing"))
    assert queue.status_code == 200
    assert elders.nummer in queue.content.decode()
    # what the employee did under the grant (reads and writes) is one click away
    vanaf = timezone.localtime(grant.van).date().isoformat()
    assert (
        f"{reverse('audit:list')}?gebruiker={teamleider.username}&amp;vanaf={vanaf}"
        in queue.content.decode()
    )
    response = client.post(
        reverse("casework:noodtoegang-toetsen", args=[grant.pk]), {"oordeel": "onterecht"}
    )
    grant.refresh_from_db()
    assert grant.getoetst_op is None  # 'onterecht' needs a toelichting
    client.post(
        reverse("casework:noodtoegang-toetsen", args=[grant.pk]),
        {"oordeel": "onterecht", "toelichting": "Geen acute situatie."},
    )
    grant.refresh_from_db()
    assert grant.oordeel == "onterecht"
    assert grant.getoetst_door == fg
    assert AuditEvent.objects.filter(event=Event.NOODTOEGANG_GETOETST).count() == 1
    with pytest.raises(ValidationError, match="al getoetst"):
        services.noodtoegang_toetsen(actor=fg, noodtoegang=grant, oordeel="terecht")
    # A privacy officer who broke the glass cannot review it
    zelf = make_user("fg2", perms=(*FG, *TEAMLEIDER))
    eigen = services.noodtoegang_openen(actor=zelf, casus=elders, reden="vervanging")
    with pytest.raises(ValidationError, match="eigen noodtoegang"):
        services.noodtoegang_toetsen(actor=zelf, noodtoegang=eigen, oordeel="terecht")
    assert response.status_code == 302


def test_medical_notes_only_for_the_vertrouwensarts(client, make_user, team, medewerker):
    casus = CasusFactory(team=team)
    arts = make_user("arts", perms=ARTS, teams=[team])
    notitie = services.medische_notitie_add(
        actor=arts, casus=casus, tekst="Fractuur <script>alert(1)</script>"
    )
    url = reverse("casework:medisch", args=[casus.pk])
    # A colleague of the same team: 403 on the notes, never in the timeline
    login_verified(client, medewerker)
    assert client.get(url).status_code == 403
    assert client.post(url, {"tekst": "poging"}).status_code == 403
    detail = client.get(reverse("casework:detail", args=[casus.pk])).content.decode()
    assert "Fractuur" not in detail
    assert "Medische notities" not in detail
    with pytest.raises(Exception, match="vertrouwensarts"):
        services.medische_notitie_add(actor=medewerker, casus=casus, tekst="x")
    # The arts: reads (audited), escaped, and the note is no journaal item
    login_verified(client, arts)
    page = client.get(url).content.decode()
    assert "Fractuur &lt;script&gt;" in page
    assert AuditEvent.objects.filter(event=Event.MEDISCHE_NOTITIES_INGEZIEN).count() == 1
    assert not JournaalItem.objects.filter(casus=casus).exists()
    client.post(
        reverse("casework:medisch-vrijgeven", args=[casus.pk, notitie.pk]),
        {"reden": "Besproken met cliënt."},
    )
    assert MedischeNotitie.objects.get(pk=notitie.pk).vrijgave.door == arts
    # Another team's arts: 404
    ander = make_user("arts2", perms=ARTS, teams=[])
    login_verified(client, ander)
    assert client.get(url).status_code == 404
