from django.contrib import admin

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name_th", "name_en")
