"""The content of the diensten after the VB: overdracht, Voorwaarden en Vervolg, Onderzoek and
monitoring (issue 6, items 1-4).

Every write is keyword-only, atomic and audited, and takes the ``expected_version`` of the
dienst the user saw: a second person editing the same plan gets
:class:`~zicht.core.exceptions.ConcurrentEditError` with :data:`CONFLICT_MESSAGE` and nothing
is overwritten. Every step of a process goes through its transition table in
``diensten.domain`` (refused steps give a Dutch message) and is kept as a :class:`DienstStap`.

Follow-up diensten: closing V&V or an Onderzoek creates an *overdracht na bemoeienis* (with
the conditions handed over) and a *monitoring* (schedule from the current
:class:`MonitoringBeleid`), both with ``vorige`` = the closed dienst. An escalation during
monitoring creates an Onderzoek or an RvdK request (with its legal notifications, through
:func:`~zicht.diensten.services.wettelijke_meldingen_vastleggen`), or a task to register an
ambtshalve melding for a new Veiligheidsbeoordeling.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zicht.assessment.models import Ketenpartner
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.models import Casus, JournaalSoort, Taak
from zicht.casework.services import (
    journaal_add,
    taak_afronden,
    taak_create,
    taak_opschorten,
    taak_verlengen,
)
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError
from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.domain import overdracht as ovd
from zicht.diensten.domain import vv
from zicht.diensten.domain.overgang import OngeldigeOvergang
from zicht.diensten.models import (
    Dienst,
    DienstSoort,
    DienstStap,
    DienstStatus,
    MonitoringBeleid,
    MonitoringMoment,
    Nageleefd,
    OnderzoekConclusie,
    PlanRegel,
    PlanRegelSoort,
    PlanRegelStatus,
    Prioriteit,
    Terugkoppeling,
    TerugkoppelingSoort,
    Veiligheid,
    Veiligheidsvoorwaarde,
    WettelijkeMelding,
)
from zicht.diensten.services import BEGIN_FASE, wettelijke_meldingen_vastleggen
from zicht.intake.models import Code, Melding
from zicht.intake.services import organisatie_naam

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = [
    "MAX_VERLENGING_WEKEN",
    "PROCES",
    "Afgerond",
    "fase_bepaler",
    "ketenpartner_opslaan",
    "monitoring_afronden",
    "monitoring_beleid_actueel",
    "monitoring_contact",
    "monitoring_escaleren",
    "monitoringsbeleid_publiceren",
    "onderzoek_afronden",
    "onderzoek_bevindingen",
    "onderzoek_starten",
    "overdracht_aanbieden",
    "overdracht_accepteren",
    "overdracht_weigeren",
    "planregel_status",
    "planregel_toevoegen",
    "termijn_opschorten",
    "termijn_verlengen",
    "voorwaarde_toevoegen",
    "voorwaarde_verwijderen",
    "vv_afronden",
]

#: The process (transition table module) of each kind of dienst.
PROCES: dict[str, ModuleType] = {
    DienstSoort.OVERDRACHT_NA_VB: ovd,
    DienstSoort.OVERDRACHT_NA_BEMOEIENIS: ovd,
    DienstSoort.VOORWAARDEN_EN_VERVOLG: vv,
    DienstSoort.ONDERZOEK: ond,
    DienstSoort.MONITOREN: mon,
}

_KAN_VOORWAARDEN = {
    DienstSoort.OVERDRACHT_NA_VB,
    DienstSoort.OVERDRACHT_NA_BEMOEIENIS,
    DienstSoort.VOORWAARDEN_EN_VERVOLG,
    DienstSoort.ONDERZOEK,
}
_KAN_PLAN = {DienstSoort.VOORWAARDEN_EN_VERVOLG, DienstSoort.ONDERZOEK}
_MET_KLOK = {DienstSoort.VOORWAARDEN_EN_VERVOLG, DienstSoort.ONDERZOEK}
#: The longest single extension of the 10-week clock (weeks), for the page and the API alike.
MAX_VERLENGING_WEKEN = 26


def _nu(nu: datetime | None) -> datetime:
    return nu if nu is not None else timezone.now()


# --- Shared steps ----------------------------------------------------------------------------


def _lock(dienst: Dienst, expected_version: int, soorten: AbstractSet[str] | None = None) -> Dienst:
    """The dienst locked for the write, when still the version the user saw."""
    locked = Dienst.objects.select_for_update().select_related("casus").get(pk=dienst.pk)
    if locked.version != expected_version:
        raise ConcurrentEditError({"__all__": [CONFLICT_MESSAGE]})
    if soorten is not None and locked.soort not in soorten:
        raise ValidationError({"__all__": ["Dit hoort niet bij deze soort dienst."]})
    return locked


def _actie(dienst: Dienst, actie_naam: str) -> tuple[StrEnum, StrEnum, StrEnum]:
    """(van, actie, naar) for ``actie_naam`` in the dienst's process; a ValidationError when
    the table does not allow it."""
    proces = PROCES.get(dienst.soort)
    if proces is None or not dienst.fase:
        raise ValidationError({"__all__": ["Deze dienst heeft geen stappen om te zetten."]})
    van = proces.Fase(dienst.fase)
    actie = proces.Actie(actie_naam)
    try:
        naar = proces.overgang(van, actie)
    except OngeldigeOvergang as fout:
        raise ValidationError({"__all__": [fout.bericht]}) from None
    return van, actie, naar


def _opslaan(dienst: Dienst, velden: Sequence[str] = ()) -> None:
    dienst.version += 1
    dienst.save(update_fields=["version", *velden])


def _stap(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    van: StrEnum,
    actie: StrEnum,
    naar: StrEnum,
    nu: datetime,
    toelichting: str = "",
    request: HttpRequest | None,
) -> None:
    """Keeps a step in the dienst's history and records it in the audit log."""
    DienstStap.objects.create(
        dienst=dienst,
        actie=actie.value,
        van_fase=van.value,
        naar_fase=naar.value,
        door=actor,
        op=nu,
        toelichting=toelichting,
    )
    audit_event_record(
        event=Event.DIENST_OVERGANG,
        actor=actor,
        target=dienst,
        data={
            "casus": dienst.casus_id,
            "soort": dienst.soort,
            "actie": actie.value,
            "van": van.value,
            "naar": naar.value,
        },
        request=request,
    )


