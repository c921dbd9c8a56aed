"""Small serializers and helpers shared by the resources."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.api.base import content_length_check, etag

IDEMPOTENCY_PARAM = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Unieke sleutel per nieuw verzoek (bijv. een UUID). Een herhaling met dezelfde sleutel "
        "en inhoud krijgt het eerste antwoord terug; dezelfde sleutel met andere inhoud: 422."
    ),
)
IF_MATCH_PARAM = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="De ETag van het object zoals opgehaald. Ontbreekt: 428; verouderd: 412.",
)


def url(request: Request, naam: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(f"api:v1:{naam}", kwargs=kwargs or None))


class LinkSerializer(serializers.Serializer[Any]):
    href = serializers.URLField()


def codes(rijen: Any) -> list[str]:
    return [c.code for c in rijen]


class GeboortedatumField(serializers.CharField):
    """``JJJJ``, ``JJJJ-MM`` or ``JJJJ-MM-DD``: a birth date of which day or month may be
    unknown (``people.domain.dates.PartialDate``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        from zicht.people.domain.dates import DatumFout, PartialDate

        tekst = super().to_internal_value(data)
        if not tekst:
            return None
        delen = tekst.split("-")
        if not 1 <= len(delen) <= 3 or not all(d.isdigit() for d in delen):
            raise serializers.ValidationError("Gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD.")
        try:
            return PartialDate(*(int(d) for d in delen))
        except DatumFout as fout:
            raise serializers.ValidationError(fout.bericht) from None


class ApiView(generics.GenericAPIView):  # type: ignore[type-arg]
    """Every resource view: a ``resource`` name (for scopes and audit), the body limit, and
    ``problemen`` (extra documented problem statuses per method)."""

    resource: str | None = None
    problemen: dict[str, dict[int, str]] = {}

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        content_length_check(request)

    def created(self, data: Any, location: str) -> Response:
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})


def met_etag(response: Response, version: int) -> Response:
    response["ETag"] = etag(version)
    return response
