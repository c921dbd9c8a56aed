"""Rights of data subjects (DOMAIN §6): who may receive an inzage or copy, and the terms.
Pure, no Django.

- Under 12: no access (neither the child nor, through this route, anyone else for the child's
  own request: the legal representative asks in their own right for the child's data).
- 12 to 15: through the legal representative (the gezag recorded in the core).
- 16 and older: the person themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zicht.people.domain.dates import leeftijd

GEEN_TOEGANG_ONDER = 12
ZELF_VANAF = 16


class Verzoeker(StrEnum):
    BETROKKENE = "betrokkene"
    WETTELIJK_VERTEGENWOORDIGER = "vertegenwoordiger"


@dataclass(frozen=True)
class Oordeel:
    toegestaan: bool
    reden: str


def inzage_oordeel(
    *,
    geboren: date | None,
    op: date,
    verzoeker: Verzoeker,
    verzoeker_heeft_gezag: bool = False,
) -> Oordeel:
    """May the inzage for a person born ``geboren`` be given on ``op`` to ``verzoeker``?"""
    if geboren is None:
        if verzoeker is Verzoeker.BETROKKENE:
            return Oordeel(True, "Geboortedatum onbekend: inzage aan de betrokkene zelf.")
        return Oordeel(False, "Geboortedatum onbekend: vertegenwoordiging is niet vast te stellen.")
    jaren = leeftijd(geboren, op)
    if jaren < GEEN_TOEGANG_ONDER:
        return Oordeel(False, "Een kind onder de 12 jaar heeft geen recht op inzage.")
    if jaren < ZELF_VANAF:
        if verzoeker is not Verzoeker.WETTELIJK_VERTEGENWOORDIGER:
            return Oordeel(
                False, "Onder de 16 jaar gaat inzage via de wettelijk vertegenwoordiger."
            )
        if not verzoeker_heeft_gezag:
            return Oordeel(False, "De verzoeker heeft geen vastgelegd gezag over deze betrokkene.")
        return Oordeel(True, "Inzage via de wettelijk vertegenwoordiger (gezag vastgelegd).")
    if verzoeker is not Verzoeker.BETROKKENE:
        return Oordeel(False, "Vanaf 16 jaar vraagt de betrokkene zelf om inzage.")
    return Oordeel(True, "Inzage aan de betrokkene zelf.")
