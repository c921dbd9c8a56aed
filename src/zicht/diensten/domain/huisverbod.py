"""Tijdelijk huisverbod (DOMAIN §2, §4): the fixed end, the mayor's extension and its 4-week cap.

The burgemeester (or a mandated hulpofficier van justitie) bans an adult from the home for
**10 days**; only the burgemeester can extend it, to at most **4 weeks after imposition**. Both
are fixed calendar dates — unlike the 10-week terms they do *not* move to the next working day
(Atw art. 1 does not apply). Dates here are the local (Europe/Amsterdam) dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "ALLOWED_TRANSITIONS",
    "DUUR_DAGEN",
    "MAXIMUM_DAGEN",
    "HuisverbodStatus",
    "Oplegger",
    "Verlengingsfout",
    "dagen_resterend",
    "einde_bij_oplegging",
    "maximaal_einde",
    "overgang_toegestaan",
    "verlenging_fouten",
]

#: The ban lasts 10 days from the imposition.
DUUR_DAGEN = 10
#: An extension may run to at most 4 weeks (28 days) after the imposition.
MAXIMUM_DAGEN = 28


class Oplegger(StrEnum):
    BURGEMEESTER = "burgemeester"
    HULPOFFICIER = "hulpofficier"

    @property
    def label(self) -> str:
        return {
            "burgemeester": "burgemeester",
            "hulpofficier": "hulpofficier van justitie (gemandateerd)",
        }[self.value]


class HuisverbodStatus(StrEnum):
    LOPEND = "lopend"
    VERLENGD = "verlengd"
    AFGELOPEN = "afgelopen"
    INGETROKKEN = "ingetrokken"

    @property
    def label(self) -> str:
        return self.value


#: The one table of what may follow what. A running ban can be extended (again, up to the cap),
#: run out or be withdrawn; an ended ban stays ended.
ALLOWED_TRANSITIONS: dict[HuisverbodStatus, frozenset[HuisverbodStatus]] = {
    HuisverbodStatus.LOPEND: frozenset(
        {HuisverbodStatus.VERLENGD, HuisverbodStatus.AFGELOPEN, HuisverbodStatus.INGETROKKEN}
    ),
    HuisverbodStatus.VERLENGD: frozenset(
        {HuisverbodStatus.VERLENGD, HuisverbodStatus.AFGELOPEN, HuisverbodStatus.INGETROKKEN}
    ),
    HuisverbodStatus.AFGELOPEN: frozenset(),
    HuisverbodStatus.INGETROKKEN: frozenset(),
}


def overgang_toegestaan(van: HuisverbodStatus, naar: HuisverbodStatus) -> bool:
    return naar in ALLOWED_TRANSITIONS[van]


def einde_bij_oplegging(opgelegd: date) -> date:
    """The last day of the ban when it is not extended: 10 days after imposition."""
    return opgelegd + timedelta(days=DUUR_DAGEN)


def maximaal_einde(opgelegd: date) -> date:
    """The latest end an extension may set: 4 weeks after imposition."""
    return opgelegd + timedelta(days=MAXIMUM_DAGEN)


@dataclass(frozen=True)
class Verlengingsfout:
    veld: str
    melding: str


def verlenging_fouten(
    *,
    status: HuisverbodStatus,
    opgelegd: date,
    huidig_einde: date,
    nieuw_einde: date,
    besloten_door: Oplegger,
    besloten_op: date,
) -> list[Verlengingsfout]:
    """Why an extension to ``nieuw_einde`` is refused (empty: allowed)."""
    fouten: list[Verlengingsfout] = []
    if not overgang_toegestaan(status, HuisverbodStatus.VERLENGD):
        fouten.append(
            Verlengingsfout("__all__", "Een beëindigd huisverbod kan niet meer worden verlengd.")
        )
    if besloten_door is not Oplegger.BURGEMEESTER:
        fouten.append(
            Verlengingsfout("besloten_door", "Alleen de burgemeester kan een huisverbod verlengen.")
        )
    if besloten_op < opgelegd:
        fouten.append(
            Verlengingsfout("besloten_op", "Het besluit kan niet vóór de oplegging liggen.")
        )
    elif besloten_op > huidig_einde:
        fouten.append(
            Verlengingsfout(
                "besloten_op",
                f"Het huisverbod liep af op {huidig_einde:%d-%m-%Y}; een verlopen huisverbod "
                "kan niet meer worden verlengd.",
            )
        )
    grens = maximaal_einde(opgelegd)
    if nieuw_einde <= huidig_einde:
        fouten.append(
            Verlengingsfout(
                "nieuw_einde",
                f"De nieuwe einddatum moet na de huidige einddatum ({huidig_einde:%d-%m-%Y}) "
                "liggen.",
            )
        )
    elif nieuw_einde > grens:
        fouten.append(
            Verlengingsfout(
                "nieuw_einde",
                "Een huisverbod kan worden verlengd tot hooguit 4 weken na de oplegging: "
                f"uiterlijk {grens:%d-%m-%Y}.",
            )
        )
    return fouten


def dagen_resterend(einde: date, vandaag: date) -> int:
    """Whole days left including the last day (0 on the day after the end, never negative)."""
    return max((einde - vandaag).days + 1, 0)
