"""What the register does: record involvements, signal matches to both sides, answer look-ups
only for organisations that are themselves involved, and log every refusal."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from django.db import connection, transaction
from django.db.models import Q

from zicht.radar.register.models import Betrokkenheid, Logregel, LogSoort, Organisatie, Signaal


def log(
    soort: LogSoort,
    *,
    organisatie: Organisatie | None = None,
    detail: str = "",
    adres: str | None = None,
) -> None:
    Logregel.objects.create(soort=soort, organisatie=organisatie, detail=detail[:250], adres=adres)


def _vergrendel(pseudoniemen: Sequence[str]) -> None:
    """Serialises registrations of the same pseudonym (PostgreSQL; SQLite's IMMEDIATE
    transactions serialise every writer already), so that two organisations registering the
    same person at the same moment still produce their pair of signals exactly once."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for waarde in sorted(set(pseudoniemen)):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [waarde])


def _overeenkomsten(organisatie: Organisatie, pseudoniemen: Sequence[str]) -> dict[int, str]:
    """Other organisation id → one pseudonym it shares with ``pseudoniemen``."""
    gevonden: dict[int, str] = {}
    rijen = (
        Betrokkenheid.objects.filter(pseudoniem__in=list(pseudoniemen))
        .exclude(organisatie=organisatie)
        .values_list("organisatie_id", "pseudoniem")
        .order_by("organisatie_id", "pseudoniem")
    )
    for organisatie_id, pseudoniem in rijen:
        gevonden.setdefault(organisatie_id, pseudoniem)
    return gevonden


def organisaties_beschreven(ids: Sequence[int]) -> list[dict[str, str]]:
    """Name and contact line only, ordered by code."""
    return [
        {"organisatie": o.code, "naam": o.naam, "contact": o.contactregel}
        for o in Organisatie.objects.filter(pk__in=list(ids)).order_by("code")
    ]


@transaction.atomic
def betrokkenheid_vastleggen(
    *,
    organisatie: Organisatie,
    referentie: uuid.UUID,
    pseudoniemen: Sequence[str],
    van: date,
    tot: date | None,
    adres: str | None = None,
) -> dict[str, object]:
    """Records (or updates: idempotent) the involvement ``referentie`` of ``organisatie``.

    A match is signalled to both sides when the involvement is new (or gains a pseudonym),
    another organisation holds one of its pseudonyms, and ``organisatie`` had no other open
    involvement with that person already (then both sides were told before). One signal per
    side per involvement, whatever the retries.
    """
    _vergrendel(pseudoniemen)
    bestaande = list(Betrokkenheid.objects.filter(organisatie=organisatie, referentie=referentie))
    bekend = {b.pseudoniem for b in bestaande}
    nieuw = [p for p in dict.fromkeys(pseudoniemen) if p not in bekend]
    if bestaande:
        vorige_tot = bestaande[0].tot
        van = min(van, bestaande[0].van)
        Betrokkenheid.objects.filter(organisatie=organisatie, referentie=referentie).update(
            van=van, tot=tot
        )
        if tot is not None and vorige_tot is None:
            log(LogSoort.BEEINDIGD, organisatie=organisatie, detail=str(referentie), adres=adres)
    Betrokkenheid.objects.bulk_create(
        [
            Betrokkenheid(
                organisatie=organisatie, referentie=referentie, pseudoniem=p, van=van, tot=tot
            )
            for p in nieuw
        ]
    )
    if not bestaande:
        log(LogSoort.GEREGISTREERD, organisatie=organisatie, detail=str(referentie), adres=adres)

    alle = list(bekend | set(nieuw))
    andere = _overeenkomsten(organisatie, alle)
    if nieuw and andere:
        al_open = (
            Betrokkenheid.objects.filter(
                organisatie=organisatie, pseudoniem__in=alle, tot__isnull=True
            )
            .exclude(referentie=referentie)
            .exists()
        )
        if not al_open:
            signalen = []
            for andere_id, pseudoniem in andere.items():
                for ontvanger_id, ander_id in (
                    (andere_id, organisatie.pk),
                    (organisatie.pk, andere_id),
                ):
                    signalen.append(
                        Signaal(
                            ontvanger_id=ontvanger_id,
                            andere_id=ander_id,
                            pseudoniem=pseudoniem,
                            aanleiding_organisatie=organisatie,
                            aanleiding_referentie=referentie,
                        )
                    )
            Signaal.objects.bulk_create(signalen, ignore_conflicts=True)
            log(
                LogSoort.OVEREENKOMST,
                organisatie=organisatie,
                detail=f"{referentie}: {len(andere)} andere organisatie(s)",
                adres=adres,
            )
    return {
        "referentie": str(referentie),
        "overeenkomsten": organisaties_beschreven(list(andere)),
    }


@transaction.atomic
def betrokkenheid_intrekken(
    *, organisatie: Organisatie, referentie: uuid.UUID, adres: str | None = None
) -> dict[str, object]:
    """Forgets the involvement ``referentie`` of ``organisatie`` (its casus was destroyed):
    its pseudonyms, the signals it gave rise to, and the signals about a pseudonym that
    ``organisatie`` now holds in no other involvement. Idempotent: an unknown (or already
    withdrawn) reference is answered the same way, with nothing removed."""
    rijen = Betrokkenheid.objects.filter(organisatie=organisatie, referentie=referentie)
    pseudoniemen = sorted(set(rijen.values_list("pseudoniem", flat=True)))
    _vergrendel(pseudoniemen)
    verwijderd, _ = rijen.delete()
    nog = set(
        Betrokkenheid.objects.filter(
            organisatie=organisatie, pseudoniem__in=pseudoniemen
        ).values_list("pseudoniem", flat=True)
    )
    los = [p for p in pseudoniemen if p not in nog]
    Signaal.objects.filter(
        Q(aanleiding_organisatie=organisatie, aanleiding_referentie=referentie)
        | (Q(pseudoniem__in=los) & (Q(ontvanger=organisatie) | Q(andere=organisatie)))
    ).delete()
    if verwijderd:
        log(LogSoort.INGETROKKEN, organisatie=organisatie, detail=str(referentie), adres=adres)
    return {"referentie": str(referentie), "ingetrokken": verwijderd > 0}


def overeenkomsten_opvragen(
    *, organisatie: Organisatie, pseudoniem: str, adres: str | None = None
) -> list[dict[str, str]] | None:
    """The other organisations involved with ``pseudoniem`` — or None (refused and logged)
    when ``organisatie`` is not itself involved with that person."""
    if not Betrokkenheid.objects.filter(organisatie=organisatie, pseudoniem=pseudoniem).exists():
        log(LogSoort.GEWEIGERD_NIET_BETROKKEN, organisatie=organisatie, adres=adres)
        return None
    andere = _overeenkomsten(organisatie, [pseudoniem])
    log(LogSoort.OPGEVRAAGD, organisatie=organisatie, adres=adres)
    return organisaties_beschreven(list(andere))


def signalen_lijst(*, organisatie: Organisatie, na: int, limiet: int) -> list[dict[str, object]]:
    rijen = (
        Signaal.objects.filter(ontvanger=organisatie, pk__gt=na)
        .select_related("andere")
        .order_by("pk")[:limiet]
    )
    return [
        {
            "id": s.pk,
            "pseudoniem": s.pseudoniem,
            "organisatie": s.andere.code,
            "naam": s.andere.naam,
            "contact": s.andere.contactregel,
            "aangemaakt_op": s.aangemaakt_op.isoformat(),
        }
        for s in rijen
    ]
