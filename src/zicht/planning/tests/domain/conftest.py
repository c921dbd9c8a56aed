"""The 2019 parameters straight from the reference document, without a database."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from zicht.planning.domain.brondocument import parameters_uit_document
from zicht.planning.domain.parameters import Planparameters, planparameters_maken
from zicht.planning.seeddata import BEGROTING_2019


@pytest.fixture(scope="session")
def document() -> dict:
    with BEGROTING_2019.open(encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


@pytest.fixture(scope="session")
def waarden_2019(document) -> dict[str, Decimal]:
    return {rij.sleutel: rij.waarde for rij in parameters_uit_document(document)}


@pytest.fixture(scope="session")
def parameters_2019(waarden_2019) -> Planparameters:
    return planparameters_maken(waarden_2019)
