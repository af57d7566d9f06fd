"""Comparing areas side by side: districts (or provinces) of the reader's scope ranked by a chosen figure,
with the pilot districts marked. One ``Table``, so the page, CSV and XLSX come from the same rows."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.areas.choices import CODE_LENGTH, AreaLevel
from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.cases.choices import DONE_STATUSES, OPEN_STATUSES
from tuksuk.cases.models import Story
from tuksuk.households.models import Household
from tuksuk.projects.models import BudgetLine, Project

from . import tallies
from .tables import Table

LEVELS = (AreaLevel.PROVINCE, AreaLevel.DISTRICT)
COLUMNS = [
    "code",
    "name_th",
    "pilot",
    "stories",
    "open",
    "overdue",
    "done",
    "resolution_rate",
    "households",
    "lifted",
    "projects",
    "value_baht",
]
SORTABLE = COLUMNS[3:]


def _grouped(rows, length: int, **aggregates) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    found = rows.annotate(prefix=Substr(_path(rows.model), 1, length)).values("prefix").annotate(**aggregates)
    return {row.pop("prefix"): row for row in found.order_by()}


def _path(model) -> str:  # type: ignore[no-untyped-def]
    return {
        Story: "area__code",
        Household: "village__code",
        Project: "district__code",
        BudgetLine: "activity__project__district__code",
    }[model]


def _area_figures(user, scope, codes: list[str], length: int) -> tuple[dict, dict, dict]:  # type: ignore[no-untyped-def]
    """Story, household and lifted figures per area code: from the tallies (each area lies wholly in the reader's
    scope), or counted live for agency staff, who see only what is linked to their agency."""
    today = timezone.localdate()
    if scope.agency_grants:
        stories = _grouped(
            Story.objects.visible_to(user),
            length,
            stories=Count("pk", distinct=True),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES), distinct=True),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today), distinct=True),
            done=Count("pk", filter=Q(status__in=DONE_STATUSES), distinct=True),
        )
        households = _grouped(Household.objects.visible_to(user).active(), length, n=Count("pk", distinct=True))
        lifted = _grouped(Household.objects.visible_to(user).active().lifted(), length, n=Count("pk", distinct=True))
        return stories, households, lifted
    wanted = [tallies.STATUS, tallies.DUE, tallies.HOUSEHOLDS, tallies.LIFTED]
    stories, households, lifted = {}, {}, {}
    for code, figures in tallies.summed_by_area(codes, wanted).items():
        by_status = figures[tallies.STATUS]
        stories[code] = {
            "stories": sum(by_status.values()),
            "open": sum(n for status, n in by_status.items() if status in OPEN_STATUSES),
            "overdue": figures.total(tallies.DUE),
            "done": sum(n for status, n in by_status.items() if status in DONE_STATUSES),
        }
        households[code] = {"n": figures.total(tallies.HOUSEHOLDS)}
        lifted[code] = {"n": figures.total(tallies.LIFTED)}
    return stories, households, lifted


def league_table(user, level: str, *, area: Area | None = None, sort: str = "stories") -> Table:  # type: ignore[no-untyped-def]
    """Every ``level`` area the user may see (inside ``area`` when given) with its figures, ranked by ``sort``."""
    level = level if level in LEVELS else AreaLevel.DISTRICT
    length = CODE_LENGTH[level]
    areas = Area.objects.visible_to(user).filter(level=level)
    from .dashboard import _in_area

    areas = _in_area(areas, "code", area) if area is not None else areas
    from tuksuk.accounts.scope import scope_for

    scope = scope_for(user)
    if not scope.everything:
        areas = areas.filter(scope.q("code"))  # not the provinces above a district user: only what they cover
    stories, households, lifted = _area_figures(user, scope, list(areas.values_list("code", flat=True)), length)
    projects = _grouped(Project.objects.visible_to(user), length, n=Count("pk", distinct=True))
    money = _grouped(
        BudgetLine.objects.filter(activity__project__in=Project.objects.visible_to(user).values("pk")),
        length,
        value=Sum("planned"),
    )
    pilots = set(
        PilotDistrict.objects.filter(programme_year=settings.TUKSUK_PROGRAMME_YEAR).values_list("district_id", "level")
    )
    table = Table("league", _("เปรียบเทียบพื้นที่"), list(COLUMNS), as_of=timezone.now(), area_code=area.code if area else "")
    table.labels = {
        "code": _("รหัส"),
        "name_th": _("พื้นที่"),
        "pilot": _("นำร่อง"),
        "stories": _("เรื่องราว"),
        "open": _("กำลังแก้ไข"),
        "overdue": _("เกินกำหนด"),
        "done": _("แก้ไขแล้ว"),
        "resolution_rate": _("อัตราแก้ไข (%)"),
        "households": _("ครัวเรือน"),
        "lifted": _("พ้นจากปัญหา"),
        "projects": _("โครงการ"),
        "value_baht": _("มูลค่าโครงการ (บาท)"),
    }
    for place in areas.order_by("code"):
        figures = stories.get(place.code, {})
        total, done = figures.get("stories", 0), figures.get("done", 0)
        pilot = ""
        if level == AreaLevel.DISTRICT:
            pilot = (
                "group"
                if (place.code, "group") in pilots
                else ("province" if (place.code, "province") in pilots else "")
            )
        else:
            pilot = "yes" if any(code.startswith(place.code) for code, _level in pilots) else ""
        table.rows.append(
            [
                place.code,
                place.name_th,
                pilot,
                total,
                figures.get("open", 0),
                figures.get("overdue", 0),
                done,
                Decimal(100 * done / total).quantize(Decimal("0.1")) if total else Decimal("0.0"),
                households.get(place.code, {}).get("n", 0),
                lifted.get(place.code, {}).get("n", 0),
                projects.get(place.code, {}).get("n", 0),
                (money.get(place.code, {}).get("value") or Decimal("0")).quantize(Decimal("0.01")),
            ]
        )
    key = COLUMNS.index(sort) if sort in SORTABLE else COLUMNS.index("stories")
    table.rows.sort(key=lambda row: (-row[key], row[0]))
    return table
