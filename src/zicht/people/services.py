"""Writes for persons, addresses, relations and gezag: keyword-only, atomic, audited.

Errors are :class:`django.core.exceptions.ValidationError` with a dict keyed by field and
Dutch messages; nothing is saved when one is raised. Audit data holds ids and field names
only — never a BSN, a name or an address.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record, schrijfblok
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError
from zicht.people.domain.bsn import BSN, BsnFout
from zicht.people.domain.dates import (
    DatumFout,
    PartialDate,
    validate_geboortedatum,
    validate_verwachte_geboortedatum,
)
from zicht.people.models import (
    GERICHTE_RELATIES,
    Adres,
    Gemeente,
    Geslacht,
    Gezag,
    GezagSoort,
    Persoon,
    Relatie,
    RelatieSoort,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = [
    "PERSOON_WIJZIGBARE_VELDEN",
    "ConcurrentEditError",
    "adres_add",
    "gezag_add",
    "persoon_create",
    "persoon_update",
    "relatie_add",
]

#: The fields :func:`persoon_update` accepts in ``changes``.
PERSOON_WIJZIGBARE_VELDEN = frozenset(
    {
        "bsn",
        "voornamen",
        "tussenvoegsel",
        "achternaam",
        "geboortedatum",
        "ongeboren",
        "verwachte_geboortedatum",
        "geslacht",
        "gemeente",
    }
)

MELDING_ZICHZELF = "Een persoon kan geen relatie met zichzelf hebben."
MELDING_KIND_OUDER = "Het kind kan niet ouder zijn dan de ouder."
MELDING_KLEINKIND_OUDER = "Het kleinkind kan niet ouder zijn dan de grootouder."


def _vandaag(vandaag: date | None) -> date:
    return vandaag if vandaag is not None else timezone.localdate()


def _persoon_regels(persoon: Persoon, *, vandaag: date) -> dict[str, list[str]]:
    """The person rules of people.domain, as field errors."""
    errors: dict[str, list[str]] = {}
    if persoon.bsn:
        try:
            persoon.bsn = BSN.parse(persoon.bsn).waarde
        except BsnFout as fout:
            errors.setdefault("bsn", []).append(fout.bericht)
    datum = persoon.geboortedatum
    if persoon.ongeboren:
        if datum is not None:
            errors.setdefault("geboortedatum", []).append(
                "Een ongeboren kind heeft nog geen geboortedatum; vul de verwachte datum in."
            )
        if persoon.verwachte_geboortedatum is None:
            errors.setdefault("verwachte_geboortedatum", []).append(
                "Vul de verwachte geboortedatum in."
            )
        else:
            try:
                validate_verwachte_geboortedatum(persoon.verwachte_geboortedatum, vandaag=vandaag)
            except DatumFout as fout:
                errors.setdefault("verwachte_geboortedatum", []).append(fout.bericht)
    else:
        if persoon.verwachte_geboortedatum is not None:
            errors.setdefault("verwachte_geboortedatum", []).append(
                "Alleen een ongeboren kind heeft een verwachte geboortedatum."
            )
        if datum is not None:
            try:
                validate_geboortedatum(datum, vandaag=vandaag)
            except DatumFout as fout:
                errors.setdefault("geboortedatum", []).append(fout.bericht)
    if not persoon.achternaam.strip():
        errors.setdefault("achternaam", []).append("Vul de achternaam in.")
    return errors


def _valideren(persoon: Persoon, *, vandaag: date) -> None:
    """The person rules and the model's field checks; raises ValidationError, writes nothing.

    The model's check constraints (a day needs a month, a month a year) follow from
    PartialDate, so they are left to the database instead of a query each; a municipality
    passed as a loaded object needs no existence query either."""
    errors = _persoon_regels(persoon, vandaag=vandaag)
    geladen = ["gemeente"] if Persoon.gemeente.is_cached(persoon) else []
    try:
        persoon.full_clean(
            exclude=["geboortedatum_vroegst", "naam_sleutel", "zoeksleutel", *geladen, *errors],
            validate_constraints=False,
        )
    except ValidationError as exc:
        for veld, berichten in exc.message_dict.items():
            errors.setdefault(veld, []).extend(berichten)
    if errors:
        raise ValidationError(errors)


def _opslaan(persoon: Persoon, *, vandaag: date) -> None:
    _valideren(persoon, vandaag=vandaag)
    persoon.save()


def persoon_create(
    *,
    actor: AbstractBaseUser,
    achternaam: str,
    voornamen: str = "",
    tussenvoegsel: str = "",
    bsn: str = "",
    geboortedatum: PartialDate | None = None,
    ongeboren: bool = False,
    verwachte_geboortedatum: date | None = None,
    geslacht: str = Geslacht.ONBEKEND,
    gemeente: Gemeente | None = None,
    vandaag: date | None = None,
    request: HttpRequest | None = None,
) -> Persoon:
    """Registers a person. ``bsn`` may be typed with dots or spaces; it is stored as nine
    digits. ``vandaag`` (default: today in Amsterdam) is the reference for the date rules."""
    persoon = Persoon(
        bsn=bsn.strip(),
        voornamen=voornamen.strip(),
        tussenvoegsel=tussenvoegsel.strip(),
        achternaam=achternaam.strip(),
        ongeboren=ongeboren,
        verwachte_geboortedatum=verwachte_geboortedatum,
        geslacht=geslacht,
        gemeente=gemeente,
    )
    persoon.geboortedatum = geboortedatum
    _valideren(persoon, vandaag=_vandaag(vandaag))
    with schrijfblok():
        persoon.save()
        audit_event_record(
            event=Event.PERSOON_AANGEMAAKT,
            actor=actor,
            target=persoon,
            data={"velden": sorted(_ingevulde_velden(persoon))},
            request=request,
        )
    return persoon


def _ingevulde_velden(persoon: Persoon) -> set[str]:
    return {veld for veld in PERSOON_WIJZIGBARE_VELDEN if _waarde(persoon, veld)}


def _waarde(persoon: Persoon, veld: str) -> object:
    if veld == "gemeente":
        return persoon.gemeente_id
    return getattr(persoon, veld)


@transaction.atomic
def persoon_update(
    *,
    actor: AbstractBaseUser,
    persoon: Persoon,
    expected_version: int,
    changes: Mapping[str, object],
    vandaag: date | None = None,
    request: HttpRequest | None = None,
) -> Persoon:
    """Changes the fields in ``changes`` (keys from :data:`PERSOON_WIJZIGBARE_VELDEN`).

    ``expected_version`` is the version the user's form was based on; when someone else saved
    in between, :class:`ConcurrentEditError` is raised and nothing changes.
    """
    onbekend = set(changes) - PERSOON_WIJZIGBARE_VELDEN
    if onbekend:
        raise ValueError(f"Onbekende velden voor persoon_update: {sorted(onbekend)}")
    locked = Persoon.objects.select_for_update().get(pk=persoon.pk)
    if locked.version != expected_version:
        raise ConcurrentEditError({"__all__": [CONFLICT_MESSAGE]})
    gewijzigd: list[str] = []
    for veld, nieuw in changes.items():
        if isinstance(nieuw, str):
            nieuw = nieuw.strip()
        if veld == "gemeente":
            oud: object = locked.gemeente_id
            nieuw_id = nieuw.pk if isinstance(nieuw, Gemeente) else nieuw
            if oud != nieuw_id:
                locked.gemeente_id = nieuw_id  # type: ignore[assignment]
                gewijzigd.append(veld)
            continue
        if veld == "bsn" and isinstance(nieuw, str) and nieuw:
            # An invalid BSN stays as typed: the rules below report it at the field.
            with contextlib.suppress(BsnFout):
                nieuw = BSN.parse(nieuw).waarde
        if getattr(locked, veld) != nieuw:
            setattr(locked, veld, nieuw)
            gewijzigd.append(veld)
    if not gewijzigd:
        return locked
    locked.version += 1
    _opslaan(locked, vandaag=_vandaag(vandaag))
    audit_event_record(
        event=Event.PERSOON_GEWIJZIGD,
        actor=actor,
        target=locked,
        data={"velden": sorted(gewijzigd), "versie": locked.version},
        request=request,
    )
    return locked


def adres_add(
    *,
    actor: AbstractBaseUser,
    persoon: Persoon,
    geldig_van: date,
    straat: str = "",
    huisnummer: str = "",
    postcode: str = "",
    woonplaats: str = "",
    gemeente: Gemeente | None = None,
    geheim: bool = False,
    geldig_tot: date | None = None,
    request: HttpRequest | None = None,
) -> Adres:
    """Adds an address to the person's history (earlier addresses stay as they are: a person
    may have several at once, e.g. a registered address and a secret shelter address)."""
    adres = Adres(
        persoon=persoon,
        straat=straat.strip(),
        huisnummer=huisnummer.strip(),
        postcode=_postcode(postcode),
        woonplaats=woonplaats.strip(),
        gemeente=gemeente,
        geheim=geheim,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
    )
    errors: dict[str, list[str]] = {}
    if adres.postcode and not _postcode_geldig(adres.postcode):
        errors["postcode"] = ["Een postcode bestaat uit 4 cijfers en 2 letters, zoals 1811 AB."]
    if geldig_tot is not None and geldig_tot < geldig_van:
        errors["geldig_tot"] = ["De einddatum ligt vóór de begindatum."]
    if not (adres.straat or adres.postcode or adres.woonplaats or adres.gemeente_id):
        errors["__all__"] = ["Vul ten minste een straat, postcode, woonplaats of gemeente in."]
    # The period check constraint is the geldig_tot rule above; the person and municipality
    # are loaded objects: no query for either.
    geladen = ["persoon", *(["gemeente"] if gemeente is not None else [])]
    try:
        adres.full_clean(exclude=[*errors, *geladen], validate_constraints=False)
    except ValidationError as exc:
        for veld, berichten in exc.message_dict.items():
            errors.setdefault(veld, []).extend(berichten)
    if errors:
        raise ValidationError(errors)
    with schrijfblok():
        adres.save()
        audit_event_record(
            event=Event.ADRES_VASTGELEGD,
            actor=actor,
            target=persoon,
            data={"adres": adres.pk, "geheim": adres.geheim},
            request=request,
        )
    return adres


def _postcode(tekst: str) -> str:
    compact = "".join(tekst.split()).upper()
    if len(compact) == 6:
        return f"{compact[:4]} {compact[4:]}"
    return tekst.strip().upper()


def _postcode_geldig(postcode: str) -> bool:
    cijfers, _, letters = postcode.partition(" ")
    return (
        len(cijfers) == 4
        and cijfers.isascii()
        and cijfers.isdigit()
        and cijfers[0] != "0"
        and len(letters) == 2
        and letters.isascii()
        and letters.isalpha()
    )


def _ouderdom_fout(ouder: Persoon, kind: Persoon) -> bool:
    """True when the child is certainly older than the (grand)parent."""
    if ouder.ongeboren:
        return True
    if kind.ongeboren:
        return False
    ouder_datum, kind_datum = ouder.geboortedatum, kind.geboortedatum
    if ouder_datum is None or kind_datum is None:
        return False
    return kind_datum.definitely_before(ouder_datum)


def relatie_add(
    *,
    actor: AbstractBaseUser,
    persoon_a: Persoon,
    persoon_b: Persoon,
    soort: str,
    request: HttpRequest | None = None,
) -> Relatie:
    """Records a family relation. For ouder–kind ``persoon_a`` is the parent and ``persoon_b``
    the child (grootouder–kleinkind likewise); the other kinds have no direction."""
    fouten = _relatie_fouten([(persoon_a, persoon_b, soort)], overslaan=False)[0]
    if fouten:
        raise ValidationError(fouten)
    return _relaties_schrijven(actor, [(persoon_a, persoon_b, soort)], request)[0]


def relaties_add(
    *,
    actor: AbstractBaseUser,
    paren: Sequence[tuple[Persoon, Persoon, str]],
    bestaande_overslaan: bool = False,
    request: HttpRequest | None = None,
) -> list[Relatie]:
    """Records several relations (``(persoon_a, persoon_b, soort)``, as :func:`relatie_add`)
    with one check and one insert; all or none. With ``bestaande_overslaan`` a relation that
    is already recorded (in either direction, or earlier in ``paren``) is skipped instead of
    refused. Errors are keyed by the pair's position: ``{"0": [...]}``."""
    fouten = _relatie_fouten(paren, overslaan=bestaande_overslaan)
    if any(fouten):
        raise ValidationError(
            {
                str(i): [m for berichten in f.values() for m in berichten]
                for i, f in enumerate(fouten)
                if f
            }
        )
    nieuw = [paar for paar, f in zip(paren, fouten, strict=True) if f is not None]
    return _relaties_schrijven(actor, nieuw, request)


