from rest_framework import serializers

from ..models import Award, Criterion, Round


class SelectionCriterionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.number", allow_null=True, default=None, read_only=True)

    class Meta:
        model = Criterion
        fields = ("id", "number", "title", "max_points", "parent", "data_source", "order")


class SelectionRoundSerializer(serializers.ModelSerializer):
    eligible_areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    criteria = SelectionCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Round
        fields = (
            "id",
            "kind",
            "title",
            "programme_year",
            "level",
            "status",
            "deadline",
            "period_start",
            "period_end",
            "eligible_areas",
            "published_at",
            "criteria",
        )


class SelectionResultRowSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    district = serializers.CharField(source="application.district_id")
    district_name = serializers.CharField(source="application.district.name_th")
    unit = serializers.CharField(source="unit_code")
    unit_name = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    total = serializers.DecimalField(source="total_display", max_digits=8, decimal_places=2)
    complete = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    tied = serializers.BooleanField()
    tie_break_reason = serializers.CharField(source="tie_break.reason", allow_null=True, default=None)
    selected = serializers.BooleanField()


class SelectionAwardSerializer(serializers.ModelSerializer):
    district_name = serializers.CharField(source="district.name_th", read_only=True)
    round_title = serializers.CharField(source="round.title", read_only=True)

    class Meta:
        model = Award
        fields = ("id", "round", "round_title", "district", "district_name", "title", "rank", "announced_at")
