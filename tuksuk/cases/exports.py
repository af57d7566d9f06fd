"""Story lists as CSV (streamed row by row) and XLSX (write-only workbook). Citizen IDs are never exported."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from tuksuk.core import thai
from tuksuk.core.downloads import XLSX_TYPE, spreadsheet_row

from .models import Assignment

HEADER = [
    "id",
    "ref",
    "reported_at",
    "village_code",
    "village",
    "house_code",
    "head_name",
    "category",
    "indicators",
    "status",
    "agencies",
    "actions",
    "sustainable",
    "cost_baht",
    "due_on",
    "overdue",
]


def _rows(stories: QuerySet) -> Iterator[list]:
    for row in _raw_rows(stories):
        yield spreadsheet_row(row)


def _raw_rows(stories: QuerySet) -> Iterator[list]:
    # Prefetched into plain lists (``to_attr``): ``story.actions.all()`` would build a queryset per story and row.
    stories = stories.select_related("area", "household", "category").prefetch_related(
        Prefetch("indicators", to_attr="export_indicators"),
        Prefetch("assignments", queryset=Assignment.objects.select_related("agency"), to_attr="export_assignments"),
        Prefetch("actions", to_attr="export_actions"),
    )
    for story in stories.iterator(chunk_size=1000):
        actions = story.export_actions
        yield [
            story.pk,
            story.ref or "",
            timezone.localtime(story.reported_at).strftime("%Y-%m-%d %H:%M"),
            story.area_id,
            story.area.display_name,
            story.household.house_code,
            story.household.head_name,
            story.category_id,
            ";".join(str(i.number) for i in story.export_indicators),
            story.status,
            ";".join(a.agency.code for a in story.export_assignments if a.ended_at is None),
            len(actions),
            "yes" if any(a.dimension == "sustainable" for a in actions) else "no",
            str(sum((a.cost or 0) for a in actions)),
            story.due_on.isoformat() if story.due_on else "",
            "yes" if story.is_overdue else "no",
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(stories: QuerySet, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(HEADER)  # BOM: Excel opens Thai text correctly
        for row in _rows(stories):
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(stories: QuerySet, filename: str, *, title: str) -> FileResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("stories")
    sheet.append([title])
    sheet.append([thai.data_stamp()])
    sheet.append(HEADER)
    for row in _rows(stories):
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=XLSX_TYPE,
    )