def _relatie_fouten(
    paren: Sequence[tuple[Persoon, Persoon, str]], *, overslaan: bool
) -> list[dict[str, list[str]] | None]:
    """Per pair its errors by field (empty: fine), or ``None`` for a pair to skip (recorded
    already, with ``overslaan``). One query for the relations among all these persons."""
    ids = {p.pk for a, b, _ in paren for p in (a, b)}
    vastgelegd = set(
        Relatie.objects.filter(persoon_a__in=ids, persoon_b__in=ids).values_list(
            "persoon_a_id", "persoon_b_id", "soort"
        )
    )
    uitkomst: list[dict[str, list[str]] | None] = []
    for persoon_a, persoon_b, soort in paren:
        errors: dict[str, list[str]] = {}
        if soort not in RelatieSoort.values:
            errors["soort"] = ["Kies een soort relatie."]
        if persoon_a.pk == persoon_b.pk:
            errors["persoon_b"] = [MELDING_ZICHZELF]
        elif soort in GERICHTE_RELATIES and _ouderdom_fout(persoon_a, persoon_b):
            errors["persoon_b"] = [
                MELDING_KIND_OUDER if soort == RelatieSoort.OUDER_KIND else MELDING_KLEINKIND_OUDER
            ]
        if not errors:
            heen = (persoon_a.pk, persoon_b.pk, soort) in vastgelegd
            terug = (persoon_b.pk, persoon_a.pk, soort) in vastgelegd
            if overslaan and (heen or terug):
                uitkomst.append(None)
                continue
            if heen or (terug and soort not in GERICHTE_RELATIES):
                errors["persoon_b"] = ["Deze relatie is al vastgelegd."]
            elif terug:
                errors["persoon_b"] = ["Deze relatie is al in omgekeerde richting vastgelegd."]
            vastgelegd.add((persoon_a.pk, persoon_b.pk, soort))
        uitkomst.append(errors)
    return uitkomst


