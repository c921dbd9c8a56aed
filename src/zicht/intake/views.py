"""Pages of the front door. Each view checks the permission (403), fetches through the scope
(404), calls one service and renders; forms with errors answer 400 with everything kept.

Every view of a melding, advies or CORV report is audited (2xx ``*_INGEZIEN``). Each round trip
of an intake form first stores the typed input as a draft (:class:`Concept`), so neither a
validation error nor a server fault loses it.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_read_record
from zicht.casework.access import require_permission
from zicht.core.forms import validation_error_to_form
from zicht.intake import selectors, services
from zicht.intake.domain.classificatie import FaseBepaler, fase_standaard
from zicht.intake.forms import (
    AdviesForm,
    CorvNietHgkmForm,
    InformantForm,
    MeldingPagina,
    initial_uit_gegevens,
    melding_uit_advies,
    melding_uit_corv,
    nu_invoer,
)
from zicht.intake.models import ConceptSoort, CorvStatus

ACTIES = {"opslaan", "controleren", "persoon_toevoegen", "zoeken"}


def fase_bepaler_geconfigureerd() -> FaseBepaler:
    """The phase of an open casus for the CBS classification, supplied by a higher app.

    Intake may not import the assessment or diensten apps (layers), so the callable is named
    in the settings (``ZICHT_FASE_BEPALER``, see ADR 0004) and passed explicitly into
    ``melding_register``; without it intake answers "tijdens VB"."""
    pad = getattr(settings, "ZICHT_FASE_BEPALER", "")
    if not pad:
        return fase_standaard
    bepaler: FaseBepaler = import_string(pad)
    return bepaler


def _user(request: HttpRequest) -> Any:
    return request.user


def _token(waarde: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(waarde))
    except ValueError:
        return None


def _concept_bewaren(request: HttpRequest, soort: ConceptSoort) -> None:
    """Stores the posted form as the user's draft (before anything else can go wrong)."""
    token = _token(request.POST.get("formulier_token"))
    if token is None:
        return
    # Too large to keep (ValidationError): the page itself still holds everything.
    with contextlib.suppress(ValidationError):
        services.concept_opslaan(
            actor=_user(request),
            soort=soort,
            token=token,
            data=dict(request.POST.lists()),
            request=request,
        )


# --- Voordeur -------------------------------------------------------------------------------


@require_GET
def voordeur_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (
        has_permission(user, Perm.MELDING_REGISTREREN)
        or has_permission(user, Perm.ADVIES_REGISTREREN)
    ):
        require_permission(user, Perm.MELDING_REGISTREREN)
    context = {
        "mag_melden": has_permission(user, Perm.MELDING_REGISTREREN),
        "mag_adviseren": has_permission(user, Perm.ADVIES_REGISTREREN),
        "corv_open": selectors.corv_open_aantal(user),
        "concepten_melding": selectors.concept_list(user, ConceptSoort.MELDING),
        "concepten_advies": selectors.concept_list(user, ConceptSoort.ADVIES),
        "dienst_sinds": selectors.werkdienst_start(),
    }
    return render(request, "intake/voordeur.html", context)


# --- Melding --------------------------------------------------------------------------------


def _kandidaten_zoeken(
    request: HttpRequest, pagina: MeldingPagina, *, alleen_gewijzigd: bool = False
) -> bool:
    """Looks up earlier involvement for the rows; True when any candidate was found."""
    gevonden = False
    for vraag in pagina.zoekvragen(alleen_gewijzigd=alleen_gewijzigd):
        kandidaten = selectors.eerdere_betrokkenheid(
            user=_user(request),
            bsn=vraag.bsn,
            achternaam=vraag.achternaam,
            tussenvoegsel=vraag.tussenvoegsel,
            geboortedatum=vraag.geboortedatum,
            postcode=vraag.postcode,
            request=request,
        )
        pagina.kandidaten_tonen(vraag, kandidaten)
        gevonden = gevonden or bool(kandidaten)
    return gevonden


