"""Forms of the front door. They check the shape of the input (required, formats, a partial birth
date that exists); ``intake.services`` owns the rules and re-checks everything.

The melding page is one form plus a formset of person rows, bundled in :class:`MeldingPagina`,
which also knows the page's round trips: add a row, drop rows marked for removal, look for
earlier involvement, and map the service's errors (``"personen.<i>.<veld>"``) back to the rows.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.http import QueryDict
from django.utils import timezone

from zicht.casework.models import BetrokkeneRol
from zicht.intake.domain.codelijsten import Codelijst
from zicht.intake.domain.corv import lees_zorgmelding
from zicht.intake.domain.regels import (
    HOEDANIGHEID_MEDEWERKER_VT,
    HOEDANIGHEID_POLITIE,
    KANAAL_LABELS,
    RELATIE_LABELS,
    Kanaal,
    RelatieKeuze,
)
from zicht.intake.services import (
    AdviesInvoer,
    BronInvoer,
    MeldingInvoer,
    PersoonInvoer,
)
from zicht.people.domain.bsn import BSN, BsnFout
from zicht.people.domain.dates import DatumFout, PartialDate
from zicht.people.models import Geslacht

if TYPE_CHECKING:
    from zicht.intake.models import Advies, CorvBericht
    from zicht.intake.selectors import CodeKeuzes, KandidaatRij

MAX_PERSONEN = 20
PREFIX = "personen"

KANAAL_CHOICES = [("", "— kies —"), *[(k.value, KANAAL_LABELS[k]) for k in Kanaal]]
ROL_CHOICES = [("", "— kies —"), *BetrokkeneRol.choices]
RELATIE_CHOICES = [("", "geen"), *[(r.value, RELATIE_LABELS[r]) for r in RelatieKeuze]]
DATUMTIJD_FORMATEN = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


def _datumtijd_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def nu_invoer() -> str:
    """Now, as the datetime-local input shows it."""
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


# --- Candidate tokens -----------------------------------------------------------------------

_KANDIDAAT = signing.Signer(salt="zicht.intake.kandidaat")


def kandidaat_token(user_pk: int, persoon_id: int) -> str:
    """The radio value for choosing a candidate: signed for this user, so a posted form can
    only pick a person the server offered."""
    return _KANDIDAAT.sign(f"{user_pk}.{persoon_id}")


def kandidaat_uit_token(user_pk: int, token: str) -> int | None:
    try:
        waarde = _KANDIDAAT.unsign(token)
    except signing.BadSignature:
        return None
    gebruiker, _, persoon = waarde.partition(".")
    if gebruiker != str(user_pk) or not persoon.isdigit():
        return None
    return int(persoon)


# --- Shared fields --------------------------------------------------------------------------


class _MetCodes(forms.Form):
    """A form whose choices come from the code lists (``codes``: one query per page)."""

    def __init__(self, *args: Any, codes: CodeKeuzes, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes_toepassen(codes)

    def codes_toepassen(self, codes: CodeKeuzes) -> None:
        """Sets the choices; each mixin adds its own and calls ``super()``."""


class BronVelden(_MetCodes):
    """Melder / adviesvrager / informant."""

    hoedanigheid = forms.ChoiceField(label="Hoedanigheid", choices=[])
    naam = forms.CharField(label="Naam", max_length=200, required=False)
    organisatie = forms.CharField(
        label="Organisatie",
        max_length=200,
        required=False,
        help_text="Verplicht voor een beroepskracht.",
    )
    telefoon = forms.CharField(label="Telefoonnummer", max_length=40, required=False)
    email = forms.EmailField(label="E-mailadres", max_length=200, required=False)

    def codes_toepassen(self, codes: CodeKeuzes) -> None:
        super().codes_toepassen(codes)
        self.fields["hoedanigheid"].choices = codes.hoedanigheid_keuzes()  # type: ignore[attr-defined]

    def bron(self, **extra: Any) -> BronInvoer:
        d = self.cleaned_data
        return BronInvoer(
            hoedanigheid=d["hoedanigheid"],
            naam=d.get("naam", ""),
            organisatie=d.get("organisatie", ""),
            telefoon=d.get("telefoon", ""),
            email=d.get("email", ""),
            **extra,
        )


class CodesVelden(_MetCodes):
    aanleidingen = forms.MultipleChoiceField(
        label="Aanleiding",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text="Eén of meer.",
    )
    aarden = forms.MultipleChoiceField(
        label="Aard van het geweld",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text="Eén of meer.",
    )

    def codes_toepassen(self, codes: CodeKeuzes) -> None:
        super().codes_toepassen(codes)
        self.fields["aanleidingen"].choices = codes.keuzes(Codelijst.AANLEIDING)  # type: ignore[attr-defined]
        self.fields["aarden"].choices = codes.keuzes(Codelijst.AARD)  # type: ignore[attr-defined]


# --- Advies ---------------------------------------------------------------------------------


class AdviesForm(BronVelden, CodesVelden):
    formulier_token = forms.UUIDField(widget=forms.HiddenInput)
    ontvangen_op = forms.DateTimeField(
        label="Ontvangen op",
        widget=_datumtijd_widget(),
        input_formats=DATUMTIJD_FORMATEN,
        help_text="Het moment van het contact; bij post de datum van ontvangst.",
    )
    kanaal = forms.ChoiceField(label="Kanaal", choices=KANAAL_CHOICES)
    anoniem = forms.BooleanField(
        label="De adviesvrager blijft anoniem (geen naam of contactgegevens)", required=False
    )
    vraag = forms.CharField(label="Vraag", widget=forms.Textarea(attrs={"rows": 5}))
    gegeven_advies = forms.CharField(
        label="Gegeven advies", widget=forms.Textarea(attrs={"rows": 5})
    )
    vervolgadvies = forms.CharField(
        label="Vervolgadvies",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: opnieuw contact opnemen als de situatie verandert.",
    )
    duur_minuten = forms.IntegerField(label="Duur (minuten)", min_value=1, max_value=600)
    gemeente = forms.ChoiceField(
        label="Gemeente van het gezin",
        choices=[],
        required=False,
        help_text="Waar het gezin woont, als de adviesvrager dat weet (gemeenterapportage).",
    )

    field_order = [
        "formulier_token",
        "ontvangen_op",
        "kanaal",
        "hoedanigheid",
        "anoniem",
        "naam",
        "organisatie",
        "telefoon",
        "email",
        "aanleidingen",
        "aarden",
        "vraag",
        "gegeven_advies",
        "vervolgadvies",
        "duur_minuten",
        "gemeente",
    ]

    def __init__(
        self,
        *args: Any,
        codes: CodeKeuzes,
        gemeenten: Sequence[tuple[str, str]] = (("", "onbekend"),),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, codes=codes, **kwargs)
        self.fields["gemeente"].choices = list(gemeenten)  # type: ignore[attr-defined]
        self.fields["aarden"].required = False
        self.fields["aarden"].help_text = "Eén of meer, als de adviesvrager dat weet."
        self.order_fields(self.field_order)

    def invoer(self) -> AdviesInvoer:
        d = self.cleaned_data
        return AdviesInvoer(
            formulier_token=d["formulier_token"],
            ontvangen_op=d["ontvangen_op"],
            kanaal=d["kanaal"],
            adviesvrager=self.bron(anoniem=d["anoniem"]),
            aanleidingen=d["aanleidingen"],
            aarden=d["aarden"],
            vraag=d["vraag"],
            gegeven_advies=d["gegeven_advies"],
            vervolgadvies=d["vervolgadvies"],
            duur_minuten=d["duur_minuten"],
            gemeente_code=d["gemeente"] or "",
        )


# --- Melding --------------------------------------------------------------------------------


class MeldingForm(BronVelden, CodesVelden):
    formulier_token = forms.UUIDField(widget=forms.HiddenInput)
    advies = forms.IntegerField(widget=forms.HiddenInput, required=False)
    ambtshalve = forms.BooleanField(widget=forms.HiddenInput, required=False)
    corv = forms.IntegerField(widget=forms.HiddenInput, required=False)
    ontvangen_op = forms.DateTimeField(
        label="Ontvangen op",
        widget=_datumtijd_widget(),
        input_formats=DATUMTIJD_FORMATEN,
        help_text="Nu, tenzij de melding per post of via de politie (CORV) eerder binnenkwam.",
    )
    kanaal = forms.ChoiceField(label="Kanaal", choices=KANAAL_CHOICES)
    acuut = forms.BooleanField(
        label="Acute onveiligheid (in actie binnen 24 uur)",
        required=False,
        help_text="De melding komt bovenaan de werklijst van de veiligheidsbeoordeling.",
    )
    anoniem_naar_gezin = forms.BooleanField(
        label="De melder wil anoniem blijven naar het gezin", required=False
    )
    signalen = forms.CharField(
        label="Signalen in de woorden van de melder",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, codes: CodeKeuzes, **kwargs: Any) -> None:
        super().__init__(*args, codes=codes, **kwargs)
        self.fields["naam"].help_text = "De melder maakt zich bekend bij Veilig Thuis."
        self.fields["telefoon"].help_text = "Een telefoonnummer of e-mailadres is verplicht."


class PersoonForm(forms.Form):
    """One person row. ``bestaande_persoon`` is the signed token of a chosen candidate."""

    rol = forms.ChoiceField(label="Rol", choices=ROL_CHOICES)
    bsn = forms.CharField(label="BSN", max_length=20, required=False)
    voornamen = forms.CharField(label="Voornamen", max_length=200, required=False)
    tussenvoegsel = forms.CharField(label="Tussenvoegsel", max_length=20, required=False)
    achternaam = forms.CharField(label="Achternaam", max_length=200, required=False)
    geboortedatum_dag = forms.IntegerField(
        label="Dag", required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    geboortedatum_maand = forms.IntegerField(
        label="Maand", required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    geboortedatum_jaar = forms.IntegerField(
        label="Jaar", required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    geslacht = forms.ChoiceField(
        label="Geslacht", choices=Geslacht.choices, initial=Geslacht.ONBEKEND
    )
    straat = forms.CharField(label="Straat", max_length=200, required=False)
    huisnummer = forms.CharField(label="Huisnummer", max_length=20, required=False)
    postcode = forms.CharField(label="Postcode", max_length=7, required=False)
    woonplaats = forms.CharField(label="Woonplaats", max_length=100, required=False)
    gemeente = forms.ChoiceField(label="Gemeente", choices=[], required=False)
    relatie = forms.ChoiceField(label="Relatie", choices=RELATIE_CHOICES, required=False)
    relatie_met = forms.ChoiceField(label="met", choices=[], required=False)
    bestaande_persoon = forms.CharField(required=False, widget=forms.HiddenInput)
    gezocht = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        gebruiker_pk: int = 0,
        aantal_rijen: int = 1,
        gemeenten: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.gebruiker_pk = gebruiker_pk
        self.fields["gemeente"].choices = list(gemeenten)  # type: ignore[attr-defined]
        self.fields["relatie_met"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(str(n), f"persoon {n}") for n in range(1, aantal_rijen + 1)],
        ]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        token = d.get("bestaande_persoon") or ""
        d["bestaande_persoon_id"] = None
        if token:
            persoon_id = kandidaat_uit_token(self.gebruiker_pk, token)
            if persoon_id is None:
                self.add_error(None, "Kies de eerder bekende persoon opnieuw.")
            d["bestaande_persoon_id"] = persoon_id
        dag, maand, jaar = (
            d.get("geboortedatum_dag"),
            d.get("geboortedatum_maand"),
            d.get("geboortedatum_jaar"),
        )
        d["geboortedatum"] = None
        if dag is not None or maand is not None or jaar is not None:
            if jaar is None:
                self.add_error("geboortedatum_jaar", "Vul ten minste het geboortejaar in.")
            else:
                try:
                    d["geboortedatum"] = PartialDate(jaar, maand, dag)
                except DatumFout as fout:
                    self.add_error("geboortedatum_jaar", fout.bericht)
        if d["bestaande_persoon_id"] is None:
            if not (d.get("achternaam") or "").strip():
                self.add_error("achternaam", "Vul de achternaam in (of kies een bekende persoon).")
            bsn = (d.get("bsn") or "").strip()
            if bsn:
                try:
                    d["bsn"] = BSN.parse(bsn).waarde
                except BsnFout as fout:
                    self.add_error("bsn", fout.bericht)
        if d.get("relatie") and not d.get("relatie_met"):
            self.add_error("relatie_met", "Kies met welke persoon deze relatie bestaat.")
        if d.get("relatie_met") and not d.get("relatie"):
            self.add_error("relatie", "Kies de soort relatie.")
        return d


class BasePersoonFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Every row is an "extra" row (so an untouched empty row is ignored); unbound formsets
    show one row per ``initial`` entry, at least one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.extra = max(len(self.initial or []), 1)

    def initial_form_count(self) -> int:
        return 0


PersoonFormSet = formset_factory(
    PersoonForm,
    formset=BasePersoonFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_PERSONEN,
    absolute_max=MAX_PERSONEN,
    validate_max=True,
)


def zoek_sleutel(bsn: str, achternaam: str, tussenvoegsel: str, datum: str, postcode: str) -> str:
    """A short hash of what a row was searched with: a changed row is searched again."""
    tekst = "|".join(s.strip().lower() for s in (bsn, achternaam, tussenvoegsel, datum, postcode))
    return hashlib.sha256(tekst.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Zoekvraag:
    """What the look-up is asked for one row."""

    rij: int
    bsn: str
    achternaam: str
    tussenvoegsel: str
    geboortedatum: PartialDate | None
    postcode: str
    sleutel: str


@dataclass
class KandidaatKeuze:
    kandidaat: KandidaatRij
    token: str


@dataclass
class RijWeergave:
    """A person row as the template shows it."""

    form: forms.Form
    nummer: int
    kandidaten: list[KandidaatKeuze] = field(default_factory=list)
    gezocht: bool = False
    gekozen: str = ""

    @property
    def gekozen_buiten_lijst(self) -> bool:
        return bool(self.gekozen) and all(k.token != self.gekozen for k in self.kandidaten)


def _ruw(data: Mapping[str, Any], naam: str) -> str:
    waarde = data.get(naam, "")
    if isinstance(waarde, list):
        waarde = waarde[-1] if waarde else ""
    return str(waarde or "").strip()


def _datum_uit_ruw(dag: str, maand: str, jaar: str) -> PartialDate | None:
    try:
        return PartialDate(int(jaar), int(maand) if maand else None, int(dag) if dag else None)
    except (ValueError, DatumFout):
        return None


def _waarden(form: forms.Form) -> dict[str, Any]:
    """The raw values of a bound form's fields (lists for multiple choice), as initial data."""
    return {
        naam: veld.widget.value_from_datadict(form.data, form.files, form.add_prefix(naam))
        for naam, veld in form.fields.items()
    }


