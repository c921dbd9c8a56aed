"""The content of the diensten through the API: safety conditions, the veiligheidsplan, the
10-week clock, the Onderzoek, closing and escalating, and offering an overdracht.

Every write calls the service of the dienst pages (``diensten.inhoud_services``) with the
version of the dienst the client saw: ``If-Match`` carries the dienst's ETag (missing → 428,
stale → 412, nothing overwritten) and every answer is the changed dienst with its new ETag.
Access is the page's: the casus scope (outside → 404), :attr:`Perm.DIENST_UITVOEREN` for a
write (403), and an action that does not belong to the dienst's soort → 404, as on the page.
The POSTs take an ``Idempotency-Key``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm
from zicht.api.base import (
    MAX_INT,
    DatumField,
    StrictSerializer,
    audit_api_lezen,
    audit_api_schrijf,
    idempotent,
    if_match,
    service_fouten,
)
from zicht.api.resources.besluiten import DienstSerializer, _diensten
from zicht.api.resources.common import IDEMPOTENCY_PARAM, IF_MATCH_PARAM, ApiView, met_etag, url
from zicht.api.resources.werk import OverdrachtSerializer, _OverdrachtActie
from zicht.api.scopes import WIJZIGEN
from zicht.assessment.models import Ketenpartner
from zicht.audit.services import audit_gebundeld
from zicht.casework.access import require_permission
from zicht.core.exceptions import ConcurrentEditError
from zicht.diensten import inhoud_selectors as diensten_selectors
from zicht.diensten import inhoud_services
from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.models import (
    ConclusieSoort,
    Dienst,
    DienstSoort,
    PlanRegel,
    PlanRegelSoort,
    PlanRegelStatus,
    Prioriteit,
    RedenVoortijdig,
    Veiligheidsvoorwaarde,
)

OVERDRACHT = (DienstSoort.OVERDRACHT_NA_VB, DienstSoort.OVERDRACHT_NA_BEMOEIENIS)
VV = (DienstSoort.VOORWAARDEN_EN_VERVOLG,)
ONDERZOEK = (DienstSoort.ONDERZOEK,)
MONITOREN = (DienstSoort.MONITOREN,)
WIJZIGING = {412: "Verouderde ETag", 428: "If-Match ontbreekt"}
NIET_BIJ_SOORT = "Deze actie hoort niet bij deze dienst."


# --- Serializers -----------------------------------------------------------------------------


class VoorwaardeSerializer(serializers.ModelSerializer[Veiligheidsvoorwaarde]):
    class Meta:
        model = Veiligheidsvoorwaarde
        fields = ["id", "dienst", "tekst", "wie", "volgorde", "vastgelegd_op"]


class PlanRegelSerializer(serializers.ModelSerializer[PlanRegel]):
    class Meta:
        model = PlanRegel
        fields = [
            "id",
            "dienst",
            "soort",
            "omschrijving",
            "eigenaar",
            "persoon",
            "deadline",
            "prioriteit",
            "herstel",
            "status",
            "vastgelegd_op",
        ]


class DienstInhoudSerializer(DienstSerializer):
    """The dienst of ``GET /diensten/{id}/`` with its content: phase, conditions, plan,
    Onderzoek fields, how it was closed and the diensten that followed it."""

    vervolg_na_onderzoek = serializers.ListField(child=serializers.CharField(), read_only=True)
    voorwaarden = VoorwaardeSerializer(many=True, read_only=True)
    planregels = PlanRegelSerializer(many=True, read_only=True)
    vervolgen = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(DienstSerializer.Meta):
        fields = [
            *DienstSerializer.Meta.fields,
            "vorige",
            "fase",
            "einde",
            "afsluiting",
            "escalatie",
            "gestart_op",
            "start_te_laat",
            "bevindingen",
            "vervolg_na_onderzoek",
            "voorwaarden",
            "planregels",
            "vervolgen",
        ]


def _met_inhoud(user: Any) -> QuerySet[Dienst]:
    """The user's diensten with their content in a fixed number of queries."""
    return _diensten(user).prefetch_related(
        "voorwaarden",
        "planregels",
        Prefetch("vervolgen", queryset=Dienst.objects.only("pk", "vorige_id").order_by("pk")),
    )


