from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    """Levels of the hierarchy, from the top. Regions and provincial groups have Tuksuk codes (R1, G01);
    provinces and below have official DOPA codes (2, 4, 6 and 8 digits)."""

    REGION = "region", _("ภาค")
    GROUP = "group", _("กลุ่มจังหวัด")
    PROVINCE = "province", _("จังหวัด")
    DISTRICT = "district", _("อำเภอ")
    SUBDISTRICT = "subdistrict", _("ตำบล")
    VILLAGE = "village", _("หมู่บ้าน")


LEVEL_ORDER = [level.value for level in AreaLevel]
CHILD_LEVEL = dict(zip(LEVEL_ORDER, [*LEVEL_ORDER[1:], None], strict=True))
# Length of the DOPA code at each official level.
CODE_LENGTH = {AreaLevel.PROVINCE: 2, AreaLevel.DISTRICT: 4, AreaLevel.SUBDISTRICT: 6, AreaLevel.VILLAGE: 8}


class PilotLevel(models.TextChoices):
    PROVINCE = "province", _("อำเภอนำร่องระดับจังหวัด")
    GROUP = "group", _("อำเภอนำร่องระดับกลุ่มจังหวัด")


class AreaSource(models.TextChoices):
    REFERENCE = "reference", _("ข้อมูลอ้างอิง")
    IMPORT = "import", _("นำเข้าข้อมูล")
    MANUAL = "manual", _("เพิ่มโดยผู้ดูแล")
