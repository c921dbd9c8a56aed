"""Writes for casussen: opening, betrokkenen, the journaal with attachments, tasks and their
deadlines, and assigning staff. Keyword-only, typed, atomic and audited (1xx codes).

Access is the caller's job (``casework.access``: scope → 404, permission → 403); these
functions enforce the business rules. Errors are :class:`ValidationError` with a dict keyed by
field and Dutch messages; nothing is saved when one is raised — including attachment files.
Audit data holds ids, codes and field names only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from zicht.accounts.models import Team
from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record, schrijfblok
from zicht.casework.domain.bestanden import BestandGeweigerd, GekeurdBestand, keur_bestand
from zicht.casework.domain.termijnen import expliciete_termijn
from zicht.casework.models import (
    Betrokkene,
    BetrokkeneRol,
    Bijlage,
    Casus,
    CasusMedewerker,
    CasusNummerTeller,
    CasusStatus,
    JournaalItem,
    JournaalSoort,
    MedewerkerRol,
    MedischeNotitie,
    MedischeNotitieVrijgave,
    Noodtoegang,
    NoodtoegangOordeel,
    NoodtoegangReden,
    Taak,
    TaakOpschorting,
    TaakVerlenging,
)
from zicht.core.domain.calendar import AtwCalendar
from zicht.core.domain.terms import (
    Eenheid,
    Opschorting,
    Termijn,
    TermijnFout,
    TermijnOnbekend,
    TermijnStand,
    Verlenging,
    deadline,
)
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError
from zicht.core.selectors import calendar_current, termijn_get
from zicht.people.models import Gemeente, Persoon

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

__all__ = [
    "betrokkene_add",
    "casus_medewerker_toewijzen",
    "casus_open",
    "casus_sluiten",
    "journaal_add",
    "medische_notitie_add",
    "medische_notitie_vrijgeven",
    "noodtoegang_openen",
    "noodtoegang_toetsen",
    "taak_afronden",
    "taak_create",
    "taak_opschorten",
    "taak_termijn_stand",
    "taak_verlengen",
]

#: How far in the future a journaal moment may lie (clock skew between devices).
MOMENT_MARGE = timedelta(minutes=5)


def _nu(nu: datetime | None) -> datetime:
    return nu if nu is not None else timezone.now()


# --- Casus -----------------------------------------------------------------------------------


_VOLGEND_NUMMER_SQL = (
    "UPDATE casework_casusnummerteller SET laatste = laatste + 1 WHERE jaar = %s RETURNING laatste"
)


def _volgend_nummer(jaar: int) -> str:
    """The next casus number of ``jaar`` ("2026-000123"). One ``UPDATE … RETURNING`` takes
    the next number and locks the counter row until the transaction ends (so numbers stay
    gapless: a rolled-back casus gives its number back); the year's first casus creates the
    row (a concurrent first insert loses on the primary key and retries the update)."""
    for _ in range(2):
        with connection.cursor() as cursor:
            cursor.execute(_VOLGEND_NUMMER_SQL, [jaar])
            rij = cursor.fetchone()
        if rij is not None:
            return f"{jaar}-{int(rij[0]):06d}"
        with contextlib.suppress(IntegrityError), transaction.atomic():
            CasusNummerTeller.objects.create(jaar=jaar, laatste=0)
    raise RuntimeError("casusnummerteller niet bij te werken")  # pragma: no cover


def casus_open(
    *,
    actor: AbstractBaseUser,
    team: Team,
    gemeente: Gemeente | None = None,
    geopend_op: datetime | None = None,
    request: HttpRequest | None = None,
) -> Casus:
    """Opens a casus for a household, held by ``team``, with the next number of the year."""
    geopend_op = _nu(geopend_op)
    if not team.actief:
        raise ValidationError({"team": ["Dit team is niet actief."]})
    jaar = timezone.localtime(geopend_op).year
    with schrijfblok():
        casus = Casus.objects.create(
            nummer=_volgend_nummer(jaar), team=team, gemeente=gemeente, geopend_op=geopend_op
        )
        audit_event_record(
            event=Event.CASUS_AANGEMAAKT,
            actor=actor,
            target=casus,
            data={"team": team.pk, "gemeente": gemeente.pk if gemeente else None},
            request=request,
        )
    return casus


@transaction.atomic
def casus_sluiten(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    expected_version: int,
    gesloten_op: datetime | None = None,
    request: HttpRequest | None = None,
) -> Casus:
    """Closes an open casus (optimistic locking on ``version``)."""
    locked = Casus.objects.select_for_update().get(pk=casus.pk)
    if locked.version != expected_version:
        raise ConcurrentEditError({"__all__": [CONFLICT_MESSAGE]})
    if locked.status != CasusStatus.OPEN:
        raise ValidationError({"status": ["Deze casus is al gesloten."]})
    gesloten_op = _nu(gesloten_op)
    if gesloten_op < locked.geopend_op:
        raise ValidationError({"gesloten_op": ["De casus kan niet vóór de opening sluiten."]})
    locked.status = CasusStatus.GESLOTEN
    locked.gesloten_op = gesloten_op
    locked.version += 1
    locked.save(update_fields=["status", "gesloten_op", "version"])
    audit_event_record(event=Event.CASUS_GESLOTEN, actor=actor, target=locked, request=request)
    return locked


def betrokkene_add(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    persoon: Persoon,
    rol: str,
    request: HttpRequest | None = None,
) -> Betrokkene:
    """Adds a person to the casus in a role (a person may hold several roles)."""
    return betrokkenen_add(actor=actor, casus=casus, rollen=[(persoon, rol)], request=request)[0]


def betrokkenen_add(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    rollen: Sequence[tuple[Persoon, str]],
    request: HttpRequest | None = None,
) -> list[Betrokkene]:
    """Adds persons to the casus, each in a role, at once (one check, one insert); all or
    none. The same person and role twice, or one the casus already has, is refused."""
    for _, rol in rollen:
        if rol not in BetrokkeneRol.values:
            raise ValidationError({"rol": ["Kies een rol."]})
    gevraagd = [(persoon.pk, rol) for persoon, rol in rollen]
    bestaand = set(
        Betrokkene.objects.filter(casus=casus, persoon__in={pk for pk, _ in gevraagd}).values_list(
            "persoon_id", "rol"
        )
    )
    if len(set(gevraagd)) != len(gevraagd) or bestaand & set(gevraagd):
        raise ValidationError({"persoon": ["Deze persoon heeft deze rol al in de casus."]})
    with schrijfblok():
        betrokkenen = Betrokkene.objects.bulk_create(
            [Betrokkene(casus=casus, persoon=persoon, rol=rol) for persoon, rol in rollen]
        )
        for betrokkene in betrokkenen:
            audit_event_record(
                event=Event.BETROKKENE_TOEGEVOEGD,
                actor=actor,
                target=casus,
                data={
                    "betrokkene": betrokkene.pk,
                    "persoon": betrokkene.persoon_id,
                    "rol": betrokkene.rol,
                },
                request=request,
            )
    return betrokkenen


@transaction.atomic
def casus_medewerker_toewijzen(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    user: AbstractBaseUser,
    rol: str,
    van: date | None = None,
    tot: date | None = None,
    request: HttpRequest | None = None,
) -> CasusMedewerker:
    """Assigns a user to the casus from ``van`` (default today); the assignment grants access
    to the casus while it is active, also from outside the holding team."""
    van = van if van is not None else timezone.localdate()
    errors: dict[str, list[str]] = {}
    if rol not in MedewerkerRol.values:
        errors["rol"] = ["Kies een rol."]
    if not user.is_active:
        errors["user"] = ["Deze medewerker is niet actief."]
    if tot is not None and tot < van:
        errors["tot"] = ["De einddatum ligt vóór de begindatum."]
    if errors:
        raise ValidationError(errors)
    toewijzing = CasusMedewerker.objects.create(casus=casus, user=user, rol=rol, van=van, tot=tot)
    audit_event_record(
        event=Event.CASUS_MEDEWERKER_TOEGEWEZEN,
        actor=actor,
        target=casus,
        data={"medewerker": user.pk, "rol": rol, "van": van, "tot": tot},
        request=request,
    )
    return toewijzing


# --- Journaal and attachments ----------------------------------------------------------------


@dataclass
class _Opgeslagen:
    namen: list[str]

    def opruimen(self) -> None:
        for naam in self.namen:
            with contextlib.suppress(OSError):
                default_storage.delete(naam)


def _keur_bijlagen(bijlagen: Sequence[UploadedFile]) -> list[tuple[UploadedFile, GekeurdBestand]]:
    gekeurd: list[tuple[UploadedFile, GekeurdBestand]] = []
    fouten: list[str] = []
    for upload in bijlagen:
        naam = upload.name or "bijlage"
        try:
            gekeurd.append((upload, keur_bestand(naam, upload, upload.size)))
        except BestandGeweigerd as fout:
            fouten.append(f"{naam}: {fout.bericht}")
    if fouten:
        raise ValidationError({"bijlagen": fouten})
    return gekeurd


def journaal_add(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    soort: str,
    tekst: str,
    moment: datetime,
    medisch: bool = False,
    corrigeert: JournaalItem | None = None,
    bijlagen: Sequence[UploadedFile] = (),
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> JournaalItem:
    """Appends an item to the journaal, with optional attachments.

    Every attachment is checked (size, allow-list by content, no executables) before anything
    is written; if any is refused, nothing is saved. Files written before a later failure are
    deleted again, so neither an item nor a file remains.
    """
    opgeslagen = _Opgeslagen([])
    try:
        return _journaal_add(
            actor=actor,
            casus=casus,
            soort=soort,
            tekst=tekst,
            moment=moment,
            medisch=medisch,
            corrigeert=corrigeert,
            bijlagen=bijlagen,
            nu=_nu(nu),
            request=request,
            opgeslagen=opgeslagen,
        )
    except BaseException:
        opgeslagen.opruimen()
        raise


def _journaal_add(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    soort: str,
    tekst: str,
    moment: datetime,
    medisch: bool,
    corrigeert: JournaalItem | None,
    bijlagen: Sequence[UploadedFile],
    nu: datetime,
    request: HttpRequest | None,
    opgeslagen: _Opgeslagen,
) -> JournaalItem:
    errors: dict[str, list[str]] = {}
    if soort not in JournaalSoort.values:
        errors["soort"] = ["Kies een soort journaalitem."]
    if not tekst.strip():
        errors["tekst"] = ["Vul de tekst in."]
    if moment > nu + MOMENT_MARGE:
        errors["moment"] = ["Het moment ligt in de toekomst."]
    elif moment < casus.geopend_op - timedelta(days=366):
        errors["moment"] = ["Het moment ligt meer dan een jaar vóór de opening van de casus."]
    if medisch and not has_permission(actor, Perm.MEDISCHE_NOTITIE):
        errors["medisch"] = ["U mag geen medische notities vastleggen."]
    if corrigeert is not None and corrigeert.casus_id != casus.pk:
        errors["corrigeert"] = ["Het gecorrigeerde item hoort bij een andere casus."]
    try:
        gekeurd = _keur_bijlagen(bijlagen)
    except ValidationError as fout:
        errors.update(fout.message_dict)
        gekeurd = []
    if errors:
        raise ValidationError(errors)

    with schrijfblok():
        item = JournaalItem.objects.create(
            casus=casus,
            soort=soort,
            auteur=actor,
            moment=moment,
            vastgelegd_op=nu,
            tekst=tekst.strip(),
            medisch=medisch,
            corrigeert=corrigeert,
        )
        audit_event_record(
            event=Event.JOURNAAL_TOEGEVOEGD,
            actor=actor,
            target=casus,
            data={
                "journaal_item": item.pk,
                "soort": soort,
                "medisch": medisch,
                "corrigeert": corrigeert.pk if corrigeert else None,
                "bijlagen": len(gekeurd),
            },
            request=request,
        )
        for upload, keuring in gekeurd:
            bijlage = Bijlage(
                journaal_item=item,
                oorspronkelijke_naam=keuring.naam,
                mime_type=keuring.type.mime_type,
                grootte=keuring.grootte,
                sha256=keuring.sha256,
            )
            upload.seek(0)
            bijlage.bestand.save("bijlage", File(upload), save=False)
            opgeslagen.namen.append(bijlage.bestand.name)
            bijlage.save()
            audit_event_record(
                event=Event.BIJLAGE_TOEGEVOEGD,
                actor=actor,
                target=casus,
                data={"journaal_item": item.pk, "bijlage": bijlage.pk, "type": keuring.type.code},
                request=request,
            )
        # Files stay only when the outermost transaction commits: a caller's rollback after this
        # point leaves orphans, which the destruction job sweeps (files without a Bijlage row).
        return item


# --- Tasks and deadlines ---------------------------------------------------------------------

_TERMIJN_VELDEN = {
    "van": "van",
    "tot": "tot",
    "reden": "reden",
    "aantal": "aantal",
    "opschortingen": "tot",
    "start": "start",
}


def _termijn_van(taak: Taak) -> tuple[date, Termijn]:
    """The count-from date and the term of a task (versioned term, or the explicit one)."""
    if taak.termijn_code:
        return taak.start, termijn_get(taak.termijn_code, op=taak.start)
    return expliciete_termijn(taak.start, taak.oorspronkelijke_deadline)


def _stand(
    taak: Taak,
    *,
    opschortingen: Sequence[Opschorting],
    verlengingen: Sequence[Verlenging],
) -> TermijnStand:
    telstart, termijn = _termijn_van(taak)
    return deadline(telstart, termijn, calendar_current(), opschortingen, verlengingen)


def _historie(taak: Taak) -> tuple[list[Opschorting], list[Verlenging]]:
    return (
        [Opschorting(o.van, o.tot, o.reden) for o in taak.opschortingen.all()],
        [Verlenging(v.aantal, v.reden) for v in taak.verlengingen.all()],
    )


def taak_termijn_stand(taak: Taak) -> TermijnStand:
    """The task's term as it stands, recomputed from its history (suspensions, extensions)."""
    opschortingen, verlengingen = _historie(taak)
    return _stand(taak, opschortingen=opschortingen, verlengingen=verlengingen)


