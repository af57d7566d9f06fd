"""Tables as file downloads: CSV (with a BOM, so Excel reads the Thai text right) and XLSX (openpyxl, with a
title row and the "ข้อมูล ณ วันที่ …" stamp above the header).

``csv_download``/``xlsx_download`` build small tables in memory. ``csv_stream``/``xlsx_file`` take rows from an
iterator for exports that may run to millions of rows (stories, the audit logs): the CSV is streamed row by row,
the XLSX written by a write-only workbook to a temporary file. Every cell goes through ``spreadsheet_text``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from tuksuk.core.thai import data_stamp

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula to Excel/LibreOffice (CSV) and to openpyxl (XLSX): text typed by
# users (a head's name, a ref) must never become one ("=HYPERLINK(…)", "=cmd|' /C calc'!A0").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """``value`` as a spreadsheet shows it as text: a string that would start a formula gets a leading ``'``.
    Every download goes through it (here, and the streamed exports of cases and audit)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(row: Iterable) -> list:
    return [spreadsheet_text(value) for value in row]


def csv_download(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(spreadsheet_row(row) for row in rows)
    return response


def xlsx_download(
    filename: str,
    header: Sequence,
    rows: Iterable[Sequence],
    *,
    title: str,
    as_of: dt.datetime | None = None,
    sheet: str | None = None,
) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    worksheet = book.active
    worksheet.title = (sheet or filename)[:31]
    worksheet.append([title])
    worksheet.append([data_stamp(as_of)])
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(spreadsheet_row(row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header: Sequence, rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    """A CSV download written row by row as it is sent, in flat memory whatever the number of rows."""
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)  # BOM: Excel opens Thai text correctly
        for row in rows:
            yield writer.writerow(spreadsheet_row(row))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_file(header: Sequence, rows: Iterable[Sequence], filename: str, *, title: str) -> FileResponse:
    """An XLSX download of any size: a write-only workbook (one sheet named after the file) on disk."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(filename[:31])
    sheet.append([title])
    sheet.append([data_stamp()])
    sheet.append(list(header))
    for row in rows:
        sheet.append(spreadsheet_row(row))
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)
