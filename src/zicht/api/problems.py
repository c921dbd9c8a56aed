"""RFC 9457 problem+json for every API error, with Dutch titles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

from zicht.core.exceptions import ConcurrentEditError

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet acceptabel",
    409: "Conflict",
    412: "Voorwaarde niet vervuld",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Niet verwerkbaar",
    428: "Voorwaarde vereist",
    429: "Te veel verzoeken",
    500: "Interne fout",
}
DETAILS = {
    401: "Log in of stuur een geldig token mee (Authorization: Bearer ...).",
    403: "U heeft geen recht om deze handeling uit te voeren.",
    404: "Het gevraagde object bestaat niet of u heeft er geen toegang toe.",
}

VASTE_DETAILS = {
    405: "Deze methode is op dit adres niet toegestaan.",
    406: "Dit formaat wordt niet geleverd; vraag application/json.",
    415: "Stuur de gegevens als JSON (Content-Type: application/json).",
}


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"
    format = "problem+json"


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in {"non_field_errors", "nonFieldErrors"}:
                name = prefix or "nonFieldErrors"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params.extend(_invalid_params(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.append(
                    {
                        "name": prefix or "nonFieldErrors",
                        "code": getattr(value, "code", "invalid"),
                        "reason": str(value),
                    }
                )
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(detail, "code", "invalid"),
                "reason": str(detail),
            }
        )
    return params


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ConcurrentEditError):
        # Someone changed the object between the If-Match check and the write.
        from zicht.api.base import PreconditionFailed

        exc = PreconditionFailed(" ".join(exc.messages))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        # The service's Dutch reason (e.g. which right is missing), else the fixed text.
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        )
    if not isinstance(exc, exceptions.APIException):
        return None
    code = exc.status_code
    request = context.get("request")
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(code, "Fout"),
        "status": code,
        "instance": request.get_full_path() if request is not None else None,
    }
    if isinstance(exc, exceptions.ValidationError):
        body["detail"] = "Een of meer velden zijn ongeldig."
        body["invalidParams"] = _invalid_params(exc.detail)
    elif isinstance(exc, exceptions.Throttled):
        body["detail"] = (
            f"Te veel verzoeken; probeer het over {int(exc.wait or 1)} seconden opnieuw."
        )
    elif code in VASTE_DETAILS and isinstance(
        exc,
        exceptions.MethodNotAllowed | exceptions.NotAcceptable | exceptions.UnsupportedMediaType,
    ):
        body["detail"] = VASTE_DETAILS[code]
    elif code in DETAILS and isinstance(exc, exceptions.NotAuthenticated | exceptions.NotFound):
        body["detail"] = DETAILS[code]
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail) == str(
        exceptions.PermissionDenied.default_detail
    ):
        body["detail"] = DETAILS[403]
    else:
        body["detail"] = str(exc.detail)
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    set_rollback()
    response = Response(body, status=code, headers=headers, content_type="application/problem+json")
    if code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in headers:
        response["WWW-Authenticate"] = 'Bearer realm="zicht"'
    return response
