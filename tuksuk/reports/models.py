"""Per-area figures kept up to date on every write (see ``tuksuk.reports.tallies``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tally(models.Model):
    """One figure of one area: how many records have ``key`` in ``dimension`` (stories with status "resolved",
    households lifted, stories reported in 2565-08 …). Villages are counted from the records; a tambon, district and
    province add up the rows of the areas one level down (``parent_code``), so any area's figure is one indexed read."""

    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8)
    parent_code = models.CharField(_("รหัสพื้นที่ระดับบน"), max_length=8, db_index=True)
    dimension = models.CharField(_("มิติ"), max_length=12)
    key = models.CharField(_("ค่า"), max_length=16)
    n = models.BigIntegerField(_("จำนวน"))

    class Meta:
        verbose_name = _("ตัวเลขสรุปของพื้นที่")
        verbose_name_plural = _("ตัวเลขสรุปของพื้นที่")
        constraints = [
            models.UniqueConstraint(fields=("area_code", "dimension", "key"), name="unique_tally_per_area_and_key")
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.dimension}={self.key}: {self.n}"


class TallyMark(models.Model):
    """A village whose figures must be counted again: written in the same transaction as the change that caused
    it, removed once the figures are recounted, so a change is never lost even if the recount fails."""

    id = models.BigAutoField(primary_key=True)
    area_code = models.CharField(_("รหัสหมู่บ้าน"), max_length=8)

    class Meta:
        verbose_name = _("พื้นที่ที่รอนับใหม่")
        verbose_name_plural = _("พื้นที่ที่รอนับใหม่")

    def __str__(self) -> str:
        return self.area_code
