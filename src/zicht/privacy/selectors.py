"""Reads of the privacy officer's pages. The officer's work crosses teams on purpose (an
inzage request, the audit trail, the registers): these reads are gated by the officer's
permissions in the views and audited there, not scoped by ``casus_scope``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.models import Casus
from zicht.people.models import Persoon
from zicht.privacy.models import (
    AuditControle,
    Calamiteit,
    Correctieverzoek,
    InzageVerzoek,
    Klacht,
    LijstStatus,
    Vernietigingslijst,
    Vernietigingsverzoek,
    Verstrekking,
)

INZAGE_EVENTS = frozenset(
    {
        Event.CASUS_INGEZIEN,
        Event.PERSOON_INGEZIEN,
        Event.MELDING_INGEZIEN,
        Event.ADVIES_INGEZIEN,
        Event.BEOORDELING_INGEZIEN,
        Event.CORV_INGEZIEN,
        Event.BIJLAGE_GEDOWNLOAD,
        Event.MEDISCHE_NOTITIES_INGEZIEN,
    }
)
EXPORT_EVENTS = frozenset(
    {
        Event.BIJLAGE_GEDOWNLOAD,
        Event.INZAGE_EXPORT_GEMAAKT,
        Event.AUDITLOG_GEEXPORTEERD,
        Event.GEZINSBRIEF_GEMAAKT,
        Event.TERUGKOPPELINGSBRIEF_GEMAAKT,
    }
    | {e for e in Event if "EXPORT" in e.name or "BRIEF" in e.name}
)
NOODTOEGANG_EVENTS = frozenset(
    {Event.NOODTOEGANG_GEOPEND, Event.NOODTOEGANG_GETOETST, Event.NOODTOEGANG_VERLOPEN_GEWEIGERD}
)
SOORTEN = {
    "inzage": ("Inzage (bekeken, gedownload)", INZAGE_EVENTS),
    "export": ("Exports, brieven en downloads", EXPORT_EVENTS),
    "noodtoegang": ("Noodtoegang", NOODTOEGANG_EVENTS),
    "wijziging": ("Wijzigingen", None),
}


#: At most this many persons answer a search of the privacy officer.
PERSONEN_MAX = 50


def personen_zoeken(*, bsn: str = "", achternaam: str = "") -> list[Persoon]:
    """The persons a data-subject request may be about: by BSN and/or surname (exact, case
    insensitive), at most :data:`PERSONEN_MAX`, by surname. Nothing without a criterion. The
    caller audits the search (``PERSOON_INGEZIEN``)."""
    bsn, achternaam = bsn.strip(), achternaam.strip()
    if not bsn and not achternaam:
        return []
    qs = Persoon.objects.all()
    if bsn:
        qs = qs.filter(bsn=bsn)
    if achternaam:
        qs = qs.filter(achternaam__iexact=achternaam)
    return list(qs.order_by("achternaam", "pk")[:PERSONEN_MAX])


def casus_op_nummer(nummer: str) -> Casus | None:
    """The casus with this number (surrounding spaces ignored), or None."""
    nummer = nummer.strip()
    if not nummer:
        return None
    return Casus.objects.filter(nummer=nummer).first()


@dataclass(frozen=True)
class AuditZoek:
    casus_nummer: str = ""
    persoon_id: int | None = None
    gebruiker: str = ""
    soort: str = ""
    vanaf: datetime | None = None
    tot: datetime | None = None


def audit_zoeken(zoek: AuditZoek) -> QuerySet[AuditEvent]:
    """Events for the privacy officer's questions: who viewed or changed a casus (including
    its meldingen) or a person, what a user did, which exports were made. Newest first."""
    qs = AuditEvent.objects.select_related("actor")
    if zoek.casus_nummer:
        casus = casus_op_nummer(zoek.casus_nummer)
        if casus is None:
            return qs.none()
        melding_ids = [str(i) for i in casus.meldingen.values_list("pk", flat=True)]
        qs = qs.filter(
            Q(target_type="casework.casus", target_id=str(casus.pk))
            | Q(target_type="intake.melding", target_id__in=melding_ids)
        )
    if zoek.persoon_id is not None:
        qs = qs.filter(target_type="people.persoon", target_id=str(zoek.persoon_id))
    if zoek.gebruiker:
        qs = qs.filter(actor__username=zoek.gebruiker.strip())
    if zoek.soort in SOORTEN:
        codes = SOORTEN[zoek.soort][1]
        if codes is None:
            alle_lezen = INZAGE_EVENTS | EXPORT_EVENTS | {Event.AUDITLOG_INGEZIEN}
            qs = qs.exclude(event__in=[int(e) for e in alle_lezen])
        else:
            qs = qs.filter(event__in=[int(e) for e in codes])
    if zoek.vanaf is not None:
        qs = qs.filter(occurred_at__gte=zoek.vanaf)
    if zoek.tot is not None:
        qs = qs.filter(occurred_at__lt=zoek.tot)
    return qs.order_by("-occurred_at", "-seq")


def laatste_auditcontrole() -> AuditControle | None:
    return AuditControle.objects.order_by("-op", "-pk").first()


@dataclass(frozen=True)
class Overzicht:
    inzage_open: int
    vernietigingsverzoeken_open: int
    klachten_open: int
    calamiteiten_ongemeld: int
    lijsten_wachtend: int
    controle: AuditControle | None


def overzicht() -> Overzicht:
    return Overzicht(
        inzage_open=InzageVerzoek.objects.filter(status="ontvangen").count(),
        vernietigingsverzoeken_open=Vernietigingsverzoek.objects.filter(besluit="").count(),
        klachten_open=Klacht.objects.filter(afgehandeld_op__isnull=True).count(),
        calamiteiten_ongemeld=Calamiteit.objects.filter(gemeld_op__isnull=True).count(),
        lijsten_wachtend=Vernietigingslijst.objects.exclude(status=LijstStatus.UITGEVOERD).count(),
        controle=laatste_auditcontrole(),
    )


def verzoeken() -> dict[str, QuerySet]:  # type: ignore[type-arg]
    return {
        "inzage": InzageVerzoek.objects.select_related("persoon").order_by("status", "deadline")[
            :100
        ],
        "correctie": Correctieverzoek.objects.select_related("persoon", "casus").order_by(
            "-ontvangen_op"
        )[:100],
        "vernietiging": Vernietigingsverzoek.objects.select_related("persoon").order_by(
            "besluit", "deadline"
        )[:100],
    }


def registers() -> dict[str, QuerySet]:  # type: ignore[type-arg]
    return {
        "verstrekkingen": Verstrekking.objects.select_related("casus").order_by("-op", "-pk")[:200],
        "klachten": Klacht.objects.select_related("casus").order_by("afgehandeld_op", "deadline")[
            :200
        ],
        "calamiteiten": Calamiteit.objects.select_related("casus").order_by(
            "gemeld_op", "deadline"
        )[:200],
    }
