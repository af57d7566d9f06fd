"""The agency register: ministry departments, state enterprises, provincial offices and sectors that take on
stories and project activities. Seeded from the ministry's reports, editable; deployments add their own."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    MOI_DEPARTMENT = "moi_department", _("กรมในสังกัดกระทรวงมหาดไทย")
    MOI_STATE_ENTERPRISE = "moi_state_enterprise", _("รัฐวิสาหกิจในสังกัดกระทรวงมหาดไทย")
    PROVINCIAL_OFFICE = "provincial_office", _("ส่วนราชการระดับจังหวัด")
    LOCAL_GOVERNMENT = "local_government", _("องค์กรปกครองส่วนท้องถิ่น")
    SECTOR = "sector", _("ภาคส่วน")
    OTHER = "other", _("อื่น ๆ")


class Agency(models.Model):
    """One responsible agency. ``code`` is the identifier used in import files (e.g. ``DOPA``, ``P-AGRI``)."""

    code = models.CharField(_("รหัสหน่วยงาน"), max_length=32, unique=True)
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=300)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=300, blank=True)
    kind = models.CharField(_("ประเภท"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        thai = (get_language() or "th").startswith("th")
        return self.name_th if thai or not self.name_en else self.name_en
