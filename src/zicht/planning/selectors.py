"""Reads of planning: parameter sets, the model's budgets, realisation, simulation runs, risks.

Planning holds no personal data: these reads are aggregate and need no ``casus_scope`` — except
:func:`realisatie_volumes`, which counts casussen and therefore returns counts only, never rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractMonth

from zicht.casework.models import Casus
from zicht.core.selectors import calendar_current
from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.begroting import Begroting, begroting_bereken
from zicht.planning.domain.parameters import Planparameters, planparameters_maken
from zicht.planning.domain.realisatie import Methode, aandeel_jaar
from zicht.planning.domain.signalen import (
    Signaal,
    SignaalCode,
    signaal_caseload,
    signaal_instroom,
    signaal_termijnen,
    signaal_wachtlijst,
)
from zicht.planning.models import (
    Parameter,
    Parameterset,
    RealisatieMaand,
    Risico,
    Simulatierun,
)

__all__ = [
    "REALISATIE_VOLUMES_BRON",
    "GeenParameters",
    "begrotingen_per_scenario",
    "organisatie_huidig",
    "parameter_rijen",
    "parameterjaren",
    "parameterset_get",
    "parameterset_huidig",
    "parameterset_versies",
    "planparameters_van",
    "realisatie_maanden",
    "realisatie_uren",
    "realisatie_volumes",
    "risico_get",
    "risico_list",
    "risico_signalen",
    "simulatierun_get",
    "simulatierun_list",
]


class GeenParameters(LookupError):
    """There is no parameter set for the requested year (Dutch message)."""


def organisatie_huidig() -> str:
    return str(settings.ZICHT_ORGANISATIE)


def parameterjaren() -> list[int]:
    """The years that have parameters, newest first."""
    return list(
        Parameterset.objects.filter(organisatie=organisatie_huidig())
        .order_by("-jaar")
        .values_list("jaar", flat=True)
        .distinct()
    )


def _geen_parameters(jaar: int) -> GeenParameters:
    jaren = parameterjaren()
    bekend = (
        f" Er zijn parameters voor {', '.join(str(j) for j in sorted(jaren))}."
        if jaren
        else " Er zijn nog voor geen enkel jaar parameters."
    )
    return GeenParameters(
        f"Er zijn geen planningsparameters voor {jaar}.{bekend} "
        "Maak ze aan op de pagina Parameters (als kopie van een ander jaar)."
    )


def parameterset_huidig(jaar: int) -> Parameterset:
    """The version in force for ``jaar`` (the newest); raises :class:`GeenParameters`."""
    parameterset = (
        Parameterset.objects.filter(organisatie=organisatie_huidig(), jaar=jaar)
        .select_related("aangemaakt_door")
        .order_by("-versie")
        .first()
    )
    if parameterset is None:
        raise _geen_parameters(jaar)
    return parameterset


def parameterset_get(jaar: int, versie: int) -> Parameterset:
    parameterset = (
        Parameterset.objects.filter(organisatie=organisatie_huidig(), jaar=jaar, versie=versie)
        .select_related("aangemaakt_door")
        .first()
    )
    if parameterset is None:
        raise GeenParameters(f"Versie {versie} van de parameters voor {jaar} bestaat niet.")
    return parameterset


def parameterset_versies(jaar: int) -> list[Parameterset]:
    return list(
        Parameterset.objects.filter(organisatie=organisatie_huidig(), jaar=jaar)
        .select_related("aangemaakt_door")
        .order_by("-versie")
    )


def parameter_rijen(parameterset: Parameterset) -> dict[str, Parameter]:
    return {rij.sleutel: rij for rij in parameterset.parameters.all()}


def planparameters_van(parameterset: Parameterset) -> Planparameters:
    return planparameters_maken({rij.sleutel: rij.waarde for rij in parameterset.parameters.all()})


def begrotingen_per_scenario(
    jaar: int, *, productieve_uren_per_fte: Decimal | None = None
) -> tuple[Parameterset, Planparameters, dict[Scenario, Begroting]]:
    """The version in force for ``jaar`` and the model's budget under each scenario."""
    parameterset = parameterset_huidig(jaar)
    parameters = planparameters_van(parameterset)
    begrotingen = {
        scenario: begroting_bereken(
            parameters, scenario=scenario, productieve_uren_per_fte=productieve_uren_per_fte
        )
        for scenario in Scenario
    }
    return parameterset, parameters, begrotingen


def realisatie_maanden(jaar: int) -> dict[int, RealisatieMaand]:
    """The newest version of each month entered for ``jaar``."""
    rijen = (
        RealisatieMaand.objects.filter(organisatie=organisatie_huidig(), jaar=jaar)
        .select_related("vastgelegd_door")
        .order_by("maand", "-versie")
    )
    uitkomst: dict[int, RealisatieMaand] = {}
    for rij in rijen:
        uitkomst.setdefault(rij.maand, rij)
    return uitkomst


