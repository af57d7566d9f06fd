"""Exporting projects and activities: the two import files (so an export re-imports unchanged) and IATI XML.

``write_projects_csv`` and ``write_activities_csv`` write exactly the columns of
``docs/formats/projects-import.md`` (UTF-8 with BOM, ISO dates, budgets as plain decimals, lists joined with ``;``).
Records made on the pages have no sender's ref: they are written as ``TUKSUK-P<id>`` / ``TUKSUK-A<id>``, which the
importer finds again. ``iati_xml`` describes the projects as IATI activities (standard version 2.03).
"""

from __future__ import annotations

import csv
import datetime as dt
import xml.etree.ElementTree as ET  # nosec B405
from collections.abc import Iterable
from decimal import Decimal
from typing import IO

from django.db.models import Max, Min, Prefetch, QuerySet
from django.utils import timezone

from tuksuk.agencies.models import Agency, AgencyKind

from .choices import CATEGORY_NAMES_TH, ActivityStatus, BudgetSource
from .importer import ACTIVITY_COLUMNS, ACTIVITY_REF_PREFIX, PROJECT_COLUMNS, PROJECT_REF_PREFIX
from .models import Activity, BudgetLine, ProgressUpdate, Project

ZERO = Decimal("0")
BOM = "\ufeff"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IATI_VERSION = "2.03"
IATI_PREFIX = "TH-MOI-TUKSUK-"
REPORTING_ORG = {"ref": "TH-MOI", "type": "10", "th": "กระทรวงมหาดไทย", "en": "Ministry of Interior, Thailand"}
# IATI ActivityStatus codes: 1 pipeline/identification, 2 implementation, 3 finalisation, 5 cancelled.
IATI_STATUS = {
    ActivityStatus.PLANNED: "1",
    ActivityStatus.IN_PROGRESS: "2",
    ActivityStatus.DONE: "3",
    ActivityStatus.CANCELLED: "5",
}
# IATI OrganisationType codes: 10 government, 11 local government, 15 other public sector.
IATI_ORG_TYPE: dict[str, str] = {
    AgencyKind.MOI_DEPARTMENT: "10",
    AgencyKind.PROVINCIAL_OFFICE: "10",
    AgencyKind.LOCAL_GOVERNMENT: "11",
    AgencyKind.MOI_STATE_ENTERPRISE: "15",
}


def project_ref(project: Project) -> str:
    return project.ref or f"{PROJECT_REF_PREFIX}{project.pk}"


def activity_ref(activity: Activity) -> str:
    return activity.ref or f"{ACTIVITY_REF_PREFIX}{activity.pk}"


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _baht(value: Decimal) -> str:
    return f"{value:.2f}"


def _writer(handle: IO[str], columns: Iterable[str]) -> csv.DictWriter:
    handle.write(BOM)
    writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    return writer


def write_projects_csv(projects_qs: QuerySet[Project], handle: IO[str]) -> int:
    """``projects.csv`` of the import format; returns the number of rows written."""
    writer = _writer(handle, PROJECT_COLUMNS)
    count = 0
    for project in projects_qs.prefetch_related("sdg_goals", "indicators").order_by("district_id", "fiscal_year", "pk"):
        writer.writerow(
            {
                "project_ref": project_ref(project),
                "district_code": project.district_id,
                "title": project.title,
                "category": project.category,
                "fiscal_year": project.fiscal_year,
                "timeframe": project.timeframe,
                "start_on": _date(project.start_on),
                "end_on": _date(project.end_on),
                "one_plan_code": project.one_plan_code,
                "sdg_goals": ";".join(str(g.pk) for g in sorted(project.sdg_goals.all(), key=lambda g: g.pk)),
                "thaiqm_indicators": ";".join(str(i.pk) for i in sorted(project.indicators.all(), key=lambda i: i.pk)),
                "brief": project.brief,
            }
        )
        count += 1
    return count


def _budget_cells(lines: list[BudgetLine]) -> tuple[str, str]:
    """``budget_baht`` (the planned total) and ``budget_source``: the code, or the text of an ``other`` source;
    empty when the lines come from several sources (the importer then keeps them as they are)."""
    if not lines:
        return "", ""
    total = sum((line.planned for line in lines), ZERO)
    kinds = {(line.source, line.source_detail) for line in lines}
    sources = {source for source, _detail in kinds}
    if len(sources) != 1:
        return _baht(total), ""
    source = sources.pop()
    if source == BudgetSource.OTHER and len(kinds) == 1 and lines[0].source_detail:
        return _baht(total), lines[0].source_detail
    return _baht(total), source


def write_activities_csv(activities_qs: QuerySet[Activity], handle: IO[str]) -> int:
    """``activities.csv`` of the import format; returns the number of rows written."""
    writer = _writer(handle, ACTIVITY_COLUMNS)
    count = 0
    rows = activities_qs.select_related("project").prefetch_related("agencies", "budget_lines")
    for activity in rows.order_by("project__district_id", "project__fiscal_year", "project_id", "pk"):
        budget, source = _budget_cells(list(activity.budget_lines.all()))
        writer.writerow(
            {
                "activity_ref": activity_ref(activity),
                "project_ref": project_ref(activity.project),
                "title": activity.title,
                "value_chain": activity.value_chain,
                "agencies": ";".join(a.code for a in sorted(activity.agencies.all(), key=lambda a: a.code)),
                "partner_networks": ";".join(activity.partner_networks),
                "budget_baht": budget,
                "budget_source": source,
                "target_households": "" if activity.target_households is None else activity.target_households,
                "status": activity.status,
            }
        )
        count += 1
    return count


