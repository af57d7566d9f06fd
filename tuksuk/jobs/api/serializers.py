from rest_framework import serializers

from ..models import Job


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    is_finished = serializers.BooleanField(read_only=True)
    result_file = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = (
            "id",
            "title",
            "status",
            "percent",
            "progress_done",
            "progress_total",
            "message",
            "result",
            "result_file",
            "is_finished",
            "created_at",
            "started_at",
            "finished_at",
        )

    def get_result_file(self, job: Job) -> str | None:
        from django.urls import reverse

        return reverse("jobs:download", args=[job.pk]) if job.result_file else None
