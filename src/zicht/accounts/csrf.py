"""The CSRF failure page: the same Dutch 403 as elsewhere, and the refusal is audited (a
forged cross-site request is an attack worth seeing in the trail)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.core.errors import permission_denied


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    user = getattr(request, "user", None)
    audit_event_record(
        event=Event.TOEGANG_GEWEIGERD,
        actor=user if user is not None and user.is_authenticated else None,
        data={"reden": "csrf", "methode": request.method or ""},
        request=request,
    )
    return permission_denied(request)
