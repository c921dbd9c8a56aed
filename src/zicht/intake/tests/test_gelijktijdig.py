"""A double click sends the same form twice at the same moment: on PostgreSQL both requests
run in parallel, and still exactly one melding (and one casus, one set of persons) remains."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from zicht.casework.models import Casus
from zicht.intake import services
from zicht.intake.models import Melding
from zicht.intake.tests.conftest import NU
from zicht.intake.tests.test_services_melding import invoer
from zicht.people.models import Persoon

PARALLEL = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_one_form_give_one_melding(referentiedata, medewerker):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Gelijktijdige verzoeken testen we op PostgreSQL; SQLite laat maar één schrijver "
            "tegelijk toe (BEGIN IMMEDIATE). Zet DATABASE_URL=postgres://…"
        )
    formulier = invoer(formulier_token=uuid.uuid4())
    start = threading.Barrier(PARALLEL)
    uitkomsten: list[services.Registratie] = []
    fouten: list[BaseException] = []

    def verstuur() -> None:
        try:
            start.wait()
            uitkomsten.append(services.melding_register(actor=medewerker, invoer=formulier, nu=NU))
        except BaseException as fout:  # reported by the main thread
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=verstuur) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fouten == []
    assert sum(u.nieuw for u in uitkomsten) == 1
    assert len({u.object.pk for u in uitkomsten}) == 1
    assert Melding.objects.count() == 1
    assert Casus.objects.count() == 1
    assert Persoon.objects.filter(voornamen="Anna").count() == 1
