"""Two people confirm the same besluit at the same moment: on PostgreSQL both run in
parallel; exactly one wins, the other is told who was first, and one dienst exists."""

from __future__ import annotations

import threading
import uuid
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection, connections

from zicht.accounts.services import ConcurrentEditError
from zicht.assessment import services
from zicht.assessment.models import Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import DESKUNDIGE, NU, STRUCTUREEL
from zicht.diensten.models import Dienst
from zicht.diensten.services import besluit_bevestigen
from zicht.intake.services import melding_register
from zicht.intake.tests.test_services_melding import invoer


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_one_wins(referentiedata, make_user, medewerker, vb_team):
    if connection.vendor != "postgresql":
        pytest.skip("Gelijktijdig bevestigen testen we op PostgreSQL (DATABASE_URL=postgres://…).")

    from zicht.assessment.migrations import __name__ as _  # noqa: F401

    if not apps.get_model("assessment.Instrument").objects.exists():
        import_module("zicht.assessment.migrations.0002_laad_triage_instrument_versie_1").load(
            apps, None
        )
    melding = melding_register(
        actor=medewerker, invoer=invoer(formulier_token=uuid.uuid4()), nu=NU
    ).object
    voorsteller = make_user("v", perms=DESKUNDIGE, teams=[vb_team])
    bevestigers = [make_user(f"b{i}", perms=DESKUNDIGE, teams=[vb_team]) for i in range(2)]
    besluit = services.besluit_voorstellen(
        actor=voorsteller,
        melding=melding,
        soort="onderzoek",
        motivering="Vermoeden moet worden onderzocht.",
        antwoorden=STRUCTUREEL,
        nu=NU,
    )
    versie = Veiligheidsbeoordeling.objects.get().version
    start = threading.Barrier(2)
    gelukt: list[object] = []
    fouten: list[BaseException] = []

    def bevestig(user) -> None:
        try:
            start.wait()
            gelukt.append(
                besluit_bevestigen(actor=user, besluit=besluit, expected_version=versie, nu=NU)
            )
        except BaseException as fout:  # reported by the main thread
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=bevestig, args=(u,)) for u in bevestigers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(gelukt) == 1
    assert len(fouten) == 1
    assert isinstance(fouten[0], ConcurrentEditError)
    assert "het besluit bevestigd" in str(fouten[0])
    assert Dienst.objects.count() == 1
