"""Forms of reporting (Dutch messages at the field)."""

from __future__ import annotations

from django import forms

from zicht.reporting.domain.perioden import PeriodeFout, periode_lees


class PeriodeVeld(forms.CharField):
    def clean(self, value: object) -> str:
        tekst = super().clean(value)
        try:
            return periode_lees(tekst).code
        except PeriodeFout as fout:
            raise forms.ValidationError(str(fout)) from None


class CbsForm(forms.Form):
    periode = PeriodeVeld(label="Periode (halfjaar)", help_text="Bijvoorbeeld 2019-H1.")
    formaat = forms.ChoiceField(
        label="Formaat",
        choices=[("txt", "vaste breedte (ASCII)"), ("xlsx", "spreadsheet (xlsx)")],
        initial="txt",
    )
    correctie = forms.BooleanField(
        label="Correctielevering (vervangt de hele periode)", required=False
    )


class GemeenteForm(forms.Form):
    gemeente = forms.ChoiceField(label="Gemeente")
    periode = PeriodeVeld(
        label="Periode", help_text="Een jaar (2019), halfjaar (2019-H1) of maand (2019-08)."
    )
    afronden = forms.BooleanField(label="Afronden op 5 (zoals CBS publiceert)", required=False)

    def __init__(self, *args: object, gemeenten: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["gemeente"].choices = gemeenten  # type: ignore[attr-defined]


class BestuurForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)
    maand = forms.TypedChoiceField(
        label="Na",
        coerce=int,
        choices=[(4, "4 maanden"), (8, "8 maanden"), (12, "het hele jaar")],
        initial=8,
    )
