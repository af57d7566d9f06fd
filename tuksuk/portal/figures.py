"""Public aggregate figures: a snapshot taken from the per-area tallies and the projects, never computed per request.

``publish_figures()`` copies, for every province and district (and the whole country), the tally dimensions the
public may see (stories by status, category, ThaiQM indicator and SDG, help given, households and households lifted)
and the districts' project counts and values into ``PublicFigure`` rows stamped with the moment they were taken.
It runs from ``manage.py publish_figures``, from a background job a ministry administrator starts on ``/publish/``,
and after each approval (for the item's district and province, and the country). Public pages show a snapshot's
figures through ``suppression.shown`` with the stamp "ข้อมูล ณ วันที่ … เวลา … น." of its ``taken_at``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.reports import tallies

from . import page_cache
from .choices import FigureLevel
from .models import PublicFigure
from .suppression import chart_value, shown

# The tally dimensions published (months, days to resolve and due dates stay internal).
TALLY_DIMENSIONS = (
    tallies.STATUS,
    tallies.CATEGORY,
    tallies.INDICATOR,
    tallies.SDG,
    tallies.SDG_DONE,
    tallies.HELP,
    tallies.HOUSEHOLDS,
    tallies.LIFTED,
)
PROJECTS = "projects"  # "": number of projects
PROJECT_VALUE = "project_value"  # "": planned baht of all activities
PROJECT_CATEGORY = "project_category"  # project category number: number of projects
NATIONAL_CODE = ""


def _level(code: str) -> str:
    return {0: FigureLevel.NATIONAL, 2: FigureLevel.PROVINCE}.get(len(code), FigureLevel.DISTRICT)


def _project_rows(district_codes: list[str]) -> dict[str, Counter]:
    """(district) -> Counter of (dimension, key) -> value, for the projects of these districts."""
    from tuksuk.projects.models import BudgetLine, Project

    result: dict[str, Counter] = defaultdict(Counter)
    projects = Project.objects.filter(district_id__in=district_codes)
    for code, category, n in projects.values_list("district_id", "category").annotate(n=Count("id")).order_by():
        result[code][(PROJECTS, "")] += n
        result[code][(PROJECT_CATEGORY, str(category))] += n
    values = (
        BudgetLine.objects.filter(activity__project__district_id__in=district_codes)
        .values_list("activity__project__district_id")
        .annotate(total=Sum("planned"))
        .order_by()
    )
    for code, total in values:
        result[code][(PROJECT_VALUE, "")] += int(total or 0)
    return result


@transaction.atomic
def publish_figures(district_code: str | None = None) -> int:
    """Take a new snapshot: of every province and district, or only of ``district_code`` and its province (after
    an approval); the national figures always. Returns the number of figure rows written."""
    taken_at = timezone.now()
    if district_code:
        districts = [district_code]
        provinces = [district_code[:2]]
    else:
        districts = list(Area.objects.filter(level=AreaLevel.DISTRICT).values_list("code", flat=True))
        provinces = list(Area.objects.filter(level=AreaLevel.PROVINCE).values_list("code", flat=True))
    all_provinces = list(Area.objects.filter(level=AreaLevel.PROVINCE).values_list("code", flat=True))
    by_area: dict[str, Counter] = defaultdict(Counter)
    for code, figures in tallies.summed_by_area([*districts, *all_provinces], TALLY_DIMENSIONS).items():
        for dimension, counts in figures.data.items():
            for key, n in counts.items():
                by_area[code][(dimension, key)] += n
    # A province adds up all its districts' projects, so count every district of the provinces written.
    project_districts = Area.objects.filter(level=AreaLevel.DISTRICT)
    if district_code:
        project_districts = project_districts.filter(code__startswith=provinces[0])
    wanted_districts, wanted_provinces = set(districts), set(provinces)
    for code, counts in _project_rows(list(project_districts.values_list("code", flat=True))).items():
        if code in wanted_districts:
            by_area[code].update(counts)
        if code[:2] in wanted_provinces:
            by_area[code[:2]].update(counts)
    national: Counter = Counter()
    for code in all_provinces:
        national.update({k: v for k, v in by_area[code].items() if k[0] in TALLY_DIMENSIONS})
    national.update(_national_projects())
    by_area[NATIONAL_CODE] = national
    written = [NATIONAL_CODE, *provinces, *districts]
    PublicFigure.objects.filter(area_code__in=written).delete()
    rows = [
        PublicFigure(area_code=code, level=_level(code), dimension=d, key=k, value=v, taken_at=taken_at)
        for code in written
        for (d, k), v in by_area.get(code, Counter()).items()
        if v
    ]
    # An area with no figures at all still gets its stamp: one zero row says when it was taken.
    have = {row.area_code for row in rows}
    rows += [
        PublicFigure(area_code=code, level=_level(code), dimension=PROJECTS, key="", value=0, taken_at=taken_at)
        for code in written
        if code not in have
    ]
    PublicFigure.objects.bulk_create(rows, batch_size=2000)
    page_cache.bump_after_commit()  # bulk_create sends no signals
    return len(rows)


def _national_projects() -> Counter:
    from tuksuk.projects.models import BudgetLine, Project

    counts: Counter = Counter()
    for category, n in Project.objects.values_list("category").annotate(n=Count("id")).order_by():
        counts[(PROJECTS, "")] += n
        counts[(PROJECT_CATEGORY, str(category))] += n
    counts[(PROJECT_VALUE, "")] = int(BudgetLine.objects.aggregate(t=Sum("planned"))["t"] or 0)
    return counts


@dataclass
class AreaFigures:
    """The public figures of one area, exact inside; read them through ``public`` (suppressed)."""

    code: str
    level: str
    taken_at: dt.datetime | None
    data: dict[str, dict[str, int]] = field(default_factory=dict)

    def exact(self, dimension: str, key: str = "") -> int:
        return self.data.get(dimension, {}).get(key, 0)

    def public(self, dimension: str, key: str = "") -> int | str:
        return shown(self.exact(dimension, key), self.level)

    def chart(self, dimension: str, key: str = "") -> int | None:
        return chart_value(self.exact(dimension, key), self.level)

    def public_total(self, dimension: str) -> int | str:
        return shown(sum(self.data.get(dimension, {}).values()), self.level)

    def as_public_dict(self) -> dict[str, dict[str, int | str]]:
        """Every figure of the snapshot as the public sees it (the API's answer)."""
        return {
            dimension: {key: shown(value, self.level) for key, value in sorted(values.items())}
            for dimension, values in sorted(self.data.items())
        }


def figures_for(code: str) -> AreaFigures:
    """The latest snapshot's figures of a province (2 digits), a district (4) or the country ("")."""
    rows = PublicFigure.objects.filter(area_code=code)
    data: dict[str, dict[str, int]] = defaultdict(dict)
    taken_at = None
    for dimension, key, value, at in rows.values_list("dimension", "key", "value", "taken_at"):
        data[dimension][key] = value
        taken_at = at if taken_at is None or at > taken_at else taken_at
    return AreaFigures(code, _level(code), taken_at, dict(data))


def last_snapshot() -> dt.datetime | None:
    return PublicFigure.objects.aggregate(at=Max("taken_at"))["at"]
