"""Overdrachten, monitoring contacts, huisverboden and voorlichtingen through the API.

Reads are scoped like the pages (``casework.access.casus_scope`` through the casus; the
permissions of ``diensten.werk_views``); voorlichtingen (no casus, no personal data) can be
created and changed through ``diensten.werk_services.voorlichting_opslaan`` — the page's
service — the change with ``If-Match``."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm, has_permission
from zicht.api.base import (
    MAX_INT,
    MomentField,
    StrictSerializer,
    audit_api_lezen,
    audit_api_schrijf,
    idempotent,
    if_match,
    service_fouten,
)
from zicht.api.resources.common import IDEMPOTENCY_PARAM, IF_MATCH_PARAM, ApiView, met_etag, url
from zicht.api.scopes import WIJZIGEN
from zicht.casework.access import casus_scope, require_permission
from zicht.casework.models import Betrokkene, Casus
from zicht.core.exceptions import ConcurrentEditError
from zicht.diensten import inhoud_services, werk_services
from zicht.diensten.models import Dienst, DienstSoort, MonitoringMoment, Nageleefd, Veiligheid
from zicht.diensten.models_werk import OPLEGGER_CHOICES, Huisverbod, Voorlichting

OVERDRACHT_SOORTEN = (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS)
WERK_LEZEN = (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN)


def _in_scope(user: Any) -> QuerySet[Casus]:
    return Casus.objects.filter(casus_scope(user)).values("pk")


def _een_van(user: Any, perms: tuple[Perm, ...]) -> None:
    if not any(has_permission(user, p) for p in perms):
        require_permission(user, perms[0])


def _of_404(qs: QuerySet[Any], pk: int) -> Any:
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- Overdrachten ----------------------------------------------------------------------------


class OverdrachtSerializer(serializers.ModelSerializer[Dienst]):
    class Meta:
        model = Dienst
        fields = [
            "id",
            "casus",
            "soort",
            "status",
            "fase",
            "start",
            "einde",
            "ketenpartner",
            "ontvangende_partij",
            "aangeboden_op",
            "geaccepteerd_op",
            "geaccepteerd_door",
            "verantwoordelijk_vanaf",
            "geweigerd_op",
            "reden_weigering",
            "version",
        ]


class OverdrachtFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=DienstSoort.choices)
    casus = django_filters.NumberFilter(field_name="casus_id", min_value=1, max_value=MAX_INT)

    class Meta:
        model = Dienst
        fields = ["soort"]


def _overdrachten(user: Any) -> QuerySet[Dienst]:
    return Dienst.objects.filter(casus__in=_in_scope(user), soort__in=OVERDRACHT_SOORTEN)


class OverdrachtenView(ApiView):
    """Overdrachten aan een ketenpartner (na de VB of na bemoeienis) binnen de eigen scope."""

    resource = "overdrachten"
    serializer_class = OverdrachtSerializer
    filterset_class = OverdrachtFilter
    ordering_fields = ["start", "aangeboden_op", "id"]
    ordering = ["-start", "-id"]

    def get_queryset(self) -> QuerySet[Dienst]:
        return _overdrachten(self.request.user)

    @extend_schema(
        operation_id="overdrachten_lijst",
        responses=OverdrachtSerializer(many=True),
        summary="Overdrachten",
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="overdrachten", ids=[d.pk for d in page])
        return self.get_paginated_response(OverdrachtSerializer(page, many=True).data)


class OverdrachtView(ApiView):
    resource = "overdrachten"
    serializer_class = OverdrachtSerializer

    @extend_schema(operation_id="overdracht_ophalen", summary="Overdracht")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        dienst = _of_404(_overdrachten(request.user), pk)
        audit_api_lezen(request, resource="overdrachten", target=dienst)
        return met_etag(Response(OverdrachtSerializer(dienst).data), dienst.version)


# --- Monitoring contacts ---------------------------------------------------------------------


class MonitoringContactSerializer(serializers.ModelSerializer[MonitoringMoment]):
    casus = serializers.IntegerField(source="dienst.casus_id", read_only=True)

    class Meta:
        model = MonitoringMoment
        fields = [
            "id",
            "dienst",
            "casus",
            "volgnummer",
            "gepland_op",
            "uitgevoerd_op",
            "met_wie",
            "voorwaarden",
            "veiligheid",
            "herstel",
            "notitie",
            "vastgelegd_op",
        ]


class MonitoringContactFilter(django_filters.FilterSet):
    dienst = django_filters.NumberFilter(field_name="dienst_id", min_value=1, max_value=MAX_INT)

    class Meta:
        model = MonitoringMoment
        fields: list[str] = []


def _contacten(user: Any) -> QuerySet[MonitoringMoment]:
    return MonitoringMoment.objects.filter(dienst__casus__in=_in_scope(user)).select_related(
        "dienst"
    )


class MonitoringContactenView(ApiView):
    """Geplande en uitgevoerde monitoringscontacten binnen de eigen scope."""

    resource = "monitoring-contacten"
    serializer_class = MonitoringContactSerializer
    filterset_class = MonitoringContactFilter
    ordering_fields = ["gepland_op", "uitgevoerd_op", "id"]
    ordering = ["gepland_op", "id"]

    def get_queryset(self) -> QuerySet[MonitoringMoment]:
        return _contacten(self.request.user)

    @extend_schema(
        operation_id="monitoring_contacten_lijst",
        responses=MonitoringContactSerializer(many=True),
        summary="Monitoringscontacten",
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="monitoring-contacten", ids=[m.pk for m in page])
        return self.get_paginated_response(MonitoringContactSerializer(page, many=True).data)


class MonitoringContactView(ApiView):
    resource = "monitoring-contacten"
    serializer_class = MonitoringContactSerializer

    @extend_schema(operation_id="monitoring_contact_ophalen", summary="Monitoringscontact")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        moment = _of_404(_contacten(request.user), pk)
        audit_api_lezen(request, resource="monitoring-contacten", target=moment)
        return Response(MonitoringContactSerializer(moment).data)


# --- Huisverboden ----------------------------------------------------------------------------


class HuisverbodSerializer(serializers.ModelSerializer[Huisverbod]):
    beschermden = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Huisverbod
        fields = [
            "id",
            "casus",
            "opgelegd_op",
            "opgelegd_door",
            "uithuisgeplaatste",
            "beschermden",
            "oorspronkelijk_einde",
            "einde",
            "status",
            "beeindigd_op",
            "version",
        ]


class HuisverbodFilter(django_filters.FilterSet):
    casus = django_filters.NumberFilter(field_name="casus_id", min_value=1, max_value=MAX_INT)
    einde_vanaf = django_filters.IsoDateTimeFilter(field_name="einde", lookup_expr="gte")

    class Meta:
        model = Huisverbod
        fields = ["status"]


def _huisverboden(user: Any) -> QuerySet[Huisverbod]:
    return Huisverbod.objects.filter(casus__in=_in_scope(user)).prefetch_related("beschermden")


class HuisverbodenView(ApiView):
    """Tijdelijke huisverboden binnen de eigen scope."""

    resource = "huisverboden"
    serializer_class = HuisverbodSerializer
    filterset_class = HuisverbodFilter
    ordering_fields = ["opgelegd_op", "einde", "id"]
    ordering = ["-opgelegd_op", "-id"]

    def get_queryset(self) -> QuerySet[Huisverbod]:
        return _huisverboden(self.request.user)

    @extend_schema(
        operation_id="huisverboden_lijst",
        responses=HuisverbodSerializer(many=True),
        summary="Huisverboden",
    )
    def get(self, request: Request) -> Response:
        _een_van(request.user, WERK_LEZEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="huisverboden", ids=[h.pk for h in page])
        return self.get_paginated_response(HuisverbodSerializer(page, many=True).data)


class HuisverbodInvoerSerializer(StrictSerializer):
    casus = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    opgelegd_op = MomentField()
    opgelegd_door = serializers.ChoiceField(choices=OPLEGGER_CHOICES)
    uithuisgeplaatste = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, help_text="De betrokkene (id) die uit huis moet."
    )
    beschermden = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT), max_length=30
    )
    toelichting = serializers.CharField(
        max_length=20_000, required=False, default="", allow_blank=True
    )


class HuisverbodenSchrijfView(HuisverbodenView):
    """Huisverboden: de lijst, en een opgelegd huisverbod vastleggen (met de taken van VT)."""

    @extend_schema(
        operation_id="huisverbod_vastleggen",
        summary="Huisverbod vastleggen",
        request=HuisverbodInvoerSerializer,
        responses={201: HuisverbodSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.DIENST_UITVOEREN)

        def uitvoeren() -> Response:
            invoer = HuisverbodInvoerSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            d = invoer.validated_data
            casus = Casus.objects.filter(casus_scope(request.user), pk=d["casus"]).first()
            if casus is None:
                raise serializers.ValidationError({"casus": ["Deze casus bestaat niet."]})
            ids = {d["uithuisgeplaatste"], *d["beschermden"]}
            betrokkenen = {b.pk: b for b in Betrokkene.objects.filter(pk__in=ids, casus=casus)}
            onbekend: dict[str, list[str]] = {}
            if d["uithuisgeplaatste"] not in betrokkenen:
                onbekend["uithuisgeplaatste"] = ["Kies een betrokkene van deze casus."]
            if any(b not in betrokkenen for b in d["beschermden"]):
                onbekend["beschermden"] = ["Kies alleen betrokkenen van deze casus."]
            if onbekend:
                raise serializers.ValidationError(onbekend)
            try:
                huisverbod = werk_services.huisverbod_opleggen(
                    actor=request.user,
                    casus=casus,
                    opgelegd_op=d["opgelegd_op"],
                    opgelegd_door=d["opgelegd_door"],
                    uithuisgeplaatste=betrokkenen[d["uithuisgeplaatste"]],
                    beschermden=[betrokkenen[b] for b in d["beschermden"]],
                    toelichting=d["toelichting"],
                    request=request._request,
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request,
                resource="huisverboden",
                actie="aanmaken",
                target=huisverbod,
                status_code=201,
            )
            huisverbod = _huisverboden(request.user).get(pk=huisverbod.pk)
            response = self.created(
                HuisverbodSerializer(huisverbod).data, url(request, "huisverbod", pk=huisverbod.pk)
            )
            return met_etag(response, huisverbod.version)

        return idempotent(request, uitvoeren)


class HuisverbodView(ApiView):
    resource = "huisverboden"
    serializer_class = HuisverbodSerializer

    @extend_schema(operation_id="huisverbod_ophalen", summary="Huisverbod")
    def get(self, request: Request, pk: int) -> Response:
        _een_van(request.user, WERK_LEZEN)
        huisverbod = _of_404(_huisverboden(request.user), pk)
        audit_api_lezen(request, resource="huisverboden", target=huisverbod)
        return met_etag(Response(HuisverbodSerializer(huisverbod).data), huisverbod.version)


# --- Voorlichtingen --------------------------------------------------------------------------


class VoorlichtingSerializer(serializers.ModelSerializer[Voorlichting]):
    class Meta:
        model = Voorlichting
        fields = [
            "id",
            "datum",
            "onderwerp",
            "doelgroep",
            "organisatie",
            "deelnemers",
            "minuten",
            "gegeven_door",
            "aangemaakt_op",
            "gewijzigd_op",
            "version",
        ]


class VoorlichtingInvoerSerializer(StrictSerializer):
    datum = serializers.DateField()
    onderwerp = serializers.CharField(max_length=200, allow_blank=True)
    doelgroep = serializers.CharField(max_length=200, allow_blank=True)
    organisatie = serializers.CharField(max_length=200, allow_blank=True)
    deelnemers = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    minuten = serializers.IntegerField(min_value=0, max_value=MAX_INT)

    def validate_datum(self, waarde: date) -> date:
        if not 1900 <= waarde.year <= 2100:
            raise serializers.ValidationError("Kies een datum tussen 1900 en 2100.")
        return waarde


class VoorlichtingFilter(django_filters.FilterSet):
    datum_vanaf = django_filters.DateFilter(field_name="datum", lookup_expr="gte")
    datum_tot = django_filters.DateFilter(field_name="datum", lookup_expr="lt")

    class Meta:
        model = Voorlichting
        fields: list[str] = []


class VoorlichtingenView(ApiView):
    """Voorlichtingen (regionale taak; geen persoonsgegevens): lijst en vastleggen."""

    resource = "voorlichtingen"
    serializer_class = VoorlichtingSerializer
    filterset_class = VoorlichtingFilter
    ordering_fields = ["datum", "id"]
    ordering = ["-datum", "-id"]

    def get_queryset(self) -> QuerySet[Voorlichting]:
        return Voorlichting.objects.all()

    @extend_schema(
        operation_id="voorlichtingen_lijst",
        responses=VoorlichtingSerializer(many=True),
        summary="Voorlichtingen",
    )
    def get(self, request: Request) -> Response:
        _een_van(request.user, WERK_LEZEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(VoorlichtingSerializer(page, many=True).data)

    @extend_schema(
        operation_id="voorlichting_vastleggen",
        summary="Voorlichting vastleggen",
        request=VoorlichtingInvoerSerializer,
        responses={201: VoorlichtingSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.DIENST_UITVOEREN)

        def uitvoeren() -> Response:
            invoer = VoorlichtingInvoerSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            try:
                voorlichting = werk_services.voorlichting_opslaan(
                    actor=request.user, request=request._request, **invoer.validated_data
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request,
                resource="voorlichtingen",
                actie="aanmaken",
                target=voorlichting,
                status_code=201,
            )
            response = self.created(
                VoorlichtingSerializer(voorlichting).data,
                url(request, "voorlichting", pk=voorlichting.pk),
            )
            return met_etag(response, voorlichting.version)

        return idempotent(request, uitvoeren)


class VoorlichtingView(ApiView):
    resource = "voorlichtingen"
    serializer_class = VoorlichtingSerializer
    problemen = {"PUT": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}

    @extend_schema(operation_id="voorlichting_ophalen", summary="Voorlichting")
    def get(self, request: Request, pk: int) -> Response:
        _een_van(request.user, WERK_LEZEN)
        voorlichting = _of_404(Voorlichting.objects.all(), pk)
        return met_etag(Response(VoorlichtingSerializer(voorlichting).data), voorlichting.version)

    @extend_schema(
        operation_id="voorlichting_wijzigen",
        summary="Voorlichting wijzigen",
        request=VoorlichtingInvoerSerializer,
        responses={200: VoorlichtingSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def put(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.DIENST_UITVOEREN)
        voorlichting = _of_404(Voorlichting.objects.all(), pk)
        versie = if_match(request, voorlichting.version)
        invoer = VoorlichtingInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with transaction.atomic():
            try:
                voorlichting = werk_services.voorlichting_opslaan(
                    actor=request.user,
                    voorlichting=voorlichting,
                    expected_version=versie,
                    request=request._request,
                    **invoer.validated_data,
                )
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request,
                resource="voorlichtingen",
                actie="wijzigen",
                target=voorlichting,
                status_code=200,
            )
        return met_etag(Response(VoorlichtingSerializer(voorlichting).data), voorlichting.version)


# --- Writes on overdrachten and monitoring (services of diensten.inhoud_services) -------------


class AcceptatieSerializer(StrictSerializer):
    geaccepteerd_op = serializers.DateField()
    geaccepteerd_door = serializers.CharField(max_length=200, allow_blank=True)
    verantwoordelijk_vanaf = serializers.DateField()


class WeigeringSerializer(StrictSerializer):
    geweigerd_op = serializers.DateField()
    reden = serializers.CharField(max_length=20_000, allow_blank=True)


def _datums_controleren(data: dict[str, Any]) -> None:
    fout = {
        k: ["Kies een datum tussen 1900 en 2100."]
        for k, v in data.items()
        if isinstance(v, date) and not 1900 <= v.year <= 2100
    }
    if fout:
        raise serializers.ValidationError(fout)


class _OverdrachtActie(ApiView):
    resource = "overdrachten"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = OverdrachtSerializer
    problemen = {"POST": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}
    invoer_class: type[StrictSerializer]
    actie = ""

    def uitvoeren(self, request: Request, dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
        raise NotImplementedError

    def verwerk(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.DIENST_UITVOEREN)
        dienst = _of_404(_overdrachten(request.user), pk)
        versie = if_match(request, dienst.version)
        assert versie is not None
        invoer = self.invoer_class(data=request.data)
        invoer.is_valid(raise_exception=True)
        _datums_controleren(invoer.validated_data)
        with transaction.atomic():
            try:
                self.uitvoeren(request, dienst, versie, invoer.validated_data)
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request, resource="overdrachten", actie="wijzigen", target=dienst, status_code=200
            )
        dienst = _of_404(_overdrachten(request.user), pk)
        return met_etag(Response(OverdrachtSerializer(dienst).data), dienst.version)


class OverdrachtAcceptatieView(_OverdrachtActie):
    """De ketenpartner heeft de overdracht geaccepteerd."""

    invoer_class = AcceptatieSerializer

    def uitvoeren(self, request: Request, dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
        inhoud_services.overdracht_accepteren(
            actor=request.user,
            dienst=dienst,
            expected_version=versie,
            request=request._request,
            **d,
        )

    @extend_schema(
        operation_id="overdracht_accepteren",
        summary="Overdracht: geaccepteerd door de ketenpartner",
        request=AcceptatieSerializer,
        responses={200: OverdrachtSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.verwerk(request, pk)


class OverdrachtWeigeringView(_OverdrachtActie):
    """De ketenpartner heeft de overdracht geweigerd (met reden)."""

    invoer_class = WeigeringSerializer

    def uitvoeren(self, request: Request, dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
        inhoud_services.overdracht_weigeren(
            actor=request.user,
            dienst=dienst,
            expected_version=versie,
            request=request._request,
            **d,
        )

    @extend_schema(
        operation_id="overdracht_weigeren",
        summary="Overdracht: geweigerd door de ketenpartner",
        request=WeigeringSerializer,
        responses={200: OverdrachtSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.verwerk(request, pk)


class MonitoringContactInvoerSerializer(StrictSerializer):
    dienst = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    datum = serializers.DateField()
    met_wie = serializers.CharField(max_length=300, allow_blank=True)
    voorwaarden = serializers.ChoiceField(choices=Nageleefd.choices)
    veiligheid = serializers.ChoiceField(choices=Veiligheid.choices)
    herstel = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)
    notitie = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)


class MonitoringContactVastleggenView(MonitoringContactenView):
    """Monitoringscontacten: de lijst, en een contact vastleggen (vult het eerstvolgende
    geplande moment van de dienst)."""

    problemen = {"POST": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}

    @extend_schema(
        operation_id="monitoring_contact_vastleggen",
        summary="Monitoringscontact vastleggen",
        description="`If-Match`: de ETag van de dienst (`GET /diensten/{id}/`).",
        request=MonitoringContactInvoerSerializer,
        responses={201: MonitoringContactSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.DIENST_UITVOEREN)
        invoer = MonitoringContactInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        _datums_controleren(d)
        dienst = Dienst.objects.filter(
            pk=d.pop("dienst"), casus__in=_in_scope(request.user), soort=DienstSoort.MONITOREN
        ).first()
        if dienst is None:
            raise serializers.ValidationError({"dienst": ["Deze monitoringsdienst bestaat niet."]})
        versie = if_match(request, dienst.version)
        assert versie is not None
        with transaction.atomic():
            try:
                moment = inhoud_services.monitoring_contact(
                    actor=request.user,
                    dienst=dienst,
                    expected_version=versie,
                    request=request._request,
                    **d,
                )
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request,
                resource="monitoring-contacten",
                actie="aanmaken",
                target=moment,
                status_code=201,
            )
        moment = _contacten(request.user).get(pk=moment.pk)
        return self.created(
            MonitoringContactSerializer(moment).data,
            url(request, "monitoring-contact", pk=moment.pk),
        )
