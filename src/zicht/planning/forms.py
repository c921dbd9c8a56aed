"""Forms of the planning pages. Messages are Dutch and appear next to the field.

Numbers are typed the Dutch way (``0,229``; ``localize=True``). The domain checks run in the
forms as well, so an error is shown at the right field before the service is called; the
services check again (the CLI and later API use them directly).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from zicht.planning.domain.begrippen import Bronstatus, Scenario
from zicht.planning.domain.parameters import (
    CATALOGUS,
    GROEPEN,
    productieve_uren_controleren,
    waarden_controleren,
)
from zicht.planning.domain.simulatie import MAX_REPLICATIES, WEIGEREN_VANAF
from zicht.planning.models import Beoordeling, Parameter
from zicht.planning.services import MAX_SEED, REALISATIE_VELDEN

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
SCENARIO_KEUZES = [(s.value, s.label) for s in Scenario]
STATUS_KEUZES = [(s.value, s.label) for s in Bronstatus]

_GETAL_FOUTEN = {
    "required": "Vul een waarde in.",
    "invalid": "Vul een getal in, bijvoorbeeld 0,229 of 1400.",
    "max_decimal_places": "Gebruik hoogstens %(max)s decimalen.",
    "max_digits": "Dit getal is te groot.",
    "max_whole_digits": "Dit getal is te groot.",
}


def veldnaam(code: str) -> str:
    """The form field name of parameter ``code`` (dots are awkward in templates)."""
    return code.replace(".", "__")


def _getalveld(label: str, *, decimalen: int = 6, verplicht: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=18,
        decimal_places=decimalen,
        localize=True,
        required=verplicht,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages=_GETAL_FOUTEN,
    )


class ParameterForm(forms.Form):
    """Every editable parameter with its status and source, plus the plan scenario."""

    planscenario = forms.ChoiceField(
        label="Scenario van de begroting (plan)",
        choices=SCENARIO_KEUZES,
        help_text="Het groeiscenario waartegen de realisatie en de signalen worden gemeten.",
    )
    toelichting = forms.CharField(
        label="Toelichting bij deze versie",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Waarom verandert u de parameters? Bijvoorbeeld: landelijke urennormen 2020.",
        error_messages={
            "required": "Geef een toelichting: waarom verandert u de parameters?",
            "max_length": "De toelichting mag hoogstens 500 tekens lang zijn.",
        },
    )
    basis_versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, rijen: dict[str, Parameter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rijen = rijen
        self.sleutels = [s for s in CATALOGUS if s.bewerkbaar]
        for sleutel in self.sleutels:
            naam = veldnaam(sleutel.code)
            rij = rijen.get(sleutel.code)
            self.fields[naam] = _getalveld(sleutel.label)
            self.fields[f"{naam}__status"] = forms.ChoiceField(
                label=f"Status van ‘{sleutel.label}’",
                choices=STATUS_KEUZES,
                error_messages={"invalid_choice": "Kies gepubliceerd, afgeleid of aangenomen."},
            )
            self.fields[f"{naam}__bron"] = forms.CharField(
                label=f"Bron van ‘{sleutel.label}’",
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "bron"}),
                error_messages={"max_length": "De bron mag hoogstens 500 tekens lang zijn."},
            )
            if rij is not None:
                self.initial.setdefault(naam, Decimal(format(rij.waarde.normalize(), "f")))
                self.initial.setdefault(f"{naam}__status", rij.status)
                self.initial.setdefault(f"{naam}__bron", rij.bron)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        waarden: dict[str, Decimal | None] = {
            code: rij.waarde for code, rij in self.rijen.items() if code.startswith("gepubliceerd.")
        }
        for sleutel in self.sleutels:
            naam = veldnaam(sleutel.code)
            if naam in self.errors:
                return cleaned  # field errors first; the cross-field rules need every value
            waarden[sleutel.code] = cleaned.get(naam)
        for code, bericht in waarden_controleren(waarden).items():
            naam = veldnaam(code)
            if naam in self.fields:
                self.add_error(naam, bericht)
            else:
                self.add_error(None, bericht)
        return cleaned

    def groepen(self) -> list[dict[str, Any]]:
        """The rows for the template: per group, per key the three bound fields."""
        uitkomst: dict[str, dict[str, Any]] = {}
        for sleutel in self.sleutels:
            naam = veldnaam(sleutel.code)
            groep = uitkomst.setdefault(
                sleutel.groep.value, {"titel": GROEPEN[sleutel.groep], "rijen": []}
            )
            groep["rijen"].append(
                {
                    "sleutel": sleutel,
                    "eenheid": sleutel.soort.eenheid,
                    "waarde": self[naam],
                    "status": self[f"{naam}__status"],
                    "bron": self[f"{naam}__bron"],
                }
            )
        return list(uitkomst.values())

    def invoer(self) -> dict[str, tuple[Decimal, Bronstatus, str]]:
        return {
            s.code: (
                self.cleaned_data[veldnaam(s.code)],
                Bronstatus(self.cleaned_data[f"{veldnaam(s.code)}__status"]),
                self.cleaned_data[f"{veldnaam(s.code)}__bron"],
            )
            for s in self.sleutels
        }


class JaarAanmakenForm(forms.Form):
    jaar = forms.IntegerField(
        label="Nieuw jaar",
        min_value=2015,
        max_value=2100,
        error_messages={
            "required": "Vul het jaar in.",
            "invalid": "Vul een jaartal in, bijvoorbeeld 2020.",
            "min_value": "Kies een jaar vanaf 2015.",
            "max_value": "Kies een jaar tot en met 2100.",
        },
    )
    van_jaar = forms.TypedChoiceField(label="Kopie van", coerce=int, choices=())

    def __init__(self, *args: Any, jaren: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["van_jaar"].choices = [(j, str(j)) for j in jaren]  # type: ignore[attr-defined]


class BegrotingForm(forms.Form):
    """The year and a sensitivity value for the begroting page (GET)."""

    jaar = forms.TypedChoiceField(label="Jaar", coerce=int, choices=())
    productieve_uren = forms.DecimalField(
        label="Productieve uren per fte (gevoeligheid)",
        required=False,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text="Leeg: de waarde uit de parameters.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=_GETAL_FOUTEN,
    )

    def __init__(self, *args: Any, jaren: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(j, str(j)) for j in jaren]  # type: ignore[attr-defined]
        self.fields["jaar"].error_messages["invalid_choice"] = (
            "Voor dit jaar zijn geen planningsparameters; kies een van de jaren in de lijst."
        )

    def clean_productieve_uren(self) -> Decimal | None:
        waarde: Decimal | None = self.cleaned_data.get("productieve_uren")
        if waarde is None:
            return None
        if (fout := productieve_uren_controleren(waarde)) is not None:
            raise forms.ValidationError(fout)
        return waarde


REALISATIE_LABELS = {
    "fte_uitvoering": "Fte uitvoering",
    "fte_management": "Fte management en ondersteuning",
    "fte_eenmalig": "Fte risico- en ontwikkelruimte (inhuur)",
    "personeelslasten_eur": "Personeelslasten (€)",
    "overige_kosten_eur": "Overige bedrijfskosten (€)",
    "ondersteuning_ggd_eur": "Ondersteuning GGD (€)",
    "eenmalig_eur": "Eenmalige kosten risico- en ontwikkelruimte (€)",
}


class RealisatieForm(forms.Form):
    maand = forms.TypedChoiceField(
        label="Maand",
        coerce=int,
        choices=[(i, naam) for i, naam in enumerate(MAANDEN, start=1)],
        error_messages={"required": "Kies een maand.", "invalid_choice": "Kies een maand."},
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optioneel, bijvoorbeeld bij een correctie.",
        error_messages={"max_length": "De toelichting mag hoogstens 500 tekens lang zijn."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in REALISATIE_VELDEN:
            self.fields[veld] = forms.DecimalField(
                label=REALISATIE_LABELS[veld],
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                error_messages={
                    **_GETAL_FOUTEN,
                    "required": "Vul een waarde in (0 als er niets was).",
                    "min_value": "Een gerealiseerde waarde kan niet negatief zijn.",
                },
            )
        self.order_fields(["maand", *REALISATIE_VELDEN, "toelichting"])


class SimulatieForm(forms.Form):
    jaar = forms.TypedChoiceField(label="Jaar", coerce=int, choices=())
    scenario = forms.ChoiceField(label="Scenario", choices=SCENARIO_KEUZES, initial="midden")
    replicaties = forms.IntegerField(
        label="Aantal replicaties",
        initial=50,
        help_text=f"Hoe vaak het jaar wordt nagespeeld; hoogstens {MAX_REPLICATIES}.",
        error_messages={
            "required": "Vul het aantal replicaties in.",
            "invalid": "Vul een geheel getal in, bijvoorbeeld 50.",
        },
    )
    seed = forms.IntegerField(
        label="Startgetal (seed)",
        initial=1,
        min_value=0,
        max_value=MAX_SEED,
        help_text="Hetzelfde startgetal geeft dezelfde uitkomst.",
        error_messages={
            "required": "Vul een startgetal in.",
            "invalid": "Vul een geheel getal in.",
            "min_value": "Het startgetal ligt tussen 0 en 99.999.999.",
            "max_value": "Het startgetal ligt tussen 0 en 99.999.999.",
        },
    )
    fte_vb = forms.DecimalField(
        label="Fte team veiligheidsbeoordeling",
        required=False,
        max_digits=7,
        decimal_places=2,
        localize=True,
        help_text="Leeg: de formatie uit de begroting.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=_GETAL_FOUTEN,
    )
    fte_vervolg = forms.DecimalField(
        label="Fte team vervolg (V&V en onderzoek)",
        required=False,
        max_digits=7,
        decimal_places=2,
        localize=True,
        help_text="Leeg: de formatie uit de begroting.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=_GETAL_FOUTEN,
    )
    zoek_fte = forms.BooleanField(
        label="Zoek ook hoeveel fte het team veiligheidsbeoordeling nodig heeft voor de norm",
        required=False,
    )

    def __init__(self, *args: Any, jaren: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(j, str(j)) for j in jaren]  # type: ignore[attr-defined]
        self.fields["jaar"].error_messages["invalid_choice"] = (
            "Voor dit jaar zijn geen planningsparameters; kies een van de jaren in de lijst."
        )

    def clean_replicaties(self) -> int:
        waarde: int = self.cleaned_data["replicaties"]
        if waarde < 1:
            raise forms.ValidationError("Vraag minstens 1 replicatie.")
        if waarde >= WEIGEREN_VANAF:
            raise forms.ValidationError(
                f"{waarde:,} replicaties is te veel: dat duurt dagen. Vraag er hoogstens "
                f"{MAX_REPLICATIES:,}.".replace(",", ".")
            )
        return waarde

    def _fte(self, veld: str) -> Decimal | None:
        waarde: Decimal | None = self.cleaned_data.get(veld)
        if waarde is not None and not Decimal(0) < waarde <= Decimal(1000):
            raise forms.ValidationError("Vul een formatie groter dan 0 en hoogstens 1000 fte in.")
        return waarde

    def clean_fte_vb(self) -> Decimal | None:
        return self._fte("fte_vb")

    def clean_fte_vervolg(self) -> Decimal | None:
        return self._fte("fte_vervolg")


class RisicoForm(forms.Form):
    kans = forms.ChoiceField(label="Kans", choices=Beoordeling.choices)
    impact = forms.ChoiceField(label="Impact", choices=Beoordeling.choices)
    maatregelen = forms.CharField(
        label="Beheersmaatregelen",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Beschrijf de beheersmaatregelen.",
            "max_length": "Hoogstens 2000 tekens.",
        },
    )
    eigenaar = forms.CharField(
        label="Eigenaar",
        max_length=100,
        help_text="Een functie, geen naam (bijvoorbeeld ‘manager Veilig Thuis’).",
        error_messages={
            "required": "Vul de eigenaar (een functie) in.",
            "max_length": "Hoogstens 100 tekens.",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
