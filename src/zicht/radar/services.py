"""Zicht's radar client: the scanner fills the outbox, the sync drains it and fetches match
signals, and users mark signals as handled. Writes are atomic and audited (8xx codes).

Design (ADR 0006): casework and intake know nothing of the radar. The scanner reads their
tables — new betrokkenen after a cursor (re-reading the last hour, because ids are handed out
before commit) and open involvements whose casus has closed — so intake never waits for the
register, and a full reconciliation (``volledig``) finds anything ever missed. The outbox rows
hold the involvement's state at the time and an idempotency key; they are sent in order, and a
register outage only leaves them waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.access import casus_onderdeel_get_for_user, require_permission
from zicht.casework.models import Betrokkene, Casus, CasusStatus
from zicht.people.models import Persoon
from zicht.radar import selectors
from zicht.radar.client import RadarClient, RegisterFout
from zicht.radar.conf import RadarInstelling, radar_instelling
from zicht.radar.domain.pseudoniem import Kenmerken, pseudoniemen
from zicht.radar.models import (
    RadarBetrokkenheid,
    RadarMethode,
    RadarSignaal,
    RadarStand,
    RadarUitgaand,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Page
    from django.http import HttpRequest

__all__ = [
    "SyncUitkomst",
    "casussen_vernietigd",
    "radar_scan",
    "radar_sync",
    "signaal_afhandelen",
    "signalen_inzien",
]

logger = logging.getLogger(__name__)

#: Betrokkenen younger than this are read again by the next scan: an id handed out before a
#: slow transaction committed is never skipped.
VEILIGHEIDSMARGE = timedelta(hours=1)
BLOK = 1000
#: Involvements checked for a newly derivable pseudonym per run; the next run goes on.
AANVUL_BLOK = 500
MAX_WACHTTIJD = timedelta(minutes=10)


@dataclass
class SyncUitkomst:
    actief: bool = True
    nieuw: int = 0
    beeindigd: int = 0
    verzonden: int = 0
    geweigerd: int = 0
    wachtend: int = 0
    signalen: int = 0
    #: Signals about a pseudonym we hold in no involvement: counted, not stored.
    zonder_betrokkenheid: int = 0
    #: Messages the register took whose recording here failed: they stay in the outbox and
    #: go again (same idempotency key); the rest of the run went on.
    opslagfouten: int = 0
    fouten: list[str] = field(default_factory=list)

    @property
    def geslaagd(self) -> bool:
        return not self.fouten


def _stand() -> RadarStand:
    stand, _ = RadarStand.objects.get_or_create(pk=1)
    return stand


def _kenmerken(persoon: Persoon) -> Kenmerken:
    geboortedatum = None
    if persoon.geboortedatum_jaar and persoon.geboortedatum_maand and persoon.geboortedatum_dag:
        try:
            geboortedatum = date(
                persoon.geboortedatum_jaar, persoon.geboortedatum_maand, persoon.geboortedatum_dag
            )
        except ValueError:
            geboortedatum = None
    return Kenmerken(
        bsn=persoon.bsn,
        voornamen=persoon.voornamen,
        tussenvoegsel=persoon.tussenvoegsel,
        achternaam=persoon.achternaam,
        geboortedatum=geboortedatum,
    )


def _dag(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


def _inhoud(betrokkenheid: RadarBetrokkenheid) -> dict[str, object]:
    return {
        "pseudoniemen": betrokkenheid.pseudoniemen,
        "van": betrokkenheid.van.isoformat(),
        "tot": betrokkenheid.tot.isoformat() if betrokkenheid.tot else None,
    }


@transaction.atomic
def _vastleggen(paren: Iterable[tuple[int, int]], instelling: RadarInstelling) -> int:
    """Creates the involvements (and their outbox messages) of new (casus, persoon) pairs."""
    paren = set(paren)
    if not paren:
        return 0
    casus_ids = {c for c, _ in paren}
    bekend = set(
        RadarBetrokkenheid.objects.filter(casus_id__in=casus_ids).values_list(
            "casus_id", "persoon_id"
        )
    )
    paren -= bekend
    if not paren:
        return 0
    casussen = Casus.objects.in_bulk(list({c for c, _ in paren}))
    personen = Persoon.objects.in_bulk(list({p for _, p in paren}))
    nieuw: list[RadarBetrokkenheid] = []
    for casus_id, persoon_id in sorted(paren):
        casus, persoon = casussen[casus_id], personen[persoon_id]
        p = pseudoniemen(instelling.pseudoniemsleutel, _kenmerken(persoon))
        nieuw.append(
            RadarBetrokkenheid(
                casus=casus,
                persoon=persoon,
                pseudoniem_bsn=p.bsn or "",
                pseudoniem_ngd=p.ngd or "",
                van=_dag(casus.geopend_op) or timezone.localdate(),
                tot=_dag(casus.gesloten_op) if casus.status == CasusStatus.GESLOTEN else None,
            )
        )
    RadarBetrokkenheid.objects.bulk_create(nieuw, ignore_conflicts=True)
    opgeslagen = RadarBetrokkenheid.objects.filter(
        referentie__in=[b.referentie for b in nieuw]
    ).order_by("pk")
    RadarUitgaand.objects.bulk_create(
        [RadarUitgaand(betrokkenheid=b, inhoud=_inhoud(b)) for b in opgeslagen if b.pseudoniemen]
    )
    return len(nieuw)


@transaction.atomic
def _beeindigen() -> int:
    """Gives open involvements of closed casussen their end date (and an outbox message)."""
    rijen = list(
        RadarBetrokkenheid.objects.select_for_update(of=("self",))
        .filter(tot__isnull=True, casus__status=CasusStatus.GESLOTEN)
        .select_related("casus")[:BLOK]
    )
    for b in rijen:
        b.tot = max(_dag(b.casus.gesloten_op) or timezone.localdate(), b.van)
    RadarBetrokkenheid.objects.bulk_update(rijen, ["tot"])
    RadarUitgaand.objects.bulk_create(
        [RadarUitgaand(betrokkenheid=b, inhoud=_inhoud(b)) for b in rijen if b.pseudoniemen]
    )
    return len(rijen)


@transaction.atomic
def _aanvullen(
    instelling: RadarInstelling, sinds: datetime, *, na: int = 0, limiet: int | None = None
) -> tuple[int, int | None]:
    """Open involvements whose person changed since ``sinds`` and now yields a pseudonym that
    was missing (a BSN found after intake, a birth date completed) get it, and a message.
    A pseudonym that was sent is never replaced (the register keeps it anyway).

    At most ``limiet`` involvements after pk ``na`` (keyset): returns the number completed and
    the last pk read when there may be more (the next run goes on from there), else None."""
    limiet = AANVUL_BLOK if limiet is None else limiet
    rijen = list(
        RadarBetrokkenheid.objects.select_for_update(of=("self",))
        .filter(tot__isnull=True, persoon__gewijzigd_op__gte=sinds, pk__gt=na)
        .select_related("persoon")
        .order_by("pk")[:limiet]
    )
    aangevuld = []
    for b in rijen:
        p = pseudoniemen(instelling.pseudoniemsleutel, _kenmerken(b.persoon))
        nieuw_bsn = p.bsn if not b.pseudoniem_bsn and p.bsn else None
        nieuw_ngd = p.ngd if not b.pseudoniem_ngd and p.ngd else None
        if nieuw_bsn or nieuw_ngd:
            b.pseudoniem_bsn = b.pseudoniem_bsn or nieuw_bsn or ""
            b.pseudoniem_ngd = b.pseudoniem_ngd or nieuw_ngd or ""
            aangevuld.append(b)
    RadarBetrokkenheid.objects.bulk_update(aangevuld, ["pseudoniem_bsn", "pseudoniem_ngd"])
    RadarUitgaand.objects.bulk_create(
        [RadarUitgaand(betrokkenheid=b, inhoud=_inhoud(b)) for b in aangevuld]
    )
    return len(aangevuld), (rijen[-1].pk if len(rijen) == limiet else None)


def _aanvul_ronde(instelling: RadarInstelling, stand: RadarStand, nu: datetime) -> None:
    """One block of the pass over changed persons. A pass looks at persons changed since
    ``personen_sinds`` (minus the margin); only when it is complete does ``personen_sinds``
    move, to the moment the pass began, so nothing changed during a long pass is missed."""
    if stand.personen_sinds is None:  # the first scan registers everything anyway
        RadarStand.objects.filter(pk=stand.pk).update(personen_sinds=nu)
        return
    begonnen = stand.aanvul_begonnen_op if stand.aanvul_cursor else nu
    _, cursor = _aanvullen(
        instelling, stand.personen_sinds - VEILIGHEIDSMARGE, na=stand.aanvul_cursor
    )
    if cursor is None:
        RadarStand.objects.filter(pk=stand.pk).update(
            personen_sinds=begonnen, aanvul_cursor=0, aanvul_begonnen_op=None
        )
    else:
        RadarStand.objects.filter(pk=stand.pk).update(
            aanvul_cursor=cursor, aanvul_begonnen_op=begonnen
        )


def casussen_vernietigd(casus_ids: Sequence[int]) -> int:
    """Hook for the destruction of casussen (``ZICHT_VERNIETIGING_HAKEN``, ADR 0004), called
    by privacy inside the destruction transaction, before the rows go.

    Queues a withdrawal (``DELETE``) for each involvement of these casussen that had a
    pseudonym, so the register forgets it and the signals it gave rise to. The message
    carries the reference and the casus id itself: the involvement and its earlier messages
    are destroyed with the casus. Also when radar is switched off now (sent once it is on).
    Returns the number of withdrawals queued."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Intrekken hoort in de vernietigingstransactie.")
    rijen = (
        RadarBetrokkenheid.objects.filter(casus_id__in=list(casus_ids))
        .exclude(pseudoniem_bsn="", pseudoniem_ngd="")
        .order_by("pk")
        .values_list("referentie", "casus_id")
    )
    berichten = RadarUitgaand.objects.bulk_create(
        [
            RadarUitgaand(
                methode=RadarMethode.INTREKKEN,
                referentie=referentie,
                casus_nummer=casus_id,
                inhoud={},
            )
            for referentie, casus_id in rijen
        ]
    )
    return len(berichten)


