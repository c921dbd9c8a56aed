"""Pages for mijn werk, the team leader's board, huisverbod, voorlichting and time registration.

Login and a verified second factor are enforced by the middleware. Outside the access scope a
record does not exist (404); inside it, an action without its permission is 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.models import Team, User
from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_read_record
from zicht.casework.access import (
    casus_get_for_user,
    require_any_permission,
    require_permission,
)
from zicht.casework.models import Betrokkene, Casus
from zicht.core.exceptions import ConcurrentEditError
from zicht.core.forms import validation_error_to_form
from zicht.diensten import selectors_werk as sel
from zicht.diensten import werk_services as svc
from zicht.diensten.domain.werk import ONDERZOEK_NORM, Urensoort
from zicht.diensten.models_werk import Huisverbod, Tijdregel, Voorlichting
from zicht.diensten.werk_charts import grafiek_onderzoek_op_tijd
from zicht.diensten.werk_forms import (
    URENSOORT_KEUZES,
    BeeindigenForm,
    CorrectieForm,
    HuisverbodForm,
    JaarForm,
    TijdForm,
    ToewijzingForm,
    VerlengingForm,
    VoorlichtingForm,
)

#: Who books time and has a "mijn werk": anyone who carries casework.
UITVOERDERS = (Perm.DIENST_UITVOEREN, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)


def _veilig_terug(request: HttpRequest, standaard: str) -> str:
    terug = request.POST.get("terug") or request.GET.get("terug") or ""
    if terug and url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        return terug
    return standaard


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- Mijn werk --------------------------------------------------------------------------------


def _tijdkeuzes(items: list[sel.Werkitem]) -> list[tuple[str, str]]:
    keuzes = [
        (f"dienst:{i.pk}", f"{i.omschrijving} · {i.casus.nummer}")
        for i in items
        if i.soort == "dienst"
    ]
    return keuzes + URENSOORT_KEUZES


@require_GET
def mijn_werk_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require_any_permission(user, UITVOERDERS)
    werk = sel.mijn_werk(user)
    form = TijdForm(keuzes=_tijdkeuzes(werk.items), initial={"datum": timezone.localdate()})
    return render(
        request,
        "diensten/werk/mijn_werk.html",
        {"werk": werk, "tijdform": form, "uren_deze_week": svc.uren(werk.minuten_deze_week)},
    )


# --- Tijdregistratie --------------------------------------------------------------------------


def _werk_uit_keuze(user: Any, keuze: str) -> dict[str, Any]:
    """'dienst:12' / 'huisverbod:3' / 'voorlichting:4' / 'soort:advies' → service kwargs; the
    dienst or huisverbod must be in the user's scope (404 otherwise)."""
    soort, _, waarde = keuze.partition(":")
    if soort == "dienst":
        return {"dienst": sel.dienst_get_for_user(user, waarde)}
    if soort == "huisverbod":
        return {"huisverbod": sel.huisverbod_get_for_user(user, waarde)}
    if soort == "voorlichting":
        try:
            return {"voorlichting": Voorlichting.objects.get(pk=int(waarde))}
        except (Voorlichting.DoesNotExist, ValueError):
            raise Http404("Voorlichting niet gevonden.") from None
    if soort == "soort" and waarde in {s.value for s in Urensoort}:
        return {"soort": waarde}
    raise ValidationError({"werk": ["Kies waarvoor de tijd is."]})