def _melding_pagina_context(
    request: HttpRequest, pagina: MeldingPagina, **extra: Any
) -> dict[str, Any]:
    pagina.kies_markeren()
    context = {
        "pagina": pagina,
        "form": pagina.form,
        "concept_url": reverse("intake:concept-opslaan"),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
def melding_nieuw_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.MELDING_REGISTREREN)
    codes = selectors.codes_actief()
    gemeenten = selectors.gemeente_keuzes()
    basis = {"codes": codes, "gemeenten": gemeenten, "gebruiker_pk": user.pk}

    if request.method == "GET":
        herkomst = ""
        if "concept" in request.GET:
            concept = selectors.concept_get(user, request.GET["concept"], ConceptSoort.MELDING)
            pagina = MeldingPagina.uit_gegevens(concept.data, **basis)
            herkomst = "concept"
        elif "corv" in request.GET:
            bericht = selectors.corv_get_for_user(user, request.GET["corv"])
            if bericht.status != CorvStatus.NIEUW:
                messages.info(request, "Dit CORV-bericht is al verwerkt.")
                return redirect("intake:corv-detail", pk=bericht.pk)
            initial, personen = melding_uit_corv(bericht)
            pagina = MeldingPagina.nieuw(initial=initial, personen=personen, **basis)
            herkomst = "corv"
        elif "advies" in request.GET:
            advies = selectors.advies_get_for_user(user, request.GET["advies"])
            ambtshalve = request.GET.get("ambtshalve") == "1"
            initial = melding_uit_advies(
                advies,
                ambtshalve=ambtshalve,
                medewerker=user.weergavenaam,
                organisatie=services.organisatie_naam(),
            )
            pagina = MeldingPagina.nieuw(initial=initial, **basis)
            herkomst = "ambtshalve" if ambtshalve else "advies"
        else:
            pagina = MeldingPagina.nieuw(**basis)
        if herkomst:
            _kandidaten_zoeken(request, pagina)
        context = _melding_pagina_context(
            request,
            pagina,
            herkomst=herkomst,
            concepten=[] if herkomst else selectors.concept_list(user, ConceptSoort.MELDING),
        )
        return render(request, "intake/melding_form.html", context)

    _concept_bewaren(request, ConceptSoort.MELDING)
    actie = request.POST.get("actie", "controleren")
    actie = actie if actie in ACTIES else "controleren"
    eerder = selectors.melding_met_token(user, request.POST.get("formulier_token"))
    if eerder is not None:
        # A double click or a resubmitted form: show the melding that was saved.
        services.concept_verwijderen(
            actor=user, token=eerder.formulier_token, audit=False, request=request
        )
        messages.info(request, f"Deze melding was al opgeslagen als {eerder.nummer}.")
        return redirect("intake:melding-detail", pk=eerder.pk)
    if actie in {"persoon_toevoegen", "zoeken"}:
        pagina = MeldingPagina.uit_gegevens(
            request.POST, extra_rij=actie == "persoon_toevoegen", **basis
        )
        _kandidaten_zoeken(request, pagina)
        context = _melding_pagina_context(request, pagina, actie=actie)
        return render(request, "intake/melding_form.html", context)

    pagina = MeldingPagina(data=request.POST, **basis)
    controle = False
    if pagina.is_valid() and actie == "opslaan":
        # Rows whose data changed since the last look-up are looked up first: when that finds
        # someone, the user checks the candidates before the melding is saved.
        controle = _kandidaten_zoeken(request, pagina, alleen_gewijzigd=True)
        if not controle:
            invoer = pagina.invoer()
            try:
                registratie = services.melding_register(
                    actor=user,
                    invoer=invoer,
                    fase_bepaler=fase_bepaler_geconfigureerd(),
                    request=request,
                )
            except ValidationError as fout:
                pagina.fouten_overnemen(fout)
            else:
                services.concept_verwijderen(
                    actor=user, token=invoer.formulier_token, audit=False, request=request
                )
                melding = registratie.object
                if registratie.nieuw:
                    messages.success(request, f"Melding {melding.nummer} is opgeslagen.")
                else:
                    messages.info(request, f"Deze melding was al opgeslagen als {melding.nummer}.")
                return redirect("intake:melding-detail", pk=melding.pk)
    _kandidaten_zoeken(request, pagina)
    status = 400 if pagina.heeft_fouten else 200
    context = _melding_pagina_context(
        request, pagina, controle=controle, actie=actie, gecontroleerd=status == 200
    )
    return render(request, "intake/melding_form.html", context, status=status)


