"""Beheer of the working-day calendar: the Atw holidays of a year and the equated days.

Mounted by the root URLconf at ``/beheer/kalender/`` (``kalender_urlpatterns``; names
``kalender`` and ``kalender-verwijderen``). Requires ``Perm.CODELIJSTEN_BEHEREN``; others get 403.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zicht.accounts.kalender_services import (
    BRON_MAX,
    GROND_MAX,
    LAATSTE_JAAR,
    gelijkgestelde_dag_add,
    gelijkgestelde_dag_remove,
)
from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.core.domain.calendar import EERSTE_JAAR, atw_holidays
from zicht.core.selectors import calendar_current, gelijkgestelde_dag_list

__all__ = ["kalender_urlpatterns"]


class GelijkgesteldeDagForm(forms.Form):
    datum = forms.DateField(
        label="Datum",
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Een werkdag die bij Koninklijk Besluit met een feestdag is gelijkgesteld.",
        error_messages={
            "required": "Vul de datum in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 15-05-2026.",
        },
    )
    grond = forms.CharField(
        label="Grond",
        max_length=GROND_MAX,
        help_text="Bijvoorbeeld ‘vrijdag na Hemelvaartsdag’.",
        error_messages={
            "required": "Vul de grond in, bijvoorbeeld ‘vrijdag na Hemelvaartsdag’.",
            "max_length": f"De grond mag hoogstens {GROND_MAX} tekens lang zijn.",
        },
    )
    bron_status = forms.CharField(
        label="Bron (besluit)",
        max_length=BRON_MAX,
        required=False,
        help_text="Optioneel: het besluit waarop de gelijkstelling berust.",
        error_messages={"max_length": f"De bron mag hoogstens {BRON_MAX} tekens lang zijn."},
    )


class JaarForm(forms.Form):
    jaar = forms.IntegerField(
        label="Jaar",
        min_value=EERSTE_JAAR,
        max_value=LAATSTE_JAAR,
        error_messages={
            "invalid": "Vul een jaartal in, bijvoorbeeld 2026.",
            "min_value": f"Kies een jaar vanaf {EERSTE_JAAR}.",
            "max_value": f"Kies een jaar tot en met {LAATSTE_JAAR}.",
        },
    )


def _require(request: HttpRequest, perm: Perm) -> User:
    if not has_permission(request.user, perm):
        raise PermissionDenied
    return request.user  # type: ignore[return-value]


def _url(request: HttpRequest, name: str, *args: object) -> str:
    """Reverses ``name`` in whatever namespace these patterns were included under."""
    match = request.resolver_match
    namespace = match.namespace if match else ""
    return reverse(f"{namespace}:{name}" if namespace else name, args=args)


def _jaar(request: HttpRequest) -> tuple[int, JaarForm]:
    today_year = timezone.localdate().year
    if "jaar" not in request.GET:
        return today_year, JaarForm(initial={"jaar": today_year})
    form = JaarForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["jaar"], form
    return today_year, form


def _context(
    request: HttpRequest, jaar: int, jaar_form: JaarForm, form: GelijkgesteldeDagForm
) -> dict[str, Any]:
    kalender = calendar_current()
    statutory = atw_holidays(jaar)
    gelijkgesteld = gelijkgestelde_dag_list()
    by_date = {dag.datum: dag for dag in gelijkgesteld}
    feestdagen = [
        {
            "datum": datum,
            "naam": naam,
            "soort": "Atw art. 3" if datum in statutory else "gelijkgesteld",
            "in_weekend": datum.weekday() >= 5,
            "gelijkgesteld": by_date.get(datum),
        }
        for datum, naam in kalender.holidays(jaar).items()
    ]
    per_jaar = [
        {
            "jaar": year,
            "dagen": [
                {
                    "dag": dag,
                    "verwijder_url": _url(request, "kalender-verwijderen", dag.datum.isoformat()),
                }
                for dag in dagen
            ],
        }
        for year, dagen in groupby(gelijkgesteld, key=lambda dag: dag.datum.year)
    ]
    return {
        "jaar": jaar,
        "jaar_form": jaar_form,
        "vorig_jaar": jaar - 1 if jaar > EERSTE_JAAR else None,
        "volgend_jaar": jaar + 1 if jaar < LAATSTE_JAAR else None,
        "feestdagen": feestdagen,
        "werkdagen": kalender.working_days_between(date(jaar - 1, 12, 31), date(jaar, 12, 31))
        if jaar > EERSTE_JAAR
        else None,
        "per_jaar": per_jaar,
        "form": form,
        "kalender_url": _url(request, "kalender"),
    }


@require_http_methods(["GET", "POST"])
def kalender_view(request: HttpRequest) -> HttpResponse:
    actor = _require(request, Perm.CODELIJSTEN_BEHEREN)
    jaar, jaar_form = _jaar(request)
    form = GelijkgesteldeDagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dag = gelijkgestelde_dag_add(
                datum=form.cleaned_data["datum"],
                grond=form.cleaned_data["grond"],
                bron_status=form.cleaned_data["bron_status"],
                actor=actor,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{dag.datum:%d-%m-%Y} ({dag.grond}) is toegevoegd als gelijkgestelde dag."
            )
            return redirect(f"{_url(request, 'kalender')}?jaar={dag.datum.year}")
    status = 400 if form.errors else 200
    return render(
        request, "accounts/kalender.html", _context(request, jaar, jaar_form, form), status=status
    )


@require_POST
def kalender_verwijderen_view(request: HttpRequest, datum: str) -> HttpResponse:
    actor = _require(request, Perm.CODELIJSTEN_BEHEREN)
    try:
        dag = date.fromisoformat(datum)
    except ValueError:
        raise Http404 from None
    try:
        gelijkgestelde_dag_remove(datum=dag, actor=actor, request=request)
    except ValidationError:
        raise Http404 from None
    messages.success(request, f"{dag:%d-%m-%Y} is geen gelijkgestelde dag meer.")
    return redirect(f"{_url(request, 'kalender')}?jaar={dag.year}")


kalender_urlpatterns: list[URLPattern] = [
    path("", kalender_view, name="kalender"),
    path("<str:datum>/verwijderen/", kalender_verwijderen_view, name="kalender-verwijderen"),
]
