"""Small tables as file downloads: CSV (with a BOM, so Excel reads the Thai text right) and XLSX (openpyxl, with a
title row and the "ข้อมูล ณ วันที่ …" stamp above the header). Built in memory: for exports that may run to
millions of rows, stream instead (``tuksuk.cases.exports``, ``tuksuk.audit.exports``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from tuksuk.core.thai import data_stamp

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_download(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
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
        worksheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
