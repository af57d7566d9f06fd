"""The vocabulary of the breach log (PDPA s.37(4)): status, risk, categories of data, timeline events."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BreachStatus(models.TextChoices):
    OPEN = "open", _("เปิดอยู่ ยังไม่แจ้ง สคส.")
    NOTIFIED = "notified", _("แจ้ง สคส. แล้ว")
    NOT_NOTIFIED = "not_notified", _("พิจารณาแล้วไม่ต้องแจ้ง")
    CLOSED = "closed", _("ปิดเรื่องแล้ว")


# Allowed moves. A decision "no notification" is undone (back to open) when the risk is raised later.
TRANSITIONS: dict[str, frozenset[str]] = {
    BreachStatus.OPEN: frozenset({BreachStatus.NOTIFIED, BreachStatus.NOT_NOTIFIED}),
    BreachStatus.NOT_NOTIFIED: frozenset({BreachStatus.NOTIFIED, BreachStatus.OPEN, BreachStatus.CLOSED}),
    BreachStatus.NOTIFIED: frozenset({BreachStatus.CLOSED}),
    BreachStatus.CLOSED: frozenset(),
}


class RiskLevel(models.TextChoices):
    """PDPA s.37(4): notify the office unless the breach is unlikely to risk people's rights and freedoms;
    notify the people themselves too when the risk is high."""

    UNASSESSED = "unassessed", _("ยังไม่ได้ประเมิน")
    NONE = "none", _("ไม่มีความเสี่ยง")
    RISK = "risk", _("มีความเสี่ยง")
    HIGH = "high", _("มีความเสี่ยงสูง")


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("ข้อมูลระบุตัวตน (ชื่อ เลขประจำตัวประชาชน วันเกิด)")
    CONTACT = "contact", _("ข้อมูลติดต่อ (ที่อยู่ โทรศัพท์)")
    HEALTH = "health", _("ข้อมูลสุขภาพ/ความพิการ (ข้อมูลอ่อนไหว มาตรา 26)")
    FINANCIAL = "financial", _("ข้อมูลการเงิน/หนี้สิน")
    LOCATION = "location", _("ข้อมูลตำแหน่งที่ตั้ง (พิกัดบ้าน)")
    PHOTOS = "photos", _("ภาพถ่าย/วิดีโอ")


# Categories that PDPA s.26 calls sensitive.
SENSITIVE_CATEGORIES = frozenset({DataCategory.HEALTH})


class BreachEventKind(models.TextChoices):
    REPORTED = "reported", _("รับแจ้ง/บันทึกเหตุ")
    ASSESSED = "assessed", _("ประเมิน/แก้ไขรายละเอียด")
    NOTIFIED_PDPC = "notified_pdpc", _("แจ้ง สคส.")
    NOTIFIED_SUBJECTS = "notified_subjects", _("แจ้งเจ้าของข้อมูล")
    NO_NOTIFICATION = "no_notification", _("พิจารณาไม่ต้องแจ้ง")
    REOPENED = "reopened", _("เปิดเรื่องใหม่")
    CLOSED = "closed", _("ปิดเรื่อง")
    NOTE = "note", _("บันทึกเพิ่มเติม")
