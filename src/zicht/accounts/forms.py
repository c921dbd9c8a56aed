"""Forms for login, the second factor and user/team/role management. Dutch messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from zicht.accounts.models import ApiToken, Team, User
from zicht.accounts.permissions import LABELS, Perm


class LoginForm(forms.Form):
    username = forms.CharField(
        label="Gebruikersnaam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        error_messages={"required": "Vul uw gebruikersnaam in."},
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Vul uw wachtwoord in."},
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code uit uw authenticator-app",
        max_length=12,
        help_text="De code van 6 cijfers die uw app nu toont.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
        error_messages={"required": "Vul de code van 6 cijfers in."},
    )


def _perm_choices() -> list[tuple[str, str]]:
    return [(perm.value, LABELS[perm]) for perm in Perm]


class UserForm(forms.ModelForm[User]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    rollen = forms.ModelMultipleChoiceField(
        label="Rollen",
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wachtwoord = forms.CharField(
        label="Wachtwoord",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        help_text="Minimaal 12 tekens. Laat leeg om het wachtwoord niet te wijzigen.",
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "teams",
            "gemeente_code",
            "is_active",
        ]
        labels = {
            "username": "Gebruikersnaam",
            "first_name": "Voornaam",
            "last_name": "Achternaam",
            "email": "E-mailadres",
            "is_active": "Actief",
        }
        help_texts = {
            "username": "Letters, cijfers en @/./+/-/_; maximaal 150 tekens.",
            "is_active": "Een inactieve gebruiker kan niet inloggen; de historie blijft bewaard.",
        }
        widgets = {"teams": forms.CheckboxSelectMultiple}
        error_messages = {
            "username": {
                "unique": "Er bestaat al een gebruiker met deze gebruikersnaam.",
                "required": "Vul een gebruikersnaam in.",
            },
            "email": {"invalid": "Vul een geldig e-mailadres in."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(actief=True)  # type: ignore[attr-defined]
        self.fields["teams"].required = False
        if self.instance.pk:
            self.fields["rollen"].initial = list(self.instance.groups.all())
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["wachtwoord"].required = True
            self.fields["wachtwoord"].help_text = "Minimaal 12 tekens."
            self.fields["wachtwoord"].error_messages["required"] = "Vul een beginwachtwoord in."

    def clean_gemeente_code(self) -> str:
        code = self.cleaned_data.get("gemeente_code", "").strip().upper()
        if code and not (len(code) == 6 and code.startswith("GM") and code[2:].isdigit()):
            raise ValidationError("Een gemeentecode heeft de vorm GM gevolgd door 4 cijfers.")
        return code

    def clean_wachtwoord(self) -> str:
        password: str = self.cleaned_data.get("wachtwoord", "")
        if password:
            candidate = (
                self.instance
                if self.instance.pk
                else User(
                    username=self.data.get("username", ""),
                    first_name=self.data.get("first_name", ""),
                    last_name=self.data.get("last_name", ""),
                    email=self.data.get("email", ""),
                )
            )
            validate_password(password, candidate)
        return password


class TeamForm(forms.ModelForm[Team]):
    class Meta:
        model = Team
        fields = ["naam", "omschrijving", "actief"]
        labels = {"naam": "Naam", "omschrijving": "Omschrijving", "actief": "Actief"}
        error_messages = {
            "naam": {
                "unique": "Er bestaat al een team met deze naam.",
                "required": "Vul de naam van het team in.",
            }
        }


class RoleForm(forms.Form):
    name = forms.CharField(
        label="Naam van de rol",
        max_length=150,
        error_messages={"required": "Vul de naam van de rol in."},
    )
    rechten = forms.MultipleChoiceField(
        label="Rechten",
        choices=_perm_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, instance: Group | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": instance.name,
                "rechten": list(
                    instance.permissions.filter(content_type__app_label="accounts").values_list(
                        "codename", flat=True
                    )
                ),
            }
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Group.objects.filter(name__iexact=name)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Er bestaat al een rol met deze naam.")
        return name

    def permissions(self) -> list[Permission]:
        codes = self.cleaned_data.get("rechten", [])
        return list(
            Permission.objects.filter(content_type__app_label="accounts", codename__in=codes)
        )


class ApiTokenForm(forms.ModelForm[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["naam", "verloopt_op"]
        labels = {"naam": "Naam (waarvoor gebruikt u dit token?)", "verloopt_op": "Verloopt op"}
        widgets = {"verloopt_op": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        error_messages = {"naam": {"required": "Geef het token een naam."}}
