"""Forms of the privacy pages: input shapes only; the services own the rules."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from zicht.casework.models import Casus
from zicht.people.models import Persoon
from zicht.privacy.models import Grondslag
from zicht.privacy.selectors import SOORTEN, AuditZoek

DATUM = forms.DateInput(attrs={"type": "date"})


class PersoonZoekForm(forms.Form):
    bsn = forms.CharField(label="BSN", max_length=9, required=False)
    achternaam = forms.CharField(label="Achternaam", max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("bsn") and not data.get("achternaam"):
            raise forms.ValidationError("Vul een BSN of een achternaam in.")
        return data


class InzageVerzoekForm(forms.Form):
    verzoeker = forms.ChoiceField(
        label="Wie doet het verzoek",
        choices=[
            ("betrokkene", "de betrokkene zelf"),
            ("vertegenwoordiger", "wettelijk vertegenwoordiger"),
        ],
    )
    vertegenwoordiger = forms.ModelChoiceField(
        label="Wettelijk vertegenwoordiger", queryset=Persoon.objects.none(), required=False
    )
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DATUM)

    def __init__(self, *args: Any, persoon: Persoon, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only people with recorded gezag over this person are offered.
        self.fields["vertegenwoordiger"].queryset = Persoon.objects.filter(  # type: ignore[attr-defined]
            gezag_van__kind=persoon
        ).distinct()


class CorrectieForm(forms.Form):
    casus = forms.ModelChoiceField(label="Dossier", queryset=Casus.objects.none(), required=False)
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DATUM)
    verzoek = forms.CharField(
        label="Wat onjuist is en wat het moet zijn", widget=forms.Textarea(attrs={"rows": 3})
    )
    besluit = forms.ChoiceField(
        label="Besluit",
        required=False,
        choices=[
            ("", "nog niet beslist"),
            ("toegewezen", "toegewezen"),
            ("afgewezen", "afgewezen"),
        ],
    )
    motivering = forms.CharField(
        label="Motivering", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, persoon: Persoon, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["casus"].queryset = Casus.objects.filter(
            betrokkenen__persoon=persoon
        ).distinct()  # type: ignore[attr-defined]


class VerklaringForm(forms.Form):
    casus = forms.ModelChoiceField(label="Dossier", queryset=Casus.objects.none())
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DATUM)
    tekst = forms.CharField(
        label="Eigen verklaring van de betrokkene", widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, persoon: Persoon, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["casus"].queryset = Casus.objects.filter(
            betrokkenen__persoon=persoon
        ).distinct()  # type: ignore[attr-defined]


class VernietigingsverzoekForm(forms.Form):
    ontvangen_op = forms.DateField(label="Schriftelijk verzoek ontvangen op", widget=DATUM)


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit", choices=[("toegewezen", "toegewezen"), ("afgewezen", "afgewezen")]
    )
    motivering = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 3}))


class VerstrekkingForm(forms.Form):
    casus_nummer = forms.CharField(label="Casusnummer (optioneel)", max_length=16, required=False)
    op = forms.DateField(label="Verstrekt op", widget=DATUM)
    ontvanger = forms.CharField(label="Aan wie (organisatie of functie)", max_length=200)
    wat = forms.CharField(label="Welke gegevens", widget=forms.Textarea(attrs={"rows": 2}))
    grondslag = forms.ChoiceField(label="Grondslag", choices=Grondslag.choices)


class KlachtForm(forms.Form):
    casus_nummer = forms.CharField(label="Casusnummer (optioneel)", max_length=16, required=False)
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DATUM)
    onderwerp = forms.CharField(label="Waarover", widget=forms.Textarea(attrs={"rows": 2}))


class KlachtAfhandelenForm(forms.Form):
    afgehandeld_op = forms.DateField(label="Afgehandeld op", widget=DATUM)
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 2}))


class CalamiteitForm(forms.Form):
    casus_nummer = forms.CharField(label="Casusnummer (optioneel)", max_length=16, required=False)
    bekend_op = forms.DateField(label="Bekend geworden op", widget=DATUM)
    omschrijving = forms.CharField(
        label="Wat er gebeurde", widget=forms.Textarea(attrs={"rows": 2})
    )


class CalamiteitGemeldForm(forms.Form):
    gemeld_op = forms.DateField(label="Gemeld bij de inspectie op", widget=DATUM)
    kenmerk = forms.CharField(label="Kenmerk van de inspectie", max_length=60, required=False)


class AuditZoekForm(forms.Form):
    casus = forms.CharField(label="Casusnummer", max_length=16, required=False)
    persoon = forms.IntegerField(label="Persoon (id)", min_value=1, required=False)
    gebruiker = forms.CharField(label="Gebruiker", max_length=150, required=False)
    soort = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=[("", "alles"), *((k, v[0]) for k, v in SOORTEN.items())],
    )
    vanaf = forms.DateField(label="Vanaf", required=False, widget=DATUM)
    tot = forms.DateField(label="Tot en met", required=False, widget=DATUM)

    def zoek(self) -> AuditZoek:
        d = self.cleaned_data
        tz = timezone.get_current_timezone()
        vanaf = datetime.combine(d["vanaf"], time.min, tzinfo=tz) if d.get("vanaf") else None
        tot = None
        if d.get("tot"):
            from datetime import timedelta

            tot = datetime.combine(d["tot"] + timedelta(days=1), time.min, tzinfo=tz)
        return AuditZoek(
            casus_nummer=d.get("casus") or "",
            persoon_id=d.get("persoon"),
            gebruiker=d.get("gebruiker") or "",
            soort=d.get("soort") or "",
            vanaf=vanaf,
            tot=tot,
        )


class ProefForm(forms.Form):
    peildatum = forms.DateField(label="Peildatum", widget=DATUM, required=False)
