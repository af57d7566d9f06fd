"""Selection and evaluation rounds: a weighted rubric, district applications, judges' scores (every change
logged), tie-break decisions, and the awards announced after an evaluation.

Who sees what (the querysets below are the one home of these rules):
- rounds are national: a draft round only for ministry roles; an open or published round for every user with an
  area, and for the judges of the round;
- applications by area (``district__code``), plus the applications a judge is assigned to judge;
- awards by area (``district__code``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet, scope_for
from tuksuk.areas.choices import PilotLevel
from tuksuk.core.models import StoredMedia, TimelineEvent

from .choices import ApplicationStatus, RoundEventKind, RoundKind, RoundStatus, ScoreSource

POINTS = {"max_digits": 6, "decimal_places": 2}


class RubricTemplate(models.Model):
    """A ready-made rubric (the two of year one come with the system) that a ministry admin copies into a round."""

    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name = models.CharField(_("ชื่อเกณฑ์"), max_length=300)
    kind = models.CharField(_("ประเภทรอบ"), max_length=12, choices=RoundKind.choices, default=RoundKind.SELECTION)
    level = models.CharField(_("ระดับ"), max_length=12, choices=PilotLevel.choices)
    description = models.TextField(_("คำอธิบาย"), blank=True)

    class Meta:
        verbose_name = _("แม่แบบเกณฑ์การให้คะแนน")
        verbose_name_plural = _("แม่แบบเกณฑ์การให้คะแนน")
        ordering = ("kind", "level", "code")

    def __str__(self) -> str:
        return self.name


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """Ministry roles see every round; others see open and published rounds once they hold an area, and the
        rounds they judge."""
        scope = scope_for(user)
        if scope.everything:
            return self.all()
        judged = Q(judges__judge=user) if getattr(user, "is_authenticated", False) and user.is_active else Q(pk__in=[])
        if scope.is_empty:
            return self.filter(judged).distinct()
        return self.filter(judged | ~Q(status=RoundStatus.DRAFT)).distinct()


class Round(models.Model):
    """One selection (or evaluation) round of a programme year and level, with its eligible areas and deadline."""

    kind = models.CharField(_("ประเภทรอบ"), max_length=12, choices=RoundKind.choices, default=RoundKind.SELECTION)
    title = models.CharField(_("ชื่อรอบ"), max_length=300)
    programme_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    level = models.CharField(_("ระดับ"), max_length=12, choices=PilotLevel.choices)
    eligible_areas = models.ManyToManyField(
        "areas.Area",
        blank=True,
        related_name="+",
        verbose_name=_("พื้นที่ที่มีสิทธิ์สมัคร"),
        help_text=_("เว้นว่างไว้ = ทุกพื้นที่"),
    )
    deadline = models.DateTimeField(_("ปิดรับสมัคร"))
    period_start = models.DateField(_("ช่วงข้อมูลตั้งแต่"), null=True, blank=True)
    period_end = models.DateField(_("ช่วงข้อมูลถึง"), null=True, blank=True)
    description = models.TextField(_("รายละเอียด"), blank=True)
    status = models.CharField(_("สถานะ"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    published_at = models.DateTimeField(_("ประกาศผลเมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("รอบการคัดเลือก/ประเมินผล")
        verbose_name_plural = _("รอบการคัดเลือก/ประเมินผล")
        ordering = ("-programme_year", "kind", "level", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="round_period_in_order",
                violation_error_message=_("วันสิ้นสุดช่วงข้อมูลต้องไม่ก่อนวันเริ่ม"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED

    @property
    def accepts_applications(self) -> bool:
        return self.status == RoundStatus.OPEN and timezone.now() <= self.deadline

    @property
    def scoring_started(self) -> bool:
        """The rubric is frozen from the first recorded score on."""
        return Score.objects.filter(application__round=self).exists()

    def leaf_criteria(self) -> list[Criterion]:
        """The criteria judges score: those without sub-criteria, in rubric order."""
        rows = list(self.criteria.all())
        parents = {c.parent_id for c in rows if c.parent_id}
        return [c for c in rows if c.pk not in parents]

    def top_criteria(self):  # type: ignore[no-untyped-def]
        return self.criteria.filter(parent__isnull=True)


class CriterionQuerySet(models.QuerySet):
    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """A round's criteria are seen with the round; templates' criteria by everyone who sees rounds."""
        return self.filter(Q(round__in=Round.objects.visible_to(user)) | Q(round__isnull=True))


class Criterion(models.Model):
    """One line of a rubric: a number (``1``, ``1.3``), a title and maximum points; a criterion with sub-criteria
    is scored through them. Belongs to a round or to a template. ``data_source`` names a metric (metrics.py) that
    pre-fills a suggestion."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="criteria", verbose_name=_("รอบ")
    )
    template = models.ForeignKey(
        RubricTemplate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("แม่แบบ"),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("เกณฑ์หลัก")
    )
    number = models.CharField(_("ข้อ"), max_length=10)
    title = models.CharField(_("เกณฑ์"), max_length=500)
    guidance = models.TextField(_("แนวทางการให้คะแนน"), blank=True)
    max_points = models.DecimalField(_("คะแนนเต็ม"), validators=[MinValueValidator(Decimal("0.01"))], **POINTS)
    data_source = models.CharField(_("แหล่งข้อมูลสำหรับเสนอคะแนน"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        verbose_name = _("เกณฑ์การให้คะแนน")
        verbose_name_plural = _("เกณฑ์การให้คะแนน")
        ordering = ("order", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(round__isnull=True, template__isnull=False) | Q(round__isnull=False, template__isnull=True),
                name="criterion_in_round_or_template",
                violation_error_message=_("เกณฑ์ต้องอยู่ในรอบหรือในแม่แบบอย่างใดอย่างหนึ่ง"),
            ),
            models.UniqueConstraint(
                fields=("round", "number"),
                name="unique_criterion_number_in_round",
                violation_error_message=_("มีเกณฑ์ข้อนี้ในรอบนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ApplicationQuerySet(AreaScopedQuerySet):
    area_field = "district__code"

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """By area, plus the submitted applications the user is assigned to judge (and only those)."""
        by_area = super().visible_to(user)
        if scope_for(user).everything or not getattr(user, "is_authenticated", False) or not user.is_active:
            return by_area
        whole_rounds = JudgeAssignment.objects.filter(judge=user, applications__isnull=True).values("round")
        picked = JudgeAssignment.applications.through.objects.filter(judgeassignment__judge=user)
        judged = (Q(round__in=whole_rounds) | Q(pk__in=picked.values("application"))) & Q(
            status=ApplicationStatus.SUBMITTED
        )
        if scope_for(user).is_empty:
            return self.filter(judged)
        return self.filter(Q(pk__in=by_area.values("pk")) | judged)


class Application(models.Model):
    """A district's application to a round (or its entry in an evaluation): statements, video link, files."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications", verbose_name=_("รอบ"))
    district = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("อำเภอ"),
        limit_choices_to={"level": "district"},
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    service_record = models.TextField(_("ประวัติการรับราชการของนายอำเภอ"), blank=True)
    inspiration = models.TextField(_("แรงบันดาลใจ"), blank=True)
    team_readiness = models.TextField(_("ความพร้อมของทีมอำเภอ"), blank=True)
    proposal = models.TextField(_("ข้อเสนอโครงการ/ผลการดำเนินงาน"), blank=True)
    video_url = models.URLField(_("ลิงก์คลิปวิดีโอ"), max_length=500, blank=True)
    contact = models.CharField(_("ผู้ประสานงานและโทรศัพท์"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ใบสมัคร")
        verbose_name_plural = _("ใบสมัคร")
        ordering = ("round", "district")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "district"),
                name="one_application_per_district_and_round",
                violation_error_message=_("อำเภอนี้สมัครในรอบนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district.name_th} · {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED


def attachment_path(instance: ApplicationAttachment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"selection/{instance.application.district_id}/{timezone.now():%Y%m}/{instance.token}.{suffix}"


class AttachmentQuerySet(AreaScopedQuerySet):
    area_field = "application__district__code"

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        return self.filter(application__in=Application.objects.visible_to(user))


class ApplicationAttachment(StoredMedia):
    """A photo or video attached to an application (scans of the signed form, the team, the area)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("ใบสมัคร")
    )
    file = models.FileField(_("ไฟล์"), upload_to=attachment_path)
    thumbnail = models.FileField(_("ภาพย่อ"), upload_to="selection/thumbs/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ไฟล์แนบใบสมัคร")
        verbose_name_plural = _("ไฟล์แนบใบสมัคร")
        ordering = ("application", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.token


class JudgeAssignment(models.Model):
    """A judge of a round; with ``applications`` chosen, the judge judges only those."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="judges", verbose_name=_("รอบ"))
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging", verbose_name=_("กรรมการ")
    )
    applications = models.ManyToManyField(
        Application, blank=True, related_name="judge_assignments", verbose_name=_("ใบสมัครที่ให้คะแนน")
    )
    assigned_at = models.DateTimeField(_("แต่งตั้งเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")
        ordering = ("round", "assigned_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "judge"),
                name="one_assignment_per_judge_and_round",
                violation_error_message=_("ผู้ใช้นี้เป็นกรรมการของรอบนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.round}"


class Score(models.Model):
    """One judge's points for one criterion of one application, with a comment. Changed only through
    ``services.record_scores``, which logs every change in ``ScoreChange``."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("คะแนน"), validators=[MinValueValidator(Decimal("0"))], **POINTS)
    comment = models.TextField(_("ความเห็น"), blank=True)
    suggested_points = models.DecimalField(_("คะแนนที่ระบบเสนอ"), null=True, blank=True, **POINTS)
    source = models.CharField(_("ที่มาของคะแนน"), max_length=20, choices=ScoreSource.choices, default=ScoreSource.MANUAL)
    revision = models.PositiveIntegerField(_("ครั้งที่แก้ไข"), default=1)
    updated_at = models.DateTimeField(_("บันทึกล่าสุด"), default=timezone.now)

    class Meta:
        verbose_name = _("คะแนน")
        verbose_name_plural = _("คะแนน")
        ordering = ("application", "criterion__order", "judge")
        constraints = [
            models.UniqueConstraint(
                fields=("application", "criterion", "judge"),
                name="one_score_per_judge_and_criterion",
                violation_error_message=_("กรรมการให้คะแนนเกณฑ์นี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.criterion_id}: {self.points}"


class ScoreChange(models.Model):
    """The log of every score entered or changed: who, when, old and new points, the comment."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="score_changes")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("เมื่อ"), default=timezone.now)
    old_points = models.DecimalField(_("คะแนนเดิม"), null=True, blank=True, **POINTS)
    new_points = models.DecimalField(_("คะแนนใหม่"), **POINTS)
    comment = models.TextField(_("ความเห็น"), blank=True)
    source = models.CharField(_("ที่มาของคะแนน"), max_length=20, choices=ScoreSource.choices)

    class Meta:
        verbose_name = _("ประวัติการให้คะแนน")
        verbose_name_plural = _("ประวัติการให้คะแนน")
        ordering = ("application", "at", "id")

    def __str__(self) -> str:
        return f"{self.old_points} → {self.new_points}"


class TieBreak(models.Model):
    """The ministry's decision on applications tied for a place in one unit (province, group, or the whole round):
    their order and why. It holds only while the same applications are still tied."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tie_breaks", verbose_name=_("รอบ"))
    # "<unit code>:<place>", e.g. "57:1" (province 57, first place) or "ALL:3".
    unit = models.CharField(_("หน่วยและอันดับ"), max_length=16)
    tied = models.JSONField(_("ใบสมัครที่คะแนนเท่ากัน"), default=list)
    order = models.JSONField(_("ลำดับที่ตัดสิน"), default=list)
    reason = models.TextField(_("เหตุผล"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("ตัดสินเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("การตัดสินกรณีคะแนนเท่ากัน")
        verbose_name_plural = _("การตัดสินกรณีคะแนนเท่ากัน")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "unit"),
                name="one_tie_break_per_unit",
                violation_error_message=_("มีการตัดสินของหน่วยนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.unit}"


class AwardQuerySet(AreaScopedQuerySet):
    area_field = "district__code"
    open_to_agency_area = True


class Award(models.Model):
    """An award announced to a district after a round (อำเภอที่มีผลการดำเนินงานดีเด่น)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="awards", verbose_name=_("รอบ"))
    district = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="awards", verbose_name=_("อำเภอ"))
    title = models.CharField(_("ชื่อรางวัล"), max_length=300)
    rank = models.PositiveSmallIntegerField(_("อันดับ"), null=True, blank=True)
    announced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    announced_at = models.DateTimeField(_("ประกาศเมื่อ"), default=timezone.now)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("รางวัล")
        verbose_name_plural = _("รางวัล")
        ordering = ("-round__programme_year", "round", "rank", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "district", "title"),
                name="one_award_title_per_district_and_round",
                violation_error_message=_("อำเภอนี้ได้รับรางวัลนี้ในรอบนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.district.name_th}"


class RoundEvent(TimelineEvent):
    """The round's history: rubric edits, judges, applications, tie-breaks, publication, awards."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events", verbose_name=_("รอบ"))
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("ใบสมัคร")
    )
    kind = models.CharField(_("เหตุการณ์"), max_length=20, choices=RoundEventKind.choices)

    class Meta:
        verbose_name = _("เหตุการณ์ของรอบ")
        verbose_name_plural = _("เหตุการณ์ของรอบ")
        ordering = ("round", "at", "id")

    def __str__(self) -> str:
        return f"{self.round_id} {self.get_kind_display()}"
