"""The ministry's tables as pages (with the data stamp) and downloads."""

import csv
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tuksuk.accounts.scope import get_for_user
from tuksuk.areas.models import Area

from .tables import STORY_TABLES, build, parse_as_of


def as_of_from(text: str) -> dt.datetime:
    """The moment asked for (a datetime-local input or ``YYYY-MM-DD HH:MM``); now when empty or unreadable."""
    return parse_as_of(text) or timezone.now()


def area_for(user, code: str) -> Area | None:  # type: ignore[no-untyped-def]
    """The area asked for, if the user may see it (404 otherwise); None for "all I may see"."""
    code = (code or "").strip()
    return get_for_user(Area.objects.all(), user, code=code) if code else None


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"tables": [(name, fn.__doc__) for name, fn in STORY_TABLES.items()]})


@login_required
def report_table(request: HttpRequest, name: str) -> HttpResponse:
    if name not in STORY_TABLES:
        raise Http404
    area = area_for(request.user, request.GET.get("area", ""))
    table = build(
        name, user=request.user, area=area.code if area else "", as_of=as_of_from(request.GET.get("as_of", ""))
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        return response
    if request.GET.get("format") == "xlsx":
        return _xlsx(table)
    total = sum(row[-1] for row in table.rows if row[0] != "total")
    return render(
        request,
        "reports/table.html",
        {
            "table": table,
            "area": area,
            "total": total,
            "as_of_value": timezone.localtime(table.as_of).strftime("%Y-%m-%dT%H:%M"),
        },
    )


def _xlsx(table) -> HttpResponse:  # type: ignore[no-untyped-def]
    import io

    from openpyxl import Workbook

    from tuksuk.core.thai import data_stamp

    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append([table.title])
    sheet.append([data_stamp(table.as_of)])
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{table.name}.xlsx"'
    return response
