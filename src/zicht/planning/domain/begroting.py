"""The formation and budget model: from volumes to hours to fte to money.

    volume(dienst)      base year × scenario growth (meldingen, adviezen), the flow fractions for
                        the decisions after the veiligheidsbeoordeling, overdracht na bemoeienis =
                        monitoren = voorwaarden en vervolg + onderzoek, or entered directly
    uren                Σ volume × urennorm
    fte uitvoering      uren / productieve uren per fte
    fte management      fte uitvoering × ratio           (structural, indirect)
    fte risico          fte uitvoering × ratio           (one-off: risico- en ontwikkelruimte)
    kosten              directe personeelslasten   = fte uitvoering × kosten per fte
                        indirecte personeelslasten = fte management × kosten per fte
                        overige directe / indirecte = fractie × directe personeelslasten
                        ondersteuning GGD           = fractie × directe kosten (indirect)
                        eenmalig                    = fte risico × kosten per fte (external hire)

Rounding: everything is computed in :class:`~decimal.Decimal` at full precision (28 digits).
Only *derived volumes* are rounded, to whole cases (half up), because a volume is a count and the
seed publishes whole numbers; hours are then exact products of whole volumes and the norms. Fte
and euros are never rounded inside the model; :class:`Vergelijkingsregel` rounds the model value
to the precision the document publishes (0.1 fte, € 0.1 mln) only to compare.

Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.parameters import (
    ParameterFout,
    Planparameters,
    productieve_uren_controleren,
)

__all__ = [
    "Begroting",
    "Dienstregel",
    "Kosten",
    "Vergelijkingsregel",
    "afronden",
    "begroting_bereken",
    "vergelijking_gepubliceerd",
    "volumes_scenario",
]

NUL = Decimal(0)
EEN = Decimal(1)


def afronden(waarde: Decimal, precisie: Decimal | int = 1) -> Decimal:
    """``waarde`` rounded half up to a multiple of ``precisie`` (1, Decimal('0.1'), 100000...)."""
    stap = Decimal(precisie)
    return (waarde / stap).quantize(EEN, rounding=ROUND_HALF_UP) * stap


def _geheel(waarde: Decimal) -> int:
    return int(waarde.quantize(EEN, rounding=ROUND_HALF_UP))


def volumes_scenario(parameters: Planparameters, scenario: Scenario) -> dict[Dienst, int]:
    """The year's volume per service under ``scenario``.

    Meldingen and adviezen are the base year grown by the scenario; the decisions after the
    veiligheidsbeoordeling are shares of the (rounded) meldingen; overdracht na bemoeienis and
    monitoren each equal voorwaarden en vervolg plus onderzoek (every case that had one of those
    is handed over and then monitored); the regional tasks keep their entered volume.
    """
    groei = parameters.groei[scenario]
    meldingen = _geheel(parameters.basis_meldingen * groei.factor_meldingen)
    adviezen = _geheel(parameters.basis_adviezen * groei.factor_adviezen)
    volumes: dict[Dienst, int] = {
        Dienst.ADVIES: adviezen,
        Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: meldingen,
    }
    for dienst, fractie in parameters.fracties.items():
        volumes[dienst] = _geheel(meldingen * fractie)
    na_bemoeienis = volumes[Dienst.VOORWAARDEN_EN_VERVOLG] + volumes[Dienst.ONDERZOEK]
    volumes[Dienst.OVERDRACHT_NA_BEMOEIENIS] = na_bemoeienis
    volumes[Dienst.MONITOREN] = na_bemoeienis
    for dienst, volume in parameters.vaste_volumes.items():
        volumes[dienst] = _geheel(volume)
    return {dienst: volumes[dienst] for dienst in Dienst}


@dataclass(frozen=True)
class Dienstregel:
    dienst: Dienst
    volume: int
    urennorm: Decimal
    uren: Decimal
    fte: Decimal


@dataclass(frozen=True)
class Kosten:
    """Costs in euros, unrounded."""

    directe_personeelslasten: Decimal
    directe_overige: Decimal
    indirecte_personeelslasten: Decimal
    indirecte_overige: Decimal
    ondersteuning_ggd: Decimal
    eenmalig: Decimal

    @property
    def direct(self) -> Decimal:
        return self.directe_personeelslasten + self.directe_overige

    @property
    def indirect(self) -> Decimal:
        return self.indirecte_personeelslasten + self.indirecte_overige + self.ondersteuning_ggd

    @property
    def structureel(self) -> Decimal:
        return self.direct + self.indirect

    @property
    def personeelslasten(self) -> Decimal:
        return self.directe_personeelslasten + self.indirecte_personeelslasten

    @property
    def overige_bedrijfskosten(self) -> Decimal:
        return self.directe_overige + self.indirecte_overige

    @property
    def aandeel_direct(self) -> Decimal:
        return self.direct / self.structureel if self.structureel else NUL


@dataclass(frozen=True)
class Begroting:
    """The model's outcome for one set of volumes."""

    scenario: Scenario | None
    productieve_uren_per_fte: Decimal
    regels: tuple[Dienstregel, ...]
    fte_management: Decimal
    fte_risico: Decimal
    kosten: Kosten

    @property
    def uren(self) -> Decimal:
        return sum((regel.uren for regel in self.regels), NUL)

    @property
    def fte_uitvoering(self) -> Decimal:
        """Total hours over productive hours: one division, so that no per-service rounding
        at the 28th digit accumulates."""
        return self.uren / self.productieve_uren_per_fte

    @property
    def fte_structureel(self) -> Decimal:
        return self.fte_uitvoering + self.fte_management

    @property
    def volumes(self) -> dict[Dienst, int]:
        return {regel.dienst: regel.volume for regel in self.regels}

    def regel(self, dienst: Dienst) -> Dienstregel:
        return next(regel for regel in self.regels if regel.dienst is dienst)


