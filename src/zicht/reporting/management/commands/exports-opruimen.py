"""``zicht exports-opruimen``: marks exports whose worker died (``bezig`` for longer than
``services.VERWEESD_NA``) as failed and removes their partial files. Schedule it, e.g. every
15 minutes; also the django-task ``zicht.reporting.tasks.exports_verweesd_afsluiten_taak``.
A starting job and a new export request do the same, so this only matters when no one
requests an export."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from zicht.reporting.services import exports_verweesd_afsluiten


class Command(BaseCommand):
    help = "Sluit exports af waarvan de achtergrondtaak is gestopt (zet ze op mislukt)."

    def handle(self, *args: Any, **options: Any) -> None:
        aantal = exports_verweesd_afsluiten()
        self.stdout.write(f"{aantal} onderbroken export(s) afgesloten.")
