from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """What a knowledge-base item is."""

    DOCUMENT = "document", _("เอกสาร")
    VIDEO = "video", _("วิดีโออบรม")
    BRIEF = "brief", _("สรุปโครงการ (Project brief)")
    LESSON = "lesson", _("บทเรียน")


class ItemStatus(models.TextChoices):
    PUBLISHED = "published", _("เผยแพร่")
    WITHDRAWN = "withdrawn", _("ถอนออก")


class LearningEventKind(models.TextChoices):
    QUESTIONNAIRE_CREATED = "questionnaire_created", _("สร้างแบบสอบถาม")
    QUESTIONNAIRE_CHANGED = "questionnaire_changed", _("แก้ไขแบบสอบถาม")
    SESSION_RECORDED = "session_recorded", _("บันทึกการสนทนากลุ่ม")
    SESSION_CHANGED = "session_changed", _("แก้ไขการสนทนากลุ่ม")
    PARTICIPANTS = "participants", _("บันทึกผู้เข้าร่วม")
    ANSWERS = "answers", _("บันทึกคำตอบ")
    ITEM_PUBLISHED = "item_published", _("เผยแพร่ในคลังความรู้")
    ITEM_CHANGED = "item_changed", _("แก้ไขรายการในคลังความรู้")
    ITEM_WITHDRAWN = "item_withdrawn", _("ถอนรายการออกจากคลังความรู้")
    ITEM_REPUBLISHED = "item_republished", _("เผยแพร่รายการอีกครั้ง")
