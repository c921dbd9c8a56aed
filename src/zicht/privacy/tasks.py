"""Background jobs of the privacy app (django-tasks): they call services, nothing else."""

from __future__ import annotations

from django_tasks import task

from zicht.privacy import services


@task()
def auditketen_controleren() -> int:
    """The nightly chain verification (enqueue from the scheduler, or run the command)."""
    return services.auditketen_controleren().pk
