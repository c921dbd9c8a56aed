"""Planning pages: budget and scenarios, parameters, realisation, simulation, risk register.

Who may do what (declared once here, in :func:`_mag_inzien` / :func:`_mag_beheren`):

* ``Perm.PLANNING_BEHEREN`` (the controller) sees every page and changes parameters, records
  realisation, starts simulations and assesses risks;
* ``Perm.RAPPORTAGE_INZIEN`` (managers) sees every page and every result, but changes nothing:
  the forms are not shown and a POST answers 403;
* everyone else gets 403.

Views are thin: validate, read through selectors, call one service, render. Form errors answer
400 with the input kept.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.casework.access import require_any_permission, require_permission
from zicht.core.selectors import calendar_current
from zicht.planning import charts, selectors, services
from zicht.planning.domain.begrippen import Bronstatus, Dienst, Scenario
from zicht.planning.domain.begroting import vergelijking_gepubliceerd
from zicht.planning.domain.parameters import CATALOGUS, GROEPEN, Groep, ParameterFout
from zicht.planning.domain.realisatie import (
    Methode,
    aandeel_jaar,
    plan_per_maand,
    prognose_jaareinde,
    uren_per_casus,
)
from zicht.planning.domain.simulatie import SimulatieFout
from zicht.planning.forms import (
    MAANDEN,
    BegrotingForm,
    JaarAanmakenForm,
    ParameterForm,
    RealisatieForm,
    RisicoForm,
    SimulatieForm,
    veldnaam,
)
from zicht.planning.services import REALISATIE_VELDEN, Parameterinvoer, VersieConflict

#: Seconds between automatic reloads of a running simulation.
VERNIEUWEN_SECONDEN = 3
_RUNGRAFIEKEN: dict[tuple[int, str], tuple[str, str]] = {}


def _mag_inzien(request: HttpRequest) -> User:
    user = request.user
    # 403 with the Dutch reason: "Hiervoor is het recht ‘…’ of ‘…’ nodig."
    require_any_permission(user, (Perm.PLANNING_BEHEREN, Perm.RAPPORTAGE_INZIEN))
    return user  # type: ignore[return-value]


def _mag_beheren(user: User) -> bool:
    return has_permission(user, Perm.PLANNING_BEHEREN)


def _beheerder(request: HttpRequest) -> User:
    user = _mag_inzien(request)
    require_permission(user, Perm.PLANNING_BEHEREN)
    return user


def _jaar_kiezen(request: HttpRequest, jaren: list[int]) -> int | None:
    """The year asked for in ?jaar=, else this year when it has parameters, else the newest."""
    gevraagd = request.GET.get("jaar", "")
    if gevraagd.isdigit() and int(gevraagd) in jaren:
        return int(gevraagd)
    vandaag = timezone.localdate().year
    if vandaag in jaren:
        return vandaag
    return jaren[0] if jaren else None


def _basis(request: HttpRequest, user: User, actief: str, **extra: Any) -> dict[str, Any]:
    return {"mag_beheren": _mag_beheren(user), "actief": actief, **extra}


# --- begroting -----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def begroting_view(request: HttpRequest) -> HttpResponse:
    user = _mag_inzien(request)
    jaren = selectors.parameterjaren()
    context = _basis(request, user, "begroting", jaren=jaren)
    if not jaren:
        return render(request, "planning/begroting.html", context)
    standaard = _jaar_kiezen(request, jaren)
    form = BegrotingForm(request.GET if request.GET else None, jaren=jaren)
    status = 200
    jaar, productieve_uren = standaard, None
    if form.is_bound:
        if form.is_valid():
            jaar = form.cleaned_data["jaar"]
            productieve_uren = form.cleaned_data["productieve_uren"]
        else:
            status = 400
    else:
        form = BegrotingForm(initial={"jaar": standaard}, jaren=jaren)
    assert jaar is not None
    parameterset, parameters, begrotingen = selectors.begrotingen_per_scenario(
        jaar, productieve_uren_per_fte=productieve_uren
    )
    planscenario = Scenario(parameterset.planscenario)
    plan = begrotingen[planscenario]
    context.update(
        form=form,
        jaar=jaar,
        parameterset=parameterset,
        planscenario=planscenario,
        productieve_uren=plan.productieve_uren_per_fte,
        gevoeligheid=productieve_uren is not None,
        scenarios=list(begrotingen.items()),
        dienstrijen=[
            {
                "dienst": dienst,
                "urennorm": plan.regel(dienst).urennorm,
                "per_scenario": [b.regel(dienst) for b in begrotingen.values()],
            }
            for dienst in Dienst
        ],
        vergelijking=vergelijking_gepubliceerd(plan, parameters.gepubliceerd),
    )
    context["grafiek_fte"], context["grafiek_kosten"] = _begrotingsgrafieken(
        parameterset.pk, parameterset.versie, productieve_uren, begrotingen
    )
    return render(request, "planning/begroting.html", context, status=status)


_GRAFIEKEN: dict[tuple[int, int, Decimal | None], tuple[str, str]] = {}


def _begrotingsgrafieken(
    pk: int, versie: int, productieve_uren: Decimal | None, begrotingen: dict[Scenario, Any]
) -> tuple[str, str]:
    """The two charts of a parameter version. A version never changes, so they are drawn once
    per process (drawing takes a few tenths of a second)."""
    sleutel = (pk, versie, productieve_uren)
    if sleutel not in _GRAFIEKEN:
        if len(_GRAFIEKEN) >= 64:
            _GRAFIEKEN.clear()
        _GRAFIEKEN[sleutel] = (
            charts.grafiek_fte_per_dienst(begrotingen),
            charts.grafiek_kosten(begrotingen),
        )
    return _GRAFIEKEN[sleutel]


# --- parameters ----------------------------------------------------------------------------


def _parameter_groepen(rijen: dict[str, Any]) -> list[dict[str, Any]]:
    groepen: dict[Groep, dict[str, Any]] = {}
    for sleutel in CATALOGUS:
        rij = rijen.get(sleutel.code)
        if rij is None:
            continue
        groep = groepen.setdefault(sleutel.groep, {"titel": GROEPEN[sleutel.groep], "rijen": []})
        groep["rijen"].append(
            {
                "sleutel": sleutel,
                "rij": rij,
                "eenheid": sleutel.soort.eenheid,
                "status": Bronstatus(rij.status),
            }
        )
    return list(groepen.values())


@require_http_methods(["GET", "HEAD", "POST"])
def parameters_view(request: HttpRequest) -> HttpResponse:
    user = _mag_inzien(request)
    if request.method == "POST":
        _beheerder(request)
    jaren = selectors.parameterjaren()
    jaar = _jaar_kiezen(request, jaren)
    context = _basis(request, user, "parameters", jaren=jaren, jaar=jaar)
    if jaar is None:
        context["jaar_form"] = JaarAanmakenForm(jaren=jaren)
        return render(request, "planning/parameters.html", context)
    huidig = selectors.parameterset_huidig(jaar)
    versie = request.GET.get("versie", "")
    parameterset = huidig
    if versie.isdigit() and int(versie) != huidig.versie:
        try:
            parameterset = selectors.parameterset_get(jaar, int(versie))
        except selectors.GeenParameters:
            raise Http404 from None
    rijen = selectors.parameter_rijen(parameterset)
    form = None
    if context["mag_beheren"] and parameterset == huidig:
        form = ParameterForm(
            request.POST or None,
            rijen=rijen,
            initial={"planscenario": huidig.planscenario, "basis_versie": huidig.versie},
        )
        if request.method == "POST" and form.is_valid():
            try:
                nieuw = services.parameterset_nieuwe_versie(
                    jaar=jaar,
                    basis_versie=form.cleaned_data["basis_versie"],
                    invoer={
                        code: Parameterinvoer(waarde, status, bron)
                        for code, (waarde, status, bron) in form.invoer().items()
                    },
                    planscenario=Scenario(form.cleaned_data["planscenario"]),
                    toelichting=form.cleaned_data["toelichting"],
                    actor=user,
                    request=request,
                )
            except ParameterFout as fout:
                for code, bericht in fout.fouten.items():
                    naam = veldnaam(code)
                    form.add_error(naam if naam in form.fields else None, bericht)
            except VersieConflict as conflict:
                form.add_error(None, str(conflict))
            else:
                messages.success(
                    request, f"Versie {nieuw.versie} van de parameters voor {jaar} is opgeslagen."
                )
                return redirect(f"{reverse('planning:parameters')}?jaar={jaar}")
    context.update(
        parameterset=parameterset,
        huidig=huidig,
        is_huidig=parameterset == huidig,
        versies=selectors.parameterset_versies(jaar),
        groepen=_parameter_groepen(rijen),
        form=form,
        jaar_form=JaarAanmakenForm(jaren=jaren) if context["mag_beheren"] else None,
        statussen=list(Bronstatus),
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "planning/parameters.html", context, status=status)


@require_POST
def parameters_jaar_view(request: HttpRequest) -> HttpResponse:
    user = _beheerder(request)
    jaren = selectors.parameterjaren()
    form = JaarAanmakenForm(request.POST, jaren=jaren)
    if form.is_valid():
        try:
            services.parameterset_jaar_aanmaken(
                jaar=form.cleaned_data["jaar"],
                van_jaar=form.cleaned_data["van_jaar"],
                actor=user,
                request=request,
            )
        except (ValueError, selectors.GeenParameters) as fout:
            form.add_error("jaar", str(fout))
        else:
            jaar = form.cleaned_data["jaar"]
            messages.success(
                request,
                f"De parameters voor {jaar} zijn aangemaakt als kopie. Pas het basisjaar aan.",
            )
            return redirect(f"{reverse('planning:parameters')}?jaar={jaar}")
    context = _basis(request, user, "parameters", jaren=jaren, jaar_form=form)
    return render(request, "planning/parameters_jaar.html", context, status=400)


# --- realisatie ----------------------------------------------------------------------------


def _realisatie_context(jaar: int, vandaag: date) -> dict[str, Any]:
    parameterset, _parameters, begrotingen = selectors.begrotingen_per_scenario(jaar)
    planscenario = Scenario(parameterset.planscenario)
    plan = begrotingen[planscenario]
    kalender = calendar_current()
    maanden = selectors.realisatie_maanden(jaar)
    plan_kosten = plan_per_maand(plan.kosten.structureel, jaar, Methode.KALENDER)
    meldingen_plan = plan_per_maand(
        Decimal(plan.regel(Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING).volume),
        jaar,
        Methode.WERKDAGEN,
        kalender,
    )
    volumes = selectors.realisatie_volumes(jaar)
    uren = selectors.realisatie_uren(jaar)
    meldingen_realisatie = volumes.get(Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING, {})
    rijen = []
    for maand in range(1, 13):
        rij = maanden.get(maand)
        rijen.append(
            {
                "maand": maand,
                "naam": MAANDEN[maand - 1],
                "plan_kosten": plan_kosten[maand],
                "kosten": rij.kosten_structureel if rij else None,
                "verschil_kosten": (rij.kosten_structureel - plan_kosten[maand]) if rij else None,
                "fte_uitvoering": rij.fte_uitvoering if rij else None,
                "fte_management": rij.fte_management if rij else None,
                "eenmalig": rij.eenmalig_eur if rij else None,
                "rij": rij,
                "plan_meldingen": meldingen_plan[maand],
                "meldingen": meldingen_realisatie.get(maand) if meldingen_realisatie else None,
            }
        )
    kosten = prognose_jaareinde({m: r.kosten_structureel for m, r in maanden.items()})
    fte = prognose_jaareinde({m: r.fte_uitvoering for m, r in maanden.items()})
    eenmalig = prognose_jaareinde({m: r.eenmalig_eur for m, r in maanden.items()})
    tot_en_met = kosten.tot_en_met
    plan_tot_nu = plan.kosten.structureel * aandeel_jaar(jaar, tot_en_met, Methode.KALENDER)
    return {
        "parameterset": parameterset,
        "planscenario": planscenario,
        "plan": plan,
        "rijen": rijen,
        "tot_en_met": tot_en_met,
        "tot_en_met_naam": MAANDEN[tot_en_met - 1] if tot_en_met else "",
        "plan_tot_nu": plan_tot_nu,
        "verschil_tot_nu": kosten.tot_nu - plan_tot_nu,
        "prognose_kosten": kosten,
        "prognose_fte": fte,
        "prognose_eenmalig": eenmalig,
        "ontbrekend": ", ".join(MAANDEN[m - 1] for m in kosten.ontbrekende_maanden),
        "volumebron": selectors.REALISATIE_VOLUMES_BRON.get(
            Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING, ""
        ),
        "heeft_volumes": bool(meldingen_realisatie),
        "heeft_uren": bool(uren),
        "uren_rijen": uren_per_casus(plan.regels, volumes, uren),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def realisatie_view(request: HttpRequest) -> HttpResponse:
    user = _mag_inzien(request)
    if request.method == "POST":
        _beheerder(request)
    jaren = selectors.parameterjaren()
    jaar = _jaar_kiezen(request, jaren)
    context = _basis(request, user, "realisatie", jaren=jaren, jaar=jaar)
    if jaar is None:
        return render(request, "planning/realisatie.html", context)
    vandaag = timezone.localdate()
    form = None
    if context["mag_beheren"]:
        standaard_maand = 12 if jaar < vandaag.year else max(vandaag.month - 1, 1)
        form = RealisatieForm(request.POST or None, initial={"maand": standaard_maand})
        if request.method == "POST" and form.is_valid():
            try:
                rij = services.realisatie_vastleggen(
                    jaar=jaar,
                    maand=form.cleaned_data["maand"],
                    waarden={veld: form.cleaned_data[veld] for veld in REALISATIE_VELDEN},
                    toelichting=form.cleaned_data["toelichting"],
                    actor=user,
                    vandaag=vandaag,
                    request=request,
                )
            except services.RealisatieFout as fout:
                for veld, bericht in fout.fouten.items():
                    form.add_error(veld if veld in form.fields else None, bericht)
            else:
                messages.success(
                    request,
                    f"De realisatie van {MAANDEN[rij.maand - 1]} {jaar} is vastgelegd "
                    f"(versie {rij.versie}).",
                )
                return redirect(f"{reverse('planning:realisatie')}?jaar={jaar}")
    context.update(_realisatie_context(jaar, vandaag), form=form)
    status = 400 if form is not None and form.errors else 200
    return render(request, "planning/realisatie.html", context, status=status)


# --- simulatie -----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def simulatie_view(request: HttpRequest) -> HttpResponse:
    user = _mag_inzien(request)
    if request.method == "POST":
        _beheerder(request)
    jaren = selectors.parameterjaren()
    context = _basis(request, user, "simulatie", jaren=jaren)
    form = None
    if context["mag_beheren"] and jaren:
        form = SimulatieForm(
            request.POST or None,
            jaren=jaren,
            initial={"jaar": _jaar_kiezen(request, jaren)},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                run, waarschuwing = services.simulatierun_starten(
                    jaar=data["jaar"],
                    scenario=Scenario(data["scenario"]),
                    replicaties=data["replicaties"],
                    seed=data["seed"],
                    fte_vb=data["fte_vb"],
                    fte_vervolg=data["fte_vervolg"],
                    zoek_fte=data["zoek_fte"],
                    actor=user,
                    request=request,
                )
            except SimulatieFout as fout:
                for veld, bericht in fout.fouten.items():
                    form.add_error(veld if veld in form.fields else None, bericht)
            except selectors.GeenParameters as fout:
                form.add_error("jaar", str(fout))
            else:
                if waarschuwing:
                    messages.warning(request, waarschuwing)
                messages.success(request, "De simulatie is gestart.")
                return redirect("planning:simulatierun", pk=run.pk)
    context.update(form=form, runs=selectors.simulatierun_list())
    status = 400 if form is not None and form.errors else 200
    return render(request, "planning/simulatie.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def simulatierun_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _mag_inzien(request)
    run = selectors.simulatierun_get(pk)
    if run is None:
        raise Http404
    resultaat = run.resultaat if run.status == "klaar" else None
    vernieuwen = run.is_actief and request.GET.get("vernieuwen") != "nee"
    context = _basis(
        request,
        user,
        "simulatie",
        run=run,
        resultaat=resultaat,
        vernieuwen=vernieuwen,
        vernieuwen_seconden=VERNIEUWEN_SECONDEN,
    )
    if resultaat:
        sleutel = (run.pk, run.klaar_op.isoformat() if run.klaar_op else "")
        if sleutel not in _RUNGRAFIEKEN:
            if len(_RUNGRAFIEKEN) >= 64:
                _RUNGRAFIEKEN.clear()
            # A finished run never changes: draw its charts once per process.
            _RUNGRAFIEKEN[sleutel] = (
                charts.grafiek_wachtlijst(resultaat),
                charts.grafiek_tijdig(resultaat),
            )
        wachtlijst, tijdig = _RUNGRAFIEKEN[sleutel]
        context.update(
            grafiek_wachtlijst=wachtlijst,
            grafiek_tijdig=tijdig,
            maandstanden=_maandstanden(resultaat),
        )
    response = render(request, "planning/simulatierun.html", context)
    if vernieuwen:
        response["Refresh"] = str(VERNIEUWEN_SECONDEN)
    return response


def _maandstanden(resultaat: dict[str, Any]) -> list[dict[str, Any]]:
    """The waiting-list bands at the last working day of each month (the chart's table)."""
    laatste: dict[int, int] = {}
    for i, datum in enumerate(resultaat["datums"]):
        laatste[date.fromisoformat(datum).month] = i
    banden = resultaat["wachtlijst"]
    return [
        {
            "maand": MAANDEN[maand - 1],
            **{
                f"{team}_{p}": banden[team][p][i]
                for team in ("vb", "vervolg", "totaal")
                for p in ("p10", "p50", "p90")
            },
        }
        for maand, i in sorted(laatste.items())
    ]


# --- risico's ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def risicos_view(request: HttpRequest) -> HttpResponse:
    user = _mag_inzien(request)
    jaren = selectors.parameterjaren()
    jaar = _jaar_kiezen(request, jaren)
    overzicht = selectors.risico_overzicht(jaar, vandaag=timezone.localdate())
    stand = overzicht.stand
    context = _basis(
        request,
        user,
        "risicos",
        jaren=jaren,
        jaar=jaar,
        stand=stand,
        risicos=overzicht.register,
        signalen=list(stand.signalen.values()) if stand else [],
        oplichtend=overzicht.oplichtend,
        tot_en_met_naam=MAANDEN[stand.tot_en_met - 1] if stand and stand.tot_en_met else "",
    )
    return render(request, "planning/risicos.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def risico_wijzigen_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _beheerder(request)
    risico = selectors.risico_get(pk)
    if risico is None:
        raise Http404
    form = RisicoForm(
        request.POST or None,
        initial={
            "kans": risico.kans,
            "impact": risico.impact,
            "maatregelen": risico.maatregelen,
            "eigenaar": risico.eigenaar,
            "version": risico.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risico_wijzigen(
                risico=risico,
                version=form.cleaned_data["version"],
                kans=form.cleaned_data["kans"],
                impact=form.cleaned_data["impact"],
                maatregelen=form.cleaned_data["maatregelen"],
                eigenaar=form.cleaned_data["eigenaar"],
                actor=user,
                request=request,
            )
        except VersieConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"Risico {risico.nummer} is bijgewerkt.")
            return redirect("planning:risicos")
    context = _basis(request, user, "risicos", risico=risico, form=form)
    return render(request, "planning/risico_form.html", context, status=400 if form.errors else 200)
