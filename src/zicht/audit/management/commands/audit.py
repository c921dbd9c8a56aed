"""``zicht audit verify``: checks the audit chain; non-zero exit at the first broken link."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zicht.audit.verify import BATCH_SIZE, audit_chain_verify


class Command(BaseCommand):
    help = "Auditlog. 'verify' controleert de hele hashketen en het laatste checkpoint."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="opdracht")
        verify = commands.add_parser(
            "verify",
            help="Controleer de keten; stopt met een foutcode bij de eerste breuk.",
        )
        verify.add_argument(
            "--batch",
            type=int,
            default=BATCH_SIZE,
            help=f"Aantal rijen per databasequery (standaard {BATCH_SIZE}).",
        )
        verify.add_argument(
            "--checkpoint",
            type=Path,
            default=None,
            help="Checkpointbestand (standaard de instelling ZICHT_AUDIT_CHECKPOINT).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self._verify(
                batch=options["batch"],
                checkpoint=options["checkpoint"],
                progress=options["verbosity"] >= 2,
            )

    def _verify(self, *, batch: int, checkpoint: Path | None, progress: bool) -> None:
        if batch < 1:
            raise CommandError("--batch moet minstens 1 zijn.", returncode=2)

        def report(checked: int) -> None:
            self.stderr.write(f"… {checked} gecontroleerd")

        result = audit_chain_verify(
            batch_size=batch, checkpoint_path=checkpoint, on_progress=report if progress else None
        )
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"Let op: {warning}"))
        if not result.ok:
            raise CommandError(result.explanation, returncode=1)
        self.stdout.write(self.style.SUCCESS(result.explanation))
