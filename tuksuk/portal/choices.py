from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    SUCCESS_STORY = "success", _("เรื่องเล่าความสำเร็จ")
    PROJECT_UPDATE = "update", _("ความก้าวหน้าโครงการ")
    VIDEO = "video", _("วิดีโอ")


class ItemStatus(models.TextChoices):
    """draft → proposed → published; a proposal may be rejected (and edited and proposed again); a published item
    may be unpublished (and proposed again)."""

    DRAFT = "draft", _("ร่าง")
    PROPOSED = "proposed", _("รออนุมัติ")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
    REJECTED = "rejected", _("ไม่อนุมัติ")
    UNPUBLISHED = "unpublished", _("ยกเลิกการเผยแพร่")


# Which status may follow which.
TRANSITIONS: dict[str, frozenset[str]] = {
    ItemStatus.DRAFT: frozenset({ItemStatus.PROPOSED}),
    ItemStatus.PROPOSED: frozenset({ItemStatus.PUBLISHED, ItemStatus.REJECTED}),
    ItemStatus.PUBLISHED: frozenset({ItemStatus.UNPUBLISHED}),
    ItemStatus.REJECTED: frozenset({ItemStatus.PROPOSED}),
    ItemStatus.UNPUBLISHED: frozenset({ItemStatus.PROPOSED}),
}
# An item's text and photos may be edited in these statuses (never while published or waiting for approval).
EDITABLE = frozenset({ItemStatus.DRAFT, ItemStatus.REJECTED, ItemStatus.UNPUBLISHED})


class FigureLevel(models.TextChoices):
    NATIONAL = "national", _("ประเทศ")
    PROVINCE = "province", _("จังหวัด")
    DISTRICT = "district", _("อำเภอ")


class ShareChannel(models.TextChoices):
    LINE = "line", "LINE"
    FACEBOOK = "facebook", "Facebook"
    COPY = "copy", _("คัดลอกลิงก์")
