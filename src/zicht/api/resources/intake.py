"""Adviezen, meldingen and the CORV inbox through the API.

Writes go through ``intake.services`` (``advies_register``, ``melding_register``,
``corv_bericht_ontvangen``, ``corv_niet_hgkm``) — the same rules as the pages. Access is the
pages' access: ``ADVIES_REGISTREREN`` for adviezen, ``MELDING_REGISTREREN`` to register a
melding or use the CORV inbox, and meldingen are visible through ``intake.selectors.melding_scope``
(the casus scope of ``casework.access``). Melder identity (bronbescherming) is never returned.
"""

from __future__ import annotations

import uuid
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm, has_permission
from zicht.api.authentication import api_client
from zicht.api.base import (
    MAX_INT,
    MomentField,
    StrictSerializer,
    audit_api_lezen,
    audit_api_schrijf,
    idempotency_token,
    idempotent,
    service_fouten,
    waar_onwaar_filter,
)
from zicht.api.resources.common import IDEMPOTENCY_PARAM, ApiView, codes, url
from zicht.api.scopes import BSN_SCOPE, WIJZIGEN
from zicht.audit.services import audit_gebundeld
from zicht.casework.access import casus_scope, require_permission
from zicht.casework.models import BetrokkeneRol, Casus
from zicht.intake import selectors as intake_selectors
from zicht.intake import services as intake_services
from zicht.intake.domain.regels import RelatieKeuze
from zicht.intake.models import (
    KANAAL_CHOICES,
    Advies,
    CorvBericht,
    CorvStatus,
    Melding,
    MeldingBetrokkene,
    MeldingStatus,
)
from zicht.intake.views import fase_bepaler_geconfigureerd
from zicht.people.domain.bsn import mask_bsn
from zicht.people.models import Geslacht, Persoon

_NAMESPACE = uuid.UUID("5b0c8f8e-6f7b-4d0e-9a59-7a1f3f0c2a10")


def _formulier_token(request: Request) -> uuid.UUID:
    """The service's once-only token: derived from the Idempotency-Key (so a concurrent retry
    hits the same unique row), random without one."""
    zaad = idempotency_token(request)
    return uuid.uuid5(_NAMESPACE, zaad) if zaad else uuid.uuid4()


# --- Serializers -----------------------------------------------------------------------------


class BronInvoerSerializer(StrictSerializer):
    hoedanigheid = serializers.CharField(max_length=4)
    naam = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    organisatie = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    telefoon = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    email = serializers.EmailField(max_length=200, required=False, default="", allow_blank=True)


class MelderInvoerSerializer(BronInvoerSerializer):
    anoniem_naar_gezin = serializers.BooleanField(required=False, default=False)


class AdviesvragerInvoerSerializer(BronInvoerSerializer):
    anoniem = serializers.BooleanField(required=False, default=False)


_CODES = serializers.ListField(child=serializers.CharField(max_length=4), max_length=30)


class BronSerializer(serializers.Serializer[Any]):
    """What the API shows of a source: the capacity only (bronbescherming)."""

    hoedanigheid = serializers.CharField(source="hoedanigheid.code")


class AdviesSerializer(serializers.ModelSerializer[Advies]):
    nummer = serializers.CharField(read_only=True)
    gemeente_code = serializers.CharField(
        source="gemeente_id", read_only=True, allow_null=True, help_text="CBS-code, bijv. GM0361"
    )
    adviesvrager = BronSerializer(read_only=True)
    aanleidingen = serializers.SerializerMethodField()
    aarden = serializers.SerializerMethodField()

    class Meta:
        model = Advies
        fields = [
            "id",
            "nummer",
            "ontvangen_op",
            "kanaal",
            "adviesvrager",
            "aanleidingen",
            "aarden",
            "vraag",
            "gegeven_advies",
            "vervolgadvies",
            "duur_minuten",
            "gemeente_code",
            "geregistreerd_op",
        ]

    def get_aanleidingen(self, advies: Advies) -> list[str]:
        return codes(advies.aanleidingen.all())

    def get_aarden(self, advies: Advies) -> list[str]:
        return codes(advies.aarden.all())