def _bewerken(dienst: Dienst, expected_version: int, soorten: AbstractSet[str]) -> Dienst:
    locked = _lock(dienst, expected_version, soorten)
    _actie(locked, "bewerken")
    return locked


def _raise(fouten: dict[str, list[str]]) -> None:
    if fouten:
        raise ValidationError(fouten)


# --- Conditions and plan ---------------------------------------------------------------------


@transaction.atomic
def voorwaarde_toevoegen(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    tekst: str,
    wie: str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Veiligheidsvoorwaarde:
    """Adds a safety condition and who must meet it (V&V, Onderzoek, overdracht)."""
    nu = _nu(nu)
    locked = _bewerken(dienst, expected_version, _KAN_VOORWAARDEN)
    fouten: dict[str, list[str]] = {}
    if not tekst.strip():
        fouten["tekst"] = ["Beschrijf de veiligheidsvoorwaarde."]
    if not wie.strip():
        fouten["wie"] = ["Vul in wie aan deze voorwaarde moet voldoen."]
    _raise(fouten)
    volgorde = locked.voorwaarden.count() + 1
    voorwaarde = Veiligheidsvoorwaarde.objects.create(
        dienst=locked,
        tekst=tekst.strip(),
        wie=wie.strip(),
        volgorde=volgorde,
        vastgelegd_door=actor,
        vastgelegd_op=nu,
    )
    _opslaan(locked)
    audit_event_record(
        event=Event.VEILIGHEIDSVOORWAARDE_VASTGELEGD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "voorwaarde": voorwaarde.pk},
        request=request,
    )
    return voorwaarde


@transaction.atomic
def voorwaarde_verwijderen(
    *,
    actor: AbstractBaseUser,
    voorwaarde: Veiligheidsvoorwaarde,
    expected_version: int,
    request: HttpRequest | None = None,
) -> None:
    """Removes a condition while the dienst can still be edited."""
    locked = _bewerken(voorwaarde.dienst, expected_version, _KAN_VOORWAARDEN)
    pk = voorwaarde.pk
    Veiligheidsvoorwaarde.objects.filter(pk=pk, dienst=locked).delete()
    _opslaan(locked)
    audit_event_record(
        event=Event.VEILIGHEIDSVOORWAARDE_VERWIJDERD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "voorwaarde": pk},
        request=request,
    )


@transaction.atomic
def planregel_toevoegen(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    soort: str,
    omschrijving: str,
    eigenaar: str = "",
    persoon_id: int | None = None,
    deadline: date | None = None,
    prioriteit: str = "",
    herstel: str = "",
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> PlanRegel:
    """Adds a line to the veiligheidsplan: an action (who, by when), care a family member needs
    (who, priority), harm suffered (who, how it is repaired) or an agreement with the family."""
    nu = _nu(nu)
    locked = _bewerken(dienst, expected_version, _KAN_PLAN)
    fouten: dict[str, list[str]] = {}
    if soort not in PlanRegelSoort.values:
        fouten["soort"] = ["Kies wat voor regel van het plan dit is."]
    if not omschrijving.strip():
        fouten["omschrijving"] = ["Vul een omschrijving in."]
    if soort == PlanRegelSoort.ACTIE:
        if not eigenaar.strip():
            fouten["eigenaar"] = ["Vul in wie deze actie uitvoert."]
        if deadline is None:
            fouten["deadline"] = ["Vul in wanneer de actie uiterlijk klaar is."]
    if soort in (PlanRegelSoort.ZORG, PlanRegelSoort.SCHADE) and persoon_id is None:
        fouten["persoon"] = ["Kies het gezinslid om wie het gaat."]
    if soort == PlanRegelSoort.ZORG and prioriteit not in Prioriteit.values:
        fouten["prioriteit"] = ["Kies de prioriteit van deze zorg."]
    if soort == PlanRegelSoort.SCHADE and not herstel.strip():
        fouten["herstel"] = ["Beschrijf hoe de schade wordt hersteld."]
    if (
        persoon_id is not None
        and not locked.casus.betrokkenen.filter(persoon_id=persoon_id).exists()
    ):
        fouten["persoon"] = ["Deze persoon hoort niet bij deze casus."]
    _raise(fouten)
    regel = PlanRegel.objects.create(
        dienst=locked,
        soort=soort,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar.strip(),
        persoon_id=persoon_id,
        deadline=deadline,
        prioriteit=prioriteit if soort == PlanRegelSoort.ZORG else "",
        herstel=herstel.strip(),
        vastgelegd_door=actor,
        vastgelegd_op=nu,
    )
    _opslaan(locked)
    audit_event_record(
        event=Event.PLANREGEL_VASTGELEGD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "planregel": regel.pk, "soort": soort},
        request=request,
    )
    return regel


@transaction.atomic
def planregel_status(
    *,
    actor: AbstractBaseUser,
    regel: PlanRegel,
    expected_version: int,
    status: str,
    request: HttpRequest | None = None,
) -> PlanRegel:
    """Sets the status of a plan line (open, loopt, gereed, vervallen)."""
    locked = _bewerken(regel.dienst, expected_version, _KAN_PLAN)
    if status not in PlanRegelStatus.values:
        raise ValidationError({"status": ["Kies een geldige status."]})
    regel = PlanRegel.objects.get(pk=regel.pk, dienst=locked)
    regel.status = status
    regel.save(update_fields=["status"])
    _opslaan(locked)
    audit_event_record(
        event=Event.PLANREGEL_GEWIJZIGD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "planregel": regel.pk, "status": status},
        request=request,
    )
    return regel


