"""The ministry's official tables. A story table's builder takes the stories a reader may see, an optional area
and the moment the data is taken ("as of"); a project table's builder takes the projects a reader may see, an
optional area and fiscal year. Each returns a ``Table``: the same object feeds the command line, the pages, the API
and the CSV/XLSX exports. Money is ``Decimal`` end to end; counts are aggregated in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.cases.models import Story
from tuksuk.indicators.models import Category, Indicator
from tuksuk.projects.choices import ALL_NETWORKS, CATEGORY_NAMES_TH, ProjectCategory
from tuksuk.projects.models import Activity, BudgetLine, Project


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    as_of: dt.datetime | None = None
    area_code: str = ""
    year: int | None = None
    # Column headings for people (the CSV keeps ``columns``); columns not named here use their own name.
    labels: dict[str, str] = field(default_factory=dict)


BANGKOK = ZoneInfo("Asia/Bangkok")


def parse_as_of(text: str | None) -> dt.datetime | None:
    """``2022-08-29 11:52`` (or ``2022-08-29T11:52`` from a form) as Bangkok time, counting the whole minute;
    a date alone counts the whole day. None when the text is not such a moment."""
    text = (text or "").strip().replace("T", " ")
    for pattern, end in (("%Y-%m-%d %H:%M", {"second": 59}), ("%Y-%m-%d", {"hour": 23, "minute": 59, "second": 59})):
        try:
            moment = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment.replace(**end, microsecond=999999, tzinfo=BANGKOK)
    return None


def _stories(stories: QuerySet, area: str, as_of: dt.datetime) -> QuerySet:
    stories = stories.as_of(as_of)
    return stories.filter(area__code__startswith=area) if area else stories


def stories_by_category(stories: QuerySet, *, area: str = "", as_of: dt.datetime) -> Table:
    """Stories per problem category 1–7 (zero rows included) and the total."""
    counts = dict(
        _stories(stories, area, as_of).values_list("category").annotate(n=Count("pk", distinct=True)).order_by()
    )
    table = Table(
        "stories-by-category",
        str(_("เรื่องราวจำแนกตามประเภทปัญหา")),
        ["code", "name_th", "count"],
        as_of=as_of,
        area_code=area,
    )
    for category in Category.objects.order_by("number"):
        table.rows.append([category.number, category.name_th, counts.get(category.number, 0)])
    table.rows.append(["total", "รวม", sum(counts.values())])
    return table


def stories_by_indicator(stories: QuerySet, *, area: str = "", as_of: dt.datetime) -> Table:
    """Stories per ThaiQM indicator 1–37. A story with several indicators counts once for each of them."""
    rows = _stories(stories, area, as_of).values_list("indicators")
    counts = dict(rows.annotate(n=Count("pk", distinct=True)).order_by())
    counts.pop(None, None)  # stories with no indicator
    table = Table(
        "stories-by-indicator",
        str(_("เรื่องราวจำแนกตามตัวชี้วัด ThaiQM")),
        ["number", "category_no", "name_th", "count"],
        as_of=as_of,
        area_code=area,
    )
    for indicator in Indicator.objects.order_by("number"):
        table.rows.append([indicator.number, indicator.category_id, indicator.name_th, counts.get(indicator.number, 0)])
    return table


# --- project tables (บำรุงสุข) ---------------------------------------------------------------------------------------

CENT = Decimal("0.01")
ZERO_BAHT = Decimal("0.00")


def _scoped_ids(projects: QuerySet, area: str, year: int | None) -> QuerySet:
    """The ids of the projects in the table: a subquery, so that a scope joined through activities (agency staff)
    never counts a project twice."""
    if area:
        projects = projects.filter(district__code__startswith=area)
    if year is not None:
        projects = projects.filter(fiscal_year=year)
    return projects.order_by().values("pk")


def _project_table(name: str, columns: list[str], area: str, year: int | None, **labels: str) -> Table:
    return Table(name, str(TITLES[name]), columns, as_of=timezone.now(), area_code=area, year=year, labels=labels)


def percentages(counts: list[int], places: int = 1) -> list[Decimal]:
    """Shares of ``sum(counts)`` in percent with ``places`` decimals that add up to exactly 100 (largest-remainder
    method: everyone gets the rounded-down share, the units left go to the largest remainders, ties to the first).
    All zero when there is nothing to share."""
    total = sum(counts)
    if not total:
        return [Decimal(0).scaleb(-places) for _count in counts]
    whole = 100 * 10**places
    shares = [divmod(count * whole, total) for count in counts]
    units = [quotient for quotient, _rest in shares]
    left = whole - sum(units)
    for index in sorted(range(len(counts)), key=lambda i: (-shares[i][1], i))[:left]:
        units[index] += 1
    return [Decimal(unit).scaleb(-places) for unit in units]


def projects_by_category(projects: QuerySet, *, area: str = "", year: int | None = None) -> Table:
    """Projects per category 1–5 (zero rows included) with their share in percent, and the total."""
    ids = _scoped_ids(projects, area, year)
    counts = dict(Project.objects.filter(pk__in=ids).values_list("category").annotate(n=Count("pk")).order_by())
    table = _project_table(
        "projects-by-category",
        ["code", "name_th", "projects", "percent"],
        area,
        year,
        code=str(_("ลำดับ")),
        name_th=str(_("ประเภทโครงการ")),
        projects=str(_("จำนวน (โครงการ)")),
        percent=str(_("ร้อยละ")),
    )
    numbers = [int(category) for category in ProjectCategory.values]
    found = [counts.get(number, 0) for number in numbers]
    for number, count, percent in zip(numbers, found, percentages(found), strict=True):
        table.rows.append([number, CATEGORY_NAMES_TH[number], count, percent])
    total = sum(found)
    table.rows.append(["total", "รวม", total, Decimal("100.0") if total else Decimal("0.0")])
    return table


def _covers_all_networks(networks) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(networks, list) and set(networks) >= ALL_NETWORKS


def activities_by_agency(projects: QuerySet, *, area: str = "", year: int | None = None) -> Table:
    """Projects and activities per responsible agency (an activity with several agencies counts for each, so the
    agency rows add up to more than the total), the projects and activities integrating all 7 partner networks,
    and the real totals: every project in the table and every activity of those projects."""
    ids = _scoped_ids(projects, area, year)
    activities = Activity.objects.filter(project__in=ids)
    links = Activity.agencies.through.objects.filter(activity__in=activities.values("pk"))
    table = _project_table(
        "activities-by-agency",
        ["code", "name_th", "projects", "activities"],
        area,
        year,
        code=str(_("รหัส")),
        name_th=str(_("หน่วยงาน")),
        projects=str(_("จำนวน (โครงการ)")),
        activities=str(_("จำนวน (กิจกรรม)")),
    )
    per_agency = (
        links.values("agency__code", "agency__name_th")
        .annotate(projects=Count("activity__project", distinct=True), activities=Count("activity", distinct=True))
        .order_by("-activities", "agency__code")
    )
    for row in per_agency:
        table.rows.append([row["agency__code"], row["agency__name_th"], row["projects"], row["activities"]])
    # "Covers all 7" is a set test on a JSON list, which SQLite cannot express: one query for each model's lists.
    all7_activities = [
        project_id
        for project_id, networks in activities.values_list("project_id", "partner_networks").order_by()
        if _covers_all_networks(networks)
    ]
    all7_projects = set(all7_activities) | {
        pk
        for pk, networks in Project.objects.filter(pk__in=ids).values_list("pk", "partner_networks").order_by()
        if _covers_all_networks(networks)
    }
    table.rows.append(["ALL7", "โครงการที่บูรณาการครบ 7 ภาคี", len(all7_projects), len(all7_activities)])
    table.rows.append(["total", "รวม", Project.objects.filter(pk__in=ids).count(), activities.count()])
    return table


def _per_project(rows: QuerySet, project_path: str, value) -> Subquery:  # type: ignore[no-untyped-def]
    """``value`` aggregated over ``rows`` that belong to the outer project (None when there are none)."""
    grouped = rows.filter(**{project_path: OuterRef("pk")}).order_by().values(project_path)
    return Subquery(grouped.annotate(value=value).values("value")[:1])


def project_values(projects: QuerySet, *, area: str = "", year: int | None = None) -> Table:
    """Each project's value (the planned budget of all its activities), money spent, target households and the
    households that benefited (per activity: the households linked from the registry, else the number typed in)."""
    ids = _scoped_ids(projects, area, year)
    lines = BudgetLine.objects.all()
    linked = Activity.beneficiaries.through.objects.all()
    rows = (
        Project.objects.filter(pk__in=ids)
        .annotate(
            n_activities=_per_project(Activity.objects.all(), "project", Count("pk")),
            planned=_per_project(lines, "activity__project", Sum("planned")),
            spent=_per_project(lines, "activity__project", Sum("spent")),
            target=_per_project(Activity.objects.all(), "project", Sum("target_households")),
            linked=_per_project(linked, "activity__project", Count("pk", output_field=IntegerField())),
            typed=_per_project(
                Activity.objects.filter(beneficiaries__isnull=True), "project", Sum("reached_households")
            ),
        )
        .order_by("district__code", "title", "pk")
        .values_list(
            "ref",
            "title",
            "district_id",
            "district__name_th",
            "n_activities",
            "planned",
            "spent",
            "target",
            "linked",
            "typed",
        )
    )
    table = _project_table(
        "project-values",
        [
            "ref",
            "title",
            "district_code",
            "district_name_th",
            "activities",
            "value_baht",
            "spent_baht",
            "households_target",
            "households_benefited",
        ],
        area,
        year,
        ref=str(_("รหัสอ้างอิง")),
        title=str(_("โครงการ")),
        district_code=str(_("รหัสอำเภอ")),
        district_name_th=str(_("อำเภอ")),
        activities=str(_("กิจกรรม")),
        value_baht=str(_("มูลค่า (บาท)")),
        spent_baht=str(_("ใช้จ่ายแล้ว (บาท)")),
        households_target=str(_("ครัวเรือนเป้าหมาย")),
        households_benefited=str(_("ครัวเรือนที่ได้รับประโยชน์")),
    )
    for ref, title, district, district_name, n, planned, spent, target, linked_n, typed in rows:
        table.rows.append(
            [
                ref or "",
                title,
                district,
                district_name,
                n or 0,
                (planned or ZERO_BAHT).quantize(CENT),
                (spent or ZERO_BAHT).quantize(CENT),
                target or 0,
                (linked_n or 0) + (typed or 0),
            ]
        )
    body = table.rows
    table.rows.append(
        [
            "total",
            "รวม",
            "",
            "",
            sum(row[4] for row in body),
            sum((row[5] for row in body), ZERO_BAHT),
            sum((row[6] for row in body), ZERO_BAHT),
            sum(row[7] for row in body),
            sum(row[8] for row in body),
        ]
    )
    return table


def who_does_what_where(projects: QuerySet, *, area: str = "", year: int | None = None) -> Table:
    """Agencies × districts: how many activities each agency takes part in, in each district that has projects.
    The last row counts each district's activities once (an activity with several agencies is in several rows)."""
    ids = _scoped_ids(projects, area, year)
    activities = Activity.objects.filter(project__in=ids)
    districts = list(
        Area.objects.filter(code__in=Project.objects.filter(pk__in=ids).values("district_id"))
        .order_by("code")
        .values_list("code", "name_th")
    )
    codes = [code for code, _name in districts]
    table = _project_table(
        "who-does-what-where",
        ["code", "name_th", *codes, "total"],
        area,
        year,
        code=str(_("รหัส")),
        name_th=str(_("หน่วยงาน")),
        total=str(_("รวม")),
        **dict(districts),
    )
    cells = (
        Activity.agencies.through.objects.filter(activity__in=activities.values("pk"))
        .values("agency_id", "activity__project__district_id")
        .annotate(n=Count("activity", distinct=True))
        .order_by()
    )
    matrix: dict[int, dict[str, int]] = {}
    for cell in cells:
        matrix.setdefault(cell["agency_id"], {})[cell["activity__project__district_id"]] = cell["n"]
    agencies = Agency.objects.filter(pk__in=matrix).values_list("pk", "code", "name_th")
    agency_rows = [
        [code, name, *[matrix[pk].get(d, 0) for d in codes], sum(matrix[pk].values())] for pk, code, name in agencies
    ]
    agency_rows.sort(key=lambda row: (-row[-1], row[0]))
    table.rows.extend(agency_rows)
    per_district = dict(activities.values_list("project__district_id").annotate(n=Count("pk")).order_by())
    table.rows.append(["total", "รวม", *[per_district.get(d, 0) for d in codes], activities.count()])
    return table


