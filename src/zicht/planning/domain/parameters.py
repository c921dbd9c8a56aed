"""The planning parameters: one catalogue of keys, their checks, and the typed set the model uses.

A parameter set is stored as rows ``(sleutel, waarde, status, bron)`` per organisation, year and
version (see ``planning.models``). This module knows every key: its Dutch label, its group on the
edit page, its kind (which fixes the allowed range and the Dutch error message) and whether it is
required. :func:`waarden_controleren` returns the errors per key, so a form can show each one next
to its field; :func:`planparameters_maken` turns a complete, valid mapping into
:class:`Planparameters` or raises :class:`ParameterFout` with those same errors.

Values are :class:`~decimal.Decimal` throughout, so that what a controller types is what the
model computes with (no binary floats in the budget).

Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from zicht.planning.domain.begrippen import DIENSTEN_MELDINGSSTROOM, Dienst, Scenario

__all__ = [
    "CATALOGUS",
    "GROEPEN",
    "SLEUTELS",
    "WEEKDAGEN",
    "Groei",
    "Groep",
    "ParameterFout",
    "Planparameters",
    "Signaalwaarden",
    "Simulatiewaarden",
    "Sleutel",
    "Soort",
    "planparameters_maken",
    "productieve_uren_controleren",
    "waarden_controleren",
]

NUL = Decimal(0)
EEN = Decimal(1)
#: 40 hours × 52 weeks: no fte can have more productive hours than this.
MAX_PRODUCTIEVE_UREN = Decimal(2080)
MAX_GROEI = Decimal(5)
MAX_RATIO = Decimal(5)
MAX_VOLUME = Decimal(10_000_000)
MAX_URENNORM = Decimal(1000)
MAX_EURO = Decimal(50_000_000)

WEEKDAGEN: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")
_WEEKDAG_NAMEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


class Soort(StrEnum):
    """The kind of a value; it fixes the allowed range and the unit shown."""

    VOLUME = "volume"  # a whole number of cases per year, >= 0
    GROEI = "groei"  # growth over the previous year as a fraction (0.18 = 18%), >= -1
    FRACTIE = "fractie"  # a share between 0 and 1
    URENNORM = "urennorm"  # hours per case, >= 0
    UREN = "uren"  # productive hours per fte per year, > 0
    RATIO = "ratio"  # fte per fte, or a coefficient of variation, >= 0
    EURO = "euro"  # euros, >= 0
    AANTAL = "aantal"  # a whole-number threshold, >= 0
    GEWICHT = "gewicht"  # a relative weight, >= 0
    FTE = "fte"  # a number of fte, >= 0

    @property
    def eenheid(self) -> str:
        return {
            "volume": "per jaar",
            "groei": "fractie",
            "fractie": "fractie",
            "urennorm": "uur per casus",
            "uren": "uur per fte per jaar",
            "ratio": "",
            "euro": "€",
            "aantal": "",
            "gewicht": "",
            "fte": "fte",
        }[self.value]


class Groep(StrEnum):
    VOLUMES = "volumes"
    GROEI = "groei"
    STROOM = "stroom"
    URENNORMEN = "urennormen"
    FORMATIE = "formatie"
    KOSTEN = "kosten"
    SIGNALEN = "signalen"
    SIMULATIE = "simulatie"
    GEPUBLICEERD = "gepubliceerd"

    @property
    def label(self) -> str:
        return GROEPEN[self]


GROEPEN: dict[Groep, str] = {
    Groep.VOLUMES: "Basisjaar en vaste volumes",
    Groep.GROEI: "Groeiscenario's (ten opzichte van het basisjaar)",
    Groep.STROOM: "Stroomfracties na de veiligheidsbeoordeling",
    Groep.URENNORMEN: "Urennormen per dienst",
    Groep.FORMATIE: "Formatie",
    Groep.KOSTEN: "Kosten",
    Groep.SIGNALEN: "Signaalwaarden voor de risico's",
    Groep.SIMULATIE: "Simulatie van de wachtlijst",
    Groep.GEPUBLICEERD: "Gepubliceerde cijfers (referentie, niet bewerkbaar)",
}


@dataclass(frozen=True)
class Sleutel:
    code: str
    label: str
    groep: Groep
    soort: Soort
    verplicht: bool = True
    bewerkbaar: bool = True


def _catalogus() -> tuple[Sleutel, ...]:
    s: list[Sleutel] = [
        Sleutel("basis.meldingen", "Meldingen in het basisjaar", Groep.VOLUMES, Soort.VOLUME),
        Sleutel("basis.adviezen", "Adviezen in het basisjaar", Groep.VOLUMES, Soort.VOLUME),
        Sleutel(
            "volume.tijdelijk_huisverbod",
            "Tijdelijk huisverbod (vast volume, groeit niet mee)",
            Groep.VOLUMES,
            Soort.VOLUME,
        ),
        Sleutel(
            "volume.voorlichting",
            "Voorlichting (vast volume, groeit niet mee)",
            Groep.VOLUMES,
            Soort.VOLUME,
        ),
    ]
    for scenario in Scenario:
        for naam, label in (
            ("meldingen_autonoom", "meldingen, autonome groei"),
            ("meldingen_meldcode", "meldingen, effect verbeterde Meldcode"),
            ("adviezen_autonoom", "adviezen, autonome groei"),
            ("adviezen_meldcode", "adviezen, effect verbeterde Meldcode"),
        ):
            s.append(
                Sleutel(
                    f"groei.{scenario.value}.{naam}",
                    f"Scenario {scenario.value}: {label}",
                    Groep.GROEI,
                    Soort.GROEI,
                )
            )
    for dienst in DIENSTEN_MELDINGSSTROOM:
        s.append(
            Sleutel(
                f"fractie.{dienst.value}",
                f"Aandeel meldingen met {dienst.label.lower()}",
                Groep.STROOM,
                Soort.FRACTIE,
            )
        )
    for dienst in Dienst:
        s.append(
            Sleutel(f"urennorm.{dienst.value}", dienst.label, Groep.URENNORMEN, Soort.URENNORM)
        )
    s += [
        Sleutel(
            "formatie.productieve_uren_per_fte",
            "Productieve uren per fte per jaar",
            Groep.FORMATIE,
            Soort.UREN,
        ),
        Sleutel(
            "formatie.management_per_uitvoering",
            "Management en ondersteuning (fte per fte uitvoering)",
            Groep.FORMATIE,
            Soort.RATIO,
        ),
        Sleutel(
            "formatie.risico_per_uitvoering",
            "Risico- en ontwikkelruimte, eenmalig (fte per fte uitvoering)",
            Groep.FORMATIE,
            Soort.RATIO,
        ),
        Sleutel("kosten.fte_uitvoering_eur", "Kosten per fte uitvoering", Groep.KOSTEN, Soort.EURO),
        Sleutel(
            "kosten.fte_management_eur",
            "Kosten per fte management en ondersteuning",
            Groep.KOSTEN,
            Soort.EURO,
        ),
        Sleutel(
            "kosten.fte_risico_eur",
            "Kosten per fte risico- en ontwikkelruimte (externe inhuur)",
            Groep.KOSTEN,
            Soort.EURO,
        ),
        Sleutel(
            "kosten.overig_direct_fractie",
            "Overige directe kosten (fractie van de directe personeelslasten)",
            Groep.KOSTEN,
            Soort.FRACTIE,
        ),
        Sleutel(
            "kosten.overig_indirect_fractie",
            "Overige indirecte kosten (fractie van de directe personeelslasten)",
            Groep.KOSTEN,
            Soort.FRACTIE,
        ),
        Sleutel(
            "kosten.ggd_fractie",
            "Ondersteuning GGD (fractie van de directe kosten)",
            Groep.KOSTEN,
            Soort.FRACTIE,
        ),
        Sleutel(
            "signaal.instroom_marge",
            "Marge boven de geplande instroom voordat het signaal oranje wordt",
            Groep.SIGNALEN,
            Soort.FRACTIE,
        ),
        Sleutel(
            "signaal.wachtlijst_drempel",
            "Wachtlijst (aantal) waarboven het signaal rood wordt (oranje boven de helft)",
            Groep.SIGNALEN,
            Soort.AANTAL,
        ),
        Sleutel(
            "signaal.caseload_norm",
            "Caseloadnorm (open diensten per medewerker)",
            Groep.SIGNALEN,
            Soort.AANTAL,
        ),
        Sleutel(
            "signaal.norm_vb_tijdig",
            "Norm: aandeel besluiten binnen 5 werkdagen",
            Groep.SIGNALEN,
            Soort.FRACTIE,
        ),
        Sleutel(
            "signaal.norm_vervolg_tijdig",
            "Norm: aandeel onderzoeken en V&V binnen 10 weken",
            Groep.SIGNALEN,
            Soort.FRACTIE,
        ),
        Sleutel(
            "simulatie.aandeel_acuut",
            "Aandeel acute meldingen (gaan voor)",
            Groep.SIMULATIE,
            Soort.FRACTIE,
        ),
        Sleutel(
            "simulatie.doorlooptijd_vervolg_werkdagen",
            "Minimale doorlooptijd van V&V en onderzoek (werkdagen)",
            Groep.SIMULATIE,
            Soort.AANTAL,
        ),
        Sleutel(
            "simulatie.cv_werk",
            "Spreiding van het werk per casus (variatiecoëfficiënt)",
            Groep.SIMULATIE,
            Soort.RATIO,
        ),
    ]
    for code, naam in zip(WEEKDAGEN, _WEEKDAG_NAMEN, strict=True):
        s.append(
            Sleutel(
                f"simulatie.weekpatroon.{code}",
                f"Relatieve instroom op {naam}",
                Groep.SIMULATIE,
                Soort.GEWICHT,
            )
        )
    for dienst in Dienst:
        s.append(
            Sleutel(
                f"gepubliceerd.volume.{dienst.value}",
                f"Gepubliceerd volume {dienst.label.lower()}",
                Groep.GEPUBLICEERD,
                Soort.VOLUME,
                verplicht=False,
                bewerkbaar=False,
            )
        )
    for code, label, soort in GEPUBLICEERDE_CIJFERS:
        s.append(
            Sleutel(
                f"gepubliceerd.{code}",
                label,
                Groep.GEPUBLICEERD,
                soort,
                verplicht=False,
                bewerkbaar=False,
            )
        )
    return tuple(s)


#: Published budget figures a year may carry (the keys of the seed's "gepubliceerd_2019").
GEPUBLICEERDE_CIJFERS: tuple[tuple[str, str, Soort], ...] = (
    ("fte_uitvoering", "Fte uitvoering", Soort.FTE),
    ("fte_management_en_ondersteuning", "Fte management en ondersteuning", Soort.FTE),
    ("fte_risico_en_ontwikkelruimte", "Fte risico- en ontwikkelruimte", Soort.FTE),
    ("begroting_structureel_eur", "Begroting structureel", Soort.EURO),
    ("eenmalig_risico_en_ontwikkelruimte_eur", "Eenmalig risico- en ontwikkelruimte", Soort.EURO),
    ("directe_kosten_eur", "Directe kosten", Soort.EURO),
    ("directe_personeelslasten_eur", "Directe personeelslasten", Soort.EURO),
    ("directe_overige_eur", "Directe overige kosten", Soort.EURO),
    ("indirecte_kosten_eur", "Indirecte kosten", Soort.EURO),
    ("indirecte_personeelslasten_eur", "Indirecte personeelslasten", Soort.EURO),
    ("indirecte_overige_eur", "Indirecte overige kosten", Soort.EURO),
    ("ondersteuning_ggd_eur", "Ondersteuning GGD", Soort.EURO),
    ("personeelslasten_totaal_eur", "Personeelslasten totaal", Soort.EURO),
    ("aandeel_direct", "Aandeel directe kosten", Soort.FRACTIE),
)

CATALOGUS: tuple[Sleutel, ...] = _catalogus()
SLEUTELS: dict[str, Sleutel] = {sleutel.code: sleutel for sleutel in CATALOGUS}


class ParameterFout(ValueError):
    """A parameter set that cannot be used; ``fouten`` maps each key to a Dutch message."""

    def __init__(self, fouten: Mapping[str, str]) -> None:
        self.fouten = dict(fouten)
        eerste = next(iter(self.fouten.items()), ("", "onbekende fout"))
        label = SLEUTELS[eerste[0]].label if eerste[0] in SLEUTELS else eerste[0]
        super().__init__(f"{label}: {eerste[1]}" if label else eerste[1])


def _nl(getal: Decimal) -> str:
    """A decimal the Dutch way (comma), without trailing zeros."""
    tekst = format(getal.normalize(), "f")
    return tekst.replace(".", ",")


def _waarde_controleren(sleutel: Sleutel, waarde: Decimal) -> str | None:
    if not waarde.is_finite():
        return "Vul een getal in."
    soort = sleutel.soort
    if soort in (Soort.VOLUME, Soort.AANTAL):
        if waarde < 0:
            return "Een aantal kan niet negatief zijn."
        if waarde != waarde.to_integral_value():
            return "Vul een geheel aantal in."
        if waarde > MAX_VOLUME:
            return f"Meer dan {MAX_VOLUME:,} per jaar is niet aannemelijk.".replace(",", ".")
    elif soort is Soort.URENNORM:
        if waarde < 0:
            return "Een urennorm kan niet negatief zijn."
        if waarde > MAX_URENNORM:
            return f"Meer dan {MAX_URENNORM} uur per casus is niet aannemelijk."
    elif soort is Soort.UREN:
        if waarde <= 0:
            return "Het aantal productieve uren per fte moet groter dan 0 zijn."
        if waarde > MAX_PRODUCTIEVE_UREN:
            return "Meer dan 2080 productieve uren per fte (40 uur × 52 weken) is niet mogelijk."
    elif soort is Soort.FRACTIE:
        if not NUL <= waarde <= EEN:
            return "Een fractie ligt tussen 0 en 1 (bijvoorbeeld 0,229 voor 22,9%)."
    elif soort is Soort.GROEI:
        if waarde < -EEN:
            return "Een krimp van meer dan 100% is niet mogelijk (−1 is −100%)."
        if waarde > MAX_GROEI:
            return "Een groei van meer dan 500% is niet aannemelijk (0,18 is 18%)."
    elif soort is Soort.RATIO:
        if waarde < 0:
            return "Deze verhouding kan niet negatief zijn."
        if waarde > MAX_RATIO:
            return "Een verhouding boven 5 is niet aannemelijk; controleer de invoer."
    elif soort is Soort.EURO:
        if waarde < 0:
            return "Een bedrag kan niet negatief zijn."
        if waarde > MAX_EURO:
            return "Een bedrag boven € 50 miljoen is niet aannemelijk."
    elif soort is Soort.GEWICHT and waarde < 0:
        return "Een gewicht kan niet negatief zijn."
    elif soort is Soort.FTE and waarde < 0:
        return "Een aantal fte kan niet negatief zijn."
    return None


def productieve_uren_controleren(waarde: Decimal) -> str | None:
    """The Dutch error of a number of productive hours per fte (``None`` when usable): the
    parameter's own rule (more than 0, at most :data:`MAX_PRODUCTIEVE_UREN`), also for the
    sensitivity value of the Begroting page, the CLI and the API."""
    return _waarde_controleren(SLEUTELS["formatie.productieve_uren_per_fte"], waarde)


def waarden_controleren(waarden: Mapping[str, Decimal | None]) -> dict[str, str]:
    """The errors of a parameter set, per key (empty when the set is usable).

    Checks each value against its kind (negative volumes and norms, productive hours of 0,
    fractions outside 0..1), that every required key is present, and the rules across keys:
    the flow fractions after the veiligheidsbeoordeling may add up to at most 1 (the rest ends
    without follow-up), a scenario's growth may not shrink a volume below zero, and the weekly
    pattern needs at least one day with inflow.
    """
    fouten: dict[str, str] = {}
    for code, waarde in waarden.items():
        sleutel = SLEUTELS.get(code)
        if sleutel is None:
            fouten[code] = f"Onbekende parameter ‘{code}’."
            continue
        if waarde is None:
            continue
        fout = _waarde_controleren(sleutel, waarde)
        if fout:
            fouten[code] = fout
    for sleutel in CATALOGUS:
        if sleutel.verplicht and waarden.get(sleutel.code) is None:
            fouten.setdefault(sleutel.code, "Vul een waarde in.")
    if fouten:
        return fouten

    fractie_codes = [f"fractie.{dienst.value}" for dienst in DIENSTEN_MELDINGSSTROOM]
    totaal = sum((waarden[code] or NUL for code in fractie_codes), NUL)
    if totaal > EEN:
        bericht = (
            f"De aandelen na de veiligheidsbeoordeling tellen op tot {_nl(totaal)}; "
            "dat is meer dan 1 (100%). Verlaag een of meer aandelen."
        )
        for code in fractie_codes:
            fouten[code] = bericht
    for scenario in Scenario:
        for stroom in ("meldingen", "adviezen"):
            autonoom = waarden[f"groei.{scenario.value}.{stroom}_autonoom"] or NUL
            meldcode = waarden[f"groei.{scenario.value}.{stroom}_meldcode"] or NUL
            if autonoom + meldcode < -EEN:
                fouten[f"groei.{scenario.value}.{stroom}_meldcode"] = (
                    "Autonome groei en Meldcode-effect samen geven een krimp van meer dan 100%."
                )
    if all((waarden[f"simulatie.weekpatroon.{dag}"] or NUL) == 0 for dag in WEEKDAGEN):
        fouten["simulatie.weekpatroon.ma"] = "Geef minstens één dag van de week een instroom."
    return fouten


@dataclass(frozen=True)
class Groei:
    """Growth of a year's volumes over the base year: autonomous growth plus the effect of the
    improved Meldcode, *added* as the seed does (18% + 7% = 25%, not 1.18 × 1.07)."""

    meldingen_autonoom: Decimal
    meldingen_meldcode: Decimal
    adviezen_autonoom: Decimal
    adviezen_meldcode: Decimal

    @property
    def factor_meldingen(self) -> Decimal:
        return EEN + self.meldingen_autonoom + self.meldingen_meldcode

    @property
    def factor_adviezen(self) -> Decimal:
        return EEN + self.adviezen_autonoom + self.adviezen_meldcode


@dataclass(frozen=True)
class Signaalwaarden:
    instroom_marge: Decimal
    wachtlijst_drempel: int
    caseload_norm: int
    norm_vb_tijdig: Decimal
    norm_vervolg_tijdig: Decimal


@dataclass(frozen=True)
class Simulatiewaarden:
    aandeel_acuut: Decimal
    doorlooptijd_vervolg_werkdagen: int
    cv_werk: Decimal
    #: Relative inflow Monday..Sunday (meldingen arrive 24/7; weekend ones wait for Monday).
    weekpatroon: tuple[Decimal, ...]


@dataclass(frozen=True)
class Planparameters:
    """A complete, checked parameter set: everything the budget model and simulation need."""

    basis_meldingen: Decimal
    basis_adviezen: Decimal
    groei: Mapping[Scenario, Groei]
    #: Share of meldingen per decision after the veiligheidsbeoordeling (sum <= 1).
    fracties: Mapping[Dienst, Decimal]
    #: Services whose volume is entered, not grown (the regional tasks).
    vaste_volumes: Mapping[Dienst, Decimal]
    urennormen: Mapping[Dienst, Decimal]
    productieve_uren_per_fte: Decimal
    management_per_uitvoering: Decimal
    risico_per_uitvoering: Decimal
    kosten_fte_uitvoering: Decimal
    kosten_fte_management: Decimal
    kosten_fte_risico: Decimal
    overig_direct_fractie: Decimal
    overig_indirect_fractie: Decimal
    ggd_fractie: Decimal
    signalen: Signaalwaarden
    simulatie: Simulatiewaarden
    #: Published figures of the year, keyed without the ``gepubliceerd.`` prefix.
    gepubliceerd: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def fractie_zonder_vervolg(self) -> Decimal:
        """The share of meldingen that end after the veiligheidsbeoordeling without a
        follow-up service of Veilig Thuis: what the flow fractions leave."""
        return EEN - sum(self.fracties.values(), NUL)


def planparameters_maken(waarden: Mapping[str, Decimal | None]) -> Planparameters:
    """The typed parameter set; raises :class:`ParameterFout` (errors per key) when it is
    incomplete or invalid."""
    fouten = waarden_controleren(waarden)
    if fouten:
        raise ParameterFout(fouten)

    def w(code: str) -> Decimal:
        waarde = waarden[code]
        assert waarde is not None  # checked above
        return waarde

    return Planparameters(
        basis_meldingen=w("basis.meldingen"),
        basis_adviezen=w("basis.adviezen"),
        groei={
            scenario: Groei(
                meldingen_autonoom=w(f"groei.{scenario.value}.meldingen_autonoom"),
                meldingen_meldcode=w(f"groei.{scenario.value}.meldingen_meldcode"),
                adviezen_autonoom=w(f"groei.{scenario.value}.adviezen_autonoom"),
                adviezen_meldcode=w(f"groei.{scenario.value}.adviezen_meldcode"),
            )
            for scenario in Scenario
        },
        fracties={dienst: w(f"fractie.{dienst.value}") for dienst in DIENSTEN_MELDINGSSTROOM},
        vaste_volumes={
            Dienst.TIJDELIJK_HUISVERBOD: w("volume.tijdelijk_huisverbod"),
            Dienst.VOORLICHTING: w("volume.voorlichting"),
        },
        urennormen={dienst: w(f"urennorm.{dienst.value}") for dienst in Dienst},
        productieve_uren_per_fte=w("formatie.productieve_uren_per_fte"),
        management_per_uitvoering=w("formatie.management_per_uitvoering"),
        risico_per_uitvoering=w("formatie.risico_per_uitvoering"),
        kosten_fte_uitvoering=w("kosten.fte_uitvoering_eur"),
        kosten_fte_management=w("kosten.fte_management_eur"),
        kosten_fte_risico=w("kosten.fte_risico_eur"),
        overig_direct_fractie=w("kosten.overig_direct_fractie"),
        overig_indirect_fractie=w("kosten.overig_indirect_fractie"),
        ggd_fractie=w("kosten.ggd_fractie"),
        signalen=Signaalwaarden(
            instroom_marge=w("signaal.instroom_marge"),
            wachtlijst_drempel=int(w("signaal.wachtlijst_drempel")),
            caseload_norm=int(w("signaal.caseload_norm")),
            norm_vb_tijdig=w("signaal.norm_vb_tijdig"),
            norm_vervolg_tijdig=w("signaal.norm_vervolg_tijdig"),
        ),
        simulatie=Simulatiewaarden(
            aandeel_acuut=w("simulatie.aandeel_acuut"),
            doorlooptijd_vervolg_werkdagen=int(w("simulatie.doorlooptijd_vervolg_werkdagen")),
            cv_werk=w("simulatie.cv_werk"),
            weekpatroon=tuple(w(f"simulatie.weekpatroon.{dag}") for dag in WEEKDAGEN),
        ),
        gepubliceerd={
            code.removeprefix("gepubliceerd."): waarde
            for code, waarde in waarden.items()
            if code.startswith("gepubliceerd.") and waarde is not None
        },
    )
