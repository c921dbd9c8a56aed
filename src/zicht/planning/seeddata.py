"""Loading the reference data shipped in ``planning/data/``: the 2019 parameter set of Veilig
Thuis Noord-Holland Noord and its risk register.

The data migrations call these with the historical models (``apps.get_model``); tests whose
database was flushed (transactional and browser tests) call them with the real models. Both
functions are idempotent. If these models change shape, freeze a copy of the function into the
migration that uses it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from zicht.planning.domain.begrippen import Scenario
from zicht.planning.domain.brondocument import parameters_uit_document

DATA = Path(__file__).resolve().parent / "data"
BEGROTING_2019 = DATA / "begroting-2019-nhn.json"
RISICOS_2019 = DATA / "risicos-2019-nhn.json"
ORGANISATIE_NHN = "Veilig Thuis Noord-Holland Noord"
#: The 2019 set is in force from the start of the budget year.
GELDIG_VANAF_2019 = datetime(2018, 12, 31, 23, 0, tzinfo=UTC)  # 1 January 2019, 00:00 in NL
TOELICHTING_2019 = (
    "Geladen uit de Programmabegroting 2019 Veilig Thuis Noord-Holland Noord "
    "(planning/data/begroting-2019-nhn.json). Plan: scenario midden."
)


def begrotingsdocument() -> dict[str, Any]:
    with BEGROTING_2019.open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle, parse_float=Decimal)
    return document


def parameterset_2019_laden(parameterset_model: Any, parameter_model: Any) -> Any:
    """Version 1 of the 2019 set of NHN, unless it exists; returns the set."""
    document = begrotingsdocument()
    bestaand = parameterset_model.objects.filter(
        organisatie=ORGANISATIE_NHN, jaar=document["jaar"], versie=1
    ).first()
    if bestaand is not None:
        return bestaand
    parameterset = parameterset_model.objects.create(
        organisatie=ORGANISATIE_NHN,
        jaar=document["jaar"],
        versie=1,
        planscenario=Scenario.MIDDEN.value,
        geldig_vanaf=GELDIG_VANAF_2019,
        toelichting=TOELICHTING_2019,
    )
    parameter_model.objects.bulk_create(
        parameter_model(
            parameterset=parameterset,
            sleutel=rij.sleutel,
            waarde=rij.waarde,
            status=rij.status.value,
            bron=rij.bron,
        )
        for rij in parameters_uit_document(document)
    )
    return parameterset


def parameterset_2019_verwijderen(parameterset_model: Any) -> None:
    """Reverses :func:`parameterset_2019_laden` (every version of 2019 for NHN)."""
    parameterset_model.objects.filter(organisatie=ORGANISATIE_NHN, jaar=2019).delete()


def risicoregister_laden(risico_model: Any) -> int:
    """The risks of the 2019 budget for NHN that are not there yet; returns how many it added."""
    with RISICOS_2019.open(encoding="utf-8") as handle:
        document = json.load(handle)
    bestaand = set(
        risico_model.objects.filter(organisatie=ORGANISATIE_NHN).values_list("nummer", flat=True)
    )
    nieuw = [
        risico_model(
            organisatie=ORGANISATIE_NHN,
            nummer=item["nummer"],
            omschrijving=item["omschrijving"],
            maatregelen=item["maatregelen"],
            signaal=item["signaal"],
            eigenaar=document["eigenaar"],
            bron=document["bron"],
        )
        for item in document["risicos"]
        if item["nummer"] not in bestaand
    ]
    risico_model.objects.bulk_create(nieuw)
    return len(nieuw)


def risicoregister_verwijderen(risico_model: Any) -> None:
    with RISICOS_2019.open(encoding="utf-8") as handle:
        nummers = [item["nummer"] for item in json.load(handle)["risicos"]]
    risico_model.objects.filter(organisatie=ORGANISATIE_NHN, nummer__in=nummers).delete()