def _boek(request: HttpRequest, form: TijdForm, *, casus: Casus | None = None) -> Tijdregel | None:
    user: Any = request.user
    if not form.is_valid():
        return None
    try:
        doel = _werk_uit_keuze(user, form.cleaned_data["werk"])
        return svc.tijd_boeken(
            actor=user,
            datum=form.cleaned_data["datum"],
            minuten=form.cleaned_data["minuten"],
            casus=casus,
            omschrijving=form.cleaned_data["omschrijving"],
            request=request,
            **doel,
        )
    except ValidationError as fout:
        validation_error_to_form(form, fout)
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def uren_view(request: HttpRequest) -> HttpResponse:
    """Own bookings and a booking form (for work without a casus, or any dienst of one's own)."""
    user: Any = request.user
    require_any_permission(user, UITVOERDERS)
    werk = sel.mijn_werk(user)
    keuzes = _tijdkeuzes(werk.items)
    if request.method == "POST":
        form = TijdForm(request.POST, keuzes=keuzes)
        regel = _boek(request, form)
        if regel is not None:
            messages.success(request, f"{svc.uren(regel.minuten)} uur geboekt.")
            return redirect(_veilig_terug(request, reverse("diensten:uren")))
    else:
        form = TijdForm(keuzes=keuzes, initial={"datum": timezone.localdate()})
    return render(
        request,
        "diensten/werk/uren.html",
        {"form": form, "regels": sel.tijdregels_van(user, limit=100)},
        status=_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def casus_uren_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Book time on a casus (from the dossier / journaal): one of its diensten or huisverboden,
    or casus-level work (VB, advies)."""
    user: Any = request.user
    casus = casus_get_for_user(user, pk)
    require_any_permission(user, UITVOERDERS)
    werk = sel.casus_boekbaar_werk(casus)
    keuzes = [
        (f"dienst:{d.pk}", f"{d.get_soort_display()} (gestart {d.start:%d-%m-%Y})")
        for d in werk.diensten
    ]
    keuzes += [
        (f"huisverbod:{h.pk}", f"Tijdelijk huisverbod (opgelegd {h.opgelegd_op:%d-%m-%Y})")
        for h in werk.huisverboden
    ]
    keuzes += [(f"soort:{s.value}", s.label) for s in werk.soorten]
    if request.method == "POST":
        form = TijdForm(request.POST, keuzes=keuzes)
        regel = _boek(request, form, casus=casus)
        if regel is not None:
            messages.success(request, f"{svc.uren(regel.minuten)} uur geboekt op {casus.nummer}.")
            return redirect(_veilig_terug(request, reverse("casework:detail", args=[casus.pk])))
    else:
        form = TijdForm(keuzes=keuzes, initial={"datum": timezone.localdate()})
    return render(
        request,
        "diensten/werk/casus_uren.html",
        {"form": form, "casus": casus},
        status=_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def uren_corrigeren_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    require_any_permission(user, UITVOERDERS)
    regel = Tijdregel.objects.filter(medewerker=user, pk=pk).first()
    if regel is None:
        raise Http404("Boeking niet gevonden.")
    if request.method == "POST":
        form = CorrectieForm(request.POST)
        if form.is_valid():
            try:
                svc.tijd_corrigeren(
                    actor=user,
                    regel=regel,
                    minuten=form.cleaned_data["minuten"],
                    omschrijving=form.cleaned_data["omschrijving"],
                    request=request,
                )
            except ValidationError as fout:
                validation_error_to_form(form, fout)
            else:
                messages.success(request, "De boeking is gecorrigeerd.")
                return redirect("diensten:uren")
    else:
        form = CorrectieForm(initial={"minuten": regel.minuten})
    return render(
        request,
        "diensten/werk/uren_corrigeren.html",
        {"form": form, "regel": regel},
        status=_status(form),
    )


# --- Werkverdeling ----------------------------------------------------------------------------


def _bord(
    request: HttpRequest,
    team: Team,
    teams: list[Team],
    *,
    form: ToewijzingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user: Any = request.user
    bord = sel.werkverdeling(user, team, urennormen=sel.urennormen_huidig())
    return render(
        request,
        "diensten/werk/werkverdeling.html",
        {
            "bord": bord,
            "teams": teams,
            "mag_verdelen": has_permission(user, Perm.WERK_VERDELEN),
            "grafiek_url": f"{reverse('diensten:werkverdeling-grafiek')}?team={team.pk}",
            "norm_pct": int(bord.norm * 100),
            "form": form,
            "gekozen": set(request.POST.getlist("werk")) if request.method == "POST" else set(),
        },
        status=status,
    )


@require_GET
def werkverdeling_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require_any_permission(user, (Perm.WERKVOORRAAD_INZIEN, Perm.WERK_VERDELEN))
    team, teams = sel.werkverdeling_team(user, request.GET.get("team"))
    return _bord(request, team, teams)


@require_GET
def werkverdeling_grafiek_view(request: HttpRequest) -> HttpResponse:
    """The Onderzoek-within-10-weeks chart of a team (SVG)."""
    user: Any = request.user
    require_any_permission(user, (Perm.WERKVOORRAAD_INZIEN, Perm.WERK_VERDELEN))
    team, _ = sel.werkverdeling_team(user, request.GET.get("team"))
    reeks, _totaal = sel.onderzoek_op_tijd(user, team=team)
    svg = grafiek_onderzoek_op_tijd(reeks, ONDERZOEK_NORM)
    antwoord = HttpResponse(svg, content_type="image/svg+xml")
    antwoord["Cache-Control"] = "private, max-age=300"
    return antwoord


@require_POST
def toewijzen_view(request: HttpRequest) -> HttpResponse:
    """Assigns the selected work to one team member, all or nothing (one transaction); the
    team rule (the board's own work, to a member of the team) is the service's."""
    user: Any = request.user
    require_permission(user, Perm.WERK_VERDELEN)
    form = ToewijzingForm(request.POST)
    if not form.is_valid():
        team, teams = sel.werkverdeling_team(user, request.POST.get("team"))
        return _bord(request, team, teams, form=form, status=400)
    team, teams = sel.werkverdeling_team(user, form.cleaned_data["team"])
    doelen = []
    for soort, pk, versie in form.werk:
        dienst = sel.dienst_get_for_user(user, pk) if soort == "dienst" else None
        taak = sel.taak_get_for_user(user, pk) if soort == "taak" else None
        doelen.append(svc.Werkdoel(expected_version=versie, dienst=dienst, taak=taak))
    medewerker = User.objects.filter(pk=form.cleaned_data["medewerker"]).first()
    try:
        svc.werk_toewijzen_bulk(
            actor=user,
            medewerker=medewerker,
            doelen=doelen,
            reden=form.cleaned_data["reden"],
            team=team,
            request=request,
        )
    except ValidationError as fout:
        validation_error_to_form(form, fout)
        status = 409 if isinstance(fout, ConcurrentEditError) else 400
        return _bord(request, team, teams, form=form, status=status)
    assert medewerker is not None
    aantal = len(doelen)
    messages.success(
        request,
        f"{aantal} {'stuk' if aantal == 1 else 'stukken'} werk toegewezen aan "
        f"{medewerker.weergavenaam}.",
    )
    return redirect(f"{reverse('diensten:werkverdeling')}?team={team.pk}")


# --- Huisverbod -------------------------------------------------------------------------------


@require_GET
def huisverboden_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require_any_permission(user, (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN))
    return render(
        request,
        "diensten/werk/huisverboden.html",
        {
            "lopend": sel.huisverboden_lopend(user),
            "beeindigd": sel.huisverboden_beeindigd(user, limit=50),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def huisverbod_nieuw_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    casus = casus_get_for_user(user, pk)
    require_permission(user, Perm.DIENST_UITVOEREN)
    betrokkenen = Betrokkene.objects.filter(casus=casus).select_related("persoon").order_by("pk")
    if request.method == "POST":
        form = HuisverbodForm(request.POST, betrokkenen=betrokkenen)
        if form.is_valid():
            try:
                huisverbod = svc.huisverbod_opleggen(
                    actor=user,
                    casus=casus,
                    opgelegd_op=form.cleaned_data["opgelegd_op"],
                    opgelegd_door=form.cleaned_data["opgelegd_door"],
                    uithuisgeplaatste=form.cleaned_data["uithuisgeplaatste"],
                    beschermden=list(form.cleaned_data["beschermden"]),
                    toelichting=form.cleaned_data["toelichting"],
                    request=request,
                )
            except ValidationError as fout:
                validation_error_to_form(form, fout)
            else:
                messages.success(
                    request,
                    f"Het huisverbod is vastgelegd; het loopt tot en met "
                    f"{huisverbod.einde:%d-%m-%Y}. De taken van Veilig Thuis zijn aangemaakt.",
                )
                return redirect("diensten:huisverbod", pk=huisverbod.pk)
    else:
        form = HuisverbodForm(betrokkenen=betrokkenen)
    return render(
        request,
        "diensten/werk/huisverbod_form.html",
        {"form": form, "casus": casus},
        status=_status(form),
    )


def _huisverbod_render(
    request: HttpRequest,
    huisverbod: Huisverbod,
    *,
    verlengform: VerlengingForm | None = None,
    eindform: BeeindigenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    from zicht.diensten.domain.huisverbod import dagen_resterend, maximaal_einde

    vandaag = timezone.localdate()
    opgelegd = timezone.localtime(huisverbod.opgelegd_op).date()
    return render(
        request,
        "diensten/werk/huisverbod.html",
        {
            "hv": huisverbod,
            "dagen_resterend": dagen_resterend(huisverbod.einde, vandaag),
            "maximaal_einde": maximaal_einde(opgelegd),
            "mag": has_permission(request.user, Perm.DIENST_UITVOEREN),
            "verlengform": verlengform
            or VerlengingForm(
                initial={
                    "versie": huisverbod.version,
                    "besloten_op": vandaag,
                    "nieuw_einde": maximaal_einde(opgelegd),
                }
            ),
            "eindform": eindform
            or BeeindigenForm(initial={"versie": huisverbod.version, "op": vandaag}),
        },
        status=status,
    )


@require_GET
def huisverbod_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    huisverbod = sel.huisverbod_get_for_user(user, pk)
    require_any_permission(user, (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN))
    audit_read_record(
        actor=user, target=huisverbod, request=request, event=Event.HUISVERBOD_INGEZIEN
    )
    return _huisverbod_render(request, huisverbod)


@require_POST
def huisverbod_verlengen_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    huisverbod = sel.huisverbod_get_for_user(user, pk)
    require_permission(user, Perm.DIENST_UITVOEREN)
    form = VerlengingForm(request.POST)
    if form.is_valid():
        try:
            svc.huisverbod_verlengen(
                actor=user,
                huisverbod=huisverbod,
                expected_version=form.cleaned_data["versie"],
                nieuw_einde=form.cleaned_data["nieuw_einde"],
                besloten_op=form.cleaned_data["besloten_op"],
                besloten_door=form.cleaned_data["besloten_door"],
                reden=form.cleaned_data["reden"],
                request=request,
            )
        except ValidationError as fout:
            validation_error_to_form(form, fout)
            huisverbod = sel.huisverbod_get_for_user(user, pk)
            status = 409 if isinstance(fout, ConcurrentEditError) else 400
            return _huisverbod_render(request, huisverbod, verlengform=form, status=status)
        messages.success(
            request,
            f"Het huisverbod is verlengd tot en met {form.cleaned_data['nieuw_einde']:%d-%m-%Y}.",
        )
        return redirect("diensten:huisverbod", pk=pk)
    return _huisverbod_render(request, huisverbod, verlengform=form, status=400)


@require_POST
def huisverbod_beeindigen_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    huisverbod = sel.huisverbod_get_for_user(user, pk)
    require_permission(user, Perm.DIENST_UITVOEREN)
    form = BeeindigenForm(request.POST)
    if form.is_valid():
        try:
            svc.huisverbod_beeindigen(
                actor=user,
                huisverbod=huisverbod,
                expected_version=form.cleaned_data["versie"],
                status=form.cleaned_data["status"],
                op=form.cleaned_data["op"],
                request=request,
            )
        except ValidationError as fout:
            validation_error_to_form(form, fout)
            huisverbod = sel.huisverbod_get_for_user(user, pk)
            status = 409 if isinstance(fout, ConcurrentEditError) else 400
            return _huisverbod_render(request, huisverbod, eindform=form, status=status)
        messages.success(request, "Het einde van het huisverbod is vastgelegd.")
        return redirect("diensten:huisverbod", pk=pk)
    return _huisverbod_render(request, huisverbod, eindform=form, status=400)


# --- Voorlichting -----------------------------------------------------------------------------


def _voorlichting_opslaan(
    request: HttpRequest, form: VoorlichtingForm, voorlichting: Voorlichting | None
) -> tuple[Voorlichting | None, int]:
    """Saves through the service: (the voorlichting, 302) or (None, 400 for invalid input,
    409 when someone else changed it meanwhile — by the error's type, not its wording)."""
    if not form.is_valid():
        return None, 400
    data = form.cleaned_data
    try:
        opgeslagen = svc.voorlichting_opslaan(
            actor=request.user,  # type: ignore[arg-type]
            voorlichting=voorlichting,
            expected_version=data.get("versie"),
            datum=data["datum"],
            onderwerp=data["onderwerp"],
            doelgroep=data["doelgroep"],
            organisatie=data["organisatie"],
            deelnemers=data["deelnemers"],
            minuten=data["minuten"],
            request=request,
        )
    except ValidationError as fout:
        validation_error_to_form(form, fout)
        return None, 409 if isinstance(fout, ConcurrentEditError) else 400
    return opgeslagen, 302


@require_http_methods(["GET", "HEAD", "POST"])
def voorlichtingen_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require_any_permission(user, (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN))
    if request.method == "POST":
        require_permission(user, Perm.DIENST_UITVOEREN)
        form = VoorlichtingForm(request.POST)
        opgeslagen, _ = _voorlichting_opslaan(request, form, None)
        if opgeslagen is not None:
            messages.success(request, "De voorlichting is vastgelegd.")
            return redirect("diensten:voorlichtingen")
    else:
        form = VoorlichtingForm(initial={"datum": timezone.localdate()})
    # ?jaar= (empty: this year); an invalid one is shown at the field instead of replaced.
    jaar_form = JaarForm(
        request.GET if request.GET.get("jaar") else None,
        initial={"jaar": timezone.localdate().year},
    )
    jaar: int | None = jaar_form.initial["jaar"]
    if jaar_form.is_bound:
        jaar = jaar_form.cleaned_data["jaar"] if jaar_form.is_valid() else None
    lijst = sel.voorlichtingen(jaar=jaar) if jaar is not None else []
    return render(
        request,
        "diensten/werk/voorlichtingen.html",
        {
            "form": form,
            "jaar_form": jaar_form,
            "lijst": lijst,
            "jaar": jaar,
            "totaal_deelnemers": sum(v.deelnemers for v in lijst),
            "totaal_uren": svc.uren(sum(v.minuten for v in lijst)),
            "mag": has_permission(user, Perm.DIENST_UITVOEREN),
        },
        status=400 if jaar_form.errors else _status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def voorlichting_wijzigen_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    require_permission(user, Perm.DIENST_UITVOEREN)
    voorlichting = Voorlichting.objects.filter(pk=pk).first()
    if voorlichting is None:
        raise Http404("Voorlichting niet gevonden.")
    status = 200
    if request.method == "POST":
        form = VoorlichtingForm(request.POST)
        opgeslagen, status = _voorlichting_opslaan(request, form, voorlichting)
        if opgeslagen is not None:
            messages.success(request, "De voorlichting is gewijzigd.")
            return redirect("diensten:voorlichtingen")
    else:
        form = VoorlichtingForm(
            initial={
                "versie": voorlichting.version,
                "datum": voorlichting.datum,
                "onderwerp": voorlichting.onderwerp,
                "doelgroep": voorlichting.doelgroep,
                "organisatie": voorlichting.organisatie,
                "deelnemers": voorlichting.deelnemers,
                "minuten": voorlichting.minuten,
            }
        )
    return render(
        request,
        "diensten/werk/voorlichting_form.html",
        {"form": form, "voorlichting": voorlichting},
        status=status,
    )
