"""Documents the problem+json error responses on every operation (schemathesis-friendly)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

_INVALID_PARAM = inline_serializer(
    "InvalidParam",
    fields={
        "name": serializers.CharField(),
        "code": serializers.CharField(),
        "reason": serializers.CharField(),
    },
)
PROBLEM = inline_serializer(
    "Problem",
    fields={
        "type": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "instance": serializers.CharField(allow_null=True, required=False),
        "invalidParams": _INVALID_PARAM.__class__(many=True, required=False),
    },
)


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        extra: dict[int, str] = {
            401: "Niet geauthenticeerd",
            403: "Geen toegang (recht of scope ontbreekt)",
            406: "Niet acceptabel",
            429: "Te veel verzoeken",
            400: "Ongeldige invoer",
        }
        if self.method in {"POST", "PUT", "PATCH"}:
            extra.update({413: "Verzoek te groot", 415: "Mediatype niet ondersteund"})
        if self.method == "POST":
            extra[422] = "Idempotency-Key hergebruikt voor een ander verzoek"
        if "{" in self.path:
            extra[404] = "Niet gevonden"
        # Views name their own extra problems per method, e.g. {"POST": {412: "..."}}.
        extra.update(getattr(self.view, "problemen", {}).get(self.method, {}))
        for code, description in extra.items():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(response=PROBLEM, description=description),
                    str(code),
                    direction=direction,
                )
                content = responses[str(code)].get("content", {})
                if "application/json" in content:
                    content["application/problem+json"] = content.pop("application/json")
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[misc]
    target_class = "zicht.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "API-token uit 'Mijn account'."}


class VerifiedSessionScheme(OpenApiAuthenticationExtension):  # type: ignore[misc]
    target_class = "zicht.api.authentication.VerifiedSessionAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Browsersessie na inloggen met tweede factor.",
        }
