"""The radar worklist: match signals about casussen in the user's scope, with the other
organisation's name and contact line, and marking one as handled."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.access import require_permission
from zicht.radar import selectors, services
from zicht.radar.conf import radar_instelling


@require_GET
def signalen_view(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, Perm.CASUS_INZIEN)
    alleen_open = request.GET.get("toon") != "alle"
    page = selectors.signalen_pagina(
        request.user, alleen_open=alleen_open, pagina=request.GET.get("pagina", 1)
    )
    audit_event_record(
        event=Event.RADAR_SIGNALEN_INGEZIEN,
        actor=request.user,
        data={"signalen": [s.pk for s in page], "alleen_open": alleen_open},
        request=request,
    )
    return render(
        request,
        "radar/signalen.html",
        {
            "page": page,
            "alleen_open": alleen_open,
            "actief": radar_instelling() is not None,
            "stand": selectors.radar_stand(),
        },
    )


@require_POST
def signaal_afhandelen_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_permission(request.user, Perm.CASUS_BEWERKEN)
    signaal = (
        selectors.signalen_voor_gebruiker(request.user, alleen_open=False).filter(pk=pk).first()
    )
    if signaal is None:
        raise Http404
    try:
        services.signaal_afhandelen(actor=request.user, signaal=signaal, request=request)
    except ValidationError as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        messages.success(request, "Het radarsignaal is afgehandeld.")
    return redirect("radar:signalen")
