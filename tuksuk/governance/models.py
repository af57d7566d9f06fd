"""The breach log (บันทึกเหตุการละเมิดข้อมูลส่วนบุคคล, PDPA s.37(4)).

A breach is recorded from the moment the ministry becomes aware of it (``discovered_at``): that starts the 72-hour
clock to notify the PDPC Office (สำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล, สคส.). The clock stops when the office
is notified or when it is decided, with a reason, that the breach carries no risk. Every change is a
``BreachEvent`` (who, when, what) written by ``services.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import AreaScopedQuerySet, scope_for
from tuksuk.core.models import TimelineEvent

from .choices import SENSITIVE_CATEGORIES, BreachEventKind, BreachStatus, DataCategory, RiskLevel
from .permissions import READ_ALL_ROLES

NOTIFY_WITHIN = dt.timedelta(hours=72)
URGENT_WITHIN = dt.timedelta(hours=24)


class BreachQuerySet(AreaScopedQuerySet):
    """Breaches are not programme data: the national roles that see them are listed in ``permissions``, and the
    ministry viewer sees none. A district chief sees the breaches they reported and those whose affected areas
    touch their district: the district (or a tambon in it) or the province around it."""

    area_field = "areas__code"

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        scope = scope_for(user)
        if scope.roles & READ_ALL_ROLES:
            return self.all()
        if Role.DISTRICT_CHIEF not in scope.roles or not scope.prefixes:
            return self.none()
        provinces = sorted({prefix[:2] for prefix in scope.prefixes if len(prefix) > 2})
        condition = Q(reported_by=user) | scope.q(self.area_field) | Q(areas__code__in=provinces)
        return self.filter(pk__in=self.filter(condition).values("pk"))

    def waiting_for_notification(self):  # type: ignore[no-untyped-def]
        """Open breaches: the 72-hour clock is running (or has run out)."""
        return self.filter(status=BreachStatus.OPEN)


@dataclass(frozen=True)
class Clock:
    """The 72-hour notification clock of one breach, as shown on its pages."""

    deadline: dt.datetime
    running: bool
    seconds_left: int
    # running: "ok" (more than 24 hours left), "urgent" (under 24), "overdue"; stopped: "on_time", "late"
    state: str

    @property
    def hours(self) -> int:
        return abs(self.seconds_left) // 3600

    @property
    def minutes(self) -> int:
        return abs(self.seconds_left) % 3600 // 60

    @property
    def css(self) -> str:
        return {"ok": "warning", "urgent": "danger", "overdue": "danger", "on_time": "success", "late": "secondary"}[
            self.state
        ]


class Breach(models.Model):
    """A personal-data breach (เหตุการละเมิดข้อมูลส่วนบุคคล): what happened, when the ministry became aware, which
    areas, data and how many people, the risk, the measures, and whether and when the PDPC Office and the people
    were notified."""

    ref = models.CharField(_("เลขที่อ้างอิง"), max_length=20, unique=True, null=True, blank=True, editable=False)
    title = models.CharField(_("เรื่อง"), max_length=200)
    description = models.TextField(_("รายละเอียดเหตุการณ์"))
    discovered_at = models.DateTimeField(
        _("ทราบเหตุเมื่อ"), help_text=_("เวลาที่หน่วยงานทราบเหตุ เริ่มนับกำหนดแจ้ง สคส. ภายใน 72 ชั่วโมง")
    )
    occurred_at = models.DateTimeField(_("เกิดเหตุเมื่อ"), null=True, blank=True)
    areas = models.ManyToManyField("areas.Area", related_name="+", verbose_name=_("พื้นที่ที่ได้รับผลกระทบ"), blank=True)
    data_categories = models.JSONField(_("ประเภทข้อมูลที่เกี่ยวข้อง"), default=list, blank=True)
    people_affected = models.PositiveIntegerField(_("จำนวนเจ้าของข้อมูลโดยประมาณ"), null=True, blank=True)
    risk = models.CharField(_("ระดับความเสี่ยง"), max_length=12, choices=RiskLevel.choices, default=RiskLevel.UNASSESSED)
    likely_consequences = models.TextField(_("ผลกระทบที่อาจเกิดขึ้น"), blank=True)
    containment = models.TextField(_("มาตรการที่ดำเนินการแล้ว/จะดำเนินการ"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=14, choices=BreachStatus.choices, default=BreachStatus.OPEN, db_index=True
    )
    no_notification_reason = models.TextField(_("เหตุผลที่ไม่ต้องแจ้ง"), blank=True)
    decided_at = models.DateTimeField(_("พิจารณาไม่ต้องแจ้งเมื่อ"), null=True, blank=True)
    notified_pdpc_at = models.DateTimeField(_("แจ้ง สคส. เมื่อ"), null=True, blank=True)
    pdpc_ref = models.CharField(_("เลขรับแจ้งของ สคส."), max_length=60, blank=True)
    late_reason = models.TextField(_("เหตุผลที่แจ้งล่าช้า"), blank=True)
    notified_subjects_at = models.DateTimeField(_("แจ้งเจ้าของข้อมูลเมื่อ"), null=True, blank=True)
    subjects_notice = models.TextField(_("วิธีแจ้งเจ้าของข้อมูล"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้แจ้ง/ผู้บันทึก"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    closed_at = models.DateTimeField(_("ปิดเรื่องเมื่อ"), null=True, blank=True)

    objects = BreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("เหตุการละเมิดข้อมูลส่วนบุคคล")
        verbose_name_plural = _("เหตุการละเมิดข้อมูลส่วนบุคคล")
        ordering = ("-discovered_at", "-id")

    def __str__(self) -> str:
        return f"{self.ref or self.pk} {self.title}"

    @property
    def deadline(self) -> dt.datetime:
        return self.discovered_at + NOTIFY_WITHIN

    def clock(self, now: dt.datetime | None = None) -> Clock:
        now = now or timezone.now()
        if self.status == BreachStatus.OPEN:
            left = int((self.deadline - now).total_seconds())
            state = "overdue" if left < 0 else "urgent" if left < URGENT_WITHIN.total_seconds() else "ok"
            return Clock(self.deadline, True, left, state)
        stopped = self.notified_pdpc_at or self.decided_at or now
        left = int((self.deadline - stopped).total_seconds())
        return Clock(self.deadline, False, left, "on_time" if left >= 0 else "late")

    @property
    def category_labels(self) -> list[str]:
        return [str(DataCategory(code).label) for code in self.data_categories if code in DataCategory.values]

    @property
    def has_sensitive_data(self) -> bool:
        return bool(SENSITIVE_CATEGORIES & set(self.data_categories))

    @property
    def subjects_must_be_notified(self) -> bool:
        return self.risk == RiskLevel.HIGH


class BreachEvent(TimelineEvent):
    """One line of a breach's history. Never edited, never deleted."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="events", verbose_name=_("เหตุละเมิด"))
    kind = models.CharField(_("เหตุการณ์"), max_length=20, choices=BreachEventKind.choices)

    class Meta:
        verbose_name = _("ประวัติเหตุละเมิด")
        verbose_name_plural = _("ประวัติเหตุละเมิด")
        ordering = ("breach", "at", "id")

    def __str__(self) -> str:
        return f"{self.breach_id} {self.get_kind_display()}"
