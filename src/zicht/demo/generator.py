"""The demo-data generator: steps run in order, each deterministic for the seed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TextIO

from django.utils import timezone

from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.demo.organisation import organisation_load


@dataclass(frozen=True)
class DemoOptions:
    seed: int
    vanaf: date
    tot: date
    schaal: float

    @classmethod
    def create(
        cls, *, seed: int, vanaf: date | None, tot: date | None, schaal: float
    ) -> DemoOptions:
        """Default window: the last two full years up to today (DESIGN: demo window)."""
        today = timezone.localdate()
        tot = tot or today
        vanaf = vanaf or date(today.year - 2, 1, 1)
        if vanaf > tot:
            raise ValueError("--vanaf ligt na --tot.")
        return cls(seed=seed, vanaf=vanaf, tot=tot, schaal=schaal)


def generate(options: DemoOptions, stdout: TextIO | None = None) -> list[str]:
    users = organisation_load()
    audit_event_record(
        event=Event.DEMODATA_GELADEN,
        actor=None,
        reason=Reden.SYSTEEM,
        data={
            "seed": options.seed,
            "vanaf": options.vanaf.isoformat(),
            "tot": options.tot.isoformat(),
            "schaal": str(options.schaal),
        },
    )
    return [f"Demo-organisatie geladen: {len(users)} gebruikers."]
