"""Reading the budget reference document (``planning/data/begroting-2019-nhn.json``) into rows.

The document marks every value *published* (stated in the seed, the programmabegroting 2019 of
Veilig Thuis Noord-Holland Noord), *inferred* (derived from the seed's numbers) or *assumed*.
:func:`parameters_uit_document` keeps that status per value and adds where it came from.

Two refinements, both documented in the row's ``bron``:

* The flow fractions are re-derived from the published 2019 volumes at four decimals
  (1016 / 4430 = 0.2293). The document rounds them to three (0.229), and with those the model
  would plan 1014 V&V and 620 onderzoeken instead of the published 1016 and 618. They stay
  *inferred*; a test checks they round to the document's values.
* Keys the document does not have (signal thresholds, simulation settings) get the defaults
  in :data:`AANVULLINGEN`, marked *assumed* unless a sector norm is their source.

Pure: no Django. The data migration and the tests call it with the parsed JSON.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from zicht.planning.domain.begrippen import DIENSTEN_MELDINGSSTROOM, Bronstatus, Dienst, Scenario
from zicht.planning.domain.parameters import GEPUBLICEERDE_CIJFERS, SLEUTELS, WEEKDAGEN

__all__ = ["AANVULLINGEN", "BRON_SEED", "Parameterwaarde", "parameters_uit_document"]

BRON_SEED = "Programmabegroting 2019 Veilig Thuis Noord-Holland Noord"


@dataclass(frozen=True)
class Parameterwaarde:
    sleutel: str
    waarde: Decimal
    status: Bronstatus
    bron: str


#: Defaults for keys the reference document does not hold: (key, value, status, source).
#: The data migration loads these into version 1 of 2019: once released, change them only
#: through a new version (the page, or a new data migration), never here.
AANVULLINGEN: tuple[tuple[str, str, Bronstatus, str], ...] = (
    (
        "signaal.instroom_marge",
        "0.02",
        Bronstatus.ASSUMED,
        "Aanname: 2% boven plan is oranje (scenario hoog ligt voor meldingen 2,4% boven midden).",
    ),
    ("signaal.wachtlijst_drempel", "50", Bronstatus.ASSUMED, "Aanname; stel in per organisatie."),
    (
        "signaal.caseload_norm",
        "20",
        Bronstatus.ASSUMED,
        "Aanname; de begroting noemt caseloadnormen zonder getal.",
    ),
    (
        "signaal.norm_vb_tijdig",
        "0.90",
        Bronstatus.PUBLISHED,
        "Sectornorm: 90% van de meldingen binnen 5 werkdagen besloten.",
    ),
    (
        "signaal.norm_vervolg_tijdig",
        "0.80",
        Bronstatus.PUBLISHED,
        "Sectornorm: 80% van de onderzoeken binnen 10 weken afgerond.",
    ),
    ("simulatie.aandeel_acuut", "0.10", Bronstatus.ASSUMED, "Aanname: 10% acuut."),
    (
        "simulatie.doorlooptijd_vervolg_werkdagen",
        "25",
        Bronstatus.ASSUMED,
        "Aanname: 5 weken voor afspraken en informatie van ketenpartners.",
    ),
    (
        "simulatie.cv_werk",
        "0.6",
        Bronstatus.ASSUMED,
        "Aanname: lognormale spreiding met variatiecoëfficiënt 0,6.",
    ),
    *(
        (
            f"simulatie.weekpatroon.{dag}",
            gewicht,
            Bronstatus.ASSUMED,
            "Aanname: doordeweeks meer meldingen dan in het weekend.",
        )
        for dag, gewicht in zip(
            WEEKDAGEN, ("1.2", "1.1", "1.1", "1.1", "1.0", "0.3", "0.2"), strict=True
        )
    ),
)


def _d(waarde: Any) -> Decimal:
    """A JSON number as an exact decimal (via its text, never via binary float arithmetic)."""
    if isinstance(waarde, Decimal):
        return waarde
    if isinstance(waarde, bool) or not isinstance(waarde, int | float | str):
        raise ValueError(f"Geen getal: {waarde!r}")
    return Decimal(str(waarde))


_FORMATIE = {
    "productieve_uren_per_fte": "formatie.productieve_uren_per_fte",
    "management_en_ondersteuning_fte_per_uitvoering_fte": "formatie.management_per_uitvoering",
    "risico_en_ontwikkel_fte_per_uitvoering_fte": "formatie.risico_per_uitvoering",
}
_KOSTEN = {
    "kosten_per_fte_uitvoering_eur": "kosten.fte_uitvoering_eur",
    "kosten_per_fte_management_eur": "kosten.fte_management_eur",
    "kosten_per_fte_risico_eur": "kosten.fte_risico_eur",
    "overige_directe_kosten_fractie_van_direct_personeel": "kosten.overig_direct_fractie",
    "overige_indirecte_kosten_fractie_van_direct_personeel": "kosten.overig_indirect_fractie",
    "ondersteuning_ggd_fractie_van_directe_kosten": "kosten.ggd_fractie",
}
#: The published figure keys of the document that the model can compare (the rest, e.g. the
#: 27% rise over the actual 2018 costs, needs figures the model does not have).
_GEPUBLICEERD = {code for code, _, _ in GEPUBLICEERDE_CIJFERS}


def _rijen(doc: Mapping[str, Any]) -> Iterator[Parameterwaarde]:
    jaar = int(doc["jaar"])
    seed = f"{BRON_SEED}"
    basis = doc["basis_2018_inferred"]
    basis_bron = f"Afgeleid: gepubliceerd plan {jaar} gedeeld door de groei van scenario midden."
    yield Parameterwaarde(
        "basis.meldingen", _d(basis["meldingen"]), Bronstatus.INFERRED, basis_bron
    )
    yield Parameterwaarde("basis.adviezen", _d(basis["adviezen"]), Bronstatus.INFERRED, basis_bron)
    volumes = doc["volumes_2019_published"]
    for dienst in (Dienst.TIJDELIJK_HUISVERBOD, Dienst.VOORLICHTING):
        yield Parameterwaarde(
            f"volume.{dienst.value}",
            _d(volumes[dienst.value]),
            Bronstatus.PUBLISHED,
            f"{seed}, tabel Dienstverlening/Aantallen.",
        )
    for scenario in Scenario:
        groei = doc["groei_scenarios"][scenario.value]
        status = Bronstatus(groei["status"])
        bron = (
            f"{seed}: meldingen +18% autonoom en +7% Meldcode; adviezen +25% en 10–15%."
            if status is Bronstatus.PUBLISHED
            else "Aanname (landelijke Impactanalyse Veilig Thuis 2017 noemt laag/midden/hoog)."
        )
        for naam in (
            "meldingen_autonoom",
            "meldingen_meldcode",
            "adviezen_autonoom",
            "adviezen_meldcode",
        ):
            yield Parameterwaarde(f"groei.{scenario.value}.{naam}", _d(groei[naam]), status, bron)
    meldingen = _d(volumes[Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING.value])
    document_fracties = doc["stroom_fracties_inferred"]
    for dienst in DIENSTEN_MELDINGSSTROOM:
        volume = _d(volumes[dienst.value])
        fractie = (volume / meldingen).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        yield Parameterwaarde(
            f"fractie.{dienst.value}",
            fractie,
            Bronstatus.INFERRED,
            f"Afgeleid: {volume} / {meldingen} gepubliceerde volumes {jaar} "
            f"(het referentiedocument rondt af op {document_fracties[dienst.value]}).",
        )
    for dienst in Dienst:
        norm = _d(doc["urennormen_calibrated"][dienst.value])
        yield Parameterwaarde(
            f"urennorm.{dienst.value}",
            norm,
            Bronstatus.PUBLISHED if dienst is Dienst.MONITOREN else Bronstatus.INFERRED,
            f"{seed}: monitoren 15 uur per casus (was 2)."
            if dienst is Dienst.MONITOREN
            else "Gekalibreerd op de gepubliceerde formatie 2019 (landelijke normen zijn niet "
            "openbaar); vervang door de landelijke norm als die er is.",
        )
    for groep, vertaling in (("formatie_parameters", _FORMATIE), ("kosten_parameters", _KOSTEN)):
        for naam, sleutel in vertaling.items():
            item = doc[groep][naam]
            notitie = item.get("note", "")
            status = Bronstatus(item["status"])
            bron = {
                Bronstatus.PUBLISHED: seed,
                Bronstatus.INFERRED: "Afgeleid uit de gepubliceerde cijfers",
                Bronstatus.ASSUMED: "Aanname",
            }[status]
            yield Parameterwaarde(
                sleutel, _d(item["value"]), status, f"{bron}: {notitie}." if notitie else f"{bron}."
            )
    for sleutel, waarde, status, bron in AANVULLINGEN:
        yield Parameterwaarde(sleutel, Decimal(waarde), status, bron)
    for dienst in Dienst:
        yield Parameterwaarde(
            f"gepubliceerd.volume.{dienst.value}",
            _d(volumes[dienst.value]),
            Bronstatus.PUBLISHED,
            f"{seed}, tabel Dienstverlening/Aantallen.",
        )
    for naam, waarde in doc["gepubliceerd_2019"].items():
        if naam in _GEPUBLICEERD:
            yield Parameterwaarde(
                f"gepubliceerd.{naam}", _d(waarde), Bronstatus.PUBLISHED, f"{seed}, hoofdstuk 5."
            )


def parameters_uit_document(doc: Mapping[str, Any]) -> list[Parameterwaarde]:
    """Every parameter of the document's year, with status and source, in catalogue order.

    Raises ``KeyError`` when the document lacks a section and ``ValueError`` when it yields a
    key the catalogue does not know.
    """
    rijen = list(_rijen(doc))
    onbekend = [rij.sleutel for rij in rijen if rij.sleutel not in SLEUTELS]
    if onbekend:
        raise ValueError(f"Onbekende parameters in het document: {', '.join(onbekend)}")
    volgorde = {code: i for i, code in enumerate(SLEUTELS)}
    return sorted(rijen, key=lambda rij: volgorde[rij.sleutel])
