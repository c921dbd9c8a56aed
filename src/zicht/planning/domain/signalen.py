"""Signal rules for the risk register: plain values in, a traffic light out.

Each rule takes numbers, never querysets, so the dashboard of a later issue can feed it whatever
it measures. ``None`` for a measurement means "no data yet" and gives :attr:`Niveau.GEEN_DATA`
(grey), never green: the absence of registration is not good news.

=====================  ==========================================  ===========================
rule                   orange                                      red
=====================  ==========================================  ===========================
instroom               year-to-date inflow above plan × (1+marge)   above scenario hoog
wachtlijst             above half the threshold                    above the threshold
caseload               above the norm                              above the norm + 20%
termijnen              on-time share below the norm                below the norm − 10 points
=====================  ==========================================  ===========================

Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "Niveau",
    "Signaal",
    "SignaalCode",
    "signaal_caseload",
    "signaal_instroom",
    "signaal_termijnen",
    "signaal_wachtlijst",
]

CASELOAD_ROOD_FACTOR = Decimal("1.2")
TERMIJN_ROOD_MARGE = Decimal("0.10")


class Niveau(StrEnum):
    GEEN_DATA = "geen_data"
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"

    @property
    def label(self) -> str:
        return {
            "geen_data": "nog geen gegevens",
            "groen": "groen",
            "oranje": "oranje",
            "rood": "rood",
        }[self.value]


class SignaalCode(StrEnum):
    INSTROOM = "instroom"
    WACHTLIJST = "wachtlijst"
    CASELOAD = "caseload"
    TERMIJNEN = "termijnen"

    @property
    def label(self) -> str:
        return {
            "instroom": "Instroom boven het gekozen scenario",
            "wachtlijst": "Wachtlijst boven de drempel",
            "caseload": "Caseload boven de norm",
            "termijnen": "Termijnen lopen uit",
        }[self.value]


@dataclass(frozen=True)
class Signaal:
    code: SignaalCode
    niveau: Niveau
    toelichting: str


def _pct(waarde: Decimal) -> str:
    return f"{(waarde * 100).quantize(Decimal('0.1'))}%".replace(".", ",")


def signaal_instroom(
    *,
    gerealiseerd: int | None,
    plan: Decimal,
    plan_hoog: Decimal,
    marge: Decimal,
) -> Signaal:
    """Inflow so far against the plan's scenario prorated to the same date, and against the
    high scenario (risks 1 and 10 of the register)."""
    code = SignaalCode.INSTROOM
    if gerealiseerd is None or plan <= 0:
        return Signaal(code, Niveau.GEEN_DATA, "Nog geen geregistreerde instroom in deze periode.")
    verhouding = Decimal(gerealiseerd) / plan
    tekst = f"{gerealiseerd} gerealiseerd tegen {plan:.0f} gepland ({_pct(verhouding)} van plan)."
    if gerealiseerd > plan_hoog:
        return Signaal(code, Niveau.ROOD, f"{tekst} Boven scenario hoog ({plan_hoog:.0f}).")
    if gerealiseerd > plan * (1 + marge):
        return Signaal(code, Niveau.ORANJE, f"{tekst} Meer dan {_pct(marge)} boven plan.")
    return Signaal(code, Niveau.GROEN, tekst)


def signaal_wachtlijst(*, wachtlijst: int | None, drempel: int) -> Signaal:
    """The waiting list (DOMAIN §4 definition) against the threshold (risks 8 and 9)."""
    code = SignaalCode.WACHTLIJST
    if wachtlijst is None:
        return Signaal(code, Niveau.GEEN_DATA, "Nog geen wachtlijstgegevens.")
    tekst = f"Wachtlijst {wachtlijst}, drempel {drempel}."
    if wachtlijst > drempel:
        return Signaal(code, Niveau.ROOD, tekst)
    if wachtlijst * 2 > drempel:
        return Signaal(code, Niveau.ORANJE, tekst)
    return Signaal(code, Niveau.GROEN, tekst)


def signaal_caseload(*, caseload_per_fte: Decimal | None, norm: int) -> Signaal:
    """Open cases per fte in execution against the caseload norm (risk 2: workload, sickness)."""
    code = SignaalCode.CASELOAD
    if caseload_per_fte is None:
        return Signaal(code, Niveau.GEEN_DATA, "Nog geen caseloadgegevens.")
    tekst = f"{caseload_per_fte:.1f} casussen per fte, norm {norm}.".replace(".", ",", 1)
    if caseload_per_fte > norm * CASELOAD_ROOD_FACTOR:
        return Signaal(code, Niveau.ROOD, tekst)
    if caseload_per_fte > norm:
        return Signaal(code, Niveau.ORANJE, tekst)
    return Signaal(code, Niveau.GROEN, tekst)


def signaal_termijnen(*, aandeel_tijdig: Decimal | None, norm: Decimal) -> Signaal:
    """The share decided or finished on time against the sector norm (terms slipping)."""
    code = SignaalCode.TERMIJNEN
    if aandeel_tijdig is None:
        return Signaal(code, Niveau.GEEN_DATA, "Nog geen termijngegevens.")
    tekst = f"{_pct(aandeel_tijdig)} op tijd, norm {_pct(norm)}."
    if aandeel_tijdig < norm - TERMIJN_ROOD_MARGE:
        return Signaal(code, Niveau.ROOD, tekst)
    if aandeel_tijdig < norm:
        return Signaal(code, Niveau.ORANJE, tekst)
    return Signaal(code, Niveau.GROEN, tekst)