def radar_scan(
    *, instelling: RadarInstelling, nu: datetime | None = None, volledig: bool = False
) -> tuple[int, int]:
    """Finds what casework changed since the last scan and writes outbox messages.

    Returns (new involvements, ended involvements). ``volledig`` also compares every
    betrokkene with the registered involvements (the nightly reconciliation)."""
    nu = nu if nu is not None else timezone.now()
    grens = nu - VEILIGHEIDSMARGE
    stand = _stand()
    laatste = stand.betrokkene_cursor
    cursor, cursor_vast = laatste, False
    nieuw = 0
    while True:
        rijen = list(
            Betrokkene.objects.filter(pk__gt=laatste)
            .order_by("pk")
            .values_list("pk", "casus_id", "persoon_id", "aangemaakt_op")[:BLOK]
        )
        if not rijen:
            break
        nieuw += _vastleggen(((c, p) for _, c, p, _ in rijen), instelling)
        for pk, _, _, aangemaakt_op in rijen:
            if cursor_vast or aangemaakt_op >= grens:
                cursor_vast = True
            else:
                cursor = pk
        laatste = rijen[-1][0]
    if volledig:
        ontbrekend = Betrokkene.objects.filter(
            ~Exists(
                RadarBetrokkenheid.objects.filter(
                    casus_id=OuterRef("casus_id"), persoon_id=OuterRef("persoon_id")
                )
            )
        ).values_list("casus_id", "persoon_id")
        while True:
            blok = list(ontbrekend[:BLOK])
            if not blok:
                break
            nieuw += _vastleggen(blok, instelling)
    if cursor != stand.betrokkene_cursor:
        RadarStand.objects.filter(pk=stand.pk).update(betrokkene_cursor=cursor)
    beeindigd = 0
    while (aantal := _beeindigen()) > 0:
        beeindigd += aantal
    _aanvul_ronde(instelling, stand, nu)
    return nieuw, beeindigd


