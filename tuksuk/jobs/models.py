"""Background jobs (imports, exports, report builds) as rows a page can poll."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import scope_for


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("รอดำเนินการ")
    RUNNING = "running", _("กำลังดำเนินการ")
    SUCCEEDED = "succeeded", _("เสร็จสิ้น")
    FAILED = "failed", _("ไม่สำเร็จ")


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """A job (and its result file, which may hold personal data) is seen by whoever started it;
        a ministry administrator sees all jobs."""
        scope = scope_for(user)
        if scope.is_empty and not getattr(user, "is_authenticated", False):
            return self.none()
        if Role.MINISTRY_ADMIN in scope.roles:
            return self
        return self.filter(created_by_id=user.pk)


class Job(models.Model):
    """One background job. ``handler`` is the dotted path of a function marked with ``@job_handler``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    handler = models.CharField(_("ตัวดำเนินการ"), max_length=200)
    title = models.CharField(_("ชื่องาน"), max_length=300)
    status = models.CharField(_("สถานะ"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(_("พารามิเตอร์"), default=dict, blank=True)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, blank=True, db_index=True)
    progress_done = models.PositiveIntegerField(_("ดำเนินการแล้ว"), default=0)
    progress_total = models.PositiveIntegerField(_("ทั้งหมด"), default=0)
    message = models.TextField(_("ข้อความ"), blank=True)
    result = models.JSONField(_("ผลลัพธ์"), default=dict, blank=True)
    result_file = models.FileField(_("ไฟล์ผลลัพธ์"), upload_to="jobs/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs", verbose_name=_("สั่งงานโดย")
    )
    created_at = models.DateTimeField(_("สั่งงานเมื่อ"), auto_now_add=True)
    started_at = models.DateTimeField(_("เริ่มเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("งานเบื้องหลัง")
        verbose_name_plural = _("งานเบื้องหลัง")
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("created_by", "-created_at"), name="job_by_user")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_done / self.progress_total))
