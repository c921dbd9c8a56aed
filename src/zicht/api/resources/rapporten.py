"""Reports as background jobs: request an export, poll its progress, download the file.

Everything goes through ``reporting.services`` (``export_aanvragen`` checks rights, period and
format and queues the job; ``export_download`` checks rights again and audits). Who may what
is ``reporting.services.mag_soort`` — the same as the report pages: the list is
``exports_zichtbaar``, one export ``export_get_for_user`` (refused and audited as
``RAPPORTAGE_GEWEIGERD`` when its kind or gemeente is not the caller's; the API answers that
404, as a missing one)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm, has_permission
from zicht.api.base import StrictSerializer, audit_api_schrijf, idempotent
from zicht.api.resources.common import IDEMPOTENCY_PARAM, ApiView, url
from zicht.api.scopes import LEZEN
from zicht.reporting import services as reporting_services
from zicht.reporting.models import Export, ExportFormaat, ExportSoort


class RapportSerializer(serializers.ModelSerializer[Export]):
    procent = serializers.IntegerField(read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Export
        fields = [
            "id",
            "soort",
            "periode",
            "formaat",
            "gemeente_code",
            "correctie",
            "status",
            "voortgang",
            "totaal",
            "procent",
            "bestandsnaam",
            "grootte",
            "sha256",
            "foutmelding",
            "aangevraagd_op",
            "gestart_op",
            "klaar_op",
            "download",
        ]

    def get_download(self, export: Export) -> str | None:
        request = self.context.get("request")
        if request is None or not export.is_downloadbaar:
            return None
        return url(request, "rapport-bestand", pk=export.pk)


class RapportAanvraagSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=ExportSoort.choices)
    periode = serializers.CharField(max_length=10, help_text="Bijv. 2019, 2019-H1, 2019-03.")
    formaat = serializers.ChoiceField(
        choices=[f for f in ExportFormaat.values if f], required=False, default=""
    )
    gemeente_code = serializers.CharField(
        max_length=6, required=False, default="", allow_blank=True
    )
    correctie = serializers.BooleanField(required=False, default=False)
    maand = serializers.IntegerField(
        min_value=1,
        max_value=12,
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen bij de bestuurlijke rapportage: 4, 8 of 12.",
    )


def _mag_rapporten(request: Request) -> None:
    """No reporting right at all: refused (audited) by the reporting service, as the page."""
    if not any(
        has_permission(request.user, p)
        for p in (Perm.RAPPORTAGE_INZIEN, Perm.CBS_AANLEVEREN, Perm.GEMEENTE_RAPPORTAGE)
    ):
        reporting_services.weigeren(actor=request.user, wat="rapportage", request=request._request)


def _export(request: Request, pk: int) -> Export:
    """The reporting service's check and refusal (audited, ``RAPPORTAGE_GEWEIGERD``); the API
    answers an export of a kind or gemeente that is not the caller's as one that does not
    exist (404), like every object outside the caller's reach."""
    try:
        return reporting_services.export_get_for_user(
            actor=request.user, pk=pk, request=request._request
        )
    except PermissionDenied:
        raise Http404 from None


class RapportenView(ApiView):
    """Rapportages en exports: aanvragen (achtergrondtaak) en de eigen lijst."""

    resource = "rapporten"
    serializer_class = RapportSerializer
    ordering_fields = ["aangevraagd_op", "id"]
    ordering = ["-aangevraagd_op", "-id"]

    def get_queryset(self) -> QuerySet[Export]:
        return reporting_services.exports_zichtbaar(self.request.user)

    @extend_schema(
        operation_id="rapporten_lijst",
        responses=RapportSerializer(many=True),
        summary="Rapportages en exports",
    )
    def get(self, request: Request) -> Response:
        _mag_rapporten(request)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = RapportSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="rapport_aanvragen",
        summary="Rapportage of export aanvragen",
        description=(
            "Zet een export in de wachtrij (202). Volg de voortgang op het adres in "
            "`Location`; als `status` `klaar` is, staat het bestand op `download`."
        ),
        request=RapportAanvraagSerializer,
        responses={202: RapportSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        _mag_rapporten(request)

        def uitvoeren() -> Response:
            invoer = RapportAanvraagSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            d = invoer.validated_data
            opties = {"maand": d["maand"]} if d["maand"] is not None else {}
            try:
                export = reporting_services.export_aanvragen(
                    actor=request.user,
                    soort=d["soort"],
                    periode=d["periode"],
                    formaat=d["formaat"],
                    correctie=d["correctie"],
                    gemeente_code=d["gemeente_code"],
                    opties=opties,
                    request=request._request,
                )
            except reporting_services.ExportFout as fout:
                # the service's check (format, period — ``rapport_periode_toetsen``, the same
                # as the report pages —, gemeente), next to the field it names
                veld = fout.veld if fout.veld in RapportAanvraagSerializer().fields else ""
                raise serializers.ValidationError({veld or "nonFieldErrors": [str(fout)]}) from None
            audit_api_schrijf(
                request, resource="rapporten", actie="aanmaken", target=export, status_code=202
            )
            data = RapportSerializer(export, context={"request": request}).data
            return Response(
                data, status=202, headers={"Location": url(request, "rapport", pk=export.pk)}
            )

        return idempotent(request, uitvoeren)


class RapportView(ApiView):
    resource = "rapporten"
    serializer_class = RapportSerializer

    @extend_schema(operation_id="rapport_ophalen", summary="Voortgang van een rapportage")
    def get(self, request: Request, pk: int) -> Response:
        _mag_rapporten(request)
        export = _export(request, pk)
        response = Response(RapportSerializer(export, context={"request": request}).data)
        if export.is_actief:
            response["Retry-After"] = "5"
        return response


class RapportBestandView(ApiView):
    resource = "rapporten"
    scope_acties = {"GET": LEZEN}

    @extend_schema(
        operation_id="rapport_downloaden",
        summary="Bestand van een rapportage downloaden",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het bestand (zie `bestandsnaam`)."
            )
        },
    )
    def get(self, request: Request, pk: int) -> Any:
        _mag_rapporten(request)
        export = _export(request, pk)
        try:
            pad = reporting_services.export_download(
                actor=request.user, export=export, request=request._request
            )
        except reporting_services.ExportFout:
            raise Http404 from None
        return FileResponse(
            pad.open("rb"),
            as_attachment=True,
            filename=export.bestandsnaam,
            content_type="application/octet-stream",
        )
