from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zicht.accounts.models import Team, User
from zicht.api.serializers import CurrentUserSerializer, TeamSerializer


class CurrentUserView(APIView):
    """The authenticated user, with teams, roles and effective permissions."""

    @extend_schema(responses=CurrentUserSerializer, operation_id="ik_ophalen")
    def get(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        user = User.objects.prefetch_related("teams").get(pk=user.pk)
        return Response(CurrentUserSerializer(user).data)


class TeamListView(generics.ListAPIView[Team]):
    """Active teams of the organisation."""

    serializer_class = TeamSerializer

    def get_queryset(self) -> QuerySet[Team]:
        return Team.objects.filter(actief=True).order_by("naam")
