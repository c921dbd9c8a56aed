"""The dienst pages: a detail page per dienst (overdracht, V&V, Onderzoek, monitoring), one
page per action (forms), the lists of open and closed diensten per kind, the overdracht risks,
the ketenpartner register, the monitoring policy and the transfer of a casus to another
Veilig Thuis organisation.

Scope first (404 outside the user's casussen), then permission (403): reading needs the casus
scope; every write needs :attr:`Perm.DIENST_UITVOEREN` (the register and the policy:
:attr:`Perm.CODELIJSTEN_BEHEREN`). Reads of a dienst are audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment.models import Ketenpartner
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record, audit_read_record
from zicht.casework.access import casus_get_for_user, require_permission
from zicht.core.exceptions import ConcurrentEditError
from zicht.core.forms import validation_error_to_form
from zicht.diensten import inhoud_forms as f
from zicht.diensten import inhoud_selectors as sel
from zicht.diensten import inhoud_services as s
from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.domain import overdracht as ovd
from zicht.diensten.dossier_export import dossier_export
from zicht.diensten.models import (
    Dienst,
    DienstSoort,
    DossierOverdracht,
    MonitoringBeleid,
    PlanRegel,
)
from zicht.intake.models import Code


def _user(request: HttpRequest) -> Any:
    return request.user


def _detail_url(dienst: Dienst, anker: str = "") -> str:
    url = reverse("diensten:dienst", args=[dienst.pk])
    return f"{url}#{anker}" if anker else url


@require_GET
def dienst_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    detail = sel.dienst_detail(user, pk)
    audit_read_record(
        actor=user, target=detail.dienst, request=request, event=Event.DIENST_INGEZIEN
    )
    return render(
        request,
        "diensten/dienst_detail.html",
        {
            "detail": detail,
            "dienst": detail.dienst,
            "casus": detail.dienst.casus,
            "mag_uitvoeren": has_permission(user, Perm.DIENST_UITVOEREN),
            "soort": DienstSoort,
        },
    )


# --- Actions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actie:
    titel: str
    form: type[f.DienstForm]
    soorten: tuple[str, ...]
    #: (request, dienst, cleaned_data) -> success message; raises ValidationError.
    uitvoeren: Callable[[HttpRequest, Dienst, dict[str, Any]], str]
    anker: str = ""
    knop: str = "Opslaan"


def _kw(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "actor": _user(request),
        "dienst": dienst,
        "expected_version": data["version"],
        "request": request,
    }


def _voorwaarde(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.voorwaarde_toevoegen(**_kw(request, dienst, data), tekst=data["tekst"], wie=data["wie"])
    return "De veiligheidsvoorwaarde is vastgelegd."


def _plan(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.planregel_toevoegen(
        **_kw(request, dienst, data),
        soort=data["soort"],
        omschrijving=data["omschrijving"],
        eigenaar=data["eigenaar"],
        persoon_id=data["persoon"],
        deadline=data["deadline"],
        prioriteit=data["prioriteit"],
        herstel=data["herstel"],
    )
    return "De regel is aan het veiligheidsplan toegevoegd."


def _opschorten(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    d = s.termijn_opschorten(
        **_kw(request, dienst, data), van=data["van"], tot=data["tot"], reden=data["reden"]
    )
    return f"De termijn is opgeschort; de dienst loopt nu tot {d.deadline:%d-%m-%Y}."


def _verlengen(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    d = s.termijn_verlengen(
        **_kw(request, dienst, data), aantal=data["aantal"], reden=data["reden"]
    )
    return f"De termijn is verlengd tot {d.deadline:%d-%m-%Y}."


def _vv_afronden(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    uitkomst = s.vv_afronden(**_kw(request, dienst, data), motivering=data["motivering"])
    return (
        "Voorwaarden en Vervolg is afgerond. Overdracht na bemoeienis en monitoren zijn gestart"
        f" ({len(uitkomst.vervolgen)} diensten)."
    )


def _starten(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    gestart = s.onderzoek_starten(**_kw(request, dienst, data), gestart_op=data["gestart_op"])
    if gestart.te_laat and gestart.uiterlijk:
        return (
            f"Het onderzoek is gestart. Let op: later dan de termijn van 5 dagen na ontvangst "
            f"van de melding (uiterlijk {gestart.uiterlijk:%d-%m-%Y})."
        )
    return "Het onderzoek is gestart."


def _bevindingen(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.onderzoek_bevindingen(
        **_kw(request, dienst, data),
        bevindingen=data["bevindingen"],
        vervolg_na_onderzoek=data["vervolg_na_onderzoek"],
    )
    return "De bevindingen zijn opgeslagen."


def _onderzoek_afronden(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    conclusies = []
    for sleutel, waarde in data.items():
        if sleutel.startswith("conclusie_") and waarde:
            aard = sleutel.removeprefix("conclusie_")
            reden = data.get(f"reden_{aard}") or None
            conclusies.append(
                ond.ConclusieInvoer(
                    aard=aard,
                    conclusie=ond.Conclusie(waarde),
                    kind=bool(data.get(f"kind_{aard}")),
                    reden=ond.RedenVoortijdig(reden) if reden else None,
                )
            )
    uitkomst = s.onderzoek_afronden(
        **_kw(request, dienst, data),
        conclusies=conclusies,
        bevindingen=data["bevindingen"],
        rvdk_verzoek=data["rvdk_verzoek"],
    )
    tekst = "Het onderzoek is afgerond."
    if uitkomst.vervolgen:
        tekst += " Gestart: " + ", ".join(v.get_soort_display() for v in uitkomst.vervolgen) + "."
    if uitkomst.terugkoppelingen:
        tekst += " De terugkoppeling aan de melder staat klaar."
    return tekst


def _aanbieden(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.overdracht_aanbieden(
        **_kw(request, dienst, data),
        ketenpartner=data["ketenpartner"],
        aangeboden_op=data["aangeboden_op"],
    )
    return f"De casus is aangeboden aan {data['ketenpartner'].naam}."


def _accepteren(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.overdracht_accepteren(
        **_kw(request, dienst, data),
        geaccepteerd_op=data["geaccepteerd_op"],
        geaccepteerd_door=data["geaccepteerd_door"],
        verantwoordelijk_vanaf=data["verantwoordelijk_vanaf"],
    )
    return "De overdracht is vastgelegd; de verantwoordelijkheid voor de veiligheid is over."


def _weigeren(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.overdracht_weigeren(
        **_kw(request, dienst, data), geweigerd_op=data["geweigerd_op"], reden=data["reden"]
    )
    return "De weigering is vastgelegd. De overdracht blijft als risico zichtbaar."


def _contact(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.monitoring_contact(
        **_kw(request, dienst, data),
        datum=data["datum"],
        met_wie=data["met_wie"],
        voorwaarden=data["voorwaarden"],
        veiligheid=data["veiligheid"],
        herstel=data["herstel"],
        notitie=data["notitie"],
    )
    return "Het contactmoment is vastgelegd."


def _escaleren(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    uitkomst = s.monitoring_escaleren(
        **_kw(request, dienst, data), escalatie=data["escalatie"], reden=data["reden"]
    )
    if uitkomst.taak is not None:
        return "Geëscaleerd: registreer vandaag de ambtshalve melding (taak aangemaakt)."
    return "Geëscaleerd: " + ", ".join(v.get_soort_display() for v in uitkomst.vervolgen) + "."


def _monitoring_afronden(request: HttpRequest, dienst: Dienst, data: dict[str, Any]) -> str:
    s.monitoring_afronden(**_kw(request, dienst, data), eindoordeel=data["eindoordeel"])
    return "De monitoring is afgerond."


_OVERDRACHT = (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS)
_VV = (DienstSoort.VOORWAARDEN_EN_VERVOLG,)
_OND = (DienstSoort.ONDERZOEK,)
_MON = (DienstSoort.MONITOREN,)

ACTIES: dict[str, Actie] = {
    "voorwaarde": Actie(
        "Veiligheidsvoorwaarde toevoegen",
        f.VoorwaardeForm,
        (*_OVERDRACHT, *_VV, *_OND),
        _voorwaarde,
        "voorwaarden",
    ),
    "plan": Actie(
        "Regel van het veiligheidsplan toevoegen", f.PlanRegelForm, (*_VV, *_OND), _plan, "plan"
    ),
    "opschorten": Actie("Termijn opschorten", f.OpschortenForm, (*_VV, *_OND), _opschorten, "klok"),
    "verlengen": Actie("Termijn verlengen", f.VerlengenForm, (*_VV, *_OND), _verlengen, "klok"),
    "vv-afronden": Actie(
        "Voorwaarden en Vervolg afronden", f.VvAfrondenForm, _VV, _vv_afronden, knop="Afronden"
    ),
    "starten": Actie("Onderzoek starten", f.OnderzoekStartenForm, _OND, _starten, knop="Starten"),
    "bevindingen": Actie("Bevindingen", f.BevindingenForm, _OND, _bevindingen, "bevindingen"),
    "onderzoek-afronden": Actie(
        "Onderzoek afronden", f.OnderzoekAfrondenForm, _OND, _onderzoek_afronden, knop="Afronden"
    ),
    "aanbieden": Actie(
        "Aanbieden aan een ketenpartner", f.AanbiedenForm, _OVERDRACHT, _aanbieden, knop="Aanbieden"
    ),
    "accepteren": Actie("Acceptatie vastleggen", f.AccepterenForm, _OVERDRACHT, _accepteren),
    "weigeren": Actie("Weigering vastleggen", f.WeigerenForm, _OVERDRACHT, _weigeren),
    "contact": Actie("Contactmoment vastleggen", f.ContactForm, _MON, _contact, "schema"),
    "escaleren": Actie("Escaleren", f.EscalerenForm, _MON, _escaleren, knop="Escaleren"),
    "monitoring-afronden": Actie(
        "Monitoring afronden",
        f.MonitoringAfrondenForm,
        _MON,
        _monitoring_afronden,
        knop="Afronden",
    ),
}


def _form_kwargs(actie: str, dienst: Dienst, detail: sel.DienstDetail | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"dienst": dienst}
    if actie == "plan":
        kwargs["personen"] = detail.personen if detail else []
    elif actie == "bevindingen":
        kwargs["vervolg_codes"] = list(
            Code.objects.filter(lijst="vervolg_na_onderzoek", actief=True)
            .order_by("volgorde", "code")
            .values_list("code", "omschrijving")
        )
    elif actie == "onderzoek-afronden":
        aarden = s.onderzoek_aarden(dienst)
        labels = detail.aard_labels if detail else {}
        if not aarden:
            aarden = sorted(labels)
        kwargs["aarden"] = [(a, labels.get(a, a)) for a in aarden]
        kwargs["kind"] = any(
            naam.endswith("(kind)") for _pk, naam in (detail.personen if detail else [])
        )
    return kwargs


def _initial(actie: str, dienst: Dienst) -> dict[str, Any]:
    if actie in ("bevindingen", "onderzoek-afronden"):
        return {
            "bevindingen": dienst.bevindingen,
            "vervolg_na_onderzoek": dienst.vervolg_na_onderzoek,
        }
    return {}


@require_http_methods(["GET", "POST"])
def dienst_actie_view(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    spec = ACTIES.get(actie)
    if spec is None:
        raise Http404("Onbekende actie.")
    user = _user(request)
    detail = sel.dienst_detail(user, pk)
    dienst = detail.dienst
    require_permission(user, Perm.DIENST_UITVOEREN)
    if dienst.soort not in spec.soorten:
        raise Http404("Deze actie hoort niet bij deze dienst.")
    kwargs = _form_kwargs(actie, dienst, detail)
    status = 200
    if request.method == "POST":
        form = spec.form(request.POST, **kwargs)
        if form.is_valid():
            try:
                bericht = spec.uitvoeren(request, dienst, form.cleaned_data)
            except ValidationError as fout:
                validation_error_to_form(form, fout)
                status = 409 if isinstance(fout, ConcurrentEditError) else 400
            else:
                messages.success(request, bericht)
                return redirect(_detail_url(dienst, spec.anker))
        else:
            status = 400
    else:
        form = spec.form(initial=_initial(actie, dienst), **kwargs)
    return render(
        request,
        "diensten/dienst_actie.html",
        {"form": form, "actie": spec, "dienst": dienst, "detail": detail, "casus": dienst.casus},
        status=status,
    )


@require_http_methods(["POST"])
def planregel_status_view(request: HttpRequest, pk: int, regel_pk: int) -> HttpResponse:
    user = _user(request)
    dienst = sel.dienst_get_for_user(user, pk)
    require_permission(user, Perm.DIENST_UITVOEREN)
    regel = get_object_or_404(PlanRegel, pk=regel_pk, dienst=dienst)
    form = f.PlanStatusForm(request.POST, dienst=dienst)
    if form.is_valid():
        try:
            s.planregel_status(
                actor=user,
                regel=regel,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                request=request,
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, "De status van de regel is bijgewerkt.")
    else:
        messages.error(request, "Kies een geldige status.")
    return redirect(_detail_url(dienst, "plan"))


@require_http_methods(["POST"])
def voorwaarde_verwijderen_view(request: HttpRequest, pk: int, voorwaarde_pk: int) -> HttpResponse:
    user = _user(request)
    dienst = sel.dienst_get_for_user(user, pk)
    require_permission(user, Perm.DIENST_UITVOEREN)
    voorwaarde = get_object_or_404(dienst.voorwaarden, pk=voorwaarde_pk)
    try:
        versie = int(request.POST.get("version", ""))
    except ValueError:
        versie = -1
    try:
        s.voorwaarde_verwijderen(
            actor=user, voorwaarde=voorwaarde, expected_version=versie, request=request
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, "De voorwaarde is verwijderd.")
    return redirect(_detail_url(dienst, "voorwaarden"))


# --- Lists -----------------------------------------------------------------------------------


@require_GET
def diensten_lijst_view(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in sel.LIJST_SOORTEN:
        raise Http404("Onbekende lijst.")
    user = _user(request)
    require_permission(user, Perm.CASUS_INZIEN)
    afgerond = request.GET.get("stand") == "afgerond"
    page, regels = sel.diensten_lijst(
        user, slug, afgerond=afgerond, pagina=request.GET.get("pagina", 1)
    )
    audit_event_record(
        event=Event.DIENSTENLIJST_INGEZIEN,
        actor=user,
        data={"lijst": slug, "afgerond": afgerond, "pagina": page.number},
        request=request,
    )
    return render(
        request,
        "diensten/diensten_lijst.html",
        {
            "titel": sel.LIJST_SOORTEN[slug][0],
            "slug": slug,
            "afgerond": afgerond,
            "page": page,
            "regels": regels,
            "lijsten": [(k, v[0]) for k, v in sel.LIJST_SOORTEN.items()],
        },
    )


@require_GET
def overdracht_risicos_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.CASUS_INZIEN)
    page = sel.overdracht_risicos_pagina(user, pagina=request.GET.get("pagina", 1))
    audit_event_record(
        event=Event.DIENSTENLIJST_INGEZIEN,
        actor=user,
        data={
            "lijst": "overdracht_risico",
            "pagina": page.number,
            "aantal": len(page.object_list),
        },
        request=request,
    )
    return render(
        request,
        "diensten/overdracht_risicos.html",
        {"page": page, "rijen": page.object_list},
    )


# --- Ketenpartner register and monitoring policy -----------------------------------------------


@require_GET
def ketenpartners_view(request: HttpRequest) -> HttpResponse:
    require_permission(_user(request), Perm.CODELIJSTEN_BEHEREN)
    return render(
        request,
        "diensten/ketenpartners.html",
        {"partners": Ketenpartner.objects.order_by("-actief", "soort", "naam")},
    )


@require_http_methods(["GET", "POST"])
def ketenpartner_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.CODELIJSTEN_BEHEREN)
    partner = get_object_or_404(Ketenpartner, pk=pk) if pk is not None else None
    status = 200
    if request.method == "POST":
        form = f.KetenpartnerForm(request.POST)
        if form.is_valid():
            try:
                s.ketenpartner_opslaan(
                    actor=user, ketenpartner=partner, request=request, **form.cleaned_data
                )
            except ValidationError as fout:
                validation_error_to_form(form, fout)
                status = 400
            else:
                messages.success(request, "De ketenpartner is opgeslagen.")
                return redirect("diensten:ketenpartners")
        else:
            status = 400
    else:
        initial = (
            {
                v: getattr(partner, v)
                for v in (
                    "naam",
                    "soort",
                    "contactpersoon",
                    "telefoon",
                    "email",
                    "veilig_thuis",
                    "actief",
                )
            }
            if partner
            else {"actief": True}
        )
        form = f.KetenpartnerForm(initial=initial)
    return render(
        request,
        "diensten/ketenpartner_form.html",
        {"form": form, "partner": partner},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def monitoringsbeleid_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.CODELIJSTEN_BEHEREN)
    actueel = s.monitoring_beleid_actueel()
    status = 200
    if request.method == "POST":
        form = f.BeleidForm(request.POST)
        if form.is_valid():
            try:
                s.monitoringsbeleid_publiceren(
                    actor=user,
                    omschrijving=form.cleaned_data["omschrijving"],
                    stappen=form.cleaned_data["stappen"],
                    request=request,
                )
            except ValidationError as fout:
                validation_error_to_form(form, fout)
                status = 400
            else:
                messages.success(
                    request, "De nieuwe versie van het monitoringsbeleid is gepubliceerd."
                )
                return redirect("diensten:monitoringsbeleid")
        else:
            status = 400
    else:
        form = f.BeleidForm(
            initial={
                "omschrijving": actueel.omschrijving,
                "stappen": "\n".join(
                    f"{st['interval_maanden']}, {st['tot_maand']}" for st in actueel.stappen
                ),
            }
        )
    return render(
        request,
        "diensten/monitoringsbeleid.html",
        {
            "form": form,
            "actueel": actueel,
            "versies": MonitoringBeleid.objects.select_related("gepubliceerd_door"),
            "maanden": mon.schema_maanden(s.fasering(actueel)),
        },
        status=status,
    )


# --- Casus panel (casework's casus page) ---------------------------------------------------------


def casus_paneel(request: HttpRequest, casus: Any) -> dict[str, Any]:
    """The diensten section of the casus page (``ZICHT_CASUS_PANELEN``, ADR 0004)."""
    vandaag = timezone.localdate()
    diensten = sel.casus_diensten(casus)
    risico = {
        d.pk
        for d in diensten
        if d.soort in _OVERDRACHT
        and d.fase
        and ovd.is_risico(ovd.Fase(d.fase), aangeboden_op=d.aangeboden_op, vandaag=vandaag)
    }
    return {
        "template": "diensten/casus_paneel.html",
        "diensten": [(d, d.pk in risico) for d in diensten],
        "mag_overdragen": has_permission(_user(request), Perm.DIENST_UITVOEREN),
    }


def casus_get(request: HttpRequest, pk: int) -> Any:
    return casus_get_for_user(_user(request), pk)


@require_http_methods(["GET", "POST"])
def dossieroverdracht_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Hands the casus to another Veilig Thuis organisation: the export (JSON or PDF) without
    what may not travel, recorded and audited."""
    user = _user(request)
    casus = casus_get_for_user(user, pk)
    require_permission(user, Perm.DIENST_UITVOEREN)
    status = 200
    if request.method == "POST":
        form = f.DossierOverdrachtForm(request.POST)
        if form.is_valid():
            try:
                export = dossier_export(
                    actor=user, casus=casus, request=request, **form.cleaned_data
                )
            except ValidationError as fout:
                validation_error_to_form(form, fout)
                status = 400
            else:
                response = HttpResponse(export.inhoud, content_type=export.content_type)
                response["Content-Disposition"] = f'attachment; filename="{export.bestandsnaam}"'
                return response
        else:
            status = 400
    else:
        form = f.DossierOverdrachtForm()
    eerdere = DossierOverdracht.objects.filter(casus=casus).select_related("ontvanger", "door")
    return render(
        request,
        "diensten/dossieroverdracht.html",
        {"form": form, "casus": casus, "eerdere": eerdere},
        status=status,
    )
