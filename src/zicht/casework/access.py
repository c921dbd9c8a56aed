"""Which casussen a user may see: THE definition, used by every list, search, export and API.

:func:`casus_scope` returns a ``Q`` to filter ``Casus`` querysets *inside the SQL query*, so
lists stay fast and cannot leak. The rules:

1. An anonymous or inactive user sees nothing.
2. A user without :attr:`Perm.CASUS_INZIEN` sees nothing: management and municipal users see
   aggregates only, never a casus. A municipal account (``gemeente_code`` set) sees nothing
   even if a role would grant the permission by mistake.
3. Otherwise: the casussen held by one of the user's *active* teams, plus those the user is
   assigned to (:class:`CasusMedewerker`) on the reference date.
4. Break the glass: casussen of the user's *active* :class:`Noodtoegang` grants (a coded
   reason, a few hours, reviewed afterwards by the privacy officer) are OR-ed in by
   :func:`_noodtoegang_scope`. Asking for a casus whose grant has expired answers 404 and
   is audited (``NOODTOEGANG_VERLOPEN_GEWEIGERD``).

Outside the scope a casus does not exist for the user (404). Inside the scope an action may
still need a permission (403): :func:`require_permission`, :func:`require_any_permission`,
:func:`casus_get_for_change`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.casework.models import Casus, CasusMedewerker, Noodtoegang

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

__all__ = [
    "NIETS",
    "casus_get_for_change",
    "casus_get_for_user",
    "casus_onderdeel_get_for_user",
    "casus_scope",
    "casus_weigering_vastleggen",
    "require_any_permission",
    "require_permission",
    "teams_in_scope",
]

M = TypeVar("M", bound=Model)

#: A condition no row meets (``WHERE 0 = 1`` without a query).
NIETS = Q(pk__in=[])


def casus_scope(user: AbstractBaseUser | AnonymousUser, *, op: date | None = None) -> Q:
    """The casussen ``user`` may see on ``op`` (default: today), as a ``Q`` on ``Casus``."""
    if not user.is_authenticated or not user.is_active:
        return NIETS
    if not has_permission(user, Perm.CASUS_INZIEN):
        return NIETS
    if getattr(user, "gemeente_code", ""):
        return NIETS
    op = op if op is not None else timezone.localdate()
    # Resolved to literal id lists first (two small indexed queries): with subqueries the
    # planner cannot estimate the scope and walks the whole casus index at a million rows.
    teams = list(
        User.teams.through.objects.filter(user_id=user.pk, team__actief=True).values_list(
            "team_id", flat=True
        )
    )
    toegewezen = list(
        CasusMedewerker.objects.filter(user_id=user.pk, van__lte=op)
        .filter(Q(tot__isnull=True) | Q(tot__gte=op))
        .values_list("casus_id", flat=True)
    )
    scope = Q(team_id__in=teams) | Q(pk__in=toegewezen)
    noodtoegang = _noodtoegang_scope(user, op=op)
    if noodtoegang is not None:
        scope |= noodtoegang
    return scope


def teams_in_scope(user: AbstractBaseUser | AnonymousUser) -> list[int]:
    """The active teams whose casussen ``user`` sees as a team member (rules 1–3 of
    :func:`casus_scope`, without individual assignments or emergency access): for figures kept
    per team, such as the team leader's on-time counters."""
    if not user.is_authenticated or not user.is_active:
        return []
    if not has_permission(user, Perm.CASUS_INZIEN) or getattr(user, "gemeente_code", ""):
        return []
    return list(
        User.teams.through.objects.filter(user_id=user.pk, team__actief=True).values_list(
            "team_id", flat=True
        )
    )


def _noodtoegang_scope(user: AbstractBaseUser, *, op: date) -> Q | None:
    """Break-the-glass: ``Q(pk__in=<casussen of the user's active Noodtoegang grants>)``.

    A grant counts while ``van <= now < tot`` and the user still holds
    :attr:`Perm.CASUS_NOODTOEGANG`; resolved to a literal id list like the rest of the scope
    (one indexed query). ``op`` is a date; grants are by the minute, so they are checked
    against the current moment (a reference date in the past grants nothing)."""
    if op < timezone.localdate():
        return None
    if not has_permission(user, Perm.CASUS_NOODTOEGANG):
        return None
    ids = noodtoegang_actieve_casus_ids(user)
    return Q(pk__in=ids) if ids else None


