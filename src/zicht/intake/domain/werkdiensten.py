"""Shifts of the 24/7 front door: when did the current shift start?

The start times are data (``intake.Werkdienst``; default 07:00, 15:00 and 23:00, Europe/Amsterdam);
the handover list shows what arrived or is still open since the start of the current shift.
The times are wall-clock times in the organisation's time zone, so across a DST change a shift
is an hour longer or shorter, as on the roster.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

__all__ = ["dienst_start"]


def dienst_start(nu: datetime, starttijden: Iterable[time]) -> datetime:
    """The start of the shift that ``nu`` falls in: the latest start time on or before ``nu``
    (yesterday's last one before today's first). ``nu`` must be aware, in the local zone.

    Without any start times the whole day is one shift, starting at midnight."""
    if nu.tzinfo is None or nu.utcoffset() is None:
        raise ValueError("dienst_start verwacht een tijdstip met tijdzone.")
    tijden = sorted(set(starttijden)) or [time(0, 0)]
    zone = nu.tzinfo
    vandaag = nu.date()
    kandidaten = [
        datetime.combine(dag, tijd, tzinfo=zone)
        for dag in (vandaag - timedelta(days=1), vandaag)
        for tijd in tijden
    ]
    return max(k for k in kandidaten if k <= nu)
