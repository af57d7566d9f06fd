"""Data-subject requests (คำขอใช้สิทธิของเจ้าของข้อมูล), restrictions on a household's data, and purge runs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet
from tuksuk.core.models import TimelineEvent

from .choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    IdentityDocument,
    PurgeRule,
    RequestEventKind,
    RequestKind,
    RequestStatus,
)

# PDPA s.30: a request is answered within 30 days of its receipt.
RESPONSE_DAYS = 30
# Fewer days left than this: shown in red.
WARN_DAYS = 7


class DataSubjectRequestQuerySet(AreaScopedQuerySet):
    area_field = "household__village__code"

    def open(self):  # type: ignore[no-untyped-def]
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now: dt.datetime | None = None):  # type: ignore[no-untyped-def]
        return self.open().filter(due_at__lt=now or timezone.now())


def copy_path(instance: DataSubjectRequest, filename: str) -> str:
    return f"privacy/{instance.household.village_id[:4]}/{filename}"


class DataSubjectRequest(models.Model):
    """A person's request to exercise a PDPA right over the data Tuksuk holds about them or their household.

    Recorded by the district team when the person comes to the district office, decided and carried out by the
    district chief (or a ministry administrator), due 30 days after receipt. The full citizen ID is never stored
    here: a typed ID only finds the member (by keyed hash).
    """

    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="privacy_requests", verbose_name=_("ครัวเรือน")
    )
    member = models.ForeignKey(
        "households.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_requests",
        verbose_name=_("สมาชิกผู้เป็นเจ้าของข้อมูล"),
    )
    kind = models.CharField(_("ประเภทคำขอ"), max_length=16, choices=RequestKind.choices)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, db_index=True
    )
    subject_name = models.CharField(_("ชื่อผู้ยื่นคำขอ"), max_length=200)
    identity_document = models.CharField(
        _("ยืนยันตัวตนด้วย"), max_length=16, choices=IdentityDocument.choices, default=IdentityDocument.ID_CARD
    )
    identity_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตรวจสอบตัวตน"),
    )
    details = models.TextField(_("รายละเอียดคำขอ"), blank=True)
    received_at = models.DateTimeField(_("รับคำขอเมื่อ"), default=timezone.now)
    due_at = models.DateTimeField(_("ต้องตอบภายใน"))
    outcome = models.TextField(_("ผลการดำเนินการ / เหตุผล"), blank=True)
    copy_json = models.FileField(_("สำเนาข้อมูล (JSON)"), upload_to=copy_path, blank=True)
    copy_xlsx = models.FileField(_("สำเนาข้อมูล (Excel)"), upload_to=copy_path, blank=True)
    copy_made_at = models.DateTimeField(_("จัดทำสำเนาเมื่อ"), null=True, blank=True)
    files_purged_at = models.DateTimeField(_("ลบไฟล์สำเนาเมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("บันทึกโดย"),
    )
    closed_at = models.DateTimeField(_("ปิดคำขอเมื่อ"), null=True, blank=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = DataSubjectRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำขอใช้สิทธิของเจ้าของข้อมูล")
        verbose_name_plural = _("คำขอใช้สิทธิของเจ้าของข้อมูล")
        ordering = ("-received_at", "-id")
        indexes = [models.Index(fields=("status", "due_at"), name="dsr_status_due")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def days_left(self) -> int:
        """Calendar days until the deadline's day (0: due today; negative: overdue by that many days)."""
        return (timezone.localtime(self.due_at).date() - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def is_urgent(self) -> bool:
        """Open with fewer than seven days left (or overdue): shown in red."""
        return self.is_open and self.due_at - timezone.now() < dt.timedelta(days=WARN_DAYS)

    @property
    def has_copy(self) -> bool:
        return bool(self.copy_json or self.copy_xlsx)


class RequestEvent(TimelineEvent):
    """One line of a request's timeline: who, when, from which status to which, and why."""

    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("คำขอ")
    )
    kind = models.CharField(_("เหตุการณ์"), max_length=16, choices=RequestEventKind.choices)
    from_status = models.CharField(_("จากสถานะ"), max_length=12, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=12, choices=RequestStatus.choices, blank=True)

    class Meta:
        verbose_name = _("ประวัติคำขอ")
        verbose_name_plural = _("ประวัติคำขอ")
        ordering = ("request", "at", "id")

    def __str__(self) -> str:
        return f"#{self.request_id} {self.get_kind_display()}"


class RestrictionQuerySet(AreaScopedQuerySet):
    area_field = "household__village__code"

    def active(self):  # type: ignore[no-untyped-def]
        return self.filter(lifted_at__isnull=True)


class Restriction(models.Model):
    """The household's data is restricted (PDPA s.34) or its processing objected to (s.32): while active, its
    stories may not be proposed for the public site and its records may not be edited (the household page says so).
    One row per household; lifting keeps the row with ``lifted_at``."""

    household = models.OneToOneField(
        "households.Household", on_delete=models.CASCADE, related_name="restriction", verbose_name=_("ครัวเรือน")
    )
    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.PROTECT, related_name="restrictions", verbose_name=_("ตามคำขอ")
    )
    started_at = models.DateTimeField(_("เริ่มระงับเมื่อ"), default=timezone.now)
    lifted_at = models.DateTimeField(_("ยกเลิกการระงับเมื่อ"), null=True, blank=True)
    lifted_note = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True)

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("การระงับการใช้ข้อมูล")
        verbose_name_plural = _("การระงับการใช้ข้อมูล")
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | Q(lifted_at__gte=models.F("started_at")),
                name="restriction_lifted_after_start",
                violation_error_message=_("วันที่ยกเลิกการระงับต้องไม่ก่อนวันที่เริ่มระงับ"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} #{self.request_id}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class PurgeRun(models.Model):
    """One run of one retention rule: when, which rule, dry run or not, how many removed (or would be)."""

    at = models.DateTimeField(_("เมื่อ"), default=timezone.now, db_index=True)
    rule = models.CharField(_("กฎ"), max_length=20, choices=PurgeRule.choices)
    dry_run = models.BooleanField(_("ทดลอง (ไม่ลบจริง)"), default=False)
    count = models.PositiveIntegerField(_("จำนวน"), default=0)
    detail = models.JSONField(_("รายละเอียด"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้สั่ง"),
    )

    class Meta:
        verbose_name = _("การลบข้อมูลตามระยะเวลาเก็บรักษา")
        verbose_name_plural = _("การลบข้อมูลตามระยะเวลาเก็บรักษา")
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.get_rule_display()} {self.count}"
