"""The southern border provinces list (reference data a ministry administrator edits) and read-only course logs."""

from django.contrib import admin

from .models import BorderProvince, Course


@admin.register(BorderProvince)
class BorderProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "is_active", "valid_from")
    list_filter = ("is_active",)
    search_fields = ("code", "name_th")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "area", "certificate_kind", "created_at")
    list_filter = ("kind", "certificate_kind")
    search_fields = ("title",)
    readonly_fields = ("created_by", "created_at")
    list_select_related = ("area",)
