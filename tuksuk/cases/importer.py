"""Importing stories with their households, exactly per ``docs/formats/stories-import.md``.

Two passes: every row is parsed and checked first (nothing written), then the valid rows are written in one
transaction through the same services the pages use. By default one bad row means nothing is written and every
error is reported; with ``skip_invalid`` the valid rows are written and the bad ones come back for a rejects file.
A dry run does all the work inside a transaction that is rolled back, so its counts are exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.areas.villages import village_code_error
from tuksuk.audit.choices import Source
from tuksuk.audit.context import acting
from tuksuk.core import crypto
from tuksuk.core.tabular import RowError, cell_digits, number_list, read_table
from tuksuk.core.thai import is_digits, parse_date
from tuksuk.households import citizen_id
from tuksuk.households.choices import HouseholdSource
from tuksuk.households.models import Household, Member
from tuksuk.households.services import MemberData, register_household, update_household
from tuksuk.indicators.models import Category, Indicator

from . import services
from .bulk import BulkWriter
from .choices import StoryEventKind, StorySource, StoryStatus
from .filekeys import FileKeys
from .models import Story

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
REQUIRED = ("story_ref", "reported_on", "house_code", "village_code", "head_name", "category")
IMPORT_STATUSES = (
    StoryStatus.NEW,
    StoryStatus.IN_PROGRESS,
    StoryStatus.RESOLVED,
    StoryStatus.CLOSED,
    StoryStatus.REFERRED,
)
BANGKOK = ZoneInfo("Asia/Bangkok")
TIME = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
HOUSE_CODE = re.compile(r"^[0-9]{11}$")
CHUNK = 2000  # rows read, checked and written together


@dataclass
class Row:
    number: int
    raw: dict[str, str]
    ref: str = ""
    reported_at: dt.datetime | None = None
    house_code: str = ""
    village_code: str = ""
    house_no: str = ""
    head_name: str = ""
    head_citizen_id: str = ""
    members: int | None = None
    category: int = 0
    indicators: list[int] = field(default_factory=list)
    status: str = StoryStatus.NEW
    description: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass
class ImportResult:
    header: list[str] = field(default_factory=list)
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected_rows: list[tuple[dict[str, str], str]] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def summary(self) -> str:
        return (
            f"read={self.read} created={self.created} updated={self.updated} unchanged={self.unchanged} "
            f"rejected={self.rejected}"
        )

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "written": self.written,
            "dry_run": self.dry_run,
            "errors": [
                {"row": e.row, "column": e.column, "value": e.value, "message": e.message} for e in self.errors[:500]
            ],
            "error_count": len(self.errors),
        }


class _Lookups:
    """Reference data read once per import."""

    def __init__(self) -> None:
        self.categories = {c.pk: c for c in Category.objects.all()}
        self.category_by_name = {c.name_th: c.pk for c in self.categories.values()}
        self.indicators = {i.pk: i for i in Indicator.objects.all()}
        self.statuses = {s.value: s.value for s in IMPORT_STATUSES} | {str(s.label): s.value for s in IMPORT_STATUSES}
        # Thai labels whatever the UI language of the importer.
        self.statuses |= {
            "ใหม่": "new",
            "กำลังดำเนินการ": "in_progress",
            "แก้ไขแล้ว": "resolved",
            "ปิดเรื่อง": "closed",
            "ส่งต่อ": "referred",
        }


def _parse(number: int, raw: dict[str, str], lookups: _Lookups) -> tuple[Row, list[RowError]]:
    row, errors = Row(number=number, raw=raw), []

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, raw.get(column, ""), message))

    for column in REQUIRED:
        if not raw.get(column, "").strip():
            error(column, _("ต้องระบุ"))
    row.ref = raw.get("story_ref", "").strip()
    if len(row.ref) > 64:
        error("story_ref", _("ยาวเกิน 64 ตัวอักษร"))
    if raw.get("reported_on", "").strip():
        try:
            day = parse_date(raw["reported_on"])
        except ValueError:
            error("reported_on", _("วันที่ไม่ถูกต้อง ใช้ 2022-08-29 หรือ 29/08/2565"))
        else:
            hour = minute = 0
            time_text = cell_digits(raw.get("reported_time", ""))
            if time_text:
                match = TIME.match(time_text)
                if not match or int(match[1]) > 23 or int(match[2]) > 59:
                    error("reported_time", _("เวลาไม่ถูกต้อง ใช้ HH:MM เช่น 09:30"))
                else:
                    hour, minute = int(match[1]), int(match[2])
            row.reported_at = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)
            if row.reported_at > timezone.now():
                error("reported_on", _("วันที่รับเรื่องต้องไม่เป็นอนาคต"))
    row.house_code = cell_digits(raw.get("house_code", ""))
    if row.house_code and not HOUSE_CODE.match(row.house_code):
        error("house_code", _("รหัสบ้านต้องเป็นตัวเลข 11 หลัก"))
    row.village_code = cell_digits(raw.get("village_code", ""))
    if row.village_code and (problem := village_code_error(row.village_code)):
        error("village_code", problem)
    row.house_no = raw.get("house_no", "").strip()[:20]
    row.head_name = " ".join(raw.get("head_name", "").split())
    if len(row.head_name) > 200:
        error("head_name", _("ยาวเกิน 200 ตัวอักษร"))
    if raw.get("head_citizen_id", "").strip():
        try:
            row.head_citizen_id = citizen_id.normalize(raw["head_citizen_id"])
        except citizen_id.InvalidCitizenId as exc:
            error("head_citizen_id", str(exc))
    if raw.get("members", "").strip():
        text = cell_digits(raw["members"])
        if not is_digits(text) or not 1 <= int(text) <= 99:
            error("members", _("จำนวนสมาชิกต้องเป็นตัวเลข 1–99"))
        else:
            row.members = int(text)
    category = cell_digits(raw.get("category", ""))
    if category:
        if is_digits(category) and int(category) in lookups.categories:
            row.category = int(category)
        elif category in lookups.category_by_name:
            row.category = lookups.category_by_name[category]
        else:
            error("category", _("ประเภทปัญหาต้องเป็น 1–7 หรือชื่อประเภทภาษาไทย"))
    row.indicators = number_list(
        raw.get("indicators", ""),
        lookups.indicators,
        lambda value: error("indicators", _("ตัวชี้วัด “%(value)s” ไม่มี ต้องเป็นเลข 1–37") % {"value": value}),
    )
    status = raw.get("status", "").strip()
    if status:
        if status in lookups.statuses:
            row.status = lookups.statuses[status]
        else:
            error("status", _("สถานะต้องเป็น new, in_progress, resolved, closed หรือ referred"))
    row.description = raw.get("description", "").strip()
    lat_text, lon_text = cell_digits(raw.get("latitude", "")), cell_digits(raw.get("longitude", ""))
    if bool(lat_text) != bool(lon_text):
        error("latitude" if not lat_text else "longitude", _("ต้องระบุทั้งละติจูดและลองจิจูด"))
    elif lat_text:
        for column, text, low, high in (("latitude", lat_text, 5, 21), ("longitude", lon_text, 97, 106)):
            try:
                value = Decimal(text)
            except InvalidOperation:
                error(column, _("ต้องเป็นตัวเลขทศนิยม"))
                continue
            if not low <= value <= high:
                error(column, _("พิกัดอยู่นอกประเทศไทย (ต้องอยู่ระหว่าง %(low)s–%(high)s)") % {"low": low, "high": high})
            else:
                setattr(row, column, value.quantize(Decimal("0.000001")))
    return row, errors


def _check_against_database(rows: list[Row], actor, errors_by_row: dict[int, list[RowError]], keys: FileKeys) -> None:  # type: ignore[no-untyped-def]
    """Checks that need the database or the rest of the file: tambons exist, scope, households and stories owned
    elsewhere, a house code in two villages, one citizen ID in two houses."""
    scope = scope_for(actor)

    def error(row: Row, column: str, message: str) -> None:
        errors_by_row.setdefault(row.number, []).append(RowError(row.number, column, row.raw.get(column, ""), message))

    tambons = set(
        Area.objects.filter(level=AreaLevel.SUBDISTRICT, code__in={r.village_code[:6] for r in rows}).values_list(
            "code", flat=True
        )
    )
    households = {
        h.house_code: h
        for h in Household.objects.filter(house_code__in={r.house_code for r in rows}).only("house_code", "village")
    }
    stories = {
        s.ref: s
        for s in Story.objects.filter(ref__in={r.ref for r in rows})
        .select_related("household")
        .only("ref", "area", "household__house_code")
    }
    hashes = {r.number: crypto.keyed_hash(r.head_citizen_id) for r in rows if r.head_citizen_id}
    owners = dict(
        Member.objects.filter(citizen_id_hash__in=set(hashes.values())).values_list(
            "citizen_id_hash", "household__house_code"
        )
    )
    first_of_house = keys.first_rows_of_houses((int(r.house_code), r.number, r.village_code) for r in rows)
    first_house_of_id = keys.first_houses_of_citizen_ids(
        (digest, r.house_code) for r in rows if (digest := hashes.get(r.number)) and digest not in owners
    )
    for row in rows:
        if row.village_code[:6] not in tambons:
            error(row, "village_code", _("ไม่พบตำบลรหัส %(code)s") % {"code": row.village_code[:6]})
        elif not scope.can_write_in(row.village_code):
            error(row, "village_code", _("หมู่บ้านนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ"))
        first, village = first_of_house[int(row.house_code)]
        if first != row.number and village != row.village_code:
            error(row, "village_code", _("รหัสบ้านเดียวกับแถว %(row)d แต่หมู่บ้านต่างกัน") % {"row": first})
        household = households.get(row.house_code)
        if household and household.village_id != row.village_code:
            error(row, "village_code", _("ครัวเรือนรหัสนี้ลงทะเบียนอยู่ในหมู่บ้าน %(code)s แล้ว") % {"code": household.village_id})
        if row.number in hashes:
            digest = hashes[row.number]
            owner = owners.get(digest) or first_house_of_id[digest]
            if owner != row.house_code:
                error(row, "head_citizen_id", _("เลขประจำตัวประชาชนนี้อยู่ในครัวเรือนอื่นแล้ว"))
        story = stories.get(row.ref)
        if story and not scope.covers(story.area_id):
            error(row, "story_ref", _("story_ref นี้เป็นเรื่องในพื้นที่อื่น"))
        elif story and story.household.house_code != row.house_code:
            error(
                row, "story_ref", _("story_ref นี้เป็นเรื่องของครัวเรือนอื่น (%(code)s)") % {"code": story.household.house_code}
            )


def _write_row(row: Row, actor, lookups: _Lookups) -> str:  # type: ignore[no-untyped-def]
    """Write one valid row of a registered household (its village exists: ``BulkWriter`` adds missing villages
    for the whole chunk first); returns ``created``, ``updated`` or ``unchanged``."""
    household = Household.objects.filter(house_code=row.house_code).first()
    household_changed = False
    if household is None:
        head = [MemberData(full_name=row.head_name, is_head=True, citizen_id=row.head_citizen_id)]
        household = register_household(
            actor=actor,
            village_code=row.village_code,
            house_code=row.house_code,
            head_name=row.head_name,
            house_no=row.house_no,
            member_count=row.members,
            latitude=row.latitude,
            longitude=row.longitude,
            members=head,
            source=HouseholdSource.IMPORT,
        )
    else:
        changes = {
            name: value
            for name, value in (
                ("head_name", row.head_name),
                ("house_no", row.house_no),
                ("member_count", row.members),
                ("latitude", row.latitude),
                ("longitude", row.longitude),
            )
            if value not in (None, "") and getattr(household, name) != value
        }
        if changes:
            update_household(household, actor=actor, **changes)
            household_changed = True
        if (
            row.head_citizen_id
            and not household.members.filter(citizen_id_hash=crypto.keyed_hash(row.head_citizen_id)).exists()
        ):
            from tuksuk.households.services import add_member

            add_member(
                household,
                MemberData(
                    full_name=row.head_name,
                    is_head=not household.members.filter(is_head=True).exists(),
                    citizen_id=row.head_citizen_id,
                ),
                actor=actor,
            )
            household_changed = True
    category = lookups.categories[row.category]
    indicators = [lookups.indicators[n] for n in row.indicators]
    story = Story.objects.filter(ref=row.ref).first()
    if story is None:
        story = services.record_story(
            household,
            actor=actor,
            category=category,
            indicators=indicators,
            description=row.description,
            reported_at=row.reported_at,
            ref=row.ref,
            source=StorySource.IMPORT,
        )
        if row.status != StoryStatus.NEW:
            services.change_status(story, row.status, actor=actor, note=_("นำเข้าจากไฟล์"), enforce_workflow=False)
        return "created"
    changed = services.update_story(
        story,
        actor=actor,
        category=category,
        indicators=indicators,
        description=row.description,
        kind=StoryEventKind.IMPORTED,
    )
    if row.reported_at and story.reported_at != row.reported_at:
        story.reported_at = row.reported_at
        story.save(update_fields=["reported_at", "updated_at"])
        changed = True
    if story.status != row.status:
        services.change_status(story, row.status, actor=actor, note=_("นำเข้าจากไฟล์"), enforce_workflow=False)
        changed = True
    return "updated" if changed or household_changed else "unchanged"


def _chunks(
    body: Iterator[tuple[int, dict[str, str]]], size: int = CHUNK
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    chunk: list[tuple[int, dict[str, str]]] = []
    for item in body:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parsed(
    chunk: list[tuple[int, dict[str, str]]], lookups: _Lookups, keys: FileKeys, errors_by_row: dict
) -> list[Row]:  # type: ignore[type-arg]
    parsed = [_parse(number, raw, lookups) for number, raw in chunk]
    first_of_ref = keys.first_rows_of_refs((row.ref, row.number) for row, _errors in parsed if row.ref)
    for row, errors in parsed:
        first = first_of_ref.get(row.ref, row.number) if row.ref else row.number
        if first != row.number:
            errors.append(RowError(row.number, "story_ref", row.ref, _("story_ref ซ้ำกับแถว %(row)d") % {"row": first}))
        if errors:
            errors_by_row[row.number] = errors
    return [row for row, _errors in parsed]


@acting(Source.IMPORT)
def import_stories(
    handle: IO[bytes],
    name: str,
    *,
    actor,
    dry_run: bool = False,
    skip_invalid: bool = False,  # type: ignore[no-untyped-def]
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import a stories file (CSV or XLSX). Raises ``FileError`` when the file as a whole cannot be read.

    The file is read twice, a chunk of rows at a time, so memory stays flat whatever its size: first every row is
    checked (nothing written), then the valid rows are written in one transaction. In the writing pass, rows that
    make a new household with new stories are written in bulk (see ``bulk.py``); rows that change records already
    in the database go through the services one by one, as the pages do.
    """
    header, body = read_table(handle, name, columns=COLUMNS, required=REQUIRED)
    result = ImportResult(header=header, dry_run=dry_run)
    lookups = _Lookups()
    errors_by_row: dict[int, list[RowError]] = {}
    rejected: list[tuple[int, dict[str, str], str]] = []  # (row number, row as read, why) with skip_invalid
    with FileKeys() as keys:
        for chunk in _chunks(body):
            rows = _parsed(chunk, lookups, keys, errors_by_row)
            _check_against_database([r for r in rows if r.number not in errors_by_row], actor, errors_by_row, keys)
            result.read += len(rows)
            if skip_invalid:
                rejected += [
                    (r.number, r.raw, "; ".join(f"{e.column}: {e.message}" for e in errors_by_row[r.number]))
                    for r in rows
                    if r.number in errors_by_row
                ]
    result.errors = [e for n in sorted(errors_by_row) for e in errors_by_row[n]]
    if errors_by_row and not skip_invalid:
        result.rejected = result.read
        return result
    refused: dict[int, str] = {}
    valid_total = result.read - len(errors_by_row)
    done = 0
    with transaction.atomic():
        writer = BulkWriter(actor, lookups)
        _header, body = read_table(handle, name, columns=COLUMNS, required=REQUIRED)
        for chunk in _chunks(body):
            rows = [r for r in (_parse(n, raw, lookups)[0] for n, raw in chunk) if r.number not in errors_by_row]
            outcomes = writer.write(rows, one_by_one=_write_row, refused=refused, stop_at_first=not skip_invalid)
            if refused and not skip_invalid:
                transaction.set_rollback(True)
                break
            for outcome, count in outcomes.items():
                setattr(result, outcome, getattr(result, outcome) + count)
            done += len(rows)
            if progress:
                progress(done, valid_total)
        if dry_run:
            transaction.set_rollback(True)
    for number, message in refused.items():
        result.errors.append(RowError(number, "", "", message))
    result.errors.sort(key=lambda e: e.row)
    if refused and not skip_invalid:  # a row refused while writing: everything was rolled back
        result.created = result.updated = result.unchanged = 0
        result.rejected = result.read
        return result
    if refused:
        rejected += _raw_rows(handle, name, refused)
    result.rejected_rows = [(raw, why) for _n, raw, why in sorted(rejected, key=lambda r: r[0])]
    result.rejected = len(errors_by_row) + len(refused)
    result.written = not dry_run and (result.created + result.updated) > 0
    return result


def _raw_rows(handle: IO[bytes], name: str, messages: dict[int, str]) -> list[tuple[int, dict[str, str], str]]:
    """The rows (as read) refused while writing, with their reasons, for the rejects file."""
    _header, body = read_table(handle, name, columns=COLUMNS, required=REQUIRED)
    return [(number, raw, messages[number]) for number, raw in body if number in messages]


def write_rejects(result: ImportResult, handle: IO[str]) -> None:
    """The rejected rows with their columns as read plus ``error``: fix and import again."""
    columns = [c for c in result.header if c] + ["error"]
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for raw, message in result.rejected_rows:
        writer.writerow({**raw, "error": message})
