"""Pages of reporting: overview, dashboard, CBS delivery with its validation report, the
municipal and board reports, and the export status/download pages. Views validate input, call
selectors/services and render; rights are checked in ``services`` (refusals are audited)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zicht.accounts.permissions import Perm, has_permission
from zicht.planning.selectors import risicos_oplichtend
from zicht.reporting import charts, measures, rapporten, selectors, services
from zicht.reporting.domain.perioden import periode_lees
from zicht.reporting.forms import BestuurForm, CbsForm, GemeenteForm
from zicht.reporting.models import Export, ExportSoort

VERNIEUWEN_SECONDEN = 3


def _zichtbare_soorten(user: Any) -> list[str]:
    soorten = []
    for soort in ExportSoort:
        if soort == ExportSoort.GEMEENTE:
            if services.mag_soort(user, soort, getattr(user, "gemeente_code", "")):
                soorten.append(soort.value)
        elif services.mag_soort(user, soort):
            soorten.append(soort.value)
    return soorten


def _exports(user: Any, soorten: list[str], limit: int = 20) -> list[Export]:
    qs = Export.objects.filter(soort__in=soorten).select_related("aangevraagd_door")
    eigen = getattr(user, "gemeente_code", "")
    if eigen:
        qs = qs.filter(gemeente_code=eigen)
    return list(qs[:limit])


@require_http_methods(["GET", "HEAD"])
def index_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    soorten = _zichtbare_soorten(user)
    if not soorten:
        services.weigeren(actor=user, wat="rapportage", request=request)
    # Reads only: exports whose worker died are closed by the worker, a new request and
    # ``zicht exports-opruimen`` (services.exports_verweesd_afsluiten), never by a page view.
    return render(
        request,
        "reporting/index.html",
        {
            "exports": _exports(user, soorten),
            "mag_cbs": services.mag_soort(user, ExportSoort.CBS),
            "mag_beheer": has_permission(user, Perm.RAPPORTAGE_INZIEN)
            and not getattr(user, "gemeente_code", ""),
            "actief": "index",
        },
    )


@require_http_methods(["GET", "HEAD"])
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not services.mag_soort(user, ExportSoort.BESTUUR):
        services.weigeren(actor=user, wat="dashboard", request=request)
    vandaag = timezone.localdate()
    weken = 26
    instroom = measures.instroom_per_week(vandaag - timedelta(weeks=weken - 1), weken)
    maanden = periode_lees(f"{vandaag.year}-{vandaag.month:02d}")
    kwartaal = type(maanden)("laatste 13 weken", vandaag - timedelta(weeks=13), vandaag)
    vb = measures.vb_tijdigheid(kwartaal)
    onderzoek = measures.vervolg_tijdigheid(kwartaal, "onderzoek")
    vv = measures.vervolg_tijdigheid(kwartaal, "voorwaarden_en_vervolg")
    momenten = [vandaag - timedelta(weeks=i) for i in range(12, -1, -1)]
    verloop = measures.wachtlijst_verloop(momenten)
    wacht = measures.wachtlijst(vandaag)
    caseload = measures.caseload_verdeling()
    per_week_vb = measures.vb_tijdigheid_per_week([d for d, _, _ in instroom[-13:]])
    services.rapportage_ingezien(actor=user, wat="dashboard", request=request)
    context = {
        "actief": "dashboard",
        "instroom": instroom,
        "tijdig": [
            (
                "Besluit binnen 5 werkdagen",
                vb,
                int(measures.NORM_VB * 100),
                vb.haalt(measures.NORM_VB),
            ),
            (
                "Onderzoek binnen 10 weken",
                onderzoek,
                int(measures.NORM_VERVOLG * 100),
                onderzoek.haalt(measures.NORM_VERVOLG),
            ),
            (
                "V&V binnen 10 weken",
                vv,
                int(measures.NORM_VERVOLG * 100),
                vv.haalt(measures.NORM_VERVOLG),
            ),
        ],
        "per_week_vb": per_week_vb,
        "verloop": verloop,
        "wacht": wacht,
        "caseload": caseload,
        "grafiek_instroom": charts.instroom(
            [d for d, _, _ in instroom], [m for _, m, _ in instroom], [a for _, _, a in instroom]
        ),
        "grafiek_vb": charts.lijnen_tijdig(
            [f"{d:%d-%m}" for d, _ in per_week_vb],
            {"besluit ≤ 5 werkdagen": [t.procent for _, t in per_week_vb]},
            {"besluit": int(measures.NORM_VB * 100)},
        ),
        "grafiek_wachtlijst": charts.lijn(
            [f"{d:%d-%m}" for d, _ in verloop],
            [n for _, n in verloop],
            "meldingen zonder beoordelaar",
        ),
        "grafiek_caseload": charts.staven(
            [k for k, _ in caseload], [n for _, n in caseload], "medewerkers"
        ),
        "vandaag": vandaag,
        # the planning risks that data can see, lit by themselves (issue 7 item 5)
        "oplichtend": risicos_oplichtend(vandaag=vandaag),
    }
    return render(request, "reporting/dashboard.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def cbs_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not services.mag_soort(user, ExportSoort.CBS):
        services.weigeren(actor=user, wat="cbs", request=request)
    form = CbsForm(request.POST or None)
    status = 200
    if request.method == "POST":
        soort = ExportSoort.CBS_VALIDATIE if "valideren" in request.POST else ExportSoort.CBS
        if form.is_valid():
            try:
                export = services.export_aanvragen(
                    actor=user,
                    soort=soort,
                    periode=form.cleaned_data["periode"],
                    formaat=""
                    if soort == ExportSoort.CBS_VALIDATIE
                    else form.cleaned_data["formaat"],
                    correctie=form.cleaned_data["correctie"] and soort == ExportSoort.CBS,
                    request=request,
                )
            except services.ExportFout as fout:
                _fout_bij_veld(form, fout, standaard="periode")
            else:
                messages.success(request, "De opdracht is gestart.")
                return redirect("reporting:export", pk=export.pk)
        status = 400
    return render(
        request,
        "reporting/cbs.html",
        {
            "form": form,
            "exports": _exports(user, [ExportSoort.CBS, ExportSoort.CBS_VALIDATIE]),
            "actief": "cbs",
        },
        status=status,
    )


def _fout_bij_veld(
    form: Any, fout: services.ExportFout, *, standaard: str, velden: dict[str, str] | None = None
) -> None:
    """The service's Dutch error next to the field it concerns (``velden`` renames the
    service's argument to the form's field), else next to ``standaard``."""
    veld = (velden or {}).get(fout.veld, fout.veld)
    form.add_error(veld if veld in form.fields else standaard, str(fout))


def _export_voor(request: HttpRequest, pk: int) -> Export:
    return services.export_get_for_user(actor=request.user, pk=pk, request=request)


@require_http_methods(["GET", "HEAD"])
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    export = _export_voor(request, pk)
    vernieuwen = export.is_actief and request.GET.get("vernieuwen") != "nee"
    bevindingen = [
        {**b, "url": selectors.bevinding_url(b)}
        for b in (export.samenvatting or {}).get("bevindingen", [])[:500]
    ]
    response = render(
        request,
        "reporting/export.html",
        {
            "export": export,
            "s": export.samenvatting or {},
            "bevindingen": bevindingen,
            "vernieuwen": vernieuwen,
            "vernieuwen_seconden": VERNIEUWEN_SECONDEN,
            "actief": "cbs" if export.soort.startswith("cbs") else "index",
        },
    )
    if vernieuwen:
        response["Refresh"] = str(VERNIEUWEN_SECONDEN)
    return response


@require_http_methods(["GET", "HEAD"])
def download_view(request: HttpRequest, pk: int) -> HttpResponse:
    export = _export_voor(request, pk)
    try:
        pad = services.export_download(actor=request.user, export=export, request=request)
    except services.ExportFout:
        raise Http404("Deze export is niet beschikbaar.") from None
    return FileResponse(pad.open("rb"), as_attachment=True, filename=export.bestandsnaam)


def _gemeente_keuzes(user: Any) -> list[tuple[str, str]]:
    eigen = getattr(user, "gemeente_code", "")
    gemeenten = selectors.gemeenten_huidig()
    return [
        (g.cbs_code, f"{g.naam} ({g.cbs_code})")
        for g in gemeenten
        if not eigen or g.cbs_code == eigen
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def gemeente_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    eigen = getattr(user, "gemeente_code", "")
    if not services.mag_soort(user, ExportSoort.GEMEENTE, eigen):
        services.weigeren(actor=user, wat="gemeente", request=request)
    gevraagd = (request.POST.get("gemeente") or request.GET.get("gemeente") or "").upper()
    if eigen and gevraagd and gevraagd != eigen:
        services.weigeren(actor=user, wat="gemeente", request=request, gemeente=gevraagd)
    keuzes = _gemeente_keuzes(user)
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "periode" in request.GET else None)
    )
    form = GemeenteForm(data, gemeenten=keuzes, initial={"gemeente": eigen or None})
    rapport = None
    status = 200
    if data is not None:
        if form.is_valid():
            code = form.cleaned_data["gemeente"]
            if not services.mag_soort(user, ExportSoort.GEMEENTE, code):
                services.weigeren(actor=user, wat="gemeente", request=request, gemeente=code)
            if request.method == "POST":
                try:
                    export = services.export_aanvragen(
                        actor=user,
                        soort=ExportSoort.GEMEENTE,
                        periode=form.cleaned_data["periode"],
                        formaat=form.cleaned_data["formaat"],
                        gemeente_code=code,
                        opties={"afronden": form.cleaned_data["afronden"]},
                        request=request,
                    )
                except services.ExportFout as fout:
                    _fout_bij_veld(
                        form, fout, standaard="periode", velden={"gemeente_code": "gemeente"}
                    )
                    status = 400
                else:
                    return redirect("reporting:export", pk=export.pk)
            else:
                try:
                    periode = services.rapport_periode_toetsen(
                        soort=ExportSoort.GEMEENTE, periode=form.cleaned_data["periode"]
                    )
                except services.ExportFout as fout:
                    _fout_bij_veld(form, fout, standaard="periode")
                    status = 400
                else:
                    rapport = selectors.gemeenterapport(
                        code, periode, afronden=form.cleaned_data["afronden"]
                    )
                    services.rapportage_ingezien(
                        actor=user,
                        wat="gemeente",
                        request=request,
                        gemeente=code,
                        periode=periode.code,
                    )
        else:
            status = 400
    return render(
        request,
        "reporting/gemeente.html",
        {"form": form, "rapport": rapport, "actief": "gemeente"},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def bestuur_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not services.mag_soort(user, ExportSoort.BESTUUR):
        services.weigeren(actor=user, wat="bestuur", request=request)
    vandaag = timezone.localdate()
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "jaar" in request.GET else None)
    )
    form = BestuurForm(data, initial={"jaar": vandaag.year, "maand": 8})
    rapport = None
    status = 200
    if data is not None:
        if form.is_valid():
            jaar, maand = form.cleaned_data["jaar"], form.cleaned_data["maand"]
            if request.method == "POST":
                try:
                    export = services.export_aanvragen(
                        actor=user,
                        soort=ExportSoort.BESTUUR,
                        periode=str(jaar),
                        formaat=form.cleaned_data["formaat"],
                        opties={"maand": maand},
                        vandaag=vandaag,
                        request=request,
                    )
                except services.ExportFout as fout:
                    _fout_bij_veld(form, fout, standaard="jaar", velden={"periode": "jaar"})
                    status = 400
                else:
                    return redirect("reporting:export", pk=export.pk)
            else:
                try:
                    services.rapport_periode_toetsen(
                        soort=ExportSoort.BESTUUR,
                        periode=str(jaar),
                        opties={"maand": maand},
                        vandaag=vandaag,
                    )
                except services.ExportFout as fout:
                    _fout_bij_veld(form, fout, standaard="jaar", velden={"periode": "jaar"})
                    status = 400
                else:
                    rapport = rapporten.bestuursrapport(jaar, maand, vandaag=vandaag)
                    services.rapportage_ingezien(
                        actor=user, wat="bestuur", request=request, jaar=jaar, maand=maand
                    )
        else:
            status = 400
    return render(
        request,
        "reporting/bestuur.html",
        {"form": form, "r": rapport, "actief": "bestuur"},
        status=status,
    )


@require_POST
def jaarverslag_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    try:
        export = services.export_aanvragen(
            actor=user,
            soort=ExportSoort.JAARVERSLAG,
            periode=request.POST.get("jaar", ""),
            formaat="xlsx",
            request=request,
        )
    except services.ExportFout as fout:
        messages.error(request, str(fout))
        return redirect("reporting:index")
    return redirect("reporting:export", pk=export.pk)
