"""``zicht concepten-opruimen``: removes intake drafts untouched for longer than their retention
(14 days): they hold personal data that was never registered. Schedule it daily
(docs/deployment.md); also the django-task ``zicht.intake.tasks.concepten_opruimen``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from zicht.intake.services import concepten_opruimen


class Command(BaseCommand):
    help = (
        "Verwijdert concepten van intakeformulieren die langer dan 14 dagen niet zijn bijgewerkt."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        aantal = concepten_opruimen()
        self.stdout.write(f"{aantal} verlopen concept(en) verwijderd.")
