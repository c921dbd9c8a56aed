"""Overdrachten, monitoring contacts, huisverboden and voorlichtingen through the API.

Reads are scoped like the pages (``casework.access.casus_scope`` through the casus; the
permissions of ``diensten.werk_views``); voorlichtingen (no casus, no personal data) can be
created and changed through ``diensten.werk_services.voorlichting_opslaan`` — the page's
service — the change with ``If-Match``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm
from zicht.api.base import (
    MAX_INT,
    DatumField,
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
from zicht.audit.services import audit_gebundeld
from zicht.casework.access import (
    casus_onderdeel_get_for_user,
    casus_scope,
    casus_weigering_vastleggen,
    casussen_for_user,
    onderdeel_weigering_vastleggen,
    require_any_permission,
    require_permission,
)
from zicht.casework.models import Betrokkene, Casus, Taak
from zicht.core.exceptions import ConcurrentEditError
from zicht.diensten import inhoud_services, werk_services
from zicht.diensten import selectors_werk as werk_selectors
from zicht.diensten.domain.huisverbod import HuisverbodStatus, Oplegger
from zicht.diensten.models import Dienst, DienstSoort, MonitoringMoment, Nageleefd, Veiligheid
from zicht.diensten.models_werk import (
    OPLEGGER_CHOICES,
    URENSOORT_CHOICES,
    Huisverbod,
    Tijdregel,
    Voorlichting,
)
from zicht.diensten.werk_views import UITVOERDERS

OVERDRACHT_SOORTEN = (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS)
WERK_LEZEN = (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN)


def _in_scope(user: Any) -> QuerySet[Casus]:
    return casussen_for_user(user).values("pk")


def _weigering(user: Any, model: Any, pk: int, casus_pad: str = "casus_id") -> None:
    """An object outside the user's scope was asked for: audited against its casus as on the
    pages. Call it outside the write's transaction, or the rollback takes the audit row."""
    onderdeel_weigering_vastleggen(user, model, pk, casus_veld=casus_pad)


Gevonden = TypeVar("Gevonden")


def _in_body(ophalen: Callable[[Any, int], Gevonden], user: Any, pk: int) -> Gevonden | None:
    """An object named in a request body, through the page's getter (``*_get_for_user``: the
    scope, a refusal audited): None (→ 400 on the field) where the page answers 404."""
    try:
        return ophalen(user, pk)
    except Http404:
        return None


def _casus_in_scope(user: Any, pk: int) -> Casus | None:
    """A casus named in a request body: None (→ 400 on the field) when outside the scope,
    the refusal audited like ``casus_get_for_user`` does."""
    casus = Casus.objects.filter(casus_scope(user), pk=pk).first()
    if casus is None:
        casus_weigering_vastleggen(user, pk)
    return casus


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


def _overdracht(user: Any, pk: int) -> Dienst:
    """One overdracht of the user's scope: 404 otherwise (one outside the scope audited as a
    refused access to its casus, as on the pages)."""
    return casus_onderdeel_get_for_user(
        user, Dienst.objects.filter(soort__in=OVERDRACHT_SOORTEN), pk
    )


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
        dienst = _overdracht(request.user, pk)
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
        moment = casus_onderdeel_get_for_user(
            request.user,
            MonitoringMoment.objects.select_related("dienst"),
            pk,
            casus_veld="dienst__casus",
        )
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


def _huisverbod(user: Any, pk: int) -> Huisverbod:
    """One huisverbod of the user's scope: 404 otherwise, like :func:`_overdracht`."""
    return casus_onderdeel_get_for_user(
        user, Huisverbod.objects.prefetch_related("beschermden"), pk
    )


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
        require_any_permission(request.user, WERK_LEZEN)
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


