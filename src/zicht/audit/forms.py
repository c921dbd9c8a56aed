"""The filter form of the audit page (GET)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.audit.models import event_label
from zicht.audit.selectors import AuditFilters, Cursor


def _event_choices() -> list[tuple[str, str]]:
    return [("", "Alle gebeurtenissen")] + [
        (str(member.value), f"{member.value} – {event_label(member.value)}") for member in Event
    ]


class AuditFilterForm(forms.Form):
    gebeurtenis = forms.TypedChoiceField(
        label="Gebeurtenis", choices=_event_choices, coerce=int, required=False, empty_value=None
    )
    gebruiker = forms.CharField(label="Gebruikersnaam", max_length=150, required=False)
    soort = forms.CharField(
        label="Soort object",
        max_length=100,
        required=False,
        help_text="Bijvoorbeeld casework.casus",
    )
    object = forms.CharField(label="Object-id", max_length=64, required=False)
    vanaf = forms.DateField(
        label="Vanaf datum", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label="Tot en met datum", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ouder = forms.CharField(
        label="Paginaverwijzing", required=False, widget=forms.HiddenInput, max_length=40
    )
    nieuwer = forms.CharField(
        label="Paginaverwijzing", required=False, widget=forms.HiddenInput, max_length=40
    )

    def clean_ouder(self) -> Cursor | None:
        return self._cursor("ouder")

    def clean_nieuwer(self) -> Cursor | None:
        return self._cursor("nieuwer")

    def _cursor(self, name: str) -> Cursor | None:
        text = self.cleaned_data.get(name) or ""
        if not text:
            return None
        try:
            return Cursor.parse(text)
        except ValueError:
            raise forms.ValidationError(
                "Deze paginaverwijzing is ongeldig; begin opnieuw bij de nieuwste gebeurtenissen."
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("vanaf"), cleaned.get("tot")
        if since and until and until < since:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        return cleaned

    def filters(self) -> AuditFilters:
        """The validated filters; call only after ``is_valid()``."""
        data = self.cleaned_data
        return AuditFilters(
            event=data["gebeurtenis"],
            actor_username=data["gebruiker"].strip(),
            target_type=data["soort"].strip(),
            target_id=data["object"].strip(),
            since=_day_start(data["vanaf"]),
            until=_day_start(data["tot"] + timedelta(days=1)) if data["tot"] else None,
        )

    def query_without_cursor(self) -> str:
        """The filter part of the query string, for the page links."""
        query = self.data.copy()  # type: ignore[attr-defined]
        for name in ("ouder", "nieuwer"):
            query.pop(name, None)
        return str(query.urlencode())


def _day_start(day: date | None) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