def _wachttijd(pogingen: int) -> timedelta:
    return min(timedelta(seconds=5 * 2 ** max(0, pogingen - 1)), MAX_WACHTTIJD)


def _casus_id(bericht: RadarUitgaand) -> int | str:
    if bericht.betrokkenheid is not None:
        return bericht.betrokkenheid.casus_id
    return bericht.casus_nummer or ""


def _verzenden(
    client: RadarClient, uitkomst: SyncUitkomst, *, nu: datetime, negeer_wachttijd: bool
) -> None:
    """Sends the outbox in order; stops at the first transient failure (order is kept)."""
    laatste = 0
    while True:
        berichten = list(
            RadarUitgaand.objects.filter(
                verzonden_op__isnull=True, geweigerd_op__isnull=True, pk__gt=laatste
            )
            .select_related("betrokkenheid")
            .order_by("pk")[:100]
        )
        if not berichten:
            return
        for bericht in berichten:
            laatste = bericht.pk
            if not negeer_wachttijd and bericht.volgende_poging_op > max(nu, timezone.now()):
                return
            intrekken = bericht.methode == RadarMethode.INTREKKEN
            referentie = bericht.referentie if intrekken else bericht.betrokkenheid.referentie
            pad = f"/v1/betrokkenheden/{referentie}"
            try:
                client.verzoek(
                    bericht.methode,
                    pad,
                    None if intrekken else bericht.inhoud,
                    idempotentiesleutel=bericht.idempotentiesleutel.hex,
                )
            except RegisterFout as fout:
                bericht.pogingen += 1
                bericht.laatste_fout = fout.bericht[:250]
                if fout.tijdelijk:
                    bericht.volgende_poging_op = timezone.now() + _wachttijd(bericht.pogingen)
                    bericht.save(update_fields=["pogingen", "laatste_fout", "volgende_poging_op"])
                    uitkomst.fouten.append(fout.bericht)
                    return
                with transaction.atomic():
                    bericht.geweigerd_op = timezone.now()
                    bericht.save(update_fields=["pogingen", "laatste_fout", "geweigerd_op"])
                    audit_event_record(
                        event=Event.RADAR_VERZOEK_GEWEIGERD,
                        actor=None,
                        target_type="casework.casus",
                        target_id=_casus_id(bericht),
                        data={"bericht": bericht.pk, "status": fout.status},
                    )
                uitkomst.geweigerd += 1
                continue
            pogingen = bericht.pogingen + 1
            try:
                _verzonden_vastleggen(bericht, intrekken=intrekken)
            except Exception as fout:  # the register has it; this run stops, in order
                # Like a transient failure: the later messages (perhaps an end or withdrawal
                # of the same involvement) wait, so the register never gets them before this
                # one; the next run resends it with the same idempotency key.
                logger.exception("Radar: bericht %s verzonden, vastleggen mislukt", bericht.pk)
                _vastleggen_mislukt(bericht.pk, pogingen=pogingen, fout=fout)
                uitkomst.opslagfouten += 1
                return
            uitkomst.verzonden += 1


