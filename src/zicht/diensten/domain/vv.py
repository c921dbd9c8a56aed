"""Voorwaarden en Vervolg: safety conditions, a safety plan and agreements with the family,
within 10 weeks after the VB (the clock can be suspended and extended). Closing needs at
least one condition and sets overdracht na bemoeienis and monitoring in motion.

::

    lopend ──(bewerken, opschorten, verlengen)──► lopend ──afronden──► afgerond  (final)
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

from zicht.diensten.domain.overgang import toegestane_acties, volgende_fase

__all__ = ["ALLOWED_TRANSITIONS", "Actie", "Fase", "acties", "afronden_fouten", "overgang"]


class Fase(StrEnum):
    LOPEND = "lopend"
    AFGEROND = "afgerond"


class Actie(StrEnum):
    BEWERKEN = "bewerken"
    OPSCHORTEN = "opschorten"
    VERLENGEN = "verlengen"
    AFRONDEN = "afronden"


FASE_LABELS: Final[dict[Fase, str]] = {Fase.LOPEND: "lopend", Fase.AFGEROND: "afgerond"}
ACTIE_LABELS: Final[dict[Actie, str]] = {
    Actie.BEWERKEN: "voorwaarden en plan bewerken",
    Actie.OPSCHORTEN: "termijn opschorten",
    Actie.VERLENGEN: "termijn verlengen",
    Actie.AFRONDEN: "Voorwaarden en Vervolg afronden",
}

#: (from, action) -> to. Everything else is forbidden.
ALLOWED_TRANSITIONS: Final = MappingProxyType(
    {
        (Fase.LOPEND, Actie.BEWERKEN): Fase.LOPEND,
        (Fase.LOPEND, Actie.OPSCHORTEN): Fase.LOPEND,
        (Fase.LOPEND, Actie.VERLENGEN): Fase.LOPEND,
        (Fase.LOPEND, Actie.AFRONDEN): Fase.AFGEROND,
    }
)


def overgang(van: Fase, actie: Actie) -> Fase:
    return volgende_fase(
        ALLOWED_TRANSITIONS, van, actie, labels=FASE_LABELS, actie_labels=ACTIE_LABELS
    )


def acties(van: Fase) -> frozenset[Actie]:
    return toegestane_acties(ALLOWED_TRANSITIONS, van)


def afronden_fouten(*, aantal_voorwaarden: int, motivering: str) -> dict[str, list[str]]:
    """Closing V&V without conditions is refused: the overdracht and monitoring that follow
    check exactly those conditions."""
    fouten: dict[str, list[str]] = {}
    if aantal_voorwaarden < 1:
        fouten["__all__"] = [
            "Voorwaarden en Vervolg kan niet worden afgerond zonder veiligheidsvoorwaarden: "
            "leg minstens één voorwaarde vast (en wie eraan moet voldoen)."
        ]
    if not motivering.strip():
        fouten["motivering"] = ["Beschrijf kort hoe het plan is afgesproken en wat er volgt."]
    return fouten
