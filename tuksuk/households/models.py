"""The household registry (ทะเบียนครัวเรือน): households in villages and their members."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet
from tuksuk.core import crypto
from tuksuk.core.fields import VillageCodeField
from tuksuk.core.models import TimelineEvent
from tuksuk.core.search import found_ids

from . import citizen_id
from .choices import HouseholdEventKind, HouseholdSource, Sex

HOUSE_CODE = re.compile(r"^[0-9]{11}$")
house_code_validator = RegexValidator(HOUSE_CODE, _("รหัสบ้านต้องเป็นตัวเลข 11 หลัก"))


class HouseholdQuerySet(AreaScopedQuerySet):
    area_field = "village__code"
    agency_field = "stories__assignments__agency"

    def active(self):  # type: ignore[no-untyped-def]
        return self.filter(merged_into__isnull=True)

    def lifted(self):  # type: ignore[no-untyped-def]
        """Households lifted out of their problems: at least one story, and every story (rejected ones aside)
        resolved or closed with a sustainable (มิติยาไทย) action."""
        from django.db.models import Exists, OuterRef

        from tuksuk.cases.choices import DONE_STATUSES, Dimension, StoryStatus
        from tuksuk.cases.models import Action, Story

        counted = Story.objects.filter(household=OuterRef("pk")).exclude(status=StoryStatus.REJECTED)
        sustained = Exists(Action.objects.filter(story=OuterRef("pk"), dimension=Dimension.SUSTAINABLE))
        unfinished = counted.exclude(Q(status__in=DONE_STATUSES) & sustained)
        return self.filter(Exists(counted)).exclude(Exists(unfinished))

    def search(self, text: str):  # type: ignore[no-untyped-def]
        """By house code (or its start), whole citizen ID of a member, or a Thai/Latin name."""
        from tuksuk.core.thai import is_digits, to_arabic_digits

        text = " ".join(to_arabic_digits(text or "").split())
        if not text:
            return self.none()
        digits = text.replace("-", "").replace(" ", "")
        if is_digits(digits):
            condition = Q(house_code__startswith=digits)
            if len(digits) == 13:
                condition |= Q(members__citizen_id_hash=crypto.keyed_hash(digits))
            return self.filter(condition).distinct()
        # Two narrow searches joined by UNION, each on its own trigram index, rather than one OR across the members
        # join (which read every household in scope with its members, then made the rows DISTINCT).
        by_head = self.filter(head_name__icontains=text)
        by_member = self.filter(pk__in=Member.objects.filter(full_name__icontains=text).values("household_id"))
        ids = by_head.order_by().values_list("pk", flat=True).union(by_member.order_by().values_list("pk", flat=True))
        return self.filter(pk__in=found_ids(ids))  # searched once for the page and its count


class Household(models.Model):
    """A household (ครัวเรือน) identified by its 11-digit house code (รหัสบ้าน), in one village."""

    house_code = models.CharField(
        _("รหัสบ้าน"),
        max_length=11,
        unique=True,
        validators=[house_code_validator],
        error_messages={"unique": _("มีครัวเรือนรหัสบ้านนี้ในระบบแล้ว")},
    )
    village = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("หมู่บ้าน"),
        limit_choices_to={"level": "village"},
        db_index=False,  # household_village_prefix and household_by_village
    )
    house_no = models.CharField(_("บ้านเลขที่"), max_length=20, blank=True)
    head_name = models.CharField(_("ชื่อหัวหน้าครัวเรือน"), max_length=200)
    member_count = models.PositiveSmallIntegerField(
        _("จำนวนสมาชิก"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    latitude = models.DecimalField(
        _("ละติจูด"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(21)],
    )
    longitude = models.DecimalField(
        _("ลองจิจูด"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(97), MaxValueValidator(106)],
    )
    source = models.CharField(_("ที่มา"), max_length=12, choices=HouseholdSource.choices, default=HouseholdSource.FIELD)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("รวมเข้ากับ"),
        db_index=False,  # household_merged_into: only the few merged rows
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ลงทะเบียนโดย"),
    )
    created_at = models.DateTimeField(_("ลงทะเบียนเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("ครัวเรือน")
        verbose_name_plural = _("ครัวเรือน")
        ordering = ("village", "house_code")
        indexes = [
            # Equality and the LIKE '3501%' of area scoping, whatever the database's collation.
            models.Index(fields=("village",), name="household_village_prefix", opclasses=("varchar_pattern_ops",)),
            models.Index(fields=("village", "house_code"), name="household_by_village"),
            models.Index(
                fields=("merged_into",), name="household_merged_into", condition=models.Q(merged_into__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.house_code} {self.head_name}"

    @property
    def area_code(self) -> str:
        return self.village_id  # type: ignore[return-value]

    @property
    def is_lifted(self) -> bool:
        return Household.objects.lifted().filter(pk=self.pk).exists()

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Member(models.Model):
    """A person in a household. The citizen ID is stored encrypted, matched by keyed hash, shown masked."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("ครัวเรือน")
    )
    village_code = VillageCodeField(source="household__village_id")
    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    sex = models.CharField(_("เพศ"), max_length=12, choices=Sex.choices, default=Sex.UNSPECIFIED)
    birth_date = models.DateField(_("วันเกิด"), null=True, blank=True)
    is_head = models.BooleanField(_("หัวหน้าครัวเรือน"), default=False)
    # Looked up through the partial unique index one_person_one_citizen_id (every lookup is of a non-empty hash).
    citizen_id_hash = models.CharField(max_length=64, blank=True, editable=False)
    citizen_id_encrypted = models.TextField(blank=True, editable=False)
    citizen_id_last3 = models.CharField(max_length=3, blank=True, editable=False)
    bedridden = models.BooleanField(_("ติดเตียง"), default=False)
    disabled = models.BooleanField(_("พิการ"), default=False)
    elderly = models.BooleanField(_("ผู้สูงอายุ"), default=False)
    chronic_illness = models.BooleanField(_("ป่วยเรื้อรัง"), default=False)
    child = models.BooleanField(_("เด็ก"), default=False)
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        verbose_name = _("สมาชิกครัวเรือน")
        verbose_name_plural = _("สมาชิกครัวเรือน")
        ordering = ("household", "-is_head", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("citizen_id_hash",),
                condition=~Q(citizen_id_hash=""),
                name="one_person_one_citizen_id",
                violation_error_message=_("เลขประจำตัวประชาชนนี้มีอยู่ในครัวเรือนอื่นแล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def set_citizen_id(self, text: str) -> None:
        """Store a citizen ID (validated; raises ``InvalidCitizenId``), or clear it with an empty text."""
        if not (text or "").strip():
            self.citizen_id_hash = self.citizen_id_encrypted = self.citizen_id_last3 = ""
            return
        digits = citizen_id.normalize(text)
        self.citizen_id_hash = crypto.keyed_hash(digits)
        self.citizen_id_encrypted = crypto.encrypt(digits)
        self.citizen_id_last3 = digits[-3:]

    def citizen_id_for(self, user) -> str:  # type: ignore[no-untyped-def]
        """The ID as this user may see it: whole for roles that need it, masked for everyone else."""
        if not self.citizen_id_hash:
            return ""
        if citizen_id.may_see_citizen_id(user):
            digits = crypto.decrypt(self.citizen_id_encrypted)
            if digits:
                return citizen_id.formatted(digits)
        return citizen_id.masked(self.citizen_id_last3)

    @property
    def vulnerable_labels(self) -> list[str]:
        from .choices import VULNERABLE_FLAGS

        return [str(self._meta.get_field(flag).verbose_name) for flag in VULNERABLE_FLAGS if getattr(self, flag)]


class HouseholdEvent(TimelineEvent):
    """The household's history: registration, edits, members, merges. Never edited, never deleted."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="events", verbose_name=_("ครัวเรือน"))
    village_code = VillageCodeField(source="household__village_id")
    kind = models.CharField(_("เหตุการณ์"), max_length=20, choices=HouseholdEventKind.choices)

    class Meta:
        verbose_name = _("ประวัติครัวเรือน")
        verbose_name_plural = _("ประวัติครัวเรือน")
        ordering = ("household", "at", "id")

    def __str__(self) -> str:
        return f"{self.household_id} {self.get_kind_display()}"