def begroting_bereken(
    parameters: Planparameters,
    *,
    scenario: Scenario | None = None,
    volumes: Mapping[Dienst, int] | None = None,
    productieve_uren_per_fte: Decimal | None = None,
) -> Begroting:
    """The budget for ``scenario`` (volumes from the base year) or for entered ``volumes``.

    ``productieve_uren_per_fte`` overrides the parameter for a sensitivity run. Raises
    :class:`ParameterFout` (Dutch, per key) when not exactly one of ``scenario`` and ``volumes``
    is given (key ``scenario``), on negative entered volumes or a missing service
    (``volume.<dienst>``), and on productive hours the parameter itself would refuse: 0 or less,
    or more than 2080 (``formatie.productieve_uren_per_fte``).
    """
    if (scenario is None) == (volumes is None):
        raise ParameterFout(
            {"scenario": "Geef een scenario of ingevoerde volumes op, niet beide of geen van twee."}
        )
    if volumes is None:
        assert scenario is not None
        volumes = volumes_scenario(parameters, scenario)
    else:
        fouten = {
            f"volume.{dienst.value}": "Een volume kan niet negatief zijn."
            for dienst, volume in volumes.items()
            if volume < 0
        }
        fouten.update(
            {
                f"volume.{dienst.value}": "Vul een volume in."
                for dienst in Dienst
                if dienst not in volumes
            }
        )
        if fouten:
            raise ParameterFout(fouten)
    uren_per_fte = (
        parameters.productieve_uren_per_fte
        if productieve_uren_per_fte is None
        else Decimal(productieve_uren_per_fte)
    )
    if (uren_fout := productieve_uren_controleren(uren_per_fte)) is not None:
        raise ParameterFout({"formatie.productieve_uren_per_fte": uren_fout})
    regels = []
    for dienst in Dienst:
        volume = int(volumes[dienst])
        norm = parameters.urennormen[dienst]
        uren = volume * norm
        regels.append(
            Dienstregel(
                dienst=dienst, volume=volume, urennorm=norm, uren=uren, fte=uren / uren_per_fte
            )
        )
    fte_uitvoering = sum((regel.uren for regel in regels), NUL) / uren_per_fte
    fte_management = fte_uitvoering * parameters.management_per_uitvoering
    fte_risico = fte_uitvoering * parameters.risico_per_uitvoering
    directe_personeelslasten = fte_uitvoering * parameters.kosten_fte_uitvoering
    directe_overige = directe_personeelslasten * parameters.overig_direct_fractie
    kosten = Kosten(
        directe_personeelslasten=directe_personeelslasten,
        directe_overige=directe_overige,
        indirecte_personeelslasten=fte_management * parameters.kosten_fte_management,
        indirecte_overige=directe_personeelslasten * parameters.overig_indirect_fractie,
        ondersteuning_ggd=(directe_personeelslasten + directe_overige) * parameters.ggd_fractie,
        eenmalig=fte_risico * parameters.kosten_fte_risico,
    )
    return Begroting(
        scenario=scenario,
        productieve_uren_per_fte=uren_per_fte,
        regels=tuple(regels),
        fte_management=fte_management,
        fte_risico=fte_risico,
        kosten=kosten,
    )


MILJOEN = Decimal(1_000_000)
_TIENDE = Decimal("0.1")
_HONDERDSTE = Decimal("0.01")


