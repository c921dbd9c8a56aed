"""Planning: evaluate a scenario with the budget model (pure computation, nothing stored).

``planning.selectors.begroting_doorrekenen`` runs the model
(``planning.domain.begroting.begroting_bereken``, the same as the Begroting page) with the
parameters in force for the year, and owns every check of the input; its Dutch errors come back
as 400 at the field they concern. Who may: ``PLANNING_BEHEREN`` or ``RAPPORTAGE_INZIEN`` (it
changes nothing)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.permissions import Perm
from zicht.api.base import StrictSerializer, service_fouten
from zicht.api.resources.common import ApiView
from zicht.api.scopes import LEZEN
from zicht.casework.access import require_any_permission
from zicht.planning import selectors as planning_selectors
from zicht.planning.domain.begrippen import Dienst, Scenario

_GETAL = {"max_digits": 20, "decimal_places": 2, "coerce_to_string": True}


@extend_schema_field({"type": "integer", "maximum": 10_000_000, "minimum": 0})
class VolumeField(serializers.IntegerField):
    """A whole number of cases. That it is not negative is the budget model's rule, checked
    by ``planning.selectors.begroting_doorrekenen`` with its Dutch message; the schema
    documents it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_value=10_000_000, **kwargs)


#: One whole number per service of the budget (all of them required).
VolumesSerializer: type[StrictSerializer] = type(
    "VolumesSerializer",
    (StrictSerializer,),
    {dienst.value: VolumeField() for dienst in Dienst},
)


# Types only: the checks (scenario or volumes, volumes not negative, productive hours in range,
# parameters for the year) are ``planning.selectors.begroting_doorrekenen``'s.
class EvaluatieInvoerSerializer(StrictSerializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    scenario = serializers.ChoiceField(
        choices=[s.value for s in Scenario], required=False, allow_null=True, default=None
    )
    volumes = VolumesSerializer(required=False, allow_null=True, default=None)
    productieve_uren_per_fte = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
    )


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
        require_any_permission(request.user, (Perm.PLANNING_BEHEREN, Perm.RAPPORTAGE_INZIEN))
        invoer = EvaluatieInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        try:
            parameterset, begroting = planning_selectors.begroting_doorrekenen(
                jaar=d["jaar"],
                scenario=Scenario(d["scenario"]) if d["scenario"] else None,
                volumes=({Dienst(k): v for k, v in d["volumes"].items()} if d["volumes"] else None),
                productieve_uren_per_fte=d["productieve_uren_per_fte"],
            )
        except DjangoValidationError as fout:
            # the selector's keys are this request's field names (``volumes.<dienst>``)
            raise service_fouten(fout) from None
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
