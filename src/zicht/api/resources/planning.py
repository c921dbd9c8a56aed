"""Planning: evaluate a scenario with the budget model (pure computation, nothing stored).

The parameters in force for the year come from ``planning.selectors``; the model is
``planning.domain.begroting.begroting_bereken`` — the same as the Begroting page. Who may:
``PLANNING_BEHEREN`` or ``RAPPORTAGE_INZIEN`` (it changes nothing)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm, has_permission
from zicht.api.base import StrictSerializer
from zicht.api.resources.common import ApiView
from zicht.api.scopes import LEZEN
from zicht.planning import selectors as planning_selectors
from zicht.planning.domain.begrippen import Dienst, Scenario
from zicht.planning.domain.begroting import begroting_bereken
from zicht.planning.domain.parameters import ParameterFout

_GETAL = {"max_digits": 20, "decimal_places": 2, "coerce_to_string": True}


#: One whole number per service of the budget (all of them required).
VolumesSerializer: type[StrictSerializer] = type(
    "VolumesSerializer",
    (StrictSerializer,),
    {
        dienst.value: serializers.IntegerField(min_value=0, max_value=10_000_000)
        for dienst in Dienst
    },
)


class EvaluatieInvoerSerializer(StrictSerializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    scenario = serializers.ChoiceField(
        choices=[s.value for s in Scenario], required=False, allow_null=True, default=None
    )
    volumes = VolumesSerializer(required=False, allow_null=True, default=None)
    productieve_uren_per_fte = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("1"),
        required=False,
        allow_null=True,
        default=None,
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs["scenario"] is None) == (attrs["volumes"] is None):
            raise serializers.ValidationError(
                "Geef een scenario of ingevoerde volumes op, niet beide of geen van twee."
            )
        return attrs


class DienstregelSerializer(serializers.Serializer[Any]):
    dienst = serializers.CharField()
    volume = serializers.IntegerField()
    urennorm = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    uren = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    fte = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]


class KostenSerializer(serializers.Serializer[Any]):
    direct = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    indirect = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    structureel = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    eenmalig = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]


class EvaluatieSerializer(serializers.Serializer[Any]):
    jaar = serializers.IntegerField()
    parameterversie = serializers.IntegerField()
    scenario = serializers.CharField(allow_null=True)
    productieve_uren_per_fte = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    regels = DienstregelSerializer(many=True)
    fte_uitvoering = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    fte_management = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    fte_structureel = serializers.DecimalField(**_GETAL)  # type: ignore[arg-type]
    kosten = KostenSerializer()


class PlanningEvaluatieView(ApiView):
    """Rekent een scenario (of eigen volumes) door met het begrotingsmodel; slaat niets op."""

    resource = "planning"
    scope_acties = {"POST": LEZEN}
    serializer_class = EvaluatieSerializer

    @extend_schema(
        operation_id="planning_scenario_doorrekenen",
        summary="Scenario doorrekenen",
        description=(
            "Fte en kosten per dienst volgens het begrotingsmodel met de parameters die voor "
            "het jaar gelden. Geef `scenario` (laag, midden, hoog) óf `volumes` per dienst. "
            "Bedragen en fte als decimale tekst (2 decimalen, afgerond)."
        ),
        request=EvaluatieInvoerSerializer,
        responses={200: EvaluatieSerializer},
    )
    def post(self, request: Request) -> Response:
        user = request.user
        if not (
            has_permission(user, Perm.PLANNING_BEHEREN)
            or has_permission(user, Perm.RAPPORTAGE_INZIEN)
        ):
            raise PermissionDenied
        invoer = EvaluatieInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        try:
            parameterset = planning_selectors.parameterset_huidig(d["jaar"])
            parameters = planning_selectors.planparameters_van(parameterset)
            begroting = begroting_bereken(
                parameters,
                scenario=Scenario(d["scenario"]) if d["scenario"] else None,
                volumes=({Dienst(k): v for k, v in d["volumes"].items()} if d["volumes"] else None),
                productieve_uren_per_fte=d["productieve_uren_per_fte"],
            )
        except planning_selectors.GeenParameters as fout:
            raise serializers.ValidationError({"jaar": [str(fout)]}) from None
        except ParameterFout as fout:
            raise serializers.ValidationError(
                {
                    sleutel.replace("volume.", "volumes."): [bericht]
                    for sleutel, bericht in fout.fouten.items()
                }
            ) from None
        kosten = begroting.kosten
        data = {
            "jaar": d["jaar"],
            "parameterversie": parameterset.versie,
            "scenario": d["scenario"],
            "productieve_uren_per_fte": begroting.productieve_uren_per_fte,
            "regels": [
                {
                    "dienst": r.dienst.value,
                    "volume": r.volume,
                    "urennorm": r.urennorm,
                    "uren": r.uren,
                    "fte": r.fte,
                }
                for r in begroting.regels
            ],
            "fte_uitvoering": begroting.fte_uitvoering,
            "fte_management": begroting.fte_management,
            "fte_structureel": begroting.fte_structureel,
            "kosten": {
                "direct": kosten.direct,
                "indirect": kosten.indirect,
                "structureel": kosten.structureel,
                "eenmalig": kosten.eenmalig,
            },
        }
        return Response(EvaluatieSerializer(data).data)
