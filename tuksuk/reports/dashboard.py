"""The figures of an area's dashboard over what the reader may see, read from the per-area tallies
(``tuksuk.reports.tallies``) in a fixed number of small queries whatever the size of the area. Every figure links to
the story list behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from tuksuk.accounts.scope import scope_for
from tuksuk.areas.choices import CODE_LENGTH, AreaLevel
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES, OPEN_STATUSES, Dimension
from tuksuk.cases.models import Story
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category, Indicator, SdgGoal
from tuksuk.portal.models import ShareCount, ViewCount
from tuksuk.projects.models import BudgetLine, Project

from . import tallies

TREND_MONTHS = 12
TREND_WEEKS = 12


@dataclass
class ChildRow:
    area: Area
    stories: int = 0
    open: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def resolution_rate(self) -> float | None:
        return round(100 * self.done / self.stories, 1) if self.stories else None


@dataclass
class Dashboard:
    area: Area | None
    moment: dt.datetime
    stories: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    open: int = 0
    done: int = 0
    overdue: int = 0
    median_days_to_resolve: float | None = None
    immediate: int = 0
    sustainable: int = 0
    households: int = 0
    lifted: int = 0
    by_category: list[tuple[Category, int]] = field(default_factory=list)
    by_indicator: list[tuple[Indicator, int]] = field(default_factory=list)
    by_sdg: list[tuple[SdgGoal, int, int]] = field(default_factory=list)
    trend: list[tuple[dt.date, int, int]] = field(default_factory=list)
    weekly: list[tuple[dt.date, int, int]] = field(default_factory=list)
    projects: int = 0
    project_value: Decimal = Decimal("0")
    project_spent: Decimal = Decimal("0")
    public_views: int = 0
    public_shares: int = 0
    children: list[ChildRow] = field(default_factory=list)

    @property
    def resolution_rate(self) -> float | None:
        return round(100 * self.done / self.stories, 1) if self.stories else None


def _in_area(queryset, field_name: str, area: Area | None):  # type: ignore[no-untyped-def]
    """Rows of ``area`` (a region or group stands for its provinces); everything the reader sees for None."""
    if area is None:
        return queryset
    if area.level in (AreaLevel.REGION, AreaLevel.GROUP):
        provinces = Area.objects.province_codes_under([area.code])
        condition = Q()
        for code in provinces:
            condition |= Q(**{f"{field_name}__startswith": code})
        return queryset.filter(condition) if provinces else queryset.none()
    return queryset.filter(**{f"{field_name}__startswith": area.code})


def build_dashboard(user, area: Area | None) -> Dashboard:  # type: ignore[no-untyped-def]
    now = timezone.now()
    board = Dashboard(area=area, moment=now)
    scope = scope_for(user)
    _fill(board, area_figures(user, area))
    if scope.agency_grants:
        stories = _in_area(Story.objects.visible_to(user), "area__code", area)
        board.children = _children(user, area, stories, unique=True)
    else:
        board.children = _children_from_tallies(user, scope, area)

    projects = _in_area(Project.objects.visible_to(user), "district__code", area)
    board.projects = projects.count()
    money = BudgetLine.objects.filter(activity__project__in=projects.values("pk")).aggregate(
        value=Sum("planned"), spent=Sum("spent")
    )
    board.project_value, board.project_spent = money["value"] or Decimal("0"), money["spent"] or Decimal("0")
    board.public_views, board.public_shares = (
        _in_area(model.objects.visible_to(user), "area_code", area).aggregate(n=Sum("n"))["n"] or 0
        for model in (ViewCount, ShareCount)
    )
    return board


def area_figures(user, area: Area | None = None) -> tallies.Figures:  # type: ignore[no-untyped-def]
    """The story and household figures of ``area`` (None: everything) over what ``user`` may see."""
    scope = scope_for(user)
    if scope.agency_grants:
        # Agency staff see only the stories linked to their agency: counted live (COUNT DISTINCT, scoping joins rows).
        stories = _in_area(Story.objects.visible_to(user), "area__code", area)
        households = _in_area(Household.objects.visible_to(user), "village__code", area)
        return tallies.live_figures(stories, households, unique=True)
    if area is None:
        return tallies.summed(tallies.national(scope))
    return tallies.summed(tallies.codes_within(scope, _codes_of(area, _provinces_of([area]))))


def _codes_of(area: Area, provinces_of: dict[str, list[str]]) -> list[str]:
    """The DOPA codes an area stands for: itself, or a region's or group's provinces."""
    return [area.code] if area.level in CODE_LENGTH else provinces_of.get(area.code, [])


def _provinces_of(areas: list[Area]) -> dict[str, list[str]]:
    """Province codes of each region and group among ``areas`` (one query, none when there are none)."""
    provinces_of: dict[str, list[str]] = {}
    if any(area.level not in CODE_LENGTH for area in areas):
        for code, group, region in Area.objects.filter(level=AreaLevel.PROVINCE).values_list(
            "code", "parent_id", "parent__parent_id"
        ):
            for owner in (group, region):
                provinces_of.setdefault(owner, []).append(code)
    return provinces_of


def _fill(board: Dashboard, figures: tallies.Figures) -> None:
    """Every story and household figure of the board, from one set of tallies."""
    board.by_status = dict(figures[tallies.STATUS])
    board.stories = sum(board.by_status.values())
    board.open = sum(n for s, n in board.by_status.items() if s in OPEN_STATUSES)
    board.done = sum(n for s, n in board.by_status.items() if s in DONE_STATUSES)
    board.overdue = figures.total(tallies.DUE)
    board.immediate = figures[tallies.HELP][Dimension.IMMEDIATE.value]
    board.sustainable = figures[tallies.HELP][Dimension.SUSTAINABLE.value]
    board.median_days_to_resolve = median_days(figures[tallies.DAYS])
    board.by_category = [(c, figures[tallies.CATEGORY][str(c.pk)]) for c in Category.objects.order_by("number")]
    board.by_indicator = [(i, figures[tallies.INDICATOR][str(i.pk)]) for i in Indicator.objects.order_by("number")]
    board.by_sdg = [
        (g, figures[tallies.SDG][str(g.pk)], figures[tallies.SDG_DONE][str(g.pk)])
        for g in SdgGoal.objects.order_by("number")
    ]
    since = (timezone.localdate().replace(day=1) - dt.timedelta(days=31 * (TREND_MONTHS - 1))).replace(day=1)
    board.trend = [
        (month, figures[tallies.REPORTED][f"{month:%Y-%m}"], figures[tallies.RESOLVED][f"{month:%Y-%m}"])
        for month in _months(since)
    ]
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    weeks = [monday - dt.timedelta(weeks=n) for n in range(TREND_WEEKS - 1, -1, -1)]
    board.weekly = [
        (week, figures[tallies.REPORTED_WEEK][week.isoformat()], figures[tallies.RESOLVED_WEEK][week.isoformat()])
        for week in weeks
    ]
    board.households = figures.total(tallies.HOUSEHOLDS)
    board.lifted = figures.total(tallies.LIFTED)


def _months(since: dt.date) -> list[dt.date]:
    months, month = [], since
    today = timezone.localdate()
    while (month.year, month.month) <= (today.year, today.month):
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def median_days(histogram) -> float | None:  # type: ignore[no-untyped-def]
    """Median whole days from report to resolution, from a {days: stories} histogram."""
    counts = sorted((int(days), n) for days, n in histogram.items() if n)
    total = sum(n for _days, n in counts)
    if not total:
        return None
    wanted, seen, middle = {(total - 1) // 2, total // 2}, 0, []
    for days, n in counts:
        middle += [days for position in wanted if seen <= position < seen + n]
        seen += n
    return round(sum(middle) / len(middle), 1)


def _children_from_tallies(user, scope, area: Area | None) -> list[ChildRow]:  # type: ignore[no-untyped-def]
    """One row per area one level down (what the reader may see), read from the tallies in one query."""
    children = _child_areas(user, scope, area)
    provinces_of = _provinces_of(children)
    parts = {child.code: tallies.codes_within(scope, _codes_of(child, provinces_of)) for child in children}
    own = tallies.summed_by_area({c for codes in parts.values() for c in codes}, [tallies.STATUS, tallies.DUE])
    result = []
    for child in children:
        row = ChildRow(area=child)
        for code in parts[child.code]:
            figures = own.get(code)
            if figures is None:
                continue
            for status, n in figures[tallies.STATUS].items():
                row.stories += n
                row.open += n if status in OPEN_STATUSES else 0
                row.done += n if status in DONE_STATUSES else 0
            row.overdue += figures.total(tallies.DUE)
        result.append(row)
    return result


def _child_areas(user, scope, area: Area | None) -> list[Area]:  # type: ignore[no-untyped-def]
    if area is not None:
        return list(area.children.visible_to(user).order_by("code"))
    if scope.everything:
        return list(Area.objects.filter(parent__isnull=True).order_by("code"))
    return list(Area.objects.filter(code__in=scope.assigned_codes).order_by("code"))


def _children(user, area: Area | None, stories, unique: bool) -> list[ChildRow]:  # type: ignore[no-untyped-def]
    """One row per area one level down (what the reader may see), with its story figures. Regions and groups
    add up their provinces; a user's own areas are the top when they see less than the country."""
    children = _child_areas(user, scope_for(user), area)
    provinces_of = _provinces_of(children)
    counts: dict[str, tuple[int, int, int, int]] = {}
    for length in {CODE_LENGTH.get(c.level, 2) for c in children}:
        rows = (
            stories.annotate(prefix=Substr("area__code", 1, length))
            .values_list("prefix")
            .annotate(
                total=Count("pk", distinct=unique),
                open=Count("pk", filter=Q(status__in=OPEN_STATUSES), distinct=unique),
                done=Count("pk", filter=Q(status__in=DONE_STATUSES), distinct=unique),
                overdue=Count(
                    "pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()), distinct=unique
                ),
            )
            .order_by()
        )
        counts.update({prefix: (total, open_, done, late) for prefix, total, open_, done, late in rows})
    result = []
    for child in children:
        row = ChildRow(area=child)
        for code in _codes_of(child, provinces_of):
            total, open_, done, late = counts.get(code, (0, 0, 0, 0))
            row.stories, row.open, row.done, row.overdue = (
                row.stories + total,
                row.open + open_,
                row.done + done,
                row.overdue + late,
            )
        result.append(row)
    return result
