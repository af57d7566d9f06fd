"""District development projects (บำรุงสุข) and their activities, budgets, beneficiaries and progress."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet
from tuksuk.core.models import StoredMedia, TimelineEvent

from .choices import ActivityStatus, BudgetSource, PlanLevel, ProjectCategory, ProjectEventKind, Timeframe, ValueChain

ZERO = Decimal("0")


class ProjectQuerySet(AreaScopedQuerySet):
    area_field = "district__code"
    agency_field = "activities__agencies"


class Project(models.Model):
    """A district's project, linked to its One Plan entry, with SDG goals and ThaiQM indicators it addresses."""

    ref = models.CharField(_("รหัสอ้างอิงของผู้ส่ง"), max_length=64, null=True, blank=True, unique=True)
    district = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("อำเภอ"),
        limit_choices_to={"level": "district"},
    )
    title = models.CharField(_("ชื่อโครงการ"), max_length=300)
    brief = models.TextField(_("สรุปโครงการ (Project brief)"), blank=True)
    category = models.PositiveSmallIntegerField(_("ประเภทโครงการ"), choices=ProjectCategory.choices)
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    timeframe = models.CharField(_("กรอบเวลา"), max_length=12, choices=Timeframe.choices, blank=True)
    start_on = models.DateField(_("วันเริ่ม"), null=True, blank=True)
    end_on = models.DateField(_("วันสิ้นสุด"), null=True, blank=True)
    one_plan_code = models.CharField(_("รหัสในแผน One Plan"), max_length=100, blank=True)
    one_plan_level = models.CharField(_("ระดับแผน"), max_length=10, choices=PlanLevel.choices, blank=True)
    sdg_goals = models.ManyToManyField(
        "indicators.SdgGoal", blank=True, related_name="projects", verbose_name=_("SDGs")
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="projects", verbose_name=_("ตัวชี้วัด ThaiQM")
    )
    upstream = models.TextField(_("ต้นทาง"), blank=True)
    midstream = models.TextField(_("กลางทาง"), blank=True)
    downstream = models.TextField(_("ปลายทาง"), blank=True)
    partner_networks = models.JSONField(_("ภาคีเครือข่ายที่ร่วม"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สร้างโดย"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("โครงการ")
        verbose_name_plural = _("โครงการ")
        ordering = ("-fiscal_year", "district", "title")
        indexes = [models.Index(fields=("district", "fiscal_year"), name="project_district_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="project_ends_after_start",
                violation_error_message=_("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A quick win fits in 5 months; a long-term plan runs 1 year or more (when both dates are known)."""
        from django.core.exceptions import ValidationError

        if not (self.start_on and self.end_on and self.timeframe):
            return
        months = (self.end_on.year - self.start_on.year) * 12 + self.end_on.month - self.start_on.month
        months += (self.end_on.day - self.start_on.day) / 31
        if self.timeframe == Timeframe.QUICK_WIN and months > 5:
            raise ValidationError({"timeframe": _("โครงการ Quick win ต้องเสร็จภายใน 5 เดือน")})
        if self.timeframe == Timeframe.LONG_TERM and (self.end_on - self.start_on).days + 1 < 365:
            raise ValidationError({"timeframe": _("โครงการระยะยาวต้องมีระยะเวลา 1 ปีขึ้นไป")})

    @property
    def value_baht(self) -> Decimal:
        """The project's value: the planned amounts of all its activities' budget lines."""
        total = BudgetLine.objects.filter(activity__project=self).aggregate(t=Sum("planned"))["t"]
        return total or ZERO


class ActivityQuerySet(AreaScopedQuerySet):
    area_field = "project__district__code"
    agency_field = "agencies"


class Activity(models.Model):
    """One activity of a project: who is responsible, with whom, with what money, for how many households."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("โครงการ"))
    ref = models.CharField(_("รหัสอ้างอิงของผู้ส่ง"), max_length=64, null=True, blank=True, unique=True)
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=300)
    value_chain = models.CharField(_("ห่วงโซ่คุณค่า"), max_length=12, choices=ValueChain.choices, blank=True)
    agencies = models.ManyToManyField(
        "agencies.Agency", blank=True, related_name="activities", verbose_name=_("หน่วยงานรับผิดชอบ")
    )
    partner_networks = models.JSONField(_("ภาคีเครือข่าย"), default=list, blank=True)
    place = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("พื้นที่ดำเนินการ"),
    )
    start_on = models.DateField(_("วันเริ่ม"), null=True, blank=True)
    end_on = models.DateField(_("วันสิ้นสุด"), null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    percent_complete = models.PositiveSmallIntegerField(
        _("ความก้าวหน้า (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    target_households = models.PositiveIntegerField(_("ครัวเรือนเป้าหมาย"), null=True, blank=True)
    reached_households = models.PositiveIntegerField(_("ครัวเรือนที่ได้รับประโยชน์ (ระบุจำนวน)"), null=True, blank=True)
    beneficiaries = models.ManyToManyField(
        "households.Household", blank=True, related_name="activities", verbose_name=_("ครัวเรือนผู้รับประโยชน์จากทะเบียน")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สร้างโดย"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("กิจกรรม")
        verbose_name_plural = _("กิจกรรม")
        ordering = ("project", "start_on", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def households_benefited(self) -> int:
        """Counted from the registry when households are linked; the typed number otherwise."""
        linked = self.beneficiaries.count()
        return linked if linked else (self.reached_households or 0)


class BudgetLine(models.Model):
    """Money for an activity from one source: planned and spent, in baht (Decimal, never negative)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("กิจกรรม")
    )
    source = models.CharField(_("แหล่งงบประมาณ"), max_length=20, choices=BudgetSource.choices)
    source_detail = models.CharField(_("รายละเอียดแหล่งงบ"), max_length=200, blank=True)
    planned = models.DecimalField(
        _("งบที่วางแผน (บาท)"), max_digits=14, decimal_places=2, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    spent = models.DecimalField(
        _("ใช้จ่ายแล้ว (บาท)"), max_digits=14, decimal_places=2, default=ZERO, validators=[MinValueValidator(ZERO)]
    )

    class Meta:
        verbose_name = _("งบประมาณ")
        verbose_name_plural = _("งบประมาณ")
        ordering = ("activity", "source", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(spent__gte=0),
                name="budget_not_negative",
                violation_error_message=_("งบประมาณติดลบไม่ได้"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.planned}"


class Kpi(models.Model):
    """A key performance indicator of an activity, with its target and actual value."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("กิจกรรม"))
    name = models.CharField(_("ตัวชี้วัด"), max_length=300)
    unit = models.CharField(_("หน่วย"), max_length=50, blank=True)
    target = models.DecimalField(_("เป้าหมาย"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("ผลจริง"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("ตัวชี้วัดกิจกรรม (KPI)")
        verbose_name_plural = _("ตัวชี้วัดกิจกรรม (KPI)")
        ordering = ("activity", "id")

    def __str__(self) -> str:
        return self.name


class ProgressQuerySet(AreaScopedQuerySet):
    area_field = "activity__project__district__code"
    agency_field = "activity__agencies"


class ProgressUpdate(models.Model):
    """A progress report in 5W1H form (who, what, where, when, why, how)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates", verbose_name=_("กิจกรรม"))
    who = models.CharField(_("ใคร (Who)"), max_length=300)
    what = models.TextField(_("ทำอะไร (What)"))
    where = models.CharField(_("ที่ไหน (Where)"), max_length=300)
    when = models.DateField(_("เมื่อไร (When)"))
    why = models.TextField(_("ทำไม (Why)"), blank=True)
    how = models.TextField(_("อย่างไร (How)"), blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        _("ความก้าวหน้า (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("รายงานโดย"),
    )
    created_at = models.DateTimeField(_("รายงานเมื่อ"), default=timezone.now)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายงานความก้าวหน้า")
        verbose_name_plural = _("รายงานความก้าวหน้า")
        ordering = ("activity", "-when", "-id")

    def __str__(self) -> str:
        return f"{self.activity} {self.when}"

    def before_after(self) -> tuple[list[tuple], list]:
        """Before and after photos paired in upload order (shown side by side), and the other media."""
        from itertools import zip_longest

        items = list(self.media.all())
        before = [m for m in items if m.phase == "before"]
        after = [m for m in items if m.phase == "after"]
        return list(zip_longest(before, after)), [m for m in items if m.phase not in ("before", "after")]


def project_media_path(instance: ProjectMedia, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"projects/{instance.update.activity.project.district_id}/{timezone.now():%Y%m}/{instance.token}.{suffix}"


class ProjectMediaQuerySet(AreaScopedQuerySet):
    area_field = "update__activity__project__district__code"
    agency_field = "update__activity__agencies"


class ProjectMedia(StoredMedia):
    """A photo or video of a progress update (before/after pairs like a story's evidence)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="media", verbose_name=_("รายงาน"))
    file = models.FileField(_("ไฟล์"), upload_to=project_media_path)
    thumbnail = models.FileField(_("ภาพย่อ"), upload_to="projects/thumbs/", blank=True)

    objects = ProjectMediaQuerySet.as_manager()

    class Meta:
        verbose_name = _("ภาพ/วิดีโอความก้าวหน้า")
        verbose_name_plural = _("ภาพ/วิดีโอความก้าวหน้า")
        ordering = ("update", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.token


class ProjectEvent(TimelineEvent):
    """The project's timeline: creation, edits, activities, status, progress. Never edited, never deleted."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events", verbose_name=_("โครงการ"))
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("กิจกรรม")
    )
    kind = models.CharField(_("เหตุการณ์"), max_length=20, choices=ProjectEventKind.choices)
    from_status = models.CharField(_("จากสถานะ"), max_length=12, blank=True)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("เหตุการณ์ของโครงการ")
        verbose_name_plural = _("เหตุการณ์ของโครงการ")
        ordering = ("project", "at", "id")

    def __str__(self) -> str:
        return f"{self.project_id} {self.get_kind_display()}"
