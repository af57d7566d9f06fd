"""Reference data a ministry administrator may correct: names, groups, pilot flags, villages."""

from django.contrib import admin

from .models import Area, PilotDistrict


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "level", "parent", "is_active", "source")
    list_filter = ("level", "is_active", "source")
    search_fields = ("code", "name_th", "name_en")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    readonly_fields = ("updated_at",)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The code is the identity every record refers to: set once, never changed.
        return (*self.readonly_fields, "code", "level") if obj else self.readonly_fields


@admin.register(PilotDistrict)
class PilotDistrictAdmin(admin.ModelAdmin):
    list_display = ("district", "programme_year", "level", "sequence")
    list_filter = ("programme_year", "level")
    search_fields = ("district__name_th", "district__name_en", "district__code")
    autocomplete_fields = ("district",)
    list_select_related = ("district",)
