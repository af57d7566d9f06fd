"""The roles of Tuksuk. Their codes are part of the interface (command line, API, imports): never rename one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MINISTRY_ADMIN = "ministry_admin", _("ผู้ดูแลระบบส่วนกลาง")
    MINISTRY_VIEWER = "ministry_viewer", _("ผู้ติดตามข้อมูลส่วนกลาง")
    PROVINCE_OFFICER = "province_officer", _("เจ้าหน้าที่จังหวัด")
    DISTRICT_CHIEF = "district_chief", _("นายอำเภอ")
    DISTRICT_TEAM = "district_team", _("ทีมงานอำเภอ")
    FIELD_WORKER = "field_worker", _("เจ้าหน้าที่ภาคสนาม")
    AGENCY_STAFF = "agency_staff", _("เจ้าหน้าที่หน่วยงานภาคี")
    AUDITOR = "auditor", _("ผู้ตรวจสอบ")


# Roles that see the whole country and are assigned without an area.
NATIONAL_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.MINISTRY_VIEWER, Role.AUDITOR})
# Roles that may only read.
READ_ONLY_ROLES = frozenset({Role.MINISTRY_VIEWER, Role.AUDITOR})
# Roles that may search and export the change and access logs (tuksuk.audit). Nobody else may.
AUDIT_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.AUDITOR})

# The area levels each regional role may be assigned to.
ROLE_AREA_LEVELS: dict[str, frozenset[str]] = {
    Role.PROVINCE_OFFICER: frozenset({"province"}),
    Role.DISTRICT_CHIEF: frozenset({"district"}),
    Role.DISTRICT_TEAM: frozenset({"district"}),
    Role.FIELD_WORKER: frozenset({"subdistrict", "village"}),
    Role.AGENCY_STAFF: frozenset({"region", "group", "province", "district", "subdistrict"}),
}
# Roles that may turn on two-factor login (TOTP): the central and provincial roles that see many districts.
# ``TUKSUK_REQUIRE_2FA_ROLES`` may make it mandatory for some roles (see ``tuksuk.accounts.twofactor``).
TWO_FACTOR_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.MINISTRY_VIEWER, Role.AUDITOR, Role.PROVINCE_OFFICER})
