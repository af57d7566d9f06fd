"""The figures of an area's dashboard, counted live over what the reader may see (a fixed number of queries,
whatever the size of the area). Every figure links to the story list behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from tuksuk.accounts.scope import scope_for
from tuksuk.areas.choices import CODE_LENGTH, AreaLevel
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES, OPEN_STATUSES, Dimension
from tuksuk.cases.models import Action, Story
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category, Indicator, SdgGoal
from tuksuk.projects.models import BudgetLine, Project

TREND_MONTHS = 12


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
    projects: int = 0
    project_value: Decimal = Decimal("0")
    project_spent: Decimal = Decimal("0")
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
    stories = _in_area(Story.objects.visible_to(user), "area__code", area)
    # COUNT(DISTINCT) only when scoping joined rows in (agency staff): a plain COUNT is much cheaper at scale.
    unique = stories.query.distinct

    board.by_status = dict(stories.values_list("status").annotate(n=Count("pk", distinct=unique)).order_by())
    board.stories = sum(board.by_status.values())
    board.open = sum(n for s, n in board.by_status.items() if s in OPEN_STATUSES)
    board.done = sum(n for s, n in board.by_status.items() if s in DONE_STATUSES)
    board.overdue = stories.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()).count()
    board.immediate, board.sustainable = (
        stories.filter(Exists(Action.objects.filter(story=OuterRef("pk"), dimension=dimension))).count()
        for dimension in (Dimension.IMMEDIATE, Dimension.SUSTAINABLE)
    )
    board.median_days_to_resolve = _median_days(stories)

    categories = dict(stories.values_list("category").annotate(n=Count("pk", distinct=unique)).order_by())
    board.by_category = [(c, categories.get(c.pk, 0)) for c in Category.objects.order_by("number")]
    indicators = dict(stories.values_list("indicators").annotate(n=Count("pk", distinct=unique)).order_by())
    board.by_indicator = [(i, indicators.get(i.pk, 0)) for i in Indicator.objects.order_by("number")]
    sdg_rows = (
        stories.values_list("indicators__sdg_goals")
        .annotate(total=Count("pk", distinct=True), done=Count("pk", filter=Q(status__in=DONE_STATUSES), distinct=True))
        .order_by()
    )
    sdg = {goal: (total, done) for goal, total, done in sdg_rows if goal is not None}
    board.by_sdg = [(g, *sdg.get(g.pk, (0, 0))) for g in SdgGoal.objects.order_by("number")]

    since = (timezone.localdate().replace(day=1) - dt.timedelta(days=31 * (TREND_MONTHS - 1))).replace(day=1)
    recorded = dict(
        stories.filter(reported_at__date__gte=since)
        .annotate(month=TruncMonth("reported_at"))
        .values_list("month")
        .annotate(n=Count("pk", distinct=unique))
        .order_by()
    )
    resolved = dict(
        stories.filter(resolved_at__date__gte=since)
        .annotate(month=TruncMonth("resolved_at"))
        .values_list("month")
        .annotate(n=Count("pk", distinct=unique))
        .order_by()
    )
    board.trend = [(month, _by_month(recorded, month), _by_month(resolved, month)) for month in _months(since)]

    households = _in_area(Household.objects.visible_to(user).active(), "village__code", area)
    board.households = households.count()
    board.lifted = households.lifted().count()

    projects = _in_area(Project.objects.visible_to(user), "district__code", area)
    board.projects = projects.count()
    money = BudgetLine.objects.filter(activity__project__in=projects.values("pk")).aggregate(
        value=Sum("planned"), spent=Sum("spent")
    )
    board.project_value, board.project_spent = money["value"] or Decimal("0"), money["spent"] or Decimal("0")
    board.children = _children(user, area, stories, unique)
    return board


def _by_month(counts: dict, month: dt.date) -> int:
    return sum(n for key, n in counts.items() if key and key.year == month.year and key.month == month.month)


def _months(since: dt.date) -> list[dt.date]:
    months, month = [], since
    today = timezone.localdate()
    while (month.year, month.month) <= (today.year, today.month):
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _median_days(stories) -> float | None:  # type: ignore[no-untyped-def]
    """Median days from report to resolution of the resolved or closed stories (two queries)."""
    done = stories.filter(status__in=DONE_STATUSES, resolved_at__isnull=False)
    count = done.count()
    if not count:
        return None
    duration = ExpressionWrapper(F("resolved_at") - F("reported_at"), output_field=DurationField())
    ordered = done.annotate(took=duration).order_by("took").values_list("took", flat=True)
    middle = list(ordered[(count - 1) // 2 : count // 2 + 1])
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return round(seconds / 86400, 1)


def _children(user, area: Area | None, stories, unique: bool) -> list[ChildRow]:  # type: ignore[no-untyped-def]
    """One row per area one level down (what the reader may see), with its story figures. Regions and groups
    add up their provinces; a user's own areas are the top when they see less than the country."""
    scope = scope_for(user)
    if area is not None:
        children = list(area.children.visible_to(user).order_by("code"))
    elif scope.everything:
        children = list(Area.objects.filter(parent__isnull=True).order_by("code"))
    else:
        children = list(Area.objects.filter(code__in=scope.assigned_codes).order_by("code"))
    provinces_of: dict[str, list[str]] = {}
    if any(c.level not in CODE_LENGTH for c in children):
        for code, group, region in Area.objects.filter(level=AreaLevel.PROVINCE).values_list(
            "code", "parent_id", "parent__parent_id"
        ):
            for owner in (group, region):
                provinces_of.setdefault(owner, []).append(code)
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
        for code in [child.code] if child.level in CODE_LENGTH else provinces_of.get(child.code, []):
            total, open_, done, late = counts.get(code, (0, 0, 0, 0))
            row.stories, row.open, row.done, row.overdue = (
                row.stories + total,
                row.open + open_,
                row.done + done,
                row.overdue + late,
            )
        result.append(row)
    return result
