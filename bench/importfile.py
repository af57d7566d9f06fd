"""The stories file the import measure loads: deterministic, valid per docs/formats/stories-import.md.

Rows go to villages numbered ``first_village`` and up (generated national data uses 50 and up, real and demo
villages rarely pass 40), 100 households per village, two stories per household, spread evenly over the tambons
given, so the file touches thousands of areas as a national hand-over would. No citizen IDs: their uniqueness
against the generated members would make the file depend on the dataset.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

COLUMNS = (
    "story_ref",
    "reported_on",
    "reported_time",
    "house_code",
    "village_code",
    "house_no",
    "head_name",
    "head_citizen_id",
    "members",
    "category",
    "indicators",
    "status",
    "description",
    "latitude",
    "longitude",
)
HOUSEHOLDS_PER_VILLAGE = 100
STORIES_PER_HOUSEHOLD = 2
FIRST_NAMES = ["สมชาย", "สมศรี", "บุญมี", "มาลี", "ประเสริฐ", "อรุณี", "สุนทร", "จันทร์เพ็ญ", "วิชัย", "ทองใบ"]
SURNAMES = ["ใจดี", "ศรีสุข", "บุญมา", "ทองดี", "แก้วกาญจนา", "พรหมมา", "สายทอง", "มีสุข", "ชัยมงคล", "วงศ์ไทย"]
TITLES = {"สมชาย": "นาย", "บุญมี": "นาย", "ประเสริฐ": "นาย", "สุนทร": "นาย", "วิชัย": "นาย"}
DESCRIPTIONS = [
    "หลังคารั่ว ฝาผนังผุ",
    "ไม่มีน้ำประปาใช้ในหน้าแล้ง",
    "บุตรหลานขาดเรียนเพราะไม่มีค่าเดินทาง",
    "รายได้ไม่พอ มีหนี้นอกระบบ",
    "ผู้สูงอายุอยู่ลำพัง ไม่มีผู้ดูแล",
    "",
]
STATUSES = ["new"] * 5 + ["in_progress"] * 3 + ["resolved", "closed", "referred"]


def write_file(
    path: Path, rows: int, tambons: Sequence[str], *, tag: str, first_village: int, seed: int = 9
) -> dict[str, int]:
    """Write ``rows`` story rows to ``path``; returns how many rows, households and villages it holds."""
    if not tambons:
        raise ValueError("no tambons to import into")
    rng = random.Random(f"{seed}-{tag}")  # noqa: S311  (repeatable test data, not secrets)
    households = -(-rows // STORIES_PER_HOUSEHOLD)
    villages = -(-households // HOUSEHOLDS_PER_VILLAGE)
    if villages > len(tambons) * 5:
        raise ValueError(f"{rows} rows need more than five villages in each of {len(tambons)} tambons")
    step = max(1, len(tambons) // villages) if villages <= len(tambons) else 1
    today = dt.date.today()
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(COLUMNS)
        for v in range(villages):
            tambon = tambons[(v * step) % len(tambons)]
            village = f"{tambon}{first_village + v // len(tambons):02d}"
            for h in range(1, HOUSEHOLDS_PER_VILLAGE + 1):
                first = rng.choice(FIRST_NAMES)
                head = f"{TITLES.get(first, 'นาง')}{first} {rng.choice(SURNAMES)}"
                members = rng.randint(1, 6)
                for s in range(STORIES_PER_HOUSEHOLD):
                    if written == rows:
                        return {"rows": written, "households": households, "villages": villages}
                    written += 1
                    day = today - dt.timedelta(days=rng.randint(1, 330))
                    category = rng.randint(1, 7)
                    indicators = ";".join(str(n) for n in sorted(rng.sample(range(1, 38), rng.randint(0, 3))))
                    out.writerow(
                        (
                            f"BIMP-{tag}-{written}",
                            day.isoformat(),
                            f"{rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}",
                            f"{village}{h:03d}",
                            village,
                            f"{h}/{s + 1}",
                            head,
                            "",
                            members,
                            category,
                            indicators,
                            rng.choice(STATUSES),
                            rng.choice(DESCRIPTIONS),
                            "",
                            "",
                        )
                    )
    return {"rows": written, "households": households, "villages": villages}
