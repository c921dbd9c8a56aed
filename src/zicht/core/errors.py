"""Dutch error pages; API paths answer RFC 9457 problem+json instead."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.template import loader

TITLES = {
    400: "Ongeldig verzoek",
    403: "Geen toegang",
    404: "Niet gevonden",
    500: "Er ging iets mis",
}
DETAILS = {
    400: "Het verzoek kon niet worden verwerkt.",
    403: "U heeft geen recht om deze pagina te bekijken.",
    404: "Deze pagina bestaat niet of u heeft er geen toegang toe.",
    500: "Er is een onverwachte fout opgetreden. De fout is vastgelegd; probeer het later opnieuw.",
}


def problem_response(status: int, title: str, detail: str, **extra: object) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/problem+json",
    )


def _render(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    detail = detail or DETAILS[status]
    if request.path.startswith("/api/"):
        return problem_response(status, TITLES[status], detail)
    template = loader.get_template("zicht/error.html")
    context = {"status": status, "title": TITLES[status], "detail": detail}
    return HttpResponse(template.render(context, request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 with the service's Dutch reason when it gave one (e.g. which right is missing)."""
    return _render(request, 403, str(exception) if exception is not None else "")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, 500)