# --- Clock -----------------------------------------------------------------------------------


def _klok_lock(dienst: Dienst, expected_version: int, actie: str) -> tuple[Dienst, Taak]:
    locked = _lock(dienst, expected_version, _MET_KLOK)
    _actie(locked, actie)
    if locked.taak_id is None:
        raise ValidationError({"__all__": ["Deze dienst heeft geen termijn."]})
    return locked, Taak.objects.get(pk=locked.taak_id)


@transaction.atomic
def termijn_opschorten(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    van: date,
    tot: date,
    reden: str,
    request: HttpRequest | None = None,
) -> Dienst:
    """Suspends the 10-week clock (casework's task suspension: reason, days, who) and keeps
    the dienst's deadline equal to the task's."""
    locked, taak = _klok_lock(dienst, expected_version, "opschorten")
    if not reden.strip():
        raise ValidationError({"reden": ["Geef de reden van de opschorting."]})
    taak = taak_opschorten(actor=actor, taak=taak, van=van, tot=tot, reden=reden, request=request)
    locked.deadline = taak.deadline
    _opslaan(locked, ["deadline"])
    audit_event_record(
        event=Event.DIENST_TERMIJN_OPGESCHORT,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "van": van, "tot": tot, "deadline": locked.deadline},
        request=request,
    )
    return locked


@transaction.atomic
def termijn_verlengen(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    aantal: int,
    reden: str,
    request: HttpRequest | None = None,
) -> Dienst:
    """Extends the 10-week clock by ``aantal`` of the term's own unit (weeks for the 10-week
    terms; reason, who): at least 1, at most :data:`MAX_VERLENGING_WEKEN` per extension."""
    locked, taak = _klok_lock(dienst, expected_version, "verlengen")
    if not reden.strip():
        raise ValidationError({"reden": ["Geef de reden van de verlenging."]})
    if aantal < 1:
        raise ValidationError({"aantal": ["Verleng met minstens één week."]})
    if aantal > MAX_VERLENGING_WEKEN:
        raise ValidationError(
            {"aantal": [f"Verleng met hooguit {MAX_VERLENGING_WEKEN} weken per keer."]}
        )
    taak = taak_verlengen(actor=actor, taak=taak, aantal=aantal, reden=reden, request=request)
    locked.deadline = taak.deadline
    _opslaan(locked, ["deadline"])
    audit_event_record(
        event=Event.DIENST_TERMIJN_VERLENGD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "aantal": aantal, "deadline": locked.deadline},
        request=request,
    )
    return locked


# --- Closing and what follows ----------------------------------------------------------------


@dataclass
class Afgerond:
    """What closing a dienst set in motion."""

    dienst: Dienst
    vervolgen: list[Dienst] = field(default_factory=list)
    wettelijke_meldingen: list[WettelijkeMelding] = field(default_factory=list)
    terugkoppelingen: list[Terugkoppeling] = field(default_factory=list)
    taak: Taak | None = None


def _sluiten(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    naar: StrEnum,
    einde: date,
    velden: Sequence[str],
    nu: datetime,
    request: HttpRequest | None,
) -> None:
    dienst.fase = naar.value
    dienst.status = DienstStatus.AFGEROND
    dienst.einde = einde
    dienst.afgerond_door = actor  # type: ignore[assignment]
    _opslaan(dienst, ["fase", "status", "einde", "afgerond_door", *velden])
    for taak_id in (dienst.taak_id, dienst.start_taak_id):
        if taak_id is not None:
            taak = Taak.objects.get(pk=taak_id)
            if taak.is_open:
                taak_afronden(actor=actor, taak=taak, op=nu, request=request)
    op_tijd = dienst.deadline is None or einde <= dienst.deadline
    audit_event_record(
        event=Event.DIENST_AFGEROND,
        actor=actor,
        target=dienst,
        data={
            "casus": dienst.casus_id,
            "soort": dienst.soort,
            "fase": dienst.fase,
            "einde": einde,
            "op_tijd": op_tijd,
        },
        request=request,
    )
    journaal_add(
        actor=actor,
        casus=dienst.casus,
        soort=JournaalSoort.NOTITIE,
        tekst=f"{dienst.get_soort_display()} afgerond ({dienst.fase}).",
        moment=nu,
        nu=nu,
        request=request,
    )


def _nieuwe_dienst(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    soort: DienstSoort,
    vorige: Dienst | None,
    start: date,
    nu: datetime,
    request: HttpRequest | None,
    **velden: Any,
) -> Dienst:
    dienst = Dienst.objects.create(
        casus=casus,
        vorige=vorige,
        soort=soort.value,
        fase=BEGIN_FASE.get(soort, ""),
        start=start,
        aangemaakt_door=actor,
        aangemaakt_op=nu,
        **velden,
    )
    audit_event_record(
        event=Event.DIENST_AANGEMAAKT,
        actor=actor,
        target=dienst,
        data={
            "casus": casus.pk,
            "soort": dienst.soort,
            "vorige": vorige.pk if vorige else None,
            "deadline": dienst.deadline,
        },
        request=request,
    )
    return dienst


def monitoring_beleid_actueel() -> MonitoringBeleid:
    """The newest published monitoring policy (version 1 is loaded by a migration; recreated
    from the default when the table was emptied)."""
    beleid = MonitoringBeleid.objects.order_by("-versie").first()
    if beleid is None:
        beleid = MonitoringBeleid.objects.create(
            versie=1,
            omschrijving="Maandelijks tot 3 maanden, daarna per kwartaal tot 18 maanden",
            stappen=[
                {"interval_maanden": 1, "tot_maand": 3},
                {"interval_maanden": 3, "tot_maand": 18},
            ],
            gepubliceerd_op=timezone.now(),
        )
    return beleid


