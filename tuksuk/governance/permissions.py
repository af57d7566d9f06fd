"""Who may do what with the breach log. The rules, all here:

- a ministry administrator (ผู้ดูแลระบบส่วนกลาง) records, assesses, notifies and closes every breach;
- an auditor (ผู้ตรวจสอบ) reads every breach and changes nothing;
- a district chief (นายอำเภอ) reports a suspected breach in their district (it goes to the ministry), adds notes, and
  sees only the breaches they reported or that touch their district (the district itself or its province);
- everyone else, the ministry viewer included, gets 403: a breach record is not programme data.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import scope_for

MANAGE_ROLES = frozenset({Role.MINISTRY_ADMIN})
READ_ALL_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.AUDITOR})
REPORT_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.DISTRICT_CHIEF})
BREACH_ROLES = READ_ALL_ROLES | REPORT_ROLES


def _roles(user) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return scope_for(user).roles


def can_see_breaches(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(_roles(user) & BREACH_ROLES)


def can_read_all_breaches(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(_roles(user) & READ_ALL_ROLES)


def can_manage_breaches(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(_roles(user) & MANAGE_ROLES)


def can_report_breach(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(_roles(user) & REPORT_ROLES)


def can_add_note(user) -> bool:  # type: ignore[no-untyped-def]
    return can_report_breach(user)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
