"""Veiligheidsbeoordelingen, besluiten and diensten through the API.

Writes go through the services of the pages: ``assessment.services.beoordeling_start``,
``triage_vastleggen``, ``besluit_voorstellen``, ``besluit_terugsturen`` and
``diensten.services.besluit_bevestigen`` (four eyes, late reason, the dienst it starts).
The version of the Veiligheidsbeoordeling is the ETag of the beoordeling and of its besluiten:
a change needs it in ``If-Match`` (missing → 428, stale → 412, nothing overwritten)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm
from zicht.api.base import (
    MAX_INT,
    StrictSerializer,
    audit_api_lezen,
    audit_api_schrijf,
    idempotent,
    if_match,
    service_fouten,
)
from zicht.api.resources.common import IDEMPOTENCY_PARAM, IF_MATCH_PARAM, ApiView, met_etag, url
from zicht.api.scopes import WIJZIGEN
from zicht.assessment import selectors as assessment_selectors
from zicht.assessment import services as assessment_services
from zicht.assessment.models import (
    BESLUIT_CHOICES,
    STATUS_CHOICES,
    Besluit,
    BesluitStatus,
    Ketenpartner,
    Veiligheidsbeoordeling,
)
from zicht.audit.services import audit_gebundeld
from zicht.casework.access import (
    casus_onderdeel_get_for_user,
    casussen_for_user,
    require_any_permission,
    require_permission,
)
from zicht.casework.models import Casus
from zicht.diensten import inhoud_selectors as diensten_selectors
from zicht.diensten import services as diensten_services
from zicht.diensten.models import Dienst, DienstSoort, DienstStatus
from zicht.intake.models import Melding

BEOORDELEN = (
    Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
    Perm.BESLUIT_MEEBESLISSEN,
    Perm.BESLUIT_DESKUNDIGE,
)
MEEBESLISSEN = (Perm.BESLUIT_MEEBESLISSEN, Perm.BESLUIT_DESKUNDIGE)
TRIAGE_VELDEN = [(r"vraag_(.+)", r"antwoorden.\1")]


def _in_scope(user: Any) -> QuerySet[Casus]:
    return casussen_for_user(user).values("pk")


# --- Serializers -----------------------------------------------------------------------------


class BeoordelingSerializer(serializers.ModelSerializer[Veiligheidsbeoordeling]):
    instrument_versie = serializers.IntegerField(source="instrument.versie", read_only=True)
    antwoorden = serializers.DictField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Veiligheidsbeoordeling
        fields = [
            "id",
            "melding",
            "instrument_versie",
            "status",
            "antwoorden",
            "acuut",
            "structureel",
            "multiprobleem",
            "taxatie",
            "gestart_op",
            "besloten_op",
            "op_tijd",
            "version",
        ]


class BeoordelingStartSerializer(StrictSerializer):
    melding = serializers.IntegerField(min_value=1, max_value=MAX_INT)


class TriageSerializer(StrictSerializer):
    antwoorden = serializers.DictField(
        child=serializers.CharField(max_length=500, allow_blank=True), allow_empty=True
    )


class BesluitSerializer(serializers.ModelSerializer[Besluit]):
    melding = serializers.IntegerField(source="beoordeling.melding_id", read_only=True)
    beoordeling_version = serializers.IntegerField(source="beoordeling.version", read_only=True)

    class Meta:
        model = Besluit
        fields = [
            "id",
            "beoordeling",
            "melding",
            "soort",
            "motivering",
            "toelichting_afwijking",
            "ketenpartner",
            "ontvangende_partij",
            "status",
            "voorgesteld_op",
            "beoordeeld_op",
            "reden_oneens",
            "beoordeling_version",
        ]


class BesluitVoorstelSerializer(StrictSerializer):
    melding = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    soort = serializers.ChoiceField(choices=BESLUIT_CHOICES)
    motivering = serializers.CharField(max_length=20_000, allow_blank=True)
    antwoorden = serializers.DictField(
        child=serializers.CharField(max_length=500, allow_blank=True),
        required=False,
        allow_null=True,
        default=None,
    )
    toelichting_afwijking = serializers.CharField(
        max_length=20_000, required=False, default="", allow_blank=True
    )
    ketenpartner = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, required=False, allow_null=True, default=None
    )
    ontvangende_partij = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


class BevestigingSerializer(StrictSerializer):
    reden_te_laat = serializers.CharField(
        max_length=500, required=False, default="", allow_blank=True
    )
    politie_inhoud = serializers.CharField(
        max_length=20_000, required=False, default="", allow_blank=True
    )


class TerugsturingSerializer(StrictSerializer):
    reden = serializers.CharField(max_length=20_000, allow_blank=True)


class BevestigdSerializer(serializers.Serializer[Any]):
    besluit = BesluitSerializer()
    te_laat = serializers.BooleanField()
    casus_gesloten = serializers.BooleanField()
    dienst = serializers.IntegerField(allow_null=True)


class DienstSerializer(serializers.ModelSerializer[Dienst]):
    class Meta:
        model = Dienst
        fields = [
            "id",
            "casus",
            "besluit",
            "soort",
            "status",
            "start",
            "deadline",
            "ontvangende_partij",
            "aangemaakt_op",
            "version",
        ]


# --- Filters ---------------------------------------------------------------------------------


class BeoordelingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES)
    melding = django_filters.NumberFilter(field_name="melding_id", min_value=1, max_value=MAX_INT)

    class Meta:
        model = Veiligheidsbeoordeling
        fields = ["status"]


class BesluitFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=BesluitStatus.choices)
    soort = django_filters.ChoiceFilter(choices=BESLUIT_CHOICES)
    melding = django_filters.NumberFilter(
        field_name="beoordeling__melding_id", min_value=1, max_value=MAX_INT
    )

    class Meta:
        model = Besluit
        fields = ["status", "soort"]


class DienstFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=DienstSoort.choices)
    status = django_filters.ChoiceFilter(choices=DienstStatus.choices)
    casus = django_filters.NumberFilter(field_name="casus_id", min_value=1, max_value=MAX_INT)

    class Meta:
        model = Dienst
        fields = ["soort", "status"]


# --- Veiligheidsbeoordelingen ----------------------------------------------------------------


def _beoordelingen(user: Any) -> QuerySet[Veiligheidsbeoordeling]:
    return Veiligheidsbeoordeling.objects.filter(melding__casus__in=_in_scope(user)).select_related(
        "instrument", "melding"
    )


def _beoordeling(user: Any, pk: int) -> Veiligheidsbeoordeling:
    """404 outside the scope; an existing one is refused (audited) as its casus would be."""
    return casus_onderdeel_get_for_user(
        user,
        Veiligheidsbeoordeling.objects.select_related("instrument", "melding"),
        pk,
        casus_veld="melding__casus",
        niet_gevonden="Veiligheidsbeoordeling niet gevonden.",
    )


class BeoordelingenView(ApiView):
    """Veiligheidsbeoordelingen binnen de eigen scope; een beoordeling starten."""

    resource = "veiligheidsbeoordelingen"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = BeoordelingSerializer
    filterset_class = BeoordelingFilter
    ordering_fields = ["gestart_op", "id"]
    ordering = ["-gestart_op", "-id"]

    def get_queryset(self) -> QuerySet[Veiligheidsbeoordeling]:
        return _beoordelingen(self.request.user)

    @extend_schema(
        operation_id="veiligheidsbeoordelingen_lijst",
        responses=BeoordelingSerializer(many=True),
        summary="Veiligheidsbeoordelingen",
    )
    def get(self, request: Request) -> Response:
        require_any_permission(request.user, BEOORDELEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="veiligheidsbeoordelingen", ids=[b.pk for b in page])
        return self.get_paginated_response(BeoordelingSerializer(page, many=True).data)

    @extend_schema(
        operation_id="veiligheidsbeoordeling_starten",
        summary="Veiligheidsbeoordeling starten",
        description="Start de beoordeling van een melding; bestaat die al, dan die (200).",
        request=BeoordelingStartSerializer,
        responses={201: BeoordelingSerializer, 200: BeoordelingSerializer},
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
        invoer = BeoordelingStartSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        melding = Melding.objects.filter(
            pk=invoer.validated_data["melding"], casus__in=_in_scope(request.user)
        ).first()
        if melding is None:
            raise serializers.ValidationError({"melding": ["Deze melding bestaat niet."]})
        with audit_gebundeld():
            bestond = Veiligheidsbeoordeling.objects.filter(melding=melding).exists()
            try:
                beoordeling = assessment_services.beoordeling_start(
                    actor=request.user, melding=melding, request=request._request
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            status_code = 200 if bestond else 201
            audit_api_schrijf(
                request,
                resource="veiligheidsbeoordelingen",
                actie="aanmaken",
                target=beoordeling,
                status_code=status_code,
            )
        beoordeling = _beoordeling(request.user, beoordeling.pk)
        data = BeoordelingSerializer(beoordeling).data
        if bestond:
            return met_etag(Response(data), beoordeling.version)
        response = self.created(data, url(request, "veiligheidsbeoordeling", pk=beoordeling.pk))
        return met_etag(response, beoordeling.version)


class BeoordelingView(ApiView):
    resource = "veiligheidsbeoordelingen"
    serializer_class = BeoordelingSerializer
    problemen = {"PATCH": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}

    @extend_schema(operation_id="veiligheidsbeoordeling_ophalen", summary="Veiligheidsbeoordeling")
    def get(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, BEOORDELEN)
        beoordeling = _beoordeling(request.user, pk)
        audit_api_lezen(request, resource="veiligheidsbeoordelingen", target=beoordeling)
        return met_etag(Response(BeoordelingSerializer(beoordeling).data), beoordeling.version)

    @extend_schema(
        operation_id="triage_vastleggen",
        summary="Triage-antwoorden vastleggen",
        request=TriageSerializer,
        responses={200: BeoordelingSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def patch(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
        beoordeling = _beoordeling(request.user, pk)
        versie = if_match(request, beoordeling.version)
        invoer = TriageSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with audit_gebundeld():
            try:
                assessment_services.triage_vastleggen(
                    actor=request.user,
                    melding=beoordeling.melding,
                    antwoorden=invoer.validated_data["antwoorden"],
                    expected_version=versie,
                    request=request._request,
                )
            except ValidationError as fout:
                if isinstance(fout, assessment_services.BesluitAlBehandeld):
                    raise
                raise service_fouten(fout, TRIAGE_VELDEN) from None
            audit_api_schrijf(
                request,
                resource="veiligheidsbeoordelingen",
                actie="wijzigen",
                target=beoordeling,
                status_code=200,
            )
        beoordeling = _beoordeling(request.user, pk)
        return met_etag(Response(BeoordelingSerializer(beoordeling).data), beoordeling.version)


# --- Besluiten -------------------------------------------------------------------------------


def _besluiten(user: Any) -> QuerySet[Besluit]:
    return Besluit.objects.filter(beoordeling__melding__casus__in=_in_scope(user)).select_related(
        "beoordeling"
    )


def _besluit(user: Any, pk: int) -> Besluit:
    """The page's getter: 404 outside the scope, an existing one refused and audited."""
    return assessment_selectors.besluit_get_for_user(user, pk)