class AdviesInvoerSerializer(StrictSerializer):
    ontvangen_op = MomentField()
    kanaal = serializers.ChoiceField(choices=KANAAL_CHOICES)
    adviesvrager = AdviesvragerInvoerSerializer()
    aanleidingen = serializers.ListField(child=serializers.CharField(max_length=4), max_length=30)
    aarden = serializers.ListField(
        child=serializers.CharField(max_length=4), max_length=30, required=False, default=list
    )
    vraag = serializers.CharField(max_length=20_000)
    gegeven_advies = serializers.CharField(max_length=20_000)
    vervolgadvies = serializers.CharField(
        max_length=20_000, required=False, default="", allow_blank=True
    )
    duur_minuten = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    gemeente_code = serializers.CharField(
        max_length=6,
        required=False,
        default="",
        allow_blank=True,
        help_text="CBS-code van de gemeente waar het gezin woont, als die bekend is.",
    )


class MeldingBetrokkeneSerializer(serializers.Serializer[Any]):
    persoon = serializers.IntegerField(source="betrokkene.persoon_id")
    rol = serializers.CharField(source="betrokkene.rol")
    nieuw_in_casus = serializers.BooleanField()


class MelderSerializer(serializers.Serializer[Any]):
    hoedanigheid = serializers.CharField(source="hoedanigheid.code")
    anoniem_naar_gezin = serializers.BooleanField()


class MeldingSerializer(serializers.ModelSerializer[Melding]):
    nummer = serializers.CharField(read_only=True)
    casus_nummer = serializers.CharField(source="casus.nummer", read_only=True)
    melder = MelderSerializer(read_only=True)
    aanleidingen = serializers.SerializerMethodField()
    aarden = serializers.SerializerMethodField()
    betrokkenen = MeldingBetrokkeneSerializer(many=True, read_only=True)

    class Meta:
        model = Melding
        fields = [
            "id",
            "nummer",
            "casus",
            "casus_nummer",
            "ontvangen_op",
            "kanaal",
            "melder",
            "aanleidingen",
            "aarden",
            "signalen",
            "acuut",
            "acuut_uiterlijk",
            "soort_cbs",
            "nieuwe_casus",
            "status",
            "ambtshalve",
            "advies",
            "corv_bericht",
            "betrokkenen",
            "geregistreerd_op",
            "version",
        ]

    def get_aanleidingen(self, melding: Melding) -> list[str]:
        return codes(melding.aanleidingen.all())

    def get_aarden(self, melding: Melding) -> list[str]:
        return codes(melding.aarden.all())


class PersoonInvoerSerializer(StrictSerializer):
    rol = serializers.ChoiceField(choices=BetrokkeneRol.values)
    bestaande_persoon = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, required=False, allow_null=True, default=None
    )
    bsn = serializers.CharField(max_length=11, required=False, default="", allow_blank=True)
    voornamen = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    tussenvoegsel = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True
    )
    achternaam = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    geboortedatum = serializers.CharField(
        max_length=10,
        required=False,
        default="",
        allow_blank=True,
        help_text="JJJJ, JJJJ-MM of JJJJ-MM-DD (dag of maand mag onbekend zijn).",
    )
    geslacht = serializers.ChoiceField(choices=Geslacht.values, required=False, default="O")
    straat = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    huisnummer = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    postcode = serializers.CharField(max_length=7, required=False, default="", allow_blank=True)
    woonplaats = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    gemeente_code = serializers.CharField(
        max_length=6, required=False, default="", allow_blank=True
    )
    relatie = serializers.ChoiceField(
        choices=[r.value for r in RelatieKeuze], required=False, allow_null=True, default=None
    )
    relatie_met = serializers.IntegerField(
        min_value=0, max_value=19, required=False, allow_null=True, default=None
    )

    def validate_geboortedatum(self, waarde: str) -> Any:
        from zicht.api.resources.common import GeboortedatumField

        return GeboortedatumField(allow_blank=True).to_internal_value(waarde)


class MeldingInvoerSerializer(StrictSerializer):
    ontvangen_op = MomentField()
    kanaal = serializers.ChoiceField(choices=KANAAL_CHOICES)
    melder = MelderInvoerSerializer()
    personen = PersoonInvoerSerializer(many=True, max_length=20)
    aanleidingen = serializers.ListField(child=serializers.CharField(max_length=4), max_length=30)
    aarden = serializers.ListField(child=serializers.CharField(max_length=4), max_length=30)
    signalen = serializers.CharField(max_length=20_000)
    acuut = serializers.BooleanField(required=False, default=False)
    advies = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, required=False, allow_null=True, default=None
    )
    ambtshalve = serializers.BooleanField(required=False, default=False)
    corv_bericht = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, required=False, allow_null=True, default=None
    )


