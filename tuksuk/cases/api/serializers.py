from rest_framework import serializers

from ..choices import Dimension, EvidencePhase
from ..models import Action, Assignment, Evidence, Story, StoryEvent


class StorySerializer(serializers.ModelSerializer):
    house_code = serializers.CharField(source="household.house_code", read_only=True)
    area = serializers.CharField(source="area_id", read_only=True)
    category = serializers.IntegerField(source="category_id", read_only=True)
    indicators = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Story
        fields = (
            "id",
            "ref",
            "house_code",
            "area",
            "category",
            "indicators",
            "description",
            "status",
            "reported_at",
            "due_on",
            "resolved_at",
            "is_overdue",
            "source",
            "created_at",
            "updated_at",
        )

    def get_indicators(self, story: Story) -> list[int]:
        found = getattr(story, "indicator_list", None)  # prefetched by the viewset
        return sorted(i.number for i in (found if found is not None else story.indicators.all()))


class StoryEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, read_only=True, allow_null=True)

    class Meta:
        model = StoryEvent
        fields = ("kind", "from_status", "to_status", "note", "data", "actor", "at")


class AssignmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", read_only=True)

    class Meta:
        model = Assignment
        fields = ("agency", "assigned_at", "ended_at")


class StoryDetailSerializer(StorySerializer):
    events = StoryEventSerializer(many=True, read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta(StorySerializer.Meta):
        fields = (*StorySerializer.Meta.fields, "assignments", "events")


class StoryInputSerializer(serializers.Serializer):
    house_code = serializers.CharField(max_length=11)
    category = serializers.IntegerField(min_value=1, max_value=7)
    indicators = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=37), required=False, default=list
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class StatusInputSerializer(serializers.Serializer):
    status = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssignInputSerializer(serializers.Serializer):
    agency = serializers.CharField(help_text="Agency code, e.g. PEA")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ActionSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", default=None, read_only=True, allow_null=True)
    created_by = serializers.CharField(source="created_by.username", default=None, read_only=True, allow_null=True)

    class Meta:
        model = Action
        fields = ("id", "agency", "done_on", "description", "cost", "dimension", "created_by", "created_at")


class ActionInputSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    description = serializers.CharField()
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    cost = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True)
    agency = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    action = serializers.IntegerField(source="action_id", allow_null=True, read_only=True)

    class Meta:
        model = Evidence
        fields = (
            "token",
            "action",
            "media_type",
            "content_type",
            "size",
            "phase",
            "caption",
            "uploaded_at",
            "url",
            "thumbnail_url",
        )

    def get_url(self, evidence: Evidence) -> str:
        from django.urls import reverse

        return reverse("cases:evidence-file", args=[evidence.token])

    def get_thumbnail_url(self, evidence: Evidence) -> str | None:
        from django.urls import reverse

        return reverse("cases:evidence-thumb", args=[evidence.token]) if evidence.thumbnail else None


class EvidenceInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    phase = serializers.ChoiceField(choices=EvidencePhase.choices, default=EvidencePhase.OTHER)
    caption = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    action = serializers.IntegerField(required=False, allow_null=True)
