from rest_framework import serializers

from zicht.accounts.models import Team, User
from zicht.accounts.permissions import Perm, has_permission


class TeamSerializer(serializers.ModelSerializer[Team]):
    class Meta:
        model = Team
        fields = ["id", "naam", "omschrijving", "actief"]


class CurrentUserSerializer(serializers.ModelSerializer[User]):
    teams = TeamSerializer(many=True, read_only=True)
    rollen = serializers.SerializerMethodField()
    rechten = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "teams", "rollen", "rechten"]

    def get_rollen(self, user: User) -> list[str]:
        return list(user.groups.order_by("name").values_list("name", flat=True))

    def get_rechten(self, user: User) -> list[str]:
        return [perm.value for perm in Perm if has_permission(user, perm)]
