"""Loading the default roles (data in ``accounts/data/rollen.json``) into Django groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROLES_FILE = Path(__file__).resolve().parent / "data" / "rollen.json"


def default_roles() -> dict[str, list[str]]:
    data: dict[str, Any] = json.loads(ROLES_FILE.read_text(encoding="utf-8"))
    return {name: list(perms) for name, perms in data["rollen"].items()}


def load_default_roles(group_model: Any, permission_model: Any) -> int:
    """Creates missing roles and adds missing permissions; never removes what a beheerder set."""
    created = 0
    for name, codenames in default_roles().items():
        group, was_created = group_model.objects.get_or_create(name=name)
        created += int(was_created)
        perms = permission_model.objects.filter(
            content_type__app_label="accounts", codename__in=codenames
        )
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Onbekende rechten in rollen.json: {sorted(missing)}")
        group.permissions.add(*perms)
    return created