def _betrokkenen_in_scope(user: Any, ids: set[int]) -> dict[int, Betrokkene]:
    """The betrokkenen with these ids whose casus is in the user's scope (one query); an id of
    a casus outside it is a refusal, audited against that casus."""
    gevonden = {b.pk: b for b in Betrokkene.objects.filter(pk__in=ids, casus__in=_in_scope(user))}
    for pk in sorted(ids - set(gevonden)):
        _weigering(user, Betrokkene, pk)
    return gevonden


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
        # Input and look-ups before the transaction: a refused casus stays in the audit trail.
        invoer = HuisverbodInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        casus = _casus_in_scope(request.user, d["casus"])
        if casus is None:
            raise serializers.ValidationError({"casus": ["Deze casus bestaat niet."]})
        # Only the look-up here (through the scope); which betrokkenen may be named — of this
        # casus, the uithuisgeplaatste not also beschermd — is the service's rule.
        betrokkenen = _betrokkenen_in_scope(
            request.user, {d["uithuisgeplaatste"], *d["beschermden"]}
        )
        onbekend: dict[str, list[str]] = {}
        if d["uithuisgeplaatste"] not in betrokkenen:
            onbekend["uithuisgeplaatste"] = ["Deze betrokkene bestaat niet."]
        if any(b not in betrokkenen for b in d["beschermden"]):
            onbekend["beschermden"] = ["Een of meer van deze betrokkenen bestaan niet."]
        if onbekend:
            raise serializers.ValidationError(onbekend)

        def uitvoeren() -> Response:
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
        require_any_permission(request.user, WERK_LEZEN)
        huisverbod = _huisverbod(request.user, pk)
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
    datum = DatumField()
    onderwerp = serializers.CharField(max_length=200, allow_blank=True)
    doelgroep = serializers.CharField(max_length=200, allow_blank=True)
    organisatie = serializers.CharField(max_length=200, allow_blank=True)
    deelnemers = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    minuten = serializers.IntegerField(min_value=0, max_value=MAX_INT)


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
        require_any_permission(request.user, WERK_LEZEN)
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
        require_any_permission(request.user, WERK_LEZEN)
        voorlichting = get_object_or_404(Voorlichting, pk=pk)
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
        voorlichting = get_object_or_404(Voorlichting, pk=pk)
        versie = if_match(request, voorlichting.version)
        invoer = VoorlichtingInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with audit_gebundeld():
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
    geaccepteerd_op = DatumField()
    geaccepteerd_door = serializers.CharField(max_length=200, allow_blank=True)
    verantwoordelijk_vanaf = DatumField()


class WeigeringSerializer(StrictSerializer):
    geweigerd_op = DatumField()
    reden = serializers.CharField(max_length=20_000, allow_blank=True)


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
        dienst = _overdracht(request.user, pk)
        versie = if_match(request, dienst.version)
        assert versie is not None
        invoer = self.invoer_class(data=request.data)
        invoer.is_valid(raise_exception=True)
        with audit_gebundeld():
            try:
                self.uitvoeren(request, dienst, versie, invoer.validated_data)
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request, resource="overdrachten", actie="wijzigen", target=dienst, status_code=200
            )
        dienst = _overdracht(request.user, pk)
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
    datum = DatumField()
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
        dienst_pk = d.pop("dienst")
        dienst = Dienst.objects.filter(
            pk=dienst_pk, casus__in=_in_scope(request.user), soort=DienstSoort.MONITOREN
        ).first()
        if dienst is None:
            _weigering(request.user, Dienst, dienst_pk)
            raise serializers.ValidationError({"dienst": ["Deze monitoringsdienst bestaat niet."]})
        versie = if_match(request, dienst.version)
        assert versie is not None
        with audit_gebundeld():
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


# --- Huisverbod: verlengen en beëindigen (diensten.werk_services) ----------------------------


class VerlengingSerializer(StrictSerializer):
    nieuw_einde = DatumField()
    besloten_op = DatumField()
    besloten_door = serializers.ChoiceField(
        choices=OPLEGGER_CHOICES, required=False, default=Oplegger.BURGEMEESTER.value
    )
    reden = serializers.CharField(max_length=500, allow_blank=True)


class BeeindigingSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=[
            (s.value, s.label) for s in (HuisverbodStatus.AFGELOPEN, HuisverbodStatus.INGETROKKEN)
        ]
    )
    op = DatumField()


class _HuisverbodActie(ApiView):
    resource = "huisverboden"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = HuisverbodSerializer
    problemen = {"POST": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}
    invoer_class: type[StrictSerializer]

    def uitvoeren(
        self, request: Request, huisverbod: Huisverbod, versie: int, d: dict[str, Any]
    ) -> Huisverbod:
        raise NotImplementedError

    def verwerk(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.DIENST_UITVOEREN)
        huisverbod = _huisverbod(request.user, pk)
        versie = if_match(request, huisverbod.version)
        assert versie is not None
        invoer = self.invoer_class(data=request.data)
        invoer.is_valid(raise_exception=True)
        with audit_gebundeld():
            try:
                huisverbod = self.uitvoeren(request, huisverbod, versie, invoer.validated_data)
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request,
                resource="huisverboden",
                actie="wijzigen",
                target=huisverbod,
                status_code=200,
            )
        huisverbod = _huisverboden(request.user).get(pk=pk)
        return met_etag(Response(HuisverbodSerializer(huisverbod).data), huisverbod.version)


