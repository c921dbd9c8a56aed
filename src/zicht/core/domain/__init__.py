"""Pure domain of ``core``: the Atw working-day calendar and the deadline function.

No Django and no clock in here (an import-linter contract guards this); everything is an argument.
"""

from zicht.core.domain.calendar import AtwCalendar, atw_holidays, easter_sunday
from zicht.core.domain.terms import (
    DEFAULT_TERMIJNEN,
    DEFAULT_TERMIJNEN_GELDIG_VANAF,
    DEFAULT_TERMIJNEN_VERSIE,
    Eenheid,
    Opschorting,
    Termijn,
    TermijnFout,
    TermijnOnbekend,
    TermijnStand,
    Verlenging,
    deadline,
)

__all__ = [
    "DEFAULT_TERMIJNEN",
    "DEFAULT_TERMIJNEN_GELDIG_VANAF",
    "DEFAULT_TERMIJNEN_VERSIE",
    "AtwCalendar",
    "Eenheid",
    "Opschorting",
    "Termijn",
    "TermijnFout",
    "TermijnOnbekend",
    "TermijnStand",
    "Verlenging",
    "atw_holidays",
    "deadline",
    "easter_sunday",
]