#: Where each realised volume comes from, shown next to the figures. Later issues replace the
#: proxy with real counts of meldingen and diensten.
REALISATIE_VOLUMES_BRON: dict[Dienst, str] = {
    Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: (
        "benadering: casussen geopend per maand (de registratie van meldingen volgt)"
    ),
}


def realisatie_volumes(jaar: int) -> dict[Dienst, dict[int, int]]:
    """Actual volume per service per month of ``jaar`` (month 1..12 → count).

    SEAM: for now only ``melding_en_veiligheidsbeoordeling`` is filled, with the number of
    casussen opened per month (``Casus.geopend_op``, in Europe/Amsterdam) as a *proxy* for
    meldingen — see :data:`REALISATIE_VOLUMES_BRON`. Services without a source are absent (not
    zero): no data is not the same as no work. Replace the body when intake and diensten
    register meldingen and diensten; the signature stays.
    """
    per_maand = (
        Casus.objects.filter(geopend_op__year=jaar)
        .annotate(maand=ExtractMonth("geopend_op"))
        .values("maand")
        .annotate(aantal=Count("id"))
        .order_by("maand")
    )
    meldingen = {int(rij["maand"]): int(rij["aantal"]) for rij in per_maand}
    if not meldingen:
        return {}
    return {Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: meldingen}


def realisatie_uren(jaar: int) -> dict[Dienst, dict[int, Decimal]]:
    """Actual hours per service per month from time registration.

    SEAM: time registration (``diensten``) does not exist yet, so this returns an empty mapping;
    pages show "nog geen urenregistratie". The issue that adds time registration fills it.
    """
    del jaar
    return {}


def simulatierun_list(*, limit: int = 20) -> list[Simulatierun]:
    return list(
        Simulatierun.objects.filter(organisatie=organisatie_huidig())
        .select_related("aangevraagd_door")
        .order_by("-aangevraagd_op", "-id")[:limit]
    )


def simulatierun_get(pk: int) -> Simulatierun | None:
    return (
        Simulatierun.objects.filter(organisatie=organisatie_huidig(), pk=pk)
        .select_related("aangevraagd_door", "parameterset")
        .first()
    )


def risico_list() -> list[Risico]:
    return list(Risico.objects.filter(organisatie=organisatie_huidig()).order_by("nummer"))


def risico_get(pk: int) -> Risico | None:
    return Risico.objects.filter(organisatie=organisatie_huidig(), pk=pk).first()


@dataclass(frozen=True)
class Signaalstand:
    jaar: int
    tot_en_met: int  # the last complete month measured (0: none yet)
    signalen: dict[SignaalCode, Signaal]


def risico_signalen(jaar: int, *, vandaag: date) -> Signaalstand:
    """The signal state of every rule for ``jaar``, measured through the last complete month
    before ``vandaag`` (the whole year when it is over).

    Inflow uses :func:`realisatie_volumes` (the proxy) against the plan scenario and scenario
    hoog, prorated by working days. The waiting list, caseload and terms have no data source
    yet (registration of meldingen and diensten follows) and show "nog geen gegevens".
    Raises :class:`GeenParameters` when the year has no parameters.
    """
    parameterset = parameterset_huidig(jaar)
    parameters = planparameters_van(parameterset)
    if vandaag.year > jaar:
        tot_en_met = 12
    elif vandaag.year < jaar:
        tot_en_met = 0
    else:
        tot_en_met = vandaag.month - 1
    gerealiseerd: int | None = None
    plan = plan_hoog = Decimal(0)
    if tot_en_met:
        volumes = realisatie_volumes(jaar).get(Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING)
        if volumes:
            gerealiseerd = sum(aantal for maand, aantal in volumes.items() if maand <= tot_en_met)
        aandeel = aandeel_jaar(jaar, tot_en_met, Methode.WERKDAGEN, calendar_current())
        scenario = Scenario(parameterset.planscenario)
        melding = Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING
        plan = begroting_bereken(parameters, scenario=scenario).regel(melding).volume * aandeel
        plan_hoog = (
            begroting_bereken(parameters, scenario=Scenario.HOOG).regel(melding).volume * aandeel
        )
    s = parameters.signalen
    signalen = [
        signaal_instroom(
            gerealiseerd=gerealiseerd, plan=plan, plan_hoog=plan_hoog, marge=s.instroom_marge
        ),
        signaal_wachtlijst(wachtlijst=None, drempel=s.wachtlijst_drempel),
        signaal_caseload(caseload_per_fte=None, norm=s.caseload_norm),
        signaal_termijnen(aandeel_tijdig=None, norm=s.norm_vb_tijdig),
    ]
    return Signaalstand(jaar, tot_en_met, {signaal.code: signaal for signaal in signalen})
