"""Writes of planning: new parameter versions, monthly realisation, simulation runs, risks.

Every write is keyword-only, atomic and audited (5xx events). Input is checked by the pure
domain before anything is written, so a refused write stores nothing.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.core.selectors import calendar_current
from zicht.planning import selectors
from zicht.planning.domain.begrippen import Bronstatus, Scenario
from zicht.planning.domain.begroting import begroting_bereken
from zicht.planning.domain.parameters import (
    CATALOGUS,
    SLEUTELS,
    ParameterFout,
    waarden_controleren,
)
from zicht.planning.domain.simulatie import (
    SimulatieFout,
    fte_zoeken,
    invoer_uit_plan,
    replicaties_controleren,
    simuleer,
    team_fte_uit_begroting,
)
from zicht.planning.models import (
    Parameter,
    Parameterset,
    RealisatieMaand,
    Risico,
    Simulatierun,
    SimulatieStatus,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zicht.accounts.models import User

__all__ = [
    "MAX_SEED",
    "Parameterinvoer",
    "RealisatieFout",
    "VersieConflict",
    "parameterset_jaar_aanmaken",
    "parameterset_nieuwe_versie",
    "realisatie_vastleggen",
    "risico_wijzigen",
    "simulatierun_starten",
    "simulatierun_uitvoeren",
]

logger = logging.getLogger(__name__)

#: Seeds stay below nine digits, so that the audit log never mistakes one for a BSN.
MAX_SEED = 99_999_999
#: Replications of one fte-search evaluation are capped lower: the search runs ~10 of them.
MAX_REPLICATIES_ZOEKEN = 200


class VersieConflict(Exception):
    """Someone saved a newer version in the meantime (Dutch message)."""


class RealisatieFout(ValueError):
    """Realisation that cannot be recorded; ``fouten`` maps fields to Dutch messages."""

    def __init__(self, fouten: dict[str, str]) -> None:
        self.fouten = fouten
        super().__init__(" ".join(fouten.values()))


@dataclass(frozen=True)
class Parameterinvoer:
    """One edited value: the number, its status and its source."""

    waarde: Decimal
    status: Bronstatus
    bron: str = ""


def _tekst(getal: Decimal) -> str:
    return format(getal.normalize(), "f")


@transaction.atomic
def parameterset_nieuwe_versie(
    *,
    jaar: int,
    basis_versie: int,
    invoer: Mapping[str, Parameterinvoer],
    planscenario: Scenario,
    toelichting: str,
    actor: User,
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Parameterset:
    """Writes version ``basis_versie + 1`` of ``jaar``'s parameters and returns it.

    ``invoer`` holds the editable keys; keys it lacks (the published reference figures) are
    copied from the base version. Raises :class:`ParameterFout` (errors per key) when the new
    set is invalid and :class:`VersieConflict` when ``basis_versie`` is no longer the newest;
    in both cases nothing is written.
    """
    huidig = selectors.parameterset_huidig(jaar)
    if huidig.versie != basis_versie:
        raise VersieConflict(_conflict_tekst(huidig))
    oud = selectors.parameter_rijen(huidig)
    nieuw: dict[str, Parameterinvoer] = {
        code: Parameterinvoer(rij.waarde, Bronstatus(rij.status), rij.bron)
        for code, rij in oud.items()
    }
    for code, waarde in invoer.items():
        sleutel = SLEUTELS.get(code)
        if sleutel is None or not sleutel.bewerkbaar:
            raise ParameterFout({code: "Deze parameter kan hier niet worden gewijzigd."})
        nieuw[code] = waarde
    fouten = waarden_controleren({code: w.waarde for code, w in nieuw.items()})
    if fouten:
        raise ParameterFout(fouten)
    gewijzigd = sorted(
        code
        for code, w in nieuw.items()
        if code not in oud
        or oud[code].waarde != w.waarde
        or oud[code].status != w.status.value
        or oud[code].bron != w.bron
    )
    moment = nu or timezone.now()
    try:
        with transaction.atomic():
            parameterset = Parameterset.objects.create(
                organisatie=huidig.organisatie,
                jaar=jaar,
                versie=huidig.versie + 1,
                planscenario=planscenario.value,
                geldig_vanaf=moment,
                toelichting=toelichting.strip(),
                aangemaakt_door=actor,
            )
    except IntegrityError:
        raise VersieConflict(_conflict_tekst(selectors.parameterset_huidig(jaar))) from None
    Parameter.objects.bulk_create(
        Parameter(
            parameterset=parameterset,
            sleutel=code,
            waarde=w.waarde,
            status=w.status.value,
            bron=w.bron.strip(),
        )
        for code, w in _catalogusvolgorde(nieuw)
    )
    audit_event_record(
        event=Event.PLANNINGPARAMETERS_VASTGELEGD,
        actor=actor,
        target=parameterset,
        request=request,
        data={
            "jaar": jaar,
            "versie": parameterset.versie,
            "vorige_versie": huidig.versie,
            "planscenario": planscenario.value,
            "scenario_gewijzigd": huidig.planscenario != planscenario.value,
            **_wijzigingen(gewijzigd, oud, nieuw),
        },
    )
    return parameterset


#: Room left in an audit event's data (4096 bytes) for the list of changes.
_WIJZIGINGEN_MAX_BYTES = 3200


def _wijzigingen(
    gewijzigd: list[str], oud: Mapping[str, Parameter], nieuw: Mapping[str, Parameterinvoer]
) -> dict[str, object]:
    """The changes as "old → new (status)" per key; when that is too long for one audit event,
    just the keys (the versions themselves hold every value)."""
    detail = {
        code: (
            f"{_tekst(oud[code].waarde) if code in oud else '–'} → "
            f"{_tekst(nieuw[code].waarde)} ({nieuw[code].status.value})"
        )
        for code in gewijzigd
    }
    if len(json.dumps(detail)) <= _WIJZIGINGEN_MAX_BYTES:
        return {"aantal_gewijzigd": len(gewijzigd), "gewijzigd": detail}
    sleutels: list[str] = []
    for code in gewijzigd:
        if len(json.dumps([*sleutels, code])) > _WIJZIGINGEN_MAX_BYTES:
            break
        sleutels.append(code)
    return {"aantal_gewijzigd": len(gewijzigd), "gewijzigde_sleutels": sleutels}


def _catalogusvolgorde(
    waarden: Mapping[str, Parameterinvoer],
) -> list[tuple[str, Parameterinvoer]]:
    volgorde = {sleutel.code: i for i, sleutel in enumerate(CATALOGUS)}
    return sorted(waarden.items(), key=lambda item: volgorde.get(item[0], len(volgorde)))


def _conflict_tekst(huidig: Parameterset) -> str:
    door = huidig.aangemaakt_door.weergavenaam if huidig.aangemaakt_door else "het systeem"  # type: ignore[attr-defined]
    return (
        f"Intussen is versie {huidig.versie} opgeslagen door {door} "
        f"({timezone.localtime(huidig.aangemaakt_op):%d-%m-%Y %H:%M}). Uw wijzigingen zijn niet "
        "opgeslagen: bekijk de nieuwe versie en voer ze zo nodig opnieuw in."
    )


@transaction.atomic
def parameterset_jaar_aanmaken(
    *, jaar: int, van_jaar: int, actor: User, request: HttpRequest | None = None
) -> Parameterset:
    """Version 1 for ``jaar`` as a copy of the version in force for ``van_jaar``.

    The published reference figures are not copied (they belong to their year). The base-year
    volumes are copied as they are: the controller should set them to the new base year.
    Raises ValueError when ``jaar`` already has parameters, GeenParameters when ``van_jaar``
    has none.
    """
    if Parameterset.objects.filter(organisatie=selectors.organisatie_huidig(), jaar=jaar).exists():
        raise ValueError(f"Er zijn al parameters voor {jaar}.")
    bron = selectors.parameterset_huidig(van_jaar)
    parameterset = Parameterset.objects.create(
        organisatie=bron.organisatie,
        jaar=jaar,
        versie=1,
        planscenario=bron.planscenario,
        geldig_vanaf=timezone.now(),
        toelichting=f"Kopie van {van_jaar} versie {bron.versie}; pas het basisjaar aan.",
        aangemaakt_door=actor,
    )
    Parameter.objects.bulk_create(
        Parameter(
            parameterset=parameterset,
            sleutel=rij.sleutel,
            waarde=rij.waarde,
            status=rij.status,
            bron=f"Kopie van {van_jaar}: {rij.bron}"[:2000],
        )
        for rij in bron.parameters.all()
        if not rij.sleutel.startswith("gepubliceerd.")
    )
    audit_event_record(
        event=Event.PLANNINGPARAMETERS_VASTGELEGD,
        actor=actor,
        target=parameterset,
        request=request,
        data={
            "jaar": jaar,
            "versie": 1,
            "kopie_van_jaar": van_jaar,
            "kopie_van_versie": bron.versie,
        },
    )
    return parameterset


# --- realisation ---------------------------------------------------------------------------

REALISATIE_VELDEN = (
    "fte_uitvoering",
    "fte_management",
    "fte_eenmalig",
    "personeelslasten_eur",
    "overige_kosten_eur",
    "ondersteuning_ggd_eur",
    "eenmalig_eur",
)
MAX_FTE = Decimal(10_000)
MAX_BEDRAG_MAAND = Decimal(50_000_000)


@transaction.atomic
def realisatie_vastleggen(
    *,
    jaar: int,
    maand: int,
    waarden: Mapping[str, Decimal],
    toelichting: str = "",
    actor: User,
    vandaag: date,
    request: HttpRequest | None = None,
) -> RealisatieMaand:
    """Records a month's actual fte and spending as a new version of that month.

    Refuses (RealisatieFout, per field, nothing written) a month that has not started yet, a
    year without parameters, missing or negative values and implausibly large ones.
    """
    fouten: dict[str, str] = {}
    if not 1 <= maand <= 12:
        fouten["maand"] = "Kies een maand van 1 tot en met 12."
    elif date(jaar, maand, 1) > vandaag:
        fouten["maand"] = (
            f"{maand:02d}-{jaar} is nog niet begonnen: leg alleen gerealiseerde maanden vast."
        )
    try:
        selectors.parameterset_huidig(jaar)
    except selectors.GeenParameters as fout:
        fouten["jaar"] = str(fout)
    for veld in REALISATIE_VELDEN:
        waarde = waarden.get(veld)
        if waarde is None:
            fouten[veld] = "Vul een waarde in (0 als er niets was)."
        elif waarde < 0:
            fouten[veld] = "Een gerealiseerde waarde kan niet negatief zijn."
        elif veld.startswith("fte") and waarde > MAX_FTE:
            fouten[veld] = "Meer dan 10.000 fte is niet aannemelijk."
        elif veld.endswith("_eur") and waarde > MAX_BEDRAG_MAAND:
            fouten[veld] = "Meer dan € 50 miljoen in één maand is niet aannemelijk."
    if fouten:
        raise RealisatieFout(fouten)
    organisatie = selectors.organisatie_huidig()
    vorige = (
        RealisatieMaand.objects.select_for_update()
        .filter(organisatie=organisatie, jaar=jaar, maand=maand)
        .order_by("-versie")
        .first()
    )
    rij = RealisatieMaand.objects.create(
        organisatie=organisatie,
        jaar=jaar,
        maand=maand,
        versie=(vorige.versie + 1) if vorige else 1,
        toelichting=toelichting.strip(),
        vastgelegd_door=actor,
        vastgelegd_op=timezone.now(),
        **{veld: waarden[veld] for veld in REALISATIE_VELDEN},
    )
    audit_event_record(
        event=Event.REALISATIE_VASTGELEGD,
        actor=actor,
        target=rij,
        request=request,
        data={
            "jaar": jaar,
            "maand": maand,
            "versie": rij.versie,
            **{veld: _tekst(waarden[veld]) for veld in REALISATIE_VELDEN},
        },
    )
    return rij


# --- simulation ----------------------------------------------------------------------------


def simulatierun_starten(
    *,
    jaar: int,
    scenario: Scenario,
    replicaties: int,
    seed: int,
    fte_vb: Decimal | None,
    fte_vervolg: Decimal | None,
    zoek_fte: bool,
    actor: User,
    request: HttpRequest | None = None,
) -> tuple[Simulatierun, str | None]:
    """Stores a simulation request and queues it as a background job (after the commit).

    Returns the run and a warning when the number of replications was capped. Raises
    :class:`SimulatieFout` (per field) for a refused number of replications or team size and
    GeenParameters for a year without parameters; nothing is stored then.
    """
    replicaties, waarschuwing = replicaties_controleren(replicaties)
    if zoek_fte and replicaties > MAX_REPLICATIES_ZOEKEN:
        replicaties = MAX_REPLICATIES_ZOEKEN
        waarschuwing = (
            f"Bij het zoeken naar de benodigde fte is het aantal replicaties begrensd op "
            f"{MAX_REPLICATIES_ZOEKEN}: de zoektocht draait het model zo'n tien keer."
        )
    fouten: dict[str, str] = {}
    for veld, waarde in (("fte_vb", fte_vb), ("fte_vervolg", fte_vervolg)):
        if waarde is not None and not Decimal(0) < waarde <= Decimal(1000):
            fouten[veld] = "Vul een formatie groter dan 0 en hoogstens 1000 fte in."
    if not 0 <= seed <= MAX_SEED:
        fouten["seed"] = "Het startgetal (seed) ligt tussen 0 en 99.999.999."
    if fouten:
        raise SimulatieFout(fouten)
    parameterset = selectors.parameterset_huidig(jaar)
    parameters = selectors.planparameters_van(parameterset)
    begroting = begroting_bereken(parameters, scenario=scenario)
    plan_vb, plan_vervolg = team_fte_uit_begroting(begroting)
    with transaction.atomic():
        run = Simulatierun.objects.create(
            organisatie=parameterset.organisatie,
            jaar=jaar,
            scenario=scenario.value,
            parameterset=parameterset,
            replicaties=replicaties,
            seed=seed,
            fte_vb=fte_vb if fte_vb is not None else Decimal(str(round(plan_vb, 2))),
            fte_vervolg=(
                fte_vervolg if fte_vervolg is not None else Decimal(str(round(plan_vervolg, 2)))
            ),
            zoek_fte=zoek_fte,
            totaal=replicaties,
            waarschuwing=waarschuwing or "",
            aangevraagd_door=actor,
        )
        audit_event_record(
            event=Event.SIMULATIE_GESTART,
            actor=actor,
            target=run,
            request=request,
            data={
                "jaar": jaar,
                "scenario": scenario.value,
                "parameterset_versie": parameterset.versie,
                "replicaties": replicaties,
                "seed": seed,
                "fte_vb": _tekst(run.fte_vb),
                "fte_vervolg": _tekst(run.fte_vervolg),
                "zoek_fte": zoek_fte,
            },
        )
        transaction.on_commit(partial(_inplannen, run.pk))
    return run, waarschuwing


def _inplannen(run_id: int) -> None:
    from zicht.planning.tasks import simulatie_uitvoeren

    resultaat = simulatie_uitvoeren.enqueue(run_id)
    Simulatierun.objects.filter(pk=run_id, taak_id="").update(taak_id=str(resultaat.id)[:64])


def _voortgang_schrijver(run_id: int) -> Any:
    laatst = [0.0]

    def schrijf(gedaan: int, totaal: int) -> None:
        nu = time.monotonic()
        # At most a few writes per second, and always the last one.
        if gedaan < totaal and nu - laatst[0] < 0.5:
            return
        laatst[0] = nu
        Simulatierun.objects.filter(pk=run_id).update(voortgang=gedaan, totaal=totaal)

    return schrijf


def simulatierun_uitvoeren(*, run_id: int) -> None:
    """Runs a stored simulation request (called by the background task).

    Marks the run ``bezig``, writes progress as it goes, stores the results and marks it
    ``klaar`` — or ``mislukt`` with the Dutch error message. A run that is no longer waiting
    (already picked up by another worker) is left alone.
    """
    gestart = Simulatierun.objects.filter(pk=run_id, status=SimulatieStatus.WACHTRIJ).update(
        status=SimulatieStatus.BEZIG, gestart_op=timezone.now()
    )
    if not gestart:
        logger.info("Simulatierun %s is niet (meer) in de wachtrij; overgeslagen.", run_id)
        return
    run = Simulatierun.objects.select_related("parameterset").get(pk=run_id)
    begin = time.monotonic()
    try:
        resultaat = _simulatie_draaien(run)
    except (SimulatieFout, ParameterFout) as fout:
        duur = time.monotonic() - begin
        _afronden(run, SimulatieStatus.MISLUKT, foutmelding=str(fout), duur=duur)
    except Exception:
        logger.exception("Simulatierun %s is mislukt.", run_id)
        _afronden(
            run,
            SimulatieStatus.MISLUKT,
            foutmelding="De simulatie is onverwacht mislukt; de beheerder kan het logboek inzien.",
            duur=time.monotonic() - begin,
        )
    else:
        _afronden(run, SimulatieStatus.KLAAR, resultaat=resultaat, duur=time.monotonic() - begin)


def _simulatie_draaien(run: Simulatierun) -> dict[str, Any]:
    parameters = selectors.planparameters_van(run.parameterset)
    scenario = Scenario(run.scenario)
    begroting = begroting_bereken(parameters, scenario=scenario)
    invoer = invoer_uit_plan(
        parameters,
        begroting,
        jaar=run.jaar,
        kalender=calendar_current(),
        fte_vb=float(run.fte_vb),
        fte_vervolg=float(run.fte_vervolg),
    )
    voortgang = _voortgang_schrijver(run.pk)
    plan_vb, plan_vervolg = team_fte_uit_begroting(begroting)
    uitkomst: dict[str, Any] = {}
    if run.zoek_fte:
        advies = fte_zoeken(
            invoer,
            team="vb",
            doel=float(parameters.signalen.norm_vb_tijdig),
            replicaties=run.replicaties,
            seed=run.seed,
            voortgang=voortgang,
        )
        uitkomst["fte_advies"] = {
            "team": advies.team,
            "doel": advies.doel,
            "fte": advies.fte,
            "behaald": advies.behaald,
            "evaluaties": [list(e) for e in advies.evaluaties],
        }
        voortgang = _voortgang_schrijver(run.pk)
        Simulatierun.objects.filter(pk=run.pk).update(voortgang=0, totaal=run.replicaties)
    resultaat = simuleer(invoer, replicaties=run.replicaties, seed=run.seed, voortgang=voortgang)
    uitkomst.update(resultaat.als_dict())
    uitkomst["plan_fte_vb"] = round(plan_vb, 2)
    uitkomst["plan_fte_vervolg"] = round(plan_vervolg, 2)
    uitkomst["norm_vb_tijdig"] = float(parameters.signalen.norm_vb_tijdig)
    uitkomst["norm_vervolg_tijdig"] = float(parameters.signalen.norm_vervolg_tijdig)
    uitkomst["meldingen_per_jaar"] = invoer.meldingen_per_jaar
    return uitkomst


def _afronden(
    run: Simulatierun,
    status: SimulatieStatus,
    *,
    duur: float,
    resultaat: dict[str, Any] | None = None,
    foutmelding: str = "",
) -> None:
    with transaction.atomic():
        Simulatierun.objects.filter(pk=run.pk).update(
            status=status,
            resultaat=resultaat,
            foutmelding=foutmelding,
            klaar_op=timezone.now(),
            voortgang=run.replicaties if status == SimulatieStatus.KLAAR else run.voortgang,
            totaal=run.replicaties,
        )
        audit_event_record(
            event=Event.SIMULATIE_AFGEROND,
            actor=None,
            target=run,
            data={
                "status": status.value,
                "duur_ms": min(int(duur * 1000), 99_999_999),
                "vb_tijdig_promille": (
                    round(resultaat["vb_tijdig"]["gemiddelde"] * 1000) if resultaat else None
                ),
            },
        )


# --- risks ---------------------------------------------------------------------------------


@transaction.atomic
def risico_wijzigen(
    *,
    risico: Risico,
    version: int,
    kans: str,
    impact: str,
    maatregelen: str,
    eigenaar: str,
    actor: User,
    request: HttpRequest | None = None,
) -> Risico:
    """Updates the assessment of a risk; raises VersieConflict when it changed meanwhile."""
    bijgewerkt = Risico.objects.filter(pk=risico.pk, version=version).update(
        kans=kans,
        impact=impact,
        maatregelen=maatregelen.strip(),
        eigenaar=eigenaar.strip(),
        version=version + 1,
    )
    if not bijgewerkt:
        raise VersieConflict(
            "Iemand anders heeft dit risico intussen gewijzigd. Uw wijzigingen zijn niet "
            "opgeslagen; bekijk de nieuwe stand en voer ze zo nodig opnieuw in."
        )
    audit_event_record(
        event=Event.RISICO_GEWIJZIGD,
        actor=actor,
        target=risico,
        request=request,
        data={
            "nummer": risico.nummer,
            "kans": {"oud": risico.kans, "nieuw": kans},
            "impact": {"oud": risico.impact, "nieuw": impact},
            "maatregelen_gewijzigd": risico.maatregelen != maatregelen.strip(),
            "eigenaar_gewijzigd": risico.eigenaar != eigenaar.strip(),
        },
    )
    risico.refresh_from_db()
    return risico
