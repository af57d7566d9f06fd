"""The training report page (``?course=`` narrows it to one course) and its CSV/XLSX exports
(``?table=by-network&format=csv``). Everything is counted from the participants the reader may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tuksuk.core.downloads import csv_download, xlsx_download
from tuksuk.reports.tables import Table

from .models import Course, Participant
from .tables import BUILDERS
from .views import get_course


def csv_response(table: Table) -> HttpResponse:
    return csv_download(table.name, table.columns, table.rows)


def xlsx_response(table: Table) -> HttpResponse:
    header = [table.labels.get(column, column) for column in table.columns]
    return xlsx_download(table.name, header, table.rows, title=table.title, as_of=table.as_of)


@login_required
def report(request: HttpRequest) -> HttpResponse:
    participants = Participant.objects.visible_to(request.user)
    course = None
    if request.GET.get("course"):
        try:
            course = get_course(request.user, int(request.GET["course"]))
        except ValueError:
            raise Http404 from None
        participants = participants.filter(course=course)
    wanted = request.GET.get("format")
    if wanted in ("csv", "xlsx"):
        name = request.GET.get("table", "")
        if name not in BUILDERS:
            raise Http404
        table = BUILDERS[name](participants)
        return csv_response(table) if wanted == "csv" else xlsx_response(table)
    tables = [(name, builder(participants)) for name, builder in BUILDERS.items()]
    return render(
        request,
        "training/report.html",
        {
            "course": course,
            "courses": Course.objects.visible_to(request.user).order_by("-created_at")[:100],
            "tables": tables,
        },
    )
