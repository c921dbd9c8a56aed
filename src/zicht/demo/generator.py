"""The demo-data generator: ordered steps over a shared context, deterministic for a seed.

``generate(options)`` builds a :class:`~zicht.demo.context.DemoContext` (the options, the
reference data, a random stream per step) and runs :data:`STAPPEN` in order, each in its own
transaction, with a progress bar on a terminal. Later issues add steps (assessments,
diensten) by appending to :data:`STAPPEN` or passing ``stappen=``; a step reads the plans of the
steps before it from the context (``ctx.casussen``) and adds its own.

The rows are written in bulk and bypass the per-row services (and their audit events) on
purpose; the whole run is recorded as one ``DEMODATA_GELADEN`` event with the counts.
Same seed, window and schaal on a fresh database → the same rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from django.db import transaction

from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.casework.models import Casus
from zicht.demo.beoordelingen import beoordelingen_step
from zicht.demo.context import DemoContext, DemoOptieFout, DemoOptions
from zicht.demo.diensten import diensten_step
from zicht.demo.households import households_step
from zicht.demo.intake import adviezen_step, meldingen_step
from zicht.demo.journaal import journaal_step
from zicht.demo.koppeling import koppeling_step
from zicht.demo.progress import Balk, Voortgang, getal
from zicht.demo.staff import organisation_step, toewijzingen_step
from zicht.demo.tasks import taken_step
from zicht.demo.werk import werk_step

__all__ = ["STAPPEN", "DemoContext", "DemoOptieFout", "DemoOptions", "Stap", "generate"]


@dataclass(frozen=True)
class Stap:
    """One step: ``run(ctx, balk)`` writes its rows and sets ``balk.samenvatting``.

    A step that makes dossiers runs only on a database without casussen, so that running the
    command twice does not double the data; the organisation step always runs (it is
    idempotent)."""

    naam: str
    label: str
    run: Callable[[DemoContext, Balk], None]
    alleen_zonder_dossiers: bool = True


STAPPEN: tuple[Stap, ...] = (
    Stap("organisatie", "Organisatie", organisation_step, alleen_zonder_dossiers=False),
    Stap("huishoudens", "Huishoudens", households_step),
    Stap("toewijzingen", "Toewijzingen", toewijzingen_step),
    Stap("journaal", "Journaal", journaal_step),
    Stap("taken", "Taken", taken_step),
    Stap("meldingen", "Meldingen", meldingen_step),
    Stap("adviezen", "Adviezen", adviezen_step),
    Stap("beoordelingen", "Beoordelingen", beoordelingen_step),
    Stap("diensten", "Overdracht, V&V, onderzoek, monitoren", diensten_step),
    Stap("werk", "Werkverdeling, huisverboden, voorlichting, uren", werk_step),
    Stap("koppeling", "API-koppeling (demo)", koppeling_step, alleen_zonder_dossiers=False),
)


def generate(
    options: DemoOptions,
    stdout: TextIO | None = None,
    *,
    stappen: Sequence[Stap] = STAPPEN,
    vandaag: date | None = None,
) -> list[str]:
    """Runs the steps and returns the summary lines (the command prints them)."""
    begin = time.perf_counter()
    ctx = DemoContext.create(options, vandaag=vandaag)
    bestaand = Casus.objects.count()
    if bestaand:
        stappen = [stap for stap in stappen if not stap.alleen_zonder_dossiers]
    with Voortgang(stdout) as voortgang:
        if bestaand:
            voortgang.regel(
                f"De database bevat al {getal(bestaand)} dossiers: er worden geen dossiers "
                "bijgemaakt. Begin met een lege database voor een ander venster of een andere "
                "seed."
            )
        for stap in stappen:
            with voortgang.stap(stap.label, 1) as balk, transaction.atomic():
                stap.run(ctx, balk)
    audit_event_record(
        event=Event.DEMODATA_GELADEN,
        actor=None,
        reason=Reden.SYSTEEM,
        data={
            "seed": options.seed,
            "vanaf": options.vanaf.isoformat(),
            "tot": options.tot.isoformat(),
            "schaal": str(options.schaal),
            "aantallen": dict(ctx.tellingen),
        },
    )
    duur = f"{time.perf_counter() - begin:.1f}".replace(".", ",")
    rijen = sum(ctx.tellingen.values())
    return [
        f"Demodata geladen ({options.vanaf:%d-%m-%Y} t/m {options.tot:%d-%m-%Y}, seed "
        f"{options.seed}, schaal {options.schaal:g}): {getal(rijen)} rijen in {duur} s."
    ]
