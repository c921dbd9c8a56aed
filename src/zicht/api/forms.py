"""Forms of the API-client management pages (functioneel beheerder)."""

from __future__ import annotations

from typing import Any

from django import forms

from zicht.accounts.models import User
from zicht.api.scopes import scope_choices


class _ScopesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ApiClientForm(forms.Form):
    naam = forms.CharField(label="Naam van de koppeling", max_length=100)
    omschrijving = forms.CharField(label="Omschrijving", max_length=250, required=False)
    gebruiker = forms.ModelChoiceField(
        label="Servicegebruiker",
        queryset=User.objects.filter(is_active=True).order_by("username"),
        help_text=(
            "De koppeling handelt als deze gebruiker: diens teams en rechten bepalen wat zij "
            "mag zien en doen. Gebruik per koppeling een eigen servicegebruiker."
        ),
    )
    scopes = _ScopesField(label="Scopes", required=False)
    verloopt_op = forms.DateTimeField(
        label="Verloopt op",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices()  # type: ignore[attr-defined]


class ApiClientWijzigForm(forms.Form):
    omschrijving = forms.CharField(label="Omschrijving", max_length=250, required=False)
    scopes = _ScopesField(label="Scopes", required=False)
    actief = forms.BooleanField(label="Actief", required=False)
    verloopt_op = forms.DateTimeField(
        label="Verloopt op",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices()  # type: ignore[attr-defined]
