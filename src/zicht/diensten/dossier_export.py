"""Handing a casus to another Veilig Thuis organisation when the family moves (DOMAIN §2, 7):
an export of the file that leaves out what may not travel, and a record of what was sent.

Conservative by construction — the export is built from an allow-list, never by removing
fields from a dump:

* **goes**: the casus number and dates; the persons (name, BSN, birth date, sex, role in the
  casus) with their *non-secret* current addresses; per melding its number, date, channel,
  aanleiding and aard codes and the melder's *hoedanigheid code* only; the VB outcome (acute /
  structural unsafety, taxatie, the besluit and its date); per dienst its kind, dates, fase,
  the safety conditions (with who must meet them), the plan, the Onderzoek conclusions with
  their codes, the monitoring contacts' dates and outcomes.
* **stays**: medical notes of the vertrouwensarts; the melder's identity and contact details;
  informants (who and what they said); secret addresses; every free text that may name a
  source (signalen, journaal, besluit motivations, Onderzoek findings, contact notes). The
  receiving organisation asks for more through the ordinary channel when needed.

Every export is recorded (:class:`~zicht.diensten.models.DossierOverdracht`: to whom, when,
by whom, format, counts of what went and what stayed, SHA-256), put on the casus timeline
and audited — without names.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from zicht.assessment.models import Besluit, BesluitStatus, Ketenpartner, Veiligheidsbeoordeling
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.models import Betrokkene, Casus, JournaalItem, JournaalSoort, MedischeNotitie
from zicht.casework.services import journaal_add
from zicht.diensten.models import (
    Dienst,
    DossierOverdracht,
    MonitoringMoment,
    OnderzoekConclusie,
    PlanRegel,
    Veiligheidsvoorwaarde,
)
from zicht.diensten.services import _pdf
from zicht.intake.models import Informant, Melding
from zicht.intake.services import organisatie_naam
from zicht.people.models import Adres

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = ["Export", "dossier_export", "dossier_gegevens"]

FORMATEN = ("json", "pdf")


def _datum(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def dossier_gegevens(casus: Casus, *, op: datetime) -> tuple[dict[str, Any], dict[str, int]]:
    """(the data that may travel, counts of what was left out)."""
    vandaag = timezone.localdate(op)
    betrokkenen = list(Betrokkene.objects.filter(casus=casus).select_related("persoon"))
    persoon_ids = [b.persoon_id for b in betrokkenen]
    adressen: dict[int, list[dict[str, str]]] = {}
    geheim = 0
    for a in Adres.objects.filter(persoon_id__in=persoon_ids).order_by("pk"):
        if a.geheim:
            geheim += 1
            continue
        if a.is_geldig_op(vandaag):
            adressen.setdefault(a.persoon_id, []).append(
                {
                    "straat": a.straat,
                    "huisnummer": a.huisnummer,
                    "postcode": a.postcode,
                    "woonplaats": a.woonplaats,
                }
            )
    personen = [
        {
            "ref": b.persoon_id,
            "naam": b.persoon.volledige_naam,
            "bsn": b.persoon.bsn,
            "geboortedatum": str(b.persoon.geboortedatum or ""),
            "geslacht": b.persoon.geslacht,
            "rol": b.rol,
            "adressen": adressen.get(b.persoon_id, []),
        }
        for b in betrokkenen
    ]
    meldingen_qs = (
        Melding.objects.filter(casus=casus)
        .select_related("melder__hoedanigheid")
        .prefetch_related("aarden", "aanleidingen")
        .order_by("ontvangen_op")
    )
    meldingen = [
        {
            "nummer": m.nummer,
            "ontvangen_op": m.ontvangen_op.isoformat(),
            "kanaal": m.kanaal,
            "acuut": m.acuut,
            "ambtshalve": m.ambtshalve,
            "hoedanigheid_melder": m.melder.hoedanigheid.code,
            "aanleidingen": sorted(c.code for c in m.aanleidingen.all()),
            "aarden": sorted(c.code for c in m.aarden.all()),
        }
        for m in meldingen_qs
    ]
    besluiten = {
        b.beoordeling_id: b
        for b in Besluit.objects.filter(
            beoordeling__melding__casus=casus, status=BesluitStatus.BEVESTIGD
        )
    }
    beoordelingen = [
        {
            "melding": vb.melding.nummer,
            "acuut": vb.acuut,
            "structureel": vb.structureel,
            "multiprobleem": vb.multiprobleem,
            "taxatie": vb.taxatie,
            "besluit": besluiten[vb.pk].soort if vb.pk in besluiten else None,
            "besloten_op": _datum(vb.besloten_datum),
        }
        for vb in Veiligheidsbeoordeling.objects.filter(melding__casus=casus).select_related(
            "melding"
        )
    ]
    diensten_qs = list(Dienst.objects.filter(casus=casus).select_related("ketenpartner"))
    ids = [d.pk for d in diensten_qs]
    per: dict[str, dict[int, list[Any]]] = {"v": {}, "p": {}, "c": {}, "m": {}}
    for v in Veiligheidsvoorwaarde.objects.filter(dienst_id__in=ids):
        per["v"].setdefault(v.dienst_id, []).append({"voorwaarde": v.tekst, "wie": v.wie})
    for r in PlanRegel.objects.filter(dienst_id__in=ids):
        per["p"].setdefault(r.dienst_id, []).append(
            {
                "soort": r.soort,
                "omschrijving": r.omschrijving,
                "wie": r.eigenaar,
                "persoon": r.persoon_id,
                "uiterlijk": _datum(r.deadline),
                "status": r.status,
                "prioriteit": r.prioriteit,
                "herstel": r.herstel,
            }
        )
    for c in OnderzoekConclusie.objects.filter(dienst_id__in=ids):
        per["c"].setdefault(c.dienst_id, []).append(
            {"aard": c.aard, "conclusie": c.conclusie, "uitkomst": c.uitkomst}
        )
    for mm in MonitoringMoment.objects.filter(dienst_id__in=ids).order_by("volgnummer"):
        per["m"].setdefault(mm.dienst_id, []).append(
            {
                "gepland_op": _datum(mm.gepland_op),
                "contact_op": _datum(mm.uitgevoerd_op),
                "voorwaarden_nageleefd": mm.voorwaarden,
                "veiligheid": mm.veiligheid,
            }
        )
    diensten = [
        {
            "soort": d.soort,
            "start": _datum(d.start),
            "einde": _datum(d.einde),
            "deadline": _datum(d.deadline),
            "fase": d.fase,
            "status": d.status,
            "ketenpartner": d.ketenpartner.naam if d.ketenpartner else d.ontvangende_partij,
            "voorwaarden": per["v"].get(d.pk, []),
            "plan": per["p"].get(d.pk, []),
            "conclusies": per["c"].get(d.pk, []),
            "contactmomenten": per["m"].get(d.pk, []),
        }
        for d in diensten_qs
    ]
    data = {
        "afzender": organisatie_naam(),
        "gemaakt_op": op.isoformat(),
        "casus": {
            "nummer": casus.nummer,
            "geopend_op": casus.geopend_op.isoformat(),
            "gemeente": casus.gemeente.naam if casus.gemeente else "",
        },
        "personen": personen,
        "meldingen": meldingen,
        "veiligheidsbeoordelingen": beoordelingen,
        "diensten": diensten,
        "niet_meegestuurd": [
            "medische notities van de vertrouwensarts",
            "identiteit en contactgegevens van melders",
            "informanten en wat zij vertelden",
            "geheime adressen",
            "vrije tekst die een bron kan noemen (signalen, journaal, motiveringen, "
            "bevindingen, notities bij contactmomenten)",
        ],
    }
    weggelaten = {
        "medische_notities": MedischeNotitie.objects.filter(casus=casus).count(),
        "melders": len(meldingen),
        "informanten": Informant.objects.filter(casus=casus).count(),
        "geheime_adressen": geheim,
        "journaalitems": JournaalItem.objects.filter(casus=casus).count(),
    }
    return data, weggelaten


@dataclass(frozen=True)
class Export:
    inhoud: bytes
    content_type: str
    bestandsnaam: str
    record: DossierOverdracht


@transaction.atomic
def dossier_export(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    ontvanger: Ketenpartner,
    formaat: str,
    reden: str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Export:
    """Makes the export for ``ontvanger`` (another Veilig Thuis organisation) and records it."""
    nu = nu if nu is not None else timezone.now()
    fouten: dict[str, list[str]] = {}
    if not ontvanger.veilig_thuis:
        fouten["ontvanger"] = ["Een dossier gaat alleen naar een andere Veilig Thuis-organisatie."]
    if formaat not in FORMATEN:
        fouten["formaat"] = ["Kies JSON of PDF."]
    if not reden.strip():
        fouten["reden"] = ["Geef de reden van de overdracht (bijvoorbeeld: gezin verhuisd)."]
    if fouten:
        raise ValidationError(fouten)
    data, weggelaten = dossier_gegevens(casus, op=nu)
    data["ontvanger"] = ontvanger.naam
    if formaat == "json":
        inhoud = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode()
        content_type = "application/json"
    else:
        inhoud = _pdf(render_to_string("diensten/dossier_export.html", {"d": data}))
        content_type = "application/pdf"
    onderdelen = {
        "verstuurd": {
            "personen": len(data["personen"]),
            "meldingen": len(data["meldingen"]),
            "veiligheidsbeoordelingen": len(data["veiligheidsbeoordelingen"]),
            "diensten": len(data["diensten"]),
        },
        "weggelaten": weggelaten,
    }
    record = DossierOverdracht.objects.create(
        casus=casus,
        ontvanger=ontvanger,
        formaat=formaat,
        onderdelen=onderdelen,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        reden=reden.strip(),
        door=actor,
        op=nu,
    )
    journaal_add(
        actor=actor,
        casus=casus,
        soort=JournaalSoort.NOTITIE,
        tekst=f"Dossier overgedragen aan {ontvanger.naam} ({formaat.upper()}): {reden.strip()}",
        moment=nu,
        nu=nu,
        request=request,
    )
    audit_event_record(
        event=Event.DOSSIEROVERDRACHT_GEMAAKT,
        actor=actor,
        target=casus,
        data={
            "dossieroverdracht": record.pk,
            "ontvanger": ontvanger.pk,
            "formaat": formaat,
            **{f"verstuurd_{k}": v for k, v in onderdelen["verstuurd"].items()},
            **{f"weggelaten_{k}": v for k, v in weggelaten.items()},
        },
        request=request,
    )
    return Export(
        inhoud=inhoud,
        content_type=content_type,
        bestandsnaam=f"dossier-{casus.nummer}.{formaat}",
        record=record,
    )
