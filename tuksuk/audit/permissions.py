"""Who may read the audit trail: auditors (ผู้ตรวจสอบ) and ministry administrators, nobody else."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from tuksuk.accounts.roles import AUDIT_ROLES
from tuksuk.accounts.scope import scope_for


def can_audit(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(scope_for(user).roles & AUDIT_ROLES)


def require_auditor(user) -> None:  # type: ignore[no-untyped-def]
    if not can_audit(user):
        raise PermissionDenied


class IsAuditor(BasePermission):
    """API: 403 for every signed-in user who is not an auditor or a ministry administrator."""

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        return can_audit(request.user)
