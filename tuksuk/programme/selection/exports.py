"""Results as CSV (with a BOM, for Excel) and XLSX (openpyxl), as on the results page."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tuksuk.core.thai import data_stamp

from .ranking import Results


def _table(results: Results) -> tuple[list[str], list[list]]:
    columns = [_("หน่วย"), _("อันดับ"), _("รหัสอำเภอ"), _("อำเภอ"), _("คะแนนรวม")]
    columns += [f"{c.number} ({c.max_points})" for c in results.criteria]
    columns += [_("ผลการคัดเลือก"), _("หมายเหตุ")]
    rows = []
    for row in results.rows:
        note = []
        if not row.complete:
            note.append(_("คะแนนไม่ครบ: %(m)s") % {"m": "; ".join(row.missing)})
        if row.tied:
            note.append(_("คะแนนเท่ากัน"))
        if row.tie_break:
            note.append(_("ตัดสินกรณีเท่ากัน: %(r)s") % {"r": row.tie_break.reason})
        cells = [row.cell_display(c.pk) for c in results.criteria]
        rows.append(
            [
                row.unit_name,
                row.rank if row.rank is not None else "",
                row.application.district_id,
                row.application.district.name_th,
                str(row.total_display) if row.complete else "",
                *(str(v) if v is not None else "" for v in cells),
                _("ได้รับคัดเลือก") if row.selected else "",
                " · ".join(note),
            ]
        )
    return columns, rows


def _name(results: Results) -> str:
    return f"selection-round-{results.round.pk}"


def results_csv(results: Results) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(results)}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\n")
    columns, rows = _table(results)
    writer.writerow(columns)
    writer.writerows(rows)
    return response


def results_xlsx(results: Results) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("ผลคะแนน")[:31]
    sheet.append([results.round.title])
    sheet.append([data_stamp()])
    columns, rows = _table(results)
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(results)}.xlsx"'
    return response
