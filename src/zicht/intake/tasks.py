"""Background jobs of the intake app (django-tasks): they call services, nothing else."""

from __future__ import annotations

from django_tasks import task

from zicht.intake import services


@task()
def concepten_opruimen() -> int:
    """The daily removal of expired drafts (enqueue from the scheduler, or run the command)."""
    return services.concepten_opruimen()