class MeldingPagina:
    """The melding form and its person rows, with the page's round trips."""

    def __init__(
        self,
        *,
        codes: CodeKeuzes,
        gemeenten: Sequence[tuple[str, str]],
        gebruiker_pk: int,
        data: QueryDict | None = None,
        initial: Mapping[str, Any] | None = None,
        personen_initial: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        self.codes = codes
        self.gemeenten = gemeenten
        self.gebruiker_pk = gebruiker_pk
        self.data = data
        rijen = len(personen_initial or []) or 1
        if data is not None:
            try:
                rijen = max(1, min(int(data.get(f"{PREFIX}-TOTAL_FORMS", 1)), MAX_PERSONEN))
            except ValueError:
                rijen = 1
        form_kwargs = {
            "gebruiker_pk": gebruiker_pk,
            "aantal_rijen": rijen,
            "gemeenten": gemeenten,
        }
        if data is not None:
            self.form = MeldingForm(data, codes=codes)
            self.personen = PersoonFormSet(data, prefix=PREFIX, form_kwargs=form_kwargs)
        else:
            self.form = MeldingForm(initial=dict(initial or {}), codes=codes)
            self.personen = PersoonFormSet(
                initial=list(personen_initial or []), prefix=PREFIX, form_kwargs=form_kwargs
            )
        self.rijen = [RijWeergave(form=f, nummer=i + 1) for i, f in enumerate(self.personen)]
        self.toon_fouten = False
        self._service_fouten: list[str] = []

    # -- construction from data ------------------------------------------------------------
    @classmethod
    def nieuw(
        cls,
        *,
        codes: CodeKeuzes,
        gemeenten: Sequence[tuple[str, str]],
        gebruiker_pk: int,
        initial: Mapping[str, Any] | None = None,
        personen: Sequence[Mapping[str, Any]] = (),
    ) -> MeldingPagina:
        start = {"formulier_token": uuid.uuid4(), "ontvangen_op": nu_invoer()}
        start.update(initial or {})
        return cls(
            codes=codes,
            gemeenten=gemeenten,
            gebruiker_pk=gebruiker_pk,
            initial=start,
            personen_initial=list(personen) or [{}],
        )

    @classmethod
    def uit_gegevens(
        cls,
        data: Mapping[str, Any],
        *,
        codes: CodeKeuzes,
        gemeenten: Sequence[tuple[str, str]],
        gebruiker_pk: int,
        extra_rij: bool = False,
    ) -> MeldingPagina:
        """The page filled with ``data`` (a POST, or a draft) as *initial* values: nothing is
        validated or marked as an error. Rows marked for removal are dropped (and relations to
        them cleared); ``extra_rij`` adds an empty row."""
        qd = data if isinstance(data, QueryDict) else _querydict(data)
        gebonden = cls(codes=codes, gemeenten=gemeenten, gebruiker_pk=gebruiker_pk, data=qd)
        hoofd = _waarden(gebonden.form)
        if not hoofd.get("formulier_token"):
            hoofd["formulier_token"] = uuid.uuid4()
        rijen: list[dict[str, Any]] = []
        nieuw_nummer: dict[str, str] = {}
        for oud, form in enumerate(gebonden.personen.forms, start=1):
            waarden = _waarden(form)
            if waarden.pop("DELETE", False):
                continue
            rijen.append(waarden)
            nieuw_nummer[str(oud)] = str(len(rijen))
        for rij in rijen:
            # A relation to a removed row loses its "met"; the kind stays for the user to fix.
            rij["relatie_met"] = nieuw_nummer.get(str(rij.get("relatie_met") or ""), "")
        if extra_rij and len(rijen) < MAX_PERSONEN:
            rijen.append({})
        return cls(
            codes=codes,
            gemeenten=gemeenten,
            gebruiker_pk=gebruiker_pk,
            initial=hoofd,
            personen_initial=rijen or [{}],
        )

    # -- the look-up -----------------------------------------------------------------------
    def _rij_waarden(self, index: int) -> dict[str, str]:
        form = self.rijen[index].form
        if form.is_bound:
            return {n: _ruw(form.data, form.add_prefix(n)) for n in form.fields}
        return {n: str(form.initial.get(n) or "").strip() for n in form.fields}

    def zoekvragen(self, *, alleen_gewijzigd: bool = False) -> list[Zoekvraag]:
        """The rows with enough to search on: a real BSN, or a surname with a (partial) birth
        date or a postcode."""
        vragen = []
        for index in range(len(self.rijen)):
            w = self._rij_waarden(index)
            if w.get("DELETE") in {"on", "True", "true"}:
                continue
            bsn = ""
            if w["bsn"]:
                try:
                    waarde = BSN.parse(w["bsn"])
                except BsnFout:
                    waarde = None
                if waarde is not None and not waarde.is_convention:
                    bsn = waarde.waarde
            datum = _datum_uit_ruw(
                w["geboortedatum_dag"], w["geboortedatum_maand"], w["geboortedatum_jaar"]
            )
            if not bsn and not (w["achternaam"] and (datum or w["postcode"])):
                continue
            sleutel = zoek_sleutel(
                bsn, w["achternaam"], w["tussenvoegsel"], str(datum or ""), w["postcode"]
            )
            if alleen_gewijzigd and w.get("gezocht") == sleutel:
                continue
            vragen.append(
                Zoekvraag(
                    rij=index,
                    bsn=bsn,
                    achternaam=w["achternaam"],
                    tussenvoegsel=w["tussenvoegsel"],
                    geboortedatum=datum,
                    postcode=w["postcode"],
                    sleutel=sleutel,
                )
            )
        return vragen

    def kandidaten_tonen(self, vraag: Zoekvraag, kandidaten: Iterable[KandidaatRij]) -> None:
        """Shows the candidates of a row and marks the row as searched with its data."""
        rij = self.rijen[vraag.rij]
        rij.kandidaten = [
            KandidaatKeuze(k, kandidaat_token(self.gebruiker_pk, k.persoon_id)) for k in kandidaten
        ]
        rij.gezocht = True
        naam = rij.form.add_prefix("gezocht")
        if rij.form.is_bound:
            if not getattr(rij.form.data, "_mutable", True):
                rij.form.data = rij.form.data.copy()
            rij.form.data[naam] = vraag.sleutel
        else:
            rij.form.initial["gezocht"] = vraag.sleutel

    def kies_markeren(self) -> None:
        for index, rij in enumerate(self.rijen):
            rij.gekozen = self._rij_waarden(index).get("bestaande_persoon", "")

    # -- validation ------------------------------------------------------------------------
    def is_valid(self) -> bool:
        self.toon_fouten = True
        geldig_hoofd = self.form.is_valid()
        geldig_personen = self.personen.is_valid()
        return geldig_hoofd and geldig_personen

    def _ingevulde_rijen(self) -> list[tuple[int, forms.Form]]:
        return [
            (i, f)
            for i, f in enumerate(self.personen.forms)
            if f.has_changed() and not self.personen._should_delete_form(f)
        ]

    def invoer(self) -> MeldingInvoer:
        """The service input from the cleaned forms (call after :meth:`is_valid`)."""
        d = self.form.cleaned_data
        rijen = self._ingevulde_rijen()
        positie = {
            form_index + 1: service_index for service_index, (form_index, _) in enumerate(rijen)
        }
        personen = []
        self._rij_index = [form_index for form_index, _ in rijen]
        for _, form in rijen:
            p = form.cleaned_data
            relatie_met = None
            if p.get("relatie_met"):
                relatie_met = positie.get(int(p["relatie_met"]), -1)
            personen.append(
                PersoonInvoer(
                    rol=p["rol"],
                    bestaande_persoon_id=p.get("bestaande_persoon_id"),
                    bsn=p.get("bsn", ""),
                    voornamen=p.get("voornamen", ""),
                    tussenvoegsel=p.get("tussenvoegsel", ""),
                    achternaam=p.get("achternaam", ""),
                    geboortedatum=p.get("geboortedatum"),
                    geslacht=p.get("geslacht") or Geslacht.ONBEKEND,
                    straat=p.get("straat", ""),
                    huisnummer=p.get("huisnummer", ""),
                    postcode=p.get("postcode", ""),
                    woonplaats=p.get("woonplaats", ""),
                    gemeente_code=p.get("gemeente", ""),
                    relatie=RelatieKeuze(p["relatie"]) if p.get("relatie") else None,
                    relatie_met=relatie_met,
                )
            )
        hoedanigheid = d["hoedanigheid"]
        return MeldingInvoer(
            formulier_token=d["formulier_token"],
            ontvangen_op=d["ontvangen_op"],
            kanaal=d["kanaal"],
            melder=BronInvoer(
                hoedanigheid=hoedanigheid,
                naam=d.get("naam", ""),
                organisatie=d.get("organisatie", ""),
                telefoon=d.get("telefoon", ""),
                email=d.get("email", ""),
                anoniem_naar_gezin=d.get("anoniem_naar_gezin", False),
            ),
            personen=personen,
            aanleidingen=d["aanleidingen"],
            aarden=d["aarden"],
            signalen=d["signalen"],
            acuut=d.get("acuut", False),
            advies_id=d.get("advies"),
            ambtshalve=bool(d.get("ambtshalve")),
            corv_bericht_id=d.get("corv"),
        )

    def fouten_overnemen(self, fout: ValidationError) -> None:
        """Puts the service's errors next to the fields they belong to."""
        self.toon_fouten = True
        if not hasattr(fout, "error_dict"):
            self.form.add_error(None, fout.messages)
            return
        rij_index = getattr(self, "_rij_index", [])
        for sleutel, berichten in fout.message_dict.items():
            if sleutel.startswith(f"{PREFIX}."):
                _, service_index, veld = sleutel.split(".", 2)
                index = int(service_index)
                form = self.personen.forms[rij_index[index]] if index < len(rij_index) else None
                if form is None:
                    self._service_fouten.extend(berichten)
                    continue
                if veld == "geboortedatum":
                    veld = "geboortedatum_jaar"
                form.add_error(veld if veld in form.fields else None, berichten)
            elif sleutel == PREFIX:
                self._service_fouten.extend(berichten)
            else:
                self.form.add_error(sleutel if sleutel in self.form.fields else None, berichten)

    @property
    def personen_fouten(self) -> list[str]:
        if not self.toon_fouten:
            return []
        fouten = list(self._service_fouten)
        if self.personen.is_bound:
            fouten.extend(self.personen.non_form_errors())
        return fouten

    def fouten_overzicht(self) -> list[tuple[str, str]]:
        """(anchor, text) for the error summary, in page order."""
        if not self.toon_fouten:
            return []
        uit: list[tuple[str, str]] = []
        for fout in self.form.non_field_errors():
            uit.append(("", str(fout)))
        for veld in self.form:
            for fout in veld.errors:
                uit.append((f"#{veld.auto_id}", f"{veld.label}: {fout}"))
        for fout in self.personen_fouten:
            uit.append(("#personen", f"Personen: {fout}"))
        for rij in self.rijen:
            form = rij.form
            if not form.is_bound:
                continue
            for fout in form.non_field_errors():
                uit.append((f"#persoon-{rij.nummer}", f"Persoon {rij.nummer}: {fout}"))
            for veld in form:
                label = veld.label
                if veld.name.startswith("geboortedatum_"):
                    label = "Geboortedatum"
                for fout in veld.errors:
                    uit.append((f"#{veld.auto_id}", f"Persoon {rij.nummer} – {label}: {fout}"))
        return uit

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.fouten_overzicht())


