"""The 7 problem categories, the 37 ThaiQM indicators and the 17 SDGs: reference data an administrator may edit."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _localised(th: str, en: str) -> str:
    return th if (get_language() or "th").startswith("th") or not en else en


class SdgGoal(models.Model):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("เป้าหมายที่"), primary_key=True)
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200)

    class Meta:
        verbose_name = _("เป้าหมายการพัฒนาที่ยั่งยืน (SDG)")
        verbose_name_plural = _("เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)")
        ordering = ("number",)

    def __str__(self) -> str:
        return f"SDG {self.number} {self.name}"

    @property
    def name(self) -> str:
        return _localised(self.name_th, self.name_en)


class Category(models.Model):
    """A problem type (ประเภทปัญหา) of a story: 1 housing … 7 hardship the household cannot solve alone."""

    number = models.PositiveSmallIntegerField(_("ลำดับ"), primary_key=True)
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=200, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ประเภทปัญหา")
        verbose_name_plural = _("ประเภทปัญหา")
        ordering = ("number",)

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return _localised(self.name_th, self.name_en)


class Indicator(models.Model):
    """A ThaiQM problem indicator (1–37) of one category, linked to SDG goals."""

    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"), primary_key=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("ประเภทปัญหา")
    )
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=300)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=300, blank=True)
    name_confirmed = models.BooleanField(
        _("ยืนยันชื่อแล้ว"), default=True, help_text=_("ชื่อที่ยังไม่ยืนยันจากแหล่งทางการ ผู้ดูแลระบบแก้ไขได้")
    )
    sdg_goals = models.ManyToManyField(SdgGoal, related_name="indicators", blank=True, verbose_name=_("SDGs"))

    class Meta:
        verbose_name = _("ตัวชี้วัด ThaiQM")
        verbose_name_plural = _("ตัวชี้วัด ThaiQM")
        ordering = ("number",)

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return _localised(self.name_th, self.name_en)
