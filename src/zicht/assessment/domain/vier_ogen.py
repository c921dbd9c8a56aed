"""Four eyes: a besluit takes effect only when a second person confirms it.

The rules are data (:class:`VierOgenRegels`): which besluit soorten, and whether acute cases,
need a *deskundige* (gedragsdeskundige or vertrouwensarts) as the second person. The proposer
never confirms their own proposal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from zicht.assessment.domain.besluit import BesluitSoort

__all__ = ["STANDAARD_REGELS", "Bevestiger", "VierOgenRegels", "deskundige_nodig", "toets"]


@dataclass(frozen=True, slots=True)
class VierOgenRegels:
    #: Besluit soorten that need a deskundige as co-decider.
    deskundige_voor: frozenset[BesluitSoort] = field(default_factory=frozenset)
    #: Any acute case needs a deskundige as co-decider.
    deskundige_bij_acuut: bool = True

    @classmethod
    def uit_data(cls, data: dict[str, object]) -> VierOgenRegels:
        """From stored data: ``{"deskundige_voor": [codes], "deskundige_bij_acuut": b}``."""
        soorten = data.get("deskundige_voor", [])
        assert isinstance(soorten, Iterable)
        return cls(
            deskundige_voor=frozenset(BesluitSoort(str(s)) for s in soorten),
            deskundige_bij_acuut=bool(data.get("deskundige_bij_acuut", True)),
        )


#: The default (issue #5): Onderzoek, an RvdK request, and any acute case need a deskundige.
STANDAARD_REGELS: Final = VierOgenRegels(
    deskundige_voor=frozenset({BesluitSoort.ONDERZOEK, BesluitSoort.RVDK_VERZOEK}),
    deskundige_bij_acuut=True,
)


@dataclass(frozen=True, slots=True)
class Bevestiger:
    """Who wants to confirm: their id and what they may do."""

    id: int
    mag_meebeslissen: bool
    is_deskundige: bool


def deskundige_nodig(soort: BesluitSoort, *, acuut: bool, regels: VierOgenRegels) -> bool:
    return soort in regels.deskundige_voor or (acuut and regels.deskundige_bij_acuut)


def toets(
    *,
    voorsteller_id: int,
    bevestiger: Bevestiger,
    soort: BesluitSoort,
    acuut: bool,
    regels: VierOgenRegels = STANDAARD_REGELS,
) -> list[str]:
    """Dutch reasons why ``bevestiger`` may not confirm (empty: they may)."""
    if bevestiger.id == voorsteller_id:
        return [
            "U heeft dit besluit zelf voorgesteld; een tweede persoon moet het bevestigen "
            "(vier ogen)."
        ]
    if not (bevestiger.mag_meebeslissen or bevestiger.is_deskundige):
        return ["U heeft niet het recht om als tweede beoordelaar een besluit te bevestigen."]
    if deskundige_nodig(soort, acuut=acuut, regels=regels) and not bevestiger.is_deskundige:
        reden = "een acute melding" if acuut and regels.deskundige_bij_acuut else soort.label
        return [
            f"Voor {reden} moet een gedragsdeskundige of vertrouwensarts het besluit bevestigen."
        ]
    return []
