"""The radar worklist page: only signals about casussen in the user's scope; handling one
needs the edit permission; reads and writes are audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.radar.models import RadarBetrokkenheid, RadarSignaal
from zicht.radar.tests.conftest import BEWERKEN, LEZEN

pytestmark = pytest.mark.django_db


def _signaal(casus, register_id: int, naam: str = "Veilig Thuis Zuid") -> RadarSignaal:
    b = BetrokkeneFactory(casus=casus)
    betrokkenheid = RadarBetrokkenheid.objects.create(
        casus=casus, persoon=b.persoon, pseudoniem_bsn="a" * 64, van=casus.geopend_op.date()
    )
    return RadarSignaal.objects.create(
        register_id=register_id,
        betrokkenheid=betrokkenheid,
        casus=casus,
        organisatie_code="vt-zuid",
        organisatie_naam=naam,
        contactregel="0800-2000, vraag naar de radarcontactpersoon",
    )


def test_lijst_toont_alleen_signalen_binnen_de_scope(
    verified_client, make_user, team, ander_team, audit_rows, django_assert_max_num_queries
):
    eigen = _signaal(CasusFactory(team=team), 1)
    _signaal(CasusFactory(team=ander_team), 2, naam="Veilig Thuis Elders")
    for i in range(3, 6):
        _signaal(CasusFactory(team=team), i)
    user = make_user(perms=LEZEN, teams=[team])
    client = verified_client(user)

    with django_assert_max_num_queries(25):
        antwoord = client.get(reverse("radar:signalen"))

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Veilig Thuis Zuid" in html
    assert "0800-2000, vraag naar de radarcontactpersoon" in html
    assert eigen.casus.nummer in html
    assert "Veilig Thuis Elders" not in html
    [event] = audit_rows(Event.RADAR_SIGNALEN_INGEZIEN)
    assert len(event.data["signalen"]) == 4


def test_zonder_dossierrecht_403(verified_client, make_user, team):
    user = make_user(perms=(), teams=[team])
    assert verified_client(user).get(reverse("radar:signalen")).status_code == 403


def test_afhandelen(verified_client, make_user, team, ander_team, audit_rows):
    signaal = _signaal(CasusFactory(team=team), 1)
    url = reverse("radar:afhandelen", args=[signaal.pk])
    # Outside the scope: as if it does not exist.
    buiten = make_user(perms=BEWERKEN, teams=[ander_team])
    assert verified_client(buiten).post(url).status_code == 404
    # Inside the scope, reading only: 403.
    lezer = make_user(perms=LEZEN, teams=[team])
    assert verified_client(lezer).post(url).status_code == 403
    # With the edit permission: handled, audited, off the open list.
    medewerker = make_user(perms=BEWERKEN, teams=[team])
    client = verified_client(medewerker)
    assert client.post(url).status_code == 302
    signaal.refresh_from_db()
    assert signaal.afgehandeld_door == medewerker
    assert len(audit_rows(Event.RADAR_SIGNAAL_AFGEHANDELD)) == 1
    assert signaal.casus.nummer not in client.get(reverse("radar:signalen")).content.decode()
    alle = client.get(reverse("radar:signalen") + "?toon=alle").content.decode()
    assert signaal.casus.nummer in alle
    # Twice: a Dutch message, nothing changes.
    antwoord = client.post(url, follow=True)
    assert "al afgehandeld" in antwoord.content.decode()
