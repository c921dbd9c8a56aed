"""``zicht privacy-auditcontrole``: verifies the audit chain and keeps the result, which the
privacy officer's pages show. Schedule it nightly (docs/deployment.md); exits non-zero when
the chain is broken, so the scheduler's alerting fires too."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zicht.privacy.services import auditketen_controleren


class Command(BaseCommand):
    help = "Controleert de auditketen en legt de uitkomst vast (elke nacht inplannen)."

    def handle(self, *args: Any, **options: Any) -> None:
        controle = auditketen_controleren()
        if not controle.ok:
            raise CommandError(
                f"Auditketen gebroken bij volgnummer {controle.eerste_breuk}: {controle.uitleg}"
            )
        self.stdout.write(f"Auditketen heel: {controle.gecontroleerd} rijen gecontroleerd.")
