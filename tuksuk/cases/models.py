"""Stories (เรื่องราว): one household's problem of one category, followed until it is solved."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet
from tuksuk.core.fields import VillageCodeField
from tuksuk.core.models import StoredMedia, TimelineEvent

from .choices import (
    DONE_STATUSES,
    OPEN_STATUSES,
    Dimension,
    StoryEventKind,
    StorySource,
    StoryStatus,
)


class StoryQuerySet(AreaScopedQuerySet):
    area_field = "area__code"
    agency_field = "assignments__agency"

    def open(self):  # type: ignore[no-untyped-def]
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date | None = None):  # type: ignore[no-untyped-def]
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def as_of(self, moment: dt.datetime):  # type: ignore[no-untyped-def]
        """Stories recorded up to ``moment`` (what a report "ข้อมูล ณ วันที่ …" counts)."""
        return self.filter(reported_at__lte=moment)

    def with_sustainable_action(self):  # type: ignore[no-untyped-def]
        return self.filter(Exists(Action.objects.filter(story=OuterRef("pk"), dimension=Dimension.SUSTAINABLE)))


class Story(models.Model):
    """A household's problem (เรื่องราว): one category, zero or more ThaiQM indicators, tracked to a solution."""

    ref = models.CharField(
        _("รหัสอ้างอิงของผู้ส่ง"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("story_ref ในไฟล์นำเข้า นำเข้าซ้ำจะปรับปรุงเรื่องเดิม"),
    )
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="stories", verbose_name=_("ครัวเรือน")
    )
    # The household's village, kept in step with it: the area every scoping and aggregate reads. Indexed by
    # ``story_area_prefix`` (equality and the ``LIKE '3501%'`` of area scoping) rather than Django's two indexes.
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="stories", verbose_name=_("หมู่บ้าน"), db_index=False
    )
    # Indexed with the area (``story_area_category``). Alone, an index of 7 values over millions of stories only
    # tempted the planner into AND-ing a seventh of the country into a district's search.
    category = models.ForeignKey(
        "indicators.Category",
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("ประเภทปัญหา"),
        db_index=False,
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        through="StoryIndicator",
        related_name="stories",
        blank=True,
        verbose_name=_("ตัวชี้วัด ThaiQM"),
    )
    description = models.TextField(_("รายละเอียด"), blank=True)
    # Not indexed alone: status is read with an area (``story_area_status``) and counted from the tallies.
    status = models.CharField(_("สถานะ"), max_length=12, choices=StoryStatus.choices, default=StoryStatus.NEW)
    reported_at = models.DateTimeField(_("วันเวลาที่รับเรื่อง"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("แก้ไขแล้วเมื่อ"), null=True, blank=True)
    source = models.CharField(_("ที่มา"), max_length=10, choices=StorySource.choices, default=StorySource.FIELD)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("บันทึกโดย"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("เรื่องราว")
        verbose_name_plural = _("เรื่องราว")
        ordering = ("-reported_at", "-id")
        indexes = [
            models.Index(fields=("area",), name="story_area_prefix", opclasses=("varchar_pattern_ops",)),
            models.Index(fields=("area", "status"), name="story_area_status"),
            models.Index(fields=("area", "category"), name="story_area_category"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category.name_th}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def age_days(self) -> int:
        end = self.resolved_at if self.is_done and self.resolved_at else timezone.now()
        return max(0, (end - self.reported_at).days)


class StoryIndicator(models.Model):
    """A ThaiQM indicator of a story (the ``Story.indicators`` link, with the story's village code)."""

    # Indexed by the unique (story, indicator) index.
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="+", verbose_name=_("เรื่องราว"), db_index=False
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+", verbose_name=_("ตัวชี้วัด ThaiQM")
    )
    village_code = VillageCodeField(source="story__area_id")

    class Meta:
        db_table = "cases_story_indicators"  # the table Django made for the link before it had a model
        verbose_name = _("ตัวชี้วัดของเรื่อง")
        verbose_name_plural = _("ตัวชี้วัดของเรื่อง")
        unique_together = [("story", "indicator")]

    def __str__(self) -> str:
        return f"#{self.story_id} → {self.indicator_id}"


class StoryPartQuerySet(AreaScopedQuerySet):
    """Actions, evidence and events are seen by whoever sees their story."""

    area_field = "story__area__code"
    agency_field = "story__assignments__agency"


class StoryEvent(TimelineEvent):
    """One line of a story's timeline: who did what, when, from which status to which, and why."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="events", verbose_name=_("เรื่องราว"))
    village_code = VillageCodeField(source="story__area_id")
    kind = models.CharField(_("เหตุการณ์"), max_length=12, choices=StoryEventKind.choices)
    from_status = models.CharField(_("จากสถานะ"), max_length=12, choices=StoryStatus.choices, blank=True)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=12, choices=StoryStatus.choices, blank=True)

    objects = StoryPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("เหตุการณ์ของเรื่อง")
        verbose_name_plural = _("เหตุการณ์ของเรื่อง")
        ordering = ("story", "at", "id")

    def __str__(self) -> str:
        return f"#{self.story_id} {self.get_kind_display()}"


class Assignment(models.Model):
    """A responsible agency for a story. Ended, never deleted."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("เรื่องราว"))
    village_code = VillageCodeField(source="story__area_id")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("หน่วยงาน")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("มอบหมายโดย"),
    )
    assigned_at = models.DateTimeField(_("มอบหมายเมื่อ"), default=timezone.now)
    ended_at = models.DateTimeField(_("สิ้นสุดเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("หน่วยงานรับผิดชอบ")
        verbose_name_plural = _("หน่วยงานรับผิดชอบ")
        ordering = ("story", "assigned_at")
        constraints = [
            models.UniqueConstraint(
                fields=("story", "agency"),
                condition=Q(ended_at__isnull=True),
                name="one_active_assignment_per_agency",
                violation_error_message=_("หน่วยงานนี้รับผิดชอบเรื่องนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.story_id} → {self.agency}"


class Action(models.Model):
    """What an agency did for a story: when, at what cost, and whether it was immediate relief or a lasting fix."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="actions", verbose_name=_("เรื่องราว"))
    village_code = VillageCodeField(source="story__area_id")
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("หน่วยงาน"),
    )
    done_on = models.DateField(_("วันที่ดำเนินการ"))
    description = models.TextField(_("สิ่งที่ดำเนินการ"))
    cost = models.DecimalField(
        _("ค่าใช้จ่าย (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    dimension = models.CharField(_("มิติการช่วยเหลือ"), max_length=12, choices=Dimension.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("บันทึกโดย"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)

    objects = StoryPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("การช่วยเหลือ")
        verbose_name_plural = _("การช่วยเหลือ")
        ordering = ("story", "done_on", "id")

    def __str__(self) -> str:
        return f"#{self.story_id} {self.get_dimension_display()} {self.done_on}"


def evidence_path(instance: Evidence, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"evidence/{instance.story.area_id[:4]}/{timezone.now():%Y%m}/{instance.token}.{suffix}"


class Evidence(StoredMedia):
    """A photo or video attached to a story or one of its actions."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("เรื่องราว"))
    village_code = VillageCodeField(source="story__area_id")
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence", verbose_name=_("การช่วยเหลือ")
    )
    file = models.FileField(_("ไฟล์"), upload_to=evidence_path)
    thumbnail = models.FileField(_("ภาพย่อ"), upload_to="evidence/thumbs/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("อัปโหลดโดย"),
    )

    objects = StoryPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")
        ordering = ("story", "uploaded_at", "id")

    def __str__(self) -> str:
        return f"#{self.story_id} {self.get_media_type_display()} {self.get_phase_display()}"
