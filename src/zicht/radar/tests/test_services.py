"""The radar client in Zicht: scanner → outbox → register, and signals back into the worklist.

The register's HTTP answers come from a stand-in (``NepRegister``); everything else is real.
The real register across processes is in ``test_crossprocess.py``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.casework.models import Betrokkene, CasusStatus
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, PersoonFactory
from zicht.radar import services
from zicht.radar.domain.pseudoniem import Kenmerken, pseudoniemen
from zicht.radar.models import RadarBetrokkenheid, RadarSignaal, RadarStand, RadarUitgaand

pytestmark = pytest.mark.django_db


def _sync(instelling, register, **kwargs):
    return services.radar_sync(instelling=instelling, client=register, **kwargs)


def _sanne(**extra):
    velden = {
        "bsn": "111222333",
        "voornamen": "Sanne",
        "tussenvoegsel": "de",
        "achternaam": "Vries",
        "geboortedatum_jaar": 2015,
        "geboortedatum_maand": 4,
        "geboortedatum_dag": 3,
    }
    return PersoonFactory(**(velden | extra))


def test_radar_uit_doet_niets(settings):
    settings.ZICHT_RADAR = ""
    BetrokkeneFactory()
    uitkomst = services.radar_sync()
    assert not uitkomst.actief
    assert RadarBetrokkenheid.objects.count() == 0


def test_nieuwe_betrokkenen_worden_gemeld(radar_aan, register, team, audit_rows):
    casus = CasusFactory(team=team, geopend_op=datetime(2026, 3, 2, 9, tzinfo=UTC))
    sanne = _sanne()
    BetrokkeneFactory(casus=casus, persoon=sanne, rol="kind")
    BetrokkeneFactory(casus=casus, persoon=sanne, rol="getuige")  # second role: one involvement
    onbekend = PersoonFactory(bsn="", geboortedatum_dag=None, geboortedatum_maand=None)
    BetrokkeneFactory(casus=casus, persoon=onbekend)

    uitkomst = _sync(radar_aan, register)

    assert (uitkomst.nieuw, uitkomst.verzonden, uitkomst.wachtend) == (2, 1, 0)
    verwacht = pseudoniemen(
        radar_aan.pseudoniemsleutel,
        Kenmerken("111222333", "Sanne", "de", "Vries", date(2015, 4, 3)),
    )
    [(_, pad, inhoud, sleutel)] = register.puts()
    b = RadarBetrokkenheid.objects.get(persoon=sanne)
    assert pad == f"/v1/betrokkenheden/{b.referentie}"
    assert inhoud == {"pseudoniemen": list(verwacht.alle), "van": "2026-03-02", "tot": None}
    assert sleutel == RadarUitgaand.objects.get().idempotentiesleutel.hex
    # The person without BSN and full birth date is kept, without pseudonym, and not sent.
    zonder = RadarBetrokkenheid.objects.get(persoon=onbekend)
    assert zonder.pseudoniemen == []
    [event] = audit_rows(Event.RADAR_BETROKKENHEID_GEMELD)
    assert event.target_id == str(casus.pk)
    assert "111222333" not in str(event.data)

    # A second sync sends nothing new.
    assert _sync(radar_aan, register).verzonden == 0
    assert len(register.puts()) == 1


def test_sluiten_geeft_de_betrokkenheid_een_einddatum(radar_aan, register, team, audit_rows):
    casus = CasusFactory(team=team)
    BetrokkeneFactory(casus=casus, persoon=_sanne())
    _sync(radar_aan, register)
    casus.status = CasusStatus.GESLOTEN
    casus.gesloten_op = datetime(2026, 5, 1, 12, tzinfo=UTC)
    casus.save()

    uitkomst = _sync(radar_aan, register)

    assert (uitkomst.beeindigd, uitkomst.verzonden) == (1, 1)
    assert register.puts()[-1][2]["tot"] == "2026-05-01"
    assert RadarBetrokkenheid.objects.get().tot == date(2026, 5, 1)
    assert len(audit_rows(Event.RADAR_BETROKKENHEID_BEEINDIGD)) == 1
    assert _sync(radar_aan, register).verzonden == 0


def test_al_gesloten_casus_wordt_met_einddatum_gemeld(radar_aan, register):
    casus = CasusFactory(gesloten=True)
    BetrokkeneFactory(casus=casus, persoon=_sanne())
    _sync(radar_aan, register)
    [put] = register.puts()
    assert put[2]["tot"] == timezone.localdate(casus.gesloten_op).isoformat()


def test_uitval_laat_berichten_wachten_met_dezelfde_sleutel(radar_aan, register):
    BetrokkeneFactory(persoon=_sanne())
    register.onbereikbaar = True

    uitkomst = _sync(radar_aan, register)

    assert uitkomst.fouten
    assert uitkomst.wachtend == 1
    bericht = RadarUitgaand.objects.get()
    assert bericht.pogingen == 1
    assert bericht.volgende_poging_op > timezone.now()
    assert "onbereikbaar" in RadarStand.objects.get().laatste_fout
    # Within the back-off the next run does not try again ...
    _sync(radar_aan, register)
    assert len(register.puts()) == 1
    # ... and when the register is back, the same message goes with the same key.
    register.onbereikbaar = False
    uitkomst = _sync(radar_aan, register, negeer_wachttijd=True)
    assert (uitkomst.verzonden, uitkomst.wachtend, uitkomst.fouten) == (1, 0, [])
    sleutels = {v[3] for v in register.puts()}
    assert sleutels == {bericht.idempotentiesleutel.hex}
    assert RadarStand.objects.get().laatste_fout == ""


def test_weigering_wordt_vastgelegd_en_houdt_de_rest_niet_op(radar_aan, register, audit_rows):
    BetrokkeneFactory(persoon=_sanne())
    register.weiger = True
    uitkomst = _sync(radar_aan, register)
    assert (uitkomst.geweigerd, uitkomst.wachtend) == (1, 0)
    assert RadarUitgaand.objects.get().geweigerd_op is not None
    assert len(audit_rows(Event.RADAR_VERZOEK_GEWEIGERD)) == 1
    register.weiger = False
    BetrokkeneFactory(persoon=_sanne(bsn="123456782"))
    assert _sync(radar_aan, register).verzonden == 1


def test_signaal_komt_bij_de_casus_en_maar_een_keer(radar_aan, register, team, audit_rows):
    casus = CasusFactory(team=team)
    BetrokkeneFactory(casus=casus, persoon=_sanne())
    _sync(radar_aan, register)
    b = RadarBetrokkenheid.objects.get()
    register.signalen = [
        {"id": 7, "pseudoniem": b.pseudoniem_ngd, "organisatie": "vt-zuid",
         "naam": "Veilig Thuis Zuid", "contact": "0800-2000"},
    ]  # fmt: skip
    assert _sync(radar_aan, register).signalen == 1
    assert _sync(radar_aan, register).signalen == 0
    signaal = RadarSignaal.objects.get()
    assert (signaal.casus, signaal.betrokkenheid, signaal.organisatie_naam) == (
        casus,
        b,
        "Veilig Thuis Zuid",
    )
    assert RadarStand.objects.get().signaal_cursor == 7
    [event] = audit_rows(Event.RADAR_OVEREENKOMST_ONTVANGEN)
    assert event.target_id == str(casus.pk)


def test_scan_leest_het_laatste_uur_opnieuw_en_volledig_vindt_alles(radar_aan, register):
    oud = BetrokkeneFactory(persoon=_sanne())
    Betrokkene.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(hours=2))
    nieuw = BetrokkeneFactory(persoon=_sanne(bsn="123456782"))
    _sync(radar_aan, register)
    # The cursor passes the old row only: the new one (its id may have been handed out before
    # an older transaction committed) is read again next time.
    assert RadarStand.objects.get().betrokkene_cursor == oud.pk
    assert nieuw.pk > oud.pk
    # Something below the cursor that was never registered is found by the full comparison.
    RadarStand.objects.update(betrokkene_cursor=10**9)
    gemist = BetrokkeneFactory(persoon=_sanne(bsn="100000009"))
    assert _sync(radar_aan, register).nieuw == 0
    assert _sync(radar_aan, register, volledig=True).nieuw == 1
    assert RadarBetrokkenheid.objects.filter(persoon=gemist.persoon).exists()


def test_taak_synchroniseert(settings):
    from zicht.radar.tasks import radar_synchroniseren

    settings.ZICHT_RADAR = ""
    BetrokkeneFactory()
    resultaat = radar_synchroniseren.enqueue()
    assert resultaat.return_value == {"verzonden": 0, "wachtend": 0, "signalen": 0}


def test_later_gevonden_bsn_wordt_nagestuurd(radar_aan, register):
    persoon = _sanne(bsn="", geboortedatum_dag=None)  # no BSN, birth date incomplete
    BetrokkeneFactory(persoon=persoon)
    _sync(radar_aan, register)
    assert register.puts() == []
    assert RadarBetrokkenheid.objects.get().pseudoniemen == []
    # The BSN is found after intake.
    persoon.bsn = "111222333"
    persoon.save()
    uitkomst = _sync(radar_aan, register)
    assert uitkomst.verzonden == 1
    b = RadarBetrokkenheid.objects.get()
    verwacht = pseudoniemen(radar_aan.pseudoniemsleutel, Kenmerken(bsn="111222333"))
    assert register.puts()[-1][2]["pseudoniemen"] == [verwacht.bsn]
    assert b.pseudoniem_bsn == verwacht.bsn
    # Nothing changes: nothing is sent again.
    assert _sync(radar_aan, register).verzonden == 0


def test_aanvullen_gaat_in_blokken_en_de_volgende_ronde_gaat_verder(
    radar_aan, register, monkeypatch
):
    # Given five open involvements whose persons had no pseudonym yet ...
    personen = [_sanne(bsn="", geboortedatum_dag=None) for _ in range(5)]
    for persoon in personen:
        BetrokkeneFactory(persoon=persoon)
    _sync(radar_aan, register)
    assert register.puts() == []
    # ... and whose BSNs are found later, while a run may handle only two at a time.
    monkeypatch.setattr(services, "AANVUL_BLOK", 2)
    for persoon, bsn in zip(personen, ["111222333", "123456782", "100000009", "100000010",
                                       "100000022"], strict=True):  # fmt: skip
        persoon.bsn = bsn
        persoon.save()
    ids = list(RadarBetrokkenheid.objects.order_by("pk").values_list("pk", flat=True))

    # The first run completes the first two and remembers where it stopped.
    _sync(radar_aan, register)
    stand = RadarStand.objects.get()
    assert stand.aanvul_cursor == ids[1]
    aangevuld = set(
        RadarBetrokkenheid.objects.exclude(pseudoniem_bsn="").values_list("pk", flat=True)
    )
    assert aangevuld == set(ids[:2])
    begonnen = stand.aanvul_begonnen_op
    sinds = stand.personen_sinds

    # The second run goes on after it (the window of the pass stays the same) ...
    _sync(radar_aan, register)
    stand = RadarStand.objects.get()
    assert stand.aanvul_cursor == ids[3]
    assert (stand.aanvul_begonnen_op, stand.personen_sinds) == (begonnen, sinds)
    # ... and the third finishes the pass: the window moves to when the pass began.
    _sync(radar_aan, register)
    stand = RadarStand.objects.get()
    assert (stand.aanvul_cursor, stand.aanvul_begonnen_op) == (0, None)
    assert stand.personen_sinds == begonnen
    assert not RadarBetrokkenheid.objects.filter(pseudoniem_bsn="").exists()
    assert len(register.puts()) == 5
    # Every involvement was sent once.
    assert len({v[1] for v in register.puts()}) == 5


def test_signaal_zonder_eigen_betrokkenheid_wordt_niet_bewaard(radar_aan, register, audit_rows):
    # A signal about a pseudonym none of our involvements holds (its casus was destroyed, or
    # it was registered under an old key): nobody here can act on it.
    register.signalen = [
        {"id": 3, "pseudoniem": "e" * 64, "organisatie": "vt-zuid", "naam": "Veilig Thuis Zuid",
         "contact": "0800-2000"},
    ]  # fmt: skip
    uitkomst = _sync(radar_aan, register)
    assert (uitkomst.signalen, uitkomst.zonder_betrokkenheid) == (0, 1)
    assert not RadarSignaal.objects.exists()
    stand = RadarStand.objects.get()
    assert (stand.signaal_cursor, stand.signalen_zonder_betrokkenheid) == (3, 1)
    assert audit_rows(Event.RADAR_OVEREENKOMST_ONTVANGEN) == []
    # Counted for operations, once.
    assert _sync(radar_aan, register).zonder_betrokkenheid == 0
    from zicht.radar.selectors import radar_stand

    assert radar_stand()["signalen_zonder_betrokkenheid"] == 1
