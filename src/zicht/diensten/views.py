"""Confirming a besluit (the step that sets a dienst in motion) and the feedback letter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment import selectors as assessment_selectors
from zicht.assessment.views import beoordeling_render
from zicht.casework.access import casus_scope, require_permission
from zicht.casework.models import Casus
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
        return beoordeling_render(request, melding, fout=fout, post=request.POST, status=400)
    tekst = f"Het besluit ‘{besluit.soort_label}’ is bevestigd."
    if uitkomst.dienst is not None and uitkomst.dienst.deadline:
        tekst += f" De dienst loopt tot uiterlijk {uitkomst.dienst.deadline:%d-%m-%Y}."
    if uitkomst.casus_gesloten:
        tekst += " De casus is gesloten."
    messages.success(request, tekst)
    return redirect("assessment:beoordeling", pk=melding.pk)


@require_GET
def terugkoppeling_brief_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    try:
        terugkoppeling = Terugkoppeling.objects.select_related("melding").get(
            pk=pk, melding__casus__in=Casus.objects.filter(casus_scope(user)).values("pk")
        )
    except Terugkoppeling.DoesNotExist:
        raise Http404("Terugkoppeling niet gevonden.") from None
    require_permission(user, Perm.CASUS_BEWERKEN)
    try:
        pdf = services.terugkoppeling_brief(
            actor=user, terugkoppeling=terugkoppeling, request=request
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("assessment:beoordeling", pk=terugkoppeling.melding_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="terugkoppeling-{terugkoppeling.melding.nummer}.pdf"'
    )
    return response
