"""Writes of the privacy app: data-subject requests, destruction lists, registers, audit-chain
checks. Keyword-only, typed, atomic and audited (7xx codes; data holds ids and codes only).

Permissions: the privacy officer's work needs :attr:`Perm.AUDIT_INZIEN` (requests, registers,
audit) or :attr:`Perm.VERNIETIGING_BEHEREN` (retention and destruction); callers check, and
the destruction services check again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record, audit_gebundeld
from zicht.audit.verify import audit_chain_verify
from zicht.casework.access import require_any_permission
from zicht.casework.models import Betrokkene, BetrokkeneRol, Casus, CasusStatus
from zicht.core.domain.terms import add_months
from zicht.core.exceptions import CONFLICT_MESSAGE
from zicht.core.selectors import calendar_current
from zicht.people.models import Gezag, Persoon
from zicht.privacy import destruction
from zicht.privacy.domain.bewaartermijn import vernietigingsdatum
from zicht.privacy.domain.rechten import Verzoeker, inzage_oordeel
from zicht.privacy.inzage import inzage_pdf, inzage_samenstellen
from zicht.privacy.models import (
    AuditControle,
    Calamiteit,
    Correctieverzoek,
    EigenVerklaring,
    InzageVerzoek,
    Klacht,
    LijstStatus,
    VernietigingGoedkeuring,
    Vernietigingslijst,
    VernietigingslijstRegel,
    Vernietigingsverzoek,
    Verstrekking,
    VerzoekStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

VEREISTE_GOEDKEURINGEN = 2


def termijnen() -> dict[str, int]:
    standaard = {
        "inzage_maanden": 1,
        "correctie_maanden": 1,
        "vernietiging_maanden": 3,
        "klacht_weken": 6,
        "calamiteit_dagen": 3,
    }
    return {**standaard, **getattr(settings, "ZICHT_PRIVACY_TERMIJNEN", {})}


def bewaartermijn_jaren() -> int:
    return int(getattr(settings, "ZICHT_BEWAARTERMIJN_JAREN", 20))


#: The refusal of every privacy-officer action (a 403; see ``require_any_permission``).
GEEN_PRIVACYRECHT = "Hiervoor is een recht van de privacy officer nodig."


# --- Retention --------------------------------------------------------------------------


def _kind_geboortedata(casus_ids: list[int]) -> dict[int, list[date | None]]:
    """The latest possible birth date of each child betrokkene, per casus."""
    result: dict[int, list[date | None]] = {i: [] for i in casus_ids}
    for b in Betrokkene.objects.filter(
        casus_id__in=casus_ids, rol=BetrokkeneRol.KIND
    ).select_related("persoon"):
        p = b.persoon
        if p.ongeboren:
            result[b.casus_id].append(p.verwachte_geboortedatum)
        else:
            datum = p.geboortedatum
            result[b.casus_id].append(datum.latest() if datum else None)
    return result


def casus_vernietigingsdatum(casus: Casus) -> date | None:
    """The destruction date of a closed casus (None while it is open)."""
    if casus.gesloten_op is None:
        return None
    kinderen = _kind_geboortedata([casus.pk])[casus.pk]
    return vernietigingsdatum(
        gesloten_op=timezone.localdate(casus.gesloten_op),
        geboortedata_kinderen=kinderen,
        jaren=bewaartermijn_jaren(),
    )


@dataclass(frozen=True)
class Kandidaat:
    casus: Casus
    gesloten_op: date
    vernietigen_vanaf: date


def vernietiging_kandidaten(*, peildatum: date, limiet: int = 5000) -> list[Kandidaat]:
    """Closed casussen whose destruction date has passed on ``peildatum`` and that are on no
    list that has not been executed yet. Pre-filtered in SQL on the closing date."""
    jaren = bewaartermijn_jaren()
    grens = (
        peildatum.replace(year=peildatum.year - jaren)
        if not (peildatum.month == 2 and peildatum.day == 29)
        else date(peildatum.year - jaren, 2, 28)
    )
    al_op_lijst = VernietigingslijstRegel.objects.exclude(
        lijst__status=LijstStatus.UITGEVOERD
    ).values_list("casus_id_waarde", flat=True)
    casussen = list(
        Casus.objects.filter(
            status=CasusStatus.GESLOTEN,
            gesloten_op__isnull=False,
            gesloten_op__date__lte=grens,
        )
        .exclude(pk__in=al_op_lijst)
        .order_by("gesloten_op", "pk")[:limiet]
    )
    kinderen = _kind_geboortedata([c.pk for c in casussen])
    result = []
    for c in casussen:
        gesloten = timezone.localdate(c.gesloten_op)
        datum = vernietigingsdatum(
            gesloten_op=gesloten, geboortedata_kinderen=kinderen[c.pk], jaren=jaren
        )
        if datum <= peildatum:
            result.append(Kandidaat(casus=c, gesloten_op=gesloten, vernietigen_vanaf=datum))
    return result


@transaction.atomic
def vernietigingslijst_opstellen(
    *,
    actor: AbstractBaseUser | None,
    peildatum: date,
    casussen: list[Casus] | None = None,
    aanleiding: str = "bewaartermijn",
    request: HttpRequest | None = None,
) -> Vernietigingslijst | None:
    """Prepares a list: every casus past its destruction date (or ``casussen`` for a granted
    request). None when nothing is due."""
    if actor is not None:
        require_any_permission(actor, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    if casussen is None:
        regels = [
            (k.casus, k.gesloten_op, k.vernietigen_vanaf)
            for k in vernietiging_kandidaten(peildatum=peildatum)
        ]
    else:
        regels = [
            (
                c,
                timezone.localdate(c.gesloten_op) if c.gesloten_op else None,
                peildatum,
            )
            for c in casussen
        ]
    if not regels:
        return None
    lijst = Vernietigingslijst.objects.create(
        opgesteld_op=timezone.now(), peildatum=peildatum, aanleiding=aanleiding
    )
    VernietigingslijstRegel.objects.bulk_create(
        VernietigingslijstRegel(
            lijst=lijst,
            casus_id_waarde=c.pk,
            casus_nummer=c.nummer,
            gesloten_op=gesloten,
            vernietigen_vanaf=vanaf,
        )
        for c, gesloten, vanaf in regels
    )
    audit_event_record(
        event=Event.VERNIETIGINGSLIJST_OPGESTELD,
        actor=actor,
        target=lijst,
        reason=Reden.BEHEER,
        data={"regels": len(regels), "aanleiding": aanleiding},
        request=request,
    )
    return lijst


ZELFDE_PERSOON = "U heeft deze lijst al goedgekeurd; een tweede persoon moet dat doen."


def vernietigingslijst_goedkeuren(
    *, actor: AbstractBaseUser, lijst: Vernietigingslijst, request: HttpRequest | None = None
) -> Vernietigingslijst:
    """One of the two approvals. The same person approving twice is refused, and the refusal
    is audited (written after the refused attempt's transaction, so it stays)."""
    require_any_permission(actor, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    geweigerd = False
    with transaction.atomic():
        locked = Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)
        if locked.status != LijstStatus.CONCEPT:
            raise ValidationError({"__all__": ["Deze lijst wacht niet (meer) op goedkeuring."]})
        if VernietigingGoedkeuring.objects.filter(lijst=locked, door_id=actor.pk).exists():
            geweigerd = True
        else:
            try:
                with transaction.atomic():
                    VernietigingGoedkeuring.objects.create(
                        lijst=locked, door=actor, op=timezone.now()
                    )
            except IntegrityError:  # the same person, concurrently
                geweigerd = True
        if not geweigerd:
            aantal = VernietigingGoedkeuring.objects.filter(lijst=locked).count()
            if aantal >= VEREISTE_GOEDKEURINGEN:
                locked.status = LijstStatus.GOEDGEKEURD
            locked.version += 1
            locked.save(update_fields=["status", "version"])
            audit_event_record(
                event=Event.VERNIETIGINGSLIJST_GOEDGEKEURD,
                actor=actor,
                target=locked,
                reason=Reden.BEHEER,
                data={"goedkeuring": aantal},
                request=request,
            )
    if geweigerd:
        audit_event_record(
            event=Event.VERNIETIGING_GOEDKEURING_GEWEIGERD,
            actor=actor,
            target=locked,
            reason=Reden.BEHEER,
            data={"reden": "zelfde_persoon"},
            request=request,
        )
        raise ValidationError({"__all__": [ZELFDE_PERSOON]})
    return locked


@dataclass(frozen=True)
class ProefRegel:
    nummer: str
    casus_id: int
    rijen: dict[str, int]
    bestanden: int

    @property
    def totaal(self) -> int:
        return sum(self.rijen.values())


def vernietiging_proefdraaien(
    *,
    actor: AbstractBaseUser | None,
    peildatum: date,
    lijst: Vernietigingslijst | None = None,
    request: HttpRequest | None = None,
) -> list[ProefRegel]:
    """The dry run: what would go (rows per table, files), nothing deleted. Audited."""
    if actor is not None:
        require_any_permission(actor, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    if lijst is not None:
        doelen = [
            (r.casus_nummer, r.casus_id_waarde)
            for r in lijst.regels.filter(vernietigd=False).order_by("pk")
        ]
    else:
        doelen = [
            (k.casus.nummer, k.casus.pk) for k in vernietiging_kandidaten(peildatum=peildatum)
        ]
    # One plan per casus (what destroying that casus alone removes), walked for all of them
    # at once: the number of queries does not grow with the number of casussen.
    plannen = destruction.plannen_maken({casus_id: [casus_id] for _, casus_id in doelen})
    regels = [
        ProefRegel(
            nummer, casus_id, plannen[casus_id].aantallen(), len(plannen[casus_id].bestanden)
        )
        for nummer, casus_id in doelen
    ]
    audit_event_record(
        event=Event.VERNIETIGING_PROEFGEDRAAID,
        actor=actor,
        reason=Reden.BEHEER,
        data={"casussen": len(regels), "lijst": lijst.pk if lijst else None},
        request=request,
    )
    return regels


def vernietigingslijst_uitvoeren(
    *,
    actor: AbstractBaseUser,
    lijst: Vernietigingslijst,
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> dict[str, int]:
    """Executes an approved list: per casus, every row in every app and its files. Leaves a
    tombstone per casus in the audit log (ids and counts, no personal data). Irreversible.
    Returns the rows deleted per table, summed.

    One transaction for the whole list: the list is locked, then every casus on it in one
    ``SELECT … FOR UPDATE`` in pk order (two runs lock in the same order, so they cannot
    deadlock), then the casussen go one by one. Either the whole list is executed or nothing
    is. The tombstones join the audit chain together at the end (``audit_gebundeld``), so the
    chain head is locked for that last moment only, not for the whole run."""
    require_any_permission(actor, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    totaal: dict[str, int] = {}
    with audit_gebundeld():
        locked = Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)
        if expected_version is not None and locked.version != expected_version:
            raise ValidationError({"__all__": [CONFLICT_MESSAGE]})
        if locked.status != LijstStatus.GOEDGEKEURD:
            raise ValidationError(
                {"__all__": ["Alleen een lijst die door twee personen is goedgekeurd gaat uit."]}
            )
        if locked.goedkeuringen.values("door_id").distinct().count() < VEREISTE_GOEDKEURINGEN:
            raise ValidationError({"__all__": ["Er ontbreekt een goedkeuring."]})
        open_regels = locked.regels.filter(vernietigd=False)
        casussen = {
            c.pk: c
            for c in Casus.objects.select_for_update()
            .filter(pk__in=open_regels.values("casus_id_waarde"))
            .order_by("pk")
        }
        for regel in open_regels.order_by("pk"):
            casus = casussen.get(regel.casus_id_waarde)
            if casus is None:
                regel.vernietigd = True
                regel.save(update_fields=["vernietigd"])
                continue
            if locked.aanleiding == "bewaartermijn" and casus.status != CasusStatus.GESLOTEN:
                continue  # reopened since the list was made: it stays
            plan = destruction.plan_maken([casus.pk])
            verwijderd = destruction.plan_uitvoeren(plan)
            regel.vernietigd = True
            regel.rijen = verwijderd
            regel.save(update_fields=["vernietigd", "rijen"])
            audit_event_record(
                event=Event.CASUS_VERNIETIGD,
                actor=actor,
                target_type="casework.casus",
                target_id=regel.casus_id_waarde,
                reason=Reden.BEHEER,
                data={
                    "lijst": locked.pk,
                    "rijen": sum(verwijderd.values()),
                    "tabellen": len(verwijderd),
                    "bestanden": len(plan.bestanden),
                },
                request=request,
            )
            for label, aantal in verwijderd.items():
                totaal[label] = totaal.get(label, 0) + aantal
        locked.status = LijstStatus.UITGEVOERD
        locked.uitgevoerd_op = timezone.now()
        locked.uitgevoerd_door = actor  # type: ignore[assignment]
        locked.version += 1
        locked.save(update_fields=["status", "uitgevoerd_op", "uitgevoerd_door", "version"])
    return totaal


# --- Data-subject rights ----------------------------------------------------------------


def _heeft_gezag(vertegenwoordiger: Persoon, kind: Persoon, op: date) -> bool:
    return (
        Gezag.objects.filter(kind=kind, gezaghebbende=vertegenwoordiger, van__lte=op)
        .filter(Q(tot__isnull=True) | Q(tot__gte=op))
        .exists()
    )


def _geboortedatum(persoon: Persoon) -> date | None:
    """The latest possible birth date: in doubt, a person counts as younger."""
    datum = persoon.geboortedatum
    return datum.latest() if datum is not None else None


@transaction.atomic
def inzageverzoek_vastleggen(
    *,
    actor: AbstractBaseUser,
    persoon: Persoon,
    verzoeker: str,
    vertegenwoordiger: Persoon | None = None,
    ontvangen_op: date,
    request: HttpRequest | None = None,
) -> InzageVerzoek:
    """Records a request and decides it on the age rules and the recorded gezag at once: a
    refused request is kept (status ``geweigerd``, with the reason) and audited."""
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    try:
        soort = Verzoeker(verzoeker)
    except ValueError:
        raise ValidationError({"verzoeker": "Kies wie het verzoek doet."}) from None
    if soort is Verzoeker.WETTELIJK_VERTEGENWOORDIGER and vertegenwoordiger is None:
        raise ValidationError({"vertegenwoordiger": "Kies de wettelijk vertegenwoordiger."})
    vandaag = timezone.localdate()
    oordeel = inzage_oordeel(
        geboren=_geboortedatum(persoon),
        op=vandaag,
        verzoeker=soort,
        verzoeker_heeft_gezag=bool(
            vertegenwoordiger and _heeft_gezag(vertegenwoordiger, persoon, vandaag)
        ),
    )
    verzoek = InzageVerzoek.objects.create(
        persoon=persoon,
        verzoeker=soort.value,
        vertegenwoordiger=(
            vertegenwoordiger if soort is Verzoeker.WETTELIJK_VERTEGENWOORDIGER else None
        ),
        ontvangen_op=ontvangen_op,
        deadline=add_months(ontvangen_op, termijnen()["inzage_maanden"]),
        status=VerzoekStatus.ONTVANGEN if oordeel.toegestaan else VerzoekStatus.GEWEIGERD,
        oordeel=oordeel.reden,
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=(
            Event.INZAGEVERZOEK_ONTVANGEN if oordeel.toegestaan else Event.INZAGEVERZOEK_GEWEIGERD
        ),
        actor=actor,
        target=persoon,
        reason=Reden.INZAGEVERZOEK,
        data={"verzoek": verzoek.pk, "verzoeker": soort.value},
        request=request,
    )
    return verzoek


def inzage_export_maken(
    *, actor: AbstractBaseUser, verzoek: InzageVerzoek, request: HttpRequest | None = None
) -> bytes:
    """The PDF for an allowed request; marks it handled. A refused request gets nothing: the
    attempt is audited and PermissionDenied raised."""
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    if verzoek.status == VerzoekStatus.GEWEIGERD:
        audit_event_record(
            event=Event.INZAGEVERZOEK_GEWEIGERD,
            actor=actor,
            target=verzoek.persoon,
            reason=Reden.INZAGEVERZOEK,
            data={"verzoek": verzoek.pk, "export": True},
            request=request,
        )
        raise PermissionDenied(verzoek.oordeel or "Dit inzageverzoek is geweigerd.")
    pdf = inzage_pdf(inzage_samenstellen(verzoek.persoon), organisatie=settings.ZICHT_ORGANISATIE)
    with transaction.atomic():
        InzageVerzoek.objects.filter(pk=verzoek.pk).update(status=VerzoekStatus.AFGEHANDELD)
        audit_event_record(
            event=Event.INZAGE_EXPORT_GEMAAKT,
            actor=actor,
            target=verzoek.persoon,
            reason=Reden.INZAGEVERZOEK,
            data={"verzoek": verzoek.pk, "bytes": len(pdf)},
            request=request,
        )
    return pdf


def _casus_van(persoon: Persoon, casus: Casus | None) -> Casus | None:
    if casus is not None and not Betrokkene.objects.filter(casus=casus, persoon=persoon).exists():
        raise ValidationError({"casus": "Deze persoon is geen betrokkene in dit dossier."})
    return casus


@transaction.atomic
def correctieverzoek_vastleggen(
    *,
    actor: AbstractBaseUser,
    persoon: Persoon,
    casus: Casus | None,
    ontvangen_op: date,
    verzoek: str,
    besluit: str = "",
    motivering: str = "",
    request: HttpRequest | None = None,
) -> Correctieverzoek:
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    if not verzoek.strip():
        raise ValidationError({"verzoek": "Beschrijf wat onjuist is."})
    if besluit and not motivering.strip():
        raise ValidationError({"motivering": "Motiveer het besluit."})
    rij = Correctieverzoek.objects.create(
        persoon=persoon,
        casus=_casus_van(persoon, casus),
        ontvangen_op=ontvangen_op,
        deadline=add_months(ontvangen_op, termijnen()["correctie_maanden"]),
        verzoek=verzoek.strip(),
        besluit=besluit,
        motivering=motivering.strip(),
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=Event.CORRECTIEVERZOEK_VASTGELEGD,
        actor=actor,
        target=persoon,
        reason=Reden.INZAGEVERZOEK,
        data={"verzoek": rij.pk, "besluit": besluit},
        request=request,
    )
    return rij


@transaction.atomic
def eigen_verklaring_vastleggen(
    *,
    actor: AbstractBaseUser,
    persoon: Persoon,
    casus: Casus,
    ontvangen_op: date,
    tekst: str,
    request: HttpRequest | None = None,
) -> EigenVerklaring:
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    if not tekst.strip():
        raise ValidationError({"tekst": "Vul de verklaring in."})
    rij = EigenVerklaring.objects.create(
        persoon=persoon,
        casus=_casus_van(persoon, casus),
        ontvangen_op=ontvangen_op,
        tekst=tekst.strip(),
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=Event.EIGEN_VERKLARING_VASTGELEGD,
        actor=actor,
        target=persoon,
        reason=Reden.INZAGEVERZOEK,
        data={"verklaring": rij.pk, "casus": casus.pk},
        request=request,
    )
    return rij


@transaction.atomic
def vernietigingsverzoek_vastleggen(
    *,
    actor: AbstractBaseUser,
    persoon: Persoon,
    ontvangen_op: date,
    request: HttpRequest | None = None,
) -> Vernietigingsverzoek:
    """A written request to destroy: decided within 3 months (configurable, DOMAIN §4)."""
    require_any_permission(
        actor, (Perm.AUDIT_INZIEN, Perm.VERNIETIGING_BEHEREN), reden=GEEN_PRIVACYRECHT
    )
    rij = Vernietigingsverzoek.objects.create(
        persoon=persoon,
        ontvangen_op=ontvangen_op,
        deadline=add_months(ontvangen_op, termijnen()["vernietiging_maanden"]),
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=Event.VERNIETIGINGSVERZOEK_ONTVANGEN,
        actor=actor,
        target=persoon,
        reason=Reden.INZAGEVERZOEK,
        data={"verzoek": rij.pk},
        request=request,
    )
    return rij


@transaction.atomic
def vernietigingsverzoek_beslissen(
    *,
    actor: AbstractBaseUser,
    verzoek: Vernietigingsverzoek,
    besluit: str,
    motivering: str,
    request: HttpRequest | None = None,
) -> Vernietigingslijst | None:
    """The reasoned decision. Granted: the person's casussen go on a destruction list that
    still needs two approvals. Refused (e.g. keeping is of substantial importance to someone
    else, DOMAIN §6): recorded with its motivation."""
    require_any_permission(actor, (Perm.VERNIETIGING_BEHEREN,), reden=GEEN_PRIVACYRECHT)
    locked = Vernietigingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    fouten = {}
    if locked.besluit:
        fouten["besluit"] = "Over dit verzoek is al beslist."
    elif besluit not in ("toegewezen", "afgewezen"):
        fouten["besluit"] = "Kies ‘toegewezen’ of ‘afgewezen’."
    if not motivering.strip():
        fouten["motivering"] = "Een besluit op een vernietigingsverzoek is altijd gemotiveerd."
    if fouten:
        raise ValidationError(fouten)
    locked.besluit = besluit
    locked.motivering = motivering.strip()
    locked.besloten_door = actor  # type: ignore[assignment]
    locked.besloten_op = timezone.now()
    locked.save(update_fields=["besluit", "motivering", "besloten_door", "besloten_op"])
    lijst = None
    if besluit == "toegewezen":
        casussen = list(Casus.objects.filter(betrokkenen__persoon=locked.persoon).distinct())
        lijst = vernietigingslijst_opstellen(
            actor=actor,
            peildatum=timezone.localdate(),
            casussen=casussen,
            aanleiding="verzoek",
            request=request,
        )
    audit_event_record(
        event=Event.VERNIETIGINGSVERZOEK_BESLIST,
        actor=actor,
        target=locked.persoon,
        reason=Reden.INZAGEVERZOEK,
        data={
            "verzoek": locked.pk,
            "besluit": besluit,
            "op_tijd": timezone.localdate() <= locked.deadline,
            "lijst": lijst.pk if lijst else None,
        },
        request=request,
    )
    return lijst


# --- Registers --------------------------------------------------------------------------


@transaction.atomic
def verstrekking_vastleggen(
    *,
    actor: AbstractBaseUser,
    casus: Casus | None,
    persoon: Persoon | None,
    op: date,
    ontvanger: str,
    wat: str,
    grondslag: str,
    request: HttpRequest | None = None,
) -> Verstrekking:
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    rij = Verstrekking.objects.create(
        casus=casus,
        persoon=persoon,
        op=op,
        ontvanger=ontvanger.strip(),
        wat=wat.strip(),
        grondslag=grondslag,
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=Event.VERSTREKKING_VASTGELEGD,
        actor=actor,
        target=rij,
        reason=Reden.BEHEER,
        data={"casus": casus.pk if casus else None, "grondslag": grondslag},
        request=request,
    )
    return rij


@transaction.atomic
def klacht_vastleggen(
    *,
    actor: AbstractBaseUser,
    casus: Casus | None,
    ontvangen_op: date,
    onderwerp: str,
    request: HttpRequest | None = None,
) -> Klacht:
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    rij = Klacht.objects.create(
        casus=casus,
        ontvangen_op=ontvangen_op,
        deadline=ontvangen_op + timedelta(weeks=termijnen()["klacht_weken"]),
        onderwerp=onderwerp.strip(),
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=Event.KLACHT_VASTGELEGD,
        actor=actor,
        target=rij,
        reason=Reden.BEHEER,
        data={"casus": casus.pk if casus else None},
        request=request,
    )
    return rij


@transaction.atomic
def klacht_afhandelen(
    *,
    actor: AbstractBaseUser,
    klacht: Klacht,
    afgehandeld_op: date,
    uitkomst: str,
    request: HttpRequest | None = None,
) -> Klacht:
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    if not uitkomst.strip():
        raise ValidationError({"uitkomst": "Beschrijf de uitkomst."})
    klacht.afgehandeld_op = afgehandeld_op
    klacht.uitkomst = uitkomst.strip()
    klacht.save(update_fields=["afgehandeld_op", "uitkomst"])
    audit_event_record(
        event=Event.KLACHT_AFGEHANDELD,
        actor=actor,
        target=klacht,
        reason=Reden.BEHEER,
        data={"op_tijd": afgehandeld_op <= klacht.deadline},
        request=request,
    )
    return klacht


@transaction.atomic
def calamiteit_vastleggen(
    *,
    actor: AbstractBaseUser,
    casus: Casus | None,
    bekend_op: date,
    omschrijving: str,
    request: HttpRequest | None = None,
) -> Calamiteit:
    """A calamity, to be reported to the inspectorate at once: the deadline is the configured
    number of Atw working days after it became known (default 3)."""
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    deadline = calendar_current().add_working_days(bekend_op, termijnen()["calamiteit_dagen"])
    rij = Calamiteit.objects.create(
        casus=casus,
        bekend_op=bekend_op,
        deadline=deadline,
        omschrijving=omschrijving.strip(),
        vastgelegd_door=actor,
    )
    audit_event_record(
        event=Event.CALAMITEIT_VASTGELEGD,
        actor=actor,
        target=rij,
        reason=Reden.BEHEER,
        data={"casus": casus.pk if casus else None},
        request=request,
    )
    return rij


@transaction.atomic
def calamiteit_gemeld(
    *,
    actor: AbstractBaseUser,
    calamiteit: Calamiteit,
    gemeld_op: date,
    kenmerk: str = "",
    request: HttpRequest | None = None,
) -> Calamiteit:
    require_any_permission(actor, (Perm.AUDIT_INZIEN,), reden=GEEN_PRIVACYRECHT)
    calamiteit.gemeld_op = gemeld_op
    calamiteit.kenmerk_inspectie = kenmerk.strip()
    calamiteit.save(update_fields=["gemeld_op", "kenmerk_inspectie"])
    audit_event_record(
        event=Event.CALAMITEIT_GEMELD,
        actor=actor,
        target=calamiteit,
        reason=Reden.BEHEER,
        data={"op_tijd": gemeld_op <= calamiteit.deadline},
        request=request,
    )
    return calamiteit


# --- Audit chain ------------------------------------------------------------------------


def auditketen_controleren(*, actor: AbstractBaseUser | None = None) -> AuditControle:
    """Verifies the whole audit chain and keeps the result (the nightly task calls this)."""
    resultaat = audit_chain_verify()
    controle = AuditControle.objects.create(
        op=timezone.now(),
        ok=resultaat.ok,
        gecontroleerd=resultaat.checked,
        eerste_breuk=resultaat.first_broken_seq,
        uitleg=resultaat.explanation,
    )
    audit_event_record(
        event=Event.AUDITKETEN_GECONTROLEERD,
        actor=actor,
        reason=Reden.SYSTEEM,
        data={"ok": resultaat.ok, "rijen": resultaat.checked},
    )
    return controle
