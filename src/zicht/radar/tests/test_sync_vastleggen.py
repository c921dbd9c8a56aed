"""A message the register took but whose recording here fails is handled like a transient
failure: it stays in the outbox (attempt, error, back-off), the sending stops there so the later
messages keep their order, the signals are still fetched, the outcome counts it, and a later
run sends it again with the same idempotency key."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.casework.tests.factories import BetrokkeneFactory, PersoonFactory
from zicht.radar import services
from zicht.radar.models import RadarStand, RadarUitgaand

pytestmark = pytest.mark.django_db

BSNS = ("111222333", "123456782", "100000009")


def _persoon(bsn: str):
    return PersoonFactory(
        bsn=bsn,
        voornamen="Sanne",
        achternaam="Vries",
        geboortedatum_jaar=2015,
        geboortedatum_maand=4,
        geboortedatum_dag=3,
    )


@pytest.fixture
def opslag_faalt(monkeypatch):
    """Makes the save of the given outbox message (as sent) fail, like a database error."""
    falend: set[int] = set()
    echte_save = RadarUitgaand.save

    def save(self, *args, **kwargs):
        if self.pk in falend and "verzonden_op" in (kwargs.get("update_fields") or ()):
            raise OperationalError("database is locked")
        return echte_save(self, *args, **kwargs)

    monkeypatch.setattr(RadarUitgaand, "save", save)
    return falend


def test_failed_save_stops_the_sending_in_order_and_is_resent_later(
    radar_aan, register, audit_rows, opslag_faalt
):
    for bsn in BSNS:
        BetrokkeneFactory(persoon=_persoon(bsn))
    services.radar_scan(instelling=radar_aan)
    eerste, tweede, derde = RadarUitgaand.objects.order_by("pk")
    opslag_faalt.add(tweede.pk)

    uitkomst = services.radar_sync(instelling=radar_aan, client=register)

    # The first is recorded; the second reached the register but is not recorded, and the
    # third waits behind it (order kept).
    assert len(register.puts()) == 2
    assert (uitkomst.verzonden, uitkomst.opslagfouten) == (1, 1)
    assert uitkomst.fouten == []  # the register was reached: signals were fetched
    assert [v for v in register.verzoeken if v[0] == "GET"]
    eerste.refresh_from_db()
    assert eerste.verzonden_op is not None
    derde.refresh_from_db()
    assert (derde.verzonden_op, derde.pogingen) == (None, 0)
    tweede.refresh_from_db()
    assert tweede.verzonden_op is None
    assert tweede.pogingen == 1
    assert tweede.laatste_fout == "Verzonden, maar vastleggen mislukt (OperationalError)"
    assert tweede.volgende_poging_op > timezone.now()
    gemeld = audit_rows(Event.RADAR_BETROKKENHEID_GEMELD)
    assert [e.data["bericht"] for e in gemeld] == [eerste.pk]
    assert "1 bericht(en) verzonden maar niet vastgelegd" in RadarStand.objects.get().laatste_fout

    # Once saving works again it goes with the same key (the register answers as before).
    opslag_faalt.clear()
    uitkomst = services.radar_sync(instelling=radar_aan, client=register, negeer_wachttijd=True)

    assert (uitkomst.verzonden, uitkomst.opslagfouten, uitkomst.wachtend) == (2, 0, 0)
    assert register.puts()[-2][3] == tweede.idempotentiesleutel.hex
    tweede.refresh_from_db()
    assert (tweede.verzonden_op is not None, tweede.pogingen) == (True, 2)
    assert len(audit_rows(Event.RADAR_BETROKKENHEID_GEMELD)) == 3
    assert RadarStand.objects.get().laatste_fout == ""


def test_failed_audit_of_a_sent_message_is_a_failed_save_too(
    radar_aan, register, audit_rows, monkeypatch
):
    for bsn in BSNS[:2]:
        BetrokkeneFactory(persoon=_persoon(bsn))
    services.radar_scan(instelling=radar_aan)
    eerste, tweede = RadarUitgaand.objects.order_by("pk")
    echt = services.audit_event_record

    def audit(**kwargs):
        if kwargs.get("data", {}).get("bericht") == eerste.pk:
            raise ValueError("weigering van de auditbewaking")
        return echt(**kwargs)

    monkeypatch.setattr(services, "audit_event_record", audit)

    uitkomst = services.radar_sync(instelling=radar_aan, client=register)

    assert (uitkomst.verzonden, uitkomst.opslagfouten) == (0, 1)
    eerste.refresh_from_db()  # its save was rolled back with the audit event
    assert (eerste.verzonden_op, eerste.pogingen) == (None, 1)
    tweede.refresh_from_db()
    assert tweede.verzonden_op is None  # waits behind the first


def test_command_reports_the_failed_saves(radar_aan, monkeypatch):
    uitkomst = services.SyncUitkomst(verzonden=4, opslagfouten=2)
    monkeypatch.setattr(services, "radar_sync", lambda **_: uitkomst)
    uit, fout = StringIO(), StringIO()

    with pytest.raises(CommandError, match="Niet alles vastgelegd"):
        call_command("radar", "sync", stdout=uit, stderr=fout)

    assert "verzonden=4" in uit.getvalue()
    assert "niet_vastgelegd=2" in uit.getvalue()
    assert "2 bericht(en) verzonden maar niet vastgelegd" in fout.getvalue()