def _dienst(user: Any, pk: int) -> Dienst:
    """The page's getter: 404 outside the scope (an existing dienst's refusal is audited
    against its casus, so call it outside the write's transaction)."""
    return diensten_selectors.dienst_get_for_user(user, pk)


def _antwoord(request: Request, pk: int, status_code: int = 200, **headers: str) -> Response:
    dienst = _met_inhoud(request.user).get(pk=pk)
    response = Response(DienstInhoudSerializer(dienst).data, status=status_code, headers=headers)
    return met_etag(response, dienst.version)


# --- The shared write ------------------------------------------------------------------------

#: (dienst as fetched, the version from If-Match, the validated body) → the created row, if any
Uitvoering = Callable[[Dienst, int, dict[str, Any]], Model | None]


class _DienstActie(ApiView):
    """A write on the content of one dienst (``diensten:wijzigen``, Diensten uitvoeren)."""

    resource = "diensten"
    scope_acties = {"POST": WIJZIGEN, "PUT": WIJZIGEN, "PATCH": WIJZIGEN, "DELETE": WIJZIGEN}
    serializer_class = DienstInhoudSerializer
    problemen = dict.fromkeys(("POST", "PUT", "PATCH", "DELETE"), WIJZIGING)
    #: the soorten of dienst the action belongs to (another soort → 404, as on the page)
    soorten: tuple[str, ...] = ()
    #: service error keys → the API's field names
    velden: tuple[tuple[str, str], ...] = ()

    def schrijven(
        self,
        request: Request,
        pk: int,
        invoer_class: type[StrictSerializer] | None,
        uitvoeren: Uitvoering,
        *,
        locatie: Callable[[Model], str] | None = None,
    ) -> Response:
        """As the page: the dienst in scope (404), the permission (403), the action of its soort
        (404); then If-Match, input, the service and the audit row — atomic, and a POST once
        per Idempotency-Key. Answers the changed dienst (201 with ``Location`` when
        ``locatie`` names the created row)."""
        dienst = _dienst(request.user, pk)
        require_permission(request.user, Perm.DIENST_UITVOEREN)
        if dienst.soort not in self.soorten:
            raise Http404(NIET_BIJ_SOORT)

        def verwerken() -> Response:
            versie = if_match(request, dienst.version)
            assert versie is not None
            data: dict[str, Any] = {}
            if invoer_class is not None:
                invoer = invoer_class(data=request.data)
                invoer.is_valid(raise_exception=True)
                data = dict(invoer.validated_data)
            try:
                rij = uitvoeren(dienst, versie, data)
            except ValidationError as fout:
                if isinstance(fout, ConcurrentEditError):
                    raise
                raise service_fouten(fout, self.velden) from None
            status_code = 201 if locatie is not None and rij is not None else 200
            audit_api_schrijf(
                request,
                resource="diensten",
                actie=WIJZIGEN,
                target=dienst,
                status_code=status_code,
            )
            if status_code == 201:
                assert locatie is not None
                assert rij is not None
                return _antwoord(request, pk, 201, Location=locatie(rij))
            return _antwoord(request, pk)

        if request.method == "POST":
            return idempotent(request, verwerken)
        with audit_gebundeld():
            return verwerken()


# --- Veiligheidsvoorwaarden ------------------------------------------------------------------


class VoorwaardeInvoerSerializer(StrictSerializer):
    tekst = serializers.CharField(max_length=20_000, allow_blank=True)
    wie = serializers.CharField(max_length=200, allow_blank=True)


