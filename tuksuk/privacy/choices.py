"""Kinds and states of data-subject requests (PDPA B.E. 2562), their timeline events, and the retention rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    """What the person asks for, with the section of the PDPA (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒) giving it."""

    ACCESS = "access", _("ขอเข้าถึงและขอรับสำเนา (มาตรา 30)")
    PORTABILITY = "portability", _("ขอรับข้อมูลในรูปแบบที่อ่านได้ด้วยเครื่อง (มาตรา 31)")
    OBJECTION = "objection", _("คัดค้านการเก็บ ใช้ หรือเปิดเผย (มาตรา 32)")
    ERASURE = "erasure", _("ขอให้ลบหรือทำลาย (มาตรา 33)")
    ANONYMISATION = "anonymisation", _("ขอให้ทำให้ไม่สามารถระบุตัวตนได้ (มาตรา 33)")
    RESTRICTION = "restriction", _("ขอให้ระงับการใช้ (มาตรา 34)")
    RECTIFICATION = "rectification", _("ขอให้แก้ไขให้ถูกต้อง (มาตรา 35)")


# What carrying out each kind means (services.py).
COPY_KINDS = frozenset({RequestKind.ACCESS, RequestKind.PORTABILITY})
ERASURE_KINDS = frozenset({RequestKind.ERASURE, RequestKind.ANONYMISATION})
RESTRICTION_KINDS = frozenset({RequestKind.RESTRICTION, RequestKind.OBJECTION})


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("รับคำขอแล้ว")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    EXTENDED = "extended", _("ขยายระยะเวลา")
    DONE = "done", _("ดำเนินการแล้ว")
    REFUSED = "refused", _("ปฏิเสธคำขอ")


OPEN_STATUSES = frozenset({RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS, RequestStatus.EXTENDED})
CLOSED_STATUSES = frozenset({RequestStatus.DONE, RequestStatus.REFUSED})

# Which status may follow which (done and refused are final).
TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.RECEIVED: frozenset(
        {RequestStatus.IN_PROGRESS, RequestStatus.EXTENDED, RequestStatus.DONE, RequestStatus.REFUSED}
    ),
    RequestStatus.IN_PROGRESS: frozenset({RequestStatus.EXTENDED, RequestStatus.DONE, RequestStatus.REFUSED}),
    RequestStatus.EXTENDED: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.DONE, RequestStatus.REFUSED}),
    RequestStatus.DONE: frozenset(),
    RequestStatus.REFUSED: frozenset(),
}


class IdentityDocument(models.TextChoices):
    ID_CARD = "id_card", _("บัตรประจำตัวประชาชน")
    HOUSE_REGISTRATION = "house_reg", _("ทะเบียนบ้าน")
    OTHER_CARD = "other_card", _("บัตรอื่นที่ทางราชการออกให้")
    REPRESENTATIVE = "representative", _("ผู้แทนโดยชอบธรรมพร้อมหนังสือมอบอำนาจ")


class RequestEventKind(models.TextChoices):
    RECEIVED = "received", _("รับคำขอ")
    STATUS = "status", _("เปลี่ยนสถานะ")
    COPY_MADE = "copy_made", _("จัดทำสำเนาข้อมูล")
    COPY_DOWNLOADED = "copy_downloaded", _("ดาวน์โหลดสำเนาข้อมูล")
    RECTIFIED = "rectified", _("บันทึกการแก้ไขข้อมูล")
    ANONYMISED = "anonymised", _("ทำให้ไม่สามารถระบุตัวตนได้")
    REDACTED = "redacted", _("ลบข้อมูลในบันทึกการเปลี่ยนแปลง")
    RESTRICTED = "restricted", _("ระงับการใช้ข้อมูล")
    LIFTED = "lifted", _("ยกเลิกการระงับการใช้ข้อมูล")
    FILES_PURGED = "files_purged", _("ลบไฟล์สำเนาตามระยะเวลาการเก็บรักษา")


class PurgeRule(models.TextChoices):
    JOB_FILES = "job_files", _("ไฟล์ผลลัพธ์ของงานเบื้องหลังที่เสร็จแล้ว")
    SESSIONS = "sessions", _("เซสชันการเข้าสู่ระบบที่หมดอายุ")
    LOGIN_ATTEMPTS = "login_attempts", _("บันทึกการพยายามเข้าสู่ระบบ (django-axes)")
    REQUEST_FILES = "request_files", _("ไฟล์สำเนาข้อมูลของคำขอที่ส่งมอบแล้ว")
    LIFTED_HOUSEHOLDS = "lifted_households", _("ครัวเรือนที่พ้นจากปัญหาและไม่มีความเคลื่อนไหว")
    AUDIT_LOGS = "audit_logs", _("บันทึกการเปลี่ยนแปลงและการเข้าถึงข้อมูล")