@extend_schema_field({"type": "object", "additionalProperties": True})
class InhoudField(serializers.JSONField):
    pass


class CorvBerichtSerializer(serializers.ModelSerializer[CorvBericht]):
    melding = serializers.SerializerMethodField()
    inhoud = InhoudField(read_only=True)

    class Meta:
        model = CorvBericht
        fields = [
            "id",
            "bericht_id",
            "ontvangen_op",
            "verzonden_op",
            "politie_eenheid",
            "acuut",
            "hg_km_indicatie",
            "status",
            "doorgestuurd_naar",
            "toelichting",
            "afgehandeld_op",
            "melding",
            "inhoud",
        ]

    def to_representation(self, instance: CorvBericht) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not self.context.get("bsn_zien", True):
            data["inhoud"] = _zonder_bsn(data["inhoud"])
        return data

    def get_melding(self, bericht: CorvBericht) -> int | None:
        melding = getattr(bericht, "melding", None)
        return melding.pk if melding is not None else None


def _zonder_bsn(inhoud: Any) -> Any:
    """The report as received, with each person's BSN masked (API client without
    ``personen:bsn``)."""
    if not isinstance(inhoud, dict) or not isinstance(inhoud.get("personen"), list):
        return inhoud
    personen = [
        {**p, "bsn": mask_bsn(str(p["bsn"]))} if isinstance(p, dict) and p.get("bsn") else p
        for p in inhoud["personen"]
    ]
    return {**inhoud, "personen": personen}


def _corv_context(request: Request) -> dict[str, bool]:
    client = api_client(request)
    return {"bsn_zien": client is None or client.heeft_scope(BSN_SCOPE)}


class CorvOntvangstSerializer(StrictSerializer):
    inhoud = InhoudField(help_text="De zorgmelding zoals de politie die stuurt (CORV_FORMAT.md).")


class CorvNietHgkmSerializer(StrictSerializer):
    doorgestuurd_naar = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(
        max_length=500, required=False, default="", allow_blank=True
    )


# --- Error keys of the services → API fields ------------------------------------------------

BRON_VELDEN = ("hoedanigheid", "naam", "organisatie", "telefoon", "email")
MELDING_VELDEN = [
    *[(veld, f"melder.{veld}") for veld in BRON_VELDEN],
    (r"personen\.(\d+)\.bestaande_persoon", r"personen.\1.bestaande_persoon"),
    (r"personen\.(\d+)\.gemeente", r"personen.\1.gemeente_code"),
]
ADVIES_VELDEN = [
    *[(veld, f"adviesvrager.{veld}") for veld in (*BRON_VELDEN, "anoniem")],
    ("gemeente", "gemeente_code"),
]


# --- Filters ---------------------------------------------------------------------------------


class AdviesFilter(django_filters.FilterSet):
    kanaal = django_filters.ChoiceFilter(choices=KANAAL_CHOICES)
    ontvangen_vanaf = django_filters.IsoDateTimeFilter(field_name="ontvangen_op", lookup_expr="gte")
    ontvangen_tot = django_filters.IsoDateTimeFilter(field_name="ontvangen_op", lookup_expr="lt")

    class Meta:
        model = Advies
        fields = ["kanaal"]


class MeldingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=MeldingStatus.choices)
    kanaal = django_filters.ChoiceFilter(choices=KANAAL_CHOICES)
    acuut = waar_onwaar_filter()
    casus = django_filters.NumberFilter(field_name="casus_id", min_value=1, max_value=MAX_INT)
    ontvangen_vanaf = django_filters.IsoDateTimeFilter(field_name="ontvangen_op", lookup_expr="gte")
    ontvangen_tot = django_filters.IsoDateTimeFilter(field_name="ontvangen_op", lookup_expr="lt")

    class Meta:
        model = Melding
        fields = ["status", "kanaal", "acuut"]


class CorvFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CorvStatus.choices)
    acuut = waar_onwaar_filter()

    class Meta:
        model = CorvBericht
        fields = ["status", "acuut"]


# --- Adviezen --------------------------------------------------------------------------------