def _verzonden_vastleggen(bericht: RadarUitgaand, *, intrekken: bool) -> None:
    """Records that the register took ``bericht``, with its audit event, in one transaction."""
    with transaction.atomic():
        bericht.pogingen += 1
        bericht.verzonden_op = timezone.now()
        bericht.save(update_fields=["pogingen", "verzonden_op"])
        if intrekken:
            audit_event_record(
                event=Event.RADAR_BETROKKENHEID_INGETROKKEN,
                actor=None,
                target_type="casework.casus",
                target_id=_casus_id(bericht),
                data={"bericht": bericht.pk},
            )
        else:
            audit_event_record(
                event=(
                    Event.RADAR_BETROKKENHEID_BEEINDIGD
                    if bericht.inhoud.get("tot")
                    else Event.RADAR_BETROKKENHEID_GEMELD
                ),
                actor=None,
                target_type="casework.casus",
                target_id=_casus_id(bericht),
                data={
                    "betrokkenheid": bericht.betrokkenheid_id,
                    "persoon": bericht.betrokkenheid.persoon_id if bericht.betrokkenheid else None,
                    "bericht": bericht.pk,
                },
            )


def _vastleggen_mislukt(pk: int, *, pogingen: int, fout: Exception) -> None:
    """The register took message ``pk`` but recording that failed (rolled back): the message
    stays in the outbox as after a transient send failure — the attempt counted, the error
    kept, a back-off — and goes again later with the same idempotency key, which the register
    answers as the first time (ADR 0006): nothing is lost or registered twice. The error
    names the exception's type only (its text may quote values)."""
    try:
        RadarUitgaand.objects.filter(pk=pk).update(
            pogingen=pogingen,
            laatste_fout=f"Verzonden, maar vastleggen mislukt ({type(fout).__name__})"[:250],
            volgende_poging_op=timezone.now() + _wachttijd(pogingen),
        )
    except Exception:  # the database itself fails: the outcome's count still reports it
        logger.exception("Radar: de mislukking van bericht %s is niet vastgelegd", pk)