class HuisverbodVerlengingView(_HuisverbodActie):
    """De burgemeester verlengde het huisverbod (tot hooguit vier weken na oplegging)."""

    invoer_class = VerlengingSerializer

    def uitvoeren(
        self, request: Request, huisverbod: Huisverbod, versie: int, d: dict[str, Any]
    ) -> Huisverbod:
        return werk_services.huisverbod_verlengen(
            actor=request.user,
            huisverbod=huisverbod,
            expected_version=versie,
            request=request._request,
            **d,
        )

    @extend_schema(
        operation_id="huisverbod_verlengen",
        summary="Huisverbod verlengen",
        description="`If-Match`: de ETag van het huisverbod (`GET /huisverboden/{id}/`).",
        request=VerlengingSerializer,
        responses={200: HuisverbodSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.verwerk(request, pk)


class HuisverbodBeeindigingView(_HuisverbodActie):
    """Het huisverbod is afgelopen of ingetrokken."""

    invoer_class = BeeindigingSerializer

    def uitvoeren(
        self, request: Request, huisverbod: Huisverbod, versie: int, d: dict[str, Any]
    ) -> Huisverbod:
        return werk_services.huisverbod_beeindigen(
            actor=request.user,
            huisverbod=huisverbod,
            expected_version=versie,
            request=request._request,
            **d,
        )

    @extend_schema(
        operation_id="huisverbod_beeindigen",
        summary="Huisverbod beëindigen (afgelopen of ingetrokken)",
        description="`If-Match`: de ETag van het huisverbod (`GET /huisverboden/{id}/`).",
        request=BeeindigingSerializer,
        responses={200: HuisverbodSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.verwerk(request, pk)


# --- Tijdboekingen (diensten.werk_services.tijd_boeken / tijd_corrigeren) ---------------------


class TijdboekingSerializer(serializers.ModelSerializer[Tijdregel]):
    class Meta:
        model = Tijdregel
        fields = [
            "id",
            "medewerker",
            "datum",
            "minuten",
            "soort",
            "casus",
            "dienst",
            "huisverbod",
            "voorlichting",
            "omschrijving",
            "corrigeert",
            "vastgelegd_op",
        ]


class TijdboekingFilter(django_filters.FilterSet):
    datum_vanaf = django_filters.DateFilter(field_name="datum", lookup_expr="gte")
    datum_tot = django_filters.DateFilter(field_name="datum", lookup_expr="lt")
    soort = django_filters.ChoiceFilter(choices=URENSOORT_CHOICES)

    class Meta:
        model = Tijdregel
        fields: list[str] = []


def _tijdboekingen(user: Any) -> QuerySet[Tijdregel]:
    """The user's own bookings that still count, as on the hours page."""
    return Tijdregel.objects.filter(medewerker=user, correctie__isnull=True)


class TijdboekingInvoerSerializer(StrictSerializer):
    datum = DatumField()
    minuten = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    soort = serializers.ChoiceField(
        choices=URENSOORT_CHOICES,
        required=False,
        help_text="Waarvoor de tijd is, als er geen dienst, huisverbod of voorlichting is.",
    )
    casus = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    dienst = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    huisverbod = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    voorlichting = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    omschrijving = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


class CorrectieSerializer(StrictSerializer):
    minuten = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    omschrijving = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


def _boekingsdoel(user: Any, d: dict[str, Any]) -> dict[str, Any]:
    """The casus, dienst, huisverbod or voorlichting named in the body, each through the
    user's scope (outside it: 400 on the field, the refusal audited). Whether the work can be
    booked on (a running dienst, the casus-level services) is ``tijd_boeken``'s rule."""
    doel: dict[str, Any] = {}
    fouten: dict[str, list[str]] = {}
    if "casus" in d:
        doel["casus"] = _casus_in_scope(user, d["casus"])
        if doel["casus"] is None:
            fouten["casus"] = ["Deze casus bestaat niet."]
    if "dienst" in d:
        doel["dienst"] = _in_body(werk_selectors.dienst_get_for_user, user, d["dienst"])
        if doel["dienst"] is None:
            fouten["dienst"] = ["Deze dienst bestaat niet."]
    if "huisverbod" in d:
        doel["huisverbod"] = _in_body(werk_selectors.huisverbod_get_for_user, user, d["huisverbod"])
        if doel["huisverbod"] is None:
            fouten["huisverbod"] = ["Dit huisverbod bestaat niet."]
    if "voorlichting" in d:
        doel["voorlichting"] = Voorlichting.objects.filter(pk=d["voorlichting"]).first()
        if doel["voorlichting"] is None:
            fouten["voorlichting"] = ["Deze voorlichting bestaat niet."]
    if fouten:
        raise serializers.ValidationError(fouten)
    return doel


class TijdboekingenView(ApiView):
    """Eigen urenboekingen (die nog tellen: een gecorrigeerde boeking telt via haar correctie),
    en tijd boeken."""

    resource = "tijdboekingen"
    serializer_class = TijdboekingSerializer
    filterset_class = TijdboekingFilter
    ordering_fields = ["datum", "id"]
    ordering = ["-datum", "-id"]

    def get_queryset(self) -> QuerySet[Tijdregel]:
        if getattr(self, "swagger_fake_view", False):  # the schema is made without a user
            return Tijdregel.objects.none()
        return _tijdboekingen(self.request.user)

    @extend_schema(
        operation_id="tijdboekingen_lijst",
        responses=TijdboekingSerializer(many=True),
        summary="Mijn urenboekingen",
    )
    def get(self, request: Request) -> Response:
        require_any_permission(request.user, UITVOERDERS)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(TijdboekingSerializer(page, many=True).data)

    @extend_schema(
        operation_id="tijd_boeken",
        summary="Tijd boeken",
        description=(
            "Op een dienst, huisverbod of voorlichting (de urensoort volgt daaruit), of met "
            "`soort` (eventueel met `casus`) voor werk zonder dienst. Vooruit boeken kan niet."
        ),
        request=TijdboekingInvoerSerializer,
        responses={201: TijdboekingSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_any_permission(request.user, UITVOERDERS)
        invoer = TijdboekingInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        doel = _boekingsdoel(request.user, d)

        def uitvoeren() -> Response:
            try:
                regel = werk_services.tijd_boeken(
                    actor=request.user,
                    datum=d["datum"],
                    minuten=d["minuten"],
                    soort=d.get("soort"),
                    omschrijving=d["omschrijving"],
                    request=request._request,
                    **doel,
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request, resource="tijdboekingen", actie="aanmaken", target=regel, status_code=201
            )
            return self.created(
                TijdboekingSerializer(regel).data, url(request, "tijdboeking", pk=regel.pk)
            )

        return idempotent(request, uitvoeren)


class TijdboekingView(ApiView):
    resource = "tijdboekingen"
    serializer_class = TijdboekingSerializer

    @extend_schema(operation_id="tijdboeking_ophalen", summary="Urenboeking")
    def get(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, UITVOERDERS)
        # Own bookings only, a replaced one included (it shows what was corrected).
        regel = get_object_or_404(Tijdregel.objects.filter(medewerker=request.user), pk=pk)
        return Response(TijdboekingSerializer(regel).data)


class TijdboekingCorrectieView(ApiView):
    """Corrigeert een eigen boeking: een nieuwe regel vervangt haar (de oude blijft bewaard)."""

    resource = "tijdboekingen"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = TijdboekingSerializer

    @extend_schema(
        operation_id="tijdboeking_corrigeren",
        summary="Urenboeking corrigeren",
        description=(
            "Maakt een nieuwe boeking die deze vervangt (0 minuten: de boeking was een "
            "vergissing). Een al gecorrigeerde boeking: 400; corrigeer de nieuwste."
        ),
        request=CorrectieSerializer,
        responses={201: TijdboekingSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, UITVOERDERS)
        regel = get_object_or_404(Tijdregel.objects.filter(medewerker=request.user), pk=pk)
        invoer = CorrectieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data

        def uitvoeren() -> Response:
            try:
                nieuw = werk_services.tijd_corrigeren(
                    actor=request.user,
                    regel=regel,
                    minuten=d["minuten"],
                    omschrijving=d["omschrijving"],
                    request=request._request,
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request, resource="tijdboekingen", actie="wijzigen", target=nieuw, status_code=201
            )
            return self.created(
                TijdboekingSerializer(nieuw).data, url(request, "tijdboeking", pk=nieuw.pk)
            )

        return idempotent(request, uitvoeren)


# --- Werkverdeling (diensten.werk_services.werk_toewijzen_bulk) -------------------------------


class WerkstandSerializer(serializers.Serializer[Any]):
    """Who carries a dienst or task now, and the version to send in ``If-Match`` when
    (re)assigning it."""

    dienst = serializers.IntegerField(allow_null=True)
    taak = serializers.IntegerField(allow_null=True)
    casus = serializers.IntegerField()
    behandelaar = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField()


def _stand_dienst(dienst: Dienst) -> dict[str, Any]:
    behandeling = getattr(dienst, "behandeling", None)
    return {
        "dienst": dienst.pk,
        "taak": None,
        "casus": dienst.casus_id,
        "behandelaar": behandeling.behandelaar_id if behandeling is not None else None,
        "version": behandeling.version if behandeling is not None else 1,
    }


def _stand_taak(taak: Taak) -> dict[str, Any]:
    return {
        "dienst": None,
        "taak": taak.pk,
        "casus": taak.casus_id,
        "behandelaar": taak.toegewezen_aan_id,
        "version": taak.version,
    }


VERDELING_LEZEN = (Perm.WERK_VERDELEN, Perm.WERKVOORRAAD_INZIEN)


class DienstToewijzingView(ApiView):
    resource = "toewijzingen"
    serializer_class = WerkstandSerializer

    @extend_schema(
        operation_id="toewijzing_dienst",
        summary="Toewijzing van een dienst (wie, en de versie voor If-Match)",
    )
    def get(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, VERDELING_LEZEN)
        dienst = werk_selectors.dienst_get_for_user(request.user, pk)
        stand = _stand_dienst(dienst)
        return met_etag(Response(WerkstandSerializer(stand).data), stand["version"])


class TaakToewijzingView(ApiView):
    resource = "toewijzingen"
    serializer_class = WerkstandSerializer

    @extend_schema(
        operation_id="toewijzing_taak",
        summary="Toewijzing van een taak (wie, en de versie voor If-Match)",
    )
    def get(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, VERDELING_LEZEN)
        taak = werk_selectors.taak_get_for_user(request.user, pk)
        stand = _stand_taak(taak)
        return met_etag(Response(WerkstandSerializer(stand).data), stand["version"])


class ToewijzingInvoerSerializer(StrictSerializer):
    dienst = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    taak = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    medewerker = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    reden = serializers.CharField(
        max_length=500,
        required=False,
        default="",
        allow_blank=True,
        help_text="Verplicht bij herverdelen (het werk had al een behandelaar).",
    )


class ToewijzingenView(ApiView):
    """Werk (een dienst of een open taak) toewijzen aan een medewerker van het team van de
    casus, of herverdelen met een reden — de service van het werkverdelingsbord."""

    resource = "toewijzingen"
    serializer_class = WerkstandSerializer
    problemen = {"POST": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}

    @extend_schema(
        operation_id="werk_toewijzen",
        summary="Werk toewijzen",
        description=(
            "Eén van `dienst` of `taak`. `If-Match`: de ETag van `GET "
            "/toewijzingen/diensten/{id}/` of `/toewijzingen/taken/{id}/` (bij een dienst de "
            "versie van de behandeling, niet die van de dienst)."
        ),
        request=ToewijzingInvoerSerializer,
        responses={201: WerkstandSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.WERK_VERDELEN)
        invoer = ToewijzingInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        # The page's getters; the team rule (a member of the casus's team) is the service's.
        dienst = (
            _in_body(werk_selectors.dienst_get_for_user, request.user, d["dienst"])
            if "dienst" in d
            else None
        )
        taak = (
            _in_body(werk_selectors.taak_get_for_user, request.user, d["taak"])
            if "taak" in d
            else None
        )
        fouten: dict[str, list[str]] = {}
        if "dienst" in d and dienst is None:
            fouten["dienst"] = ["Deze dienst bestaat niet."]
        if "taak" in d and taak is None:
            fouten["taak"] = ["Deze taak bestaat niet."]
        if fouten:
            raise serializers.ValidationError(fouten)
        versie = if_match(request, None)
        assert versie is not None
        medewerker = User.objects.filter(pk=d["medewerker"]).first()

        def uitvoeren() -> Response:
            try:
                werk_services.werk_toewijzen_bulk(
                    actor=request.user,
                    medewerker=medewerker,
                    doelen=[
                        werk_services.Werkdoel(expected_version=versie, dienst=dienst, taak=taak)
                    ],
                    reden=d["reden"],
                    # the board's team rule: who distributes is a member of the work's team
                    team=doel.casus.team if (doel := dienst or taak) is not None else None,
                    request=request._request,
                )
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout) from None
            if dienst is not None:
                stand = _stand_dienst(
                    Dienst.objects.select_related("behandeling").get(pk=dienst.pk)
                )
                naam, casus = "toewijzing-dienst", dienst.casus
            else:
                assert taak is not None
                stand = _stand_taak(Taak.objects.get(pk=taak.pk))
                naam, casus = "toewijzing-taak", taak.casus
            audit_api_schrijf(
                request, resource="toewijzingen", actie="aanmaken", target=casus, status_code=201
            )
            pk = stand["dienst"] or stand["taak"]
            response = self.created(WerkstandSerializer(stand).data, url(request, naam, pk=pk))
            return met_etag(response, stand["version"])

        return idempotent(request, uitvoeren)
