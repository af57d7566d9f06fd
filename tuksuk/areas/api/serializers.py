from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Area, PilotDistrict


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True, read_only=True)

    class Meta:
        model = Area
        fields = ("code", "level", "name_th", "name_en", "parent", "is_active")


class AreaDetailSerializer(AreaSerializer):
    ancestors = serializers.SerializerMethodField()
    pilot_flags = serializers.SerializerMethodField()

    class Meta(AreaSerializer.Meta):
        fields = (*AreaSerializer.Meta.fields, "ancestors", "pilot_flags")

    @extend_schema_field(AreaSerializer(many=True))
    def get_ancestors(self, area: Area) -> list[dict]:
        return AreaSerializer(area.ancestors(), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_pilot_flags(self, area: Area) -> list[dict]:
        return [
            {"programme_year": flag.programme_year, "level": flag.level}
            for flag in area.pilot_flags.order_by("programme_year", "level")
        ]


class PilotDistrictSerializer(serializers.ModelSerializer):
    district = AreaSerializer(read_only=True)
    province = serializers.CharField(source="district.parent_id", read_only=True)

    class Meta:
        model = PilotDistrict
        fields = ("id", "programme_year", "level", "sequence", "district", "province")
