from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    SELECTION = "selection", _("คัดเลือก")
    EVALUATION = "evaluation", _("ประเมินผล")


class RoundStatus(models.TextChoices):
    """A round is prepared (draft), then open for applications and judging, then its results are published."""

    DRAFT = "draft", _("ร่าง")
    OPEN = "open", _("เปิดรับสมัคร/ให้คะแนน")
    PUBLISHED = "published", _("ประกาศผลแล้ว")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง ยังไม่ส่ง")
    SUBMITTED = "submitted", _("ส่งใบสมัครแล้ว")


class ScoreSource(models.TextChoices):
    """Whether a judge typed the points, or accepted or overrode what the registry's figures suggested."""

    MANUAL = "manual", _("กรรมการให้คะแนน")
    PREFILL_ACCEPTED = "prefill_accepted", _("ยอมรับค่าที่ระบบเสนอ")
    PREFILL_OVERRIDDEN = "prefill_overridden", _("แก้ค่าที่ระบบเสนอ")


class RoundEventKind(models.TextChoices):
    CREATED = "created", _("สร้างรอบ")
    UPDATED = "updated", _("แก้ไขรอบ")
    RUBRIC = "rubric", _("แก้ไขเกณฑ์")
    OPENED = "opened", _("เปิดรอบ")
    JUDGE_ADDED = "judge_added", _("แต่งตั้งกรรมการ")
    JUDGE_REMOVED = "judge_removed", _("ถอนกรรมการ")
    APPLIED = "applied", _("บันทึกใบสมัคร")
    SUBMITTED = "submitted", _("ส่งใบสมัคร")
    ATTACHMENT = "attachment", _("แนบไฟล์")
    ENROLLED = "enrolled", _("ลงทะเบียนอำเภอนำร่องเข้ารับการประเมิน")
    TIE_BREAK = "tie_break", _("ตัดสินกรณีคะแนนเท่ากัน")
    PUBLISHED = "published", _("ประกาศผล")
    AWARD = "award", _("ประกาศรางวัล")