@require_GET
def melding_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.melding_detail(_user(request), pk)
    audit_read_record(
        actor=request.user, target=detail.melding, request=request, event=Event.MELDING_INGEZIEN
    )
    context = {
        "detail": detail,
        "melding": detail.melding,
        "mag_informant": has_permission(_user(request), Perm.CASUS_BEWERKEN)
        or has_permission(_user(request), Perm.MELDING_REGISTREREN),
    }
    return render(request, "intake/melding_detail.html", context)


@require_http_methods(["GET", "POST"])
def informant_nieuw_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    melding = selectors.melding_get_for_user(user, pk)
    if not has_permission(user, Perm.MELDING_REGISTREREN):
        require_permission(user, Perm.CASUS_BEWERKEN)
    codes = selectors.codes_actief()
    if request.method == "POST":
        form = InformantForm(request.POST, codes=codes)
        if form.is_valid():
            try:
                services.informant_vastleggen(
                    actor=user,
                    melding=melding,
                    bron=form.bron(),
                    onderwerp=form.cleaned_data["onderwerp"],
                    geraadpleegd_op=form.cleaned_data["geraadpleegd_op"],
                    request=request,
                )
            except ValidationError as fout:
                validation_error_to_form(form, fout)
            else:
                messages.success(request, "De informant is vastgelegd.")
                return redirect("intake:melding-detail", pk=melding.pk)
    else:
        form = InformantForm(codes=codes)
    return render(
        request,
        "intake/informant_form.html",
        {"form": form, "melding": melding},
        status=400 if form.errors else 200,
    )


# --- Advies ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def advies_nieuw_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.ADVIES_REGISTREREN)
    codes = selectors.codes_actief()
    basis = {"codes": codes, "gemeenten": selectors.gemeente_keuzes()}
    concepten: list[Any] = []
    if request.method == "POST":
        _concept_bewaren(request, ConceptSoort.ADVIES)
        form = AdviesForm(request.POST, **basis)
        if form.is_valid():
            invoer = form.invoer()
            try:
                registratie = services.advies_register(actor=user, invoer=invoer, request=request)
            except ValidationError as fout:
                validation_error_to_form(form, fout)
            else:
                services.concept_verwijderen(
                    actor=user, token=invoer.formulier_token, audit=False, request=request
                )
                advies = registratie.object
                if registratie.nieuw:
                    messages.success(request, f"Advies {advies.nummer} is opgeslagen.")
                else:
                    messages.info(request, f"Dit advies was al opgeslagen als {advies.nummer}.")
                return redirect("intake:advies-detail", pk=advies.pk)
    elif "concept" in request.GET:
        concept = selectors.concept_get(user, request.GET["concept"], ConceptSoort.ADVIES)
        form = AdviesForm(initial=initial_uit_gegevens(AdviesForm, concept.data, **basis), **basis)
    else:
        form = AdviesForm(
            initial={"formulier_token": uuid.uuid4(), "ontvangen_op": nu_invoer()}, **basis
        )
        concepten = selectors.concept_list(user, ConceptSoort.ADVIES)
    context = {
        "form": form,
        "concepten": concepten,
        "concept_url": reverse("intake:concept-opslaan"),
    }
    return render(request, "intake/advies_form.html", context, status=400 if form.errors else 200)


@require_GET
def advies_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    advies = selectors.advies_get_for_user(user, pk)
    audit_read_record(actor=user, target=advies, request=request, event=Event.ADVIES_INGEZIEN)
    melding = getattr(advies, "melding", None)
    context = {
        "advies": advies,
        "melding": melding,
        "aanleidingen": list(advies.aanleidingen.order_by("volgorde")),
        "aarden": list(advies.aarden.order_by("volgorde")),
        "mag_melden": has_permission(user, Perm.MELDING_REGISTREREN),
    }
    return render(request, "intake/advies_detail.html", context)


# --- Worklists ------------------------------------------------------------------------------


@require_GET
def nieuwe_meldingen_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
    lijst = selectors.nieuwe_meldingen(user, page=request.GET.get("pagina", 1))
    return render(request, "intake/nieuwe_meldingen.html", {"lijst": lijst, "page": lijst.page})


@require_GET
def mijn_registraties_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not has_permission(user, Perm.ADVIES_REGISTREREN):
        require_permission(user, Perm.MELDING_REGISTREREN)
    context = {
        "meldingen": selectors.mijn_meldingen(user, page=request.GET.get("meldingen", 1)),
        "adviezen": selectors.mijn_adviezen(user, page=request.GET.get("adviezen", 1)),
    }
    return render(request, "intake/mijn_registraties.html", context)