def _adviezen(user: Any) -> QuerySet[Advies]:
    return (
        Advies.objects.filter(intake_selectors.advies_scope(user))
        .select_related("adviesvrager__hoedanigheid")
        .prefetch_related("aanleidingen", "aarden")
    )


class AdviezenView(ApiView):
    """Adviezen: lijst en registreren (recht ‘Adviezen registreren’)."""

    resource = "adviezen"
    serializer_class = AdviesSerializer
    filterset_class = AdviesFilter
    ordering_fields = ["ontvangen_op", "geregistreerd_op", "id"]
    ordering = ["-ontvangen_op", "-id"]

    def get_queryset(self) -> QuerySet[Advies]:
        return _adviezen(self.request.user)

    @extend_schema(
        operation_id="adviezen_lijst", responses=AdviesSerializer(many=True), summary="Adviezen"
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.ADVIES_REGISTREREN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource=self.resource or "", ids=[a.pk for a in page])
        return self.get_paginated_response(AdviesSerializer(page, many=True).data)

    @extend_schema(
        operation_id="advies_registreren",
        summary="Advies registreren",
        request=AdviesInvoerSerializer,
        responses={201: AdviesSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.ADVIES_REGISTREREN)

        def uitvoeren() -> Response:
            invoer = AdviesInvoerSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            d = invoer.validated_data
            vrager = d["adviesvrager"]
            try:
                registratie = intake_services.advies_register(
                    actor=request.user,
                    invoer=intake_services.AdviesInvoer(
                        formulier_token=_formulier_token(request),
                        ontvangen_op=d["ontvangen_op"],
                        kanaal=d["kanaal"],
                        adviesvrager=intake_services.BronInvoer(**vrager),
                        aanleidingen=d["aanleidingen"],
                        aarden=d["aarden"],
                        vraag=d["vraag"],
                        gegeven_advies=d["gegeven_advies"],
                        duur_minuten=d["duur_minuten"],
                        vervolgadvies=d["vervolgadvies"],
                        gemeente_code=d["gemeente_code"],
                    ),
                    request=request._request,
                )
            except ValidationError as fout:
                raise service_fouten(fout, ADVIES_VELDEN) from None
            advies = _adviezen(request.user).get(pk=registratie.object.pk)
            audit_api_schrijf(
                request, resource="adviezen", actie="aanmaken", target=advies, status_code=201
            )
            return self.created(AdviesSerializer(advies).data, url(request, "advies", pk=advies.pk))

        return idempotent(request, uitvoeren)


class AdviesView(ApiView):
    resource = "adviezen"
    serializer_class = AdviesSerializer

    @extend_schema(operation_id="advies_ophalen", summary="Advies")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.ADVIES_REGISTREREN)
        advies = intake_selectors.advies_get_for_user(
            request.user, pk, queryset=_adviezen(request.user)
        )
        audit_api_lezen(request, resource="adviezen", target=advies)
        return Response(AdviesSerializer(advies).data)


# --- Meldingen -------------------------------------------------------------------------------


_MELDING_VELDEN = Melding.objects.select_related("casus", "melder__hoedanigheid").prefetch_related(
    "aanleidingen",
    "aarden",
    Prefetch("betrokkenen", queryset=MeldingBetrokkene.objects.select_related("betrokkene")),
)


def _meldingen(user: Any) -> QuerySet[Melding]:
    return _MELDING_VELDEN.filter(intake_selectors.melding_scope(user))


def _zichtbare_personen(user: Any, ids: list[int]) -> set[int]:
    """Of ``ids``, the persons the user may see (betrokken in a casus in scope): an API
    client can only pick an existing person it could have found, as the page's look-up."""
    if not ids:
        return set()
    in_scope = Casus.objects.filter(casus_scope(user)).values("pk")
    return set(
        Persoon.objects.filter(pk__in=ids, betrokkenheden__casus__in=in_scope).values_list(
            "pk", flat=True
        )
    )


def _mag_meldingen_zien(user: Any) -> None:
    if not (
        has_permission(user, Perm.CASUS_INZIEN) or has_permission(user, Perm.MELDING_REGISTREREN)
    ):
        require_permission(user, Perm.CASUS_INZIEN)