# IATI -----------------------------------------------------------------------------------------------------------


def _narratives(parent: ET.Element, tag: str, texts: dict[str, str], **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    for lang, text in texts.items():
        if text:
            ET.SubElement(element, "narrative", {XML_LANG: lang}).text = text
    return element


def iati_status(statuses: Iterable[str]) -> str:
    """The project's IATI status from its activities' statuses: cancelled ones count only when all are."""
    statuses = set(statuses)
    live = statuses - {ActivityStatus.CANCELLED}
    if not statuses or live == {ActivityStatus.PLANNED}:
        return IATI_STATUS[ActivityStatus.PLANNED]
    if not live:
        return IATI_STATUS[ActivityStatus.CANCELLED]
    if live == {ActivityStatus.DONE}:
        return IATI_STATUS[ActivityStatus.DONE]
    return IATI_STATUS[ActivityStatus.IN_PROGRESS]


def fiscal_year_period(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """Thai fiscal year 2565 (B.E.) runs from 1 October 2021 to 30 September 2022."""
    year = fiscal_year - 543
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


def _district_name(project: Project) -> dict[str, str]:
    district = project.district
    province = district.parent
    th = f"อำเภอ{district.name_th}" + (f" จังหวัด{province.name_th}" if province and province.name_th else "")
    en = f"{district.name_en} District" if district.name_en else ""
    if en and province and province.name_en:
        en += f", {province.name_en} Province"
    return {"th": th, "en": en}


def iati_xml(projects_qs: QuerySet[Project]) -> bytes:
    """The projects as an IATI activity file (``iati-activities`` version 2.03), UTF-8 bytes."""
    now = timezone.now().replace(microsecond=0)
    root = ET.Element("iati-activities", {"version": IATI_VERSION, "generated-datetime": now.isoformat()})
    projects = projects_qs.select_related("district__parent").prefetch_related(
        "sdg_goals",
        Prefetch("activities", queryset=Activity.objects.prefetch_related("agencies", "budget_lines")),
    )
    for project in projects.order_by("district_id", "fiscal_year", "pk"):
        activities = list(project.activities.all())
        reports = ProgressUpdate.objects.filter(activity__project=project).aggregate(
            first=Min("when"), last=Max("when")
        )
        item = ET.SubElement(
            root,
            "iati-activity",
            {
                "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
                XML_LANG: "th",
                "default-currency": "THB",
            },
        )
        ref = project.ref or str(project.pk)
        ET.SubElement(item, "iati-identifier").text = f"{IATI_PREFIX}{ref}"
        _narratives(
            item,
            "reporting-org",
            {"th": REPORTING_ORG["th"], "en": REPORTING_ORG["en"]},
            ref=REPORTING_ORG["ref"],
            type=REPORTING_ORG["type"],
        )
        _narratives(item, "title", {"th": project.title})
        if project.brief:
            _narratives(item, "description", {"th": project.brief}, type="1")
        agencies: dict[str, Agency] = {}
        for activity in activities:
            for agency in activity.agencies.all():
                agencies.setdefault(agency.code, agency)
        for code in sorted(agencies):
            agency = agencies[code]
            attrs = {"role": "4"}
            if agency.kind in IATI_ORG_TYPE:
                attrs["type"] = IATI_ORG_TYPE[agency.kind]
            _narratives(item, "participating-org", {"th": agency.name_th, "en": agency.name_en}, **attrs)
        status = iati_status(a.status for a in activities)
        ET.SubElement(item, "activity-status", {"code": status})
        if project.start_on:
            ET.SubElement(item, "activity-date", {"type": "1", "iso-date": project.start_on.isoformat()})
        if reports["first"] and status in ("2", "3"):
            ET.SubElement(item, "activity-date", {"type": "2", "iso-date": reports["first"].isoformat()})
        if project.end_on:
            ET.SubElement(item, "activity-date", {"type": "3", "iso-date": project.end_on.isoformat()})
        if reports["last"] and status == "3":
            ET.SubElement(item, "activity-date", {"type": "4", "iso-date": reports["last"].isoformat()})
        ET.SubElement(item, "recipient-country", {"code": "TH", "percentage": "100"})
        location = ET.SubElement(item, "location", {"ref": f"TH-DOPA-{project.district_id}"})
        _narratives(location, "name", _district_name(project))
        _narratives(
            item,
            "sector",
            {"th": CATEGORY_NAMES_TH.get(project.category, "")},
            vocabulary="99",
            code=str(project.category),
            percentage="100",
        )
        for goal in sorted(project.sdg_goals.all(), key=lambda g: g.pk):
            _narratives(item, "tag", {"th": goal.name_th, "en": goal.name_en}, vocabulary="2", code=str(goal.pk))
        total = sum((line.planned for activity in activities for line in activity.budget_lines.all()), ZERO)
        if any(activity.budget_lines.all() for activity in activities):
            start, end = fiscal_year_period(project.fiscal_year)
            budget = ET.SubElement(item, "budget", {"type": "1", "status": "1"})
            ET.SubElement(budget, "period-start", {"iso-date": start.isoformat()})
            ET.SubElement(budget, "period-end", {"iso-date": end.isoformat()})
            ET.SubElement(budget, "value", {"currency": "THB", "value-date": start.isoformat()}).text = _baht(total)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
