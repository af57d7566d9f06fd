"""The ministry's official tables. Each builder takes the stories a reader may see, an optional area and the
moment the data is taken ("as of"), and returns a ``Table``: the same object feeds the command line, the pages,
the API and the CSV/XLSX exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from tuksuk.cases.models import Story
from tuksuk.indicators.models import Category, Indicator


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    as_of: dt.datetime | None = None
    area_code: str = ""


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


STORY_TABLES: dict[str, Callable[..., Table]] = {
    "stories-by-category": stories_by_category,
    "stories-by-indicator": stories_by_indicator,
}


def build(name: str, *, user=None, area: str = "", as_of: dt.datetime) -> Table:  # type: ignore[no-untyped-def]
    """Build table ``name`` over the stories ``user`` may see (all stories when ``user`` is None: the
    command line is run by the server's operator)."""
    stories = Story.objects.all() if user is None else Story.objects.visible_to(user)
    return STORY_TABLES[name](stories, area=area, as_of=as_of)
