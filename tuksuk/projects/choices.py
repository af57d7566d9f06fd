from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectCategory(models.IntegerChoices):
    """The programme's five project categories (year one)."""

    QUALITY_OF_LIFE = 1, _("ส่งเสริมคุณภาพชีวิต สร้างงานสร้างอาชีพ")
    POVERTY = 2, _("แก้ไขปัญหาความยากจน")
    WATER = 3, _("บริหารจัดการน้ำอย่างยั่งยืน")
    TOURISM = 4, _("ท่องเที่ยวชุมชน กระตุ้นเศรษฐกิจฐานราก")
    OTHER = 5, _("อื่น ๆ เช่น ขยะ ภัยพิบัติ")


# The Thai names as the ministry's tables print them (whatever the UI language).
CATEGORY_NAMES_TH = {
    1: "ส่งเสริมคุณภาพชีวิต สร้างงานสร้างอาชีพ",
    2: "แก้ไขปัญหาความยากจน",
    3: "บริหารจัดการน้ำอย่างยั่งยืน",
    4: "ท่องเที่ยวชุมชน กระตุ้นเศรษฐกิจฐานราก",
    5: "อื่น ๆ",
}


class Timeframe(models.TextChoices):
    QUICK_WIN = "quick_win", _("Quick win (ภายใน 5 เดือน)")
    LONG_TERM = "long_term", _("ระยะยาว (1 ปีขึ้นไป)")


class PlanLevel(models.TextChoices):
    VILLAGE = "village", _("แผนหมู่บ้าน")
    TAMBON = "tambon", _("แผนตำบล")
    DISTRICT = "district", _("แผนอำเภอ")
    PROVINCE = "province", _("แผนจังหวัด")


class PartnerNetwork(models.TextChoices):
    """The 7 partner networks (ภาคีเครือข่าย ๗ ภาคี)."""

    GOVERNMENT = "government", _("ภาคราชการ")
    PRIVATE = "private", _("ภาคเอกชน")
    ACADEMIC = "academic", _("ภาควิชาการ")
    RELIGIOUS = "religious", _("ภาคศาสนา")
    CITIZEN = "citizen", _("ภาคประชาชน")
    CIVIL_SOCIETY = "civil_society", _("ภาคประชาสังคม")
    MEDIA = "media", _("ภาคสื่อสารมวลชน")


ALL_NETWORKS = frozenset(PartnerNetwork.values)


class ValueChain(models.TextChoices):
    UPSTREAM = "upstream", _("ต้นทาง")
    MIDSTREAM = "midstream", _("กลางทาง")
    DOWNSTREAM = "downstream", _("ปลายทาง")


class BudgetSource(models.TextChoices):
    DEPARTMENT = "department", _("งบประมาณกรม")
    PROVINCE = "province", _("งบประมาณจังหวัด")
    PROVINCIAL_GROUP = "provincial_group", _("งบประมาณกลุ่มจังหวัด")
    LOCAL_GOVERNMENT = "local_government", _("งบประมาณองค์กรปกครองส่วนท้องถิ่น")
    PRIVATE = "private", _("ภาคเอกชน")
    OTHER = "other", _("แหล่งอื่น")
    NONE_NEEDED = "none_needed", _("ไม่ใช้งบประมาณ")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("วางแผน")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    DONE = "done", _("เสร็จสิ้น")
    CANCELLED = "cancelled", _("ยกเลิก")


class ProjectEventKind(models.TextChoices):
    CREATED = "created", _("สร้างโครงการ")
    UPDATED = "updated", _("แก้ไขโครงการ")
    IMPORTED = "imported", _("นำเข้าจากไฟล์")
    ACTIVITY_ADDED = "activity_added", _("เพิ่มกิจกรรม")
    ACTIVITY_UPDATED = "activity_updated", _("แก้ไขกิจกรรม")
    STATUS = "status", _("เปลี่ยนสถานะกิจกรรม")
    PROGRESS = "progress", _("รายงานความก้าวหน้า")
    BUDGET = "budget", _("บันทึกงบประมาณ")
    BENEFICIARIES = "beneficiaries", _("บันทึกครัวเรือนผู้รับประโยชน์")
