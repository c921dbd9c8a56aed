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

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "Niveau",
    "Signaal",
    "SignaalCode",
    "signaal_caseload",
    "signaal_caseload_medewerkers",
    "signaal_instroom",
    "signaal_termijnen",
    "signaal_termijnen_samen",
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

    @property
    def licht_op(self) -> bool:
        """Orange or red: the risk this signal watches needs attention."""
        return self in (Niveau.ORANJE, Niveau.ROOD)


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

    @property
    def licht_op(self) -> bool:
        return self.niveau.licht_op


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


def signaal_wachtlijst(
    *, wachtlijst: int | None, drempel: int, over_termijn: int | None = None
) -> Signaal:
    """The waiting list (DOMAIN §4 definition) against the threshold (risks 8 and 9).

    ``over_termijn``: how many waiting items are already past their term; any makes a green
    list orange (a short list that waits too long is still a risk)."""
    code = SignaalCode.WACHTLIJST
    if wachtlijst is None:
        return Signaal(code, Niveau.GEEN_DATA, "Nog geen wachtlijstgegevens.")
    tekst = f"Wachtlijst {wachtlijst}, drempel {drempel}."
    if over_termijn is not None:
        tekst += f" Over de termijn: {over_termijn}."
    if wachtlijst > drempel:
        return Signaal(code, Niveau.ROOD, tekst)
    if wachtlijst * 2 > drempel or (over_termijn or 0) > 0:
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


def signaal_caseload_medewerkers(*, caseloads: Sequence[int] | None, norm: int) -> Signaal:
    """Open diensten per medewerker who carries any (DOMAIN: caseload) against the norm
    (risk 2: workload, sickness). The mean decides like :func:`signaal_caseload`; one
    medewerker above the norm + 20% makes a green mean orange."""
    code = SignaalCode.CASELOAD
    if not caseloads:
        return Signaal(code, Niveau.GEEN_DATA, "Nog geen caseloadgegevens.")
    gemiddeld = Decimal(sum(caseloads)) / len(caseloads)
    rood_grens = norm * CASELOAD_ROOD_FACTOR
    boven = sum(1 for n in caseloads if n > norm)
    ver_boven = sum(1 for n in caseloads if n > rood_grens)
    tekst = (
        f"Gemiddeld {gemiddeld:.1f}".replace(".", ",")
        + f" open diensten per medewerker ({len(caseloads)} medewerkers), norm {norm};"
        + f" {boven} boven de norm, {ver_boven} meer dan 20% erboven."
    )
    if gemiddeld > rood_grens:
        return Signaal(code, Niveau.ROOD, tekst)
    if gemiddeld > norm or ver_boven:
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


_ERNST = [Niveau.GEEN_DATA, Niveau.GROEN, Niveau.ORANJE, Niveau.ROOD]


def signaal_termijnen_samen(
    *,
    vb_besloten: int,
    vb_op_tijd: int,
    norm_vb: Decimal,
    vervolg_afgerond: int,
    vervolg_op_tijd: int,
    norm_vervolg: Decimal,
) -> Signaal:
    """Terms slipping (risk 8): the share of VB decided within 5 working days against its
    norm, and the share of Onderzoek and V&V closed within 10 weeks against its norm; the
    worse of the two decides. A part with nothing decided/closed is grey and does not count."""
    delen = []
    for naam, totaal, op_tijd, norm in (
        ("Besluit binnen 5 werkdagen", vb_besloten, vb_op_tijd, norm_vb),
        ("Onderzoek en V&V binnen 10 weken", vervolg_afgerond, vervolg_op_tijd, norm_vervolg),
    ):
        aandeel = Decimal(op_tijd) / totaal if totaal > 0 else None
        deel = signaal_termijnen(aandeel_tijdig=aandeel, norm=norm)
        uitleg = f"{op_tijd} van {totaal}, {deel.toelichting}" if totaal > 0 else "geen gegevens."
        delen.append((deel.niveau, f"{naam}: {uitleg}"))
    niveau = max((n for n, _ in delen), key=_ERNST.index)
    return Signaal(SignaalCode.TERMIJNEN, niveau, " ".join(t for _, t in delen))
