"""Abstract building blocks shared by the domain apps' models."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import EvidencePhase, MediaType


class TimelineEvent(models.Model):
    """One line of a record's history: who, when, a note and the details. Written once, never edited.
    Subclasses add the record they belong to and their own ``kind`` choices."""

    note = models.TextField(_("บันทึก"), blank=True)
    data = models.JSONField(_("รายละเอียด"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    at = models.DateTimeField(_("เมื่อ"), default=timezone.now)

    class Meta:
        abstract = True


class StoredMedia(models.Model):
    """A checked photo or video (``tuksuk.cases.media.store_upload`` fills these fields). Subclasses add the record
    it belongs to and their ``file``/``thumbnail`` fields with their own storage paths. Served only through a
    scoped view (``serve_stored``)."""

    token = models.CharField(max_length=32, unique=True, editable=False)
    media_type = models.CharField(_("ชนิด"), max_length=8, choices=MediaType.choices)
    content_type = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"))
    phase = models.CharField(_("ก่อน/หลัง"), max_length=8, choices=EvidencePhase.choices, default=EvidencePhase.OTHER)
    caption = models.CharField(_("คำอธิบาย"), max_length=300, blank=True)
    has_location = models.BooleanField(_("มีพิกัดในไฟล์"), default=False)
    uploaded_at = models.DateTimeField(_("อัปโหลดเมื่อ"), default=timezone.now)

    class Meta:
        abstract = True
