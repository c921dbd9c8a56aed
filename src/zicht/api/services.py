"""Writes of the API app: managing API clients (create, change scopes, renew the token,
revoke). Keyword-only, atomic, audited (9xx). The plain token is returned once and never
stored; only its SHA-256 is."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import User
from zicht.api.models import ApiClient
from zicht.api.scopes import ALLE_SCOPES
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError

if TYPE_CHECKING:
    from django.http import HttpRequest

__all__ = [
    "api_client_aanmaken",
    "api_client_intrekken",
    "api_client_token_vernieuwen",
    "api_client_wijzigen",
]


def _scopes_controleren(scopes: Iterable[str]) -> list[str]:
    gekozen = sorted(set(scopes))
    onbekend = [s for s in gekozen if s not in ALLE_SCOPES]
    if onbekend:
        raise ValidationError({"scopes": [f"Onbekende scope(s): {', '.join(onbekend)}."]})
    return gekozen


def _verloop_controleren(verloopt_op: datetime | None, nu: datetime) -> None:
    if verloopt_op is not None and verloopt_op <= nu:
        raise ValidationError({"verloopt_op": ["Kies een moment in de toekomst."]})


@transaction.atomic
def api_client_aanmaken(
    *,
    actor: User,
    naam: str,
    gebruiker: User,
    scopes: Iterable[str],
    omschrijving: str = "",
    verloopt_op: datetime | None = None,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
    token: str | None = None,
) -> tuple[ApiClient, str]:
    """Creates a client; returns it with the plain token (shown exactly once). ``token`` is
    only for the demo organisation (a deterministic token, ``zicht demo-data``): otherwise a
    new random one is made."""
    nu = nu or timezone.now()
    errors: dict[str, list[str]] = {}
    naam = naam.strip()
    if not naam:
        errors["naam"] = ["Vul een naam in."]
    elif ApiClient.objects.filter(naam__iexact=naam).exists():
        errors["naam"] = ["Er is al een API-client met deze naam."]
    if not gebruiker.is_active:
        errors["gebruiker"] = ["Kies een actieve gebruiker."]
    try:
        gekozen = _scopes_controleren(scopes)
    except ValidationError as fout:
        errors.update(fout.message_dict)
        gekozen = []
    try:
        _verloop_controleren(verloopt_op, nu)
    except ValidationError as fout:
        errors.update(fout.message_dict)
    prefix = ApiClient.prefix_van(token) if token is not None else None
    if token is not None and prefix is None:
        errors["token"] = ["Ongeldig token."]
    if errors:
        raise ValidationError(errors)
    if token is None or prefix is None:
        token, prefix = ApiClient.nieuw_token()
    client = ApiClient.objects.create(
        naam=naam,
        omschrijving=omschrijving.strip(),
        gebruiker=gebruiker,
        scopes=gekozen,
        token_prefix=prefix,
        token_hash=ApiClient.hash_token(token),
        verloopt_op=verloopt_op,
        aangemaakt_op=nu,
        aangemaakt_door=actor,
    )
    audit_event_record(
        event=Event.API_CLIENT_AANGEMAAKT,
        actor=actor,
        target=client,
        reason=Reden.BEHEER,
        data={"client": client.pk, "gebruiker": gebruiker.pk, "scopes": gekozen},
        request=request,
    )
    return client, token


def _lock(client: ApiClient, expected_version: int | None) -> ApiClient:
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError({"__all__": [CONFLICT_MESSAGE]})
    return locked


@transaction.atomic
def api_client_wijzigen(
    *,
    actor: User,
    client: ApiClient,
    scopes: Iterable[str],
    omschrijving: str,
    actief: bool,
    verloopt_op: datetime | None,
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> ApiClient:
    """Sets the scopes, description, active flag and expiry of a client (not revoked)."""
    locked = _lock(client, expected_version)
    if locked.ingetrokken_op is not None:
        raise ValidationError({"__all__": ["Deze API-client is ingetrokken."]})
    gekozen = _scopes_controleren(scopes)
    if verloopt_op != locked.verloopt_op:
        _verloop_controleren(verloopt_op, timezone.now())
    locked.scopes = gekozen
    locked.omschrijving = omschrijving.strip()
    locked.actief = actief
    locked.verloopt_op = verloopt_op
    locked.version += 1
    locked.save()
    audit_event_record(
        event=Event.API_CLIENT_GEWIJZIGD,
        actor=actor,
        target=locked,
        reason=Reden.BEHEER,
        data={"client": locked.pk, "scopes": gekozen, "actief": actief},
        request=request,
    )
    return locked


@transaction.atomic
def api_client_token_vernieuwen(
    *, actor: User, client: ApiClient, request: HttpRequest | None = None
) -> tuple[ApiClient, str]:
    """A new token for the client; the old one stops working at once."""
    locked = _lock(client, None)
    if locked.ingetrokken_op is not None:
        raise ValidationError({"__all__": ["Deze API-client is ingetrokken."]})
    token, prefix = ApiClient.nieuw_token()
    locked.token_prefix = prefix
    locked.token_hash = ApiClient.hash_token(token)
    locked.version += 1
    locked.save(update_fields=["token_prefix", "token_hash", "version"])
    audit_event_record(
        event=Event.API_CLIENT_TOKEN_VERNIEUWD,
        actor=actor,
        target=locked,
        reason=Reden.BEHEER,
        data={"client": locked.pk},
        request=request,
    )
    return locked, token


@transaction.atomic
def api_client_intrekken(
    *, actor: User, client: ApiClient, request: HttpRequest | None = None
) -> ApiClient:
    """Revokes the client for good: its token is refused from now on."""
    locked = _lock(client, None)
    if locked.ingetrokken_op is None:
        locked.ingetrokken_op = timezone.now()
        locked.actief = False
        locked.version += 1
        locked.save(update_fields=["ingetrokken_op", "actief", "version"])
        audit_event_record(
            event=Event.API_CLIENT_INGETROKKEN,
            actor=actor,
            target=locked,
            reason=Reden.BEHEER,
            data={"client": locked.pk},
            request=request,
        )
    return locked
