"""A client retries a POST while the first is still running: on PostgreSQL the requests run in
parallel, and still exactly one melding exists and every answer is the same first result."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection, connections

from zicht.api.tests.conftest import ApiTestClient, melding_body
from zicht.casework.models import Casus
from zicht.intake.models import Melding

PARALLEL = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_retries_with_one_idempotency_key_give_one_melding(
    referentiedata, api_client_maken, vb_team, nu
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Gelijktijdige verzoeken testen we op PostgreSQL; SQLite laat maar één schrijver "
            "tegelijk toe (BEGIN IMMEDIATE). Zet DATABASE_URL=postgres://…"
        )
    _, api = api_client_maken(teams=[vb_team])
    token = api.defaults["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    start = threading.Barrier(PARALLEL)
    antwoorden: list[tuple[int, dict[str, object]]] = []
    fouten: list[BaseException] = []

    def verstuur() -> None:
        try:
            client = ApiTestClient(token)
            start.wait()
            response = client.post(
                "/api/v1/meldingen/",
                json.dumps(melding_body()),
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY="een-sleutel",
            )
            antwoorden.append((response.status_code, response.json()))
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
    assert {status for status, _ in antwoorden} == {201}
    assert len({body["id"] for _, body in antwoorden}) == 1
    assert Melding.objects.count() == 1
    assert Casus.objects.count() == 1
