"""Forms of the dossier pages. They validate input shapes; the services own the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from zicht.accounts.models import Team
from zicht.casework.domain.bestanden import MAX_GROOTTE, TOEGESTANE_TYPES
from zicht.casework.models import JOURNAAL_SOORTEN_HANDMATIG, CasusStatus
from zicht.core.domain.terms import Eenheid
from zicht.core.models import TermijnDefinitie

MAX_BIJLAGEN = 10


class CasusFilterForm(forms.Form):
    q = forms.CharField(
        label="Casusnummer",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "2026-000123"}),
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "alle"), *CasusStatus.choices],
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.none(), empty_label="alle teams"
    )

    def __init__(self, *args: Any, teams: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            files = [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        elif data:
            files = [super().clean(data, initial)]
        else:
            files = []
        if len(files) > MAX_BIJLAGEN:
            raise ValidationError(f"U kunt maximaal {MAX_BIJLAGEN} bijlagen tegelijk toevoegen.")
        return files


_TYPES_TEKST = ", ".join(sorted(ext for t in TOEGESTANE_TYPES for ext in t.extensies))


class JournaalForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=JOURNAAL_SOORTEN_HANDMATIG)
    moment = forms.DateTimeField(
        label="Moment van het contact",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    tekst = forms.CharField(label="Verslag", widget=forms.Textarea(attrs={"rows": 8}))
    medisch = forms.BooleanField(
        label="Medische notitie (alleen zichtbaar voor de vertrouwensarts)", required=False
    )
    bijlagen = MultipleFileField(
        label="Bijlagen",
        required=False,
        help_text=(
            f"Toegestaan: {_TYPES_TEKST}; maximaal {MAX_GROOTTE // 1024 // 1024} MB per "
            f"bestand, {MAX_BIJLAGEN} bestanden."
        ),
    )

    def __init__(self, *args: Any, mag_medisch: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not mag_medisch:
            del self.fields["medisch"]
        if not self.is_bound:
            self.initial.setdefault("moment", timezone.localtime().replace(second=0, microsecond=0))


def _termijn_keuzes() -> list[tuple[str, str]]:
    """The terms valid today (latest version per code), except terms in hours.

    Read here until core offers a listing selector; one query per form."""
    keuzes = [("", "geen: vaste deadline hieronder")]
    gezien: set[str] = set()
    rijen = TermijnDefinitie.objects.filter(geldig_vanaf__lte=timezone.localdate()).order_by(
        "code", "-geldig_vanaf"
    )
    for rij in rijen:
        if rij.code in gezien:
            continue
        gezien.add(rij.code)
        termijn = rij.as_termijn()
        if termijn.eenheid is not Eenheid.UREN:
            keuzes.append((rij.code, str(termijn)))
    return keuzes


class TaakForm(forms.Form):
    omschrijving = forms.CharField(label="Omschrijving", max_length=250)
    termijn_code = forms.ChoiceField(
        label="Termijn",
        required=False,
        choices=_termijn_keuzes,
        help_text="De deadline wordt berekend met de werkdagenkalender (Algemene termijnenwet).",
    )
    deadline_datum = forms.DateField(
        label="Of: vaste deadline",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start = forms.DateField(
        label="Start",
        required=False,
        help_text="Leeg: vandaag.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    toegewezen_aan = forms.ModelChoiceField(
        label="Toegewezen aan", required=False, queryset=None, empty_label="niemand"
    )

    def __init__(self, *args: Any, medewerkers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zicht.accounts.models import User

        self.fields["toegewezen_aan"].queryset = (  # type: ignore[attr-defined]
            medewerkers if medewerkers is not None else User.objects.none()
        )
        self.fields["toegewezen_aan"].label_from_instance = lambda u: u.weergavenaam  # type: ignore[attr-defined]


class OpschortenForm(forms.Form):
    van = forms.DateField(
        label="Opgeschort van", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot = forms.DateField(
        label="Tot en met", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reden = forms.CharField(label="Reden", max_length=250)
    version = forms.IntegerField(widget=forms.HiddenInput)


class VerlengenForm(forms.Form):
    aantal = forms.IntegerField(label="Verlengen met", min_value=1, max_value=365)
    reden = forms.CharField(label="Reden", max_length=250)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AfrondenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoodtoegangForm(forms.Form):
    """Break the glass: which casus (by its number) and why (a code, optional text)."""

    nummer = forms.CharField(label="Casusnummer", max_length=16)
    reden = forms.ChoiceField(label="Reden", choices=[("", "kies een reden")])
    toelichting = forms.CharField(
        label="Toelichting (zonder namen of BSN)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from zicht.casework.models import NoodtoegangReden

        super().__init__(*args, **kwargs)
        self.fields["reden"].choices = [("", "kies een reden"), *NoodtoegangReden.choices]  # type: ignore[attr-defined]


class NoodtoegangToetsForm(forms.Form):
    oordeel = forms.ChoiceField(
        label="Oordeel",
        choices=[("terecht", "terecht"), ("onterecht", "onterecht")],
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label="Toelichting (verplicht bij ‘onterecht’, zonder namen)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MedischeNotitieForm(forms.Form):
    tekst = forms.CharField(label="Medische notitie", widget=forms.Textarea(attrs={"rows": 5}))


class VrijgaveForm(forms.Form):
    reden = forms.CharField(
        label="Reden van vrijgave voor inzage",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
