"""The logs as CSV (streamed row by row, any size) and XLSX (write-only workbook, built on disk).

Each export is itself written to the access log (who exported which part of the log).
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from tuksuk.core import thai
from tuksuk.core.downloads import XLSX_TYPE, spreadsheet_row

# An XLSX sheet holds 1,048,576 rows; bigger exports go to CSV.
XLSX_ROW_LIMIT = 1_000_000

ACCESS_HEADER = [
    "id",
    "at",
    "username",
    "user_id",
    "action",
    "source",
    "object_type",
    "object_id",
    "household_id",
    "house_code",
    "area_code",
    "row_count",
    "detail",
    "request_id",
    "ip",
]
CHANGE_HEADER = [
    "id",
    "at",
    "username",
    "user_id",
    "action",
    "source",
    "object_type",
    "object_id",
    "object",
    "root_type",
    "root_id",
    "house_code",
    "area_code",
    "changes",
    "request_id",
]


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def _json(value) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def access_rows(entries: QuerySet) -> Iterator[list]:
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.pk,
            _when(e.at),
            e.username,
            e.user_id or "",
            e.action,
            e.source,
            e.object_type,
            e.object_id,
            e.household_id or "",
            e.house_code,
            e.area_code,
            "" if e.row_count is None else e.row_count,
            _json(e.detail),
            e.request_id,
            e.ip or "",
        ]


def change_rows(entries: QuerySet) -> Iterator[list]:
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.pk,
            _when(e.at),
            e.actor_username,
            e.actor_id or "",
            e.action,
            e.source,
            e.object_type,
            e.object_id,
            e.object_repr,
            e.root_type,
            e.root_id,
            e.house_code,
            e.area_code,
            _json(e.changes),
            e.request_id,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(header: list[str], rows: Iterator[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)  # BOM: Excel opens Thai text correctly
        for row in rows:
            yield writer.writerow(spreadsheet_row(row))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(header: list[str], rows: Iterator[list], filename: str, *, title: str) -> FileResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(filename[:31])
    sheet.append([title])
    sheet.append([thai.data_stamp()])
    sheet.append(header)
    for row in rows:
        sheet.append(spreadsheet_row(row))
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=XLSX_TYPE,
    )
