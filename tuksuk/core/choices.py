from django.db import models
from django.utils.translation import gettext_lazy as _


class MediaType(models.TextChoices):
    IMAGE = "image", _("ภาพถ่าย")
    VIDEO = "video", _("วิดีโอ")


class EvidencePhase(models.TextChoices):
    """Where a photo stands: before the help, after it, or just showing the situation."""

    BEFORE = "before", _("ก่อน")
    AFTER = "after", _("หลัง")
    OTHER = "other", _("ประกอบ")
