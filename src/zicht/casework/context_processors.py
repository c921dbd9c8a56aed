"""A loud banner on every page while the user works under break-the-glass access."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from zicht.accounts.permissions import Perm, has_permission
from zicht.casework.models import Noodtoegang


def noodtoegang(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not has_permission(user, Perm.CASUS_NOODTOEGANG):
        return {}
    nu = timezone.now()
    actief = list(
        Noodtoegang.objects.filter(user_id=user.pk, van__lte=nu, tot__gt=nu)
        .select_related("casus")
        .order_by("tot")
    )
    return {"noodtoegangen_actief": actief} if actief else {}
