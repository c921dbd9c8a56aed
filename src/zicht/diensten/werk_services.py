"""Writes for huisverbod, voorlichting, time registration and work assignment.

Every function is keyword-only, atomic and audited (events 450–458). Errors are
:class:`ValidationError` with Dutch messages per field; a stale ``expected_version`` raises
:class:`ConcurrentEditError` with :data:`CONFLICT_MESSAGE` and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zicht.accounts.models import Team, User
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.models import Betrokkene, Casus, CasusMedewerker, MedewerkerRol, Taak
from zicht.casework.services import taak_create
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError
from zicht.diensten.domain.huisverbod import (
    HuisverbodStatus,
    Oplegger,
    einde_bij_oplegging,
    overgang_toegestaan,
    verlenging_fouten,
)
from zicht.diensten.domain.werk import (
    URENSOORT_VAN_DIENST,
    Urensoort,
    boeking_doel_fouten,
    minuten_fouten,
    team_fouten,
    toewijzing_fouten,
)
from zicht.diensten.models import Dienst, DienstStatus
from zicht.diensten.models_werk import (
    DienstBehandeling,
    Huisverbod,
    HuisverbodVerlenging,
    Tijdregel,
    Toewijzing,
    Voorlichting,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = [
    "HUISVERBOD_TAKEN_PAD",
    "Werkdoel",
    "huisverbod_beeindigen",
    "huisverbod_opleggen",
    "huisverbod_taken",
    "huisverbod_verlengen",
    "tijd_boeken",
    "tijd_corrigeren",
    "voorlichting_opslaan",
    "werk_toewijzen",
    "werk_toewijzen_bulk",
]

HUISVERBOD_TAKEN_PAD = Path(__file__).resolve().parent / "data" / "huisverbod-taken.json"


@dataclass(frozen=True)
class HuisverbodTaak:
    omschrijving: str
    dagen: int | None
    voor_einde: int | None

    def deadline(self, opgelegd: date, einde: date) -> date:
        if self.dagen is not None:
            return opgelegd + timedelta(days=self.dagen)
        return max(einde - timedelta(days=self.voor_einde or 0), opgelegd)


@cache
def huisverbod_taken() -> tuple[HuisverbodTaak, ...]:
    """VT's tasks during a ban (configurable data, ``data/huisverbod-taken.json``)."""
    ruw = json.loads(HUISVERBOD_TAKEN_PAD.read_text(encoding="utf-8"))
    return tuple(
        HuisverbodTaak(t["omschrijving"], t.get("dagen"), t.get("voor_einde")) for t in ruw["taken"]
    )


def _conflict() -> ConcurrentEditError:
    return ConcurrentEditError({"__all__": [CONFLICT_MESSAGE]}, code="conflict")


def _lokaal(moment: datetime) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


# --- Tijdelijk huisverbod ---------------------------------------------------------------------


