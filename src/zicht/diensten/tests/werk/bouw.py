"""Plain rows for the work tests, written in bulk: casussen with open diensten (and their
deadline task), without going through the VB flow. Rules are tested through the services."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from zicht.assessment.models import Besluit, Instrument, Veiligheidsbeoordeling
from zicht.casework.models import Casus, Taak
from zicht.diensten.models import Dienst
from zicht.diensten.models_werk import DienstBehandeling
from zicht.intake.tests.factories import MeldingFactory

_teller = itertools.count(1)


def _beoordeling(gebruiker: Any) -> Veiligheidsbeoordeling:
    instrument = Instrument.objects.order_by("-versie").first()
    if instrument is None:
        instrument = Instrument.objects.create(
            versie=999, omschrijving="test", gepubliceerd_op=datetime(2026, 1, 1, tzinfo=UTC)
        )
    melding = MeldingFactory()
    return Veiligheidsbeoordeling.objects.create(
        melding=melding,
        instrument=instrument,
        beoordelaar=gebruiker,
        gestart_op=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )


def diensten_bouwen(
    *,
    team: Any,
    n: int,
    gebruiker: Any,
    soort: str = "onderzoek",
    start: date = date(2026, 3, 2),
    termijn_dagen: int | None = 70,
    behandelaar: Any = None,
    status: str = "gestart",
) -> list[Dienst]:
    """``n`` casussen of ``team``, each with one dienst of ``soort`` (and a deadline task when
    ``termijn_dagen`` is given); assigned to ``behandelaar`` when given."""
    vb = _beoordeling(gebruiker)
    reeks = next(_teller)
    casussen = Casus.objects.bulk_create(
        [
            Casus(
                nummer=f"W{reeks:03d}-{i:06d}",
                team=team,
                status="open",
                geopend_op=datetime.combine(start, datetime.min.time(), tzinfo=UTC),
            )
            for i in range(n)
        ]
    )
    besluiten = Besluit.objects.bulk_create(
        [
            Besluit(
                beoordeling=vb,
                soort=soort if soort in ("onderzoek", "voorwaarden_en_vervolg") else "onderzoek",
                motivering="test",
                voorgesteld_door=gebruiker,
                voorgesteld_op=datetime(2026, 3, 1, 10, tzinfo=UTC),
                status="bevestigd",
            )
            for _ in range(n)
        ]
    )
    taken: list[Taak | None] = [None] * n
    if termijn_dagen is not None:
        deadline = start + timedelta(days=termijn_dagen)
        taken = list(
            Taak.objects.bulk_create(
                [
                    Taak(
                        casus=c,
                        omschrijving=f"{soort} afronden",
                        termijn_code="",
                        start=start,
                        oorspronkelijke_deadline=deadline,
                        deadline=deadline,
                        toegewezen_aan=behandelaar,
                        aangemaakt_door=gebruiker,
                    )
                    for c in casussen
                ]
            )
        )
    diensten = Dienst.objects.bulk_create(
        [
            Dienst(
                casus=c,
                besluit=b,
                soort=soort,
                status=status,
                start=start,
                deadline=t.deadline if t else None,
                taak=t,
                aangemaakt_door=gebruiker,
                aangemaakt_op=datetime.combine(start, datetime.min.time(), tzinfo=UTC),
            )
            for c, b, t in zip(casussen, besluiten, taken, strict=True)
        ]
    )
    if behandelaar is not None:
        DienstBehandeling.objects.bulk_create(
            [
                DienstBehandeling(
                    dienst=d, behandelaar=behandelaar, toegewezen_op=aangemaakt(start)
                )
                for d in diensten
            ]
        )
    return diensten


def aangemaakt(dag: date) -> datetime:
    return datetime.combine(dag, datetime.min.time(), tzinfo=UTC)
