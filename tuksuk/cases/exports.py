"""Story lists as CSV (streamed row by row) and XLSX (write-only workbook). Citizen IDs are never exported."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from tuksuk.core.downloads import csv_stream, spreadsheet_row, xlsx_file

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


def escaped_rows(stories: QuerySet) -> Iterator[list]:
    """The rows as a spreadsheet may show them (formula-like text escaped), for writers of their own (the
    background export job, which reports its progress)."""
    for row in _raw_rows(stories):
        yield spreadsheet_row(row)


def _raw_rows(stories: QuerySet) -> Iterator[list]:
    # Prefetched into plain lists (``to_attr``): ``story.actions.all()`` would build a queryset per story and row.
    stories = stories.select_related("area", "household").prefetch_related(
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


def csv_response(stories: QuerySet, filename: str) -> StreamingHttpResponse:
    return csv_stream(HEADER, _raw_rows(stories), filename)


def xlsx_response(stories: QuerySet, filename: str, *, title: str) -> FileResponse:
    return xlsx_file(HEADER, _raw_rows(stories), filename, title=title)
