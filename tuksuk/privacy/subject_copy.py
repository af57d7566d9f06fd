"""Everything Tuksuk holds about a household and its members, as the subject's own copy (PDPA s.30, s.31).

One ``collect`` builds the content; ``as_json`` writes it machine-readable (s.31 portability), ``as_xlsx`` as a
readable workbook in Thai, one sheet per part. The citizen ID appears in full here and nowhere else outside the
household page: it is the subject's own data. Evidence is listed (file type, phase, dates), never attached.
The access-log rows about the household are included: the subject has the right to know who opened their record.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable

from django.utils import timezone

from tuksuk.audit.models import AccessLogEntry
from tuksuk.cases.models import Action, Evidence, Story
from tuksuk.core import crypto
from tuksuk.core.thai import data_stamp, format_date, format_datetime
from tuksuk.households import citizen_id
from tuksuk.households.models import Household

FORMAT_VERSION = 1


def _iso(value):  # type: ignore[no-untyped-def]
    return value.isoformat() if value is not None else None


def _citizen_id(member) -> str:  # type: ignore[no-untyped-def]
    if not member.citizen_id_encrypted:
        return ""
    digits = crypto.decrypt(member.citizen_id_encrypted)
    return citizen_id.formatted(digits) if digits else ""


def collect(household: Household, member=None) -> dict:  # type: ignore[no-untyped-def]
    """The copy's content as plain JSON-ready data (dates ISO 8601)."""
    from tuksuk.portal.models import PublicItem

    stories = list(
        Story.objects.filter(household=household).select_related("category", "area").prefetch_related("indicators")
    )
    story_ids = [s.pk for s in stories]
    members = list(household.members.all())
    return {
        "format": "tuksuk-subject-copy",
        "version": FORMAT_VERSION,
        "made_at": timezone.now().isoformat(),
        "subject_member_id": member.pk if member is not None else None,
        "household": {
            "id": household.pk,
            "house_code": household.house_code,
            "house_no": household.house_no,
            "head_name": household.head_name,
            "village_code": household.village_id,
            "village": household.village.full_name,
            "member_count": household.member_count,
            "latitude": str(household.latitude) if household.latitude is not None else None,
            "longitude": str(household.longitude) if household.longitude is not None else None,
            "source": household.get_source_display(),
            "registered_at": _iso(household.created_at),
        },
        "members": [
            {
                "id": m.pk,
                "full_name": m.full_name,
                "sex": m.get_sex_display(),
                "birth_date": _iso(m.birth_date),
                "is_head": m.is_head,
                "citizen_id": _citizen_id(m),
                "vulnerable": m.vulnerable_labels,
            }
            for m in members
        ],
        "stories": [
            {
                "id": s.pk,
                "category": s.category.name_th,
                "indicators": [i.number for i in s.indicators.all()],
                "description": s.description,
                "status": s.get_status_display(),
                "reported_at": _iso(s.reported_at),
                "due_on": _iso(s.due_on),
                "resolved_at": _iso(s.resolved_at),
            }
            for s in stories
        ],
        "actions": [
            {
                "story_id": a.story_id,
                "done_on": _iso(a.done_on),
                "agency": a.agency.name_th if a.agency_id else "",
                "description": a.description,
                "dimension": a.get_dimension_display(),
                "cost": str(a.cost) if a.cost is not None else None,
            }
            for a in Action.objects.filter(story_id__in=story_ids).select_related("agency")
        ],
        "evidence": [
            {
                "story_id": e.story_id,
                "type": e.get_media_type_display(),
                "phase": e.get_phase_display(),
                "caption": e.caption,
                "uploaded_at": _iso(e.uploaded_at),
                "has_location": e.has_location,
            }
            for e in Evidence.objects.filter(story_id__in=story_ids)
        ],
        "public_items": [
            {
                "id": p.pk,
                "story_id": p.source_story_id,
                "title": p.title,
                "status": p.get_status_display(),
                "published_at": _iso(p.published_at),
            }
            for p in PublicItem.objects.filter(source_story_id__in=story_ids)
        ],
        "access_log": [
            {
                "at": _iso(e.at),
                "user": e.username,
                "action": e.get_action_display(),
                "record": e.object_type,
                "record_id": e.object_id,
            }
            for e in AccessLogEntry.objects.filter(household_id=household.pk).order_by("at", "id")
        ],
    }


def as_json(content: dict) -> bytes:
    return json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")


