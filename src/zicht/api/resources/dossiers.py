"""Casussen and personen (read-only) through the API.

Visibility is ``casework.access.casus_scope`` of the caller (an API client: its service
user), in SQL; outside it → 404. Personen are restricted: minimal fields, only persons who
are betrokkene in a casus in scope, and the BSN only for an API client with the scope
``personen:bsn`` (a person at a browser sees it, as on the dossier page)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm
from zicht.api.authentication import api_client
from zicht.api.base import MAX_INT, audit_api_lezen
from zicht.api.resources.common import ApiView
from zicht.api.scopes import BSN_SCOPE
from zicht.casework.access import (
    casus_get_for_user,
    casus_scope,
    casus_weigering_vastleggen,
    require_permission,
)
from zicht.casework.models import Betrokkene, Casus, CasusStatus
from zicht.people.models import Persoon


class CasusBetrokkeneSerializer(serializers.Serializer[Any]):
    persoon = serializers.IntegerField(source="persoon_id")
    rol = serializers.CharField()


class CasusSerializer(serializers.ModelSerializer[Casus]):
    team_naam = serializers.CharField(source="team.naam", read_only=True)
    gemeente = serializers.CharField(source="gemeente_id", allow_null=True, read_only=True)

    class Meta:
        model = Casus
        fields = [
            "id",
            "nummer",
            "status",
            "team",
            "team_naam",
            "gemeente",
            "geopend_op",
            "gesloten_op",
            "version",
        ]


class CasusDetailSerializer(CasusSerializer):
    betrokkenen = CasusBetrokkeneSerializer(many=True, read_only=True)
    meldingen = serializers.SerializerMethodField()

    class Meta(CasusSerializer.Meta):
        fields = [*CasusSerializer.Meta.fields, "betrokkenen", "meldingen"]

    def get_meldingen(self, casus: Casus) -> list[int]:
        return [m.pk for m in casus.meldingen.all()]


class CasusFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CasusStatus.choices)
    team = django_filters.NumberFilter(field_name="team_id", min_value=1, max_value=MAX_INT)
    gemeente = django_filters.CharFilter(field_name="gemeente_id", max_length=6)
    nummer = django_filters.CharFilter(field_name="nummer", lookup_expr="startswith", max_length=16)
    geopend_vanaf = django_filters.IsoDateTimeFilter(field_name="geopend_op", lookup_expr="gte")
    geopend_tot = django_filters.IsoDateTimeFilter(field_name="geopend_op", lookup_expr="lt")

    class Meta:
        model = Casus
        fields = ["status"]


def _casussen(user: Any) -> QuerySet[Casus]:
    return Casus.objects.filter(casus_scope(user)).select_related("team")


class CasussenView(ApiView):
    """Casussen binnen de eigen scope (team of toewijzing)."""

    resource = "casussen"
    serializer_class = CasusSerializer
    filterset_class = CasusFilter
    ordering_fields = ["geopend_op", "nummer", "id"]
    ordering = ["-geopend_op", "-id"]

    def get_queryset(self) -> QuerySet[Casus]:
        return _casussen(self.request.user)

    @extend_schema(
        operation_id="casussen_lijst", responses=CasusSerializer(many=True), summary="Casussen"
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="casussen", ids=[c.pk for c in page])
        return self.get_paginated_response(CasusSerializer(page, many=True).data)


class CasusView(ApiView):
    resource = "casussen"
    serializer_class = CasusDetailSerializer

    @extend_schema(operation_id="casus_ophalen", summary="Casus")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        casus = casus_get_for_user(
            request.user,
            pk,
            queryset=Casus.objects.select_related("team").prefetch_related(
                Prefetch("betrokkenen", queryset=Betrokkene.objects.order_by("pk")),
                "meldingen",
            ),
        )
        audit_api_lezen(request, resource="casussen", target=casus)
        response = Response(CasusDetailSerializer(casus).data)
        response["ETag"] = f'"{casus.version}"'
        return response


# --- Personen --------------------------------------------------------------------------------


class PersoonSerializer(serializers.ModelSerializer[Persoon]):
    """Minimal person data. ``bsn`` is null unless the caller may see BSNs."""

    bsn = serializers.SerializerMethodField()
    bsn_gemaskeerd = serializers.CharField(read_only=True)
    geboortedatum = serializers.SerializerMethodField(
        help_text="JJJJ, JJJJ-MM of JJJJ-MM-DD; null als onbekend."
    )
    gemeente = serializers.CharField(source="gemeente_id", allow_null=True, read_only=True)

    class Meta:
        model = Persoon
        fields = [
            "id",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "ongeboren",
            "geslacht",
            "gemeente",
            "bsn",
            "bsn_gemaskeerd",
        ]

    def get_bsn(self, persoon: Persoon) -> str | None:
        if not self.context.get("bsn_zien"):
            return None
        return persoon.bsn or None

    def get_geboortedatum(self, persoon: Persoon) -> str | None:
        datum = persoon.geboortedatum
        if datum is None:
            return None
        delen = [f"{datum.year:04d}"]
        if datum.month is not None:
            delen.append(f"{datum.month:02d}")
            if datum.day is not None:
                delen.append(f"{datum.day:02d}")
        return "-".join(delen)


def _bsn_zien(request: Request) -> bool:
    client = api_client(request)
    return client is None or client.heeft_scope(BSN_SCOPE)


class PersoonFilter(django_filters.FilterSet):
    casus = django_filters.NumberFilter(
        field_name="betrokkenheden__casus_id", min_value=1, max_value=MAX_INT, distinct=True
    )

    class Meta:
        model = Persoon
        fields: list[str] = []


def _personen(user: Any) -> QuerySet[Persoon]:
    in_scope = Casus.objects.filter(casus_scope(user)).values("pk")
    betrokken = Betrokkene.objects.filter(casus__in=in_scope).values("persoon_id")
    return Persoon.objects.filter(pk__in=betrokken)


def _persoon_weigering(user: Any, pk: int) -> None:
    """An existing person outside the scope was asked for: refused (audited) as the casus it
    is betrokkene in would be (the oldest, when several). An id that names no betrokkene is
    not audited (no casus to point to)."""
    casus_pk = (
        Betrokkene.objects.filter(persoon_id=pk)
        .order_by("casus_id")
        .values_list("casus_id", flat=True)
        .first()
    )
    if casus_pk is not None:
        casus_weigering_vastleggen(user, casus_pk)


class PersonenView(ApiView):
    """Personen die betrokken zijn bij een casus binnen de eigen scope (beperkte gegevens)."""

    resource = "personen"
    serializer_class = PersoonSerializer
    filterset_class = PersoonFilter
    ordering_fields = ["achternaam", "id"]
    ordering = ["achternaam", "id"]

    def get_queryset(self) -> QuerySet[Persoon]:
        return _personen(self.request.user)

    @extend_schema(
        operation_id="personen_lijst",
        responses=PersoonSerializer(many=True),
        summary="Personen (beperkt)",
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="personen", ids=[p.pk for p in page])
        data = PersoonSerializer(page, many=True, context={"bsn_zien": _bsn_zien(request)}).data
        return self.get_paginated_response(data)


class PersoonView(ApiView):
    resource = "personen"
    serializer_class = PersoonSerializer

    @extend_schema(operation_id="persoon_ophalen", summary="Persoon (beperkt)")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        persoon = _personen(request.user).filter(pk=pk).first()
        if persoon is None:
            _persoon_weigering(request.user, pk)
            raise Http404
        audit_api_lezen(request, resource="personen", target=persoon)
        return Response(PersoonSerializer(persoon, context={"bsn_zien": _bsn_zien(request)}).data)
