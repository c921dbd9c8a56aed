"""Pages of the Veiligheidsbeoordeling. Each view checks the permission (403), fetches through
the scope (404), calls one service and renders; errors answer 400 with the input kept.

Confirming a besluit posts to ``diensten:besluit-bevestigen`` (the higher app owns that step);
its view renders this page again through :func:`beoordeling_render` when something is wrong.
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment import selectors, services
from zicht.assessment.domain.besluit import LABELS as BESLUIT_LABELS
from zicht.assessment.models import Instrument, Ketenpartner
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_read_record
from zicht.casework.access import require_permission

BESLUIT_KEUZES = list(BESLUIT_LABELS.items())


def _mag_bekijken(user: Any) -> None:
    if not any(
        has_permission(user, p)
        for p in (
            Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
            Perm.BESLUIT_MEEBESLISSEN,
            Perm.BESLUIT_DESKUNDIGE,
        )
    ):
        raise PermissionDenied("Hiervoor is het recht ‘Veiligheidsbeoordelingen uitvoeren’ nodig.")


@require_GET
def werklijst_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_permission(user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
    lijst = selectors.werklijst(user, page=request.GET.get("pagina", 1))
    return render(request, "assessment/werklijst.html", {"lijst": lijst})


def _fouten(fout: ValidationError) -> list[tuple[str, str]]:
    uit = []
    for veld, teksten in fout.message_dict.items():
        anker = "" if veld == "__all__" else f"#id_{veld}"
        uit.extend((anker, tekst) for tekst in teksten)
    return uit


def beoordeling_render(
    request: HttpRequest,
    melding: Any,
    *,
    fout: ValidationError | None = None,
    post: QueryDict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The assessment page; with ``fout`` the errors next to the fields and the posted input."""
    user = request.user
    pagina = selectors.beoordelingspagina(user, melding)
    veldfouten = fout.message_dict if fout is not None and hasattr(fout, "error_dict") else {}
    antwoorden = dict(pagina.beoordeling.antwoorden) if pagina.beoordeling else {}
    if post is not None:
        antwoorden.update(
            {k.removeprefix("vraag_"): v for k, v in post.items() if k.startswith("vraag_")}
        )
    vragen = [
        {
            "vraag": v,
            "veld": f"vraag_{v.code}",
            "waarde": antwoorden.get(v.code, ""),
            "fout": veldfouten.get(f"vraag_{v.code}", []),
        }
        for v in pagina.vragen
    ]
    context = {
        "pagina": pagina,
        "melding": melding,
        "vragen": vragen,
        "besluit_keuzes": BESLUIT_KEUZES,
        "post": post or {},
        "fouten": _fouten(fout) if fout is not None else [],
        "veldfouten": veldfouten,
        "mag_voorstellen": has_permission(user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN),
        "mag_bevestigen": has_permission(user, Perm.BESLUIT_MEEBESLISSEN)
        or has_permission(user, Perm.BESLUIT_DESKUNDIGE),
        "versie": pagina.beoordeling.version if pagina.beoordeling else 0,
    }
    return render(request, "assessment/beoordeling.html", context, status=status)


