from rest_framework import serializers

from ..models import Answer, FocusGroupSession, KnowledgeItem, Participant, Question, Questionnaire, QuestionPart


class KnowledgeItemSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area_id", read_only=True, allow_null=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    indicators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    categories = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    project = serializers.IntegerField(source="project_id", read_only=True, allow_null=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = KnowledgeItem
        fields = (
            "id",
            "kind",
            "status",
            "title",
            "summary",
            "body",
            "area",
            "year",
            "video_url",
            "file_url",
            "file_name",
            "content_type",
            "size",
            "sdg_goals",
            "indicators",
            "categories",
            "project_category",
            "project",
            "published_at",
            "updated_at",
        )

    def get_file_url(self, item: KnowledgeItem) -> str | None:
        """The file's URL (it answers only to a logged-in user who may see the item)."""
        from django.urls import reverse

        return reverse("learning:kb-file", kwargs={"pk": item.pk}) if item.file else None


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ("id", "number", "text", "asks_rating", "rating_hint")


class QuestionPartSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = QuestionPart
        fields = ("number", "title", "questions")


class QuestionnaireSerializer(serializers.ModelSerializer):
    parts = QuestionPartSerializer(many=True, read_only=True)
    is_frozen = serializers.BooleanField(read_only=True)

    class Meta:
        model = Questionnaire
        fields = ("id", "title", "description", "programme_year", "is_active", "is_frozen", "parts")


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ("full_name", "role", "network")


class SessionSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district_id", read_only=True)
    questionnaire = serializers.IntegerField(source="questionnaire_id", read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = FocusGroupSession
        fields = ("id", "questionnaire", "district", "held_on", "place", "facilitator", "note", "participants")


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="question_id", read_only=True)
    question_number = serializers.IntegerField(source="question.number", read_only=True)

    class Meta:
        model = Answer
        fields = ("question", "question_number", "text", "rating", "updated_at")
