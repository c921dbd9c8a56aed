"""Writes for users, teams, roles, second factors and API tokens: atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import ApiToken, Team, User
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.core.exceptions import CONFLICT_MESSAGE, ConcurrentEditError


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    teams: Iterable[Team] = (),
    roles: Iterable[Group] = (),
    gemeente_code: str = "",
    is_active: bool = True,
    request: HttpRequest | None = None,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        gemeente_code=gemeente_code,
        is_active=is_active,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.teams.set(list(teams))
    user.groups.set(list(roles))
    audit_event_record(
        event=Event.GEBRUIKER_AANGEMAAKT,
        actor=actor,
        target=user,
        reason=Reden.BEHEER,
        data={"teams": sorted(t.pk for t in user.teams.all()), "rollen": _role_ids(user)},
        request=request,
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    expected_version: int | None,
    changes: dict[str, object],
    teams: Iterable[Team] | None = None,
    roles: Iterable[Group] | None = None,
    password: str = "",
    request: HttpRequest | None = None,
) -> User:
    locked = User.objects.select_for_update().get(pk=user.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError(CONFLICT_MESSAGE)
    changed = sorted(k for k, v in changes.items() if getattr(locked, k) != v)
    for key, value in changes.items():
        setattr(locked, key, value)
    if password:
        locked.set_password(password)
        changed.append("wachtwoord")
    locked.version += 1
    locked.full_clean(exclude=["password"])
    locked.save()
    if teams is not None:
        before = set(locked.teams.values_list("pk", flat=True))
        locked.teams.set(list(teams))
        if before != set(locked.teams.values_list("pk", flat=True)):
            changed.append("teams")
    if roles is not None:
        before = set(locked.groups.values_list("pk", flat=True))
        locked.groups.set(list(roles))
        if before != set(locked.groups.values_list("pk", flat=True)):
            changed.append("rollen")
    audit_event_record(
        event=Event.GEBRUIKER_GEWIJZIGD,
        actor=actor,
        target=locked,
        reason=Reden.BEHEER,
        data={"velden": changed},
        request=request,
    )
    return locked


@transaction.atomic
def user_otp_reset(*, actor: User, user: User, request: HttpRequest | None = None) -> None:
    """Removes a user's second factor so that they enrol again at their next login."""
    TOTPDevice.objects.filter(user=user).delete()
    audit_event_record(
        event=Event.GEBRUIKER_GEWIJZIGD,
        actor=actor,
        target=user,
        reason=Reden.BEHEER,
        data={"velden": ["tweede_factor_gereset"]},
        request=request,
    )


@transaction.atomic
def otp_device_confirm(*, user: User, device: TOTPDevice, request: HttpRequest | None) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_event_record(
        event=Event.TWEEDE_FACTOR_GEKOPPELD, actor=user, target=user, request=request
    )


@transaction.atomic
def team_save(*, actor: User, team: Team, request: HttpRequest | None = None) -> Team:
    creating = team.pk is None
    team.full_clean()
    team.save()
    audit_event_record(
        event=Event.TEAM_AANGEMAAKT if creating else Event.TEAM_GEWIJZIGD,
        actor=actor,
        target=team,
        reason=Reden.BEHEER,
        data={"actief": team.actief},
        request=request,
    )
    return team


@transaction.atomic
def role_save(
    *,
    actor: User,
    name: str,
    permissions: Iterable[Permission],
    role: Group | None = None,
    request: HttpRequest | None = None,
) -> Group:
    creating = role is None
    group = role or Group()
    group.name = name
    group.save()
    perms = list(permissions)
    group.permissions.set(perms)
    audit_event_record(
        event=Event.ROL_AANGEMAAKT if creating else Event.ROL_GEWIJZIGD,
        actor=actor,
        target=group,
        reason=Reden.BEHEER,
        data={"rechten": sorted(p.codename for p in perms)},
        request=request,
    )
    return group


@transaction.atomic
def api_token_create(
    *,
    actor: User,
    naam: str,
    verloopt_op: datetime | None = None,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """Creates a token and returns it with the plain key, which is shown exactly once."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=actor,
        naam=naam,
        sleutel_hash=ApiToken.hash_key(key),
        prefix=key[:8],
        verloopt_op=verloopt_op,
    )
    audit_event_record(event=Event.API_TOKEN_AANGEMAAKT, actor=actor, target=token, request=request)
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken, request: HttpRequest | None = None) -> None:
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
        audit_event_record(
            event=Event.API_TOKEN_INGETROKKEN, actor=actor, target=token, request=request
        )


def _role_ids(user: User) -> list[int]:
    return sorted(user.groups.values_list("pk", flat=True))
