"""The triage instrument as data: questions with an answer type and an implication, and the
derivation of acute / structural / multi-problem / taxatie from the answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from zicht.assessment.domain.besluit import Triage

__all__ = ["Antwoordtype", "Implicatie", "Vraag", "afleiden", "controleer_antwoorden"]

JA = "ja"
NEE = "nee"


class Antwoordtype(StrEnum):
    JA_NEE = "ja_nee"
    KEUZE = "keuze"
    TEKST = "tekst"


class Implicatie(StrEnum):
    GEEN = ""
    ACUUT = "acuut"
    STRUCTUREEL = "structureel"
    MULTIPROBLEEM = "multiprobleem"
    TAXATIE = "taxatie"


@dataclass(frozen=True, slots=True)
class Vraag:
    code: str
    tekst: str
    antwoordtype: Antwoordtype
    implicatie: Implicatie = Implicatie.GEEN
    #: For KEUZE: (code, label) pairs.
    keuzes: tuple[tuple[str, str], ...] = field(default=())
    verplicht: bool = True


def controleer_antwoorden(
    vragen: Sequence[Vraag], antwoorden: Mapping[str, str], *, volledig: bool
) -> dict[str, str]:
    """Dutch errors per question code. ``volledig``: every required question must be answered
    (to propose a besluit); otherwise only given answers are checked (saving a draft)."""
    fouten: dict[str, str] = {}
    for vraag in vragen:
        waarde = (antwoorden.get(vraag.code) or "").strip()
        if not waarde:
            if volledig and vraag.verplicht and vraag.antwoordtype is not Antwoordtype.TEKST:
                fouten[vraag.code] = "Beantwoord deze vraag."
            continue
        if vraag.antwoordtype is Antwoordtype.JA_NEE and waarde not in (JA, NEE):
            fouten[vraag.code] = "Kies ja of nee."
        elif vraag.antwoordtype is Antwoordtype.KEUZE and waarde not in {
            c for c, _ in vraag.keuzes
        }:
            fouten[vraag.code] = "Kies een van de mogelijkheden."
    return fouten


def afleiden(vragen: Sequence[Vraag], antwoorden: Mapping[str, str]) -> Triage:
    """Acute if any acute question says ja (disclosure is one), likewise structural and
    multi-problem; None when none of that kind's questions is answered. Taxatie: the answer of
    the taxatie question."""
    uitkomst: dict[Implicatie, bool | None] = {
        Implicatie.ACUUT: None,
        Implicatie.STRUCTUREEL: None,
        Implicatie.MULTIPROBLEEM: None,
    }
    taxatie = ""
    for vraag in vragen:
        waarde = (antwoorden.get(vraag.code) or "").strip()
        if vraag.implicatie is Implicatie.TAXATIE:
            taxatie = waarde
        elif vraag.implicatie in uitkomst and vraag.antwoordtype is Antwoordtype.JA_NEE:
            if waarde == JA:
                uitkomst[vraag.implicatie] = True
            elif waarde == NEE and uitkomst[vraag.implicatie] is None:
                uitkomst[vraag.implicatie] = False
    return Triage(
        acuut=uitkomst[Implicatie.ACUUT],
        structureel=uitkomst[Implicatie.STRUCTUREEL],
        multiprobleem=uitkomst[Implicatie.MULTIPROBLEEM],
        taxatie=taxatie,
    )
