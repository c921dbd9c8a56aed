"""When a closed dossier may be destroyed (DOMAIN §4, retention): pure, no Django.

Default: 20 years after closing, and never before the youngest child of the household is 18.
The term is configurable (``ZICHT_BEWAARTERMIJN_JAREN``); the Wmo 2015 text said 15 years.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zicht.core.domain.terms import add_months

MEERDERJARIG = 18
STANDAARD_JAREN = 20


def jaren_later(dag: date, jaren: int) -> date:
    """``dag`` plus whole years; 29 February becomes 28 February in a common year."""
    return add_months(dag, 12 * jaren)


def vernietigingsdatum(
    *,
    gesloten_op: date,
    geboortedata_kinderen: Iterable[date | None] = (),
    jaren: int = STANDAARD_JAREN,
) -> date:
    """The first day the dossier may go: ``jaren`` after closing, but not before the
    youngest child's 18th birthday. An unknown birth date of a child counts as the closing
    date (the child may have been born that day at the latest)."""
    if jaren < 1:
        raise ValueError("De bewaartermijn is ten minste één jaar.")
    datum = jaren_later(gesloten_op, jaren)
    for geboren in geboortedata_kinderen:
        meerderjarig = jaren_later(geboren or gesloten_op, MEERDERJARIG)
        datum = max(datum, meerderjarig)
    return datum
