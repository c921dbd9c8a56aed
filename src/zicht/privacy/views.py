"""Pages of the privacy officer (FG): overview, data-subject requests per person, the inzage
export, retention and destruction lists, the registers, and the audit viewer with CSV export.

Permissions: :attr:`Perm.AUDIT_INZIEN` for requests, registers and the audit trail;
:attr:`Perm.VERNIETIGING_BEHEREN` for retention and destruction. Every page that shows
personal data is audited; objects that do not exist answer 404.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event, Reden
from zicht.audit.models import AuditEvent, event_label
from zicht.audit.services import audit_event_record, audit_read_record
from zicht.casework.access import require_any_permission
from zicht.casework.models import Casus
from zicht.core.forms import validation_error_to_form
from zicht.people.models import Persoon
from zicht.privacy import forms as f
from zicht.privacy import selectors, services
from zicht.privacy.models import (
    Calamiteit,
    InzageVerzoek,
    Klacht,
    Vernietigingslijst,
    Vernietigingsverzoek,
)
from zicht.privacy.services import GEEN_PRIVACYRECHT

PRIVACY_PERMS = (Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN)
AUDIT_PAGINA = 100


def _status(*forms: Form) -> int:
    return 400 if any(form.errors for form in forms) else 200


def _casus_of_fout(form: Form, nummer: str) -> tuple[Casus | None, bool]:
    if not (nummer or "").strip():
        return None, True
    casus = selectors.casus_op_nummer(nummer)
    if casus is None:
        form.add_error("casus_nummer", "Er is geen dossier met dit nummer.")
        return None, False
    return casus, True


@require_GET
def overzicht_view(request: HttpRequest) -> HttpResponse:
    require_any_permission(request.user, PRIVACY_PERMS, reden=GEEN_PRIVACYRECHT)
    return render(
        request,
        "privacy/overzicht.html",
        {
            "overzicht": selectors.overzicht(),
            "mag_audit": has_permission(request.user, Perm.AUDIT_INZIEN),
            "mag_toetsen": has_permission(request.user, Perm.NOODTOEGANG_TOETSEN),
            "mag_vernietigen": has_permission(request.user, Perm.VERNIETIGING_BEHEREN),
        },
    )


# --- Data-subject rights ----------------------------------------------------------------


@require_GET
def personen_view(request: HttpRequest) -> HttpResponse:
    """Find the person a request is about (BSN or surname)."""
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    form = f.PersoonZoekForm(request.GET or None)
    personen: list[Persoon] = []
    if form.is_bound and form.is_valid():
        personen = selectors.personen_zoeken(
            bsn=form.cleaned_data["bsn"], achternaam=form.cleaned_data["achternaam"]
        )
        audit_event_record(
            event=Event.PERSOON_INGEZIEN,
            actor=request.user,
            reason=Reden.INZAGEVERZOEK,
            data={"zoekresultaten": len(personen)},
            request=request,
        )
    return render(
        request,
        "privacy/personen.html",
        {"form": form, "personen": personen, "verzoeken": selectors.verzoeken()},
        status=_status(form),
    )


def _persoon_formulieren(persoon: Persoon, data: object = None, welke: str = "") -> dict[str, Form]:
    def bound(naam: str) -> object:
        return data if welke == naam else None

    return {
        "inzage_form": f.InzageVerzoekForm(bound("inzage"), persoon=persoon, prefix="inzage"),
        "correctie_form": f.CorrectieForm(bound("correctie"), persoon=persoon, prefix="correctie"),
        "verklaring_form": f.VerklaringForm(
            bound("verklaring"), persoon=persoon, prefix="verklaring"
        ),
        "vernietiging_form": f.VernietigingsverzoekForm(
            bound("vernietiging"), prefix="vernietiging"
        ),
    }


@require_http_methods(["GET", "POST"])
def persoon_view(request: HttpRequest, persoon_pk: int) -> HttpResponse:
    """``/privacy/personen/<id>/``: requests about one person, and the forms to record them."""
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    persoon = get_object_or_404(Persoon, pk=persoon_pk)
    welke = request.POST.get("formulier", "") if request.method == "POST" else ""
    formulieren = _persoon_formulieren(persoon, request.POST if welke else None, welke)
    if welke:
        form = formulieren.get(f"{welke}_form")
        if form is not None and form.is_valid():
            try:
                _persoon_opslaan(request, persoon, welke, form)
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.success(request, "Vastgelegd.")
                return redirect("privacy:persoon", persoon_pk=persoon.pk)
    else:
        audit_read_record(
            actor=request.user,
            target=persoon,
            reason=Reden.INZAGEVERZOEK,
            request=request,
            event=Event.PERSOON_INGEZIEN,
        )
    context = {
        "persoon": persoon,
        "inzageverzoeken": persoon.inzageverzoeken.order_by("-ontvangen_op"),
        "correctieverzoeken": persoon.correctieverzoeken.select_related("casus"),
        "verklaringen": persoon.eigen_verklaringen.select_related("casus"),
        "vernietigingsverzoeken": persoon.vernietigingsverzoeken.all(),
        "besluit_form": f.BesluitForm(),
        "mag_vernietigen": has_permission(request.user, Perm.VERNIETIGING_BEHEREN),
        **formulieren,
    }
    return render(request, "privacy/persoon.html", context, status=_status(*formulieren.values()))


def _persoon_opslaan(request: HttpRequest, persoon: Persoon, welke: str, form: Form) -> None:
    d = form.cleaned_data
    actor = request.user
    if welke == "inzage":
        verzoek = services.inzageverzoek_vastleggen(
            actor=actor,  # type: ignore[arg-type]
            persoon=persoon,
            verzoeker=d["verzoeker"],
            vertegenwoordiger=d.get("vertegenwoordiger"),
            ontvangen_op=d["ontvangen_op"],
            request=request,
        )
        if verzoek.status == "geweigerd":
            messages.warning(request, f"Het inzageverzoek is geweigerd: {verzoek.oordeel}")
    elif welke == "correctie":
        services.correctieverzoek_vastleggen(
            actor=actor,  # type: ignore[arg-type]
            persoon=persoon,
            casus=d.get("casus"),
            ontvangen_op=d["ontvangen_op"],
            verzoek=d["verzoek"],
            besluit=d.get("besluit", ""),
            motivering=d.get("motivering", ""),
            request=request,
        )
    elif welke == "verklaring":
        services.eigen_verklaring_vastleggen(
            actor=actor,  # type: ignore[arg-type]
            persoon=persoon,
            casus=d["casus"],
            ontvangen_op=d["ontvangen_op"],
            tekst=d["tekst"],
            request=request,
        )
    elif welke == "vernietiging":
        services.vernietigingsverzoek_vastleggen(
            actor=actor,  # type: ignore[arg-type]
            persoon=persoon,
            ontvangen_op=d["ontvangen_op"],
            request=request,
        )


@require_GET
def inzage_export_view(request: HttpRequest, verzoek_pk: int) -> HttpResponse:
    """``/privacy/inzage/<id>/inzage.pdf``: the export for an allowed request."""
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    verzoek = get_object_or_404(InzageVerzoek.objects.select_related("persoon"), pk=verzoek_pk)
    pdf = services.inzage_export_maken(actor=request.user, verzoek=verzoek, request=request)  # type: ignore[arg-type]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{verzoek.pk}.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response


@require_POST
def vernietigingsverzoek_beslissen_view(request: HttpRequest, verzoek_pk: int) -> HttpResponse:
    require_any_permission(request.user, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    verzoek = get_object_or_404(Vernietigingsverzoek, pk=verzoek_pk)
    form = f.BesluitForm(request.POST)
    if form.is_valid():
        try:
            lijst = services.vernietigingsverzoek_beslissen(
                actor=request.user,  # type: ignore[arg-type]
                verzoek=verzoek,
                besluit=form.cleaned_data["besluit"],
                motivering=form.cleaned_data["motivering"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Het besluit is vastgelegd.")
            if lijst is not None:
                return redirect("privacy:lijst", lijst_pk=lijst.pk)
    else:
        messages.error(request, "Kies een besluit en motiveer het.")
    return redirect("privacy:persoon", persoon_pk=verzoek.persoon_id)


# --- Retention and destruction ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def vernietiging_view(request: HttpRequest) -> HttpResponse:
    """``/privacy/vernietiging/``: the lists; POST prepares a new one for today."""
    require_any_permission(request.user, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    if request.method == "POST":
        lijst = services.vernietigingslijst_opstellen(
            actor=request.user,  # type: ignore[arg-type]
            peildatum=timezone.localdate(),
            request=request,
        )
        if lijst is None:
            messages.info(request, "Er zijn geen dossiers waarvan de bewaartermijn verstreken is.")
            return redirect("privacy:vernietiging")
        messages.success(
            request, "De vernietigingslijst is opgesteld; twee personen keuren haar goed."
        )
        return redirect("privacy:lijst", lijst_pk=lijst.pk)
    lijsten = Vernietigingslijst.objects.prefetch_related("goedkeuringen__door").order_by(
        "-opgesteld_op"
    )[:50]
    return render(
        request,
        "privacy/vernietiging.html",
        {"lijsten": lijsten, "jaren": services.bewaartermijn_jaren(), "proef_form": f.ProefForm()},
    )


@require_GET
def proef_view(request: HttpRequest) -> HttpResponse:
    """``/privacy/vernietiging/proef/``: the dry run on a peildatum; deletes nothing."""
    require_any_permission(request.user, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    form = f.ProefForm(request.GET or None)
    peildatum: date = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["peildatum"]:
        peildatum = form.cleaned_data["peildatum"]
    regels = services.vernietiging_proefdraaien(
        actor=request.user, peildatum=peildatum, request=request
    )  # type: ignore[arg-type]
    return render(
        request,
        "privacy/proef.html",
        {"form": form, "regels": regels, "peildatum": peildatum},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def lijst_view(request: HttpRequest, lijst_pk: int) -> HttpResponse:
    """``/privacy/vernietiging/<id>/``: a list with its approvals; POST ``actie`` =
    ``goedkeuren`` or ``uitvoeren``."""
    require_any_permission(request.user, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    lijst = get_object_or_404(Vernietigingslijst, pk=lijst_pk)
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "goedkeuren":
                services.vernietigingslijst_goedkeuren(
                    actor=request.user, lijst=lijst, request=request
                )  # type: ignore[arg-type]
                messages.success(request, "Uw goedkeuring is vastgelegd.")
            elif actie == "uitvoeren":
                versie = request.POST.get("version", "")
                totaal = services.vernietigingslijst_uitvoeren(
                    actor=request.user,  # type: ignore[arg-type]
                    lijst=lijst,
                    # no (valid) version: treated as stale, never as "skip the check"
                    expected_version=int(versie) if versie.isdigit() else -1,
                    request=request,
                )
                messages.success(request, f"Uitgevoerd: {sum(totaal.values())} rijen vernietigd.")
            else:
                messages.error(request, "Onbekende actie.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("privacy:lijst", lijst_pk=lijst.pk)
    return render(
        request,
        "privacy/lijst.html",
        {
            "lijst": lijst,
            "regels": lijst.regels.order_by("vernietigen_vanaf", "casus_nummer"),
            "goedkeuringen": lijst.goedkeuringen.select_related("door"),
        },
    )


# --- Registers ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def registers_view(request: HttpRequest) -> HttpResponse:
    """``/privacy/registers/``: disclosures, complaints, calamities, with their deadlines."""
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    welke = request.POST.get("formulier", "") if request.method == "POST" else ""
    data = request.POST if welke else None
    formulieren: dict[str, Form] = {
        "verstrekking_form": f.VerstrekkingForm(
            data if welke == "verstrekking" else None, prefix="verstrekking"
        ),
        "klacht_form": f.KlachtForm(data if welke == "klacht" else None, prefix="klacht"),
        "calamiteit_form": f.CalamiteitForm(
            data if welke == "calamiteit" else None, prefix="calamiteit"
        ),
    }
    form = formulieren.get(f"{welke}_form")
    if form is not None and form.is_valid():
        d = form.cleaned_data
        casus, ok = _casus_of_fout(form, d.get("casus_nummer", ""))
        if ok:
            try:
                if welke == "verstrekking":
                    services.verstrekking_vastleggen(
                        actor=request.user,  # type: ignore[arg-type]
                        casus=casus,
                        persoon=None,
                        op=d["op"],
                        ontvanger=d["ontvanger"],
                        wat=d["wat"],
                        grondslag=d["grondslag"],
                        request=request,
                    )
                elif welke == "klacht":
                    services.klacht_vastleggen(
                        actor=request.user,  # type: ignore[arg-type]
                        casus=casus,
                        ontvangen_op=d["ontvangen_op"],
                        onderwerp=d["onderwerp"],
                        request=request,
                    )
                else:
                    services.calamiteit_vastleggen(
                        actor=request.user,  # type: ignore[arg-type]
                        casus=casus,
                        bekend_op=d["bekend_op"],
                        omschrijving=d["omschrijving"],
                        request=request,
                    )
            except ValidationError as error:
                validation_error_to_form(form, error)
            else:
                messages.success(request, "Vastgelegd in het register.")
                return redirect("privacy:registers")
    if not welke:
        audit_event_record(
            event=Event.REGISTER_INGEZIEN,
            actor=request.user,
            reason=Reden.TOETSING,
            request=request,
        )
    context = {
        **selectors.registers(),
        **formulieren,
        "vandaag": timezone.localdate(),
        "afhandel_form": f.KlachtAfhandelenForm(),
        "gemeld_form": f.CalamiteitGemeldForm(),
        "termijnen": services.termijnen(),
    }
    return render(request, "privacy/registers.html", context, status=_status(*formulieren.values()))


@require_POST
def klacht_afhandelen_view(request: HttpRequest, klacht_pk: int) -> HttpResponse:
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    klacht = get_object_or_404(Klacht, pk=klacht_pk)
    form = f.KlachtAfhandelenForm(request.POST)
    if form.is_valid():
        try:
            services.klacht_afhandelen(
                actor=request.user,  # type: ignore[arg-type]
                klacht=klacht,
                afgehandeld_op=form.cleaned_data["afgehandeld_op"],
                uitkomst=form.cleaned_data["uitkomst"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "De klacht is afgehandeld.")
    else:
        messages.error(request, "Vul de datum en de uitkomst in.")
    return redirect("privacy:registers")


@require_POST
def calamiteit_gemeld_view(request: HttpRequest, calamiteit_pk: int) -> HttpResponse:
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    calamiteit = get_object_or_404(Calamiteit, pk=calamiteit_pk)
    form = f.CalamiteitGemeldForm(request.POST)
    if form.is_valid():
        services.calamiteit_gemeld(
            actor=request.user,  # type: ignore[arg-type]
            calamiteit=calamiteit,
            gemeld_op=form.cleaned_data["gemeld_op"],
            kenmerk=form.cleaned_data["kenmerk"],
            request=request,
        )
        messages.success(request, "De melding aan de inspectie is vastgelegd.")
    else:
        messages.error(request, "Vul de datum van de melding in.")
    return redirect("privacy:registers")


# --- Audit viewer -------------------------------------------------------------------------


@require_GET
def audit_view(request: HttpRequest) -> HttpResponse:
    """``/privacy/audit/``: who viewed or changed a casus or person, a user's activity,
    exports; with the last chain verification."""
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    form = f.AuditZoekForm(request.GET or None)
    events = None
    if form.is_bound and form.is_valid():
        zoek = form.zoek()
        events = list(selectors.audit_zoeken(zoek)[:AUDIT_PAGINA])
        audit_event_record(
            event=Event.AUDITLOG_INGEZIEN,
            actor=request.user,
            reason=Reden.TOETSING,
            data={"privacy_zoek": True, "soort": zoek.soort, "rijen": len(events)},
            request=request,
        )
    return _audit_pagina(request, form, events)


def _audit_pagina(
    request: HttpRequest, form: f.AuditZoekForm, events: list[AuditEvent] | None
) -> HttpResponse:
    """The audit page: the filter form (with its errors at the fields: 400), the hits."""
    return render(
        request,
        "privacy/audit.html",
        {
            "form": form,
            "events": events,
            "controle": selectors.laatste_auditcontrole(),
            "query": request.GET.urlencode(),
            "max": AUDIT_PAGINA,
        },
        status=_status(form),
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
def audit_csv_view(request: HttpRequest) -> HttpResponse:
    """``/privacy/audit/export.csv``: the same filters, every matching row, streamed."""
    require_any_permission(request.user, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    form = f.AuditZoekForm(request.GET or None)
    if not form.is_bound:
        return redirect("privacy:audit")  # no search made yet: nothing to export
    if not form.is_valid():
        # The page again, the errors at their fields and the other filters kept (400).
        return _audit_pagina(request, form, None)
    zoek = form.zoek()
    audit_event_record(
        event=Event.AUDITLOG_GEEXPORTEERD,
        actor=request.user,
        reason=Reden.TOETSING,
        data={"soort": zoek.soort},
        request=request,
    )
    qs = selectors.audit_zoeken(zoek)
    writer = csv.writer(_Echo())

    def rijen() -> Iterator[str]:
        yield writer.writerow(
            [
                "volgnummer",
                "tijdstip",
                "code",
                "gebeurtenis",
                "gebruiker",
                "soort object",
                "object-id",
                "reden",
                "toelichting",
            ]
        )
        for e in qs.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    e.seq,
                    timezone.localtime(e.occurred_at).isoformat(),
                    e.event,
                    event_label(e.event),
                    e.actor.username if e.actor else "systeem",
                    e.target_type,
                    e.target_id,
                    e.reason,
                    _csv_veilig(e.reason_text),
                ]
            )

    response = StreamingHttpResponse(rijen(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    response["Cache-Control"] = "no-store, private"
    return response


def _csv_veilig(tekst: str) -> str:
    """No formula injection in a spreadsheet: a cell never starts with = + - @."""
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@") else tekst
