from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("ชาย")
    FEMALE = "female", _("หญิง")
    UNSPECIFIED = "unspecified", _("ไม่ระบุ")


class HouseholdSource(models.TextChoices):
    FIELD = "field", _("สำรวจภาคสนาม")
    IMPORT = "import", _("นำเข้าไฟล์")
    THAIQM = "thaiqm", _("ThaiQM")
    TPMAP = "tpmap", _("TPMAP")


class HouseholdEventKind(models.TextChoices):
    CREATED = "created", _("ลงทะเบียน")
    UPDATED = "updated", _("แก้ไขข้อมูล")
    MEMBER_ADDED = "member_added", _("เพิ่มสมาชิก")
    MEMBER_UPDATED = "member_updated", _("แก้ไขสมาชิก")
    MERGED_IN = "merged_in", _("รวมครัวเรือนซ้ำเข้ามา")
    MERGED_AWAY = "merged_away", _("ถูกรวมเข้ากับครัวเรือนอื่น")
    IMPORTED = "imported", _("นำเข้าจากไฟล์")


VULNERABLE_FLAGS = ("bedridden", "disabled", "elderly", "chronic_illness", "child")