def fasering(beleid: MonitoringBeleid) -> list[mon.Fasering]:
    return [
        mon.Fasering(int(stap["interval_maanden"]), int(stap["tot_maand"]))
        for stap in beleid.stappen
    ]


def _vervolg_starten(
    *,
    actor: AbstractBaseUser,
    afgesloten: Dienst,
    start: date,
    nu: datetime,
    request: HttpRequest | None,
) -> list[Dienst]:
    """Overdracht na bemoeienis (with the conditions to hand over) and monitoring with its
    schedule, both following ``afgesloten``."""
    overdracht = _nieuwe_dienst(
        actor=actor,
        casus=afgesloten.casus,
        soort=DienstSoort.OVERDRACHT_NA_BEMOEIENIS,
        vorige=afgesloten,
        start=start,
        nu=nu,
        request=request,
    )
    Veiligheidsvoorwaarde.objects.bulk_create(
        [
            Veiligheidsvoorwaarde(
                dienst=overdracht,
                tekst=v.tekst,
                wie=v.wie,
                volgorde=v.volgorde,
                vastgelegd_door=actor,
                vastgelegd_op=nu,
            )
            for v in afgesloten.voorwaarden.all()
        ]
    )
    return [
        overdracht,
        monitoring_starten(actor=actor, vorige=afgesloten, start=start, nu=nu, request=request),
    ]


def monitoring_starten(
    *,
    actor: AbstractBaseUser,
    vorige: Dienst,
    start: date,
    nu: datetime,
    request: HttpRequest | None,
) -> Dienst:
    """A monitoring following ``vorige`` with its contact moments from the current policy."""
    beleid = monitoring_beleid_actueel()
    dienst = _nieuwe_dienst(
        actor=actor,
        casus=vorige.casus,
        soort=DienstSoort.MONITOREN,
        vorige=vorige,
        start=start,
        nu=nu,
        request=request,
        monitoring_beleid=beleid,
    )
    MonitoringMoment.objects.bulk_create(
        [
            MonitoringMoment(dienst=dienst, volgnummer=i, gepland_op=d)
            for i, d in enumerate(mon.schema(start, fasering(beleid)), start=1)
        ]
    )
    return dienst


@transaction.atomic
def vv_afronden(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    motivering: str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Afgerond:
    """Closes Voorwaarden en Vervolg: needs at least one condition and a motivation; starts
    the overdracht na bemoeienis and the monitoring."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, {DienstSoort.VOORWAARDEN_EN_VERVOLG})
    van, actie, naar = _actie(locked, "afronden")
    _raise(vv.afronden_fouten(aantal_voorwaarden=locked.voorwaarden.count(), motivering=motivering))
    vandaag = timezone.localdate(nu)
    locked.afsluiting = motivering.strip()
    _sluiten(
        actor=actor,
        dienst=locked,
        naar=naar,
        einde=vandaag,
        velden=["afsluiting"],
        nu=nu,
        request=request,
    )
    _stap(actor=actor, dienst=locked, van=van, actie=actie, naar=naar, nu=nu, request=request)
    vervolgen = _vervolg_starten(
        actor=actor, afgesloten=locked, start=vandaag, nu=nu, request=request
    )
    return Afgerond(dienst=locked, vervolgen=vervolgen)


# --- Onderzoek -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gestart:
    dienst: Dienst
    te_laat: bool
    uiterlijk: date | None


@transaction.atomic
def onderzoek_starten(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    gestart_op: date,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Gestart:
    """Records the start of the Onderzoek. Later than the term 'onderzoek_start' (5 days after
    receipt of the melding, DOMAIN §4) is allowed but marked and reported as a warning."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, {DienstSoort.ONDERZOEK})
    van, actie, naar = _actie(locked, "starten")
    if gestart_op > timezone.localdate(nu):
        raise ValidationError({"gestart_op": ["De startdatum ligt in de toekomst."]})
    if gestart_op < locked.start:
        raise ValidationError(
            {
                "gestart_op": [
                    f"Het onderzoek start niet vóór het besluit ({locked.start:%d-%m-%Y})."
                ]
            }
        )
    uiterlijk = None
    if locked.start_taak_id is not None:
        start_taak = Taak.objects.get(pk=locked.start_taak_id)
        uiterlijk = start_taak.deadline
        if start_taak.is_open:
            taak_afronden(actor=actor, taak=start_taak, op=nu, request=request)
    te_laat = uiterlijk is not None and ond.start_te_laat(gestart_op, uiterlijk)
    locked.fase = naar.value
    locked.gestart_op = gestart_op
    locked.start_te_laat = te_laat
    _opslaan(locked, ["fase", "gestart_op", "start_te_laat"])
    _stap(actor=actor, dienst=locked, van=van, actie=actie, naar=naar, nu=nu, request=request)
    audit_event_record(
        event=Event.ONDERZOEK_GESTART,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "gestart_op": gestart_op, "te_laat": te_laat},
        request=request,
    )
    return Gestart(dienst=locked, te_laat=te_laat, uiterlijk=uiterlijk)


@transaction.atomic
def onderzoek_bevindingen(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    bevindingen: str,
    vervolg_na_onderzoek: Sequence[str] = (),
    request: HttpRequest | None = None,
) -> Dienst:
    """Saves the findings (and the follow-up codes after the Onderzoek) of a running Onderzoek."""
    locked = _bewerken(dienst, expected_version, {DienstSoort.ONDERZOEK})
    codes = _vervolg_codes(vervolg_na_onderzoek)
    locked.bevindingen = bevindingen.strip()
    locked.vervolg_na_onderzoek = codes
    _opslaan(locked, ["bevindingen", "vervolg_na_onderzoek"])
    audit_event_record(
        event=Event.ONDERZOEK_BEVINDINGEN_VASTGELEGD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "vervolg_na_onderzoek": codes},
        request=request,
    )
    return locked


