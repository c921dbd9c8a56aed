"""A casus destroyed under the retention rules: privacy tells radar (``ZICHT_VERNIETIGING_HAKEN``,
inside the destruction transaction), radar queues a withdrawal, and the sync sends it as a
DELETE so the register forgets the involvement. The register's side is in
``test_crossprocess.py``."""

from __future__ import annotations

import pytest
from django.db import transaction

from zicht.audit.catalogue import Event
from zicht.casework.models import Casus
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, PersoonFactory
from zicht.privacy import destruction
from zicht.radar import services
from zicht.radar.models import RadarBetrokkenheid, RadarMethode, RadarSignaal, RadarUitgaand

pytestmark = pytest.mark.django_db


def _vernietig(casus: Casus) -> None:
    with transaction.atomic():
        destruction.plan_uitvoeren(destruction.plan_maken([casus.pk]))


def _persoon(bsn: str):
    return PersoonFactory(
        bsn=bsn,
        voornamen="Sanne",
        achternaam="Vries",
        geboortedatum_jaar=2015,
        geboortedatum_maand=4,
        geboortedatum_dag=3,
    )


def test_de_radar_haak_is_ingesteld():
    assert services.casussen_vernietigd in destruction.vernietiging_haken()


def test_vernietigen_zet_een_intrekking_klaar_en_de_sync_verstuurt_die(
    radar_aan, register, team, audit_rows
):
    # Given a casus whose person was registered (and got a signal), and one that stays.
    casus = CasusFactory(team=team)
    BetrokkeneFactory(casus=casus, persoon=_persoon("111222333"))
    zonder = PersoonFactory(bsn="", geboortedatum_dag=None)  # no pseudonym: nothing to forget
    BetrokkeneFactory(casus=casus, persoon=zonder)
    blijft = CasusFactory(team=team)
    BetrokkeneFactory(casus=blijft, persoon=_persoon("123456782"))
    services.radar_sync(instelling=radar_aan, client=register)
    b = RadarBetrokkenheid.objects.get(casus=casus, pseudoniem_bsn__gt="")
    referentie = b.referentie
    register.signalen = [
        {"id": 1, "pseudoniem": b.pseudoniem_bsn, "organisatie": "vt-zuid",
         "naam": "Veilig Thuis Zuid", "contact": "0800-2000"},
    ]  # fmt: skip
    services.radar_sync(instelling=radar_aan, client=register)
    assert RadarSignaal.objects.count() == 1
    casus_pk = casus.pk

    # When the casus is destroyed ...
    _vernietig(casus)

    # ... its radar rows are gone, and exactly one withdrawal waits in the outbox.
    assert not RadarBetrokkenheid.objects.filter(casus_id=casus_pk).exists()
    assert not RadarSignaal.objects.exists()
    [intrekking] = RadarUitgaand.objects.filter(verzonden_op__isnull=True)
    assert intrekking.methode == RadarMethode.INTREKKEN
    assert (intrekking.referentie, intrekking.casus_nummer) == (referentie, casus_pk)
    assert intrekking.betrokkenheid is None
    assert RadarBetrokkenheid.objects.filter(casus=blijft).exists()

    # The sync sends it as a DELETE with its own idempotency key, once, and audits it.
    uitkomst = services.radar_sync(instelling=radar_aan, client=register)
    assert (uitkomst.verzonden, uitkomst.wachtend, uitkomst.fouten) == (1, 0, [])
    [(_, pad, inhoud, sleutel)] = register.deletes()
    assert pad == f"/v1/betrokkenheden/{referentie}"
    assert inhoud is None
    assert sleutel == intrekking.idempotentiesleutel.hex
    [event] = audit_rows(Event.RADAR_BETROKKENHEID_INGETROKKEN)
    assert event.target_id == str(casus_pk)
    # The destroyed casus is not registered again, and nothing more is sent.
    uitkomst = services.radar_sync(instelling=radar_aan, client=register, volledig=True)
    assert (uitkomst.nieuw, uitkomst.verzonden) == (0, 0)
    assert len(register.deletes()) == 1


def test_intrekking_wacht_bij_uitval_en_gaat_later(radar_aan, register):
    casus = CasusFactory()
    BetrokkeneFactory(casus=casus, persoon=_persoon("111222333"))
    services.radar_sync(instelling=radar_aan, client=register)
    _vernietig(casus)
    register.onbereikbaar = True
    assert services.radar_sync(instelling=radar_aan, client=register).wachtend == 1
    register.onbereikbaar = False
    uitkomst = services.radar_sync(instelling=radar_aan, client=register, negeer_wachttijd=True)
    assert (uitkomst.verzonden, uitkomst.wachtend) == (1, 0)
    sleutels = {v[3] for v in register.deletes()}
    assert len(sleutels) == 1  # the retry used the same idempotency key


@pytest.mark.django_db(transaction=True)
def test_haak_buiten_een_transactie_weigert():
    with pytest.raises(RuntimeError, match="vernietigingstransactie"):
        services.casussen_vernietigd([1])


def test_vernietigen_zonder_radarbetrokkenheid_zet_niets_klaar(settings):
    settings.ZICHT_RADAR = ""
    casus = CasusFactory()
    BetrokkeneFactory(casus=casus)
    _vernietig(casus)
    assert not RadarUitgaand.objects.exists()
