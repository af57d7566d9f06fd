from decimal import Decimal

from rest_framework import serializers

from ..choices import ActivityStatus, BudgetSource, PartnerNetwork, PlanLevel, ProjectCategory, Timeframe, ValueChain
from ..models import Activity, BudgetLine, Kpi, ProgressUpdate, Project


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ("source", "source_detail", "planned", "spent")


class KpiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kpi
        fields = ("id", "name", "unit", "target", "actual")


class ActivitySerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="project_id", read_only=True)
    agencies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    kpis = KpiSerializer(many=True, read_only=True)
    households_benefited = serializers.IntegerField(read_only=True)

    class Meta:
        model = Activity
        fields = (
            "id",
            "ref",
            "project",
            "title",
            "value_chain",
            "agencies",
            "partner_networks",
            "start_on",
            "end_on",
            "status",
            "percent_complete",
            "target_households",
            "reached_households",
            "households_benefited",
            "budget_lines",
            "kpis",
            "updated_at",
        )


class ProjectSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district_id", read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    indicators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    value_baht = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = (
            "id",
            "ref",
            "district",
            "title",
            "brief",
            "category",
            "fiscal_year",
            "timeframe",
            "start_on",
            "end_on",
            "one_plan_code",
            "one_plan_level",
            "sdg_goals",
            "indicators",
            "upstream",
            "midstream",
            "downstream",
            "partner_networks",
            "value_baht",
            "created_at",
            "updated_at",
        )

    def get_value_baht(self, project: Project) -> str:
        """Planned money of all activities (annotated by the viewset; computed when it was not)."""
        value = getattr(project, "value_sum", None)
        return str((project.value_baht if value is None else value).quantize(Decimal("0.01")))


class ProjectDetailSerializer(ProjectSerializer):
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = (*ProjectSerializer.Meta.fields, "activities")


class ProjectInputSerializer(serializers.Serializer):
    district = serializers.CharField(max_length=4)
    title = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=ProjectCategory.choices)
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    brief = serializers.CharField(required=False, allow_blank=True, default="")
    timeframe = serializers.ChoiceField(choices=Timeframe.choices, required=False, allow_blank=True, default="")
    start_on = serializers.DateField(required=False, allow_null=True, default=None)
    end_on = serializers.DateField(required=False, allow_null=True, default=None)
    one_plan_code = serializers.CharField(required=False, allow_blank=True, default="")
    one_plan_level = serializers.ChoiceField(choices=PlanLevel.choices, required=False, allow_blank=True, default="")
    upstream = serializers.CharField(required=False, allow_blank=True, default="")
    midstream = serializers.CharField(required=False, allow_blank=True, default="")
    downstream = serializers.CharField(required=False, allow_blank=True, default="")
    partner_networks = serializers.ListField(
        child=serializers.ChoiceField(choices=PartnerNetwork.choices), required=False, default=list
    )
    sdg_goals = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=17), required=False, default=list
    )
    indicators = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=37), required=False, default=list
    )


class ActivityInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    value_chain = serializers.ChoiceField(choices=ValueChain.choices, required=False, allow_blank=True, default="")
    agencies = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    partner_networks = serializers.ListField(
        child=serializers.ChoiceField(choices=PartnerNetwork.choices), required=False, default=list
    )
    start_on = serializers.DateField(required=False, allow_null=True, default=None)
    end_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    percent_complete = serializers.IntegerField(min_value=0, max_value=100, default=0)
    target_households = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    reached_households = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)


class BudgetInputSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=BudgetSource.choices)
    source_detail = serializers.CharField(required=False, allow_blank=True, default="")
    planned = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, default=0)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, default=0)


class ProgressSerializer(serializers.ModelSerializer):
    media = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = ("id", "who", "what", "where", "when", "why", "how", "percent_complete", "created_at", "media")

    def get_media(self, update: ProgressUpdate) -> list[dict]:
        from django.urls import reverse

        return [
            {
                "token": m.token,
                "phase": m.phase,
                "media_type": m.media_type,
                "url": reverse("projects:media", args=[m.token]),
            }
            for m in update.media.all()
        ]


class ProgressInputSerializer(serializers.Serializer):
    who = serializers.CharField(max_length=300)
    what = serializers.CharField()
    where = serializers.CharField(max_length=300)
    when = serializers.DateField()
    why = serializers.CharField(required=False, allow_blank=True, default="")
    how = serializers.CharField(required=False, allow_blank=True, default="")
    percent_complete = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True, default=None
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class BeneficiariesInputSerializer(serializers.Serializer):
    house_codes = serializers.ListField(child=serializers.CharField(max_length=11))
