"""Task deadlines on top of the core deadline function.

A task either follows a versioned term (``termijn_get(code, op=start)``) or has an explicit
deadline. An explicit deadline is expressed as a term in calendar days too, so that suspensions
and extensions count the same way for every task: see :func:`expliciete_termijn`.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from zicht.core.domain.terms import Eenheid, Termijn

__all__ = ["EXPLICIETE_TERMIJN_CODE", "expliciete_termijn"]

#: The code under which an explicit deadline is computed (never stored as ``termijn_code``).
EXPLICIETE_TERMIJN_CODE = "taak_expliciet"


def expliciete_termijn(start: date, deadline: date) -> tuple[date, Termijn]:
    """A (count-from, term) pair whose end, without suspension or extension, is ``deadline``.

    The term counts in calendar days from the day *before* ``start`` (day 0), so that a task due
    on its start day is a one-day term and a suspension from the start day itself counts. The
    end is a fixed date (no Atw art. 1 shift), suspension is not capped, and an extension adds
    calendar days.
    """
    if deadline < start:
        raise ValueError("De deadline ligt vóór de start van de taak.")
    telstart = start - timedelta(days=1)
    termijn = Termijn(
        code=EXPLICIETE_TERMIJN_CODE,
        omschrijving="Deadline van de taak",
        aantal=(deadline - telstart).days,
        eenheid=Eenheid.KALENDERDAGEN,
        atw_art1=False,
        max_opschorting=None,
    )
    return telstart, termijn