TITLES = {
    "stories-by-category": _("เรื่องราวจำแนกตามประเภทปัญหา"),
    "stories-by-indicator": _("เรื่องราวจำแนกตามตัวชี้วัด ThaiQM"),
    "projects-by-category": _("โครงการจำแนกตามประเภทโครงการ"),
    "activities-by-agency": _("โครงการและกิจกรรมจำแนกตามหน่วยงาน"),
    "project-values": _("มูลค่าโครงการและครัวเรือนที่ได้รับประโยชน์"),
    "who-does-what-where": _("ใครทำอะไรที่ไหน: กิจกรรมของหน่วยงานในแต่ละอำเภอ"),
}

STORY_TABLES: dict[str, Callable[..., Table]] = {
    "stories-by-category": stories_by_category,
    "stories-by-indicator": stories_by_indicator,
}
PROJECT_TABLES: dict[str, Callable[..., Table]] = {
    "projects-by-category": projects_by_category,
    "activities-by-agency": activities_by_agency,
    "project-values": project_values,
    "who-does-what-where": who_does_what_where,
}
# Every table by name (the command, the pages and the API accept exactly these).
TABLES: dict[str, Callable[..., Table]] = {**STORY_TABLES, **PROJECT_TABLES}


def build(  # type: ignore[no-untyped-def]
    name: str, *, user=None, area: str = "", as_of: dt.datetime | None = None, year: int | None = None
) -> Table:
    """Build table ``name`` over the stories or projects ``user`` may see (everything when ``user`` is None: the
    command line is run by the server's operator). Story tables count up to ``as_of`` (default: now); project
    tables take the data as it is now, for one fiscal ``year`` (Buddhist era) or all years."""
    if name in PROJECT_TABLES:
        projects = Project.objects.all() if user is None else Project.objects.visible_to(user)
        return PROJECT_TABLES[name](projects, area=area, year=year)
    stories = Story.objects.all() if user is None else Story.objects.visible_to(user)
    return STORY_TABLES[name](stories, area=area, as_of=as_of or timezone.now())