def initial_uit_gegevens(
    form_class: type[forms.Form], data: Mapping[str, Any], **kwargs: Any
) -> dict[str, Any]:
    """Initial values for ``form_class`` from posted data (a draft): shown, not validated."""
    return _waarden(form_class(_querydict(data), **kwargs))


def _querydict(data: Mapping[str, Any]) -> QueryDict:
    qd = QueryDict(mutable=True)
    for sleutel, waarde in data.items():
        if isinstance(waarde, list | tuple):
            qd.setlist(sleutel, [str(v) for v in waarde])
        else:
            qd[sleutel] = str(waarde)
    return qd


def persoon_initial(
    *,
    rol: str,
    achternaam: str,
    voornamen: str = "",
    tussenvoegsel: str = "",
    bsn: str = "",
    geboortedatum: PartialDate | None = None,
    geslacht: str = "O",
    straat: str = "",
    huisnummer: str = "",
    postcode: str = "",
    woonplaats: str = "",
) -> dict[str, Any]:
    """Initial values of a person row (for a prefilled melding, e.g. from a CORV report)."""
    return {
        "rol": rol,
        "bsn": bsn,
        "voornamen": voornamen,
        "tussenvoegsel": tussenvoegsel,
        "achternaam": achternaam,
        "geboortedatum_dag": geboortedatum.day if geboortedatum else None,
        "geboortedatum_maand": geboortedatum.month if geboortedatum else None,
        "geboortedatum_jaar": geboortedatum.year if geboortedatum else None,
        "geslacht": geslacht,
        "straat": straat,
        "huisnummer": huisnummer,
        "postcode": postcode,
        "woonplaats": woonplaats,
    }


