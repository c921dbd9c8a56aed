"""Writes of the Veiligheidsbeoordeling: publishing an instrument version, starting an
assessment, recording the triage, proposing a besluit, sending a proposal back, and the
assessment's half of confirming a besluit (:func:`besluit_bevestiging_vastleggen`, called by
``diensten.services.besluit_bevestigen`` in its transaction — the higher app owns the step).

Keyword-only, typed, atomic and audited (3xx). Status changes go through the one transition
table ``assessment.domain.workflow``. Access (scope → 404, permission → 403) is the caller's
job; the four-eyes rule is enforced here because it depends on who confirms. Errors are
:class:`ValidationError` dicts keyed by field with Dutch messages. Audit data: ids and codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment.domain import vier_ogen
from zicht.assessment.domain.besluit import BesluitSoort, Triage, tegenstrijdigheden
from zicht.assessment.domain.triage import (
    Antwoordtype,
    Implicatie,
    Vraag,
    afleiden,
    controleer_antwoorden,
)
from zicht.assessment.domain.workflow import Actie, OngeldigeOvergang, Status, overgang
from zicht.assessment.models import (
    Besluit,
    BesluitStap,
    BesluitStatus,
    Instrument,
    InstrumentVraag,
    Ketenpartner,
    VbTermijnTelling,
    Veiligheidsbeoordeling,
    VierOgenInstelling,
)
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.access import require_any_permission
from zicht.casework.models import Casus
from zicht.core.exceptions import ConcurrentEditError
from zicht.intake.domain.classificatie import Fase
from zicht.intake.models import Melding, MeldingStatus

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = [
    "BesluitAlBehandeld",
    "VraagInvoer",
    "beoordeling_start",
    "besluit_bevestiging_vastleggen",
    "besluit_terugsturen",
    "besluit_voorstellen",
    "fase_bepaler",
    "instrument_actueel",
    "instrument_publiceren",
    "triage_vastleggen",
    "vier_ogen_regels",
]


class BesluitAlBehandeld(ConcurrentEditError):
    """Someone else acted on the besluit first; the message says who did what, when."""


def _nu(nu: datetime | None) -> datetime:
    return nu if nu is not None else timezone.now()


def _naam(user: Any) -> str:
    return str(getattr(user, "weergavenaam", "") or user.get_username())


# --- Instrument ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VraagInvoer:
    code: str
    tekst: str
    antwoordtype: str
    implicatie: str = ""
    hulptekst: str = ""
    keuzes: Sequence[Sequence[str]] = field(default=())
    verplicht: bool = True


def instrument_actueel() -> Instrument:
    """The newest published version (the one new assessments use)."""
    instrument = Instrument.objects.order_by("-versie").first()
    if instrument is None:
        raise ValidationError({"__all__": ["Er is geen triage-instrument gepubliceerd."]})
    return instrument


@transaction.atomic
def instrument_publiceren(
    *,
    actor: AbstractBaseUser,
    omschrijving: str,
    vragen: Sequence[VraagInvoer],
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Instrument:
    """Publishes a new version of the triage instrument (version = highest + 1). Earlier
    versions stay as they are; assessments keep the version they were made with. The new
    version must still record the DOMAIN §5 minimum (acute, structural, multi-problem,
    taxatie)."""
    errors: list[str] = []
    if not omschrijving.strip():
        errors.append("Vul een omschrijving in.")
    codes = [v.code for v in vragen]
    if len(set(codes)) != len(codes):
        errors.append("Elke vraag heeft een eigen code.")
    for vraag in vragen:
        try:
            soort = Antwoordtype(vraag.antwoordtype)
            implicatie = Implicatie(vraag.implicatie)
        except ValueError:
            errors.append(f"Vraag {vraag.code}: onbekend antwoordtype of implicatie.")
            continue
        if not vraag.code.strip() or not vraag.tekst.strip():
            errors.append("Elke vraag heeft een code en een tekst.")
        if soort is Antwoordtype.KEUZE and not vraag.keuzes:
            errors.append(f"Vraag {vraag.code}: een keuzevraag heeft keuzes nodig.")
        if implicatie is Implicatie.TAXATIE and soort is not Antwoordtype.KEUZE:
            errors.append(f"Vraag {vraag.code}: de veiligheidstaxatie is een keuzevraag.")
        if implicatie in (Implicatie.ACUUT, Implicatie.STRUCTUREEL, Implicatie.MULTIPROBLEEM) and (
            soort is not Antwoordtype.JA_NEE
        ):
            errors.append(f"Vraag {vraag.code}: deze implicatie past alleen bij een ja/nee-vraag.")
    aanwezig = {v.implicatie for v in vragen}
    for nodig, label in (
        ("acuut", "acute onveiligheid"),
        ("structureel", "structurele onveiligheid"),
        ("multiprobleem", "multi-problematische leefsituatie"),
        ("taxatie", "veiligheidstaxatie"),
    ):
        if nodig not in aanwezig:
            errors.append(f"Het instrument moet {label} vastleggen.")
    if errors:
        raise ValidationError({"vragen": errors})
    versie = (Instrument.objects.select_for_update().aggregate(m=Max("versie"))["m"] or 0) + 1
    instrument = Instrument.objects.create(
        versie=versie,
        omschrijving=omschrijving.strip(),
        gepubliceerd_op=_nu(nu),
        gepubliceerd_door=actor,
    )
    InstrumentVraag.objects.bulk_create(
        InstrumentVraag(
            instrument=instrument,
            volgorde=i,
            code=v.code.strip(),
            tekst=v.tekst.strip(),
            hulptekst=v.hulptekst.strip(),
            antwoordtype=v.antwoordtype,
            implicatie=v.implicatie,
            keuzes=[list(k) for k in v.keuzes],
            verplicht=v.verplicht,
        )
        for i, v in enumerate(vragen, start=1)
    )
    audit_event_record(
        event=Event.INSTRUMENT_GEPUBLICEERD,
        actor=actor,
        target=instrument,
        data={"versie": versie, "vragen": len(vragen)},
        request=request,
    )
    return instrument


# --- The assessment ------------------------------------------------------------------------


def vier_ogen_regels() -> vier_ogen.VierOgenRegels:
    """The configured four-eyes rules (the default when none are stored)."""
    row = VierOgenInstelling.objects.filter(pk=1).first()
    if row is None:
        return vier_ogen.STANDAARD_REGELS
    return vier_ogen.VierOgenRegels.uit_data(
        {"deskundige_voor": row.deskundige_voor, "deskundige_bij_acuut": row.deskundige_bij_acuut}
    )


def _vragen(beoordeling: Veiligheidsbeoordeling) -> list[Vraag]:
    return beoordeling.instrument.domein_vragen()


def _lock(
    melding: Melding, expected_version: int | None
) -> tuple[Melding, Veiligheidsbeoordeling | None]:
    """Locks the melding (serialises the start) and its assessment; checks the version."""
    locked = Melding.objects.select_for_update().get(pk=melding.pk)
    beoordeling = (
        Veiligheidsbeoordeling.objects.select_for_update()
        .select_related("instrument")
        .filter(melding=locked)
        .first()
    )
    if (
        beoordeling is not None
        and expected_version is not None
        and beoordeling.version != expected_version
    ):
        raise BesluitAlBehandeld({"__all__": [_wat_er_gebeurde(beoordeling)]})
    return locked, beoordeling


def _wat_er_gebeurde(beoordeling: Veiligheidsbeoordeling) -> str:
    laatste = (
        BesluitStap.objects.filter(beoordeling=beoordeling)
        .select_related("door")
        .order_by("-op", "-pk")
        .first()
    )
    if laatste is None:
        return (
            "Iemand anders heeft deze beoordeling intussen gewijzigd. Uw invoer is bewaard; "
            "controleer de actuele gegevens en probeer het opnieuw."
        )
    wanneer = timezone.localtime(laatste.op).strftime("%d-%m-%Y %H:%M")
    wat = {
        Actie.VOORSTELLEN.value: "een besluit voorgesteld",
        Actie.TERUGSTUREN.value: "het voorstel teruggestuurd",
        Actie.BEVESTIGEN.value: "het besluit bevestigd",
    }.get(laatste.actie, "de beoordeling gewijzigd")
    return (
        f"Intussen heeft {_naam(laatste.door)} op {wanneer} {wat}. Uw actie is niet "
        f"uitgevoerd; bekijk de actuele stand."
    )


def _overgang(beoordeling: Veiligheidsbeoordeling, actie: Actie) -> Status:
    try:
        return overgang(Status(beoordeling.status), actie)
    except OngeldigeOvergang as fout:
        raise ValidationError({"__all__": [fout.bericht]}) from None


def _start(
    *, actor: AbstractBaseUser, melding: Melding, nu: datetime, request: HttpRequest | None
) -> Veiligheidsbeoordeling:
    if melding.status != MeldingStatus.NIEUW:
        raise ValidationError({"__all__": ["Over deze melding is al besloten."]})
    instrument = instrument_actueel()
    beoordeling = Veiligheidsbeoordeling.objects.create(
        melding=melding, instrument=instrument, beoordelaar=actor, gestart_op=nu
    )
    beoordeling.instrument = instrument
    audit_event_record(
        event=Event.BEOORDELING_GESTART,
        actor=actor,
        target=melding,
        data={"beoordeling": beoordeling.pk, "instrument": instrument.versie},
        request=request,
    )
    return beoordeling


@transaction.atomic
def beoordeling_start(
    *,
    actor: AbstractBaseUser,
    melding: Melding,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Veiligheidsbeoordeling:
    """The assessment of ``melding``, started now with the current instrument when it has
    none yet (two people starting at once get the same one)."""
    locked, beoordeling = _lock(melding, None)
    if beoordeling is not None:
        return beoordeling
    return _start(actor=actor, melding=locked, nu=_nu(nu), request=request)


def _triage_toepassen(
    beoordeling: Veiligheidsbeoordeling, antwoorden: Mapping[str, str], *, volledig: bool
) -> Triage:
    vragen = _vragen(beoordeling)
    schoon = {v.code: (antwoorden.get(v.code) or "").strip() for v in vragen}
    fouten = controleer_antwoorden(vragen, schoon, volledig=volledig)
    if fouten:
        raise ValidationError({f"vraag_{code}": [bericht] for code, bericht in fouten.items()})
    triage = afleiden(vragen, schoon)
    beoordeling.antwoorden = {k: v for k, v in schoon.items() if v}
    beoordeling.acuut = triage.acuut
    beoordeling.structureel = triage.structureel
    beoordeling.multiprobleem = triage.multiprobleem
    beoordeling.taxatie = triage.taxatie
    return triage


def _triage_audit(
    actor: AbstractBaseUser,
    beoordeling: Veiligheidsbeoordeling,
    triage: Triage,
    request: HttpRequest | None,
) -> None:
    audit_event_record(
        event=Event.TRIAGE_VASTGELEGD,
        actor=actor,
        target=beoordeling.melding,
        data={
            "beoordeling": beoordeling.pk,
            "instrument": beoordeling.instrument.versie,
            "acuut": triage.acuut,
            "structureel": triage.structureel,
            "multiprobleem": triage.multiprobleem,
            "taxatie": triage.taxatie or None,
        },
        request=request,
    )


@transaction.atomic
def triage_vastleggen(
    *,
    actor: AbstractBaseUser,
    melding: Melding,
    antwoorden: Mapping[str, str],
    expected_version: int | None = None,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Veiligheidsbeoordeling:
    """Records (part of) the triage answers; the assessment starts when it has not yet."""
    nu = _nu(nu)
    locked, beoordeling = _lock(melding, expected_version)
    if beoordeling is None:
        beoordeling = _start(actor=actor, melding=locked, nu=nu, request=request)
    nieuw = _overgang(beoordeling, Actie.ANTWOORDEN)
    triage = _triage_toepassen(beoordeling, antwoorden, volledig=False)
    beoordeling.status = nieuw.value
    beoordeling.version += 1
    beoordeling.save()
    _triage_audit(actor, beoordeling, triage, request)
    return beoordeling


@transaction.atomic
def besluit_voorstellen(
    *,
    actor: AbstractBaseUser,
    melding: Melding,
    soort: str,
    motivering: str,
    antwoorden: Mapping[str, str] | None = None,
    toelichting_afwijking: str = "",
    ketenpartner: Ketenpartner | None = None,
    ontvangende_partij: str = "",
    expected_version: int | None = None,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Besluit:
    """Proposes a besluit (with the triage answers, when given). The triage must be complete;
    a motivation is required; overdracht na VB needs the receiving party; a besluit that the
    triage contradicts needs ``toelichting_afwijking``. The proposal waits for a second
    person (``diensten.services.besluit_bevestigen``) or is sent back."""
    nu = _nu(nu)
    locked, beoordeling = _lock(melding, expected_version)
    if beoordeling is None:
        beoordeling = _start(actor=actor, melding=locked, nu=nu, request=request)
    nieuw = _overgang(beoordeling, Actie.VOORSTELLEN)
    errors: dict[str, list[str]] = {}
    try:
        besluit_soort = BesluitSoort(soort)
    except ValueError:
        besluit_soort = None
        errors["soort"] = ["Kies een besluit."]
    if not motivering.strip():
        errors["motivering"] = ["Motiveer het besluit."]
    try:
        triage = _triage_toepassen(
            beoordeling,
            antwoorden if antwoorden is not None else beoordeling.antwoorden,
            volledig=True,
        )
    except ValidationError as fout:
        errors.update(fout.message_dict)
        triage = None
    partij = ontvangende_partij.strip()
    if besluit_soort is BesluitSoort.OVERDRACHT_NA_VB and ketenpartner is None and not partij:
        errors["ontvangende_partij"] = ["Kies of noem de partij die het overneemt."]
    if besluit_soort is not None and triage is not None:
        waarschuwingen = tegenstrijdigheden(triage, besluit_soort)
        if waarschuwingen and not toelichting_afwijking.strip():
            errors["toelichting_afwijking"] = [
                *waarschuwingen,
                "Licht toe waarom u toch voor dit besluit kiest.",
            ]
    if errors:
        raise ValidationError(errors)
    assert besluit_soort is not None
    assert triage is not None
    van = beoordeling.status
    beoordeling.status = nieuw.value
    beoordeling.version += 1
    beoordeling.save()
    besluit = Besluit.objects.create(
        beoordeling=beoordeling,
        soort=besluit_soort.value,
        motivering=motivering.strip(),
        toelichting_afwijking=toelichting_afwijking.strip(),
        ketenpartner=ketenpartner,
        ontvangende_partij=partij if ketenpartner is None else "",
        voorgesteld_door=actor,
        voorgesteld_op=nu,
    )
    BesluitStap.objects.create(
        beoordeling=beoordeling,
        besluit=besluit,
        actie=Actie.VOORSTELLEN.value,
        van_status=van,
        naar_status=nieuw.value,
        door=actor,
        op=nu,
    )
    _triage_audit(actor, beoordeling, triage, request)
    audit_event_record(
        event=Event.BESLUIT_VOORGESTELD,
        actor=actor,
        target=melding,
        data={
            "beoordeling": beoordeling.pk,
            "besluit": besluit.pk,
            "soort": besluit_soort.value,
            "afwijking_toegelicht": bool(toelichting_afwijking.strip()),
        },
        request=request,
    )
    return besluit


def _lock_besluit(
    besluit: Besluit, expected_version: int
) -> tuple[Melding, Veiligheidsbeoordeling, Besluit]:
    melding, beoordeling = _lock(besluit.beoordeling.melding, expected_version)
    assert beoordeling is not None
    locked = Besluit.objects.select_for_update().get(pk=besluit.pk)
    if locked.status != BesluitStatus.VOORGESTELD:
        raise BesluitAlBehandeld({"__all__": [_wat_er_gebeurde(beoordeling)]})
    return melding, beoordeling, locked


@transaction.atomic
def besluit_terugsturen(
    *,
    actor: AbstractBaseUser,
    besluit: Besluit,
    reden: str,
    expected_version: int,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Besluit:
    """The second person disagrees: recorded with a reason; the assessment goes back to be
    proposed again. Only who may co-decide (or the gedragsdeskundige) sends back; the proposer
    cannot send back (or confirm) their own proposal."""
    require_any_permission(actor, (Perm.BESLUIT_MEEBESLISSEN, Perm.BESLUIT_DESKUNDIGE))
    nu = _nu(nu)
    melding, beoordeling, locked = _lock_besluit(besluit, expected_version)
    nieuw = _overgang(beoordeling, Actie.TERUGSTUREN)
    if locked.voorgesteld_door_id == actor.pk:
        raise ValidationError(
            {"__all__": ["U heeft dit besluit zelf voorgesteld; een ander moet het beoordelen."]}
        )
    if not reden.strip():
        raise ValidationError({"reden_oneens": ["Geef aan waarom u het niet eens bent."]})
    van = beoordeling.status
    beoordeling.status = nieuw.value
    beoordeling.version += 1
    beoordeling.save(update_fields=["status", "version"])
    locked.status = BesluitStatus.TERUGGESTUURD
    locked.beoordeeld_door = actor  # type: ignore[assignment]
    locked.beoordeeld_op = nu
    locked.reden_oneens = reden.strip()
    locked.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "reden_oneens"])
    BesluitStap.objects.create(
        beoordeling=beoordeling,
        besluit=locked,
        actie=Actie.TERUGSTUREN.value,
        van_status=van,
        naar_status=nieuw.value,
        door=actor,
        op=nu,
        toelichting=reden.strip(),
    )
    audit_event_record(
        event=Event.BESLUIT_TERUGGESTUURD,
        actor=actor,
        target=melding,
        data={"beoordeling": beoordeling.pk, "besluit": locked.pk},
        request=request,
    )
    return locked


@dataclass(frozen=True)
class Bevestiging:
    melding: Melding
    beoordeling: Veiligheidsbeoordeling
    besluit: Besluit
    te_laat: bool


def besluit_bevestiging_vastleggen(
    *,
    actor: AbstractBaseUser,
    besluit: Besluit,
    expected_version: int,
    reden_te_laat: str = "",
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Bevestiging:
    """The assessment's half of confirming: row locks and version check (only one of two
    simultaneous confirmations wins; the other learns who was first), the transition, four
    eyes, the late-decision reason, and the history row. Must run inside the caller's
    transaction: ``diensten.services.besluit_bevestigen`` — use that, not this."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("besluit_bevestiging_vastleggen hoort in een transactie te draaien.")
    nu = _nu(nu)
    melding, beoordeling, locked = _lock_besluit(besluit, expected_version)
    nieuw = _overgang(beoordeling, Actie.BEVESTIGEN)
    if melding.status != MeldingStatus.NIEUW:
        raise ValidationError({"__all__": ["Over deze melding is al besloten."]})
    redenen = vier_ogen.toets(
        voorsteller_id=locked.voorgesteld_door_id,
        bevestiger=vier_ogen.Bevestiger(
            id=actor.pk,
            mag_meebeslissen=has_permission(actor, Perm.BESLUIT_MEEBESLISSEN),
            is_deskundige=has_permission(actor, Perm.BESLUIT_DESKUNDIGE),
        ),
        soort=BesluitSoort(locked.soort),
        acuut=bool(beoordeling.acuut or melding.acuut),
        regels=vier_ogen_regels(),
    )
    if redenen:
        raise ValidationError({"__all__": redenen})
    vandaag = timezone.localdate(nu)
    deadline = melding.vb_taak.deadline if melding.vb_taak_id else None  # type: ignore[union-attr]
    te_laat = deadline is not None and vandaag > deadline
    if te_laat and not reden_te_laat.strip():
        raise ValidationError(
            {
                "reden_te_laat": [
                    f"Het besluit is te laat (uiterlijk {deadline:%d-%m-%Y}); geef de reden."
                ]
            }
        )
    van = beoordeling.status
    beoordeling.status = nieuw.value
    beoordeling.besloten_op = nu
    beoordeling.besloten_datum = vandaag
    beoordeling.op_tijd = not te_laat
    beoordeling.reden_te_laat = reden_te_laat.strip() if te_laat else ""
    beoordeling.version += 1
    beoordeling.save()
    locked.status = BesluitStatus.BEVESTIGD
    locked.beoordeeld_door = actor  # type: ignore[assignment]
    locked.beoordeeld_op = nu
    locked.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
    BesluitStap.objects.create(
        beoordeling=beoordeling,
        besluit=locked,
        actie=Actie.BEVESTIGEN.value,
        van_status=van,
        naar_status=nieuw.value,
        door=actor,
        op=nu,
        toelichting=beoordeling.reden_te_laat,
    )
    melding.status = MeldingStatus.BESLOTEN
    melding.version += 1
    melding.save(update_fields=["status", "version"])
    _vb_telling_bij(casus_id=melding.casus_id, datum=vandaag, op_tijd=not te_laat)
    audit_event_record(
        event=Event.BESLUIT_BEVESTIGD,
        actor=actor,
        target=melding,
        data={
            "beoordeling": beoordeling.pk,
            "besluit": locked.pk,
            "soort": locked.soort,
            "op_tijd": not te_laat,
        },
        request=request,
    )
    return Bevestiging(melding=melding, beoordeling=beoordeling, besluit=locked, te_laat=te_laat)


