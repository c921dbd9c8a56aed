"""Confirming a besluit (the step that sets a dienst in motion) and the feedback letter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment import selectors as assessment_selectors
from zicht.assessment.views import beoordeling_render
from zicht.casework.access import casus_scope, require_permission
from zicht.casework.models import Casus
from zicht.core.exceptions import ConcurrentEditError
from zicht.diensten import services
from zicht.diensten.models import Terugkoppeling


@require_POST
def besluit_bevestigen_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    if not (
        has_permission(user, Perm.BESLUIT_MEEBESLISSEN)
        or has_permission(user, Perm.BESLUIT_DESKUNDIGE)
    ):
        raise PermissionDenied("Hiervoor is het recht ‘Als collega een besluit bevestigen’ nodig.")
    besluit = assessment_selectors.besluit_get_for_user(user, pk)
    melding = besluit.beoordeling.melding
    try:
        versie = int(request.POST.get("versie", ""))
    except ValueError:
        versie = -1
    try:
        uitkomst = services.besluit_bevestigen(
            actor=user,
            besluit=besluit,
            expected_version=versie,
            reden_te_laat=request.POST.get("reden_te_laat", ""),
            politie_inhoud=request.POST.get("politie_inhoud", ""),
            request=request,
        )
    except ValidationError as fout:
        melding = assessment_selectors.melding_get_for_user(user, melding.pk)
        status = 409 if isinstance(fout, ConcurrentEditError) else 400
        return beoordeling_render(request, melding, fout=fout, post=request.POST, status=status)
    tekst = f"Het besluit ‘{besluit.soort_label}’ is bevestigd."
    if uitkomst.dienst is not None and uitkomst.dienst.deadline:
        tekst += f" De dienst loopt tot uiterlijk {uitkomst.dienst.deadline:%d-%m-%Y}."
    if uitkomst.casus_gesloten:
        tekst += " De casus is gesloten."
    messages.success(request, tekst)
    return redirect("assessment:beoordeling", pk=melding.pk)


def _terugkoppeling_get(user: Any, pk: int) -> Terugkoppeling:
    try:
        return Terugkoppeling.objects.select_related("melding").get(
            pk=pk, melding__casus__in=Casus.objects.filter(casus_scope(user)).values("pk")
        )
    except Terugkoppeling.DoesNotExist:
        raise Http404("Terugkoppeling niet gevonden.") from None


def _pdf_response(pdf: bytes, naam: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@require_POST
def terugkoppeling_versturen_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Sends the feedback to the melder (kanaal brief / email / beide). "brief" answers the
    PDF to print and post; the e-mail kanalen go back to the page with a message."""
    user: Any = request.user
    terugkoppeling = _terugkoppeling_get(user, pk)
    require_permission(user, Perm.CASUS_BEWERKEN)
    try:
        verstuurd = services.terugkoppeling_versturen(
            actor=user,
            terugkoppeling=terugkoppeling,
            kanaal=request.POST.get("kanaal", ""),
            request=request,
        )
    except ValidationError as fout:
        melding = assessment_selectors.melding_get_for_user(user, terugkoppeling.melding_id)
        return beoordeling_render(request, melding, fout=fout, post=request.POST, status=400)
    if verstuurd.kanaal == "brief" and verstuurd.pdf is not None:
        return _pdf_response(verstuurd.pdf, f"terugkoppeling-{terugkoppeling.melding.nummer}.pdf")
    messages.success(
        request,
        format_html(
            "De terugkoppeling is per e-mail naar de melder verstuurd. "
            '<a href="{}">Brief (PDF)</a>',
            reverse("diensten:terugkoppeling-brief", args=[terugkoppeling.pk]),
        )
        if verstuurd.kanaal == "beide"
        else "De terugkoppeling is per e-mail naar de melder verstuurd.",
    )
    return redirect("assessment:beoordeling", pk=terugkoppeling.melding_id)


@require_GET
def gezinsbrief_view(request: HttpRequest, pk: int, betrokkene: int) -> HttpResponse:
    """The letter to an adult betrokkene about melding ``pk`` (PDF)."""
    user: Any = request.user
    melding = assessment_selectors.melding_get_for_user(user, pk)
    require_permission(user, Perm.CASUS_BEWERKEN)
    try:
        pdf = services.gezinsbrief(
            actor=user, melding=melding, betrokkene_id=betrokkene, request=request
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("assessment:beoordeling", pk=melding.pk)
    return _pdf_response(pdf, f"brief-gezin-{melding.nummer}-{betrokkene}.pdf")


@require_GET
def terugkoppeling_brief_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    terugkoppeling = _terugkoppeling_get(user, pk)
    require_permission(user, Perm.CASUS_BEWERKEN)
    try:
        pdf = services.terugkoppeling_brief(
            actor=user, terugkoppeling=terugkoppeling, request=request
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("assessment:beoordeling", pk=terugkoppeling.melding_id)
    return _pdf_response(pdf, f"terugkoppeling-{terugkoppeling.melding.nummer}.pdf")
