"""The radar services own the rights, the scope and the audit (any caller gets them, not only
the page), and the status counts come in one query."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.radar import selectors, services
from zicht.radar.models import (
    RadarBetrokkenheid,
    RadarMethode,
    RadarSignaal,
    RadarStand,
    RadarUitgaand,
)
from zicht.radar.tests.conftest import BEWERKEN, LEZEN

pytestmark = pytest.mark.django_db


def _signaal(casus, register_id: int, *, pseudoniem: str = "a" * 64) -> RadarSignaal:
    b = BetrokkeneFactory(casus=casus)
    betrokkenheid = RadarBetrokkenheid.objects.create(
        casus=casus, persoon=b.persoon, pseudoniem_bsn=pseudoniem, van=casus.geopend_op.date()
    )
    return RadarSignaal.objects.create(
        register_id=register_id,
        betrokkenheid=betrokkenheid,
        casus=casus,
        organisatie_code="vt-zuid",
        organisatie_naam="Veilig Thuis Zuid",
        contactregel="0800-2000",
    )


# --- Reading the worklist -----------------------------------------------------------------


def test_signalen_inzien_checks_the_right_scopes_and_audits(
    make_user, team, ander_team, audit_rows
):
    eigen = [_signaal(CasusFactory(team=team), i) for i in (1, 2)]
    _signaal(CasusFactory(team=ander_team), 3)
    zonder_recht = make_user(perms=(), teams=[team])
    with pytest.raises(PermissionDenied):
        services.signalen_inzien(actor=zonder_recht)
    assert audit_rows(Event.RADAR_SIGNALEN_INGEZIEN) == []

    lezer = make_user(perms=LEZEN, teams=[team])
    page = services.signalen_inzien(actor=lezer, alleen_open=True, pagina=1)

    assert sorted(s.pk for s in page) == sorted(s.pk for s in eigen)
    [event] = audit_rows(Event.RADAR_SIGNALEN_INGEZIEN)
    assert event.actor == lezer
    assert sorted(event.data["signalen"]) == sorted(s.pk for s in eigen)
    assert event.data["alleen_open"] is True


def test_worklist_page_queries_do_not_grow_with_the_signals(
    verified_client, make_user, team, audit_rows
):
    client = verified_client(make_user(perms=LEZEN, teams=[team]))
    url = reverse("radar:signalen")
    for i in range(2):
        _signaal(CasusFactory(team=team), i + 1, pseudoniem=f"{i:064d}")
    client.get(url)  # the first request also loads the session and the rights
    with CaptureQueriesContext(connection) as twee:
        assert client.get(url).status_code == 200
    for i in range(2, 6):
        _signaal(CasusFactory(team=team), i + 1, pseudoniem=f"{i:064d}")

    with CaptureQueriesContext(connection) as zes:
        antwoord = client.get(url)

    assert len(zes.captured_queries) == len(twee.captured_queries)
    assert antwoord.content.decode().count("Veilig Thuis Zuid") == 6
    assert len(audit_rows(Event.RADAR_SIGNALEN_INGEZIEN)[-1].data["signalen"]) == 6


# --- Handling a signal --------------------------------------------------------------------


def test_signaal_afhandelen_refuses_without_right_and_outside_scope(
    make_user, team, ander_team, audit_rows
):
    signaal = _signaal(CasusFactory(team=team), 1)
    # Inside the scope, reading only: 403, nothing changes.
    with pytest.raises(PermissionDenied):
        services.signaal_afhandelen(
            actor=make_user(perms=LEZEN, teams=[team]), signaal_id=signaal.pk
        )
    # Outside the scope: as if it does not exist, and the refusal is audited against the casus.
    buiten = make_user(perms=BEWERKEN, teams=[ander_team])
    with pytest.raises(Http404):
        services.signaal_afhandelen(actor=buiten, signaal_id=signaal.pk)
    [weigering] = audit_rows(Event.TOEGANG_GEWEIGERD)
    assert (weigering.actor, weigering.target_id) == (buiten, str(signaal.casus_id))
    # A signal that does not exist: 404, no casus to name.
    with pytest.raises(Http404):
        services.signaal_afhandelen(actor=buiten, signaal_id=signaal.pk + 1000)
    assert len(audit_rows(Event.TOEGANG_GEWEIGERD)) == 1
    signaal.refresh_from_db()
    assert signaal.afgehandeld_op is None
    assert audit_rows(Event.RADAR_SIGNAAL_AFGEHANDELD) == []


def test_signaal_afhandelen_in_scope_once(make_user, team, audit_rows):
    signaal = _signaal(CasusFactory(team=team), 1)
    medewerker = make_user(perms=BEWERKEN, teams=[team])

    afgehandeld = services.signaal_afhandelen(actor=medewerker, signaal_id=signaal.pk)

    assert afgehandeld.afgehandeld_door == medewerker
    [event] = audit_rows(Event.RADAR_SIGNAAL_AFGEHANDELD)
    assert event.target_id == str(signaal.casus_id)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.signaal_afhandelen(actor=medewerker, signaal_id=signaal.pk)


# --- Status -------------------------------------------------------------------------------


_REGISTER_IDS = itertools.count(1000)


def _vullen(n: int, team) -> None:
    """``n`` of everything the status counts (and as many of what it must not count)."""
    nu = timezone.now()
    for i in range(n):
        casus = CasusFactory(team=team)
        met = RadarBetrokkenheid.objects.create(
            casus=casus,
            persoon=BetrokkeneFactory(casus=casus).persoon,
            pseudoniem_ngd=f"{i:064d}",
            van=date(2026, 1, 5),
        )
        RadarBetrokkenheid.objects.create(  # without pseudonym
            casus=casus, persoon=BetrokkeneFactory(casus=casus).persoon, van=date(2026, 1, 5)
        )
        RadarUitgaand.objects.create(betrokkenheid=met, inhoud={})  # waiting
        RadarUitgaand.objects.create(betrokkenheid=met, inhoud={}, verzonden_op=nu)
        RadarUitgaand.objects.create(betrokkenheid=met, inhoud={}, geweigerd_op=nu)
        RadarUitgaand.objects.create(  # a withdrawal waits too, without involvement
            methode=RadarMethode.INTREKKEN, casus_nummer=10**6 + i, inhoud={}
        )
        for afgehandeld in (None, nu):
            RadarSignaal.objects.create(
                register_id=next(_REGISTER_IDS),
                betrokkenheid=met,
                casus=casus,
                organisatie_code="vt-zuid",
                organisatie_naam="Zuid",
                contactregel="0800",
                afgehandeld_op=afgehandeld,
            )


def test_radar_stand_counts_in_one_query(team, django_assert_num_queries):
    _vullen(2, team)
    RadarStand.objects.create(pk=1, signalen_zonder_betrokkenheid=4, laatste_fout="x")
    with django_assert_num_queries(2):  # the counts together, and the stand
        stand = selectors.radar_stand()
    assert stand["betrokkenheden"] == 4
    _vullen(4, team)

    with django_assert_num_queries(2):
        stand = selectors.radar_stand()

    assert {k: stand[k] for k in stand if k != "laatste_sync_op"} == {
        "betrokkenheden": 12,
        "zonder_pseudoniem": 6,
        "wachtend": 12,
        "geweigerd": 6,
        "signalen_open": 6,
        "signalen_zonder_betrokkenheid": 4,
        "laatste_fout": "x",
    }


def test_radar_stand_of_an_empty_link(db):
    assert selectors.radar_stand() == {
        "betrokkenheden": 0,
        "zonder_pseudoniem": 0,
        "wachtend": 0,
        "geweigerd": 0,
        "signalen_open": 0,
        "signalen_zonder_betrokkenheid": 0,
        "laatste_sync_op": None,
        "laatste_fout": "",
    }