def noodtoegang_actieve_casus_ids(user: AbstractBaseUser | AnonymousUser) -> list[int]:
    """The casussen the user reaches now through an active break-the-glass grant."""
    if not user.is_authenticated:
        return []
    nu = timezone.now()
    return list(
        Noodtoegang.objects.filter(user_id=user.pk, tot__gt=nu, van__lte=nu)
        .values_list("casus_id", flat=True)
        .distinct()
    )


def noodtoegang_voor(user: AbstractBaseUser | AnonymousUser, casus: Casus) -> Noodtoegang | None:
    """The active grant through which ``user`` sees ``casus`` when it lies outside their
    regular scope (team, assignment); None when the regular scope already covers it."""
    if not has_permission(user, Perm.CASUS_NOODTOEGANG):
        return None  # no extra query for everyone else (permissions are cached per request)
    nu = timezone.now()
    grant = (
        Noodtoegang.objects.filter(user_id=user.pk, casus_id=casus.pk, van__lte=nu, tot__gt=nu)
        .order_by("-tot")
        .first()
    )
    if grant is None:
        return None
    regulier = (
        User.teams.through.objects.filter(
            user_id=user.pk, team_id=casus.team_id, team__actief=True
        ).exists()
        or CasusMedewerker.objects.filter(
            Q(tot__isnull=True) | Q(tot__gte=nu.date()),
            user_id=user.pk,
            casus_id=casus.pk,
            van__lte=nu.date(),
        ).exists()
    )
    return None if regulier else grant


def _weigering_melden(user: AbstractBaseUser | AnonymousUser, pk: int | str) -> None:
    """A casus outside the scope (or not existing) was asked for: the refusal is audited —
    as ``NOODTOEGANG_VERLOPEN_GEWEIGERD`` when the user once had break-the-glass access to it
    that has expired, else as ``TOEGANG_GEWEIGERD`` (guessing ids shows in the trail). The
    answer stays 404 either way."""
    if not user.is_authenticated:
        return
    try:
        casus_id = int(pk)
    except (TypeError, ValueError):
        return
    if casus_id <= 0:
        return
    # A guessed 9-digit id looks like a BSN: the audit guard refuses those, so it is left out.
    target_id: int | str = casus_id if casus_id < 10**8 else ""
    verlopen = (
        Noodtoegang.objects.filter(user_id=user.pk, casus_id=casus_id, tot__lte=timezone.now())
        .order_by("-tot")
        .first()
    )
    if verlopen is None:
        audit_event_record(
            event=Event.TOEGANG_GEWEIGERD,
            actor=user,
            target_type="casework.casus",
            target_id=target_id,
            data={"antwoord": 404},
        )
        return
    audit_event_record(
        event=Event.NOODTOEGANG_VERLOPEN_GEWEIGERD,
        actor=user,
        target_type="casework.casus",
        target_id=casus_id,
        reason=Reden.NOODTOEGANG,
        data={"noodtoegang": verlopen.pk},
    )


def casus_weigering_vastleggen(user: AbstractBaseUser | AnonymousUser, casus_pk: int | str) -> None:
    """Records that ``user`` asked for a casus outside their scope (or one that does not exist),
    as :func:`casus_get_for_user` does: for callers that look the casus up themselves (the
    API's own querysets, a casus named in a request body). Call it outside a transaction that
    is rolled back with the refusal, or the audit row goes with it."""
    _weigering_melden(user, casus_pk)


def casussen_for_user(
    user: AbstractBaseUser | AnonymousUser, *, op: date | None = None
) -> QuerySet[Casus]:
    """All casussen in the user's scope (unordered, unfiltered otherwise)."""
    return Casus.objects.filter(casus_scope(user, op=op))


