"""The ministry's tables as pages (with the data stamp) and downloads."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import get_for_user
from tuksuk.areas.models import Area
from tuksuk.core.downloads import csv_download, xlsx_download
from tuksuk.core.thai import format_number, is_digits, to_arabic_digits
from tuksuk.projects.models import Project

from .tables import PROJECT_TABLES, STORY_TABLES, TABLES, TITLES, Table, build, parse_as_of

# Columns that name or identify a row: shown as text, never as a figure.
LABEL_COLUMNS = frozenset(
    {"code", "number", "category_no", "name_th", "ref", "title", "district_code", "district_name_th"}
)


def as_of_from(text: str) -> dt.datetime:
    """The moment asked for (a datetime-local input or ``YYYY-MM-DD HH:MM``); now when empty or unreadable."""
    return parse_as_of(text) or timezone.now()


def year_from(text: str | None) -> int | None:
    """A Buddhist-era fiscal year (``2565``, ``๒๕๖๕``); None when empty. ValueError when it is not such a year."""
    text = to_arabic_digits((text or "").strip())
    if not text:
        return None
    if not is_digits(text) or not 2500 <= int(text) <= 2700:
        raise ValueError(text)
    return int(text)


def area_for(user, code: str) -> Area | None:  # type: ignore[no-untyped-def]
    """The area asked for, if the user may see it (404 otherwise); None for "all I may see"."""
    code = (code or "").strip()
    return get_for_user(Area.objects.all(), user, code=code) if code else None


def build_for(request: HttpRequest, name: str, params) -> tuple[Table, Area | None]:  # type: ignore[no-untyped-def]
    """Table ``name`` over what the user may see, for the area, moment and year in ``params`` (unknown name or an
    area out of scope: 404; an unreadable year: ValueError)."""
    if name not in TABLES:
        raise Http404
    area = area_for(request.user, params.get("area", ""))
    year = year_from(params.get("year")) if name in PROJECT_TABLES else None
    table = build(
        name,
        user=request.user,
        area=area.code if area else "",
        as_of=as_of_from(params.get("as_of", "")),
        year=year,
    )
    return table, area


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/index.html",
        {
            "story_tables": [(name, TITLES[name]) for name in STORY_TABLES],
            "project_tables": [(name, TITLES[name]) for name in PROJECT_TABLES],
        },
    )


STORY_LABELS = {
    "code": "ลำดับ",
    "number": "ข้อ",
    "category_no": "ประเภท",
    "name_th": "รายการ",
    "count": "จำนวน (เรื่อง)",
}


def _cell(column: str, value) -> dict:  # type: ignore[no-untyped-def]
    if column in LABEL_COLUMNS or not isinstance(value, int | Decimal):
        return {"text": "" if value == "total" else value, "figure": False}
    places = max(0, -int(value.as_tuple().exponent)) if isinstance(value, Decimal) else 0
    return {"text": format_number(value, places), "figure": True}


def display(table: Table) -> dict:
    """Headings and cells of ``table`` ready for the page: figures grouped and right-aligned, the total row marked."""
    labels = table.labels or {column: _(STORY_LABELS.get(column, column)) for column in table.columns}
    head = [
        {
            "label": labels.get(column, column),
            "code": column if is_digits(column) else "",
            "figure": column not in LABEL_COLUMNS,
        }
        for column in table.columns
    ]
    body = [
        {
            "total": row[0] == "total",
            "cells": [_cell(column, value) for column, value in zip(table.columns, row, strict=True)],
        }
        for row in table.rows
    ]
    return {"head": head, "body": body}


@login_required
def report_table(request: HttpRequest, name: str) -> HttpResponse:
    try:
        table, area = build_for(request, name, request.GET)
    except ValueError:  # an unreadable year: all years
        table, area = build_for(request, name, {**request.GET.dict(), "year": ""})
    if request.GET.get("format") == "csv":
        return _csv(table)
    if request.GET.get("format") == "xlsx":
        return _xlsx(table)
    if request.GET.get("format") == "pdf":
        return _pdf_table(request, table, area)
    is_project_table = name in PROJECT_TABLES
    years = (
        sorted(
            set(Project.objects.visible_to(request.user).order_by().values_list("fiscal_year", flat=True)),
            reverse=True,
        )
        if is_project_table
        else []
    )
    return render(
        request,
        "reports/table.html",
        {
            "table": table,
            "area": area,
            "is_project_table": is_project_table,
            "years": years,
            "shown": display(table),
            "as_of_value": timezone.localtime(table.as_of).strftime("%Y-%m-%dT%H:%M"),
        },
    )


def _xlsx(table: Table) -> HttpResponse:
    return xlsx_download(table.name, table.columns, table.rows, title=table.title, as_of=table.as_of)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard of an area (``?area=CODE``; default: everything the user sees), drilling down one level."""
    from .dashboard import build_dashboard

    area = area_for(request.user, request.GET.get("area", ""))
    board = build_dashboard(request.user, area)
    if request.GET.get("format") == "pdf":
        from tuksuk.core.pdf import pdf_response
        from tuksuk.core.thai import data_stamp

        context = {"board": board, "area": area, "user": request.user, "stamp": data_stamp(board.moment)}
        return pdf_response("reports/print_dashboard.html", context, f"dashboard-{area.code if area else 'all'}")
    ancestors = area.ancestors() if area else []
    from tuksuk.core.thai import format_day, format_month

    chart_data = {
        "categories": [c.name for c, _n in board.by_category],
        "category_counts": [n for _c, n in board.by_category],
        "months": [format_month(month) for month, _r, _d in board.trend],
        "recorded": [r for _m, r, _d in board.trend],
        "resolved": [d for _m, _r, d in board.trend],
        "weeks": [format_day(week) for week, _r, _d in board.weekly],
        "weekly_recorded": [r for _w, r, _d in board.weekly],
        "weekly_resolved": [d for _w, _r, d in board.weekly],
        "labels": {"recorded": _("รับเรื่อง"), "resolved": _("แก้ไขแล้ว")},
    }
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "area": area,
            "ancestors": ancestors,
            "area_filter": _story_area_filter(area),
            "chart_data": chart_data,
        },
    )