def _vervolg_codes(codes: Sequence[str]) -> list[str]:
    geldig = set(
        Code.objects.filter(lijst="vervolg_na_onderzoek", actief=True).values_list(
            "code", flat=True
        )
    )
    onbekend = sorted(set(codes) - geldig)
    if onbekend:
        raise ValidationError(
            {
                "vervolg_na_onderzoek": [
                    "Onbekende code(s) vervolg na onderzoek: " + ", ".join(onbekend) + "."
                ]
            }
        )
    return sorted(set(codes))


def onderzoek_aarden(dienst: Dienst) -> list[str]:
    """The aard codes of the melding whose besluit started this Onderzoek (empty when it
    followed an escalation)."""
    if dienst.besluit_id is None:
        return []
    melding = Melding.objects.filter(veiligheidsbeoordeling__besluiten=dienst.besluit_id).first()
    if melding is None:
        return []
    return sorted(set(melding.aarden.values_list("code", flat=True)))


@transaction.atomic
def onderzoek_afronden(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    conclusies: Sequence[ond.ConclusieInvoer],
    bevindingen: str | None = None,
    rvdk_verzoek: bool = False,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Afgerond:
    """Closes the Onderzoek with a conclusion per aard of violence (the 2015 outcome code is
    derived), optionally a request to the RvdK (the request and the notification of the
    municipal college are recorded), feedback to the melder, and — unless every conclusion is
    'voortijdig afgesloten' — overdracht na bemoeienis and monitoring."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, {DienstSoort.ONDERZOEK})
    van, actie, naar = _actie(locked, "afronden")
    if bevindingen is not None:
        locked.bevindingen = bevindingen.strip()
    _raise(
        ond.afronden_fouten(
            conclusies=conclusies,
            aarden_gemeld=onderzoek_aarden(locked),
            aantal_voorwaarden=locked.voorwaarden.count(),
            bevindingen=locked.bevindingen,
        )
    )
    geldig = set(Code.objects.filter(lijst="aard").values_list("code", flat=True))
    onbekend = sorted({c.aard for c in conclusies} - geldig)
    if onbekend:
        raise ValidationError({"conclusies": ["Onbekende aard: " + ", ".join(onbekend) + "."]})
    rijen = OnderzoekConclusie.objects.bulk_create(
        [
            OnderzoekConclusie(
                dienst=locked,
                aard=c.aard,
                conclusie=c.conclusie.value,
                kind=c.kind,
                reden=c.reden.value if c.reden else "",
                uitkomst=ond.uitkomst_code(c.conclusie, kind=c.kind, reden=c.reden),
                vastgelegd_door=actor,
                vastgelegd_op=nu,
            )
            for c in conclusies
        ]
    )
    audit_event_record(
        event=Event.ONDERZOEK_CONCLUSIE_VASTGELEGD,
        actor=actor,
        target=locked,
        data={
            "casus": locked.casus_id,
            "uitkomsten": sorted(r.uitkomst for r in rijen),
            "rvdk": rvdk_verzoek,
        },
        request=request,
    )
    vandaag = timezone.localdate(nu)
    _sluiten(
        actor=actor,
        dienst=locked,
        naar=naar,
        einde=vandaag,
        velden=["bevindingen"],
        nu=nu,
        request=request,
    )
    _stap(actor=actor, dienst=locked, van=van, actie=actie, naar=naar, nu=nu, request=request)
    uitkomst = Afgerond(dienst=locked)
    if rvdk_verzoek:
        uitkomst.vervolgen.append(
            _rvdk_verzoek(
                actor=actor, vorige=locked, aanleiding="het onderzoek", nu=nu, request=request
            )
        )
        uitkomst.wettelijke_meldingen = list(
            WettelijkeMelding.objects.filter(casus=locked.casus, vastgelegd_op=nu)
        )
    voortijdig = all(c.conclusie is ond.Conclusie.VOORTIJDIG_AFGESLOTEN for c in conclusies)
    if not voortijdig:
        uitkomst.vervolgen.extend(
            _vervolg_starten(actor=actor, afgesloten=locked, start=vandaag, nu=nu, request=request)
        )
    uitkomst.terugkoppelingen = _terugkoppeling_na_onderzoek(
        actor=actor,
        dienst=locked,
        vervolg=not voortijdig,
        rvdk=rvdk_verzoek,
        nu=nu,
        request=request,
    )
    return uitkomst


def _rvdk_verzoek(
    *,
    actor: AbstractBaseUser,
    vorige: Dienst,
    aanleiding: str,
    nu: datetime,
    request: HttpRequest | None,
) -> Dienst:
    dienst = _nieuwe_dienst(
        actor=actor,
        casus=vorige.casus,
        soort=DienstSoort.RVDK_VERZOEK,
        vorige=vorige,
        start=timezone.localdate(nu),
        nu=nu,
        request=request,
        ontvangende_partij="Raad voor de Kinderbescherming",
        status=DienstStatus.AFGEROND,
        einde=timezone.localdate(nu),
    )
    wettelijke_meldingen_vastleggen(
        actor=actor,
        casus=vorige.casus,
        besluit=None,
        rvdk=True,
        aanleiding=aanleiding,
        nu=nu,
        request=request,
    )
    audit_event_record(
        event=Event.RVDK_VERZOEK_VASTGELEGD,
        actor=actor,
        target=dienst,
        data={"casus": vorige.casus_id, "vorige": vorige.pk},
        request=request,
    )
    return dienst


def _terugkoppeling_na_onderzoek(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    vervolg: bool,
    rvdk: bool,
    nu: datetime,
    request: HttpRequest | None,
) -> list[Terugkoppeling]:
    """The feedback after the Onderzoek to the melder of the melding the besluit was about
    (DOMAIN §6): not for an ambtshalve melding, nor when the Onderzoek followed an escalation
    (no melder)."""
    if dienst.besluit_id is None:
        return []
    melding = (
        Melding.objects.filter(veiligheidsbeoordeling__besluiten=dienst.besluit_id)
        .select_related("casus")
        .first()
    )
    if melding is None or melding.ambtshalve:
        return []
    overgenomen = (
        "Raad voor de Kinderbescherming" if rvdk else (organisatie_naam() if vervolg else "")
    )
    taak = taak_create(
        actor=actor,
        casus=dienst.casus,
        omschrijving=f"Terugkoppeling aan de melder na het onderzoek ({melding.nummer})",
        deadline_datum=timezone.localdate(nu),
        start=timezone.localdate(nu),
        request=request,
    )
    terugkoppeling = Terugkoppeling.objects.create(
        melding=melding,
        soort=TerugkoppelingSoort.NA_ONDERZOEK,
        besluit_id=dienst.besluit_id,
        dienst=dienst,
        vervolg_gestart=vervolg or rvdk,
        overgenomen_door=overgenomen,
        taak=taak,
        aangemaakt_op=nu,
    )
    audit_event_record(
        event=Event.TERUGKOPPELING_AANGEMAAKT,
        actor=actor,
        target=melding,
        data={"terugkoppeling": terugkoppeling.pk, "soort": terugkoppeling.soort},
        request=request,
    )
    return [terugkoppeling]


# --- Overdracht ------------------------------------------------------------------------------

_OVERDRACHT = {DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS}


@transaction.atomic
def overdracht_aanbieden(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    ketenpartner: Ketenpartner | None,
    aangeboden_op: date,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Dienst:
    """Offers the casus with its conditions to a ketenpartner (again, after a refusal)."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, _OVERDRACHT)
    van, actie, naar = _actie(locked, "aanbieden")
    fouten = ovd.aanbieden_fouten(
        heeft_partner=ketenpartner is not None, aantal_voorwaarden=locked.voorwaarden.count()
    )
    if ketenpartner is not None and not ketenpartner.actief:
        fouten["ketenpartner"] = ["Deze ketenpartner is niet meer actief."]
    if aangeboden_op > timezone.localdate(nu):
        fouten["aangeboden_op"] = ["De datum van het aanbod ligt in de toekomst."]
    elif aangeboden_op < locked.start:
        fouten["aangeboden_op"] = [f"Het aanbod ligt vóór de start ({locked.start:%d-%m-%Y})."]
    _raise(fouten)
    assert ketenpartner is not None
    locked.fase = naar.value
    locked.ketenpartner = ketenpartner
    locked.ontvangende_partij = ketenpartner.naam
    locked.aangeboden_op = aangeboden_op
    locked.geweigerd_op = None
    _opslaan(
        locked, ["fase", "ketenpartner", "ontvangende_partij", "aangeboden_op", "geweigerd_op"]
    )
    _stap(
        actor=actor,
        dienst=locked,
        van=van,
        actie=actie,
        naar=naar,
        nu=nu,
        toelichting=ketenpartner.naam,
        request=request,
    )
    audit_event_record(
        event=Event.OVERDRACHT_AANGEBODEN,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "ketenpartner": ketenpartner.pk},
        request=request,
    )
    return locked


