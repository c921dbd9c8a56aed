"""Which casussen a user may see: THE definition, used by every list, search, export and API.

:func:`casus_scope` returns a ``Q`` to filter ``Casus`` querysets *inside the SQL query*, so
lists stay fast and cannot leak. The rules:

1. An anonymous or inactive user sees nothing.
2. A user without :attr:`Perm.CASUS_INZIEN` sees nothing: management and municipal users see
   aggregates only, never a casus. A municipal account (``gemeente_code`` set) sees nothing
   even if a role would grant the permission by mistake.
3. Otherwise: the casussen held by one of the user's *active* teams, plus those the user is
   assigned to (:class:`CasusMedewerker`) on the reference date.
4. SEAM (break the glass): a later issue adds a ``Noodtoegang`` table (a grant with a reason,
   reviewed afterwards); :func:`_noodtoegang_scope` is where its rows are OR-ed in.

Outside the scope a casus does not exist for the user (404). Inside the scope an action may
still need a permission (403): :func:`require_permission`, :func:`casus_get_for_change`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.casework.models import Casus, CasusMedewerker

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

__all__ = [
    "NIETS",
    "casus_get_for_change",
    "casus_get_for_user",
    "casus_scope",
    "require_permission",
    "teams_in_scope",
]

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
    """SEAM for break-the-glass: return ``Q(pk__in=<active Noodtoegang grants of user>)``
    once the ``Noodtoegang`` table exists (a grant needs :attr:`Perm.CASUS_NOODTOEGANG`, a
    coded reason, and is audited with ``Reden.NOODTOEGANG`` and reviewed afterwards).
    Today there are no grants."""
    del user, op
    return None


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
        raise Http404("Dossier niet gevonden.") from None


def require_permission(user: AbstractBaseUser | AnonymousUser, perm: Perm) -> None:
    """Raises :class:`PermissionDenied` (403) when the user lacks ``perm``."""
    if not has_permission(user, perm):
        raise PermissionDenied(f"Hiervoor is het recht ‘{perm.label}’ nodig.")


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
