"""Writes of reporting: requesting and running exports, downloading them, refusing those
without rights. Everything is audited (6xx). Reporting never changes registration data.

An export runs in three steps: :func:`export_aanvragen` (checks rights, format and period —
:func:`rapport_periode_toetsen`, the same check as the report pages — stores a row, queues the
background job), :func:`export_uitvoeren` (the job: writes the file under a
temporary name, moves it into place when complete, marks the row ``klaar``) and
:func:`export_download` (checks rights again, audits, hands out the path). An export that
fails half-way is marked ``mislukt`` and its partial file removed; one whose worker died
stays ``bezig`` until :func:`exports_verweesd_afsluiten` marks it ``mislukt`` — never
``klaar``, so no partial file is ever offered as complete. That runs when a job starts, when an
export is requested, and periodically (``zicht exports-opruimen`` or the django-task
``zicht.reporting.tasks.exports_verweesd_afsluiten_taak``); never on a page view.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record, schrijfblok
from zicht.people.models import Gemeente
from zicht.reporting import rapporten, schrijvers, selectors
from zicht.reporting.domain.cbs_formaat import FORMATEN, STANDAARD
from zicht.reporting.domain.perioden import (
    Periode,
    PeriodeFout,
    periode_afgelopen,
    periode_begonnen,
    periode_lees,
)
from zicht.reporting.models import Export, ExportFormaat, ExportSoort, ExportStatus

logger = logging.getLogger(__name__)

#: A running export that has not reported progress for this long is considered dead.
VERWEESD_NA = timedelta(minutes=30)

FORMATEN_PER_SOORT: dict[str, tuple[str, ...]] = {
    ExportSoort.CBS: (ExportFormaat.TXT, ExportFormaat.XLSX),
    ExportSoort.CBS_VALIDATIE: (ExportFormaat.GEEN,),
    ExportSoort.GEMEENTE: (ExportFormaat.XLSX, ExportFormaat.PDF),
    ExportSoort.BESTUUR: (ExportFormaat.PDF, ExportFormaat.XLSX),
    ExportSoort.JAARVERSLAG: (ExportFormaat.XLSX,),
}


class ExportFout(ValueError):
    """A request that cannot be carried out (Dutch message for the field or the CLI).

    ``veld`` names the argument of :func:`export_aanvragen` it concerns (``periode``,
    ``formaat``, ``gemeente_code``, ``correctie``, ``maand``; empty: the request as a whole),
    so that a page or the API can show it next to that field."""

    def __init__(self, bericht: str, *, veld: str = "") -> None:
        super().__init__(bericht)
        self.veld = veld


def export_map() -> Path:
    pad = Path(settings.MEDIA_ROOT) / "rapportage"
    pad.mkdir(parents=True, exist_ok=True)
    return pad


# --- rights ----------------------------------------------------------------------------------


def mag_soort(user: Any, soort: str, gemeente_code: str = "") -> bool:
    """Whether ``user`` may request or download an export of ``soort``."""
    if not getattr(user, "is_authenticated", False):
        return False
    eigen = getattr(user, "gemeente_code", "")
    if soort in (ExportSoort.CBS, ExportSoort.CBS_VALIDATIE):
        return not eigen and has_permission(user, Perm.CBS_AANLEVEREN)
    if soort == ExportSoort.GEMEENTE:
        if eigen:
            return has_permission(user, Perm.GEMEENTE_RAPPORTAGE) and gemeente_code == eigen
        return has_permission(user, Perm.RAPPORTAGE_INZIEN)
    return not eigen and has_permission(user, Perm.RAPPORTAGE_INZIEN)


def weigeren(*, actor: Any, wat: str, request: HttpRequest | None = None, **data: Any) -> None:
    """Records the refusal and raises :class:`PermissionDenied` (403)."""
    audit_event_record(
        event=Event.RAPPORTAGE_GEWEIGERD,
        actor=actor,
        reason=Reden.RAPPORTAGE,
        data={"wat": wat, **{k: str(v) for k, v in data.items()}},
        request=request,
    )
    raise PermissionDenied("U heeft geen recht op deze rapportage.")


def exports_zichtbaar(user: Any) -> QuerySet[Export]:
    """The exports ``user`` may see: the kinds :func:`mag_soort` allows, a municipal user's
    own gemeente only (the API's list; the pages show the same kinds)."""
    eigen = getattr(user, "gemeente_code", "")
    soorten = [s for s in ExportSoort.values if mag_soort(user, s, eigen)]
    qs = Export.objects.filter(soort__in=soorten)
    return qs.filter(gemeente_code=eigen) if eigen else qs


def export_get_for_user(*, actor: Any, pk: int | str, request: HttpRequest | None = None) -> Export:
    """The export with ``pk`` for ``actor``: :class:`Http404` when it does not exist, and
    refused (audited, :class:`PermissionDenied`) by :func:`weigeren` when :func:`mag_soort`
    does not allow its kind or gemeente. The export page and the API use it."""
    try:
        export = Export.objects.select_related("aangevraagd_door", "vervangen_door").get(pk=pk)
    except (Export.DoesNotExist, ValueError, TypeError):
        raise Http404("Export niet gevonden.") from None
    if not mag_soort(actor, export.soort, export.gemeente_code):
        weigeren(actor=actor, wat=f"export {export.soort}", request=request, export=export.pk)
    return export


def rapportage_ingezien(
    *, actor: Any, wat: str, request: HttpRequest | None = None, **data: Any
) -> None:
    audit_event_record(
        event=Event.RAPPORTAGE_INGEZIEN,
        actor=actor,
        reason=Reden.RAPPORTAGE,
        data={"wat": wat, **{k: str(v) for k, v in data.items()}},
        request=request,
    )


# --- requesting ------------------------------------------------------------------------------


def export_aanvragen(
    *,
    actor: Any,
    soort: str,
    periode: str,
    formaat: str = "",
    correctie: bool = False,
    gemeente_code: str = "",
    opties: dict[str, Any] | None = None,
    vandaag: date | None = None,
    request: HttpRequest | None = None,
    in_wachtrij: bool = True,
    systeem: bool = False,
) -> Export:
    """Checks and stores an export request and queues its job. Raises
    :class:`PermissionDenied` (audited) without rights, :class:`ExportFout` on bad input.
    ``systeem``: requested from the command line by the operator (no user; audited as the
    system)."""
    vandaag = vandaag or timezone.localdate()
    gemeente_code = (gemeente_code or "").upper()
    if not systeem and not mag_soort(actor, soort, gemeente_code):
        weigeren(actor=actor, wat=soort, request=request, periode=periode, gemeente=gemeente_code)
    toegestaan = FORMATEN_PER_SOORT[soort]
    formaat = formaat or toegestaan[0]
    if formaat not in toegestaan:
        raise ExportFout(
            f"Formaat ‘{formaat}’ kan niet voor deze export; kies {' of '.join(toegestaan)}.",
            veld="formaat",
        )
    opties = dict(opties or {})
    p = rapport_periode_toetsen(soort=soort, periode=periode, opties=opties, vandaag=vandaag)
    if (
        soort == ExportSoort.GEMEENTE
        and not Gemeente.objects.filter(cbs_code=gemeente_code).exists()
    ):
        raise ExportFout(
            f"Onbekende gemeente ‘{gemeente_code}’: gebruik de CBS-code, bijvoorbeeld GM0405.",
            veld="gemeente_code",
        )
    if correctie and soort != ExportSoort.CBS:
        raise ExportFout("Alleen een CBS-aanlevering kent een correctielevering.", veld="correctie")
    # A new request is a moment to close the exports whose worker died (never on a page view).
    exports_verweesd_afsluiten()
    with transaction.atomic():
        return _export_opslaan(
            actor=actor,
            soort=soort,
            periode=p.code,
            formaat=formaat,
            correctie=correctie,
            gemeente_code=gemeente_code,
            opties=opties,
            request=request,
            in_wachtrij=in_wachtrij,
        )


def rapport_periode_toetsen(
    *,
    soort: str,
    periode: str,
    opties: Mapping[str, Any] | None = None,
    vandaag: date | None = None,
) -> Periode:
    """The period of a report or export of ``soort``, checked: the one rule for the report
    pages (shown on screen), every export request (pages, API, CLI). A CBS delivery covers a
    finished half-year (its validation report a started one); the board report a started year
    after month 4, 8 or 12 (``opties["maand"]``, default 12); the annual figures a finished
    year; a municipal report any started period. Raises :class:`ExportFout` (Dutch, with the
    field)."""
    vandaag = vandaag or timezone.localdate()
    try:
        p = periode_lees(periode)
        if soort in (ExportSoort.CBS, ExportSoort.CBS_VALIDATIE):
            if not p.is_halfjaar:
                raise PeriodeFout(
                    "De CBS-aanlevering gaat per halfjaar: schrijf bijvoorbeeld 2019-H1."
                )
            if soort == ExportSoort.CBS:
                periode_afgelopen(p, vandaag)
            else:
                periode_begonnen(p, vandaag)
        elif soort == ExportSoort.BESTUUR:
            maand = int((opties or {}).get("maand", 12))
            if maand not in (4, 8, 12) or len(p.code) != 4:
                raise ExportFout(
                    "De bestuurlijke rapportage is er na 4 en 8 maanden en na "
                    "het jaar: kies maand 4, 8 of 12 van een jaar.",
                    veld="periode" if len(p.code) != 4 else "maand",
                )
            periode_begonnen(p, vandaag)
        elif soort == ExportSoort.JAARVERSLAG:
            if len(p.code) != 4:
                raise PeriodeFout("Het jaarverslag gaat over een heel jaar, bijvoorbeeld 2019.")
            periode_afgelopen(p, vandaag)
        else:
            periode_begonnen(p, vandaag)
    except PeriodeFout as fout:
        raise ExportFout(str(fout), veld="periode") from None
    return p


def _export_opslaan(
    *,
    actor: Any,
    soort: str,
    periode: str,
    formaat: str,
    correctie: bool,
    gemeente_code: str,
    opties: dict[str, Any],
    request: HttpRequest | None,
    in_wachtrij: bool,
) -> Export:
    export = Export.objects.create(
        soort=soort,
        periode=periode,
        formaat=formaat,
        formaatversie=STANDAARD if soort in (ExportSoort.CBS, ExportSoort.CBS_VALIDATIE) else "",
        correctie=correctie,
        gemeente_code=gemeente_code if soort == ExportSoort.GEMEENTE else "",
        opties=opties,
        aangevraagd_door=actor if getattr(actor, "pk", None) else None,
        aangevraagd_op=timezone.now(),
    )
    audit_event_record(
        event=Event.EXPORT_AANGEVRAAGD,
        actor=actor,
        target=export,
        reason=Reden.RAPPORTAGE,
        data={
            "soort": soort,
            "periode": periode,
            "formaat": formaat,
            "correctie": correctie,
            "gemeente": export.gemeente_code,
        },
        request=request,
    )
    if in_wachtrij:
        transaction.on_commit(lambda: _in_wachtrij(export.pk))
    return export


def _in_wachtrij(export_id: int) -> None:
    from zicht.reporting.tasks import export_uitvoeren_taak

    resultaat = export_uitvoeren_taak.enqueue(export_id)
    Export.objects.filter(pk=export_id, taak_id="").update(taak_id=str(resultaat.id)[:64])


# --- running ---------------------------------------------------------------------------------


def _voortgang_schrijver(export_id: int) -> Any:
    laatst = [0.0]

    def schrijf(n: int) -> None:
        nu = time.monotonic()
        if nu - laatst[0] >= 0.5:
            laatst[0] = nu
            Export.objects.filter(pk=export_id).update(voortgang=n)

    return schrijf


def export_uitvoeren(*, export_id: int, vandaag: date | None = None) -> Export:
    """Runs the export (called by the background job or the CLI). A row that is no longer
    waiting is left alone. The file appears under its final name only when complete."""
    exports_verweesd_afsluiten()
    gestart = Export.objects.filter(pk=export_id, status=ExportStatus.WACHTRIJ).update(
        status=ExportStatus.BEZIG, gestart_op=timezone.now()
    )
    export = Export.objects.get(pk=export_id)
    if not gestart:
        logger.info("Export %s is niet (meer) in de wachtrij; overgeslagen.", export_id)
        return export
    vandaag = vandaag or timezone.localdate()
    map_ = export_map()
    naam = _bestandsnaam(export)
    tijdelijk = map_ / f".{export.pk}-{naam}.deel"
    try:
        samenvatting = _schrijven(export, tijdelijk, vandaag)
        definitief = map_ / f"{export.pk}-{naam}" if export.formaat else None
        if definitief is not None:
            os.replace(tijdelijk, definitief)
    except Exception as fout:
        tijdelijk.unlink(missing_ok=True)
        logger.exception("Export %s is mislukt.", export_id)
        melding = (
            str(fout)
            if isinstance(fout, ExportFout | ValueError)
            else ("De export is onverwacht mislukt; de beheerder kan het logboek inzien.")
        )
        Export.objects.filter(pk=export_id).update(
            status=ExportStatus.MISLUKT, foutmelding=melding[:2000], klaar_op=timezone.now()
        )
        audit_event_record(
            event=Event.EXPORT_MISLUKT,
            actor=None,
            target=export,
            reason=Reden.SYSTEEM,
            data={"soort": export.soort, "periode": export.periode},
        )
        export.refresh_from_db()
        return export
    with transaction.atomic():
        velden: dict[str, Any] = {
            "status": ExportStatus.KLAAR,
            "samenvatting": samenvatting,
            "klaar_op": timezone.now(),
            "bestandsnaam": naam if definitief else "",
            "bestand": definitief.name if definitief else "",
        }
        if definitief is not None:
            velden["grootte"] = definitief.stat().st_size
            velden["sha256"] = _sha256(definitief)
        Export.objects.filter(pk=export_id).update(**velden)
        export.refresh_from_db()
        audit_event_record(
            event=Event.EXPORT_AFGEROND,
            actor=None,
            target=export,
            reason=Reden.SYSTEEM,
            data={
                "soort": export.soort,
                "periode": export.periode,
                "records": sum((samenvatting.get("records") or {}).values()),
                "fouten": samenvatting.get("fouten", 0),
            },
        )
        if export.soort == ExportSoort.CBS:
            _correctie_verwerken(export)
    return export


def _correctie_verwerken(export: Export) -> None:
    """A CBS delivery of a period replaces every earlier complete one of that period (a
    correction delivery replaces the whole period)."""
    eerder = Export.objects.filter(
        soort=ExportSoort.CBS,
        periode=export.periode,
        status=ExportStatus.KLAAR,
        vervangen_door__isnull=True,
    ).exclude(pk=export.pk)
    ids = list(eerder.values_list("pk", flat=True))
    if ids:
        eerder.update(vervangen_door=export)
        audit_event_record(
            event=Event.CBS_CORRECTIE_VERVANGT,
            actor=None,
            target=export,
            reason=Reden.SYSTEEM,
            data={"periode": export.periode, "vervangen": ",".join(map(str, ids))},
        )


def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with pad.open("rb") as bestand:
        for blok in iter(lambda: bestand.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def _bestandsnaam(export: Export) -> str:
    delen = [export.soort, export.periode]
    if export.gemeente_code:
        delen.append(export.gemeente_code)
    if export.opties.get("maand"):
        delen.append(f"m{int(export.opties['maand']):02d}")
    if export.correctie:
        delen.append("correctie")
    return "-".join(delen) + (f".{export.formaat}" if export.formaat else "")


def _schrijven(export: Export, pad: Path, vandaag: date) -> dict[str, Any]:
    periode = periode_lees(export.periode)
    schrijf = _voortgang_schrijver(export.pk)
    if export.soort in (ExportSoort.CBS, ExportSoort.CBS_VALIDATIE):
        totaal = sum(selectors.cbs_aantallen(periode).values())
        Export.objects.filter(pk=export.pk).update(totaal=totaal)
        formaat = FORMATEN[export.formaatversie or STANDAARD]
        kwargs = {
            "organisatie": str(settings.ZICHT_ORGANISATIE),
            "periode": periode.code,
            "correctie": export.correctie,
            "op": vandaag,
            "voortgang": schrijf,
        }
        records = selectors.cbs_records(periode)
        if export.formaat == ExportFormaat.XLSX:
            validatie = schrijvers.cbs_xlsx(pad, records, formaat, **kwargs)
        elif export.formaat == ExportFormaat.TXT:
            with pad.open("wb") as uit:
                validatie = schrijvers.cbs_txt(uit, records, formaat, **kwargs)
        else:
            with open(os.devnull, "wb") as uit:
                validatie = schrijvers.cbs_txt(uit, records, formaat, **kwargs)
        return validatie.samenvatting()
    Export.objects.filter(pk=export.pk).update(totaal=1)
    if export.soort == ExportSoort.GEMEENTE:
        rapport = selectors.gemeenterapport(
            export.gemeente_code, periode, afronden=bool(export.opties.get("afronden"))
        )
        rapporten.gemeenterapport_schrijven(rapport, pad, export.formaat)
        return {"gemeente": export.gemeente_code}
    if export.soort == ExportSoort.BESTUUR:
        rapport_b = rapporten.bestuursrapport(
            periode.start.year, int(export.opties["maand"]), vandaag=vandaag
        )
        rapporten.bestuursrapport_schrijven(rapport_b, pad, export.formaat)
        return {"maand": int(export.opties["maand"])}
    rapporten.jaarverslag_schrijven(rapporten.jaarverslag(periode.start.year), pad)
    return {}


def exports_verweesd_afsluiten(*, nu: datetime | None = None) -> int:
    """Marks exports whose worker died (``bezig`` too long) as ``mislukt``; their partial
    files are removed. Returns the number closed."""
    nu = nu or timezone.now()
    verweesd = list(
        Export.objects.filter(status=ExportStatus.BEZIG, gestart_op__lt=nu - VERWEESD_NA)
    )
    for export in verweesd:
        for deel in export_map().glob(f".{export.pk}-*.deel"):
            deel.unlink(missing_ok=True)
        with schrijfblok():  # the status and its audit row together
            Export.objects.filter(pk=export.pk, status=ExportStatus.BEZIG).update(
                status=ExportStatus.MISLUKT,
                foutmelding="De export is onderbroken en niet afgemaakt; vraag hem opnieuw aan.",
                klaar_op=nu,
            )
            audit_event_record(
                event=Event.EXPORT_MISLUKT,
                actor=None,
                target=export,
                reason=Reden.SYSTEEM,
                data={"soort": export.soort, "periode": export.periode, "onderbroken": True},
            )
    return len(verweesd)


# --- downloading -----------------------------------------------------------------------------


def export_download(*, actor: Any, export: Export, request: HttpRequest | None = None) -> Path:
    """The complete file of ``export`` for ``actor`` (audited); refuses (audited) without
    rights, and raises :class:`ExportFout` when the export is not complete."""
    if not mag_soort(actor, export.soort, export.gemeente_code):
        weigeren(actor=actor, wat=f"download {export.soort}", request=request, export=export.pk)
    if not export.is_downloadbaar:
        raise ExportFout("Deze export is niet (volledig) klaar en kan niet worden gedownload.")
    pad = export_map() / export.bestand
    if not pad.exists():
        raise ExportFout("Het bestand van deze export is er niet meer; vraag hem opnieuw aan.")
    audit_event_record(
        event=Event.EXPORT_GEDOWNLOAD,
        actor=actor,
        target=export,
        reason=Reden.RAPPORTAGE,
        data={"soort": export.soort, "periode": export.periode},
        request=request,
    )
    return pad
