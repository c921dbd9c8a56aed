"""``GET /intake/eerdere-betrokkenheid/``: the earlier-involvement look-up for the intake screen.

Query parameters: ``bsn``, ``achternaam``, ``tussenvoegsel``, ``geboortedatum``
(``JJJJ-MM-DD``, ``JJJJ-MM`` or ``JJJJ``) and ``postcode``; a BSN or a surname is required.

Answers an HTML fragment (``intake/lookup_resultaten.html``) for the melding page to place,
or JSON when the client prefers ``application/json``. Bad input gets 400 with a Dutch message
per field (the fragment's error list, or problem+json with ``invalidParams``); a user who may
not search gets 403. The rules about what is shown live in :mod:`zicht.intake.lookup`.

The intake app includes :data:`lookup_urlpatterns` in ``intake/urls.py`` (namespace
``intake``), which makes the URL name ``intake:eerdere-betrokkenheid``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from zicht.core.errors import problem_response
from zicht.intake.lookup import (
    Kandidaat,
    ZoekFout,
    eerdere_betrokkenheid_zoeken,
    geboortedatum_lezen,
    mag_zoeken,
)
from zicht.people.domain.dates import DatumFout

__all__ = ["EerdereBetrokkenheidForm", "eerdere_betrokkenheid_view", "lookup_urlpatterns"]

GEEN_RECHT = "U heeft geen recht om eerdere betrokkenheid op te zoeken."
REDEN_LABELS = {"bsn": "zelfde BSN", "naam_geboortedatum": "naam en geboortedatum"}


class EerdereBetrokkenheidForm(forms.Form):
    bsn = forms.CharField(label="BSN", required=False, max_length=20)
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=200)
    tussenvoegsel = forms.CharField(label="Tussenvoegsel", required=False, max_length=20)
    geboortedatum = forms.CharField(label="Geboortedatum", required=False, max_length=10)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)

    def clean_geboortedatum(self) -> Any:
        try:
            return geboortedatum_lezen(self.cleaned_data["geboortedatum"])
        except DatumFout as fout:
            raise forms.ValidationError(fout.bericht, code="ongeldig") from None


def _wil_json(request: HttpRequest) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


@require_GET
def eerdere_betrokkenheid_view(request: HttpRequest) -> HttpResponse:
    """Validate, search through the service (which applies the access rules), render."""
    response = _antwoord(request)
    # Personal data, and the answer depends on the Accept header: never cached, varied by it.
    response["Cache-Control"] = "no-store, private"
    patch_vary_headers(response, ["Accept"])
    return response


def _antwoord(request: HttpRequest) -> HttpResponse:
    wil_json = _wil_json(request)
    if not mag_zoeken(request.user):
        if wil_json:
            return problem_response(403, "Geen toegang", GEEN_RECHT)
        raise PermissionDenied(GEEN_RECHT)
    form = EerdereBetrokkenheidForm(request.GET)
    kandidaten: list[Kandidaat] = []
    if form.is_valid():
        try:
            kandidaten = eerdere_betrokkenheid_zoeken(
                user=request.user, **form.cleaned_data, request=request
            )
        except ZoekFout as fout:
            form.add_error(fout.veld, forms.ValidationError(fout.bericht, code="ongeldig"))
    if wil_json:
        if form.errors:
            return _fouten_json(form)
        return JsonResponse({"kandidaten": [_als_json(k) for k in kandidaten]})
    context = {
        "form": form,
        "rijen": [(k, REDEN_LABELS[k.reden]) for k in kandidaten],
    }
    status = 400 if form.errors else 200
    return render(request, "intake/lookup_resultaten.html", context, status=status)


def _als_json(kandidaat: Kandidaat) -> dict[str, Any]:
    casussen: list[dict[str, Any]] = []
    for hit in kandidaat.casussen:
        item: dict[str, Any] = {"nummer": hit.nummer, "status": hit.status, "zichtbaar": False}
        if hit.zichtbaar:  # outside the scope: that it exists, its nummer and status only
            item.update(
                zichtbaar=True,
                casus_id=hit.casus_id,
                url=reverse("casework:detail", args=[hit.casus_id]),
            )
        casussen.append(item)
    return {
        "persoon_id": kandidaat.persoon_id,
        "score": kandidaat.score,
        "reden": kandidaat.reden,
        "weergave": kandidaat.weergave,
        "casussen": casussen,
    }


def _fouten_json(form: forms.Form) -> HttpResponse:
    params = [
        {
            "name": veld if veld != NON_FIELD_ERRORS else "nonFieldErrors",
            "code": fout.code or "ongeldig",
            "reason": " ".join(fout.messages),
        }
        for veld, fouten in form.errors.as_data().items()
        for fout in fouten
    ]
    return problem_response(
        400, "Ongeldig verzoek", "Een of meer velden zijn ongeldig.", invalidParams=params
    )


#: Included by ``intake/urls.py``.
lookup_urlpatterns: list[URLPattern] = [
    path(
        "eerdere-betrokkenheid/",
        eerdere_betrokkenheid_view,
        name="eerdere-betrokkenheid",
    ),
]