def _betrokkenheid_bij(pseudoniem: str) -> RadarBetrokkenheid | None:
    """Our involvement the signal is about: the open one first, then the latest."""
    if not pseudoniem:
        return None
    return (
        RadarBetrokkenheid.objects.filter(
            Q(pseudoniem_bsn=pseudoniem) | Q(pseudoniem_ngd=pseudoniem)
        )
        .order_by(F("tot").asc(nulls_first=True), "-van", "-pk")
        .first()
    )


def _signalen_ophalen(client: RadarClient, uitkomst: SyncUitkomst) -> None:
    stand = _stand()
    cursor = stand.signaal_cursor
    while True:
        _, data = client.verzoek("GET", f"/v1/signalen?na={cursor}&limiet=500")
        signalen = data.get("signalen", [])
        if not signalen:
            return
        for s in signalen:
            with transaction.atomic():
                b = None
                if not RadarSignaal.objects.filter(register_id=s["id"]).exists():
                    b = _betrokkenheid_bij(str(s.get("pseudoniem", "")))
                    if b is None:
                        # No casus of ours holds this pseudonym (any more): nobody here can act
                        # on it, and a destroyed casus must not come back as a signal. Counted
                        # for `zicht radar status`, not stored (docs/radar.md).
                        uitkomst.zonder_betrokkenheid += 1
                        RadarStand.objects.filter(pk=stand.pk).update(
                            signalen_zonder_betrokkenheid=F("signalen_zonder_betrokkenheid") + 1
                        )
                if b is not None:
                    signaal = RadarSignaal.objects.create(
                        register_id=s["id"],
                        betrokkenheid=b,
                        casus_id=b.casus_id,
                        organisatie_code=str(s.get("organisatie", ""))[:40],
                        organisatie_naam=str(s.get("naam", ""))[:200],
                        contactregel=str(s.get("contact", ""))[:250],
                    )
                    audit_event_record(
                        event=Event.RADAR_OVEREENKOMST_ONTVANGEN,
                        actor=None,
                        target_type="casework.casus",
                        target_id=b.casus_id,
                        data={
                            "signaal": signaal.pk,
                            "betrokkenheid": b.pk,
                            "organisatie": signaal.organisatie_code,
                        },
                    )
                    uitkomst.signalen += 1
                cursor = max(cursor, int(s["id"]))
                RadarStand.objects.filter(pk=stand.pk).update(signaal_cursor=cursor)


