"""The kinds of besluit after a Veiligheidsbeoordeling (DOMAIN §5) and the check whether the
triage contradicts the chosen besluit (warn, require a motivation of the deviation)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = ["BesluitSoort", "Triage", "tegenstrijdigheden"]


class BesluitSoort(StrEnum):
    EINDE_BEMOEIENIS = "einde_bemoeienis"
    OMZETTEN_IN_ADVIES = "omzetten_in_advies"
    OVERDRACHT_NA_VB = "overdracht_na_vb"
    VOORWAARDEN_EN_VERVOLG = "voorwaarden_en_vervolg"
    ONDERZOEK = "onderzoek"
    RVDK_VERZOEK = "rvdk_verzoek"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def sluit_casus(self) -> bool:
        """True when confirming this besluit ends VT's involvement (no dienst follows)."""
        return self in SLUITEN


LABELS: Final[dict[BesluitSoort, str]] = {
    BesluitSoort.EINDE_BEMOEIENIS: "einde bemoeienis",
    BesluitSoort.OMZETTEN_IN_ADVIES: "omzetten in advies",
    BesluitSoort.OVERDRACHT_NA_VB: "overdracht na veiligheidsbeoordeling",
    BesluitSoort.VOORWAARDEN_EN_VERVOLG: "Voorwaarden en Vervolg",
    BesluitSoort.ONDERZOEK: "Onderzoek",
    BesluitSoort.RVDK_VERZOEK: "verzoek tot onderzoek aan de Raad voor de Kinderbescherming",
}

SLUITEN: Final = frozenset({BesluitSoort.EINDE_BEMOEIENIS, BesluitSoort.OMZETTEN_IN_ADVIES})


@dataclass(frozen=True, slots=True)
class Triage:
    """What the triage instrument established (None: not answered)."""

    acuut: bool | None
    structureel: bool | None
    multiprobleem: bool | None
    taxatie: str = ""


def tegenstrijdigheden(triage: Triage, soort: BesluitSoort) -> list[str]:
    """Dutch warnings when the triage answers contradict ``soort`` (empty when they agree).

    Acute or structural unsafety, or a multi-problem household, does not fit a besluit that
    ends VT's involvement without anyone taking over."""
    if not soort.sluit_casus:
        return []
    warnings = []
    if triage.acuut:
        warnings.append(
            f"De triage wijst op acute onveiligheid, maar het besluit is ‘{soort.label}’."
        )
    if triage.structureel:
        warnings.append(
            f"De triage wijst op structurele onveiligheid, maar het besluit is ‘{soort.label}’."
        )
    if triage.multiprobleem:
        warnings.append(
            f"De triage wijst op een multi-problematische leefsituatie, maar het besluit is "
            f"‘{soort.label}’."
        )
    return warnings