def als_invoer_tijd(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- Prefilled meldingen -------------------------------------------------------------------


def melding_uit_corv(bericht: CorvBericht) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Initial values of the melding page from a police care report."""
    z = lees_zorgmelding(bericht.inhoud)
    initial: dict[str, Any] = {
        "kanaal": Kanaal.POLITIE_CORV.value,
        "ontvangen_op": als_invoer_tijd(bericht.ontvangen_op),
        "hoedanigheid": HOEDANIGHEID_POLITIE,
        "naam": z.opsteller_naam,
        "organisatie": z.politie_eenheid,
        "telefoon": z.opsteller_telefoon,
        "email": z.opsteller_email,
        "signalen": z.omschrijving,
        "acuut": z.acuut,
        "aanleidingen": list(z.aanleidingen),
        "aarden": list(z.aarden),
        "corv": bericht.pk,
    }
    personen = [
        persoon_initial(
            rol=p.rol,
            achternaam=p.achternaam,
            voornamen=p.voornamen,
            tussenvoegsel=p.tussenvoegsel,
            bsn=p.bsn,
            geboortedatum=p.geboortedatum,
            geslacht=p.geslacht,
            straat=p.adres.straat,
            huisnummer=p.adres.huisnummer,
            postcode=p.adres.postcode,
            woonplaats=p.adres.woonplaats,
        )
        for p in z.personen
    ]
    return initial, personen


def melding_uit_advies(
    advies: Advies, *, ambtshalve: bool, medewerker: str, organisatie: str
) -> dict[str, Any]:
    """Initial values of the melding page from an advies: omzetten (the adviesvrager becomes
    the melder) or an ambtshalve melding (Veilig Thuis itself is the melder)."""
    initial: dict[str, Any] = {
        "kanaal": advies.kanaal,
        "ontvangen_op": nu_invoer(),
        "aanleidingen": [c.code for c in advies.aanleidingen.all()],
        "aarden": [c.code for c in advies.aarden.all()],
        "signalen": advies.vraag,
        "advies": advies.pk,
    }
    if ambtshalve:
        initial.update(
            {
                "ambtshalve": True,
                "hoedanigheid": HOEDANIGHEID_MEDEWERKER_VT,
                "naam": medewerker,
                "organisatie": organisatie,
            }
        )
    else:
        vrager = advies.adviesvrager
        initial.update(
            {
                "hoedanigheid": vrager.hoedanigheid.code,
                "naam": vrager.naam,
                "organisatie": vrager.organisatie,
                "telefoon": vrager.telefoon,
                "email": vrager.email,
            }
        )
    return initial


# --- Other forms ----------------------------------------------------------------------------


class InformantForm(BronVelden):
    geraadpleegd_op = forms.DateTimeField(
        label="Geraadpleegd op", widget=_datumtijd_widget(), input_formats=DATUMTIJD_FORMATEN
    )
    onderwerp = forms.CharField(
        label="Wat de informant vertelde", widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, codes: CodeKeuzes, **kwargs: Any) -> None:
        super().__init__(*args, codes=codes, **kwargs)
        self.fields["naam"].required = True
        if not self.is_bound:
            self.initial.setdefault("geraadpleegd_op", nu_invoer())


class CorvNietHgkmForm(forms.Form):
    doorgestuurd_naar = forms.CharField(
        label="Doorgestuurd naar",
        max_length=200,
        help_text="Bijvoorbeeld: wijkteam Alkmaar, GGD, zorgaanbieder.",
    )
    toelichting = forms.CharField(
        label="Toelichting",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Geen namen: waarom dit geen huiselijk geweld of kindermishandeling is.",
    )
