"""Thai citizen IDs (เลขประจำตัวประชาชน): validation, masking, and who may see them whole.

13 digits; the last is a check digit: (11 - (Σ digit_i × (13 - i) for i = 0..11) mod 11) mod 10.
Shown as ``1-2345-67890-12-3``; masked as ``x-xxxx-xxxxx-12-3`` for everyone whose role does not need the number.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import scope_for
from tuksuk.core.thai import is_digits, to_arabic_digits

# Roles that work with households by name and number: they see the whole ID.
ROLES_SEEING_CITIZEN_ID = frozenset({Role.MINISTRY_ADMIN, Role.DISTRICT_CHIEF, Role.DISTRICT_TEAM, Role.FIELD_WORKER})


class InvalidCitizenId(ValueError):
    pass


def check_digit(first12: str) -> int:
    return (11 - sum(int(d) * (13 - i) for i, d in enumerate(first12)) % 11) % 10


def normalize(text: str) -> str:
    """Digits only (dashes, spaces and Thai digits allowed in the input). Raises ``InvalidCitizenId``."""
    digits = "".join(ch for ch in to_arabic_digits(text or "") if ch not in "- ")
    if len(digits) != 13 or not is_digits(digits):
        raise InvalidCitizenId(_("เลขประจำตัวประชาชนต้องมี 13 หลัก"))
    if digits[0] == "0":
        raise InvalidCitizenId(_("เลขประจำตัวประชาชนขึ้นต้นด้วย 0 ไม่ได้"))
    if check_digit(digits[:12]) != int(digits[12]):
        raise InvalidCitizenId(_("เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)"))
    return digits


def formatted(digits: str) -> str:
    return f"{digits[0]}-{digits[1:5]}-{digits[5:10]}-{digits[10:12]}-{digits[12]}"


def masked(last3: str) -> str:
    return f"x-xxxx-xxxxx-{last3[:2]}-{last3[2:]}" if len(last3) == 3 else ""


def may_see_citizen_id(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(scope_for(user).roles & ROLES_SEEING_CITIZEN_ID)
