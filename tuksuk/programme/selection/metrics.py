"""The registry's figures that pre-fill data-driven criteria (a criterion names one in ``data_source``).

Each data source is a function ``(district_code, period_start, period_end) -> Decimal`` (``value``); for a page
that needs many districts at once it also answers for a list of codes in a few queries (``values``). Dates may be
None (no lower / upper bound).

Formulas
- ``problem_severity`` (ความรุนแรงของปัญหาในพื้นที่, from the TPMAP/ThaiQM stories in the registry):
  open stories + households with at least one open story, among the stories reported up to ``period_end``.
  "Open" is the story's current status (new, verified, in progress, referred).
- ``households_lifted``: households lifted out of their problems (every story solved with a sustainable action,
  ``Household.objects.lifted()``) that had a story resolved within the period.
- ``project_value``: baht planned in the budget lines of the district's projects of the fiscal years the period
  touches (Thai fiscal year: 1 October to 30 September, B.E.).
- ``beneficiaries``: households benefited by those projects' activities (linked from the registry, or the number
  typed when none are linked).
- ``communication_views`` / ``communication_shares``: views and shares of the district's public posts, counted by
  the public portal. The portal registers its counter with ``set_communication_counter``; until it does these
  figures are *not available* (``Metric.available()`` is False) and pages say so instead of showing a measured 0.

A suggestion for a criterion scales the district's figure to the criterion's maximum relative to the highest
figure among the round's eligible districts: ``max_points × value / highest`` (0 when every district has 0),
rounded half-up to 2 decimals. A judge accepts or overrides it; the score records which.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from tuksuk.core.thai import be_year

ZERO = Decimal("0")
CENT = Decimal("0.01")
Many = Callable[[list[str], "dt.date | None", "dt.date | None"], dict[str, Decimal]]


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    unit: str
    many: Many
    available: Callable[[], bool] = lambda: True

    def values(self, codes: Iterable[str], start: dt.date | None, end: dt.date | None) -> dict[str, Decimal]:
        codes = sorted(set(codes))
        found = self.many(codes, start, end) if codes else {}
        return {code: Decimal(found.get(code, ZERO)) for code in codes}

    def value(self, district_code: str, start: dt.date | None, end: dt.date | None) -> Decimal:
        return self.values([district_code], start, end)[district_code]


def _end_of(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def _start_of(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def problem_severity(codes: list[str], start: dt.date | None, end: dt.date | None) -> dict[str, Decimal]:
    from tuksuk.cases.choices import OPEN_STATUSES
    from tuksuk.cases.models import Story

    stories = (
        Story.objects.filter(status__in=OPEN_STATUSES)
        .annotate(district=Substr("area__code", 1, 4))
        .filter(district__in=codes)
    )
    if end:
        stories = stories.filter(reported_at__lte=_end_of(end))
    rows = stories.values("district").annotate(n=Count("pk"), households=Count("household", distinct=True))
    return {row["district"]: Decimal(row["n"] + row["households"]) for row in rows}


def households_lifted(codes: list[str], start: dt.date | None, end: dt.date | None) -> dict[str, Decimal]:
    from tuksuk.households.models import Household

    households = (
        Household.objects.active().lifted().annotate(district=Substr("village__code", 1, 4)).filter(district__in=codes)
    )
    resolved = {}
    if start:
        resolved["stories__resolved_at__gte"] = _start_of(start)
    if end:
        resolved["stories__resolved_at__lte"] = _end_of(end)
    if resolved:  # one filter call: both bounds apply to the same story
        households = households.filter(**resolved)
    rows = households.values("district").annotate(n=Count("pk", distinct=True))
    return {row["district"]: Decimal(row["n"]) for row in rows}


def fiscal_year(day: dt.date) -> int:
    """The Thai fiscal year (B.E.) of a day: FY 2565 runs from 1 Oct 2021 to 30 Sep 2022."""
    return be_year(day.year) + (1 if day.month >= 10 else 0)


def _projects(codes: list[str], start: dt.date | None, end: dt.date | None):  # type: ignore[no-untyped-def]
    from tuksuk.projects.models import Project

    projects = Project.objects.filter(district_id__in=codes)
    if start:
        projects = projects.filter(fiscal_year__gte=fiscal_year(start))
    if end:
        projects = projects.filter(fiscal_year__lte=fiscal_year(end))
    return projects


def project_value(codes: list[str], start: dt.date | None, end: dt.date | None) -> dict[str, Decimal]:
    from django.db.models import Sum

    from tuksuk.projects.models import BudgetLine

    rows = (
        BudgetLine.objects.filter(activity__project__in=_projects(codes, start, end))
        .values("activity__project__district_id")
        .annotate(total=Sum("planned"))
    )
    return {row["activity__project__district_id"]: row["total"] or ZERO for row in rows}


def beneficiaries(codes: list[str], start: dt.date | None, end: dt.date | None) -> dict[str, Decimal]:
    from tuksuk.projects.models import Activity

    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    activities = (
        Activity.objects.filter(project__in=_projects(codes, start, end))
        .annotate(linked=Count("beneficiaries", distinct=True))
        .values_list("project__district_id", "linked", "reached_households")
    )
    for district, linked, reached in activities:
        totals[district] += Decimal(linked or reached or 0)
    return dict(totals)


# The public portal's counter: (district_code, start, end, "views" | "shares") -> Decimal. None until registered.
_communication_counter: Callable[[list[str], dt.date | None, dt.date | None, str], dict[str, Decimal]] | None = None


def set_communication_counter(
    counter: Callable[[list[str], dt.date | None, dt.date | None, str], dict[str, Decimal]] | None,
) -> None:
    """Called by the public portal (e.g. in its AppConfig.ready) with the function that counts views and shares."""
    global _communication_counter
    _communication_counter = counter


def communication_available() -> bool:
    return _communication_counter is not None


def _communication(what: str) -> Many:
    def many(codes: list[str], start: dt.date | None, end: dt.date | None) -> dict[str, Decimal]:
        if _communication_counter is None:
            return {}
        return _communication_counter(codes, start, end, what)

    return many


METRICS: dict[str, Metric] = {
    metric.code: metric
    for metric in (
        Metric("problem_severity", _("ความรุนแรงของปัญหา (TPMAP/ThaiQM)"), _("เรื่องค้าง + ครัวเรือน"), problem_severity),
        Metric("households_lifted", _("ครัวเรือนที่พ้นจากปัญหา"), _("ครัวเรือน"), households_lifted),
        Metric("project_value", _("มูลค่าโครงการ"), _("บาท"), project_value),
        Metric("beneficiaries", _("ครัวเรือนที่ได้รับประโยชน์จากโครงการ"), _("ครัวเรือน"), beneficiaries),
        Metric(
            "communication_views",
            _("ยอดการเข้าชมการสื่อสารสังคม"),
            _("ครั้ง"),
            _communication("views"),
            communication_available,
        ),
        Metric(
            "communication_shares",
            _("ยอดการแบ่งปันการสื่อสารสังคม"),
            _("ครั้ง"),
            _communication("shares"),
            communication_available,
        ),
    )
}


def choices() -> list[tuple[str, str]]:
    return [("", _("— ไม่มี (กรรมการให้คะแนนเอง) —")), *((m.code, m.label) for m in METRICS.values())]


def scaled(value: Decimal, highest: Decimal, max_points: Decimal) -> Decimal:
    """``max_points × value / highest``, rounded half-up to 2 decimals; 0 when ``highest`` is 0."""
    if highest <= 0:
        return ZERO.quantize(CENT)
    return (max_points * value / highest).quantize(CENT, rounding=ROUND_HALF_UP)
