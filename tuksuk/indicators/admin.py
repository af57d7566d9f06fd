from django.contrib import admin

from .models import Category, Indicator, SdgGoal


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("number", "name_th", "name_en")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("number", "name_th", "category", "name_confirmed")
    list_filter = ("category", "name_confirmed")
    search_fields = ("name_th", "name_en")
    filter_horizontal = ("sdg_goals",)


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ("number", "name_th", "name_en")
