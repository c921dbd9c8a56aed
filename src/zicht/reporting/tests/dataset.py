"""The hand-built organisation of the reporting tests. Every expected figure in the tests is
worked out from the comments below, not computed by the code under test.

H1 2019 (1 January – 30 June):
  adviezen received: a1 (10-01), a2 (30-06)                                  → 2 A-records
  meldingen decided (VB besluit confirmed): m1 (06-02, on time), m2 (12-03, late),
      m5 (03-05, on time)                                                    → 3 M-records
      (m3 is decided on 02-07 → H2; m4 is still open; m6 was decided in 2018)
  persons of those meldingen: m1 three (valid BSN, no BSN, unborn), m2 one, m5 one (BSN
      failing the 11-test, unknown birth date)                               → 5 P-records
  onderzoeken closed: d1 (20-04; deadline 17-04 extended to 24-04 → on time, two outcomes),
      d3 (10-01, on time, no outcome → finding)                              → 2 O, 2 U
  V&V closed: d2 (10-06, deadline 21-05 → late)                              → 1 W
  VB on time 2 of 3; onderzoek on time 2 of 2; V&V 0 of 1.
Findings: m5 has no aard (fout aard_ontbreekt) and no gemeente (waarschuwing); its person has
  an invalid BSN (fout bsn_ongeldig) and no birth date (waarschuwing); d3 has no outcome (fout).

Gemeenten in 2019 (meldingen received):
  Hoorn GM0405: m1, m3, m4 (melder politie 01, aard 01; m1 also aard 08) + six from a
      huisarts (02, aard 01) in September → 9 meldingen; politie 3, huisarts 6
  Dijk en Waard GM1980: m2 (Heerhugowaard GM0398, familielid 33, aard 03) + five in
      Langedijk GM0416 (huisarts 02, aard 03) → 6 meldingen; familielid 1, huisarts 5
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

GELDIG_BSN = "111222333"  # passes the 11-test


@dataclass
class Dataset:
    m: dict[str, Any]
    d: dict[str, Any]
    a: dict[str, Any]


def bouw_dataset(bouw: Any) -> Dataset:
    a = {
        "a1": bouw.advies(date(2019, 1, 10), aarden=("01", "03")),
        "a2": bouw.advies(date(2019, 6, 30)),
        "a3": bouw.advies(date(2019, 7, 1)),
        "a4": bouw.advies(date(2018, 12, 31)),
    }
    hoorn = bouw.casus("GM0405")
    hhw = bouw.casus("GM0398")
    zonder = bouw.casus(None)
    m = {
        "m1": bouw.melding(
            hoorn,
            date(2019, 2, 1),
            aarden=("01", "08"),
            besloten=date(2019, 2, 6),
            besluit="onderzoek",
            personen=(
                {"rol": "slachtoffer", "bsn": GELDIG_BSN, "jaar": 1985, "maand": 3, "dag": 9},
                {
                    "rol": "pleger",
                    "bsn": "",
                    "jaar": 1980,
                    "maand": 7,
                    "dag": None,
                    "geslacht": "M",
                },
                {"rol": "kind", "ongeboren": True, "geslacht": "O"},
            ),
        ),
        "m2": bouw.melding(
            hhw,
            date(2019, 3, 1),
            hoedanigheid="33",
            aarden=("03",),
            besloten=date(2019, 3, 12),
            op_tijd=False,
            besluit="voorwaarden_en_vervolg",
        ),
        "m3": bouw.melding(
            hoorn, date(2019, 6, 25), besloten=date(2019, 7, 2), besluit="einde_bemoeienis"
        ),
        "m4": bouw.melding(hoorn, date(2019, 4, 1)),
        "m5": bouw.melding(
            zonder,
            date(2019, 5, 1),
            aarden=(),
            besloten=date(2019, 5, 3),
            besluit="overdracht_na_vb",
            personen=({"rol": "slachtoffer", "bsn": "123456789", "onbekend": True},),
        ),
        "m6": bouw.melding(
            hoorn, date(2018, 11, 1), besloten=date(2018, 11, 5), besluit="onderzoek"
        ),
    }
    for dag in range(2, 8):
        bouw.melding(bouw.casus("GM0405"), date(2019, 9, dag), hoedanigheid="02")
    for dag in range(2, 7):
        bouw.melding(bouw.casus("GM0416"), date(2019, 10, dag), hoedanigheid="02", aarden=("03",))
    d = {
        "d1": bouw.dienst(
            m["m1"],
            "onderzoek",
            start=date(2019, 2, 6),
            deadline=date(2019, 4, 17),
            taak_deadline=date(2019, 4, 24),
            einde=date(2019, 4, 20),
            conclusies=(("01", "bevestigd", "03"), ("08", "weerlegd", "01")),
        ),
        "d2": bouw.dienst(
            m["m2"],
            "voorwaarden_en_vervolg",
            start=date(2019, 3, 12),
            deadline=date(2019, 5, 21),
            einde=date(2019, 6, 10),
        ),
        "d3": bouw.dienst(
            m["m6"],
            "onderzoek",
            start=date(2018, 11, 5),
            deadline=date(2019, 1, 14),
            einde=date(2019, 1, 10),
        ),
    }
    return Dataset(m=m, d=d, a=a)
