"""Who may do what with data-subject requests. Area scoping comes on top (``visible_to``, ``require_write``).

- record a request (and read them): the district team, the district chief, a ministry administrator;
- decide and carry out (start, extend, refuse, make the copy, anonymise, restrict, close): the district chief or a
  ministry administrator;
- read only: auditors (ผู้ตรวจสอบ), over the whole country;
- nobody else (field workers, agency staff, province officers, the ministry viewer): 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import require_write, scope_for

DECIDE_ROLES = frozenset({Role.DISTRICT_CHIEF, Role.MINISTRY_ADMIN})
RECORD_ROLES = DECIDE_ROLES | {Role.DISTRICT_TEAM}
READ_ROLES = RECORD_ROLES | {Role.AUDITOR}


def can_read(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(scope_for(user).roles & READ_ROLES)


def can_record(user) -> bool:  # type: ignore[no-untyped-def]
    scope = scope_for(user)
    return scope.can_write and bool(scope.roles & RECORD_ROLES)


def can_decide(user) -> bool:  # type: ignore[no-untyped-def]
    scope = scope_for(user)
    return scope.can_write and bool(scope.roles & DECIDE_ROLES)


def require_read(user) -> None:  # type: ignore[no-untyped-def]
    if not can_read(user):
        raise PermissionDenied(_("เฉพาะทีมอำเภอ นายอำเภอ ผู้ดูแลระบบส่วนกลาง และผู้ตรวจสอบเท่านั้นที่ดูคำขอของเจ้าของข้อมูลได้"))


def require_record(user, village_code: str) -> None:  # type: ignore[no-untyped-def]
    if not can_record(user):
        raise PermissionDenied(_("เฉพาะทีมอำเภอ นายอำเภอ หรือผู้ดูแลระบบส่วนกลางเท่านั้นที่บันทึกคำขอได้"))
    require_write(user, village_code)


def require_decide(user, village_code: str) -> None:  # type: ignore[no-untyped-def]
    if not can_decide(user):
        raise PermissionDenied(_("เฉพาะนายอำเภอหรือผู้ดูแลระบบส่วนกลางเท่านั้นที่พิจารณาและดำเนินการตามคำขอได้"))
    require_write(user, village_code)
