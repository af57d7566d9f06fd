"""The logs in the Django admin: read only (no add, change or delete, even for superusers)."""

from django.contrib import admin

from .models import AccessLogEntry, ChangeLogEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 50
    date_hierarchy = "at"

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_username", "action", "object_type", "object_id", "house_code", "area_code", "source")
    list_filter = ("action", "source", "object_type")
    search_fields = ("actor_username", "object_id", "house_code", "area_code", "request_id")


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "username", "action", "object_type", "object_id", "house_code", "area_code", "ip")
    list_filter = ("action", "source")
    search_fields = ("username", "house_code", "object_id", "area_code", "request_id")
