from django.db import models
from django.utils.translation import gettext_lazy as _

from tuksuk.core.choices import EvidencePhase, MediaType  # noqa: F401  (photos are shared with projects)


class StoryStatus(models.TextChoices):
    NEW = "new", _("ใหม่")
    VERIFIED = "verified", _("ตรวจสอบแล้ว")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    REFERRED = "referred", _("ส่งต่อ")
    RESOLVED = "resolved", _("แก้ไขแล้ว")
    CLOSED = "closed", _("ปิดเรื่อง")
    REJECTED = "rejected", _("ไม่รับเรื่อง")


OPEN_STATUSES = frozenset({StoryStatus.NEW, StoryStatus.VERIFIED, StoryStatus.IN_PROGRESS, StoryStatus.REFERRED})
DONE_STATUSES = frozenset({StoryStatus.RESOLVED, StoryStatus.CLOSED})

# The workflow: which status may follow which. Reopening is the way back from resolved, closed and rejected.
TRANSITIONS: dict[str, frozenset[str]] = {
    StoryStatus.NEW: frozenset(
        {StoryStatus.VERIFIED, StoryStatus.IN_PROGRESS, StoryStatus.REFERRED, StoryStatus.REJECTED}
    ),
    StoryStatus.VERIFIED: frozenset({StoryStatus.IN_PROGRESS, StoryStatus.REFERRED, StoryStatus.REJECTED}),
    StoryStatus.IN_PROGRESS: frozenset({StoryStatus.RESOLVED, StoryStatus.REFERRED, StoryStatus.REJECTED}),
    StoryStatus.REFERRED: frozenset({StoryStatus.IN_PROGRESS, StoryStatus.RESOLVED, StoryStatus.REJECTED}),
    StoryStatus.RESOLVED: frozenset({StoryStatus.CLOSED, StoryStatus.IN_PROGRESS}),
    StoryStatus.CLOSED: frozenset({StoryStatus.IN_PROGRESS}),
    StoryStatus.REJECTED: frozenset({StoryStatus.NEW}),
}
REOPENING = frozenset(
    {
        (StoryStatus.RESOLVED, StoryStatus.IN_PROGRESS),
        (StoryStatus.CLOSED, StoryStatus.IN_PROGRESS),
        (StoryStatus.REJECTED, StoryStatus.NEW),
    }
)
# Statuses that need a note: why it was rejected, to whom it was referred, why it is reopened.
NOTE_REQUIRED = frozenset({StoryStatus.REJECTED, StoryStatus.REFERRED})


class Dimension(models.TextChoices):
    """The two dimensions of help the ministry asks to record."""

    IMMEDIATE = "immediate", _("มิติฝรั่ง (บรรเทาทันที)")
    SUSTAINABLE = "sustainable", _("มิติยาไทย (แก้ไขยั่งยืน)")


class StoryEventKind(models.TextChoices):
    CREATED = "created", _("บันทึกเรื่อง")
    IMPORTED = "imported", _("นำเข้าจากไฟล์")
    UPDATED = "updated", _("แก้ไขเรื่อง")
    STATUS = "status", _("เปลี่ยนสถานะ")
    ASSIGNED = "assigned", _("มอบหมายหน่วยงาน")
    UNASSIGNED = "unassigned", _("ยกเลิกการมอบหมาย")
    ACTION = "action", _("บันทึกการช่วยเหลือ")
    EVIDENCE = "evidence", _("แนบหลักฐาน")
    MOVED = "moved", _("ย้ายตามครัวเรือน")


class StorySource(models.TextChoices):
    FIELD = "field", _("บันทึกในระบบ")
    IMPORT = "import", _("นำเข้าไฟล์")
