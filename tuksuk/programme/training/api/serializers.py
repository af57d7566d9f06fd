"""Read-only shapes of courses, sessions and participants' attendance summaries. Phone numbers never leave through
the API (personal data, shown only to organisers on the pages)."""

from rest_framework import serializers

from ..models import Course, Participant, TrainingSession


class TrainingSessionSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id", read_only=True)
    province = serializers.CharField(source="province_id", read_only=True)
    slots_held = serializers.IntegerField(read_only=True)
    slots_planned = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingSession
        fields = (
            "id",
            "course",
            "title",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "province",
            "place",
            "slots_planned",
            "slots_held",
        )


class TrainingCourseSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="area_id", read_only=True, allow_null=True)

    class Meta:
        model = Course
        fields = ("id", "title", "kind", "province", "certificate_kind", "description", "created_at")


class TrainingAttendanceSummarySerializer(serializers.Serializer):
    slots_held = serializers.IntegerField()
    slots_attended = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    accepted_reason = serializers.BooleanField()
    eligible = serializers.BooleanField()
    certificate_code = serializers.CharField(allow_null=True)


class TrainingParticipantSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id", read_only=True)
    district = serializers.CharField(source="district_id", read_only=True)

    class Meta:
        model = Participant
        fields = ("id", "course", "full_name", "position", "organisation", "district", "network")
