"""Focus-group questionnaires (ถอดบทเรียน) and the sessions districts record with them.

A questionnaire (แบบสอบถาม) has numbered parts (ส่วนที่) and questions numbered 1…n across the parts; a question may
also ask for a 1–5 rating. The ministry writes questionnaires; they are read by every assigned user. Once any session
has answers, the questions are frozen (``Questionnaire.is_frozen``): the services refuse changes, so every answer keeps
the question it answered. A new set of questions is a new questionnaire (copy it and edit the copy).

Sessions (การสนทนากลุ่ม), their participants and answers belong to one district and are scoped by it
(``district__code``), like every area record.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet
from tuksuk.projects.choices import PartnerNetwork

RATING_MIN, RATING_MAX = 1, 5


class ReadByEveryoneQuerySet(AreaScopedQuerySet):
    """Central reference content (questionnaires): every user with an assignment reads all of it. Deny by default
    still holds: a user with no assignment reads nothing."""

    everyone_assigned = True


class Questionnaire(models.Model):
    """A focus-group questionnaire: parts with numbered questions. Frozen once a session has answers."""

    title = models.CharField(_("ชื่อแบบสอบถาม"), max_length=300)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    programme_year = models.PositiveSmallIntegerField(
        _("ปีโครงการ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    is_active = models.BooleanField(_("ใช้บันทึกการสนทนากลุ่มใหม่ได้"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = ReadByEveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("แบบสอบถามถอดบทเรียน")
        verbose_name_plural = _("แบบสอบถามถอดบทเรียน")
        ordering = ("-programme_year", "title")
        constraints = [
            models.UniqueConstraint(
                fields=("title", "programme_year"),
                name="learning_questionnaire_unique_title_year",
                violation_error_message=_("มีแบบสอบถามชื่อนี้ในปีนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.programme_year})"

    @property
    def is_frozen(self) -> bool:
        """Whether any session answered it: its parts and questions may no longer change."""
        return Answer.objects.filter(session__questionnaire=self).exists()


class QuestionPart(models.Model):
    """A part (ส่วนที่ n) of a questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="parts", verbose_name=_("แบบสอบถาม")
    )
    number = models.PositiveSmallIntegerField(_("ส่วนที่"), validators=[MinValueValidator(1)])
    title = models.CharField(_("หัวข้อ"), max_length=300)

    objects = ReadByEveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("ส่วนของแบบสอบถาม")
        verbose_name_plural = _("ส่วนของแบบสอบถาม")
        ordering = ("questionnaire", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("questionnaire", "number"),
                name="learning_part_unique_number",
                violation_error_message=_("มีส่วนที่นี้ในแบบสอบถามแล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Question(models.Model):
    """One question, numbered across the whole questionnaire; optionally asking for a 1–5 rating too."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name=_("แบบสอบถาม")
    )
    part = models.ForeignKey(QuestionPart, on_delete=models.CASCADE, related_name="questions", verbose_name=_("ส่วน"))
    number = models.PositiveSmallIntegerField(_("ข้อที่"), validators=[MinValueValidator(1)])
    text = models.TextField(_("คำถาม"))
    asks_rating = models.BooleanField(_("ให้คะแนน 1–5 ด้วย"), default=False)
    rating_hint = models.CharField(_("ความหมายของคะแนน"), max_length=200, blank=True)

    objects = ReadByEveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำถาม")
        verbose_name_plural = _("คำถาม")
        ordering = ("questionnaire", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("questionnaire", "number"),
                name="learning_question_unique_number",
                violation_error_message=_("มีคำถามข้อนี้ในแบบสอบถามแล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class SessionQuerySet(AreaScopedQuerySet):
    area_field = "district__code"


class FocusGroupSession(models.Model):
    """One focus-group discussion (การสนทนากลุ่ม) held in a district with a questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("แบบสอบถาม")
    )
    district = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="focus_groups",
        verbose_name=_("อำเภอ"),
        limit_choices_to={"level": "district"},
    )
    held_on = models.DateField(_("วันที่จัด"))
    place = models.CharField(_("สถานที่"), max_length=300)
    facilitator = models.CharField(_("ผู้ดำเนินการสนทนา"), max_length=300)
    note = models.TextField(_("สรุปภาพรวม"), blank=True)
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

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("การสนทนากลุ่ม")
        verbose_name_plural = _("การสนทนากลุ่ม")
        ordering = ("-held_on", "-id")
        indexes = [models.Index(fields=("district", "held_on"), name="learning_session_district")]

    def __str__(self) -> str:
        return f"{self.district.name_th} {self.held_on}"


class ParticipantQuerySet(AreaScopedQuerySet):
    area_field = "session__district__code"


class Participant(models.Model):
    """Someone who took part in a session, with their role and partner network (one of the 7 ภาคี)."""

    session = models.ForeignKey(
        FocusGroupSession, on_delete=models.CASCADE, related_name="participants", verbose_name=_("การสนทนากลุ่ม")
    )
    full_name = models.CharField(_("ชื่อ-สกุล"), max_length=200)
    role = models.CharField(_("บทบาท/ตำแหน่ง"), max_length=200, blank=True)
    network = models.CharField(_("ภาคีเครือข่าย"), max_length=20, choices=PartnerNetwork.choices)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผู้เข้าร่วมสนทนากลุ่ม")
        verbose_name_plural = _("ผู้เข้าร่วมสนทนากลุ่ม")
        ordering = ("session", "id")

    def __str__(self) -> str:
        return self.full_name


class AnswerQuerySet(AreaScopedQuerySet):
    area_field = "session__district__code"


class Answer(models.Model):
    """A session's answer to one question: free text and, where the question asks for one, a 1–5 rating."""

    session = models.ForeignKey(
        FocusGroupSession, on_delete=models.CASCADE, related_name="answers", verbose_name=_("การสนทนากลุ่ม")
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("คำถาม"))
    text = models.TextField(_("คำตอบ"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("คะแนน (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("บันทึกโดย"),
    )
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), default=timezone.now)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำตอบ")
        verbose_name_plural = _("คำตอบ")
        ordering = ("session", "question__number")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "question"),
                name="learning_answer_once_per_question",
                violation_error_message=_("ข้อนี้มีคำตอบแล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="learning_answer_rating_1_to_5",
                violation_error_message=_("คะแนนต้องอยู่ระหว่าง 1 ถึง 5"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.question.number}"
