"""The radar worklist: match signals about casussen in the user's scope, with the other
organisation's name and contact line, and marking one as handled. The rights, the scope and
the audit are the services' (``signalen_inzien``, ``signaal_afhandelen``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from zicht.radar import selectors, services
from zicht.radar.conf import radar_instelling


@require_GET
def signalen_view(request: HttpRequest) -> HttpResponse:
    alleen_open = request.GET.get("toon") != "alle"
    page = services.signalen_inzien(
        actor=request.user,
        alleen_open=alleen_open,
        pagina=request.GET.get("pagina", 1),
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
    try:
        services.signaal_afhandelen(actor=request.user, signaal_id=pk, request=request)
    except ValidationError as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        messages.success(request, "Het radarsignaal is afgehandeld.")
    return redirect("radar:signalen")
