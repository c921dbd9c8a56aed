"""The fast paths of :meth:`Formaat.regel` and :func:`datum` give exactly what the reference
does: every field laid out by :meth:`Veld.opmaken` (and the same error when a value does not
fit), dates by ``strftime``."""

from __future__ import annotations

from datetime import date

import pytest

from zicht.reporting.domain.cbs_formaat import ZICHT_V1, FormaatFout, Veld, datum


def _referentie(code: str, waarden: dict[str, object]) -> str:
    soort = ZICHT_V1.soort(code)
    delen = [code] + [v.opmaken(waarden.get(v.naam)) for v in soort.velden]
    return "".join(delen).ljust(ZICHT_V1.regellengte)


def _kandidaten(veld: Veld) -> list[object]:
    n = veld.lengte
    return [
        None,
        "",
        0,
        5,
        10**n - 1,
        10**n,  # one digit too many
        -1,
        1.5,
        "5",
        "0" * n,
        "9" * n,
        "9" * (n + 1),
        "²",  # a digit to str.isdigit, not ASCII
        "x",
        "J",
        "é",
        "a b",
        "ab" * n,
        "\t",
        "GM0405",
    ]


def _uitkomst(functie, *args):
    try:
        return functie(*args)
    except FormaatFout as fout:
        return ("FormaatFout", str(fout))


@pytest.mark.parametrize("soort", ZICHT_V1.recordsoorten, ids=lambda s: s.code)
def test_line_is_the_reference_layout_for_every_kind_of_value(soort):
    for veld in soort.velden:
        for waarde in _kandidaten(veld):
            waarden = {veld.naam: waarde}
            assert _uitkomst(ZICHT_V1.regel, soort.code, waarden) == _uitkomst(
                _referentie, soort.code, waarden
            ), (soort.code, veld.naam, waarde)


def test_full_records_are_the_reference_layout():
    records = [
        (
            "M",
            {
                "melding_id": 123,
                "casus_id": "456",
                "datum": "20250102",
                "datum_besluit": "20250107",
                "soort_melding": "1",
                "hoedanigheid": "07",
                "aanleiding1": "01",
                "aard1": "03",
                "aard2": "11",
                "vervolg": "",
                "acuut": "N",
                "op_tijd": "J",
                "gemeente": "GM0405",
            },
        ),
        ("P", {"melding_id": 1, "rol": "K", "bsn": "999999999", "geboortedatum": "20190300"}),
        ("T", {"adviezen": 2, "meldingen": 3, "totaal": 12}),
    ]
    for code, waarden in records:
        assert ZICHT_V1.regel(code, waarden) == _referentie(code, waarden)


def test_unknown_field_is_still_refused():
    with pytest.raises(FormaatFout, match="Onbekende velden"):
        ZICHT_V1.regel("U", {"dienst_id": 1, "kleur": "rood"})


@pytest.mark.parametrize(
    "d", [date(2025, 1, 5), date(2024, 12, 31), date(1000, 1, 1), date(999, 12, 31), date(1, 1, 1)]
)
def test_date_is_strftime(d):
    assert datum(d) == f"{d:%Y%m%d}"


def test_no_date_is_empty():
    assert datum(None) == ""
