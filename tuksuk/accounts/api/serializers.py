from rest_framework import serializers

from ..models import RoleAssignment, User


class RoleAssignmentSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area_id", allow_null=True, read_only=True)
    area_name_th = serializers.CharField(source="area.name_th", default=None, read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ("role", "area", "area_name_th", "created_at")


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "position", "organisation", "roles")

    def get_roles(self, user: User) -> list[dict]:
        assignments = user.role_assignments.active().select_related("area")
        return RoleAssignmentSerializer(assignments, many=True).data  # type: ignore[return-value]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
