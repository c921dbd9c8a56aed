"""Errors every app's services share."""

from django.core.exceptions import ValidationError

CONFLICT_MESSAGE = (
    "Iemand anders heeft deze gegevens intussen gewijzigd. Uw invoer is bewaard; "
    "controleer de actuele gegevens en sla opnieuw op."
)


class ConcurrentEditError(ValidationError):
    """Raised when the version a form was based on is no longer current (optimistic locking)."""
