"""Dossier pages. Each view validates input, fetches through the access scope (404 outside,
403 without the permission), calls one service, and renders. Every view of a dossier is
audited (CASUS_INGEZIEN); downloads of attachments too (BIJLAGE_GEDOWNLOAD)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record, audit_read_record
from zicht.casework import services
from zicht.casework.access import (
    casus_get_for_change,
    noodtoegang_voor,
    require_permission,
)
from zicht.casework.forms import (
    AfrondenForm,
    CasusFilterForm,
    JournaalForm,
    MedischeNotitieForm,
    NoodtoegangForm,
    NoodtoegangToetsForm,
    OpschortenForm,
    TaakForm,
    VerlengenForm,
    VrijgaveForm,
)
from zicht.casework.models import Casus, MedischeNotitie, Noodtoegang, Taak
from zicht.casework.selectors import (
    CasusFilters,
    bijlage_get_for_user,
    casus_detail,
    casus_list_for_user,
    noodtoegang_getoetst,
    noodtoegang_te_toetsen,
    team_choices_for_user,
)
from zicht.core.forms import validation_error_to_form


def _status(form: Form) -> int:
    return 400 if form.errors else 200


@require_GET
def casus_list_view(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, Perm.CASUS_INZIEN)
    teams = team_choices_for_user(request.user)
    form = CasusFilterForm(request.GET or None, teams=teams)
    filters = CasusFilters()
    if form.is_bound and form.is_valid():
        team = form.cleaned_data["team"]
        filters = CasusFilters(
            status=form.cleaned_data["status"],
            team_id=team.pk if team else None,
            q=form.cleaned_data["q"],
        )
    page = casus_list_for_user(request.user, filters, page=request.GET.get("pagina", 1))
    return render(
        request,
        "casework/casus_list.html",
        {"form": form, "page": page, "filters": filters},
        status=_status(form),
    )


def _casus_panelen(request: HttpRequest, casus: Casus) -> list[dict[str, object]]:
    """Sections higher apps add to the casus page (``ZICHT_CASUS_PANELEN``, ADR 0004): each
    callable ``(request, casus)`` returns a context with the ``template`` to include."""
    return [
        import_string(pad)(request, casus) for pad in getattr(settings, "ZICHT_CASUS_PANELEN", ())
    ]


@require_GET
def casus_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    detail = casus_detail(request.user, pk, journaal_pagina=request.GET.get("journaal", 1))
    # Reached only through break-the-glass: the read is audited as such, the page says so.
    noodtoegang = noodtoegang_voor(request.user, detail.casus)
    audit_read_record(
        actor=request.user,
        target=detail.casus,
        request=request,
        reason=Reden.NOODTOEGANG if noodtoegang else Reden.BEHANDELING,
    )
    context = {
        "detail": detail,
        "casus": detail.casus,
        "mag_bewerken": has_permission(request.user, Perm.CASUS_BEWERKEN),
        "mag_medisch": has_permission(request.user, Perm.MEDISCHE_NOTITIE),
        "noodtoegang": noodtoegang,
        "panelen": _casus_panelen(request, detail.casus),
    }
    return render(request, "casework/casus_detail.html", context)


def _detail_url(casus: Casus, anker: str = "") -> str:
    url = reverse("casework:detail", args=[casus.pk])
    return f"{url}#{anker}" if anker else url


@require_http_methods(["GET", "POST"])
def journaal_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    casus = casus_get_for_change(request.user, pk)
    mag_medisch = has_permission(request.user, Perm.MEDISCHE_NOTITIE)
    if request.method == "POST":
        form = JournaalForm(request.POST, request.FILES, mag_medisch=mag_medisch)
        if form.is_valid():
            try:
                services.journaal_add(
                    actor=request.user,  # type: ignore[arg-type]
                    casus=casus,
                    soort=form.cleaned_data["soort"],
                    tekst=form.cleaned_data["tekst"],
                    moment=form.cleaned_data["moment"],
                    medisch=form.cleaned_data.get("medisch", False),
                    bijlagen=form.cleaned_data["bijlagen"],
                    request=request,
                )
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.success(request, "Het journaalitem is vastgelegd.")
                return redirect(_detail_url(casus, "journaal"))
    else:
        form = JournaalForm(mag_medisch=mag_medisch)
    context = {"form": form, "casus": casus, "bijlagen_opnieuw": bool(request.FILES)}
    return render(request, "casework/journaal_form.html", context, status=_status(form))


def _medewerkers(casus: Casus) -> object:
    """Who a task can be assigned to: active members of the holding team."""
    return User.objects.filter(is_active=True, teams=casus.team_id).order_by("username")


@require_http_methods(["GET", "POST"])
def taak_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    casus = casus_get_for_change(request.user, pk)
    if request.method == "POST":
        form = TaakForm(request.POST, medewerkers=_medewerkers(casus))
        if form.is_valid():
            try:
                services.taak_create(
                    actor=request.user,  # type: ignore[arg-type]
                    casus=casus,
                    omschrijving=form.cleaned_data["omschrijving"],
                    termijn_code=form.cleaned_data["termijn_code"],
                    deadline_datum=form.cleaned_data["deadline_datum"],
                    start=form.cleaned_data["start"],
                    toegewezen_aan=form.cleaned_data["toegewezen_aan"],
                    request=request,
                )
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.success(request, "De taak is aangemaakt.")
                return redirect(_detail_url(casus, "taken"))
    else:
        form = TaakForm(medewerkers=_medewerkers(casus))
    return render(
        request, "casework/taak_form.html", {"form": form, "casus": casus}, status=_status(form)
    )


def _taak(request: HttpRequest, pk: int, taak_pk: int) -> tuple[Casus, Taak]:
    casus = casus_get_for_change(request.user, pk)
    taak = get_object_or_404(Taak, pk=taak_pk, casus=casus, afgerond_op__isnull=True)
    return casus, taak


@require_http_methods(["GET", "POST"])
def taak_opschorten_view(request: HttpRequest, pk: int, taak_pk: int) -> HttpResponse:
    casus, taak = _taak(request, pk, taak_pk)
    if request.method == "POST":
        form = OpschortenForm(request.POST)
        if form.is_valid():
            try:
                services.taak_opschorten(
                    actor=request.user,  # type: ignore[arg-type]
                    taak=taak,
                    van=form.cleaned_data["van"],
                    tot=form.cleaned_data["tot"],
                    reden=form.cleaned_data["reden"],
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.success(request, "De termijn is opgeschort.")
                return redirect(_detail_url(casus, "taken"))
    else:
        form = OpschortenForm(initial={"version": taak.version})
    context = {"form": form, "casus": casus, "taak": taak, "actie": "opschorten"}
    return render(request, "casework/taak_termijn_form.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def taak_verlengen_view(request: HttpRequest, pk: int, taak_pk: int) -> HttpResponse:
    casus, taak = _taak(request, pk, taak_pk)
    if request.method == "POST":
        form = VerlengenForm(request.POST)
        if form.is_valid():
            try:
                services.taak_verlengen(
                    actor=request.user,  # type: ignore[arg-type]
                    taak=taak,
                    aantal=form.cleaned_data["aantal"],
                    reden=form.cleaned_data["reden"],
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.success(request, "De termijn is verlengd.")
                return redirect(_detail_url(casus, "taken"))
    else:
        form = VerlengenForm(initial={"version": taak.version})
    eenheid = "kalenderdagen"
    if taak.termijn_code:
        eenheid = services.taak_termijn_stand(taak).termijn.eenheid.value
    context = {
        "form": form,
        "casus": casus,
        "taak": taak,
        "actie": "verlengen",
        "eenheid": eenheid,
    }
    return render(request, "casework/taak_termijn_form.html", context, status=_status(form))


@require_POST
def taak_afronden_view(request: HttpRequest, pk: int, taak_pk: int) -> HttpResponse:
    casus, taak = _taak(request, pk, taak_pk)
    form = AfrondenForm(request.POST)
    if form.is_valid():
        try:
            services.taak_afronden(
                actor=request.user,  # type: ignore[arg-type]
                taak=taak,
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"De taak ‘{taak.omschrijving}’ is afgerond.")
    else:
        messages.error(request, "De taak kon niet worden afgerond; probeer het opnieuw.")
    return redirect(_detail_url(casus, "taken"))


@require_GET
def bijlage_download_view(request: HttpRequest, pk: int, bijlage_pk: int) -> HttpResponse:
    bijlage = bijlage_get_for_user(request.user, pk, bijlage_pk)
    audit_event_record(
        event=Event.BIJLAGE_GEDOWNLOAD,
        actor=request.user,
        target=bijlage.journaal_item.casus,
        data={"bijlage": bijlage.pk, "journaal_item": bijlage.journaal_item_id},
        request=request,
    )
    response = FileResponse(
        bijlage.bestand.open("rb"),
        as_attachment=True,
        filename=bijlage.oorspronkelijke_naam,
        content_type=bijlage.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store, private"
    return response


# --- Break the glass ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def noodtoegang_view(request: HttpRequest) -> HttpResponse:
    """``/dossiers/noodtoegang/``: open emergency access to a casus outside one's team."""
    require_permission(request.user, Perm.CASUS_NOODTOEGANG)
    form = NoodtoegangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        casus = Casus.objects.filter(nummer=form.cleaned_data["nummer"].strip()).first()
        if casus is None:
            form.add_error("nummer", "Er is geen dossier met dit nummer.")
        else:
            try:
                services.noodtoegang_openen(
                    actor=request.user,  # type: ignore[arg-type]
                    casus=casus,
                    reden=form.cleaned_data["reden"],
                    toelichting=form.cleaned_data["toelichting"],
                    request=request,
                )
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.warning(
                    request,
                    "Noodtoegang geopend. Uw inzage wordt vastgelegd en door de "
                    "privacy officer getoetst.",
                )
                return redirect(_detail_url(casus))
    context = {"form": form, "uren": services.noodtoegang_duur().total_seconds() / 3600}
    return render(request, "casework/noodtoegang_form.html", context, status=_status(form))