class BesluitenView(ApiView):
    """Besluiten na de veiligheidsbeoordeling: lijst en voorstellen."""

    resource = "besluiten"
    serializer_class = BesluitSerializer
    filterset_class = BesluitFilter
    ordering_fields = ["voorgesteld_op", "id"]
    ordering = ["-voorgesteld_op", "-id"]
    problemen = {"POST": {412: "Verouderde ETag"}}

    def get_queryset(self) -> QuerySet[Besluit]:
        return _besluiten(self.request.user)

    @extend_schema(
        operation_id="besluiten_lijst", responses=BesluitSerializer(many=True), summary="Besluiten"
    )
    def get(self, request: Request) -> Response:
        require_any_permission(request.user, BEOORDELEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="besluiten", ids=[b.pk for b in page])
        return self.get_paginated_response(BesluitSerializer(page, many=True).data)

    @extend_schema(
        operation_id="besluit_voorstellen",
        summary="Besluit voorstellen",
        description=(
            "Stelt een besluit voor (met de triage-antwoorden, als gegeven). Een ander "
            "bevestigt het (vier ogen). `If-Match` met de ETag van de beoordeling is "
            "optioneel; verouderd → 412."
        ),
        request=BesluitVoorstelSerializer,
        responses={201: BesluitSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)

        def uitvoeren() -> Response:
            invoer = BesluitVoorstelSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            d = invoer.validated_data
            melding = Melding.objects.filter(
                pk=d["melding"], casus__in=_in_scope(request.user)
            ).first()
            if melding is None:
                raise serializers.ValidationError({"melding": ["Deze melding bestaat niet."]})
            huidig = (
                Veiligheidsbeoordeling.objects.filter(melding=melding)
                .values_list("version", flat=True)
                .first()
            )
            versie = if_match(request, huidig, verplicht=False)
            ketenpartner = None
            if d["ketenpartner"] is not None:
                ketenpartner = Ketenpartner.objects.filter(pk=d["ketenpartner"]).first()
                if ketenpartner is None:
                    raise serializers.ValidationError(
                        {"ketenpartner": ["Deze ketenpartner bestaat niet."]}
                    )
            try:
                besluit = assessment_services.besluit_voorstellen(
                    actor=request.user,
                    melding=melding,
                    soort=d["soort"],
                    motivering=d["motivering"],
                    antwoorden=d["antwoorden"],
                    toelichting_afwijking=d["toelichting_afwijking"],
                    ketenpartner=ketenpartner,
                    ontvangende_partij=d["ontvangende_partij"],
                    expected_version=versie,
                    request=request._request,
                )
            except ValidationError as fout:
                if isinstance(fout, assessment_services.BesluitAlBehandeld):
                    raise
                raise service_fouten(fout, TRIAGE_VELDEN) from None
            audit_api_schrijf(
                request, resource="besluiten", actie="aanmaken", target=besluit, status_code=201
            )
            besluit = _besluit(request.user, besluit.pk)
            response = self.created(
                BesluitSerializer(besluit).data, url(request, "besluit", pk=besluit.pk)
            )
            return met_etag(response, besluit.beoordeling.version)

        return idempotent(request, uitvoeren)


class BesluitView(ApiView):
    resource = "besluiten"
    serializer_class = BesluitSerializer

    @extend_schema(operation_id="besluit_ophalen", summary="Besluit")
    def get(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, BEOORDELEN)
        besluit = _besluit(request.user, pk)
        audit_api_lezen(request, resource="besluiten", target=besluit)
        return met_etag(Response(BesluitSerializer(besluit).data), besluit.beoordeling.version)


class BesluitBevestigingView(ApiView):
    """Bevestigt een voorgesteld besluit als tweede persoon (vier ogen)."""

    resource = "besluiten"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = BevestigdSerializer
    problemen = {"POST": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}

    @extend_schema(
        operation_id="besluit_bevestigen",
        summary="Besluit bevestigen (vier ogen)",
        request=BevestigingSerializer,
        responses={200: BevestigdSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, MEEBESLISSEN)
        besluit = _besluit(request.user, pk)
        versie = if_match(request, besluit.beoordeling.version)
        invoer = BevestigingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        assert versie is not None
        with audit_gebundeld():
            try:
                uitkomst = diensten_services.besluit_bevestigen(
                    actor=request.user,
                    besluit=besluit,
                    expected_version=versie,
                    request=request._request,
                    **invoer.validated_data,
                )
            except ValidationError as fout:
                if isinstance(fout, assessment_services.BesluitAlBehandeld):
                    raise
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request, resource="besluiten", actie="wijzigen", target=besluit, status_code=200
            )
        besluit = _besluit(request.user, pk)
        data = BevestigdSerializer(
            {
                "besluit": besluit,
                "te_laat": uitkomst.te_laat,
                "casus_gesloten": uitkomst.casus_gesloten,
                "dienst": uitkomst.dienst.pk if uitkomst.dienst else None,
            }
        ).data
        return met_etag(Response(data), besluit.beoordeling.version)


class BesluitTerugsturingView(ApiView):
    """Stuurt een voorstel terug met een reden (niet eens)."""

    resource = "besluiten"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = BesluitSerializer
    problemen = {"POST": {412: "Verouderde ETag", 428: "If-Match ontbreekt"}}

    @extend_schema(
        operation_id="besluit_terugsturen",
        summary="Besluit terugsturen",
        request=TerugsturingSerializer,
        responses={200: BesluitSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        require_any_permission(request.user, MEEBESLISSEN)
        besluit = _besluit(request.user, pk)
        versie = if_match(request, besluit.beoordeling.version)
        invoer = TerugsturingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        assert versie is not None
        with audit_gebundeld():
            try:
                assessment_services.besluit_terugsturen(
                    actor=request.user,
                    besluit=besluit,
                    reden=invoer.validated_data["reden"],
                    expected_version=versie,
                    request=request._request,
                )
            except ValidationError as fout:
                if isinstance(fout, assessment_services.BesluitAlBehandeld):
                    raise
                raise service_fouten(fout, [("reden_oneens", "reden")]) from None
            audit_api_schrijf(
                request, resource="besluiten", actie="wijzigen", target=besluit, status_code=200
            )
        besluit = _besluit(request.user, pk)
        return met_etag(Response(BesluitSerializer(besluit).data), besluit.beoordeling.version)


# --- Diensten --------------------------------------------------------------------------------


def _diensten(user: Any) -> QuerySet[Dienst]:
    return Dienst.objects.filter(casus__in=_in_scope(user))


class DienstenView(ApiView):
    """Diensten (na het besluit) binnen de eigen scope."""

    resource = "diensten"
    serializer_class = DienstSerializer
    filterset_class = DienstFilter
    ordering_fields = ["start", "deadline", "id"]
    ordering = ["-start", "-id"]

    def get_queryset(self) -> QuerySet[Dienst]:
        return _diensten(self.request.user)

    @extend_schema(
        operation_id="diensten_lijst", responses=DienstSerializer(many=True), summary="Diensten"
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="diensten", ids=[d.pk for d in page])
        return self.get_paginated_response(DienstSerializer(page, many=True).data)


class DienstView(ApiView):
    resource = "diensten"
    serializer_class = DienstSerializer

    @extend_schema(operation_id="dienst_ophalen", summary="Dienst")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        dienst = diensten_selectors.dienst_get_for_user(request.user, pk)
        audit_api_lezen(request, resource="diensten", target=dienst)
        return met_etag(Response(DienstSerializer(dienst).data), dienst.version)