@require_http_methods(["GET", "POST"])
def beoordeling_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    _mag_bekijken(user)
    melding = selectors.melding_get_for_user(user, pk)
    if request.method == "GET":
        audit_read_record(
            actor=user, target=melding, event=Event.BEOORDELING_INGEZIEN, request=request
        )
        return beoordeling_render(request, melding)

    actie = request.POST.get("actie", "")
    versie = _int(request.POST.get("versie"))
    antwoorden = {
        k.removeprefix("vraag_"): v for k, v in request.POST.items() if k.startswith("vraag_")
    }
    try:
        if actie == "terugsturen":
            if not (
                has_permission(user, Perm.BESLUIT_MEEBESLISSEN)
                or has_permission(user, Perm.BESLUIT_DESKUNDIGE)
            ):
                raise PermissionDenied
            besluit = selectors.besluit_get_for_user(user, request.POST.get("besluit", ""))
            services.besluit_terugsturen(
                actor=user,
                besluit=besluit,
                reden=request.POST.get("reden_oneens", ""),
                expected_version=versie or 0,
                request=request,
            )
            messages.success(request, "Het voorstel is teruggestuurd met uw reden.")
        elif actie == "voorstellen":
            require_permission(user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
            partner_id = _int(request.POST.get("ketenpartner"))
            services.besluit_voorstellen(
                actor=user,
                melding=melding,
                soort=request.POST.get("soort", ""),
                motivering=request.POST.get("motivering", ""),
                antwoorden=antwoorden,
                toelichting_afwijking=request.POST.get("toelichting_afwijking", ""),
                ketenpartner=(
                    Ketenpartner.objects.filter(pk=partner_id).first() if partner_id else None
                ),
                ontvangende_partij=request.POST.get("ontvangende_partij", ""),
                expected_version=versie,
                request=request,
            )
            messages.success(request, "Het besluit is voorgesteld; een ander bevestigt het.")
        else:
            require_permission(user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
            services.triage_vastleggen(
                actor=user,
                melding=melding,
                antwoorden=antwoorden,
                expected_version=versie,
                request=request,
            )
            messages.success(request, "De triage is opgeslagen.")
    except ValidationError as fout:
        return beoordeling_render(request, melding, fout=fout, post=request.POST, status=400)
    return redirect("assessment:beoordeling", pk=melding.pk)


def _int(waarde: object) -> int | None:
    try:
        return int(str(waarde))
    except ValueError:
        return None


@require_GET
def termijnen_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_permission(user, Perm.WERKVOORRAAD_INZIEN)
    overzicht = selectors.termijnoverzicht(user)
    return render(
        request,
        "assessment/termijnen.html",
        {"overzicht": overzicht, "norm": round(selectors.NORM * 100)},
    )


@require_GET
def termijnen_grafiek_view(request: HttpRequest) -> HttpResponse:
    """The share decided within 5 working days per week, against the 90% norm (SVG)."""
    user = request.user
    require_permission(user, Perm.WERKVOORRAAD_INZIEN)
    overzicht = selectors.termijnoverzicht(user, max_rijen=0)
    return HttpResponse(_grafiek(overzicht), content_type="image/svg+xml")


def _grafiek(overzicht: selectors.Termijnoverzicht) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figuur = Figure(figsize=(8, 3.2))
    as_ = figuur.subplots()
    labels = [p.start.strftime("%d-%m") for p in overzicht.weken]
    waarden = [p.aandeel if p.aandeel is not None else 0 for p in overzicht.weken]
    kleuren = ["#2e7d32" if p.haalt_norm else "#c62828" for p in overzicht.weken]
    as_.bar(labels, waarden, color=kleuren)
    as_.axhline(round(selectors.NORM * 100), color="#333", linestyle="--", label="norm 90%")
    as_.set_ylim(0, 100)
    as_.set_ylabel("% op tijd besloten")
    as_.set_xlabel("week (begint op)")
    as_.tick_params(axis="x", labelrotation=45, labelsize=7)
    as_.legend(loc="lower right")
    figuur.tight_layout()
    buffer = io.BytesIO()
    figuur.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


# --- Functioneel beheer: publishing a version of the triage instrument ---------------------


def _vragen_json(instrument: Instrument) -> str:
    return json.dumps(
        [
            {
                "code": v.code,
                "tekst": v.tekst,
                "antwoordtype": v.antwoordtype,
                "implicatie": v.implicatie,
                "hulptekst": v.hulptekst,
                "keuzes": v.keuzes,
                "verplicht": v.verplicht,
            }
            for v in instrument.vragen.all()
        ],
        ensure_ascii=False,
        indent=2,
    )


_VRAAG_VELDEN = {"code", "tekst", "antwoordtype", "implicatie", "hulptekst", "keuzes", "verplicht"}


def _vragen_lezen(tekst: str) -> list[services.VraagInvoer]:
    try:
        rijen = json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise ValidationError(
            {"vragen": [f"Dit is geen geldige JSON (regel {fout.lineno}, kolom {fout.colno})."]}
        ) from None
    if not isinstance(rijen, list) or not rijen:
        raise ValidationError({"vragen": ["Geef een lijst met ten minste één vraag."]})
    vragen = []
    for i, rij in enumerate(rijen, start=1):
        if not isinstance(rij, dict) or not {"code", "tekst", "antwoordtype"} <= rij.keys():
            raise ValidationError(
                {"vragen": [f"Vraag {i} heeft geen code, tekst of antwoordtype."]}
            )
        onbekend = set(rij) - _VRAAG_VELDEN
        if onbekend:
            raise ValidationError(
                {"vragen": [f"Vraag {i} heeft onbekende velden: {', '.join(sorted(onbekend))}."]}
            )
        vragen.append(services.VraagInvoer(**rij))
    return vragen


@require_http_methods(["GET", "POST"])
def instrument_view(request: HttpRequest) -> HttpResponse:
    """The versions of the triage instrument and the current questions; a functioneel
    beheerder publishes a new version by editing a copy of the current one (JSON)."""
    user: Any = request.user
    require_permission(user, Perm.CODELIJSTEN_BEHEREN)
    try:
        actueel: Instrument | None = services.instrument_actueel()
    except ValidationError:
        actueel = None  # nothing published yet: the page offers to publish the first version
    fout: ValidationError | None = None
    if request.method == "POST":
        try:
            vragen = _vragen_lezen(request.POST.get("vragen", ""))
            nieuw = services.instrument_publiceren(
                actor=user,
                omschrijving=request.POST.get("omschrijving", ""),
                vragen=vragen,
                request=request,
            )
        except (ValidationError, TypeError) as e:
            fout = (
                e
                if isinstance(e, ValidationError)
                else ValidationError({"vragen": ["Een vraag heeft een ongeldige waarde."]})
            )
        else:
            messages.success(
                request, f"Versie {nieuw.versie} van het triage-instrument is gepubliceerd."
            )
            return redirect("assessment:instrument")
    veldfouten = fout.message_dict if fout is not None else {}
    return render(
        request,
        "assessment/instrument.html",
        {
            "versies": Instrument.objects.select_related("gepubliceerd_door").order_by("-versie"),
            "actueel": actueel,
            "vragen": list(actueel.vragen.all()) if actueel else [],
            "omschrijving": request.POST.get("omschrijving", "") if fout else "",
            "vragen_json": (
                request.POST.get("vragen", "")
                if fout
                else (_vragen_json(actueel) if actueel else "[]")
            ),
            "fouten": _fouten(fout) if fout is not None else [],
            "veldfouten": veldfouten,
        },
        status=400 if fout is not None else 200,
    )