class MeldingenView(ApiView):
    """Meldingen: lijst (binnen de eigen scope) en registreren."""

    resource = "meldingen"
    serializer_class = MeldingSerializer
    filterset_class = MeldingFilter
    ordering_fields = ["ontvangen_op", "geregistreerd_op", "id"]
    ordering = ["-ontvangen_op", "-id"]

    def get_queryset(self) -> QuerySet[Melding]:
        return _meldingen(self.request.user)

    @extend_schema(
        operation_id="meldingen_lijst", responses=MeldingSerializer(many=True), summary="Meldingen"
    )
    def get(self, request: Request) -> Response:
        _mag_meldingen_zien(request.user)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="meldingen", ids=[m.pk for m in page])
        return self.get_paginated_response(MeldingSerializer(page, many=True).data)

    @extend_schema(
        operation_id="melding_registreren",
        summary="Melding registreren",
        description=(
            "Registreert een melding met dezelfde regels als het scherm: opent of kiest de "
            "casus, maakt personen en betrokkenen, classificeert voor CBS, maakt taken. "
            "`personen.N.bestaande_persoon` moet een persoon zijn die u kunt zien."
        ),
        request=MeldingInvoerSerializer,
        responses={201: MeldingSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.MELDING_REGISTREREN)

        def uitvoeren() -> Response:
            invoer = MeldingInvoerSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            d = invoer.validated_data
            gekozen = [p["bestaande_persoon"] for p in d["personen"] if p["bestaande_persoon"]]
            zichtbaar = _zichtbare_personen(request.user, gekozen)
            onzichtbaar = {
                f"personen.{i}.bestaande_persoon": ["Deze persoon bestaat niet (meer)."]
                for i, p in enumerate(d["personen"])
                if p["bestaande_persoon"] and p["bestaande_persoon"] not in zichtbaar
            }
            if onzichtbaar:
                raise serializers.ValidationError(onzichtbaar)
            personen = [
                intake_services.PersoonInvoer(
                    rol=p["rol"],
                    bestaande_persoon_id=p["bestaande_persoon"],
                    bsn=p["bsn"],
                    voornamen=p["voornamen"],
                    tussenvoegsel=p["tussenvoegsel"],
                    achternaam=p["achternaam"],
                    geboortedatum=p["geboortedatum"],
                    geslacht=p["geslacht"],
                    straat=p["straat"],
                    huisnummer=p["huisnummer"],
                    postcode=p["postcode"],
                    woonplaats=p["woonplaats"],
                    gemeente_code=p["gemeente_code"],
                    relatie=RelatieKeuze(p["relatie"]) if p["relatie"] else None,
                    relatie_met=p["relatie_met"],
                )
                for p in d["personen"]
            ]
            try:
                registratie = intake_services.melding_register(
                    actor=request.user,
                    invoer=intake_services.MeldingInvoer(
                        formulier_token=_formulier_token(request),
                        ontvangen_op=d["ontvangen_op"],
                        kanaal=d["kanaal"],
                        melder=intake_services.BronInvoer(**d["melder"]),
                        personen=personen,
                        aanleidingen=d["aanleidingen"],
                        aarden=d["aarden"],
                        signalen=d["signalen"],
                        acuut=d["acuut"],
                        advies_id=d["advies"],
                        ambtshalve=d["ambtshalve"],
                        corv_bericht_id=d["corv_bericht"],
                    ),
                    fase_bepaler=fase_bepaler_geconfigureerd(),
                    request=request._request,
                )
            except ValidationError as fout:
                raise service_fouten(fout, MELDING_VELDEN) from None
            # The caller just registered it (the service checked the rules): read it back
            # without re-computing the scope.
            melding = _MELDING_VELDEN.get(pk=registratie.object.pk)
            audit_api_schrijf(
                request, resource="meldingen", actie="aanmaken", target=melding, status_code=201
            )
            return self.created(
                MeldingSerializer(melding).data, url(request, "melding", pk=melding.pk)
            )

        return idempotent(request, uitvoeren)


class MeldingView(ApiView):
    resource = "meldingen"
    serializer_class = MeldingSerializer

    @extend_schema(operation_id="melding_ophalen", summary="Melding")
    def get(self, request: Request, pk: int) -> Response:
        _mag_meldingen_zien(request.user)
        melding = intake_selectors.melding_get_for_user(request.user, pk, queryset=_MELDING_VELDEN)
        audit_api_lezen(request, resource="meldingen", target=melding)
        response = Response(MeldingSerializer(melding).data)
        response["ETag"] = f'"{melding.version}"'
        return response


# --- CORV inbox ------------------------------------------------------------------------------


def _corv() -> QuerySet[CorvBericht]:
    return CorvBericht.objects.select_related("melding")


class CorvBerichtenView(ApiView):
    """De CORV-inbox: zorgmeldingen van de politie ontvangen en de te verwerken berichten."""

    resource = "corv-berichten"
    serializer_class = CorvBerichtSerializer
    filterset_class = CorvFilter
    ordering_fields = ["ontvangen_op", "verzonden_op", "id"]
    ordering = ["-acuut", "ontvangen_op", "id"]

    def get_queryset(self) -> QuerySet[CorvBericht]:
        return _corv()

    @extend_schema(
        operation_id="corv_berichten_lijst",
        responses=CorvBerichtSerializer(many=True),
        summary="CORV-berichten",
    )
    def get(self, request: Request) -> Response:
        require_permission(request.user, Perm.MELDING_REGISTREREN)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audit_api_lezen(request, resource="corv-berichten", ids=[b.pk for b in page])
        return self.get_paginated_response(
            CorvBerichtSerializer(page, many=True, context=_corv_context(request)).data
        )

    @extend_schema(
        operation_id="corv_bericht_ontvangen",
        summary="Zorgmelding in de CORV-inbox zetten",
        description=(
            "Zet een zorgmelding van de politie in de inbox (zelfde controle als "
            "`zicht corv-import`). Hetzelfde `bericht_id` nogmaals: 200 met het bestaande "
            "bericht, niets dubbel."
        ),
        request=CorvOntvangstSerializer,
        responses={201: CorvBerichtSerializer, 200: CorvBerichtSerializer},
        parameters=[IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request) -> Response:
        require_permission(request.user, Perm.MELDING_REGISTREREN)

        def uitvoeren() -> Response:
            invoer = CorvOntvangstSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            inhoud = invoer.validated_data["inhoud"]
            if not isinstance(inhoud, dict):
                raise serializers.ValidationError({"inhoud": ["Stuur de zorgmelding als object."]})
            try:
                ontvangst = intake_services.corv_bericht_ontvangen(
                    inhoud=inhoud, actor=request.user, request=request._request
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            bericht = _corv().get(pk=ontvangst.bericht.pk)
            status_code = 201 if ontvangst.nieuw else 200
            audit_api_schrijf(
                request,
                resource="corv-berichten",
                actie="aanmaken",
                target=bericht,
                status_code=status_code,
            )
            data = CorvBerichtSerializer(bericht, context=_corv_context(request)).data
            if ontvangst.nieuw:
                return self.created(data, url(request, "corv-bericht", pk=bericht.pk))
            return Response(data, status=200)

        return idempotent(request, uitvoeren)


class CorvBerichtView(ApiView):
    resource = "corv-berichten"
    serializer_class = CorvBerichtSerializer

    @extend_schema(operation_id="corv_bericht_ophalen", summary="CORV-bericht")
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.MELDING_REGISTREREN)
        bericht = intake_selectors.corv_get_for_user(request.user, pk, queryset=_corv())
        audit_api_lezen(request, resource="corv-berichten", target=bericht)
        return Response(CorvBerichtSerializer(bericht, context=_corv_context(request)).data)


class CorvNietHgkmView(ApiView):
    """Markeert een bericht als niet over huiselijk geweld of kindermishandeling."""

    resource = "corv-berichten"
    scope_acties = {"POST": WIJZIGEN}
    serializer_class = CorvBerichtSerializer

    @extend_schema(
        operation_id="corv_bericht_niet_hgkm",
        summary="CORV-bericht: niet HG/KM (doorgestuurd)",
        request=CorvNietHgkmSerializer,
        responses={200: CorvBerichtSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.MELDING_REGISTREREN)
        bericht = intake_selectors.corv_get_for_user(request.user, pk, queryset=_corv())
        invoer = CorvNietHgkmSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with audit_gebundeld():
            try:
                bericht = intake_services.corv_niet_hgkm(
                    actor=request.user,
                    bericht=bericht,
                    request=request._request,
                    **invoer.validated_data,
                )
            except ValidationError as fout:
                raise service_fouten(fout) from None
            audit_api_schrijf(
                request,
                resource="corv-berichten",
                actie="wijzigen",
                target=bericht,
                status_code=200,
            )
        return Response(CorvBerichtSerializer(bericht, context=_corv_context(request)).data)
