"""Importing district projects and their activities, exactly per ``docs/formats/projects-import.md``.

Two files, ``projects.csv`` and ``activities.csv`` (either may be left out), handled like the stories import: every
row of both files is parsed and checked first (nothing written), then the valid rows are written in one transaction
through ``tuksuk.projects.services``: projects first, then activities. By default one bad row in either file means
nothing is written and every error of both files is reported; with ``skip_invalid`` the valid rows are written and
the bad ones come back for a rejects file (an activity whose project row was rejected is rejected too). A dry run
does all the work inside a transaction that is rolled back, so its counts are exact.

A column missing from a file's header leaves that field of existing records as it is; a column present with an
empty cell clears it. The exporter writes every column, so an export re-imports unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import scope_for
from tuksuk.agencies.models import Agency
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.audit.choices import Source
from tuksuk.audit.context import acting
from tuksuk.cases.importer import ImportResult
from tuksuk.core.errors import user_message
from tuksuk.core.tabular import FileError, RowError, cell_digits, code_list, number_list, read_table
from tuksuk.core.thai import is_digits, parse_date
from tuksuk.indicators.models import Indicator, SdgGoal

from . import services
from .choices import (
    CATEGORY_NAMES_TH,
    ActivityStatus,
    BudgetSource,
    PartnerNetwork,
    ProjectCategory,
    ProjectEventKind,
    Timeframe,
    ValueChain,
)
from .models import Activity, Project

PROJECT_COLUMNS = (
    "project_ref",
    "district_code",
    "title",
    "category",
    "fiscal_year",
    "timeframe",
    "start_on",
    "end_on",
    "one_plan_code",
    "sdg_goals",
    "thaiqm_indicators",
    "brief",
)
PROJECT_REQUIRED = ("project_ref", "district_code", "title", "category", "fiscal_year")
ACTIVITY_COLUMNS = (
    "activity_ref",
    "project_ref",
    "title",
    "value_chain",
    "agencies",
    "partner_networks",
    "budget_baht",
    "budget_source",
    "target_households",
    "status",
)
ACTIVITY_REQUIRED = ("activity_ref", "project_ref", "title")
# Records made on the pages have no sender's ref; the exporter names them so and the importer finds them by id.
PROJECT_REF_PREFIX = "TUKSUK-P"
ACTIVITY_REF_PREFIX = "TUKSUK-A"
DISTRICT_CODE = re.compile(r"^[0-9]{4}$")
# 1250000.50 or 1,250,000.50 (commas only as thousands separators).
AMOUNT = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$")
MAX_BAHT = Decimal("999999999999.99")  # BudgetLine.planned: 14 digits, 2 decimals
MAX_HOUSEHOLDS = 2_147_483_647
ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass
class ProjectRow:
    number: int
    raw: dict[str, str]
    ref: str = ""
    district_code: str = ""
    title: str = ""
    category: int = 0
    fiscal_year: int = 0
    timeframe: str = ""
    start_on: dt.date | None = None
    end_on: dt.date | None = None
    one_plan_code: str = ""
    sdg_goals: list[int] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)
    brief: str = ""


@dataclass
class ActivityRow:
    number: int
    raw: dict[str, str]
    ref: str = ""
    project_ref: str = ""
    title: str = ""
    value_chain: str = ""
    agencies: list[str] = field(default_factory=list)
    partner_networks: list[str] = field(default_factory=list)
    budget: Decimal | None = None
    budget_source: str = ""  # a BudgetSource code, "" when the cell is empty
    source_detail: str | None = None  # None: keep the existing line's detail
    target_households: int | None = None
    status: str = ""  # "" when the cell is empty: planned for a new activity, unchanged otherwise


@dataclass
class FileResult(ImportResult):
    """The outcome of one of the two files; ``label`` is ``projects`` or ``activities``, ``name`` the file's."""

    label: str = ""
    name: str = ""

    @property
    def summary(self) -> str:
        return f"{self.label}: {super().summary}"

    def as_dict(self) -> dict:
        return {"file": self.name, **super().as_dict()}


