"""Background jobs of reporting (django-tasks): they call services, nothing else."""

from __future__ import annotations

from django_tasks import task

from zicht.reporting import services


@task()
def export_uitvoeren_taak(export_id: int) -> None:
    """Writes the requested export ``export_id`` (see ``services.export_uitvoeren``)."""
    services.export_uitvoeren(export_id=export_id)


@task()
def exports_verweesd_afsluiten_taak() -> int:
    """The periodic closing of exports whose worker died (enqueue from the scheduler, or run
    ``zicht exports-opruimen``; see ``services.exports_verweesd_afsluiten``)."""
    return services.exports_verweesd_afsluiten()
