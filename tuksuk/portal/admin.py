from django.contrib import admin

from .models import PublicFigure, PublicItem, PublicItemEvent


class EventInline(admin.TabularInline):
    model = PublicItemEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "from_status", "to_status", "note")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PublicItem)
class PublicItemAdmin(admin.ModelAdmin):
    """Read-mostly: status changes go through /publish/ (services.py), never through the admin."""

    list_display = ("title", "district", "kind", "status", "published_at")
    list_filter = ("status", "kind")
    search_fields = ("title",)
    readonly_fields = ("status", "proposed_by", "approved_by", "published_at", "source_story", "source_update")
    raw_id_fields = ("district", "category")
    inlines = [EventInline]


@admin.register(PublicFigure)
class PublicFigureAdmin(admin.ModelAdmin):
    list_display = ("area_code", "level", "dimension", "key", "value", "taken_at")
    list_filter = ("level", "dimension")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