@require_GET
def noodtoegang_toetsing_view(request: HttpRequest) -> HttpResponse:
    """``/dossiers/noodtoegang/toetsing/``: the privacy officer's review queue."""
    require_permission(request.user, Perm.NOODTOEGANG_TOETSEN)
    open_ = noodtoegang_te_toetsen()
    getoetst = noodtoegang_getoetst()[:50]
    return render(
        request,
        "casework/noodtoegang_toetsing.html",
        {"open": open_, "getoetst": getoetst, "form": NoodtoegangToetsForm()},
    )


@require_POST
def noodtoegang_toetsen_view(request: HttpRequest, noodtoegang_pk: int) -> HttpResponse:
    require_permission(request.user, Perm.NOODTOEGANG_TOETSEN)
    grant = get_object_or_404(Noodtoegang, pk=noodtoegang_pk)
    form = NoodtoegangToetsForm(request.POST)
    if form.is_valid():
        try:
            services.noodtoegang_toetsen(
                actor=request.user,  # type: ignore[arg-type]
                noodtoegang=grant,
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "De toetsing is vastgelegd.")
    else:
        messages.error(request, "Kies een oordeel.")
    return redirect("casework:noodtoegang-toetsing")


# --- Medical notes ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def medische_notities_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``/dossiers/<pk>/medisch/``: the vertrouwensarts's notes (404 outside the scope, 403
    without :attr:`Perm.MEDISCHE_NOTITIE`); every viewing is audited."""
    casus = casus_get_for_change(request.user, pk, perm=Perm.MEDISCHE_NOTITIE)
    form = MedischeNotitieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.medische_notitie_add(
                actor=request.user,  # type: ignore[arg-type]
                casus=casus,
                tekst=form.cleaned_data["tekst"],
                request=request,
            )
        except ValidationError as error:
            validation_error_to_form(form, error)
        else:
            messages.success(request, "De medische notitie is vastgelegd.")
            return redirect("casework:medisch", pk=casus.pk)
    audit_event_record(
        event=Event.MEDISCHE_NOTITIES_INGEZIEN, actor=request.user, target=casus, request=request
    )
    notities = MedischeNotitie.objects.filter(casus=casus).select_related("auteur", "vrijgave")
    context = {"casus": casus, "form": form, "notities": notities, "vrijgave_form": VrijgaveForm()}
    return render(request, "casework/medische_notities.html", context, status=_status(form))


@require_POST
def medische_notitie_vrijgeven_view(request: HttpRequest, pk: int, notitie_pk: int) -> HttpResponse:
    casus = casus_get_for_change(request.user, pk, perm=Perm.MEDISCHE_NOTITIE)
    notitie = get_object_or_404(MedischeNotitie, pk=notitie_pk, casus=casus)
    form = VrijgaveForm(request.POST)
    if form.is_valid():
        try:
            services.medische_notitie_vrijgeven(
                actor=request.user,  # type: ignore[arg-type]
                notitie=notitie,
                reden=form.cleaned_data["reden"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "De notitie is vrijgegeven voor inzage.")
    else:
        messages.error(request, "Geef de reden van de vrijgave.")
    return redirect("casework:medisch", pk=casus.pk)