# Sheet title -> (part of the content, [(heading, key, how to show)]).
def _sheets() -> list[tuple[str, str, list[tuple[str, str, object]]]]:
    from django.utils.translation import gettext as _

    def date(value):  # type: ignore[no-untyped-def]
        if not value:
            return ""
        import datetime as dt

        parsed = dt.datetime.fromisoformat(value)
        if len(value) == 10:
            return format_date(parsed.date())
        return format_datetime(parsed)

    def yes(value):  # type: ignore[no-untyped-def]
        return _("ใช่") if value else ""

    def joined(value):  # type: ignore[no-untyped-def]
        return ", ".join(str(v) for v in value)

    plain = None
    return [
        (
            _("สมาชิก"),
            "members",
            [
                (_("ชื่อ-นามสกุล"), "full_name", plain),
                (_("เพศ"), "sex", plain),
                (_("วันเกิด"), "birth_date", date),
                (_("หัวหน้าครัวเรือน"), "is_head", yes),
                (_("เลขประจำตัวประชาชน"), "citizen_id", plain),
                (_("กลุ่มเปราะบาง"), "vulnerable", joined),
            ],
        ),
        (
            _("เรื่องราว"),
            "stories",
            [
                (_("เลขที่เรื่อง"), "id", plain),
                (_("ประเภทปัญหา"), "category", plain),
                (_("ตัวชี้วัด"), "indicators", joined),
                (_("รายละเอียด"), "description", plain),
                (_("สถานะ"), "status", plain),
                (_("รับเรื่องเมื่อ"), "reported_at", date),
                (_("แก้ไขแล้วเมื่อ"), "resolved_at", date),
            ],
        ),
        (
            _("การช่วยเหลือ"),
            "actions",
            [
                (_("เลขที่เรื่อง"), "story_id", plain),
                (_("วันที่ดำเนินการ"), "done_on", date),
                (_("หน่วยงาน"), "agency", plain),
                (_("สิ่งที่ดำเนินการ"), "description", plain),
                (_("มิติการช่วยเหลือ"), "dimension", plain),
                (_("ค่าใช้จ่าย (บาท)"), "cost", plain),
            ],
        ),
        (
            _("หลักฐาน"),
            "evidence",
            [
                (_("เลขที่เรื่อง"), "story_id", plain),
                (_("ชนิด"), "type", plain),
                (_("ก่อน/หลัง"), "phase", plain),
                (_("คำอธิบาย"), "caption", plain),
                (_("อัปโหลดเมื่อ"), "uploaded_at", date),
                (_("มีพิกัดในไฟล์"), "has_location", yes),
            ],
        ),
        (
            _("เรื่องเผยแพร่"),
            "public_items",
            [
                (_("เลขที่เรื่อง"), "story_id", plain),
                (_("หัวเรื่อง"), "title", plain),
                (_("สถานะ"), "status", plain),
                (_("เผยแพร่เมื่อ"), "published_at", date),
            ],
        ),
        (
            _("การเข้าถึงข้อมูล"),
            "access_log",
            [
                (_("เมื่อ"), "at", date),
                (_("ผู้ใช้"), "user", plain),
                (_("การกระทำ"), "action", plain),
                (_("ชนิดข้อมูล"), "record", plain),
                (_("รหัสข้อมูล"), "record_id", plain),
            ],
        ),
    ]


def _cells(row: dict, columns: Iterable) -> list:  # type: ignore[no-untyped-def]
    return [(show(row.get(key)) if show else row.get(key)) for _heading, key, show in columns]


def as_xlsx(content: dict) -> bytes:
    from django.utils.translation import gettext as _
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("ครัวเรือน")
    household = content["household"]
    sheet.append([_("สำเนาข้อมูลส่วนบุคคลที่ระบบ Tuksuk เก็บไว้")])
    sheet.append([data_stamp()])
    for label, key in (
        (_("รหัสบ้าน"), "house_code"),
        (_("บ้านเลขที่"), "house_no"),
        (_("ชื่อหัวหน้าครัวเรือน"), "head_name"),
        (_("หมู่บ้าน"), "village"),
        (_("จำนวนสมาชิก"), "member_count"),
        (_("ละติจูด"), "latitude"),
        (_("ลองจิจูด"), "longitude"),
        (_("ที่มา"), "source"),
    ):
        sheet.append([label, household.get(key)])
    for title, part, columns in _sheets():
        sheet = book.create_sheet(str(title)[:31])
        sheet.append([heading for heading, _key, _show in columns])
        for row in content[part]:
            sheet.append(_cells(row, columns))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
