"""Background job of radar (django-tasks): calls the service, nothing else."""

from __future__ import annotations

from django_tasks import task

from zicht.radar import services


@task()
def radar_synchroniseren(negeer_wachttijd: bool = False) -> dict[str, int]:
    """Scan, send the outbox, fetch signals (``services.radar_sync``)."""
    uitkomst = services.radar_sync(negeer_wachttijd=negeer_wachttijd)
    return {
        "verzonden": uitkomst.verzonden,
        "wachtend": uitkomst.wachtend,
        "signalen": uitkomst.signalen,
    }