@transaction.atomic
def overdracht_accepteren(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    geaccepteerd_op: date,
    geaccepteerd_door: str,
    verantwoordelijk_vanaf: date,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Dienst:
    """Records the partner's acceptance (date, by whom) and the moment the responsibility for
    safety passes; the overdracht ends on that moment."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, _OVERDRACHT)
    van, actie, naar = _actie(locked, "accepteren")
    assert locked.aangeboden_op is not None
    fouten = ovd.accepteren_fouten(
        aangeboden_op=locked.aangeboden_op,
        geaccepteerd_op=geaccepteerd_op,
        verantwoordelijk_vanaf=verantwoordelijk_vanaf,
        door=geaccepteerd_door,
    )
    if verantwoordelijk_vanaf > timezone.localdate(nu) and "verantwoordelijk_vanaf" not in fouten:
        fouten["verantwoordelijk_vanaf"] = [
            "Leg de overdracht vast op of na de dag dat de verantwoordelijkheid overgaat."
        ]
    _raise(fouten)
    locked.geaccepteerd_op = geaccepteerd_op
    locked.geaccepteerd_door = geaccepteerd_door.strip()
    locked.verantwoordelijk_vanaf = verantwoordelijk_vanaf
    _sluiten(
        actor=actor,
        dienst=locked,
        naar=naar,
        einde=verantwoordelijk_vanaf,
        velden=["geaccepteerd_op", "geaccepteerd_door", "verantwoordelijk_vanaf"],
        nu=nu,
        request=request,
    )
    _stap(actor=actor, dienst=locked, van=van, actie=actie, naar=naar, nu=nu, request=request)
    audit_event_record(
        event=Event.OVERDRACHT_GEACCEPTEERD,
        actor=actor,
        target=locked,
        data={
            "casus": locked.casus_id,
            "ketenpartner": locked.ketenpartner_id,
            "verantwoordelijk_vanaf": verantwoordelijk_vanaf,
        },
        request=request,
    )
    return locked


@transaction.atomic
def overdracht_weigeren(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    geweigerd_op: date,
    reden: str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Dienst:
    """Records that the partner refused: the overdracht stays open and shows as a risk until
    another offer is accepted."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, _OVERDRACHT)
    van, actie, naar = _actie(locked, "weigeren")
    fouten: dict[str, list[str]] = {}
    if not reden.strip():
        fouten["reden"] = ["Geef de reden die de ketenpartner noemde."]
    assert locked.aangeboden_op is not None
    if geweigerd_op < locked.aangeboden_op:
        fouten["geweigerd_op"] = [
            f"De weigering ligt vóór het aanbod ({locked.aangeboden_op:%d-%m-%Y})."
        ]
    _raise(fouten)
    locked.fase = naar.value
    locked.geweigerd_op = geweigerd_op
    locked.reden_weigering = reden.strip()
    _opslaan(locked, ["fase", "geweigerd_op", "reden_weigering"])
    _stap(
        actor=actor,
        dienst=locked,
        van=van,
        actie=actie,
        naar=naar,
        nu=nu,
        toelichting=reden.strip(),
        request=request,
    )
    audit_event_record(
        event=Event.OVERDRACHT_GEWEIGERD,
        actor=actor,
        target=locked,
        data={"casus": locked.casus_id, "ketenpartner": locked.ketenpartner_id},
        request=request,
    )
    return locked


@transaction.atomic
def ketenpartner_opslaan(
    *,
    actor: AbstractBaseUser,
    ketenpartner: Ketenpartner | None,
    naam: str,
    soort: str,
    contactpersoon: str = "",
    telefoon: str = "",
    email: str = "",
    veilig_thuis: bool = False,
    actief: bool = True,
    request: HttpRequest | None = None,
) -> Ketenpartner:
    """Adds a ketenpartner to the register, or changes one (``ketenpartner``)."""
    fouten: dict[str, list[str]] = {}
    if not naam.strip():
        fouten["naam"] = ["Vul de naam van de organisatie in."]
    elif (
        Ketenpartner.objects.filter(naam__iexact=naam.strip())
        .exclude(pk__in=[ketenpartner.pk] if ketenpartner else [])
        .exists()
    ):
        fouten["naam"] = ["Er is al een ketenpartner met deze naam."]
    if not soort.strip():
        fouten["soort"] = ["Kies het type organisatie."]
    _raise(fouten)
    rij = ketenpartner if ketenpartner is not None else Ketenpartner()
    rij.naam = naam.strip()
    rij.soort = soort.strip()
    rij.contactpersoon = contactpersoon.strip()
    rij.telefoon = telefoon.strip()
    rij.email = email.strip()
    rij.veilig_thuis = veilig_thuis
    rij.actief = actief
    rij.save()
    audit_event_record(
        event=Event.KETENPARTNER_VASTGELEGD,
        actor=actor,
        target=rij,
        data={"nieuw": ketenpartner is None, "actief": actief},
        request=request,
    )
    return rij


# --- Monitoring ------------------------------------------------------------------------------


@transaction.atomic
def monitoringsbeleid_publiceren(
    *,
    actor: AbstractBaseUser,
    omschrijving: str,
    stappen: Sequence[mon.Fasering],
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> MonitoringBeleid:
    """Publishes a new version of the staged monitoring policy; running monitorings keep the
    schedule they were made with."""
    nu = _nu(nu)
    fouten: dict[str, list[str]] = {}
    if not omschrijving.strip():
        fouten["omschrijving"] = ["Vul een omschrijving in."]
    stap_fouten = mon.beleid_fouten(stappen)
    if stap_fouten:
        fouten["stappen"] = stap_fouten
    _raise(fouten)
    laatste = MonitoringBeleid.objects.select_for_update().order_by("-versie").first()
    beleid = MonitoringBeleid.objects.create(
        versie=(laatste.versie + 1) if laatste else 1,
        omschrijving=omschrijving.strip(),
        stappen=[
            {"interval_maanden": s.interval_maanden, "tot_maand": s.tot_maand} for s in stappen
        ],
        gepubliceerd_op=nu,
        gepubliceerd_door=actor,
    )
    audit_event_record(
        event=Event.MONITORINGSBELEID_GEPUBLICEERD,
        actor=actor,
        target=beleid,
        data={"versie": beleid.versie, "momenten": len(mon.schema_maanden(stappen))},
        request=request,
    )
    return beleid


@transaction.atomic
def monitoring_contact(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    datum: date,
    met_wie: str,
    voorwaarden: str,
    veiligheid: str,
    herstel: str = "",
    notitie: str = "",
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> MonitoringMoment:
    """Records a contact: it fills the earliest planned moment not yet held whose date is not
    more than :data:`~zicht.diensten.domain.monitoring.GEMIST_NA_DAGEN` days after the
    contact, or becomes an extra moment. A contact before the schedule started is refused."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, {DienstSoort.MONITOREN})
    _actie(locked, "contact")  # lopend -> lopend: allowed only while monitoring runs
    fouten = mon.contact_fouten(
        datum=datum, start=locked.start, vandaag=timezone.localdate(nu), met_wie=met_wie
    )
    if voorwaarden not in Nageleefd.values:
        fouten["voorwaarden"] = ["Geef aan of de voorwaarden worden nageleefd (ja, deels, nee)."]
    if veiligheid not in Veiligheid.values:
        fouten["veiligheid"] = ["Geef aan of de veiligheid stabiel of instabiel is."]
    _raise(fouten)
    moment = (
        locked.momenten.select_for_update()
        .filter(
            uitgevoerd_op__isnull=True,
            gepland_op__isnull=False,
            gepland_op__lte=datum + timedelta(days=mon.GEMIST_NA_DAGEN),
        )
        .order_by("gepland_op")
        .first()
    )
    if moment is None:
        laatste = (
            locked.momenten.order_by("-volgnummer").values_list("volgnummer", flat=True).first()
        )
        moment = MonitoringMoment(dienst=locked, volgnummer=(laatste or 0) + 1)
    moment.uitgevoerd_op = datum
    moment.met_wie = met_wie.strip()
    moment.voorwaarden = voorwaarden
    moment.veiligheid = veiligheid
    moment.herstel = herstel.strip()
    moment.notitie = notitie.strip()
    moment.vastgelegd_door = actor  # type: ignore[assignment]
    moment.vastgelegd_op = nu
    moment.save()
    _opslaan(locked)
    audit_event_record(
        event=Event.MONITORING_CONTACT_VASTGELEGD,
        actor=actor,
        target=locked,
        data={
            "casus": locked.casus_id,
            "moment": moment.pk,
            "gepland": moment.gepland_op is not None,
            "voorwaarden": voorwaarden,
            "veiligheid": veiligheid,
        },
        request=request,
    )
    return moment


def _laatste_contact_onveilig(dienst: Dienst) -> bool:
    laatste = (
        dienst.momenten.filter(uitgevoerd_op__isnull=False)
        .order_by("-uitgevoerd_op", "-volgnummer")
        .values_list("veiligheid", flat=True)
        .first()
    )
    return laatste == Veiligheid.INSTABIEL


@transaction.atomic
def monitoring_afronden(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    eindoordeel: str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Afgerond:
    """Ends the monitoring with a final assessment (required). When the last contact found the
    safety unstable, it must be escalated instead."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, {DienstSoort.MONITOREN})
    van, actie, naar = _actie(locked, "afronden")
    _raise(
        mon.afronden_fouten(
            eindoordeel=eindoordeel, open_onveilig=_laatste_contact_onveilig(locked)
        )
    )
    locked.afsluiting = eindoordeel.strip()
    _sluiten(
        actor=actor,
        dienst=locked,
        naar=naar,
        einde=timezone.localdate(nu),
        velden=["afsluiting"],
        nu=nu,
        request=request,
    )
    _stap(actor=actor, dienst=locked, van=van, actie=actie, naar=naar, nu=nu, request=request)
    return Afgerond(dienst=locked)


@transaction.atomic
def monitoring_escaleren(
    *,
    actor: AbstractBaseUser,
    dienst: Dienst,
    expected_version: int,
    escalatie: str,
    reden: str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Afgerond:
    """Safety was lost: ends the monitoring and starts, linked to it, an Onderzoek (with its
    10-week clock), an RvdK request (with its legal notifications), or — for a new
    Veiligheidsbeoordeling — a task due today to register the ambtshalve melding (intake
    registers it with its persons and codes)."""
    nu = _nu(nu)
    locked = _lock(dienst, expected_version, {DienstSoort.MONITOREN})
    van, actie, naar = _actie(locked, "escaleren")
    fouten: dict[str, list[str]] = {}
    if escalatie not in mon.Escalatie.__members__.values():
        fouten["escalatie"] = ["Kies wat de escalatie in gang zet."]
    if not reden.strip():
        fouten["reden"] = ["Beschrijf waarom de veiligheid verloren is."]
    _raise(fouten)
    soort = mon.Escalatie(escalatie)
    vandaag = timezone.localdate(nu)
    locked.afsluiting = reden.strip()
    locked.escalatie = soort.value
    _sluiten(
        actor=actor,
        dienst=locked,
        naar=naar,
        einde=vandaag,
        velden=["afsluiting", "escalatie"],
        nu=nu,
        request=request,
    )
    _stap(
        actor=actor,
        dienst=locked,
        van=van,
        actie=actie,
        naar=naar,
        nu=nu,
        toelichting=soort.value,
        request=request,
    )
    uitkomst = Afgerond(dienst=locked)
    if soort is mon.Escalatie.ONDERZOEK:
        taak = taak_create(
            actor=actor,
            casus=locked.casus,
            omschrijving=f"Onderzoek afgerond (escalatie monitoring {locked.casus.nummer})",
            termijn_code="onderzoek_afronding",
            start=vandaag,
            request=request,
        )
        uitkomst.vervolgen.append(
            _nieuwe_dienst(
                actor=actor,
                casus=locked.casus,
                soort=DienstSoort.ONDERZOEK,
                vorige=locked,
                start=vandaag,
                nu=nu,
                request=request,
                deadline=taak.deadline,
                taak=taak,
            )
        )
    elif soort is mon.Escalatie.RVDK:
        uitkomst.vervolgen.append(
            _rvdk_verzoek(
                actor=actor,
                vorige=locked,
                aanleiding="een escalatie tijdens het monitoren",
                nu=nu,
                request=request,
            )
        )
    else:
        uitkomst.taak = taak_create(
            actor=actor,
            casus=locked.casus,
            omschrijving="Ambtshalve melding registreren: veiligheid verloren tijdens monitoren",
            deadline_datum=vandaag,
            start=vandaag,
            request=request,
        )
    audit_event_record(
        event=Event.MONITORING_GEESCALEERD,
        actor=actor,
        target=locked,
        data={
            "casus": locked.casus_id,
            "escalatie": soort.value,
            "vervolg": [d.pk for d in uitkomst.vervolgen],
            "taak": uitkomst.taak.pk if uitkomst.taak else None,
        },
        request=request,
    )
    return uitkomst


def fase_bepaler(casus_id: int) -> Any:
    """The :data:`intake.domain.classificatie.FaseBepaler` of the whole flow (ADR 0004): the
    assessment's answer ("tijdens VB" / "na VB"), but "tijdens monitoring" for a casus whose
    meldingen are all decided and that has a running monitoring."""
    from zicht.assessment.services import fase_bepaler as vb_fase
    from zicht.intake.domain.classificatie import Fase

    fase = vb_fase(casus_id)
    if (
        fase is Fase.NA_VB
        and Dienst.objects.filter(
            casus_id=casus_id, soort=DienstSoort.MONITOREN, status=DienstStatus.GESTART
        ).exists()
    ):
        return Fase.TIJDENS_MONITORING
    return fase
