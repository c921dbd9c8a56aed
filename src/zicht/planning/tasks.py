"""Background jobs of planning (django-tasks): they call services, nothing else."""

from __future__ import annotations

from django_tasks import task

from zicht.planning import services


@task()
def simulatie_uitvoeren(run_id: int) -> None:
    """Runs the stored simulation request ``run_id`` (see ``services.simulatierun_uitvoeren``)."""
    services.simulatierun_uitvoeren(run_id=run_id)