def radar_sync(
    *,
    nu: datetime | None = None,
    negeer_wachttijd: bool = False,
    volledig: bool = False,
    instelling: RadarInstelling | None = None,
    client: RadarClient | None = None,
) -> SyncUitkomst:
    """Scan, send the outbox, fetch signals. Never raises for a register outage: the outbox
    simply waits (the outcome lists the errors). Does nothing when radar is off."""
    instelling = instelling if instelling is not None else radar_instelling()
    if instelling is None:
        return SyncUitkomst(actief=False)
    nu = nu if nu is not None else timezone.now()
    client = client if client is not None else RadarClient(instelling)
    uitkomst = SyncUitkomst()
    uitkomst.nieuw, uitkomst.beeindigd = radar_scan(instelling=instelling, nu=nu, volledig=volledig)
    _verzenden(client, uitkomst, nu=nu, negeer_wachttijd=negeer_wachttijd)
    if uitkomst.geslaagd:
        try:
            _signalen_ophalen(client, uitkomst)
        except RegisterFout as fout:
            uitkomst.fouten.append(fout.bericht)
    uitkomst.wachtend = RadarUitgaand.objects.filter(
        verzonden_op__isnull=True, geweigerd_op__isnull=True
    ).count()
    meldingen = list(uitkomst.fouten)
    if uitkomst.opslagfouten:
        meldingen.append(f"{uitkomst.opslagfouten} bericht(en) verzonden maar niet vastgelegd")
        logger.warning(
            "Radar: %s bericht(en) verzonden maar niet vastgelegd; ze gaan opnieuw",
            uitkomst.opslagfouten,
        )
    RadarStand.objects.filter(pk=1).update(
        laatste_sync_op=timezone.now(), laatste_fout="; ".join(meldingen)[:250]
    )
    if uitkomst.fouten:
        logger.warning("Radar: register niet bereikt, %s bericht(en) wachten", uitkomst.wachtend)
    return uitkomst


def signalen_inzien(
    *,
    actor: AbstractBaseUser | AnonymousUser,
    alleen_open: bool = True,
    pagina: int | str | None = 1,
    request: HttpRequest | None = None,
) -> Page[RadarSignaal]:
    """One page of the radar worklist for ``actor``: only signals about casussen in the
    actor's scope (filtered in SQL); the read is audited (805) with the signals shown.
    Without the right to read dossiers: :class:`PermissionDenied`. The one entry for every
    caller (the page, and an API if one comes), so none forgets the check or the audit."""
    require_permission(actor, Perm.CASUS_INZIEN)
    page = selectors.signalen_pagina(actor, alleen_open=alleen_open, pagina=pagina)
    audit_event_record(
        event=Event.RADAR_SIGNALEN_INGEZIEN,
        actor=actor,
        data={"signalen": [s.pk for s in page], "alleen_open": alleen_open},
        request=request,
    )
    return page


def signaal_afhandelen(
    *,
    actor: AbstractBaseUser | AnonymousUser,
    signaal_id: int | str,
    request: HttpRequest | None = None,
) -> RadarSignaal:
    """Marks a signal as handled (the team has contacted the other organisation).

    Without the right to edit dossiers: :class:`PermissionDenied` (403). A signal about a
    casus outside the actor's scope answers as one that does not exist: :class:`Http404`,
    the refusal audited as for any object of a casus outside the scope. Handled already:
    :class:`ValidationError` (a Dutch message)."""
    require_permission(actor, Perm.CASUS_BEWERKEN)
    signaal = casus_onderdeel_get_for_user(
        actor, RadarSignaal.objects.all(), signaal_id, niet_gevonden="Radarsignaal niet gevonden."
    )
    return _signaal_afhandelen(actor=actor, signaal=signaal, request=request)


@transaction.atomic
def _signaal_afhandelen(
    *,
    actor: AbstractBaseUser | AnonymousUser,
    signaal: RadarSignaal,
    request: HttpRequest | None,
) -> RadarSignaal:
    locked = RadarSignaal.objects.select_for_update().get(pk=signaal.pk)
    if locked.afgehandeld_op is not None:
        raise ValidationError({"__all__": ["Dit signaal is al afgehandeld."]})
    locked.afgehandeld_op = timezone.now()
    locked.afgehandeld_door = actor  # type: ignore[assignment]
    locked.save(update_fields=["afgehandeld_op", "afgehandeld_door"])
    audit_event_record(
        event=Event.RADAR_SIGNAAL_AFGEHANDELD,
        actor=actor,
        target_type="casework.casus",
        target_id=locked.casus_id,
        data={"signaal": locked.pk},
        request=request,
    )
    return locked
