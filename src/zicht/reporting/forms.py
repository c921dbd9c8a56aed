"""Forms of reporting (Dutch messages at the field)."""

from __future__ import annotations

from django import forms

from zicht.reporting.domain.perioden import PeriodeFout, periode_lees
from zicht.reporting.models import ExportFormaat, ExportSoort
from zicht.reporting.services import FORMATEN_PER_SOORT


class PeriodeVeld(forms.CharField):
    def clean(self, value: object) -> str:
        tekst = super().clean(value)
        try:
            return periode_lees(tekst).code
        except PeriodeFout as fout:
            raise forms.ValidationError(str(fout)) from None


def formaat_veld(soort: str) -> forms.ChoiceField:
    """The file format of an export of ``soort``, chosen with the export buttons (a hidden
    field: empty on the page itself, where the service takes its default). The formats are
    the service's (``FORMATEN_PER_SOORT``)."""
    toegestaan = FORMATEN_PER_SOORT[soort]
    return forms.ChoiceField(
        label="Formaat",
        choices=[(f, ExportFormaat(f).label) for f in toegestaan],
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": f"Formaat ‘%(value)s’ kan niet voor deze rapportage; kies "
            f"{' of '.join(toegestaan)}."
        },
    )


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
    formaat = formaat_veld(ExportSoort.GEMEENTE)

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
    formaat = formaat_veld(ExportSoort.BESTUUR)
