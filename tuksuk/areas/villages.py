"""Villages (หมู่บ้าน) from a DOPA village file: ``village_code`` (8 digits: tambon code + หมู่ที่ 01–99),
optional ``name_th`` and ``name_en``. All or nothing: one bad row and nothing is written, with every error listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from tuksuk.core.tabular import RowError, read_table
from tuksuk.core.thai import to_arabic_digits

from .choices import AreaLevel, AreaSource
from .models import Area

COLUMNS = ("village_code", "name_th", "name_en")
VILLAGE_CODE = re.compile(r"^[0-9]{8}$")


@dataclass
class VillageLoad:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def village_code_error(code: str) -> str | None:
    """Why ``code`` is not a valid village code, or None (the tambon's existence is checked separately)."""
    if not VILLAGE_CODE.match(code):
        return _("รหัสหมู่บ้านต้องเป็นตัวเลข 8 หลัก (รหัสตำบล 6 หลัก + หมู่ที่ 2 หลัก)")
    if code.endswith("00"):
        return _("หมู่ที่ต้องอยู่ระหว่าง 01–99")
    return None


def load_villages(handle: IO[bytes], name: str, *, dry_run: bool = False) -> VillageLoad:
    _header, rows = read_table(handle, name, columns=COLUMNS, required=("village_code",))
    result = VillageLoad()
    wanted: dict[str, tuple[int, str, str]] = {}
    for number, row in rows:
        result.read += 1
        code = to_arabic_digits(row["village_code"]).replace("-", "").replace(" ", "")
        if problem := village_code_error(code):
            result.errors.append(RowError(number, "village_code", row["village_code"], problem))
        elif code in wanted:
            message = _("รหัสซ้ำกับแถว %(row)d") % {"row": wanted[code][0]}
            result.errors.append(RowError(number, "village_code", code, message))
        else:
            wanted[code] = (number, row.get("name_th", ""), row.get("name_en", ""))
    tambons = set(
        Area.objects.filter(level=AreaLevel.SUBDISTRICT, code__in={c[:6] for c in wanted}).values_list(
            "code", flat=True
        )
    )
    for code, (number, _th, _en) in wanted.items():
        if code[:6] not in tambons:
            message = _("ไม่พบตำบลรหัส %(code)s") % {"code": code[:6]}
            result.errors.append(RowError(number, "village_code", code, message))
    if result.errors:
        result.errors.sort(key=lambda e: e.row)
        return result
    existing = Area.objects.in_bulk(list(wanted))
    new, changed = [], []
    for code, (_number, name_th, name_en) in wanted.items():
        village = existing.get(code)
        if village is None:
            new.append(
                Area(
                    code=code,
                    level=AreaLevel.VILLAGE,
                    parent_id=code[:6],
                    name_th=name_th,
                    name_en=name_en,
                    source=AreaSource.IMPORT,
                )
            )
        elif (name_th and name_th != village.name_th) or (name_en and name_en != village.name_en):
            village.name_th, village.name_en = name_th or village.name_th, name_en or village.name_en
            changed.append(village)
        else:
            result.unchanged += 1
    result.created, result.updated = len(new), len(changed)
    if not dry_run:
        with transaction.atomic():
            # Reference geography from a DOPA file: counted in the command output, not in the change log.
            Area.objects.bulk_create(new, batch_size=2000)
            Area.objects.bulk_update(changed, ["name_th", "name_en"], batch_size=2000)
    return result