def _vb_telling_bij(*, casus_id: int, datum: date, op_tijd: bool) -> None:
    """Counts one confirmed decision in :class:`VbTermijnTelling` (team of the casus, day).
    Runs in the confirmation's transaction; a concurrent first decision of the same team and
    day is caught by the unique constraint and counted by the update instead."""
    team_id = Casus.objects.filter(pk=casus_id).values_list("team_id", flat=True).get()
    rij = VbTermijnTelling.objects.filter(team_id=team_id, datum=datum)
    erbij = {"besloten": F("besloten") + 1, "op_tijd": F("op_tijd") + int(op_tijd)}
    if rij.update(**erbij):
        return
    try:
        with transaction.atomic():
            VbTermijnTelling.objects.create(
                team_id=team_id, datum=datum, besloten=1, op_tijd=int(op_tijd)
            )
    except IntegrityError:
        rij.update(**erbij)


def vb_tellingen_herberekenen() -> int:
    """Rebuilds :class:`VbTermijnTelling` from the assessment rows (after a bulk load such as
    the demo data, or to repair it); returns the number of counter rows written."""
    rijen = (
        Veiligheidsbeoordeling.objects.filter(besloten_datum__isnull=False)
        .values("melding__casus__team_id", "besloten_datum")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(op_tijd=True)))
        .order_by()
    )
    with transaction.atomic():
        VbTermijnTelling.objects.all().delete()
        nieuw = VbTermijnTelling.objects.bulk_create(
            (
                VbTermijnTelling(
                    team_id=r["melding__casus__team_id"],
                    datum=r["besloten_datum"],
                    besloten=r["n"],
                    op_tijd=r["ok"],
                )
                for r in rijen.iterator()
            ),
            batch_size=2000,
        )
    return len(nieuw)


# --- Classification seam ---------------------------------------------------------------------


def fase_bepaler(casus_id: int) -> Fase:
    """The :data:`intake.domain.classificatie.FaseBepaler` of the assessment: an open casus
    with a melding still awaiting its VB is "tijdens VB"; one whose meldingen are all decided is
    "na VB". (Monitoring is the diensten issue's to add.) Pass it to
    ``intake.services.melding_register(fase_bepaler=...)``."""
    meldingen = Melding.objects.filter(casus_id=casus_id)
    if meldingen.filter(status=MeldingStatus.NIEUW).exists():
        return Fase.TIJDENS_VB
    if meldingen.filter(status=MeldingStatus.BESLOTEN).exists():
        return Fase.NA_VB
    return Fase.TIJDENS_VB
