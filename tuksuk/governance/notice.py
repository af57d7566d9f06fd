"""The privacy notice (ประกาศความเป็นส่วนตัว, PDPA s.23) and the contact of the data protection officer."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# PDPA s.30: a request to exercise a right is answered within 30 days of receipt.
RESPONSE_DAYS = 30

DEFAULT_DPO_CONTACT = _(
    "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) สำนักงานปลัดกระทรวงมหาดไทย ถนนอัษฎางค์ เขตพระนคร กรุงเทพมหานคร 10200 "
    "หรือติดต่อผ่านที่ว่าการอำเภอในพื้นที่ของท่าน"
)


def dpo_contact() -> str:
    """The DPO's contact as the operator set it (``TUKSUK_DPO_CONTACT``), else the ministry's default text."""
    return (getattr(settings, "TUKSUK_DPO_CONTACT", "") or "").strip() or str(DEFAULT_DPO_CONTACT)