@require_GET
def dienstoverdracht_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not has_permission(user, Perm.ADVIES_REGISTREREN):
        require_permission(user, Perm.MELDING_REGISTREREN)
    overdracht = selectors.dienstoverdracht(
        user,
        meldingen_pagina=request.GET.get("meldingen", 1),
        adviezen_pagina=request.GET.get("adviezen", 1),
    )
    return render(request, "intake/dienstoverdracht.html", {"overdracht": overdracht})


# --- CORV inbox -----------------------------------------------------------------------------


@require_GET
def corv_inbox_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.MELDING_REGISTREREN)
    page = selectors.corv_inbox(user, page=request.GET.get("pagina", 1))
    return render(request, "intake/corv_inbox.html", {"page": page})


@require_GET
def corv_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.MELDING_REGISTREREN)
    bericht = selectors.corv_get_for_user(user, pk)
    audit_read_record(actor=user, target=bericht, request=request, event=Event.CORV_INGEZIEN)
    context = {
        "bericht": bericht,
        "zorgmelding": _zorgmelding(bericht),
        "form": CorvNietHgkmForm(),
        "melding": getattr(bericht, "melding", None),
    }
    return render(request, "intake/corv_detail.html", context)


def _zorgmelding(bericht: Any) -> Any:
    from zicht.intake.domain.corv import ZorgmeldingFout, lees_zorgmelding

    try:
        return lees_zorgmelding(bericht.inhoud)
    except ZorgmeldingFout:
        return None


@require_POST
def corv_niet_hgkm_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    require_permission(user, Perm.MELDING_REGISTREREN)
    bericht = selectors.corv_get_for_user(user, pk)
    form = CorvNietHgkmForm(request.POST)
    if form.is_valid():
        try:
            services.corv_niet_hgkm(
                actor=user,
                bericht=bericht,
                doorgestuurd_naar=form.cleaned_data["doorgestuurd_naar"],
                toelichting=form.cleaned_data["toelichting"],
                request=request,
            )
        except ValidationError as fout:
            validation_error_to_form(form, fout)
        else:
            messages.success(
                request,
                "Het bericht is afgehandeld als ‘niet over huiselijk geweld of "
                "kindermishandeling’ en telt niet als melding.",
            )
            return redirect("intake:corv-inbox")
    context = {
        "bericht": bericht,
        "zorgmelding": _zorgmelding(bericht),
        "form": form,
        "melding": getattr(bericht, "melding", None),
    }
    return render(request, "intake/corv_detail.html", context, status=400)


# --- Drafts ---------------------------------------------------------------------------------

_CONCEPT_RECHT = {
    ConceptSoort.MELDING: Perm.MELDING_REGISTREREN,
    ConceptSoort.ADVIES: Perm.ADVIES_REGISTREREN,
}


@require_POST
def concept_opslaan_view(request: HttpRequest) -> HttpResponse:
    """The autosave endpoint of ``intake/concept.js``: stores the form as a draft (JSON)."""
    user = _user(request)
    try:
        soort = ConceptSoort(request.POST.get("concept_soort", ""))
    except ValueError:
        return JsonResponse({"fout": "Onbekende soort formulier."}, status=400)
    require_permission(user, _CONCEPT_RECHT[soort])
    token = _token(request.POST.get("formulier_token"))
    if token is None:
        return JsonResponse({"fout": "Het formulier heeft geen geldig token."}, status=400)
    data = {k: v for k, v in request.POST.lists() if k != "concept_soort"}
    try:
        concept = services.concept_opslaan(
            actor=user, soort=soort, token=token, data=data, request=request
        )
    except ValidationError as fout:
        return JsonResponse({"fout": " ".join(fout.messages)}, status=400)
    tijd = timezone.localtime(concept.bijgewerkt_op)
    return JsonResponse({"opgeslagen_op": f"{tijd:%H:%M:%S}"})


@require_POST
def concept_verwijderen_view(request: HttpRequest, token: str) -> HttpResponse:
    user = _user(request)
    concept = selectors.concept_get(user, token)
    services.concept_verwijderen(actor=user, token=concept.token, request=request)
    messages.success(request, "Het concept is verwijderd.")
    volgende = (
        "intake:advies-nieuw" if concept.soort == ConceptSoort.ADVIES else "intake:melding-nieuw"
    )
    return redirect(volgende)
