"""Shared by the reporting commands: run an export synchronously and copy it out."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from zicht.accounts.models import User
from zicht.reporting import services
from zicht.reporting.models import ExportStatus


def gebruiker(naam: str | None) -> User | None:
    if not naam:
        return None
    try:
        return User.objects.get(username=naam)
    except User.DoesNotExist:
        raise CommandError(f"Onbekende gebruiker ‘{naam}’.") from None


def uitvoeren(stdout: Any, *, actor: User | None, uit: str | None, **aanvraag: Any) -> Any:
    """Requests (audited), runs and copies the export to ``uit``; raises on refusal or
    failure. The file at ``uit`` is written under a temporary name and renamed at the end."""
    from django.core.exceptions import PermissionDenied

    try:
        export = services.export_aanvragen(
            actor=actor, in_wachtrij=False, systeem=actor is None, **aanvraag
        )
    except services.ExportFout as fout:
        raise CommandError(str(fout)) from None
    except PermissionDenied as fout:
        raise CommandError(f"Geweigerd: {fout}") from None
    export = services.export_uitvoeren(export_id=export.pk)
    if export.status != ExportStatus.KLAAR:
        raise CommandError(f"De export is mislukt: {export.foutmelding} Er is geen bestand.")
    if uit and export.bestand:
        doel = Path(uit)
        tijdelijk = doel.with_name(f".{doel.name}.deel")
        shutil.copyfile(services.export_map() / export.bestand, tijdelijk)
        tijdelijk.replace(doel)
        stdout.write(f"Geschreven: {doel} ({export.grootte} bytes, sha256 {export.sha256}).")
    return export
