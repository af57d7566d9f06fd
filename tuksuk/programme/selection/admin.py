from django.contrib import admin

from .models import Award, Criterion, Round, RubricTemplate


class CriterionInline(admin.TabularInline):
    model = Criterion
    fk_name = "template"
    fields = ("number", "title", "max_points", "parent", "data_source", "order")
    extra = 0


@admin.register(RubricTemplate)
class RubricTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "level", "code")
    inlines = [CriterionInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Read-only here: rounds change through the selection pages (services), which keep the history."""

    list_display = ("title", "kind", "level", "programme_year", "status", "deadline")
    list_filter = ("kind", "level", "status", "programme_year")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("title", "district", "round", "rank", "announced_at")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
