"""Form helpers shared by the apps' views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def validation_error_to_form(form: Any, error: ValidationError) -> None:
    """Puts a service's field errors next to the form's fields; the rest goes above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for veld, berichten in error.message_dict.items():
        form.add_error(veld if veld in form.fields else None, berichten)
