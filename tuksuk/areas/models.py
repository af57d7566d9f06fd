"""The Thai area hierarchy: region → provincial group → province → district → tambon → village."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.accounts.scope import AreaScopedQuerySet, scope_for
from tuksuk.core.thai import is_digits

from .choices import CODE_LENGTH, AreaLevel, AreaSource, PilotLevel

BANGKOK_CODE = "10"
BANGKOK_LEVEL_LABELS = {AreaLevel.DISTRICT: _("เขต"), AreaLevel.SUBDISTRICT: _("แขวง")}


ANCESTOR_HOPS = 6  # village, tambon, district, province, group, region: the whole chain in one query


class AreaQuerySet(AreaScopedQuerySet):
    area_field = "code"
    open_to_agency_area = True

    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """Areas inside the user's scope, plus the areas above it (to navigate down from the top)."""
        scope = scope_for(user)
        if scope.everything:
            return self.all()
        if scope.is_empty:
            return self.none()
        return super().visible_to(user) | self.filter(code__in=scope.ancestor_codes)

    def writable_by(self, user):  # type: ignore[no-untyped-def]
        """Areas where the user may record data: inside their own areas (not the ones above), none if read-only."""
        scope = scope_for(user)
        if not scope.can_write:
            return self.none()
        return self.all() if scope.everything else self.filter(scope.q("code"))

    def search(self, text: str):  # type: ignore[no-untyped-def]
        """Areas whose Thai or English name contains ``text`` (case-insensitive), or whose code starts with it."""
        text = " ".join(text.split())
        if not text:
            return self.none()
        condition = Q(name_th__icontains=text) | Q(name_en__icontains=text)
        if is_digits(text):
            condition |= Q(code__startswith=text)
        return self.filter(condition)

    def province_codes_under(self, codes: Iterable[str]) -> list[str]:
        """Province codes inside the given region or group codes (other codes contribute nothing)."""
        codes = [c for c in codes if not is_digits(c)]
        if not codes:
            return []
        return list(
            self.filter(level=AreaLevel.PROVINCE)
            .filter(Q(parent_id__in=codes) | Q(parent__parent_id__in=codes))
            .values_list("code", flat=True)
        )

    def ancestor_codes(self, codes: Iterable[str]) -> set[str]:
        """Codes of every area above the given ones (their province, group and region, …): one query for the
        whole chain (scoping asks on every request), another only for a tree deeper than ``ANCESTOR_HOPS``."""
        found: set[str] = set()
        asked: set[str] = set()
        frontier = set(codes)
        hops = ["__".join(["parent"] * n) + "_id" for n in range(1, ANCESTOR_HOPS + 1)]
        while frontier:
            asked |= frontier
            rows = list(self.filter(code__in=frontier).values_list(*hops))
            found |= {code for row in rows for code in row if code}
            frontier = {row[-1] for row in rows if row[-1]} - asked
        return found


class Area(models.Model):
    """One administrative area. Provinces and below carry their official DOPA code."""

    code = models.CharField(_("รหัสพื้นที่"), max_length=8, primary_key=True)
    level = models.CharField(_("ระดับ"), max_length=12, choices=AreaLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("อยู่ภายใต้"),
    )
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=200, blank=True, db_index=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    source = models.CharField(_("ที่มา"), max_length=12, choices=AreaSource.choices, default=AreaSource.REFERENCE)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("พื้นที่")
        verbose_name_plural = _("พื้นที่")
        ordering = ("code",)
        indexes = [models.Index(fields=("parent", "code"), name="area_children")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(level="village") | Q(code__regex=r"^[0-9]{8}$"),
                name="village_code_is_8_digits",
                violation_error_message=_("รหัสหมู่บ้านต้องเป็นตัวเลข 8 หลัก"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def village_no(self) -> int | None:
        """หมู่ที่ of a village: the last two digits of its code."""
        return int(self.code[6:]) if self.level == AreaLevel.VILLAGE else None

    @property
    def display_name(self) -> str:
        """The name as Thai officials write it: ``อำเภอเชียงของ``, ``หมู่ที่ 3 บ้านหนองบัว``."""
        from django.utils.translation import get_language

        thai = (get_language() or "th").startswith("th")
        if self.level == AreaLevel.VILLAGE:
            number = _("หมู่ที่ %(no)d") % {"no": self.village_no}
            name = self.name_th if thai else (self.name_en or self.name_th)
            return f"{number} {name}".strip()
        name = self.name_th if thai or not self.name_en else self.name_en
        return name

    @property
    def level_label(self) -> str:
        """The level's word as officials use it: Bangkok has เขต and แขวง instead of อำเภอ and ตำบล."""
        if self.code.startswith(BANGKOK_CODE) and self.level in BANGKOK_LEVEL_LABELS:
            return str(BANGKOK_LEVEL_LABELS[self.level])
        return str(AreaLevel(self.level).label)

    @property
    def full_name(self) -> str:
        """``อำเภอเชียงของ`` / ``Chiang Khong District``; regions, groups, villages and Bangkok as they are named."""
        from django.utils.translation import get_language

        if self.level in (AreaLevel.REGION, AreaLevel.GROUP, AreaLevel.VILLAGE) or self.code == BANGKOK_CODE:
            return self.display_name
        if (get_language() or "th").startswith("th"):
            return f"{self.level_label}{self.display_name}"
        return f"{self.display_name} {self.level_label}"

    @property
    def official_code_length(self) -> int | None:
        return CODE_LENGTH.get(self.level)  # type: ignore[call-overload]

    def ancestors(self) -> list[Area]:
        """From the top (region) down to this area's parent."""
        chain: list[Area] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class PilotDistrictQuerySet(AreaScopedQuerySet):
    area_field = "district__code"
    open_to_agency_area = True


class PilotDistrict(models.Model):
    """A district chosen as a pilot (อำเภอนำร่อง) in one programme year, at province or group level."""

    district = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="pilot_flags",
        verbose_name=_("อำเภอ"),
        limit_choices_to={"level": AreaLevel.DISTRICT},
    )
    programme_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    level = models.CharField(_("ระดับการคัดเลือก"), max_length=12, choices=PilotLevel.choices)
    sequence = models.PositiveSmallIntegerField(_("ลำดับ"), null=True, blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)

    objects = PilotDistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("อำเภอนำร่อง")
        verbose_name_plural = _("อำเภอนำร่อง")
        ordering = ("programme_year", "level", "sequence", "district")
        constraints = [
            models.UniqueConstraint(
                fields=("district", "programme_year", "level"),
                name="unique_pilot_per_year_and_level",
                violation_error_message=_("อำเภอนี้เป็นอำเภอนำร่องระดับนี้ในปีนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district.name_th} · {self.get_level_display()} {self.programme_year}"
