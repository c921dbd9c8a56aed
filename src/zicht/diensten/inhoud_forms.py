"""Forms of the dienst pages (overdracht, V&V, Onderzoek, monitoring). They check input shapes;
the services own the rules. Every form carries the ``version`` of the dienst the user saw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from zicht.assessment.models import Ketenpartner
from zicht.diensten.domain.monitoring import ESCALATIE_LABELS, Fasering
from zicht.diensten.inhoud_services import MAX_VERLENGING_WEKEN
from zicht.diensten.models import (
    ConclusieSoort,
    Nageleefd,
    PlanRegelSoort,
    Prioriteit,
    RedenVoortijdig,
    Veiligheid,
)


def _datum(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Vul een datum in.", "invalid": "Vul een geldige datum in."},
        **kwargs,
    )


def _tekst(label: str, *, required: bool = True, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Vul ‘{label.lower()}’ in."},
        **kwargs,
    )


class DienstForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, dienst: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dienst = dienst
        if dienst is not None and not self.is_bound:
            self.initial.setdefault("version", dienst.version)


class VoorwaardeForm(DienstForm):
    tekst = _tekst("Veiligheidsvoorwaarde")
    wie = forms.CharField(
        label="Wie moet eraan voldoen",
        max_length=200,
        help_text="Bijvoorbeeld: moeder, vader, beide ouders, het netwerk.",
        error_messages={"required": "Vul in wie aan deze voorwaarde moet voldoen."},
    )


class PlanRegelForm(DienstForm):
    soort = forms.ChoiceField(label="Soort", choices=PlanRegelSoort.choices)
    omschrijving = _tekst("Omschrijving")
    eigenaar = forms.CharField(
        label="Wie (uitvoerder)",
        max_length=200,
        required=False,
        help_text="Bij een actie: wie voert haar uit.",
    )
    persoon = forms.TypedChoiceField(
        label="Gezinslid",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Bij zorg en schade: om wie gaat het.",
    )
    deadline = _datum("Uiterlijk", required=False)
    prioriteit = forms.ChoiceField(
        label="Prioriteit", required=False, choices=[("", "—"), *Prioriteit.choices]
    )
    herstel = _tekst("Herstel van de schade", required=False)

    def __init__(self, *args: Any, personen: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = [("", "—"), *personen]  # type: ignore[attr-defined]


class PlanStatusForm(DienstForm):
    status = forms.ChoiceField(label="Status", choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from zicht.diensten.models import PlanRegelStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = PlanRegelStatus.choices  # type: ignore[attr-defined]


class OpschortenForm(DienstForm):
    van = _datum("Opgeschort van")
    tot = _datum("Tot en met")
    reden = forms.CharField(label="Reden", max_length=250)


class VerlengenForm(DienstForm):
    # The limits (1 to MAX_VERLENGING_WEKEN) are the service's rule (termijn_verlengen), so the
    # API enforces them too; the widget only hints them to the browser.
    aantal = forms.IntegerField(
        label="Verlengen met (weken, de eenheid van de 10-wekentermijn)",
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_VERLENGING_WEKEN}),
    )
    reden = forms.CharField(label="Reden", max_length=250)


class VvAfrondenForm(DienstForm):
    motivering = _tekst("Motivering", help_text="Hoe is het plan afgesproken en wat volgt er.")


class OnderzoekStartenForm(DienstForm):
    gestart_op = _datum("Onderzoek gestart op")


class BevindingenForm(DienstForm):
    bevindingen = _tekst("Bevindingen", rows=6)
    vervolg_na_onderzoek = forms.MultipleChoiceField(
        label="Vervolg na onderzoek", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, vervolg_codes: Sequence[tuple[str, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vervolg_na_onderzoek"].choices = vervolg_codes  # type: ignore[attr-defined]


class OnderzoekAfrondenForm(DienstForm):
    """A conclusion per aard of violence (the aarden of the melding), findings, and whether
    VT asks the RvdK to investigate."""

    bevindingen = _tekst("Bevindingen", rows=5)
    rvdk_verzoek = forms.BooleanField(
        label="Verzoek tot onderzoek aan de Raad voor de Kinderbescherming", required=False
    )

    def __init__(
        self,
        *args: Any,
        aarden: Sequence[tuple[str, str]] = (),
        kind: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.aarden = list(aarden)
        for code, label in self.aarden:
            self.fields[f"conclusie_{code}"] = forms.ChoiceField(
                label=f"Conclusie: {label}",
                choices=[("", "—"), *ConclusieSoort.choices],
                required=True,
                error_messages={"required": "Kies een conclusie voor deze aard."},
            )
            self.fields[f"kind_{code}"] = forms.BooleanField(
                label=f"{label}: betreft een kind (kindermishandeling)",
                required=False,
                initial=kind,
            )
            self.fields[f"reden_{code}"] = forms.ChoiceField(
                label=f"{label}: reden voortijdig afgesloten",
                choices=[("", "—"), *RedenVoortijdig.choices],
                required=False,
            )


class AanbiedenForm(DienstForm):
    ketenpartner = forms.ModelChoiceField(
        label="Ketenpartner",
        queryset=Ketenpartner.objects.filter(actief=True).order_by("naam"),
        error_messages={"required": "Kies de ketenpartner die de casus overneemt."},
    )
    aangeboden_op = _datum("Aangeboden op")


class AccepterenForm(DienstForm):
    geaccepteerd_op = _datum("Geaccepteerd op")
    geaccepteerd_door = forms.CharField(
        label="Geaccepteerd door (naam en functie bij de ketenpartner)", max_length=200
    )
    verantwoordelijk_vanaf = _datum("Verantwoordelijkheid voor de veiligheid over op")


class WeigerenForm(DienstForm):
    geweigerd_op = _datum("Geweigerd op")
    reden = _tekst("Reden van de weigering")


class ContactForm(DienstForm):
    datum = _datum("Datum van het contact")
    met_wie = forms.CharField(label="Met wie", max_length=300)
    voorwaarden = forms.ChoiceField(
        label="Voorwaarden nageleefd", choices=Nageleefd.choices, widget=forms.RadioSelect
    )
    veiligheid = forms.ChoiceField(
        label="Veiligheid", choices=Veiligheid.choices, widget=forms.RadioSelect
    )
    herstel = _tekst("Herstel van de schade", required=False)
    notitie = _tekst("Notitie", required=False)


class EscalerenForm(DienstForm):
    escalatie = forms.ChoiceField(
        label="Wat zet de escalatie in gang",
        choices=[(k.value, v) for k, v in ESCALATIE_LABELS.items()],
        widget=forms.RadioSelect,
    )
    reden = _tekst("Waarom is de veiligheid verloren")


class MonitoringAfrondenForm(DienstForm):
    eindoordeel = _tekst(
        "Eindoordeel",
        rows=5,
        help_text=(
            "Is de veiligheid stabiel, worden de voorwaarden nageleefd, wordt schade hersteld?"
        ),
    )


class KetenpartnerForm(forms.Form):
    naam = forms.CharField(
        label="Organisatie",
        max_length=200,
        error_messages={"required": "Vul de naam van de organisatie in."},
    )
    soort = forms.ChoiceField(
        label="Type organisatie",
        choices=[],
        error_messages={"required": "Kies het type organisatie."},
    )
    contactpersoon = forms.CharField(label="Contactpersoon", max_length=200, required=False)
    telefoon = forms.CharField(label="Telefoon", max_length=40, required=False)
    email = forms.EmailField(label="E-mail", max_length=200, required=False)
    veilig_thuis = forms.BooleanField(label="Andere Veilig Thuis-organisatie", required=False)
    actief = forms.BooleanField(label="Actief", required=False, initial=True)

    SOORTEN = (
        "wijkteam",
        "jeugdhulp",
        "gecertificeerde instelling",
        "Raad voor de Kinderbescherming",
        "politie/OM",
        "vrouwenopvang",
        "GGZ",
        "verslavingszorg",
        "thuiszorg",
        "huisarts",
        "Veilig Thuis",
        "anders",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", "—"), *((s, s) for s in self.SOORTEN)]  # type: ignore[attr-defined]


class BeleidForm(forms.Form):
    """A new monitoring policy. ``stappen`` is text (one stage per line, ‘interval, tot
    maand’) and cleans to a list of :class:`Fasering`; whether the stages make a valid policy
    is the service's rule (:func:`inhoud_services.monitoringsbeleid_publiceren`)."""

    omschrijving = forms.CharField(
        label="Omschrijving",
        max_length=200,
        error_messages={"required": "Vul een omschrijving in."},
    )
    stappen = forms.CharField(
        label="Fasen",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Eén fase per regel: ‘interval in maanden, tot maand’. Bijvoorbeeld ‘1, 3’ en "
            "daaronder ‘3, 18’: maandelijks tot 3 maanden, daarna per kwartaal tot 18 maanden."
        ),
        error_messages={"required": "Vul minstens één fase in, bijvoorbeeld ‘1, 3’."},
    )

    def clean_stappen(self) -> list[Fasering]:
        regels = [r for r in self.cleaned_data["stappen"].splitlines() if r.strip()]
        stappen: list[Fasering] = []
        fouten: list[str] = []
        for nr, regel in enumerate(regels, start=1):
            delen = [d.strip() for d in regel.split(",")]
            if len(delen) != 2 or not all(d.isdecimal() for d in delen):
                fouten.append(
                    f"Regel {nr} (‘{regel.strip()}’): schrijf ‘interval, tot maand’ met hele "
                    "getallen, bijvoorbeeld ‘3, 18’."
                )
                continue
            stappen.append(Fasering(int(delen[0]), int(delen[1])))
        if fouten:
            raise forms.ValidationError(fouten)
        return stappen


class DossierOverdrachtForm(forms.Form):
    ontvanger = forms.ModelChoiceField(
        label="Ontvangende Veilig Thuis-organisatie",
        queryset=Ketenpartner.objects.filter(actief=True, veilig_thuis=True).order_by("naam"),
        error_messages={"required": "Kies de Veilig Thuis-organisatie die de casus overneemt."},
    )
    formaat = forms.ChoiceField(
        label="Formaat",
        choices=[("json", "JSON (gegevens)"), ("pdf", "PDF (leesbaar)")],
        widget=forms.RadioSelect,
        initial="json",
    )
    reden = forms.CharField(
        label="Reden", max_length=300, help_text="Bijvoorbeeld: gezin verhuisd naar de regio."
    )