@transaction.atomic
def huisverbod_opleggen(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    opgelegd_op: datetime,
    opgelegd_door: Oplegger | str,
    uithuisgeplaatste: Betrokkene,
    beschermden: list[Betrokkene],
    toelichting: str = "",
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Huisverbod:
    """Records a ban on ``casus`` (10 days from imposition) and creates VT's tasks."""
    nu = nu if nu is not None else timezone.now()
    fouten: dict[str, list[str]] = {}
    try:
        oplegger = Oplegger(opgelegd_door)
    except ValueError:
        fouten["opgelegd_door"] = ["Kies wie het huisverbod oplegde."]
        oplegger = Oplegger.BURGEMEESTER
    if not casus.is_open:
        fouten["__all__"] = ["Een gesloten casus krijgt geen huisverbod."]
    if opgelegd_op > nu + timedelta(minutes=5):
        fouten["opgelegd_op"] = ["Het moment van oplegging kan niet in de toekomst liggen."]
    if uithuisgeplaatste.casus_id != casus.pk:
        fouten["uithuisgeplaatste"] = ["Kies een betrokkene van deze casus."]
    if not beschermden:
        fouten["beschermden"] = ["Kies ten minste één beschermde persoon."]
    elif any(b.casus_id != casus.pk for b in beschermden):
        fouten["beschermden"] = ["Kies alleen betrokkenen van deze casus."]
    elif any(b.persoon_id == uithuisgeplaatste.persoon_id for b in beschermden):
        fouten["beschermden"] = ["De uithuisgeplaatste kan niet ook beschermd persoon zijn."]
    if fouten:
        raise ValidationError(fouten)
    opgelegd = _lokaal(opgelegd_op)
    einde = einde_bij_oplegging(opgelegd)
    huisverbod = Huisverbod.objects.create(
        casus=casus,
        opgelegd_op=opgelegd_op,
        opgelegd_door=oplegger.value,
        uithuisgeplaatste=uithuisgeplaatste,
        oorspronkelijk_einde=einde,
        einde=einde,
        toelichting=toelichting.strip(),
        aangemaakt_door=actor,
        aangemaakt_op=nu,
    )
    huisverbod.beschermden.set(beschermden)
    for taak in huisverbod_taken():
        taak_create(
            actor=actor,
            casus=casus,
            omschrijving=taak.omschrijving,
            deadline_datum=taak.deadline(opgelegd, einde),
            start=opgelegd,
            toegewezen_aan=actor,
            request=request,
        )
    audit_event_record(
        event=Event.HUISVERBOD_OPGELEGD,
        actor=actor,
        target=huisverbod,
        data={
            "casus": casus.pk,
            "opgelegd_door": oplegger.value,
            "opgelegd": opgelegd,
            "einde": einde,
            "beschermden": len(beschermden),
        },
        request=request,
        at=nu,
    )
    return huisverbod


def _huisverbod_lock(huisverbod: Huisverbod, expected_version: int) -> Huisverbod:
    vers = Huisverbod.objects.select_for_update().get(pk=huisverbod.pk)
    if vers.version != expected_version:
        raise _conflict()
    return vers


@transaction.atomic
def huisverbod_verlengen(
    *,
    actor: AbstractBaseUser,
    huisverbod: Huisverbod,
    expected_version: int,
    nieuw_einde: date,
    besloten_op: date,
    besloten_door: Oplegger | str = Oplegger.BURGEMEESTER,
    reden: str,
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Huisverbod:
    """The burgemeester extends the ban, to at most 4 weeks after imposition."""
    nu = nu if nu is not None else timezone.now()
    vers = _huisverbod_lock(huisverbod, expected_version)
    fouten: dict[str, list[str]] = {}
    try:
        door = Oplegger(besloten_door)
    except ValueError:
        fouten["besloten_door"] = ["Kies wie tot verlenging besloot."]
        door = Oplegger.HULPOFFICIER
    for fout in verlenging_fouten(
        status=HuisverbodStatus(vers.status),
        opgelegd=_lokaal(vers.opgelegd_op),
        huidig_einde=vers.einde,
        nieuw_einde=nieuw_einde,
        besloten_door=door,
        besloten_op=besloten_op,
    ):
        fouten.setdefault(fout.veld, []).append(fout.melding)
    if not reden.strip():
        fouten.setdefault("reden", []).append("Geef de reden van de verlenging.")
    if fouten:
        raise ValidationError(fouten)
    HuisverbodVerlenging.objects.create(
        huisverbod=vers,
        vorig_einde=vers.einde,
        nieuw_einde=nieuw_einde,
        besloten_op=besloten_op,
        besloten_door=door.value,
        reden=reden.strip(),
        door=actor,
        vastgelegd_op=nu,
    )
    vorig = vers.einde
    vers.einde = nieuw_einde
    vers.status = HuisverbodStatus.VERLENGD.value
    vers.version += 1
    vers.save(update_fields=["einde", "status", "version"])
    audit_event_record(
        event=Event.HUISVERBOD_VERLENGD,
        actor=actor,
        target=vers,
        data={"casus": vers.casus_id, "vorig_einde": vorig, "nieuw_einde": nieuw_einde},
        request=request,
        at=nu,
    )
    return vers


@transaction.atomic
def huisverbod_beeindigen(
    *,
    actor: AbstractBaseUser,
    huisverbod: Huisverbod,
    expected_version: int,
    status: HuisverbodStatus | str,
    op: date,
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Huisverbod:
    """Records that the ban ran out or was withdrawn (ingetrokken) on ``op``."""
    nu = nu if nu is not None else timezone.now()
    vers = _huisverbod_lock(huisverbod, expected_version)
    try:
        naar = HuisverbodStatus(status)
    except ValueError:
        raise ValidationError({"status": ["Kies ‘afgelopen’ of ‘ingetrokken’."]}) from None
    if naar not in (HuisverbodStatus.AFGELOPEN, HuisverbodStatus.INGETROKKEN):
        raise ValidationError({"status": ["Kies ‘afgelopen’ of ‘ingetrokken’."]})
    if not overgang_toegestaan(HuisverbodStatus(vers.status), naar):
        raise ValidationError({"__all__": ["Dit huisverbod is al beëindigd."]})
    opgelegd = _lokaal(vers.opgelegd_op)
    if op < opgelegd:
        raise ValidationError({"op": ["De einddatum kan niet vóór de oplegging liggen."]})
    if naar is HuisverbodStatus.AFGELOPEN and op < vers.einde:
        raise ValidationError(
            {
                "op": [
                    f"Het huisverbod loopt tot {vers.einde:%d-%m-%Y}; eerder stoppen is intrekken."
                ]
            }
        )
    vers.status = naar.value
    vers.beeindigd_op = op
    vers.version += 1
    vers.save(update_fields=["status", "beeindigd_op", "version"])
    audit_event_record(
        event=Event.HUISVERBOD_BEEINDIGD,
        actor=actor,
        target=vers,
        data={"casus": vers.casus_id, "status": naar.value, "op": op},
        request=request,
        at=nu,
    )
    return vers


# --- Voorlichting -----------------------------------------------------------------------------


@transaction.atomic
def voorlichting_opslaan(
    *,
    actor: AbstractBaseUser,
    voorlichting: Voorlichting | None = None,
    expected_version: int | None = None,
    datum: date,
    onderwerp: str,
    doelgroep: str,
    organisatie: str,
    deelnemers: int,
    minuten: int,
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Voorlichting:
    """Creates (``voorlichting`` None) or changes a session; a change needs the version read."""
    nu = nu if nu is not None else timezone.now()
    fouten: dict[str, list[str]] = {}
    for veld, waarde in (("onderwerp", onderwerp), ("doelgroep", doelgroep)):
        if not waarde.strip():
            fouten[veld] = ["Dit veld is verplicht."]
    if not organisatie.strip():
        fouten["organisatie"] = ["Vul de organisatie in."]
    if deelnemers < 0:
        fouten["deelnemers"] = ["Het aantal deelnemers kan niet negatief zijn."]
    if minuten <= 0:
        fouten["minuten"] = ["Vul een duur groter dan 0 in."]
    elif minuten > 24 * 60:
        fouten["minuten"] = ["Een voorlichting duurt niet langer dan 24 uur."]
    if datum > _lokaal(nu) + timedelta(days=366):
        fouten["datum"] = ["Een datum meer dan een jaar vooruit is niet aannemelijk."]
    if voorlichting is not None:
        vers = Voorlichting.objects.select_for_update().get(pk=voorlichting.pk)
        if vers.version != expected_version:
            raise _conflict()
    if fouten:
        raise ValidationError(fouten)
    waarden: dict[str, Any] = {
        "datum": datum,
        "onderwerp": onderwerp.strip(),
        "doelgroep": doelgroep.strip(),
        "organisatie": organisatie.strip(),
        "deelnemers": deelnemers,
        "minuten": minuten,
    }
    if voorlichting is None:
        vers = Voorlichting.objects.create(
            **waarden, gegeven_door=actor, aangemaakt_op=nu, gewijzigd_op=nu
        )
        event = Event.VOORLICHTING_VASTGELEGD
    else:
        for veld, waarde in waarden.items():
            setattr(vers, veld, waarde)
        vers.gewijzigd_op = nu
        vers.version += 1
        vers.save()
        event = Event.VOORLICHTING_GEWIJZIGD
    audit_event_record(
        event=event,
        actor=actor,
        target=vers,
        data={"datum": datum, "deelnemers": deelnemers, "minuten": minuten},
        request=request,
        at=nu,
    )
    return vers


# --- Time registration ------------------------------------------------------------------------


def _soort_van(
    *,
    soort: Urensoort | str | None,
    dienst: Dienst | None,
    huisverbod: Huisverbod | None,
    voorlichting: Voorlichting | None,
) -> Urensoort | None:
    if dienst is not None:
        return URENSOORT_VAN_DIENST.get(dienst.soort)
    if huisverbod is not None:
        return Urensoort.TIJDELIJK_HUISVERBOD
    if voorlichting is not None:
        return Urensoort.VOORLICHTING
    if soort:
        try:
            return Urensoort(soort)
        except ValueError:
            return None
    return None


@transaction.atomic
def tijd_boeken(
    *,
    actor: AbstractBaseUser,
    datum: date,
    minuten: int,
    soort: Urensoort | str | None = None,
    casus: Casus | None = None,
    dienst: Dienst | None = None,
    huisverbod: Huisverbod | None = None,
    voorlichting: Voorlichting | None = None,
    omschrijving: str = "",
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Tijdregel:
    """Books ``minuten`` on ``datum``. The service follows from the dienst, huisverbod or
    voorlichting booked on; casus-level work (advies, VB) names its ``soort``. What can be
    booked on is :func:`~zicht.diensten.domain.werk.boeking_doel_fouten`'s rule (a dienst on a
    day it ran; on a casus without a dienst only the casus-level services), for the pages and the
    API alike. Callers have checked that the user may see the casus (scope)."""
    nu = nu if nu is not None else timezone.now()
    fouten: dict[str, list[str]] = {}
    if sum(x is not None for x in (dienst, huisverbod, voorlichting)) > 1:
        fouten["__all__"] = ["Boek op één dienst, huisverbod of voorlichting tegelijk."]
    gekozen = _soort_van(
        soort=soort, dienst=dienst, huisverbod=huisverbod, voorlichting=voorlichting
    )
    if gekozen is None:
        fouten["soort"] = ["Kies waarvoor de tijd is (de dienst)."]
    if dienst is not None:
        casus = casus or dienst.casus
        if casus.pk != dienst.casus_id:
            fouten["dienst"] = ["Deze dienst hoort niet bij de casus."]
    if huisverbod is not None:
        casus = casus or huisverbod.casus
        if casus.pk != huisverbod.casus_id:
            fouten["huisverbod"] = ["Dit huisverbod hoort niet bij de casus."]
    if voorlichting is not None and casus is not None:
        fouten["casus"] = ["Een voorlichting hoort niet bij een casus."]
    for veld, berichten in boeking_doel_fouten(
        soort=gekozen,
        met_casus=casus is not None,
        op_rij=dienst is not None or huisverbod is not None,
        dienst_loopt=None
        if dienst is None
        else dienst.status == DienstStatus.GESTART
        or (dienst.einde is not None and datum <= dienst.einde),
    ).items():
        fouten.setdefault(veld, []).extend(berichten)
    if datum > _lokaal(nu):
        fouten["datum"] = ["Tijd kan niet vooruit worden geboekt."]
    minuut_fouten = minuten_fouten(minuten, correctie=False)
    if minuut_fouten:
        fouten["minuten"] = minuut_fouten
    if fouten:
        raise ValidationError(fouten)
    assert gekozen is not None
    regel = Tijdregel.objects.create(
        medewerker=actor,
        datum=datum,
        minuten=minuten,
        soort=gekozen.value,
        casus=casus,
        dienst=dienst,
        huisverbod=huisverbod,
        voorlichting=voorlichting,
        omschrijving=omschrijving.strip()[:200],
        vastgelegd_op=nu,
    )
    audit_event_record(
        event=Event.TIJD_GEBOEKT,
        actor=actor,
        target=regel,
        data={
            "soort": gekozen.value,
            "minuten": minuten,
            "datum": datum,
            "casus": casus.pk if casus else None,
            "dienst": dienst.pk if dienst else None,
        },
        request=request,
        at=nu,
    )
    return regel


@transaction.atomic
def tijd_corrigeren(
    *,
    actor: AbstractBaseUser,
    regel: Tijdregel,
    minuten: int,
    omschrijving: str = "",
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Tijdregel:
    """Replaces one of the actor's own bookings with a new row (the old row stays)."""
    nu = nu if nu is not None else timezone.now()
    oud = Tijdregel.objects.select_for_update().get(pk=regel.pk)
    if oud.medewerker_id != actor.pk:
        raise ValidationError({"__all__": ["U kunt alleen uw eigen boekingen corrigeren."]})
    if Tijdregel.objects.filter(corrigeert=oud).exists():
        raise ValidationError(
            {"__all__": ["Deze boeking is al gecorrigeerd; corrigeer de nieuwste boeking."]}
        )
    fouten = minuten_fouten(minuten, correctie=True)
    if fouten:
        raise ValidationError({"minuten": fouten})
    nieuw = Tijdregel.objects.create(
        medewerker=oud.medewerker,
        datum=oud.datum,
        minuten=minuten,
        soort=oud.soort,
        casus_id=oud.casus_id,
        dienst_id=oud.dienst_id,
        huisverbod_id=oud.huisverbod_id,
        voorlichting_id=oud.voorlichting_id,
        omschrijving=(omschrijving.strip() or oud.omschrijving)[:200],
        corrigeert=oud,
        vastgelegd_op=nu,
    )
    audit_event_record(
        event=Event.TIJD_GECORRIGEERD,
        actor=actor,
        target=nieuw,
        data={"corrigeert": oud.pk, "was": oud.minuten, "wordt": minuten},
        request=request,
        at=nu,
    )
    return nieuw


# --- Work assignment --------------------------------------------------------------------------


def _in_team(medewerker: User | AbstractBaseUser, team_id: int | None) -> bool:
    return team_id is not None and Team.objects.filter(pk=team_id, leden__pk=medewerker.pk).exists()


@transaction.atomic
def werk_toewijzen(
    *,
    actor: AbstractBaseUser,
    medewerker: User,
    expected_version: int,
    reden: str = "",
    dienst: Dienst | None = None,
    taak: Taak | None = None,
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Toewijzing:
    """Assigns (or reassigns, with a reason) an open dienst or an open task to a member of the
    casus's team. For a dienst, ``expected_version`` is the version of its
    :class:`DienstBehandeling` (1 when it was never assigned); for a task, the task's version.
    The medewerker also becomes a medewerker of the casus (access) and, for a dienst, the
    assignee of its deadline task."""
    nu = nu if nu is not None else timezone.now()
    if (dienst is None) == (taak is None):
        raise ValidationError({"__all__": ["Kies één dienst of één taak om toe te wijzen."]})
    if dienst is not None:
        dienst = Dienst.objects.select_for_update().select_related("casus").get(pk=dienst.pk)
        behandeling, _ = DienstBehandeling.objects.select_for_update().get_or_create(dienst=dienst)
        if behandeling.version != expected_version:
            raise _conflict()
        if dienst.status != DienstStatus.GESTART:
            raise ValidationError({"__all__": ["Deze dienst is afgerond."]})
        casus = dienst.casus
        huidig_id = behandeling.behandelaar_id
    else:
        assert taak is not None
        taak = Taak.objects.select_for_update().select_related("casus").get(pk=taak.pk)
        if taak.version != expected_version:
            raise _conflict()
        if not taak.is_open:
            raise ValidationError({"__all__": ["Deze taak is al afgerond."]})
        casus = taak.casus
        huidig_id = taak.toegewezen_aan_id
    fouten = toewijzing_fouten(
        medewerker_in_team=_in_team(medewerker, casus.team_id),
        medewerker_actief=medewerker.is_active,
        reden=reden,
        is_herverdeling=huidig_id is not None,
        zelfde_medewerker=huidig_id == medewerker.pk,
    )
    if fouten:
        raise ValidationError(fouten)
    if dienst is not None:
        behandeling.behandelaar = medewerker
        behandeling.toegewezen_op = nu
        behandeling.version += 1
        behandeling.save()
        if dienst.taak_id:
            Taak.objects.filter(pk=dienst.taak_id, afgerond_op__isnull=True).update(
                toegewezen_aan=medewerker, version=F("version") + 1
            )
        rol = (
            MedewerkerRol.ONDERZOEKER if dienst.soort == "onderzoek" else MedewerkerRol.CASEMANAGER
        )
    else:
        assert taak is not None
        taak.toegewezen_aan = medewerker
        taak.version += 1
        taak.save(update_fields=["toegewezen_aan", "version"])
        rol = MedewerkerRol.VEILIGHEIDSBEOORDELAAR
    vandaag = _lokaal(nu)
    if huidig_id is not None and huidig_id != medewerker.pk:
        CasusMedewerker.objects.filter(
            casus=casus, user_id=huidig_id, rol=rol, tot__isnull=True, van__lte=vandaag
        ).update(tot=vandaag)
    if not CasusMedewerker.objects.filter(
        casus=casus, user=medewerker, rol=rol, tot__isnull=True
    ).exists():
        CasusMedewerker.objects.create(casus=casus, user=medewerker, rol=rol, van=vandaag)
    toewijzing = Toewijzing.objects.create(
        dienst=dienst,
        taak=taak,
        van_id=huidig_id,
        naar=medewerker,
        reden=reden.strip()[:500],
        door=actor,
        op=nu,
    )
    audit_event_record(
        event=Event.WERK_TOEGEWEZEN,
        actor=actor,
        target=casus,
        data={
            "dienst": dienst.pk if dienst else None,
            "taak": taak.pk if taak else None,
            "van": huidig_id,
            "naar": medewerker.pk,
            "herverdeling": huidig_id is not None,
        },
        request=request,
        at=nu,
    )
    return toewijzing


@dataclass(frozen=True)
class Werkdoel:
    """One piece of work to assign: a dienst or a task, with the version the caller read (for
    a dienst the version of its :class:`DienstBehandeling`, 1 when never assigned)."""

    expected_version: int
    dienst: Dienst | None = None
    taak: Taak | None = None

    @property
    def casus(self) -> Casus:
        bron = self.dienst if self.dienst is not None else self.taak
        assert bron is not None
        return bron.casus


@transaction.atomic
def werk_toewijzen_bulk(
    *,
    actor: AbstractBaseUser,
    medewerker: User | None,
    doelen: Sequence[Werkdoel],
    reden: str = "",
    team: Team | None = None,
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> list[Toewijzing]:
    """Assigns every ``doel`` to one ``medewerker`` (:func:`werk_toewijzen` each), all or
    nothing. From a team's board (``team``) the team rule comes first
    (:func:`~zicht.diensten.domain.werk.team_fouten`: the actor is a member, every piece of
    work is the team's, the medewerker is a member), refused at the fields ``team``, ``werk``
    and ``medewerker`` before anything is assigned. With more than one item a refusal names
    the casus it concerns (``nummer: melding``); a stale version raises
    :class:`ConcurrentEditError` unchanged. The caller has fetched the dienst/task through the
    user's scope."""
    if medewerker is None:
        raise ValidationError({"medewerker": ["Kies een medewerker van het team."]})
    if not doelen:
        raise ValidationError({"__all__": ["Selecteer het werk dat u wilt toewijzen."]})
    if team is not None:
        fouten = team_fouten(
            team=team.naam,
            actor_in_team=team.actief and _in_team(actor, team.pk),
            medewerker_in_team=_in_team(medewerker, team.pk),
            buiten_team=[d.casus.nummer for d in doelen if d.casus.team_id != team.pk],
        )
        if fouten:
            raise ValidationError(fouten)
    toewijzingen = []
    for doel in doelen:
        try:
            toewijzingen.append(
                werk_toewijzen(
                    actor=actor,
                    medewerker=medewerker,
                    expected_version=doel.expected_version,
                    reden=reden,
                    dienst=doel.dienst,
                    taak=doel.taak,
                    request=request,
                    nu=nu,
                )
            )
        except ConcurrentEditError:
            raise
        except ValidationError as fout:
            if len(doelen) == 1:
                raise
            nummer = doel.casus.nummer
            raise ValidationError(
                {veld: [f"{nummer}: {m}" for m in ms] for veld, ms in fout.message_dict.items()}
            ) from fout
    return toewijzingen


def uren(minuten: int) -> Decimal:
    return (Decimal(minuten) / 60).quantize(Decimal("0.01"))