def _story_area_filter(area) -> str:  # type: ignore[no-untyped-def]
    """The story-list filter for an area (regions and groups have no DOPA prefix: their list is unfiltered)."""
    from tuksuk.areas.choices import CODE_LENGTH

    return area.code if area is not None and area.level in CODE_LENGTH else ""


@login_required
def league(request: HttpRequest) -> HttpResponse:
    """Districts or provinces side by side, ranked by a chosen figure; pilot districts marked."""
    from .league import LEVELS, SORTABLE, league_table

    area = area_for(request.user, request.GET.get("area", ""))
    level = request.GET.get("level", "district")
    sort = request.GET.get("sort", "stories")
    table = league_table(request.user, level, area=area, sort=sort)
    if request.GET.get("format") == "csv":
        return _csv(table)
    if request.GET.get("format") == "xlsx":
        return _xlsx(table)
    if request.GET.get("format") == "pdf":
        return _pdf_table(request, table, area, orientation="landscape")
    return render(
        request,
        "reports/league.html",
        {
            "table": table,
            "area": area,
            "level": level if level in LEVELS else "district",
            "sort": sort,
            "sortable": [(column, table.labels[column]) for column in SORTABLE],
        },
    )


@login_required
def area_map(request: HttpRequest) -> HttpResponse:
    """Households and areas on a map; a tile background only when TUKSUK_MAP_TILE_URL is set."""
    from django.conf import settings
    from django.urls import reverse

    area = area_for(request.user, request.GET.get("area", ""))
    query = f"?area={area.code}" if area else ""
    config = {
        "households": reverse("api-map-households") + query,
        "areas": reverse("api-map-areas") + (query or "?") + ("&" if query else "") + "level=subdistrict",
        "tiles": settings.TUKSUK_MAP_TILE_URL,
        "labels": {
            "open": _("มีเรื่องที่ยังแก้ไขไม่เสร็จ"),
            "done": _("แก้ไขแล้ว"),
            "lifted": _("พ้นจากปัญหาแล้ว"),
            "stories": _("เรื่องราว"),
            "overdue": _("เกินกำหนด"),
            "household": _("ครัวเรือน"),
        },
        "household_url": reverse("households:detail", args=["0"])[:-2],
        "dashboard_url": reverse("reports:dashboard"),
    }
    return render(request, "reports/map.html", {"area": area, "config": config})


def _pdf_table(request: HttpRequest, table: Table, area, orientation: str = "portrait") -> HttpResponse:  # type: ignore[no-untyped-def]
    from tuksuk.core.pdf import pdf_response
    from tuksuk.core.thai import data_stamp

    with translation.override("th"):
        context = {
            "table": table,
            "area": area,
            "user": request.user,
            "shown": display(table),
            "stamp": data_stamp(table.as_of),
            "orientation": orientation,
        }
    return pdf_response("reports/print_table.html", context, table.name)


def _csv(table: Table) -> HttpResponse:
    return csv_download(table.name, table.columns, table.rows)
