"""The code lists as typed reference data (a copy of the shared code lists)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from zicht.intake.domain.codelijsten import Codelijst, lees_codelijsten


def _tekst() -> str:
    return resources.files("zicht.intake").joinpath("data/codelijsten.json").read_text("utf-8")


def test_the_shipped_lists_read():
    lijsten = lees_codelijsten(_tekst())
    assert lijsten.versie == "informatieprotocol-2015"
    assert lijsten.lijsten[Codelijst.HOEDANIGHEID_BEROEPSMATIG]["14"] == "medewerker Veilig Thuis"
    assert lijsten.lijsten[Codelijst.AARD]["08"] == "getuige van geweld in gezin"
    assert len(lijsten.lijsten[Codelijst.AANLEIDING]) == 9


def test_malformed_lists_are_refused():
    data = json.loads(_tekst())
    with pytest.raises(ValueError, match="versie"):
        lees_codelijsten(json.dumps({}))
    with pytest.raises(ValueError, match="aard"):
        lees_codelijsten(json.dumps({**data, "aard": {}}))
    with pytest.raises(ValueError, match="ongeldige code"):
        lees_codelijsten(json.dumps({**data, "aard": {"x": "y"}}))