@dataclass(frozen=True)
class Vergelijkingsregel:
    """One published figure next to the model's.

    ``precisie`` is the unit the document rounds to (0.1 fte, € 100,000, one case);
    ``model_afgerond`` is the model value rounded the same way and ``verschil`` their
    difference, so 0 means "reproduced within the document's own rounding".
    """

    code: str
    label: str
    eenheid: str  # "fte", "eur", "aantal", "fractie"
    gepubliceerd: Decimal
    model: Decimal
    precisie: Decimal
    toelichting: str = ""

    @property
    def model_afgerond(self) -> Decimal:
        return afronden(self.model, self.precisie)

    @property
    def verschil(self) -> Decimal:
        return self.model_afgerond - self.gepubliceerd

    @property
    def binnen_afronding(self) -> bool:
        return self.verschil == 0


def _rijen(begroting: Begroting) -> Iterable[tuple[str, str, str, Decimal, Decimal, str]]:
    k = begroting.kosten
    mln = MILJOEN * _TIENDE
    # Like the document: the split from its rounded millions (6.6 / 8.2 = 80%).
    direct_afgerond = afronden(k.direct, mln)
    structureel_afgerond = afronden(k.structureel, mln)
    aandeel = direct_afgerond / structureel_afgerond if structureel_afgerond else NUL
    for dienst, volume in begroting.volumes.items():
        yield f"volume.{dienst.value}", dienst.label, "aantal", Decimal(volume), EEN, ""
    yield "fte_uitvoering", "Fte uitvoering", "fte", begroting.fte_uitvoering, _TIENDE, ""
    yield (
        "fte_management_en_ondersteuning",
        "Fte management en ondersteuning",
        "fte",
        begroting.fte_management,
        _TIENDE,
        "",
    )
    yield (
        "fte_risico_en_ontwikkelruimte",
        "Fte risico- en ontwikkelruimte (eenmalig)",
        "fte",
        begroting.fte_risico,
        _TIENDE,
        "",
    )
    yield "begroting_structureel_eur", "Begroting structureel", "eur", k.structureel, mln, ""
    yield "directe_kosten_eur", "Directe kosten", "eur", k.direct, mln, ""
    yield (
        "directe_personeelslasten_eur",
        "  waarvan personeel",
        "eur",
        k.directe_personeelslasten,
        mln,
        "",
    )
    yield "directe_overige_eur", "  waarvan overig", "eur", k.directe_overige, mln, ""
    yield "indirecte_kosten_eur", "Indirecte kosten", "eur", k.indirect, mln, ""
    yield (
        "indirecte_personeelslasten_eur",
        "  waarvan personeel",
        "eur",
        k.indirecte_personeelslasten,
        mln,
        "",
    )
    yield "indirecte_overige_eur", "  waarvan overig", "eur", k.indirecte_overige, mln, ""
    yield (
        "ondersteuning_ggd_eur",
        "  waarvan ondersteuning GGD",
        "eur",
        k.ondersteuning_ggd,
        mln,
        "",
    )
    yield (
        "personeelslasten_totaal_eur",
        "Personeelslasten totaal",
        "eur",
        k.personeelslasten,
        mln,
        "",
    )
    yield (
        "aandeel_direct",
        "Aandeel directe kosten",
        "fractie",
        aandeel,
        _HONDERDSTE,
        "uit de afgeronde miljoenen, zoals het document; onafgerond "
        f"{afronden(k.aandeel_direct * 100, _TIENDE)}%",
    )
    yield (
        "eenmalig_risico_en_ontwikkelruimte_eur",
        "Eenmalig risico- en ontwikkelruimte",
        "eur",
        k.eenmalig,
        mln,
        "",
    )


def vergelijking_gepubliceerd(
    begroting: Begroting, gepubliceerd: Mapping[str, Decimal]
) -> list[Vergelijkingsregel]:
    """Published | model | difference for every figure the year has published.

    ``gepubliceerd`` is keyed like :attr:`Planparameters.gepubliceerd` (``volume.advies``,
    ``fte_uitvoering``, ``begroting_structureel_eur``, ...); figures without a published value
    are left out.
    """
    regels = []
    for code, label, eenheid, model, precisie, toelichting in _rijen(begroting):
        if code in gepubliceerd:
            regels.append(
                Vergelijkingsregel(
                    code=code,
                    label=label,
                    eenheid=eenheid,
                    gepubliceerd=gepubliceerd[code],
                    model=model,
                    precisie=precisie,
                    toelichting=toelichting,
                )
            )
    return regels
