"""The audit log page for the privacy officer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.forms import AuditFilterForm
from zicht.audit.selectors import audit_event_list
from zicht.audit.services import audit_log_viewed_record


@require_GET
def event_list_view(request: HttpRequest) -> HttpResponse:
    """GET /audit/: filtered events, newest first, 25 per page; the viewing is audited."""
    if not has_permission(request.user, Perm.AUDIT_INZIEN):
        raise PermissionDenied
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/event_list.html", {"form": form, "page": None}, status=400)
    older, newer = form.cleaned_data["ouder"], form.cleaned_data["nieuwer"]
    filters = form.filters()
    page = audit_event_list(filters=filters, older_than=older, newer_than=newer)
    audit_log_viewed_record(
        actor=request.user,
        filters=filters,
        page="ouder" if older else "nieuwer" if newer else "eerste",
        request=request,
    )
    context = {"form": form, "page": page, "query": form.query_without_cursor()}
    return render(request, "audit/event_list.html", context)