@dataclass
class ProjectImportResult:
    projects: FileResult
    activities: FileResult
    dry_run: bool = False

    @property
    def files(self) -> tuple[FileResult, FileResult]:
        return self.projects, self.activities

    @property
    def rejected(self) -> int:
        return self.projects.rejected + self.activities.rejected

    @property
    def written(self) -> bool:
        return self.projects.written or self.activities.written

    @property
    def summary_lines(self) -> list[str]:
        return [f.summary for f in self.files]

    @property
    def summary(self) -> str:
        return "\n".join(self.summary_lines)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "written": self.written,
            "rejected": self.rejected,
            "projects": self.projects.as_dict(),
            "activities": self.activities.as_dict(),
        }


def _thai_labels(choices, thai: dict[str, str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Codes, their labels in the UI language, and their Thai labels whatever the UI language."""
    return {c.value: c.value for c in choices} | {str(c.label): c.value for c in choices} | thai


class _Lookups:
    """Reference data read once per import."""

    def __init__(self) -> None:
        self.sdg_goals = set(SdgGoal.objects.values_list("number", flat=True))
        self.indicators = set(Indicator.objects.values_list("number", flat=True))
        self.agencies = {code.upper(): code for code in Agency.objects.values_list("code", flat=True)}
        self.categories = {c.value for c in ProjectCategory}
        self.category_by_name = {name: number for number, name in CATEGORY_NAMES_TH.items()} | {
            str(c.label): c.value for c in ProjectCategory
        }
        self.timeframes = {t.value for t in Timeframe}
        self.value_chains = _thai_labels(
            ValueChain, {"ต้นทาง": "upstream", "กลางทาง": "midstream", "ปลายทาง": "downstream"}
        )
        self.networks = _thai_labels(
            PartnerNetwork,
            {
                "ภาคราชการ": "government",
                "ภาคเอกชน": "private",
                "ภาควิชาการ": "academic",
                "ภาคศาสนา": "religious",
                "ภาคประชาชน": "citizen",
                "ภาคประชาสังคม": "civil_society",
                "ภาคสื่อสารมวลชน": "media",
            },
        )
        self.budget_sources = _thai_labels(
            BudgetSource,
            {
                "งบประมาณกรม": "department",
                "งบประมาณจังหวัด": "province",
                "งบประมาณกลุ่มจังหวัด": "provincial_group",
                "งบประมาณองค์กรปกครองส่วนท้องถิ่น": "local_government",
                "ภาคเอกชน": "private",
                "แหล่งอื่น": "other",
                "ไม่ใช้งบประมาณ": "none_needed",
            },
        )
        self.statuses = _thai_labels(
            ActivityStatus,
            {"วางแผน": "planned", "กำลังดำเนินการ": "in_progress", "เสร็จสิ้น": "done", "ยกเลิก": "cancelled"},
        )


def _date(raw: dict[str, str], column: str, error: Callable[[str, str], None]) -> dt.date | None:
    if not raw.get(column, "").strip():
        return None
    try:
        return parse_date(raw[column])
    except ValueError:
        error(column, _("วันที่ไม่ถูกต้อง ใช้ 2022-10-01 หรือ 01/10/2565"))
        return None


def _parse_project(number: int, raw: dict[str, str], lookups: _Lookups) -> tuple[ProjectRow, list[RowError]]:
    row, errors = ProjectRow(number=number, raw=raw), []

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, raw.get(column, ""), message))

    for column in PROJECT_REQUIRED:
        if not raw.get(column, "").strip():
            error(column, _("ต้องระบุ"))
    row.ref = raw.get("project_ref", "").strip()
    if len(row.ref) > 64:
        error("project_ref", _("ยาวเกิน 64 ตัวอักษร"))
    row.district_code = cell_digits(raw.get("district_code", ""))
    if row.district_code and not DISTRICT_CODE.match(row.district_code):
        error("district_code", _("รหัสอำเภอต้องเป็นตัวเลข 4 หลัก"))
    row.title = raw.get("title", "").strip()
    if len(row.title) > 300:
        error("title", _("ยาวเกิน 300 ตัวอักษร"))
    category = cell_digits(raw.get("category", ""))
    if category:
        if is_digits(category) and int(category) in lookups.categories:
            row.category = int(category)
        elif category in lookups.category_by_name:
            row.category = lookups.category_by_name[category]
        else:
            error("category", _("ประเภทโครงการต้องเป็นเลข 1–5"))
    year = cell_digits(raw.get("fiscal_year", ""))
    if year:
        if is_digits(year) and 2500 <= int(year) <= 2700:
            row.fiscal_year = int(year)
        elif is_digits(year) and 1900 <= int(year) <= 2200:
            error(
                "fiscal_year",
                _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น %(be)d (ไม่ใช่ ค.ศ. %(year)s)") % {"be": int(year) + 543, "year": year},
            )
        else:
            error("fiscal_year", _("ปีงบประมาณต้องเป็นปี พ.ศ. 2500–2700 เช่น 2565"))
    row.timeframe = raw.get("timeframe", "").strip()
    if row.timeframe and row.timeframe not in lookups.timeframes:
        error("timeframe", _("กรอบเวลาต้องเป็น quick_win หรือ long_term"))
    row.start_on = _date(raw, "start_on", error)
    row.end_on = _date(raw, "end_on", error)
    if row.start_on and row.end_on and row.end_on < row.start_on:
        error("end_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
    row.one_plan_code = raw.get("one_plan_code", "").strip()
    if len(row.one_plan_code) > 100:
        error("one_plan_code", _("ยาวเกิน 100 ตัวอักษร"))
    row.sdg_goals = number_list(
        raw.get("sdg_goals", ""),
        lookups.sdg_goals,
        lambda part: error("sdg_goals", _("เป้าหมาย SDG “%(value)s” ไม่มี ต้องเป็นเลข 1–17") % {"value": part}),
    )
    row.indicators = number_list(
        raw.get("thaiqm_indicators", ""),
        lookups.indicators,
        lambda part: error("thaiqm_indicators", _("ตัวชี้วัด “%(value)s” ไม่มี ต้องเป็นเลข 1–37") % {"value": part}),
    )
    row.brief = raw.get("brief", "").strip()
    return row, errors


def parse_baht(text: str) -> Decimal:
    """``"1,250,000.50"`` (Thai digits too) → ``Decimal("1250000.50")``; never a float. Raises ValueError."""
    text = cell_digits(text)
    if text.startswith("-"):
        raise ValueError(_("งบประมาณต้องไม่ติดลบ"))
    if not AMOUNT.match(text):
        raise ValueError(_("งบประมาณต้องเป็นตัวเลข เช่น 1250000 หรือ 1,250,000.50"))
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(_("งบประมาณต้องเป็นตัวเลข เช่น 1250000 หรือ 1,250,000.50")) from None
    if value != value.quantize(CENT):
        raise ValueError(_("งบประมาณมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง"))
    if value > MAX_BAHT:
        raise ValueError(_("งบประมาณมากเกินไป"))
    return value.quantize(CENT)


def _parse_activity(number: int, raw: dict[str, str], lookups: _Lookups) -> tuple[ActivityRow, list[RowError]]:
    row, errors = ActivityRow(number=number, raw=raw), []

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, raw.get(column, ""), message))

    for column in ACTIVITY_REQUIRED:
        if not raw.get(column, "").strip():
            error(column, _("ต้องระบุ"))
    row.ref = raw.get("activity_ref", "").strip()
    if len(row.ref) > 64:
        error("activity_ref", _("ยาวเกิน 64 ตัวอักษร"))
    row.project_ref = raw.get("project_ref", "").strip()
    row.title = raw.get("title", "").strip()
    if len(row.title) > 300:
        error("title", _("ยาวเกิน 300 ตัวอักษร"))
    value_chain = raw.get("value_chain", "").strip()
    if value_chain:
        if value_chain in lookups.value_chains:
            row.value_chain = lookups.value_chains[value_chain]
        else:
            error("value_chain", _("ห่วงโซ่คุณค่าต้องเป็น upstream, midstream หรือ downstream (ต้นทาง/กลางทาง/ปลายทาง)"))
    row.agencies = code_list(
        raw.get("agencies", ""),
        lookups.agencies,
        lambda part: error("agencies", _("ไม่พบหน่วยงานรหัส “%(value)s” ในทะเบียนหน่วยงาน") % {"value": part}),
        upper=True,
    )
    row.partner_networks = code_list(
        raw.get("partner_networks", ""),
        lookups.networks,
        lambda part: error(
            "partner_networks",
            _(
                "ภาคีเครือข่าย “%(value)s” ไม่มี ต้องเป็น government, private, academic, religious, citizen, "
                "civil_society หรือ media"
            )
            % {"value": part},
        ),
    )
    if raw.get("budget_baht", "").strip():
        try:
            row.budget = parse_baht(raw["budget_baht"])
        except ValueError as exc:
            error("budget_baht", str(exc))
    source = " ".join(raw.get("budget_source", "").split())
    if source:
        if source in lookups.budget_sources:
            row.budget_source = lookups.budget_sources[source]
        elif len(source) > 200:
            error("budget_source", _("ยาวเกิน 200 ตัวอักษร"))
        else:  # free text: another source, described
            row.budget_source, row.source_detail = BudgetSource.OTHER, source
    households = cell_digits(raw.get("target_households", "")).replace(",", "")
    if households:
        if not is_digits(households) or int(households) > MAX_HOUSEHOLDS:
            error("target_households", _("จำนวนครัวเรือนเป้าหมายต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป"))
        else:
            row.target_households = int(households)
    status = raw.get("status", "").strip()
    if status:
        if status in lookups.statuses:
            row.status = lookups.statuses[status]
        else:
            error("status", _("สถานะต้องเป็น planned, in_progress, done หรือ cancelled"))
    return row, errors


def _by_ref(model, refs: set[str], prefix: str) -> dict:  # type: ignore[no-untyped-def]
    """Records by ref; a ref the exporter made up (``TUKSUK-P12``) finds record 12 when it has no ref of its own."""
    found = {obj.ref: obj for obj in model.objects.filter(ref__in=refs)}
    ids = {
        int(ref[len(prefix) :]): ref
        for ref in refs - set(found)
        if ref.startswith(prefix) and is_digits(ref[len(prefix) :])
    }
    for obj in model.objects.filter(pk__in=ids, ref__isnull=True):
        found[ids[obj.pk]] = obj
    return found


def _parse_all(body, parse, ref_column: str, lookups: _Lookups, errors_by_row: dict[int, list[RowError]]) -> list:  # type: ignore[no-untyped-def]
    rows = []
    first_of_ref: dict[str, int] = {}
    for number, raw in body:
        row, errors = parse(number, raw, lookups)
        if row.ref:
            if row.ref in first_of_ref:
                errors.append(
                    RowError(
                        number,
                        ref_column,
                        row.ref,
                        _("%(column)s ซ้ำกับแถว %(row)d") % {"column": ref_column, "row": first_of_ref[row.ref]},
                    )
                )
            else:
                first_of_ref[row.ref] = number
        if errors:
            errors_by_row[number] = errors
        rows.append(row)
    return rows


def _check_projects(rows: list[ProjectRow], actor, errors_by_row: dict[int, list[RowError]]) -> dict[str, Project]:  # type: ignore[no-untyped-def]
    """Checks that need the database: the district exists and is in scope, the ref is not someone else's project.
    Returns the existing projects by ref."""
    scope = scope_for(actor)

    def error(row: ProjectRow, column: str, message: str) -> None:
        errors_by_row.setdefault(row.number, []).append(RowError(row.number, column, row.raw.get(column, ""), message))

    districts = set(
        Area.objects.filter(level=AreaLevel.DISTRICT, code__in={r.district_code for r in rows}).values_list(
            "code", flat=True
        )
    )
    existing = _by_ref(Project, {r.ref for r in rows}, PROJECT_REF_PREFIX)
    for row in rows:
        if row.district_code not in districts:
            error(row, "district_code", _("ไม่พบอำเภอรหัส %(code)s") % {"code": row.district_code})
        elif not scope.can_write_in(row.district_code):
            error(row, "district_code", _("อำเภอนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ"))
        project = existing.get(row.ref)
        if project is None:
            continue
        if not scope.covers(project.district_id):
            error(row, "project_ref", _("project_ref นี้เป็นโครงการในพื้นที่อื่น"))
        elif project.district_id != row.district_code:
            error(
                row,
                "project_ref",
                _("project_ref นี้เป็นโครงการของอำเภออื่น (%(code)s) แล้ว") % {"code": project.district_id},
            )
    return existing


def _check_activities(
    rows: list[ActivityRow],
    actor,  # type: ignore[no-untyped-def]
    project_rows: dict[str, ProjectRow],
    project_errors: dict[int, list[RowError]],
    file_projects: dict[str, Project],
    errors_by_row: dict[int, list[RowError]],
) -> tuple[dict[str, Project], dict[str, Activity]]:
    """The project is in the projects file (and valid) or in the system within scope; an existing activity belongs
    to that project. Returns the existing projects (not in the projects file) and activities by ref."""
    scope = scope_for(actor)

    def error(row: ActivityRow, column: str, message: str) -> None:
        errors_by_row.setdefault(row.number, []).append(RowError(row.number, column, row.raw.get(column, ""), message))

    projects = _by_ref(Project, {r.project_ref for r in rows} - set(project_rows), PROJECT_REF_PREFIX)
    activities = _by_ref(Activity, {r.ref for r in rows}, ACTIVITY_REF_PREFIX)
    for row in rows:
        in_file = project_rows.get(row.project_ref)
        project = file_projects.get(row.project_ref) if in_file is not None else projects.get(row.project_ref)
        if in_file is not None:
            if in_file.number in project_errors:
                error(
                    row,
                    "project_ref",
                    _("โครงการ %(ref)s (แถว %(row)d ของไฟล์โครงการ) ไม่ผ่านการตรวจสอบ จึงนำเข้ากิจกรรมนี้ไม่ได้")
                    % {"ref": row.project_ref, "row": in_file.number},
                )
                continue
        elif project is None:
            error(row, "project_ref", _("ไม่พบโครงการ %(ref)s ทั้งในไฟล์โครงการและในระบบ") % {"ref": row.project_ref})
            continue
        elif not scope.can_write_in(project.district_id):
            error(row, "project_ref", _("โครงการนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ"))
            continue
        activity = activities.get(row.ref)
        if activity is None:
            continue
        if not scope.covers(activity.project.district_id):
            error(row, "activity_ref", _("activity_ref นี้เป็นกิจกรรมในพื้นที่อื่น"))
            continue
        owner = activity.project
        if project is None or owner.pk != project.pk:  # None: the project is new, in the projects file
            error(
                row,
                "activity_ref",
                _("activity_ref นี้เป็นกิจกรรมของโครงการอื่น (%(ref)s)")
                % {"ref": owner.ref or f"{PROJECT_REF_PREFIX}{owner.pk}"},
            )
    return projects, activities


def _write_project(row: ProjectRow, project: Project | None, present: set[str], actor) -> tuple[str, Project]:  # type: ignore[no-untyped-def]
    """Write one valid project row; returns ``created``, ``updated`` or ``unchanged`` and the project."""
    fields = {
        "title": row.title,
        "category": row.category,
        "fiscal_year": row.fiscal_year,
        "timeframe": row.timeframe,
        "start_on": row.start_on,
        "end_on": row.end_on,
        "one_plan_code": row.one_plan_code,
        "brief": row.brief,
    }
    fields = {name: value for name, value in fields.items() if name in present}
    if project is None:
        project = services.create_project(
            actor=actor,
            district_code=row.district_code,
            ref=row.ref,
            sdg_goals=row.sdg_goals,
            indicators=row.indicators,
            kind=ProjectEventKind.IMPORTED,
            **fields,
        )
        return "created", project
    changed = services.update_project(
        project,
        actor=actor,
        sdg_goals=row.sdg_goals if "sdg_goals" in present else None,
        indicators=row.indicators if "thaiqm_indicators" in present else None,
        kind=ProjectEventKind.IMPORTED,
        **fields,
    )
    return ("updated" if changed else "unchanged"), project


def _budget_lines(row: ActivityRow, activity: Activity | None) -> list[dict] | None:
    """The activity's single budget line as the row gives it, or None when the budget is to stay as it is.

    ``budget_baht`` is the planned amount; what was spent is kept. An empty ``budget_source`` keeps the existing
    source; an activity whose several lines add up to ``budget_baht`` (and share the row's source) is unchanged.
    """
    if row.budget is None and not row.budget_source:
        return None
    existing = list(activity.budget_lines.all()) if activity is not None else []
    planned = row.budget if row.budget is not None else ZERO
    kinds = {(line.source, line.source_detail) for line in existing}
    if row.budget_source:
        source = row.budget_source
        details = {detail for kind, detail in kinds if kind == source}
        detail = row.source_detail if row.source_detail is not None else (details.pop() if len(details) == 1 else "")
        same_source = all(
            line.source == source and (row.source_detail is None or line.source_detail == detail) for line in existing
        )
    else:
        source, detail = kinds.pop() if len(kinds) == 1 else (BudgetSource.OTHER, "")
        same_source = True
    if existing and same_source and sum((line.planned for line in existing), ZERO) == planned:
        return None
    spent = sum((line.spent for line in existing), ZERO)
    return [{"source": source, "source_detail": detail, "planned": planned, "spent": spent}]


def _write_activity(
    row: ActivityRow, project: Project, activity: Activity | None, present: set[str], actor
) -> tuple[str, Activity]:  # type: ignore[no-untyped-def]
    """Write one valid activity row; returns ``created``, ``updated`` or ``unchanged`` and the activity."""
    fields: dict = {
        "title": row.title,
        "value_chain": row.value_chain,
        "partner_networks": row.partner_networks,
        "target_households": row.target_households,
    }
    fields = {name: value for name, value in fields.items() if name in present}
    if row.status or activity is None:
        fields["status"] = row.status or ActivityStatus.PLANNED
    if fields.get("status", activity.status if activity else "") == ActivityStatus.DONE:
        fields["percent_complete"] = 100  # as the service would; said here so that a re-import is unchanged
    agencies = list(Agency.objects.filter(code__in=row.agencies)) if "agencies" in present else None
    lines = _budget_lines(row, activity)
    if activity is None:
        activity = services.add_activity(project, actor=actor, ref=row.ref, agencies=agencies or [], **fields)
        outcome = "created"
    else:
        changed = services.update_activity(activity, actor=actor, agencies=agencies, **fields)
        outcome = "updated" if changed or lines is not None else "unchanged"
    if lines is not None:
        services.set_budget(activity, lines, actor=actor)
    return outcome, activity


def _read(handle: IO[bytes] | None, name: str, columns, required) -> tuple[list[str], list]:  # type: ignore[no-untyped-def]
    if handle is None:
        return [], []
    try:
        header, body = read_table(handle, name, columns=columns, required=required)
        return header, list(body)
    except FileError as exc:
        raise FileError(f"{name}: {exc}") from None


@acting(Source.IMPORT)
def import_projects(
    projects_handle: IO[bytes] | None,
    projects_name: str,
    activities_handle: IO[bytes] | None,
    activities_name: str,
    *,
    actor,  # type: ignore[no-untyped-def]
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ProjectImportResult:
    """Import a projects file and an activities file (CSV or XLSX; either may be None).
    Raises ``FileError``, naming the file, when a file as a whole cannot be read."""
    if projects_handle is None and activities_handle is None:
        raise FileError(_("ไม่มีไฟล์ให้นำเข้า ต้องมีไฟล์โครงการหรือไฟล์กิจกรรมอย่างน้อยหนึ่งไฟล์"))
    project_header, project_body = _read(projects_handle, projects_name, PROJECT_COLUMNS, PROJECT_REQUIRED)
    activity_header, activity_body = _read(activities_handle, activities_name, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED)
    result = ProjectImportResult(
        projects=FileResult(header=project_header, dry_run=dry_run, label="projects", name=projects_name),
        activities=FileResult(header=activity_header, dry_run=dry_run, label="activities", name=activities_name),
        dry_run=dry_run,
    )
    lookups = _Lookups()
    project_errors: dict[int, list[RowError]] = {}
    activity_errors: dict[int, list[RowError]] = {}
    project_rows: list[ProjectRow] = _parse_all(project_body, _parse_project, "project_ref", lookups, project_errors)
    activity_rows: list[ActivityRow] = _parse_all(
        activity_body, _parse_activity, "activity_ref", lookups, activity_errors
    )
    result.projects.read, result.activities.read = len(project_rows), len(activity_rows)
    existing_projects = _check_projects(
        [r for r in project_rows if r.number not in project_errors], actor, project_errors
    )
    rows_by_ref: dict[str, ProjectRow] = {}
    for project_row in project_rows:
        if project_row.ref:
            rows_by_ref.setdefault(project_row.ref, project_row)  # a later duplicate is the rejected one
    other_projects, existing_activities = _check_activities(
        [r for r in activity_rows if r.number not in activity_errors],
        actor,
        rows_by_ref,
        project_errors,
        existing_projects,
        activity_errors,
    )
    files = (
        (result.projects, project_rows, project_errors),
        (result.activities, activity_rows, activity_errors),
    )
    for file_result, _rows, errors_by_row in files:
        file_result.errors = [e for n in sorted(errors_by_row) for e in errors_by_row[n]]
    if (project_errors or activity_errors) and not skip_invalid:
        for file_result, rows, errors_by_row in files:
            file_result.rejected = file_result.read
            file_result.rejected_rows = [
                (r.raw, "; ".join(f"{e.column}: {e.message}" for e in errors_by_row.get(r.number, []))) for r in rows
            ]
        return result

    valid_projects = [r for r in project_rows if r.number not in project_errors]
    valid_activities = [r for r in activity_rows if r.number not in activity_errors]
    rejected_projects = {n: "; ".join(f"{e.column}: {e.message}" for e in errs) for n, errs in project_errors.items()}
    rejected_activities = {
        n: "; ".join(f"{e.column}: {e.message}" for e in errs) for n, errs in activity_errors.items()
    }
    total, done = len(valid_projects) + len(valid_activities), 0
    failed = False
    written: dict[str, Project] = dict(other_projects)

    def refused(file_result: FileResult, row, rejected: dict[int, str], exc: Exception) -> None:  # type: ignore[no-untyped-def]
        message = user_message(exc, "; ")
        file_result.errors.append(RowError(row.number, "", "", message))
        rejected[row.number] = message

    def tick() -> None:
        nonlocal done
        done += 1
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)

    present_projects, present_activities = set(project_header), set(activity_header)
    with transaction.atomic():
        for project_row in valid_projects:
            try:
                with transaction.atomic():
                    outcome, project = _write_project(
                        project_row, existing_projects.get(project_row.ref), present_projects, actor
                    )
            except (ValidationError, PermissionDenied) as exc:
                refused(result.projects, project_row, rejected_projects, exc)
                if not skip_invalid:
                    failed = True
                    break
                continue
            finally:
                tick()
            written[project_row.ref] = project
            setattr(result.projects, outcome, getattr(result.projects, outcome) + 1)
        for activity_row in [] if failed else valid_activities:
            target = written.get(activity_row.project_ref)
            if target is None:  # its project row was refused while writing
                message = _("โครงการ %(ref)s บันทึกไม่สำเร็จ จึงนำเข้ากิจกรรมนี้ไม่ได้") % {"ref": activity_row.project_ref}
                result.activities.errors.append(
                    RowError(activity_row.number, "project_ref", activity_row.project_ref, message)
                )
                rejected_activities[activity_row.number] = f"project_ref: {message}"
                tick()
                continue
            try:
                with transaction.atomic():
                    outcome, _activity = _write_activity(
                        activity_row, target, existing_activities.get(activity_row.ref), present_activities, actor
                    )
            except (ValidationError, PermissionDenied) as exc:
                refused(result.activities, activity_row, rejected_activities, exc)
                if not skip_invalid:
                    failed = True
                    break
                continue
            finally:
                tick()
            setattr(result.activities, outcome, getattr(result.activities, outcome) + 1)
        if dry_run or failed:
            transaction.set_rollback(True)
    for file_result, rows, rejected in (
        (result.projects, project_rows, rejected_projects),
        (result.activities, activity_rows, rejected_activities),
    ):
        file_result.errors.sort(key=lambda e: e.row)
        if failed:  # a row refused while writing: everything was rolled back
            file_result.created = file_result.updated = file_result.unchanged = 0
            file_result.rejected = file_result.read
            file_result.rejected_rows = [(r.raw, rejected.get(r.number, "")) for r in rows]
            continue
        file_result.rejected = len(rejected)
        file_result.rejected_rows = [(r.raw, rejected[r.number]) for r in rows if r.number in rejected]
        file_result.written = not dry_run and (file_result.created + file_result.updated) > 0
    return result


def write_rejects(file_result: ImportResult, handle: IO[str]) -> None:
    """The rejected rows of one file with their columns as read plus ``error``: fix and import again."""
    columns = [c for c in file_result.header if c] + ["error"]
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for raw, message in file_result.rejected_rows:
        writer.writerow({**raw, "error": message})
