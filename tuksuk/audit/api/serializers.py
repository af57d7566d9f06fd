from rest_framework import serializers

from ..choices import Source
from ..models import AccessLogEntry, ChangeLogEntry

# Plain text in the schema: an enum named "source" would collide with the other apps' source fields.
SOURCE_HELP = "One of: " + ", ".join(Source.values)


class AccessLogEntrySerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True, help_text=SOURCE_HELP)

    class Meta:
        model = AccessLogEntry
        fields = (
            "id",
            "at",
            "user_id",
            "username",
            "action",
            "source",
            "object_type",
            "object_id",
            "household_id",
            "house_code",
            "area_code",
            "row_count",
            "detail",
            "request_id",
            "ip",
        )
        read_only_fields = fields


class ChangeLogEntrySerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True, help_text=SOURCE_HELP)

    class Meta:
        model = ChangeLogEntry
        fields = (
            "id",
            "at",
            "actor_id",
            "actor_username",
            "source",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "root_type",
            "root_id",
            "house_code",
            "area_code",
            "changes",
        )
        read_only_fields = fields