def _relaties_schrijven(
    actor: AbstractBaseUser,
    paren: Sequence[tuple[Persoon, Persoon, str]],
    request: HttpRequest | None,
) -> list[Relatie]:
    with schrijfblok():
        relaties = Relatie.objects.bulk_create(
            [Relatie(persoon_a=a, persoon_b=b, soort=soort) for a, b, soort in paren]
        )
        for relatie in relaties:
            audit_event_record(
                event=Event.RELATIE_VASTGELEGD,
                actor=actor,
                target=relatie,
                data={
                    "soort": relatie.soort,
                    "persoon_a": relatie.persoon_a_id,
                    "persoon_b": relatie.persoon_b_id,
                },
                request=request,
            )
    return relaties


@transaction.atomic
def gezag_add(
    *,
    actor: AbstractBaseUser,
    kind: Persoon,
    gezaghebbende: Persoon,
    soort: str,
    van: date,
    tot: date | None = None,
    request: HttpRequest | None = None,
) -> Gezag:
    """Records who holds authority over (or represents) a child, from ``van``."""
    errors: dict[str, list[str]] = {}
    if soort not in GezagSoort.values:
        errors["soort"] = ["Kies een soort gezag."]
    if kind.pk == gezaghebbende.pk:
        errors["gezaghebbende"] = ["Een persoon kan geen gezag over zichzelf hebben."]
    elif gezaghebbende.ongeboren:
        errors["gezaghebbende"] = ["Een ongeboren kind kan geen gezag hebben."]
    if tot is not None and tot < van:
        errors["tot"] = ["De einddatum ligt vóór de begindatum."]
    if errors:
        raise ValidationError(errors)
    gezag = Gezag.objects.create(
        kind=kind, gezaghebbende=gezaghebbende, soort=soort, van=van, tot=tot
    )
    audit_event_record(
        event=Event.GEZAG_VASTGELEGD,
        actor=actor,
        target=gezag,
        data={"soort": soort, "kind": kind.pk, "gezaghebbende": gezaghebbende.pk},
        request=request,
    )
    return gezag
