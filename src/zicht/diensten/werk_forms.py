"""Forms of the work pages. They check types only; the rules live in ``werk_services``."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from zicht.casework.models import Betrokkene
from zicht.diensten.domain.huisverbod import HuisverbodStatus, Oplegger
from zicht.diensten.domain.werk import Urensoort

VERPLICHT = {"required": "Dit veld is verplicht."}
GEEN_JAAR = "Kies een geldig jaar."


class HuisverbodForm(forms.Form):
    opgelegd_op = forms.DateTimeField(
        label="Opgelegd op (datum en tijd)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        error_messages={**VERPLICHT, "invalid": "Vul een geldige datum en tijd in."},
    )
    opgelegd_door = forms.ChoiceField(
        label="Opgelegd door",
        choices=[(o.value, o.label) for o in Oplegger],
        error_messages=VERPLICHT,
    )
    uithuisgeplaatste = forms.ModelChoiceField(
        label="Uithuisgeplaatste",
        queryset=Betrokkene.objects.none(),
        error_messages={**VERPLICHT, "invalid_choice": "Kies een betrokkene van deze casus."},
    )
    beschermden = forms.ModelMultipleChoiceField(
        label="Beschermde personen",
        queryset=Betrokkene.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Kies ten minste één beschermde persoon.",
            "invalid_choice": "Kies alleen betrokkenen van deze casus.",
        },
    )
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, betrokkenen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in ("uithuisgeplaatste", "beschermden"):
            field: Any = self.fields[veld]
            field.queryset = betrokkenen
            field.label_from_instance = _betrokkene_label


def _betrokkene_label(betrokkene: Betrokkene) -> str:
    persoon = betrokkene.persoon
    naam = " ".join(p for p in (persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam) if p)
    return f"{naam} ({betrokkene.get_rol_display()})"


class VerlengingForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    nieuw_einde = forms.DateField(
        label="Nieuwe einddatum",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**VERPLICHT, "invalid": "Vul een geldige datum in."},
    )
    besloten_op = forms.DateField(
        label="Besluit van de burgemeester op",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**VERPLICHT, "invalid": "Vul een geldige datum in."},
    )
    besloten_door = forms.ChoiceField(
        label="Besloten door",
        choices=[(o.value, o.label) for o in Oplegger],
        initial=Oplegger.BURGEMEESTER.value,
        help_text="Alleen de burgemeester kan verlengen.",
    )
    reden = forms.CharField(label="Reden", max_length=500, error_messages=VERPLICHT)


class BeeindigenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Hoe eindigde het huisverbod",
        choices=[
            (HuisverbodStatus.AFGELOPEN.value, "afgelopen (einddatum bereikt)"),
            (HuisverbodStatus.INGETROKKEN.value, "ingetrokken"),
        ],
    )
    op = forms.DateField(
        label="Op",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**VERPLICHT, "invalid": "Vul een geldige datum in."},
    )


class VoorlichtingForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
    datum = forms.DateField(
        label="Datum",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**VERPLICHT, "invalid": "Vul een geldige datum in."},
    )
    onderwerp = forms.CharField(label="Onderwerp", max_length=200, error_messages=VERPLICHT)
    doelgroep = forms.CharField(
        label="Doelgroep", max_length=200, error_messages=VERPLICHT, help_text="Bijv. huisartsen."
    )
    organisatie = forms.CharField(label="Organisatie", max_length=200, error_messages=VERPLICHT)
    deelnemers = forms.IntegerField(
        label="Aantal deelnemers",
        min_value=0,
        error_messages={**VERPLICHT, "invalid": "Vul een geheel getal in."},
    )
    minuten = forms.IntegerField(
        label="Duur in minuten",
        min_value=1,
        error_messages={**VERPLICHT, "invalid": "Vul een geheel getal in."},
    )


class JaarForm(forms.Form):
    """``?jaar=`` of a list per year (voorlichtingen). Empty means the current year; anything
    else that is not a year from 2000 to 2100 is an error at the field, not a silent default."""

    jaar = forms.IntegerField(
        label="Jaar",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), GEEN_JAAR),
    )


class TijdForm(forms.Form):
    """Quick entry: a date, a duration and what it was for (a dienst of one's own work, or a
    service for casus-level work)."""

    datum = forms.DateField(
        label="Datum",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**VERPLICHT, "invalid": "Vul een geldige datum in."},
    )
    minuten = forms.IntegerField(
        label="Minuten",
        min_value=1,
        max_value=24 * 60,
        error_messages={
            **VERPLICHT,
            "invalid": "Vul een geheel aantal minuten in.",
            "min_value": "Vul een tijd groter dan 0 in.",
            "max_value": "Eén boeking kan niet meer dan 24 uur zijn.",
        },
    )
    werk = forms.ChoiceField(label="Waarvoor", error_messages=VERPLICHT)
    omschrijving = forms.CharField(label="Omschrijving", max_length=200, required=False)

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        werk: Any = self.fields["werk"]
        werk.choices = [("", "— kies —"), *keuzes]


#: Services one can book casus-less or casus-level time on (not a dienst row).
URENSOORT_KEUZES: list[tuple[str, str]] = [(f"soort:{s.value}", s.label) for s in Urensoort]


class CorrectieForm(forms.Form):
    minuten = forms.IntegerField(
        label="Juiste aantal minuten",
        min_value=0,
        max_value=24 * 60,
        error_messages={
            **VERPLICHT,
            "invalid": "Vul een geheel aantal minuten in.",
            "min_value": "Vul 0 of meer minuten in.",
            "max_value": "Eén boeking kan niet meer dan 24 uur zijn.",
        },
    )
    omschrijving = forms.CharField(label="Reden van de correctie", max_length=200, required=False)


WERK_SLEUTEL = re.compile(r"^(dienst|taak)-(\d{1,12}):(\d{1,9})$")


class ToewijzingForm(forms.Form):
    """Assigns the selected work (``werk``: "dienst-12:3" = kind, id and the version read) to
    one member of the team."""

    team = forms.IntegerField(widget=forms.HiddenInput)
    medewerker = forms.IntegerField(
        label="Medewerker", error_messages={**VERPLICHT, "invalid": "Kies een medewerker."}
    )
    reden = forms.CharField(
        label="Reden (verplicht bij herverdelen)", max_length=500, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.werk: list[tuple[str, int, int]] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        ruw = self.data.getlist("werk") if hasattr(self.data, "getlist") else []
        if not ruw:
            raise forms.ValidationError("Selecteer het werk dat u wilt toewijzen.")
        if len(ruw) > 200:
            raise forms.ValidationError("Selecteer hooguit 200 stukken werk tegelijk.")
        werk = []
        for waarde in ruw:
            match = WERK_SLEUTEL.fullmatch(waarde)
            if match is None:
                raise forms.ValidationError("De selectie is ongeldig; laad de pagina opnieuw.")
            werk.append((match[1], int(match[2]), int(match[3])))
        self.werk = werk
        return data