def _as_date(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


@dataclass(frozen=True)
class NieuweTaak:
    """One task for :func:`taken_create` (the arguments of :func:`taak_create`)."""

    omschrijving: str
    termijn_code: str = ""
    deadline_datum: date | None = None
    start: date | None = None
    toegewezen_aan: AbstractBaseUser | None = None


def taak_create(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    omschrijving: str,
    termijn_code: str = "",
    deadline_datum: date | None = None,
    start: date | None = None,
    toegewezen_aan: AbstractBaseUser | None = None,
    kalender: AtwCalendar | None = None,
    request: HttpRequest | None = None,
) -> Taak:
    """Creates a task with a deadline from a term (``termijn_code``, counted from ``start``
    with the Atw calendar) or an explicit ``deadline_datum``; exactly one of the two.
    ``kalender`` saves reading the calendar again when the caller has it at hand."""
    taak = NieuweTaak(omschrijving, termijn_code, deadline_datum, start, toegewezen_aan)
    return taken_create(actor=actor, casus=casus, taken=[taak], kalender=kalender, request=request)[
        0
    ]


def taken_create(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    taken: Sequence[NieuweTaak],
    kalender: AtwCalendar | None = None,
    request: HttpRequest | None = None,
) -> list[Taak]:
    """Creates several tasks of one casus at once (each as :func:`taak_create`; one insert);
    all or none. The errors of the n-th task (from 0) are keyed ``"n.veld"`` when there are
    more than one."""
    errors: dict[str, list[str]] = {}
    rijen: list[Taak] = []
    for index, nieuw in enumerate(taken):
        fouten, taak = _taak_opbouwen(actor, casus, nieuw, kalender)
        if fouten:
            for veld, berichten in fouten.items():
                errors[f"{index}.{veld}" if len(taken) > 1 else veld] = berichten
        elif taak is not None:
            rijen.append(taak)
    if errors:
        raise ValidationError(errors)
    with schrijfblok():
        Taak.objects.bulk_create(rijen)
        for taak in rijen:
            audit_event_record(
                event=Event.TAAK_AANGEMAAKT,
                actor=actor,
                target=casus,
                data={
                    "taak": taak.pk,
                    "termijn": taak.termijn_code or None,
                    "start": taak.start,
                    "deadline": taak.deadline,
                    "toegewezen_aan": taak.toegewezen_aan_id,
                },
                request=request,
            )
    return rijen


def _taak_opbouwen(
    actor: AbstractBaseUser, casus: Casus, nieuw: NieuweTaak, kalender: AtwCalendar | None
) -> tuple[dict[str, list[str]], Taak | None]:
    """The errors of one new task, or the unsaved task with its deadline."""
    start = nieuw.start if nieuw.start is not None else timezone.localdate()
    termijn_code, deadline_datum, toegewezen_aan = (
        nieuw.termijn_code,
        nieuw.deadline_datum,
        nieuw.toegewezen_aan,
    )
    errors: dict[str, list[str]] = {}
    if not nieuw.omschrijving.strip():
        errors["omschrijving"] = ["Vul een omschrijving in."]
    if not casus.is_open:
        errors["__all__"] = ["Een gesloten casus krijgt geen nieuwe taken."]
    if bool(termijn_code) == (deadline_datum is not None):
        errors["termijn_code"] = ["Kies een termijn óf vul een deadline in (één van beide)."]
    if toegewezen_aan is not None and not toegewezen_aan.is_active:
        errors["toegewezen_aan"] = ["Deze medewerker is niet actief."]
    stand: TermijnStand | None = None
    if not errors and termijn_code:
        try:
            termijn = termijn_get(termijn_code, op=start)
        except TermijnOnbekend:
            errors["termijn_code"] = ["Deze termijn bestaat niet (op de startdatum)."]
        else:
            if termijn.eenheid is Eenheid.UREN:
                errors["termijn_code"] = [
                    "Een termijn in uren past niet bij een taak; kies een termijn in dagen."
                ]
            else:
                stand = deadline(start, termijn, kalender or calendar_current())
    elif not errors and deadline_datum is not None and deadline_datum < start:
        errors["deadline_datum"] = ["De deadline ligt vóór de startdatum."]
    if errors:
        return errors, None
    eind = _as_date(stand.einddatum) if stand is not None else deadline_datum
    assert eind is not None
    return errors, Taak(
        casus=casus,
        omschrijving=nieuw.omschrijving.strip(),
        termijn_code=termijn_code,
        start=start,
        oorspronkelijke_deadline=eind,
        deadline=eind,
        toegewezen_aan=toegewezen_aan,
        aangemaakt_door=actor,
    )


def _lock_open(taak: Taak, expected_version: int | None) -> Taak:
    locked = Taak.objects.select_for_update().get(pk=taak.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError({"__all__": [CONFLICT_MESSAGE]})
    if not locked.is_open:
        raise ValidationError({"__all__": ["Deze taak is al afgerond."]})
    return locked


@transaction.atomic
def taak_afronden(
    *,
    actor: AbstractBaseUser,
    taak: Taak,
    expected_version: int | None = None,
    op: datetime | None = None,
    request: HttpRequest | None = None,
) -> Taak:
    """Marks an open task as done (by ``actor``, at ``op``)."""
    locked = _lock_open(taak, expected_version)
    locked.afgerond_op = _nu(op)
    locked.afgerond_door = actor  # type: ignore[assignment]
    locked.version += 1
    locked.save(update_fields=["afgerond_op", "afgerond_door", "version"])
    afgerond = timezone.localdate(locked.afgerond_op)
    audit_event_record(
        event=Event.TAAK_AFGEROND,
        actor=actor,
        target=locked.casus,
        data={"taak": locked.pk, "op_tijd": afgerond <= locked.deadline},
        request=request,
    )
    return locked


def _termijn_fout(fout: TermijnFout) -> ValidationError:
    veld = _TERMIJN_VELDEN.get(fout.veld, "__all__")
    return ValidationError({veld: [fout.bericht]})


@transaction.atomic
def taak_opschorten(
    *,
    actor: AbstractBaseUser,
    taak: Taak,
    van: date,
    tot: date,
    reden: str,
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Taak:
    """Suspends the task's clock from ``van`` up to and including ``tot`` and recomputes the
    effective deadline. Too long a suspension (beyond the term's cap), an overlap with an
    earlier one, or one that starts after the deadline gives a Dutch error at the field."""
    locked = _lock_open(taak, expected_version)
    if van < locked.start:
        raise ValidationError({"van": ["De opschorting begint vóór de start van de taak."]})
    opschortingen, verlengingen = _historie(locked)
    nieuw = Opschorting(van, tot, reden.strip())
    try:
        stand = _stand(locked, opschortingen=[*opschortingen, nieuw], verlengingen=verlengingen)
    except TermijnFout as fout:
        raise _termijn_fout(fout) from None
    TaakOpschorting.objects.create(taak=locked, van=van, tot=tot, reden=reden.strip(), door=actor)
    locked.deadline = _as_date(stand.einddatum)
    locked.opgeschorte_dagen = stand.opgeschorte_dagen
    locked.version += 1
    locked.save(update_fields=["deadline", "opgeschorte_dagen", "version"])
    audit_event_record(
        event=Event.TERMIJN_OPGESCHORT,
        actor=actor,
        target=locked.casus,
        data={"taak": locked.pk, "van": van, "tot": tot, "deadline": locked.deadline},
        request=request,
    )
    return locked


@transaction.atomic
def taak_verlengen(
    *,
    actor: AbstractBaseUser,
    taak: Taak,
    aantal: int,
    reden: str,
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Taak:
    """Extends the task's term by ``aantal`` of its own unit (calendar days for a task with an
    explicit deadline) and recomputes the effective deadline."""
    locked = _lock_open(taak, expected_version)
    opschortingen, verlengingen = _historie(locked)
    nieuw = Verlenging(aantal, reden.strip())
    try:
        stand = _stand(locked, opschortingen=opschortingen, verlengingen=[*verlengingen, nieuw])
    except TermijnFout as fout:
        raise _termijn_fout(fout) from None
    TaakVerlenging.objects.create(
        taak=locked,
        aantal=aantal,
        eenheid=stand.termijn.eenheid.value,
        reden=reden.strip(),
        door=actor,
    )
    locked.deadline = _as_date(stand.einddatum)
    locked.version += 1
    locked.save(update_fields=["deadline", "version"])
    audit_event_record(
        event=Event.TERMIJN_VERLENGD,
        actor=actor,
        target=locked.casus,
        data={"taak": locked.pk, "aantal": aantal, "deadline": locked.deadline},
        request=request,
    )
    return locked


# --- Break the glass ----------------------------------------------------------------------


def noodtoegang_duur() -> timedelta:
    """How long a break-the-glass grant lasts (``ZICHT_NOODTOEGANG_UREN``, default 4)."""
    return timedelta(hours=float(getattr(settings, "ZICHT_NOODTOEGANG_UREN", 4)))


@transaction.atomic
def noodtoegang_openen(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    reden: str,
    toelichting: str = "",
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Noodtoegang:
    """Opens time-limited emergency access to ``casus`` for ``actor``; audited as its own
    event (NOODTOEGANG_GEOPEND, reason ``noodtoegang``) and queued for the privacy officer.

    Needs :attr:`Perm.CASUS_NOODTOEGANG` (PermissionDenied otherwise). A coded reason is
    mandatory; ``overig`` needs a toelichting."""
    if not has_permission(actor, Perm.CASUS_NOODTOEGANG):
        raise PermissionDenied("Hiervoor is het recht ‘noodtoegang’ nodig.")
    fouten: dict[str, str] = {}
    if reden not in NoodtoegangReden.values:
        fouten["reden"] = "Kies een reden voor de noodtoegang."
    toelichting = (toelichting or "").strip()
    if reden == NoodtoegangReden.OVERIG and not toelichting:
        fouten["toelichting"] = "Licht de reden ‘overig’ toe (zonder namen)."
    if fouten:
        raise ValidationError(fouten)
    moment = _nu(nu)
    grant = Noodtoegang.objects.create(
        casus=casus,
        user=actor,
        reden=reden,
        toelichting=toelichting,
        van=moment,
        tot=moment + noodtoegang_duur(),
    )
    try:
        audit_event_record(
            event=Event.NOODTOEGANG_GEOPEND,
            actor=actor,
            target=casus,
            reason=Reden.NOODTOEGANG,
            reason_text=toelichting,
            data={"noodtoegang": grant.pk, "reden": reden, "tot": grant.tot.isoformat()},
            request=request,
            at=moment,
        )
    except ValueError as error:  # a name or BSN in the toelichting
        raise ValidationError({"toelichting": str(error)}) from None
    return grant


@transaction.atomic
def noodtoegang_toetsen(
    *,
    actor: AbstractBaseUser,
    noodtoegang: Noodtoegang,
    oordeel: str,
    toelichting: str = "",
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Noodtoegang:
    """The privacy officer's review of a grant: ``terecht`` or ``onterecht`` (the latter needs
    a toelichting). Recorded once; someone may not review their own grant."""
    if not has_permission(actor, Perm.NOODTOEGANG_TOETSEN):
        raise PermissionDenied("Hiervoor is het recht ‘noodtoegang toetsen’ nodig.")
    grant = Noodtoegang.objects.select_for_update().get(pk=noodtoegang.pk)
    fouten: dict[str, str] = {}
    # In order of weight: the first that applies is the one the officer sees.
    if grant.getoetst_op is not None:
        fouten["oordeel"] = "Deze noodtoegang is al getoetst."
    elif grant.user_id == actor.pk:
        fouten["oordeel"] = "U kunt uw eigen noodtoegang niet toetsen."
    elif oordeel not in NoodtoegangOordeel.values:
        fouten["oordeel"] = "Kies ‘terecht’ of ‘onterecht’."
    toelichting = (toelichting or "").strip()
    if oordeel == NoodtoegangOordeel.ONTERECHT and not toelichting:
        fouten["toelichting"] = "Licht toe waarom de noodtoegang onterecht was."
    if fouten:
        raise ValidationError(fouten)
    moment = _nu(nu)
    grant.oordeel = oordeel
    grant.oordeel_toelichting = toelichting
    grant.getoetst_door = actor  # type: ignore[assignment]
    grant.getoetst_op = moment
    grant.save(update_fields=["oordeel", "oordeel_toelichting", "getoetst_door", "getoetst_op"])
    try:
        audit_event_record(
            event=Event.NOODTOEGANG_GETOETST,
            actor=actor,
            target_type="casework.casus",
            target_id=grant.casus_id,
            reason=Reden.TOETSING,
            reason_text=toelichting,
            data={"noodtoegang": grant.pk, "oordeel": oordeel, "medewerker": grant.user_id},
            request=request,
            at=moment,
        )
    except ValueError as error:
        raise ValidationError({"toelichting": str(error)}) from None
    return grant


# --- Medical notes ------------------------------------------------------------------------


@transaction.atomic
def medische_notitie_add(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    tekst: str,
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> MedischeNotitie:
    """A medical note on ``casus`` (only with :attr:`Perm.MEDISCHE_NOTITIE`)."""
    if not has_permission(actor, Perm.MEDISCHE_NOTITIE):
        raise PermissionDenied("Alleen de vertrouwensarts schrijft medische notities.")
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Vul de notitie in."})
    nu = timezone.now()
    moment = moment or nu
    if moment > nu + MOMENT_MARGE:
        raise ValidationError({"moment": "Het moment ligt in de toekomst."})
    notitie = MedischeNotitie.objects.create(
        casus=casus, auteur=actor, moment=moment, tekst=tekst, vastgelegd_op=nu
    )
    audit_event_record(
        event=Event.MEDISCHE_NOTITIE_VASTGELEGD,
        actor=actor,
        target=casus,
        data={"notitie": notitie.pk},
        request=request,
    )
    return notitie


@transaction.atomic
def medische_notitie_vrijgeven(
    *,
    actor: AbstractBaseUser,
    notitie: MedischeNotitie,
    reden: str,
    request: HttpRequest | None = None,
) -> MedischeNotitieVrijgave:
    """Releases a medical note for inzage (a reasoned, recorded decision of the arts)."""
    if not has_permission(actor, Perm.MEDISCHE_NOTITIE):
        raise PermissionDenied("Alleen de vertrouwensarts geeft medische notities vrij.")
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": "Geef de reden van de vrijgave."})
    al_vrijgegeven = ValidationError({"reden": "Deze notitie is al vrijgegeven."})
    if MedischeNotitieVrijgave.objects.filter(notitie=notitie).exists():
        raise al_vrijgegeven
    try:
        with transaction.atomic():  # a double submit meets the one-to-one constraint
            vrijgave = MedischeNotitieVrijgave.objects.create(
                notitie=notitie, door=actor, reden=reden
            )
    except IntegrityError:
        raise al_vrijgegeven from None
    audit_event_record(
        event=Event.MEDISCHE_NOTITIE_VRIJGEGEVEN,
        actor=actor,
        target_type="casework.casus",
        target_id=notitie.casus_id,
        data={"notitie": notitie.pk},
        request=request,
    )
    return vrijgave
