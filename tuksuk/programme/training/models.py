"""Training courses, their sessions and attendance slots, participants, reasons for absence and certificates.

Who sees what (on top of tuksuk/accounts/scope.py): a course belongs to the ministry (no area) or to a province.
A user sees a course organised in their area, or one with participants from their area; a participant is seen by
the users of the participant's district (and above) and by the organisers of the participant's course. Sessions,
slots, attendance, reasons and certificates follow what they belong to. Training has no agency link, so agency staff
see none of it (scope rule 4).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet, scope_for
from tuksuk.core.models import TimelineEvent
from tuksuk.projects.choices import PartnerNetwork

from .choices import (
    CertificateKind,
    CheckinMethod,
    CourseKind,
    ReasonStatus,
    SlotPart,
    SlotStatus,
    TrainingEventKind,
)


class ParticipantQuerySet(AreaScopedQuerySet):
    """A participant is seen from their own district and from the area organising the course."""

    area_field = "district__code"
    also_area_fields = ("course__area__code",)


class CourseQuerySet(AreaScopedQuerySet):
    area_field = "area__code"

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        scope = scope_for(user)
        if scope.everything:
            return self.all()
        if not scope.prefixes:
            return self.none()
        with_participants = Participant.objects.filter(scope.q("district__code")).values("course_id")
        return self.filter(scope.q("area__code") | Q(pk__in=with_participants))


class ThroughQuerySet(AreaScopedQuerySet):
    """Visible when the row it belongs to (``via``, a course or a participant) is visible."""

    via = "course"

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        owner = self.model
        for part in self.via.split("__"):
            owner = owner._meta.get_field(part).related_model
        return self.filter(**{f"{self.via}__in": owner.objects.visible_to(user).values("pk")})


class Course(models.Model):
    """A course or workshop, organised by the ministry (no area) or by a province."""

    title = models.CharField(_("ชื่อหลักสูตร"), max_length=300)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=CourseKind.choices, default=CourseKind.DCAST)
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_courses",
        verbose_name=_("จังหวัดผู้จัด (ว่าง = ส่วนกลาง)"),
        limit_choices_to={"level": "province"},
    )
    certificate_kind = models.CharField(
        _("ชนิดเกียรติบัตร"), max_length=12, choices=CertificateKind.choices, default=CertificateKind.WUTTHIBAT
    )
    description = models.TextField(_("รายละเอียด"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สร้างโดย"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("หลักสูตรการอบรม")
        verbose_name_plural = _("หลักสูตรการอบรม")
        ordering = ("-created_at", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def organiser_name(self) -> str:
        return self.area.full_name if self.area else str(_("ส่วนกลาง (กระทรวงมหาดไทย)"))


class TrainingSession(models.Model):
    """One run of a course at one place, over one or more days, with daily hours."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("หลักสูตร"))
    title = models.CharField(_("ชื่อรุ่น/ช่วง"), max_length=200)
    starts_on = models.DateField(_("วันเริ่ม"))
    ends_on = models.DateField(_("วันสิ้นสุด"))
    start_time = models.TimeField(_("เวลาเริ่มแต่ละวัน"), default=dt.time(8, 30))
    end_time = models.TimeField(_("เวลาเลิกแต่ละวัน"), default=dt.time(16, 30))
    province = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("จังหวัดที่จัด"),
        limit_choices_to={"level": "province"},
    )
    place = models.CharField(_("สถานที่"), max_length=300)
    friday_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ยืนยันจัดบ่ายวันศุกร์ในจังหวัดชายแดนภาคใต้"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)

    objects = ThroughQuerySet.as_manager()

    class Meta:
        verbose_name = _("รุ่นการอบรม")
        verbose_name_plural = _("รุ่นการอบรม")
        ordering = ("course", "starts_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_session_ends_after_start",
                violation_error_message=_("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"),
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="training_session_hours_forward",
                violation_error_message=_("เวลาเลิกต้องหลังเวลาเริ่ม"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} · {self.title}"

    def days(self) -> list[dt.date]:
        return [self.starts_on + dt.timedelta(days=n) for n in range((self.ends_on - self.starts_on).days + 1)]


class SlotQuerySet(ThroughQuerySet):
    via = "session__course"


class AttendanceSlot(models.Model):
    """One of the three attendance checks of a session day. Only held slots count toward a participant's rate."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="slots", verbose_name=_("รุ่นการอบรม")
    )
    day = models.DateField(_("วันที่"))
    part = models.PositiveSmallIntegerField(_("ช่วง"), choices=SlotPart.choices)
    status = models.CharField(_("สถานะ"), max_length=10, choices=SlotStatus.choices, default=SlotStatus.PLANNED)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ช่วงลงเวลา")
        verbose_name_plural = _("ช่วงลงเวลา")
        ordering = ("session", "day", "part")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "day", "part"),
                name="training_one_slot_per_part",
                violation_error_message=_("มีช่วงลงเวลานี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_part_display()}"


class Participant(models.Model):
    """A person enrolled in a course, from a district and one of the 7 partner networks."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="participants", verbose_name=_("หลักสูตร"))
    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    organisation = models.CharField(_("หน่วยงาน/สังกัด"), max_length=200, blank=True)
    district = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="training_participants",
        verbose_name=_("อำเภอ"),
        limit_choices_to={"level": "district"},
    )
    network = models.CharField(_("ภาคีเครือข่าย"), max_length=20, choices=PartnerNetwork.choices)
    # Personal data: shown to the course's organisers only.
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)
    code = models.CharField(_("รหัสผู้เข้าอบรม"), max_length=8, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("บันทึกโดย"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผู้เข้าอบรม")
        verbose_name_plural = _("ผู้เข้าอบรม")
        ordering = ("course", "district", "full_name")
        constraints = [
            models.UniqueConstraint(
                fields=("course", "full_name", "district"),
                name="training_participant_once_per_course",
                violation_error_message=_("ผู้เข้าอบรมชื่อนี้จากอำเภอนี้ลงทะเบียนในหลักสูตรนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ParticipantRowQuerySet(ThroughQuerySet):
    via = "participant"


class Attendance(models.Model):
    """A participant was there in one slot: who recorded it, how and when. At most one per participant and slot."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("ผู้เข้าอบรม")
    )
    slot = models.ForeignKey(
        AttendanceSlot, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("ช่วงลงเวลา")
    )
    method = models.CharField(_("วิธีลงเวลา"), max_length=10, choices=CheckinMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("บันทึกโดย"),
    )
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)

    objects = ParticipantRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("การเข้าร่วม")
        verbose_name_plural = _("การเข้าร่วม")
        ordering = ("slot", "participant")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "slot"),
                name="training_attendance_once_per_slot",
                violation_error_message=_("บันทึกการเข้าร่วมช่วงนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.slot}"


class AbsenceReason(models.Model):
    """Why a participant missed slots; the organiser accepts or rejects it. An accepted reason lifts the 80 % rule."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="reasons", verbose_name=_("ผู้เข้าอบรม")
    )
    text = models.TextField(_("เหตุผลการขาด"))
    status = models.CharField(_("ผลการพิจารณา"), max_length=10, choices=ReasonStatus.choices, default="pending")
    decision_note = models.CharField(_("หมายเหตุการพิจารณา"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("แจ้งโดย"),
    )
    submitted_at = models.DateTimeField(_("แจ้งเมื่อ"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("พิจารณาโดย"),
    )
    decided_at = models.DateTimeField(_("พิจารณาเมื่อ"), null=True, blank=True)

    objects = ParticipantRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("เหตุผลการขาด")
        verbose_name_plural = _("เหตุผลการขาด")
        ordering = ("participant", "submitted_at", "id")

    def __str__(self) -> str:
        return f"{self.participant} · {self.get_status_display()}"


class Certificate(models.Model):
    """A certificate (ปัญญาบัตร/วุฒิบัตร) with a code anyone can verify on the public page."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("ผู้เข้าอบรม")
    )
    kind = models.CharField(_("ชนิด"), max_length=12, choices=CertificateKind.choices)
    code = models.CharField(_("รหัสตรวจสอบ"), max_length=16, unique=True, editable=False)
    issued_on = models.DateField(_("ออกให้วันที่"))
    attendance_percent = models.DecimalField(_("ร้อยละการเข้าร่วม"), max_digits=5, decimal_places=2)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ออกโดย"),
    )
    issued_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)

    objects = ParticipantRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("วุฒิบัตร/ปัญญาบัตร")
        verbose_name_plural = _("วุฒิบัตร/ปัญญาบัตร")
        ordering = ("-issued_at", "id")

    def __str__(self) -> str:
        return self.code


class BorderProvince(models.Model):
    """A southern border province (area of the Southern Border Provinces Administrative Centre): sessions there on a
    Friday afternoon warn the organiser (Friday prayers). Reference data a ministry administrator edits."""

    code = models.CharField(_("รหัสจังหวัด"), max_length=2, unique=True)
    name_th = models.CharField(_("ชื่อจังหวัด"), max_length=100)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    valid_from = models.DateField(_("มีผลตั้งแต่"), default=dt.date(2022, 1, 1))

    class Meta:
        verbose_name = _("จังหวัดชายแดนภาคใต้")
        verbose_name_plural = _("จังหวัดชายแดนภาคใต้")
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name_th} ({self.code})"


class TrainingEvent(TimelineEvent):
    """The course's log: scheduling, enrolment, attendance, reasons and their decisions, certificates."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="events", verbose_name=_("หลักสูตร"))
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("ผู้เข้าอบรม")
    )
    kind = models.CharField(_("เหตุการณ์"), max_length=24, choices=TrainingEventKind.choices)

    class Meta:
        verbose_name = _("บันทึกเหตุการณ์การอบรม")
        verbose_name_plural = _("บันทึกเหตุการณ์การอบรม")
        ordering = ("course", "at", "id")

    def __str__(self) -> str:
        return f"{self.course_id} {self.get_kind_display()}"