def casus_get_for_user(
    user: AbstractBaseUser | AnonymousUser,
    pk: int | str,
    *,
    queryset: QuerySet[Casus] | None = None,
) -> Casus:
    """The casus with ``pk`` when it is in the user's scope; :class:`Http404` otherwise (the
    same answer as for a casus that does not exist, so the scope leaks nothing)."""
    qs = queryset if queryset is not None else Casus.objects.all()
    try:
        return qs.filter(casus_scope(user)).get(pk=pk)
    except (Casus.DoesNotExist, ValueError, TypeError):
        _weigering_melden(user, pk)
        raise Http404("Dossier niet gevonden.") from None


def casus_onderdeel_get_for_user(
    user: AbstractBaseUser | AnonymousUser,
    queryset: QuerySet[M],
    pk: int | str,
    *,
    casus_veld: str = "casus",
    scope: Q | None = None,
    niet_gevonden: str = "Niet gevonden.",
) -> M:
    """The object with ``pk`` from ``queryset`` (a dienst, taak, melding, besluit … of a casus,
    reached through ``casus_veld``) when its casus is in the user's scope; :class:`Http404`
    otherwise. An object that exists outside the scope is refused as its casus would be: the
    refusal is audited through :func:`casus_weigering_vastleggen` against that casus. An id
    that does not exist names no casus and is not audited; neither is an object of a casus in
    scope that ``queryset`` leaves out. ``scope`` replaces the casus scope
    for objects with a wider one (a melding: also the user's own recent registrations)."""
    if scope is None:
        scope = Q(**{f"{casus_veld}__in": Casus.objects.filter(casus_scope(user)).values("pk")})
    try:
        return queryset.filter(scope).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        onderdeel_weigering_vastleggen(user, queryset.model, pk, casus_veld=casus_veld)
        raise Http404(niet_gevonden) from None


def onderdeel_weigering_vastleggen(
    user: AbstractBaseUser | AnonymousUser,
    model: type[Model],
    pk: int | str,
    *,
    casus_veld: str = "casus",
) -> None:
    """``pk`` of ``model`` (reached from a casus through ``casus_veld``) was asked for and not
    given: when it exists and its casus is outside the user's scope, the refusal is audited
    against that casus, as :func:`casus_get_for_user` does. An id that does not exist, or an
    object of a casus in scope that a query left out (e.g. another kind of dienst), is no
    refusal. Call it outside a transaction that is rolled back with the refusal."""
    try:
        casus_pk = model._base_manager.filter(pk=pk).values_list(casus_veld, flat=True).first()
    except (ValueError, TypeError):
        casus_pk = None
    if casus_pk is not None and not Casus.objects.filter(casus_scope(user), pk=casus_pk).exists():
        casus_weigering_vastleggen(user, casus_pk)


def require_permission(user: AbstractBaseUser | AnonymousUser, perm: Perm) -> None:
    """Raises :class:`PermissionDenied` (403) when the user lacks ``perm``."""
    if not has_permission(user, perm):
        raise PermissionDenied(f"Hiervoor is het recht ‘{perm.label}’ nodig.")


def require_any_permission(
    user: AbstractBaseUser | AnonymousUser,
    perms: Iterable[Perm],
    *,
    reden: str | None = None,
) -> None:
    """Raises :class:`PermissionDenied` (403) when the user holds none of ``perms``.

    ``reden`` is the Dutch message of the refusal; without it the message names the rights
    that would do (``Hiervoor is het recht ‘A’ of ‘B’ nodig.``)."""
    rechten = tuple(perms)
    if not rechten:
        raise ValueError("require_any_permission needs at least one permission.")
    if any(has_permission(user, perm) for perm in rechten):
        return
    if reden is None:
        labels = [f"‘{perm.label}’" for perm in rechten]
        namen = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} of {labels[-1]}"
        reden = f"Hiervoor is het recht {namen} nodig."
    raise PermissionDenied(reden)


def casus_get_for_change(
    user: AbstractBaseUser | AnonymousUser,
    pk: int | str,
    *,
    perm: Perm = Perm.CASUS_BEWERKEN,
) -> Casus:
    """The casus for a write: 404 outside the scope, then 403 without ``perm``."""
    casus = casus_get_for_user(user, pk)
    require_permission(user, perm)
    return casus
