"""Pages of the functioneel beheerder for API clients: list, create (the token is shown
once), change scopes/expiry, renew the token, revoke. Permission: ``GEBRUIKERS_BEHEREN``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zicht.accounts.permissions import Perm, has_permission
from zicht.api import services
from zicht.api.forms import ApiClientForm, ApiClientWijzigForm
from zicht.api.models import ApiClient
from zicht.api.scopes import scope_choices
from zicht.core.forms import validation_error_to_form


def _beheerder(request: HttpRequest) -> Any:
    if not has_permission(request.user, Perm.GEBRUIKERS_BEHEREN):
        raise PermissionDenied
    return request.user


@require_http_methods(["GET", "HEAD"])
def client_list_view(request: HttpRequest) -> HttpResponse:
    _beheerder(request)
    clients = ApiClient.objects.select_related("gebruiker").order_by("naam")
    return render(request, "api/client_list.html", {"clients": clients})


def _token_pagina(request: HttpRequest, client: ApiClient, token: str) -> HttpResponse:
    response = render(request, "api/client_token.html", {"client": client, "token": token})
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def client_new_view(request: HttpRequest) -> HttpResponse:
    actor = _beheerder(request)
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            client, token = services.api_client_aanmaken(
                actor=actor,
                naam=d["naam"],
                omschrijving=d["omschrijving"],
                gebruiker=d["gebruiker"],
                scopes=d["scopes"],
                verloopt_op=d["verloopt_op"],
                request=request,
            )
        except ValidationError as fout:
            validation_error_to_form(form, fout)
        else:
            return _token_pagina(request, client, token)
    status = 400 if form.errors else 200
    return render(request, "api/client_form.html", {"form": form, "object": None}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def client_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _beheerder(request)
    client = get_object_or_404(ApiClient.objects.select_related("gebruiker"), pk=pk)
    initial = {
        "omschrijving": client.omschrijving,
        "scopes": client.scopes,
        "actief": client.actief,
        "verloopt_op": client.verloopt_op,
        "versie": client.version,
    }
    form = ApiClientWijzigForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.api_client_wijzigen(
                actor=actor,
                client=client,
                scopes=d["scopes"],
                omschrijving=d["omschrijving"],
                actief=d["actief"],
                verloopt_op=d["verloopt_op"],
                expected_version=d["versie"],
                request=request,
            )
        except ValidationError as fout:
            validation_error_to_form(form, fout)
        else:
            messages.success(request, f"API-client ‘{client.naam}’ is opgeslagen.")
            return redirect("api-beheer:client-list")
    context = {"form": form, "object": client, "scope_labels": dict(scope_choices())}
    return render(request, "api/client_form.html", context, status=400 if form.errors else 200)


@never_cache
@require_POST
def client_token_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _beheerder(request)
    client = get_object_or_404(ApiClient, pk=pk)
    try:
        client, token = services.api_client_token_vernieuwen(
            actor=actor, client=client, request=request
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("api-beheer:client-edit", pk=pk)
    return _token_pagina(request, client, token)


@require_POST
def client_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _beheerder(request)
    client = get_object_or_404(ApiClient, pk=pk)
    services.api_client_intrekken(actor=actor, client=client, request=request)
    messages.success(request, f"API-client ‘{client.naam}’ is ingetrokken.")
    return redirect("api-beheer:client-list")
