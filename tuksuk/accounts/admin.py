"""User administration for ministry administrators: users, their roles and areas.

Removing an assignment here revokes it (the row stays, with who and when) so that who could see what is
never lost.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment, User
from .services import revoke_role


class ActiveAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 1
    fields = ("role", "area", "agency", "created_at", "created_by")
    readonly_fields = ("created_at", "created_by")
    autocomplete_fields = ("area", "agency")
    verbose_name = _("บทบาทที่ใช้งานอยู่")
    verbose_name_plural = _("บทบาทและพื้นที่ (ลบ = ยกเลิกสิทธิ์ โดยเก็บประวัติไว้)")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).active().select_related("area", "created_by")


class RevokedAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ("role", "area", "agency", "created_at", "created_by", "revoked_at", "revoked_by")
    readonly_fields = fields
    verbose_name_plural = _("ประวัติบทบาทที่ยกเลิกแล้ว")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).filter(revoked_at__isnull=False).select_related("area")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (ActiveAssignmentInline, RevokedAssignmentInline)
    list_display = ("username", "first_name", "last_name", "position", "roles", "is_active", "last_login")
    list_filter = ("is_active", "role_assignments__role")
    search_fields = ("username", "first_name", "last_name", "email", "role_assignments__area__name_th")
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (_("งาน"), {"fields": ("position", "organisation", "phone")}),
        *DjangoUserAdmin.fieldsets[2:],
    )

    @admin.display(description=_("บทบาท"))
    def roles(self, user: User) -> str:
        return ", ".join(str(a) for a in user.role_assignments.all() if a.revoked_at is None)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("role_assignments__area")

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for assignment in formset.deleted_objects:
            revoke_role(assignment, actor=request.user)
        for assignment in instances:
            if assignment.pk is None:
                assignment.created_by = request.user
            assignment.save()
        return None
