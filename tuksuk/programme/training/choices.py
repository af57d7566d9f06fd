"""Choices of the training app: kinds of course, certificates, the three attendance slots of a day, statuses."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    """The programme's courses and workshops (see the programme's process, steps 2, 4 and 6)."""

    DCAST = "dcast", _("หลักสูตรนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงระดับอำเภอ (DCAST)")
    ONE_PLAN = "one_plan", _("การประชุมเชิงปฏิบัติการจัดทำแผน One Plan")
    CHANGE_LEADERS = "change_leaders", _("การประชุมเชิงปฏิบัติการผู้นำการเปลี่ยนแปลง")
    OTHER = "other", _("การอบรมอื่น ๆ")


class CertificateKind(models.TextChoices):
    PANYABAT = "panyabat", _("ปัญญาบัตร")
    WUTTHIBAT = "wutthibat", _("วุฒิบัตร")


class SlotPart(models.IntegerChoices):
    """Attendance is taken three times a day."""

    MORNING = 1, _("ช่วงเช้า")
    MIDDAY = 2, _("ช่วงกลางวัน")
    EVENING = 3, _("ช่วงเย็น")


# The part of the day each slot stands for, [start, end) in local time: a session day gets a slot for every part
# its hours overlap, and a check-in at a given moment goes to the slot whose part contains it.
PART_WINDOWS = {
    SlotPart.MORNING: (dt.time(0, 0), dt.time(11, 0)),
    SlotPart.MIDDAY: (dt.time(11, 0), dt.time(14, 0)),
    SlotPart.EVENING: (dt.time(14, 0), dt.time(23, 59, 59)),
}


class SlotStatus(models.TextChoices):
    PLANNED = "planned", _("ยังไม่ถึงเวลา")
    HELD = "held", _("จัดแล้ว")
    CANCELLED = "cancelled", _("ยกเลิก")


class CheckinMethod(models.TextChoices):
    CARD_QR = "card_qr", _("ผู้จัดสแกน QR บนบัตรผู้เข้าอบรม")
    SLOT_QR = "slot_qr", _("ผู้เข้าอบรมสแกน QR ประจำช่วงเวลา")
    LIST = "list", _("ผู้จัดบันทึกจากรายชื่อ")


class ReasonStatus(models.TextChoices):
    PENDING = "pending", _("รอพิจารณา")
    ACCEPTED = "accepted", _("ยอมรับ")
    REJECTED = "rejected", _("ไม่ยอมรับ")


class TrainingEventKind(models.TextChoices):
    COURSE_CREATED = "course_created", _("สร้างหลักสูตร")
    SESSION_SCHEDULED = "session_scheduled", _("กำหนดรุ่น/ช่วงการอบรม")
    PARTICIPANT_ADDED = "participant_added", _("เพิ่มผู้เข้าอบรม")
    ATTENDANCE_MARKED = "attendance_marked", _("บันทึกการเข้าร่วม")
    ATTENDANCE_UNMARKED = "attendance_unmarked", _("ยกเลิกการบันทึกเข้าร่วม")
    SLOT_STATUS = "slot_status", _("เปลี่ยนสถานะช่วงลงเวลา")
    REASON_SUBMITTED = "reason_submitted", _("แจ้งเหตุผลการขาด")
    REASON_ACCEPTED = "reason_accepted", _("ยอมรับเหตุผลการขาด")
    REASON_REJECTED = "reason_rejected", _("ไม่ยอมรับเหตุผลการขาด")
    CERTIFICATE_ISSUED = "certificate_issued", _("ออกวุฒิบัตร/ปัญญาบัตร")


# Pass mark: at least 80 % of the slots held (exactly 80 % passes).
PASS_NUMERATOR, PASS_DENOMINATOR = 4, 5
