"""Reads of planning: parameter sets, the model's budgets, realisation, simulation runs, risks.

Planning holds no personal data: these reads are aggregate and need no ``casus_scope`` — except
:func:`realisatie_volumes` and :func:`realisatie_uren`, which count registrations and return
counts only, never rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, DateField, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from zicht.assessment.models import VbTermijnTelling
from zicht.core.selectors import calendar_current
from zicht.diensten.models import Dienst as DienstModel
from zicht.diensten.models import DienstStatus
from zicht.diensten.models_werk import DienstBehandeling, Huisverbod, Tijdregel, Voorlichting
from zicht.diensten.selectors_werk import wachtlijst_dienst_q, wachtlijst_melding_q
from zicht.intake.models import Advies, Melding
from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.begroting import Begroting, begroting_bereken
from zicht.planning.domain.parameters import ParameterFout, Planparameters, planparameters_maken
from zicht.planning.domain.realisatie import Methode, aandeel_jaar
from zicht.planning.domain.signalen import (
    Signaal,
    SignaalCode,
    signaal_caseload_medewerkers,
    signaal_instroom,
    signaal_termijnen_samen,
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
    "OplichtendRisico",
    "RisicoMetSignaal",
    "Risicooverzicht",
    "begroting_doorrekenen",
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
    "risico_overzicht",
    "risico_signalen",
    "risicos_oplichtend",
    "signaal_caseloads",
    "signaal_termijnstand",
    "signaal_wachtlijststand",
    "simulatierun_get",
    "simulatierun_list",
    "urennormen",
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


#: The model's error keys (domain) → the arguments of :func:`begroting_doorrekenen`.
_DOORREKENEN_VELDEN = {
    "scenario": NON_FIELD_ERRORS,  # scenario and volumes together: not one field
    "formatie.productieve_uren_per_fte": "productieve_uren_per_fte",
}


def begroting_doorrekenen(
    *,
    jaar: int,
    scenario: Scenario | None = None,
    volumes: Mapping[Dienst, int] | None = None,
    productieve_uren_per_fte: Decimal | None = None,
) -> tuple[Parameterset, Begroting]:
    """The budget model run for ``scenario`` or for entered ``volumes`` (exactly one) with the
    parameters in force for ``jaar`` — computed, nothing stored (the API's scenario evaluation).

    Every check is the model's own: raises :class:`~django.core.exceptions.ValidationError`
    with Dutch messages per argument — ``jaar`` without parameters, ``volumes.<dienst>``
    negative or missing, ``productieve_uren_per_fte`` outside the parameter's range, and a
    non-field error unless exactly one of ``scenario`` and ``volumes`` is given."""
    try:
        parameterset = parameterset_huidig(jaar)
    except GeenParameters as fout:
        raise ValidationError({"jaar": [str(fout)]}) from None
    try:
        begroting = begroting_bereken(
            planparameters_van(parameterset),
            scenario=scenario,
            volumes=volumes,
            productieve_uren_per_fte=productieve_uren_per_fte,
        )
    except ParameterFout as fout:
        fouten: dict[str, list[str]] = {}
        for sleutel, bericht in fout.fouten.items():
            veld = _DOORREKENEN_VELDEN.get(sleutel) or sleutel.replace("volume.", "volumes.", 1)
            fouten.setdefault(veld, []).append(bericht)
        raise ValidationError(fouten) from None
    return parameterset, begroting


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


#: Where each realised volume comes from, shown next to the figures.
REALISATIE_VOLUMES_BRON: dict[Dienst, str] = {
    Dienst.ADVIES: "adviezen ontvangen per maand",
    Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: "meldingen ontvangen per maand",
    Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING: "diensten gestart per maand",
    Dienst.VOORWAARDEN_EN_VERVOLG: "diensten gestart per maand",
    Dienst.ONDERZOEK: "diensten gestart per maand",
    Dienst.OVERDRACHT_NA_BEMOEIENIS: "diensten gestart per maand",
    Dienst.MONITOREN: "diensten gestart per maand",
    Dienst.TIJDELIJK_HUISVERBOD: "huisverboden opgelegd per maand",
    Dienst.VOORLICHTING: "voorlichtingen gegeven per maand",
}

#: Dienst soort (diensten) → the planning service it counts as. A request to the Raad is part
#: of the VB's decision in the budget (no line of its own) and is not counted as a volume.
_DIENST_SOORT_PLANNING: dict[str, Dienst] = {
    "overdracht_na_vb": Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING,
    "voorwaarden_en_vervolg": Dienst.VOORWAARDEN_EN_VERVOLG,
    "onderzoek": Dienst.ONDERZOEK,
    "overdracht_na_bemoeienis": Dienst.OVERDRACHT_NA_BEMOEIENIS,
    "monitoren": Dienst.MONITOREN,
}


def _per_maand(qs: QuerySet[Any], veld: str) -> dict[int, int]:
    rijen = (
        qs.annotate(maand=ExtractMonth(veld))
        .values("maand")
        .annotate(aantal=Count("id"))
        .order_by("maand")
    )
    return {int(rij["maand"]): int(rij["aantal"]) for rij in rijen}


def realisatie_volumes(jaar: int) -> dict[Dienst, dict[int, int]]:
    """Actual volume per service per month of ``jaar`` (month 1..12 → count), from the
    registration: adviezen and meldingen by receipt (Europe/Amsterdam), diensten by start,
    huisverboden by imposition, voorlichtingen by date — see :data:`REALISATIE_VOLUMES_BRON`.
    A service with nothing registered in the year is absent (not zero): no data is not the
    same as no work. Counts only, never rows (no ``casus_scope`` needed).
    """
    uitkomst: dict[Dienst, dict[int, int]] = {}

    def zet(dienst: Dienst, per_maand: dict[int, int]) -> None:
        if per_maand:
            uitkomst[dienst] = per_maand

    zet(Dienst.ADVIES, _per_maand(Advies.objects.filter(ontvangen_op__year=jaar), "ontvangen_op"))
    zet(
        Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING,
        _per_maand(Melding.objects.filter(ontvangen_op__year=jaar), "ontvangen_op"),
    )
    diensten = (
        DienstModel.objects.filter(start__year=jaar, soort__in=list(_DIENST_SOORT_PLANNING))
        .annotate(maand=ExtractMonth("start"))
        .values("soort", "maand")
        .annotate(aantal=Count("id"))
        .order_by("soort", "maand")
    )
    for rij in diensten:
        dienst = _DIENST_SOORT_PLANNING[rij["soort"]]
        uitkomst.setdefault(dienst, {})[int(rij["maand"])] = int(rij["aantal"])
    zet(
        Dienst.TIJDELIJK_HUISVERBOD,
        _per_maand(Huisverbod.objects.filter(opgelegd_op__year=jaar), "opgelegd_op"),
    )
    zet(Dienst.VOORLICHTING, _per_maand(Voorlichting.objects.filter(datum__year=jaar), "datum"))
    return {dienst: uitkomst[dienst] for dienst in Dienst if dienst in uitkomst}


def realisatie_uren(jaar: int) -> dict[Dienst, dict[int, Decimal]]:
    """Actual hours per service per month of ``jaar`` from the time registration
    (``diensten.Tijdregel``; a corrected booking counts only through its correction).
    Services without bookings are absent."""
    rijen = (
        Tijdregel.objects.filter(datum__year=jaar, correctie__isnull=True)
        .annotate(maand=ExtractMonth("datum"))
        .values("soort", "maand")
        .annotate(minuten=Sum("minuten"))
        .order_by("soort", "maand")
    )
    uitkomst: dict[Dienst, dict[int, Decimal]] = {}
    for rij in rijen:
        if not rij["minuten"]:
            continue
        uren = (Decimal(int(rij["minuten"])) / 60).quantize(Decimal("0.1"))
        uitkomst.setdefault(Dienst(rij["soort"]), {})[int(rij["maand"])] = uren
    return {dienst: uitkomst[dienst] for dienst in Dienst if dienst in uitkomst}


def urennormen(jaar: int) -> dict[str, Decimal]:
    """The hour norm per service (code → hours per case) in force for ``jaar``, or for the
    nearest earlier year with parameters (else the newest). Empty when there are none.
    Diensten reads this through ``settings.ZICHT_URENNORMEN`` (ADR 0004)."""
    sets = Parameterset.objects.filter(organisatie=organisatie_huidig())
    parameterset = (
        sets.filter(jaar__lte=jaar).order_by("-jaar", "-versie").first()
        or sets.order_by("-jaar", "-versie").first()
    )
    if parameterset is None:
        return {}
    rijen = Parameter.objects.filter(
        parameterset=parameterset, sleutel__startswith="urennorm."
    ).values_list("sleutel", "waarde")
    return {sleutel.removeprefix("urennorm."): Decimal(waarde) for sleutel, waarde in rijen}


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


@dataclass(frozen=True)
class RisicoMetSignaal:
    """A risk of the register with the data-driven signal that watches it (``None``: no
    signal watches this risk, or no year is measured)."""

    risico: Risico
    signaal: Signaal | None


@dataclass(frozen=True)
class OplichtendRisico:
    risico: Risico
    signaal: Signaal


@dataclass(frozen=True)
class Risicooverzicht:
    stand: Signaalstand | None  # None: no year measured
    register: list[RisicoMetSignaal]
    oplichtend: list[OplichtendRisico]


def risico_overzicht(jaar: int | None, *, vandaag: date) -> Risicooverzicht:
    """The risk register with the signal state of ``jaar`` (:func:`risico_signalen`) and the
    risks that light up: those whose signal stands at orange or red (``Signaal.licht_op``).
    The one place that decides it, for the risk page and the dashboard
    (:func:`risicos_oplichtend`). Without a year: the register without signals. Raises
    :class:`GeenParameters` when ``jaar`` has no parameters."""
    stand = risico_signalen(jaar, vandaag=vandaag) if jaar is not None else None
    register = [
        RisicoMetSignaal(
            risico=risico,
            signaal=stand.signalen.get(SignaalCode(risico.signaal))
            if stand is not None and risico.signaal
            else None,
        )
        for risico in risico_list()
    ]
    oplichtend = [
        OplichtendRisico(risico=rij.risico, signaal=rij.signaal)
        for rij in register
        if rij.signaal is not None and rij.signaal.licht_op
    ]
    return Risicooverzicht(stand=stand, register=register, oplichtend=oplichtend)


def risicos_oplichtend(*, vandaag: date) -> list[OplichtendRisico] | None:
    """The risks of the register whose data-driven signal stands at orange or red in the
    running year — for the management dashboard. ``None`` when the year has no parameters."""
    try:
        return risico_overzicht(vandaag.year, vandaag=vandaag).oplichtend
    except GeenParameters:
        return None


def risico_signalen(jaar: int, *, vandaag: date) -> Signaalstand:
    """The signal state of every rule for ``jaar``, measured through the last complete month
    before ``vandaag`` (the whole year when it is over).

    * Inflow: :func:`realisatie_volumes` (meldingen received) against the plan scenario and
      scenario hoog, prorated by working days.
    * Waiting list and caseload are states *now*: measured on ``vandaag`` for the running year
      only (:func:`signaal_wachtlijststand`, :func:`signaal_caseloads`); a past or future year
      shows "nog geen gegevens" for them.
    * Terms: the last :data:`TERMIJN_VB_DAGEN` days (VB) and :data:`TERMIJN_VERVOLG_DAGEN`
      days (Onderzoek, V&V) up to ``vandaag``, or up to 31 December of a past year
      (:func:`signaal_termijnstand`).

    A constant number of aggregate queries, whatever the volume. Raises :class:`GeenParameters`
    when the year has no parameters.
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
    wachtlijst: Wachtlijststand | None = None
    caseloads: list[int] | None = None
    if vandaag.year == jaar:
        wachtlijst = signaal_wachtlijststand(vandaag)
        caseloads = signaal_caseloads()
    termijnen = Termijnstand(0, 0, 0, 0)
    if vandaag.year >= jaar:
        termijnen = signaal_termijnstand(min(vandaag, date(jaar, 12, 31)))
    signalen = [
        signaal_instroom(
            gerealiseerd=gerealiseerd, plan=plan, plan_hoog=plan_hoog, marge=s.instroom_marge
        ),
        signaal_wachtlijst(
            wachtlijst=wachtlijst.aantal if wachtlijst else None,
            over_termijn=wachtlijst.over_termijn if wachtlijst else None,
            drempel=s.wachtlijst_drempel,
        ),
        signaal_caseload_medewerkers(caseloads=caseloads, norm=s.caseload_norm),
        signaal_termijnen_samen(
            vb_besloten=termijnen.vb_besloten,
            vb_op_tijd=termijnen.vb_op_tijd,
            norm_vb=s.norm_vb_tijdig,
            vervolg_afgerond=termijnen.vervolg_afgerond,
            vervolg_op_tijd=termijnen.vervolg_op_tijd,
            norm_vervolg=s.norm_vervolg_tijdig,
        ),
    ]
    return Signaalstand(jaar, tot_en_met, {signaal.code: signaal for signaal in signalen})


#: The windows of the term signal: the last 4 weeks of VB decisions and the last quarter
#: (13 weeks) of Onderzoek and V&V closed, both up to and including the day measured.
TERMIJN_VB_DAGEN = 28
TERMIJN_VERVOLG_DAGEN = 91


@dataclass(frozen=True)
class Wachtlijststand:
    aantal: int
    over_termijn: int


def signaal_wachtlijststand(vandaag: date) -> Wachtlijststand | None:
    """The organisation's waiting list on ``vandaag`` (DOMAIN §4, the one definition of
    ``diensten.selectors_werk.wachtlijst_*_q``): meldingen without a VB and without an
    assigned assessor, plus running diensten nobody carries; and how
    many of them are past their term (VB task deadline, or the dienst's deadline after
    suspension/extension, before ``vandaag``). Two aggregate queries; counts only.

    ``None`` while nothing has been registered at all (no meldingen): an empty registration is
    not an empty waiting list."""
    m = Melding.objects.aggregate(
        totaal=Count("pk"),
        wacht=Count("pk", filter=wachtlijst_melding_q()),
        over=Count("pk", filter=wachtlijst_melding_q() & Q(vb_taak__deadline__lt=vandaag)),
    )
    if not m["totaal"]:
        return None
    d = (
        DienstModel.objects.filter(wachtlijst_dienst_q())
        .annotate(grens=Coalesce(F("taak__deadline"), F("deadline"), output_field=DateField()))
        .aggregate(wacht=Count("pk"), over=Count("pk", filter=Q(grens__lt=vandaag)))
    )
    return Wachtlijststand(
        aantal=int(m["wacht"]) + int(d["wacht"]), over_termijn=int(m["over"]) + int(d["over"])
    )


def signaal_caseloads() -> list[int]:
    """Open diensten per medewerker who carries at least one (DOMAIN: caseload), one grouped
    query (a row per medewerker). Empty: nobody carries a dienst."""
    return [
        int(n)
        for n in DienstBehandeling.objects.filter(
            dienst__status=DienstStatus.GESTART, behandelaar__isnull=False
        )
        .values("behandelaar")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("n", flat=True)
    ]


@dataclass(frozen=True)
class Termijnstand:
    vb_besloten: int
    vb_op_tijd: int
    vervolg_afgerond: int
    vervolg_op_tijd: int


def signaal_termijnstand(tot: date) -> Termijnstand:
    """Organisation-wide term performance up to and including ``tot``: VB decisions of the last
    :data:`TERMIJN_VB_DAGEN` days (the per-team per-day counter
    ``assessment.VbTermijnTelling``, summed) and Onderzoek / V&V closed in the last
    :data:`TERMIJN_VERVOLG_DAGEN` days, on time when ``einde`` is on or before the deadline
    after suspension/extension (the deadline task's, else the dienst's). Two aggregates."""
    vb = VbTermijnTelling.objects.filter(
        datum__gt=tot - timedelta(days=TERMIJN_VB_DAGEN), datum__lte=tot
    ).aggregate(besloten=Sum("besloten"), op_tijd=Sum("op_tijd"))
    vervolg = (
        DienstModel.objects.filter(
            soort__in=["onderzoek", "voorwaarden_en_vervolg"],
            status="afgerond",
            einde__gt=tot - timedelta(days=TERMIJN_VERVOLG_DAGEN),
            einde__lte=tot,
        )
        .annotate(grens=Coalesce(F("taak__deadline"), F("deadline"), output_field=DateField()))
        .aggregate(afgerond=Count("pk"), op_tijd=Count("pk", filter=Q(einde__lte=F("grens"))))
    )
    return Termijnstand(
        vb_besloten=int(vb["besloten"] or 0),
        vb_op_tijd=int(vb["op_tijd"] or 0),
        vervolg_afgerond=int(vervolg["afgerond"] or 0),
        vervolg_op_tijd=int(vervolg["op_tijd"] or 0),
    )