class DienstVoorwaardenView(_DienstActie):
    """De veiligheidsvoorwaarden van een dienst (en wie eraan moet voldoen)."""

    soorten = (*OVERDRACHT, *VV, *ONDERZOEK)
    serializer_class = VoorwaardeSerializer
    queryset = Veiligheidsvoorwaarde.objects.none()  # the schema's model; rows via the dienst
    filter_backends: list[Any] = []

    @extend_schema(
        operation_id="dienst_voorwaarden_lijst",
        summary="Veiligheidsvoorwaarden van een dienst",
        responses=VoorwaardeSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        dienst = _dienst(request.user, pk)
        page = self.paginate_queryset(dienst.voorwaarden.order_by("volgorde", "pk"))
        audit_api_lezen(request, resource="diensten", target=dienst)
        return self.get_paginated_response(VoorwaardeSerializer(page, many=True).data)

    @extend_schema(
        operation_id="dienst_voorwaarde_toevoegen",
        summary="Veiligheidsvoorwaarde toevoegen",
        description=(
            "Voor Voorwaarden en Vervolg, Onderzoek en overdrachten. Antwoord: de dienst met "
            "de voorwaarden; `Location` wijst naar de nieuwe voorwaarde."
        ),
        request=VoorwaardeInvoerSerializer,
        responses={201: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> Model:
            return inhoud_services.voorwaarde_toevoegen(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                request=request._request,
                **d,
            )

        return self.schrijven(
            request,
            pk,
            VoorwaardeInvoerSerializer,
            uitvoeren,
            locatie=lambda v: url(request, "dienst-voorwaarde", pk=pk, vid=v.pk),
        )


class DienstVoorwaardeView(_DienstActie):
    soorten = (*OVERDRACHT, *VV, *ONDERZOEK)
    serializer_class = VoorwaardeSerializer

    @extend_schema(operation_id="dienst_voorwaarde_ophalen", summary="Veiligheidsvoorwaarde")
    def get(self, request: Request, pk: int, vid: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        dienst = _dienst(request.user, pk)
        voorwaarde = dienst.voorwaarden.filter(pk=vid).first()
        if voorwaarde is None:
            raise Http404
        audit_api_lezen(request, resource="diensten", target=dienst)
        return met_etag(Response(VoorwaardeSerializer(voorwaarde).data), dienst.version)

    @extend_schema(
        operation_id="dienst_voorwaarde_verwijderen",
        summary="Veiligheidsvoorwaarde verwijderen",
        description="Zolang de dienst loopt. Antwoord: de dienst zonder de voorwaarde.",
        request=None,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def delete(self, request: Request, pk: int, vid: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            voorwaarde = dienst.voorwaarden.filter(pk=vid).first()
            if voorwaarde is None:
                raise Http404
            inhoud_services.voorwaarde_verwijderen(
                actor=request.user,
                voorwaarde=voorwaarde,
                expected_version=versie,
                request=request._request,
            )

        return self.schrijven(request, pk, None, uitvoeren)


# --- Veiligheidsplan -------------------------------------------------------------------------


class PlanRegelInvoerSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=PlanRegelSoort.choices)
    omschrijving = serializers.CharField(max_length=20_000, allow_blank=True)
    eigenaar = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True, help_text="Bij een actie."
    )
    persoon = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INT,
        required=False,
        allow_null=True,
        default=None,
        help_text="Bij zorg en schade: het gezinslid (persoon-id) om wie het gaat.",
    )
    deadline = DatumField(required=False, allow_null=True, default=None)
    prioriteit = serializers.ChoiceField(
        choices=Prioriteit.choices, required=False, default="", allow_blank=True
    )
    herstel = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)


class PlanRegelStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=PlanRegelStatus.choices)


class DienstPlanRegelsView(_DienstActie):
    """De regels van het veiligheidsplan (Voorwaarden en Vervolg, Onderzoek)."""

    soorten = (*VV, *ONDERZOEK)
    serializer_class = PlanRegelSerializer
    queryset = PlanRegel.objects.none()  # the schema's model; rows via the dienst
    filter_backends: list[Any] = []

    @extend_schema(
        operation_id="dienst_planregels_lijst",
        summary="Regels van het veiligheidsplan",
        responses=PlanRegelSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        dienst = _dienst(request.user, pk)
        page = self.paginate_queryset(dienst.planregels.order_by("soort", "deadline", "pk"))
        audit_api_lezen(request, resource="diensten", target=dienst)
        return self.get_paginated_response(PlanRegelSerializer(page, many=True).data)

    @extend_schema(
        operation_id="dienst_planregel_toevoegen",
        summary="Regel aan het veiligheidsplan toevoegen",
        description=(
            "Een actie (`eigenaar`, `deadline`), zorg (`persoon`, `prioriteit`), schade "
            "(`persoon`, `herstel`) of een afspraak met het gezin. Antwoord: de dienst; "
            "`Location` wijst naar de nieuwe regel."
        ),
        request=PlanRegelInvoerSerializer,
        responses={201: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> Model:
            return inhoud_services.planregel_toevoegen(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                soort=d["soort"],
                omschrijving=d["omschrijving"],
                eigenaar=d["eigenaar"],
                persoon_id=d["persoon"],
                deadline=d["deadline"],
                prioriteit=d["prioriteit"],
                herstel=d["herstel"],
                request=request._request,
            )

        return self.schrijven(
            request,
            pk,
            PlanRegelInvoerSerializer,
            uitvoeren,
            locatie=lambda r: url(request, "dienst-planregel", pk=pk, rid=r.pk),
        )


class DienstPlanRegelView(_DienstActie):
    soorten = (*VV, *ONDERZOEK)
    serializer_class = PlanRegelSerializer

    @extend_schema(operation_id="dienst_planregel_ophalen", summary="Regel van het veiligheidsplan")
    def get(self, request: Request, pk: int, rid: int) -> Response:
        require_permission(request.user, Perm.CASUS_INZIEN)
        dienst = _dienst(request.user, pk)
        regel = dienst.planregels.filter(pk=rid).first()
        if regel is None:
            raise Http404
        audit_api_lezen(request, resource="diensten", target=dienst)
        return met_etag(Response(PlanRegelSerializer(regel).data), dienst.version)

    @extend_schema(
        operation_id="dienst_planregel_status",
        summary="Status van een regel van het veiligheidsplan zetten",
        description="`open`, `loopt`, `gereed` of `vervallen`. Antwoord: de dienst.",
        request=PlanRegelStatusSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def patch(self, request: Request, pk: int, rid: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            regel = dienst.planregels.filter(pk=rid).first()
            if regel is None:
                raise Http404
            inhoud_services.planregel_status(
                actor=request.user,
                regel=regel,
                expected_version=versie,
                status=d["status"],
                request=request._request,
            )

        return self.schrijven(request, pk, PlanRegelStatusSerializer, uitvoeren)


# --- The 10-week clock -----------------------------------------------------------------------


class TermijnOpschortingSerializer(StrictSerializer):
    van = DatumField()
    tot = DatumField(help_text="Tot en met.")
    reden = serializers.CharField(max_length=250, allow_blank=True)


class TermijnVerlengingSerializer(StrictSerializer):
    aantal = serializers.IntegerField(
        min_value=-MAX_INT,
        max_value=MAX_INT,
        help_text=(
            "Weken (de eenheid van de 10-wekentermijn): minstens 1, hooguit "
            f"{inhoud_services.MAX_VERLENGING_WEKEN} per verlenging."
        ),
    )
    reden = serializers.CharField(max_length=250, allow_blank=True)


class DienstOpschortingenView(_DienstActie):
    """Schort de termijn van Voorwaarden en Vervolg of Onderzoek op."""

    soorten = (*VV, *ONDERZOEK)

    @extend_schema(
        operation_id="dienst_termijn_opschorten",
        summary="Termijn opschorten",
        description="Antwoord: de dienst met de nieuwe `deadline`.",
        request=TermijnOpschortingSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            inhoud_services.termijn_opschorten(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                request=request._request,
                **d,
            )

        return self.schrijven(request, pk, TermijnOpschortingSerializer, uitvoeren)


class DienstVerlengingenView(_DienstActie):
    """Verlengt de termijn van Voorwaarden en Vervolg of Onderzoek."""

    soorten = (*VV, *ONDERZOEK)

    @extend_schema(
        operation_id="dienst_termijn_verlengen",
        summary="Termijn verlengen",
        description=(
            f"Met 1 tot {inhoud_services.MAX_VERLENGING_WEKEN} weken per keer (de regel van "
            "de service, ook op het scherm). Antwoord: de dienst met de nieuwe `deadline`."
        ),
        request=TermijnVerlengingSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            inhoud_services.termijn_verlengen(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                request=request._request,
                **d,
            )

        return self.schrijven(request, pk, TermijnVerlengingSerializer, uitvoeren)


# --- Onderzoek -------------------------------------------------------------------------------


class OnderzoekStartSerializer(StrictSerializer):
    gestart_op = DatumField()


class OnderzoekBevindingenSerializer(StrictSerializer):
    bevindingen = serializers.CharField(max_length=100_000, allow_blank=True)
    vervolg_na_onderzoek = serializers.ListField(
        child=serializers.CharField(max_length=10),
        max_length=50,
        required=False,
        default=list,
        help_text="Codes uit de lijst ‘vervolg na onderzoek’.",
    )


class DienstStartView(_DienstActie):
    """Legt de start van het Onderzoek vast."""

    soorten = ONDERZOEK

    @extend_schema(
        operation_id="dienst_onderzoek_starten",
        summary="Onderzoek starten",
        description=(
            "Later dan 5 dagen na ontvangst van de melding mag, maar wordt gemarkeerd: "
            "`start_te_laat` in het antwoord."
        ),
        request=OnderzoekStartSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            inhoud_services.onderzoek_starten(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                request=request._request,
                **d,
            )

        return self.schrijven(request, pk, OnderzoekStartSerializer, uitvoeren)


class DienstBevindingenView(_DienstActie):
    """De bevindingen (en het vervolg na onderzoek) van een lopend Onderzoek."""

    soorten = ONDERZOEK

    @extend_schema(
        operation_id="dienst_onderzoek_bevindingen",
        summary="Bevindingen van het onderzoek opslaan",
        description="Vervangt de bevindingen en de codes ‘vervolg na onderzoek’.",
        request=OnderzoekBevindingenSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def put(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            inhoud_services.onderzoek_bevindingen(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                request=request._request,
                **d,
            )

        return self.schrijven(request, pk, OnderzoekBevindingenSerializer, uitvoeren)


# --- Closing and escalating ------------------------------------------------------------------


class OnderzoekConclusieSerializer(StrictSerializer):
    aard = serializers.CharField(max_length=10, help_text="Code uit de lijst ‘aard’.")
    conclusie = serializers.ChoiceField(choices=ConclusieSoort.choices)
    kind = serializers.BooleanField(help_text="Betreft een kind (kindermishandeling).")
    reden = serializers.ChoiceField(
        choices=RedenVoortijdig.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Bij `voortijdig_afgesloten`.",
    )


class DienstAfrondingSerializer(StrictSerializer):
    """One body for every soort; which fields belong to which soort is checked per soort."""

    motivering = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, help_text="Voorwaarden en Vervolg."
    )
    conclusies = OnderzoekConclusieSerializer(
        many=True, required=False, max_length=50, help_text="Onderzoek: per aard een conclusie."
    )
    bevindingen = serializers.CharField(
        max_length=100_000,
        required=False,
        allow_blank=True,
        help_text="Onderzoek (weggelaten: de opgeslagen bevindingen).",
    )
    rvdk_verzoek = serializers.BooleanField(
        required=False, help_text="Onderzoek: verzoek tot onderzoek aan de RvdK."
    )
    eindoordeel = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, help_text="Monitoren."
    )


#: soort → the fields of :class:`DienstAfrondingSerializer` that belong to it
AFRONDING_VELDEN: dict[str, frozenset[str]] = {
    DienstSoort.VOORWAARDEN_EN_VERVOLG: frozenset({"motivering"}),
    DienstSoort.ONDERZOEK: frozenset({"conclusies", "bevindingen", "rvdk_verzoek"}),
    DienstSoort.MONITOREN: frozenset({"eindoordeel"}),
}


def _afronden(request: Request, dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
    vreemd = sorted(set(d) - AFRONDING_VELDEN[dienst.soort])
    if vreemd:
        raise serializers.ValidationError(
            {v: ["Hoort niet bij het afronden van deze soort dienst."] for v in vreemd}
        )
    kw = {"actor": request.user, "dienst": dienst, "expected_version": versie}
    if dienst.soort == DienstSoort.VOORWAARDEN_EN_VERVOLG:
        inhoud_services.vv_afronden(
            **kw, motivering=d.get("motivering", ""), request=request._request
        )
    elif dienst.soort == DienstSoort.ONDERZOEK:
        inhoud_services.onderzoek_afronden(
            **kw,
            conclusies=[
                ond.ConclusieInvoer(
                    aard=c["aard"],
                    conclusie=ond.Conclusie(c["conclusie"]),
                    kind=c["kind"],
                    reden=ond.RedenVoortijdig(c["reden"]) if c["reden"] else None,
                )
                for c in d.get("conclusies", [])
            ],
            bevindingen=d.get("bevindingen"),
            rvdk_verzoek=d.get("rvdk_verzoek", False),
            request=request._request,
        )
    else:
        inhoud_services.monitoring_afronden(
            **kw, eindoordeel=d.get("eindoordeel", ""), request=request._request
        )


class DienstAfrondingView(_DienstActie):
    """Rondt Voorwaarden en Vervolg, een Onderzoek of het monitoren af."""

    soorten = (*VV, *ONDERZOEK, *MONITOREN)

    @extend_schema(
        operation_id="dienst_afronden",
        summary="Dienst afronden",
        description=(
            "De velden hangen af van de soort dienst; een veld van een andere soort: 400.\n\n"
            "* `voorwaarden_en_vervolg`: `motivering` (minstens één voorwaarde nodig). Start "
            "overdracht na bemoeienis en monitoren.\n"
            "* `onderzoek`: `conclusies` (per gemelde aard één), `bevindingen` (weggelaten: de "
            "opgeslagen), `rvdk_verzoek`. Start, tenzij alles voortijdig is afgesloten, "
            "overdracht na bemoeienis en monitoren.\n"
            "* `monitoren`: `eindoordeel` (na een instabiel laatste contact: escaleren).\n\n"
            "Antwoord: de afgeronde dienst; `vervolgen` zijn de diensten die erop volgen."
        ),
        request=DienstAfrondingSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            _afronden(request, dienst, versie, d)

        return self.schrijven(request, pk, DienstAfrondingSerializer, uitvoeren)


class MonitoringEscalatieSerializer(StrictSerializer):
    escalatie = serializers.ChoiceField(
        choices=[(e.value, label) for e, label in mon.ESCALATIE_LABELS.items()]
    )
    reden = serializers.CharField(max_length=20_000, allow_blank=True)


class DienstEscalatieView(_DienstActie):
    """De veiligheid is verloren tijdens het monitoren: escaleren."""

    soorten = MONITOREN

    @extend_schema(
        operation_id="dienst_monitoring_escaleren",
        summary="Monitoring escaleren",
        description=(
            "Beëindigt het monitoren en start een Onderzoek (`onderzoek`), een verzoek aan de "
            "RvdK (`rvdk`) of een taak om vandaag een ambtshalve melding te registreren "
            "(`melding`). Antwoord: de dienst; `vervolgen` zijn de gestarte diensten."
        ),
        request=MonitoringEscalatieSerializer,
        responses={200: DienstInhoudSerializer},
        parameters=[IF_MATCH_PARAM, IDEMPOTENCY_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        def uitvoeren(dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
            inhoud_services.monitoring_escaleren(
                actor=request.user,
                dienst=dienst,
                expected_version=versie,
                request=request._request,
                **d,
            )

        return self.schrijven(request, pk, MonitoringEscalatieSerializer, uitvoeren)


# --- Overdracht aanbieden --------------------------------------------------------------------


class OverdrachtAanbiedingSerializer(StrictSerializer):
    ketenpartner = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    aangeboden_op = DatumField()


class OverdrachtAanbiedingView(_OverdrachtActie):
    """Biedt de casus met de voorwaarden aan een ketenpartner aan (opnieuw na een weigering)."""

    invoer_class = OverdrachtAanbiedingSerializer

    def uitvoeren(self, request: Request, dienst: Dienst, versie: int, d: dict[str, Any]) -> None:
        ketenpartner = Ketenpartner.objects.filter(pk=d["ketenpartner"]).first()
        if ketenpartner is None:
            raise serializers.ValidationError({"ketenpartner": ["Deze ketenpartner bestaat niet."]})
        inhoud_services.overdracht_aanbieden(
            actor=request.user,
            dienst=dienst,
            expected_version=versie,
            ketenpartner=ketenpartner,
            aangeboden_op=d["aangeboden_op"],
            request=request._request,
        )

    @extend_schema(
        operation_id="overdracht_aanbieden",
        summary="Overdracht: aanbieden aan een ketenpartner",
        request=OverdrachtAanbiedingSerializer,
        responses={200: OverdrachtSerializer},
        parameters=[IF_MATCH_PARAM],
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.verwerk(request, pk)
