from rest_framework import serializers

from ..models import RoleAssignment, User


class RoleAssignmentSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area_id", allow_null=True, read_only=True)
    area_name_th = serializers.CharField(source="area.name_th", default=None, read_only=True, allow_null=True)

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
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=(
            "Required when the user has two-factor login turned on: the current 6-digit code from the "
            "authenticator app, or one of the user's one-time backup codes."
        ),
    )


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField(help_text="Why the request was refused, in the user's language (Thai).")
    otp_required = serializers.BooleanField(
        required=False, help_text="True when the user has two-factor login on and no valid `otp` was given."
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
