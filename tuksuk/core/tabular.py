"""Reading the CSV and XLSX files users upload: one reader for every importer.

Rules shared by all import formats: UTF-8 with or without BOM (CSV), or the first sheet of an XLSX; the header is
row 1 and rows are numbered as a spreadsheet shows them; header names must be known (an unknown column is probably a
typo); required columns must be present; cells are stripped and Thai digits turned into 0–9 where the caller says so.
Problems come back as ``RowError`` (row, column, value, message in the user's language), never as an exception
from deep inside a parser.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

MAX_CELL = 5000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return _("แถว %(row)d คอลัมน์ %(column)s (%(value)s): %(message)s") % {
            "row": self.row,
            "column": self.column or "-",
            "value": self.value[:60],
            "message": self.message,
        }


class FileError(Exception):
    """The file as a whole cannot be read (wrong type, encoding or header)."""


def _binary(handle: IO[bytes]) -> IO[bytes]:
    """The real binary stream under a Django ``File`` wrapper (uploads, storage files), rewound."""
    raw = handle
    while not isinstance(raw, io.IOBase) and hasattr(raw, "file"):
        raw = raw.file
    raw.seek(0)
    return raw


def _csv_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    """Rows read as they are needed (a file of a million rows is never held in memory)."""
    text = io.TextIOWrapper(_binary(handle), encoding="utf-8-sig", newline="")  # type: ignore[arg-type]
    try:
        yield from csv.reader(text)
    except UnicodeDecodeError:
        raise FileError(_("ไฟล์ CSV ต้องเข้ารหัสแบบ UTF-8 (บันทึกจาก Excel ด้วย 'CSV UTF-8')")) from None
    except csv.Error as exc:
        raise FileError(_("อ่านไฟล์ CSV ไม่ได้: %(error)s") % {"error": exc}) from None
    finally:
        with contextlib.suppress(ValueError):  # already closed by its owner: nothing to keep open
            text.detach()  # the caller's file stays open (an importer reads it twice)


def _xlsx_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(_binary(handle), read_only=True, data_only=True)
    except Exception:
        raise FileError(_("อ่านไฟล์ Excel ไม่ได้ กรุณาบันทึกเป็น .xlsx แล้วลองใหม่")) from None
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield ["" if v is None else _cell_text(v) for v in values]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # type: ignore[attr-defined]
    return str(value)


def read_table(
    handle: IO[bytes], name: str, *, columns: Iterable[str], required: Iterable[str]
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and an iterator of ``(row number, {column: text})`` for the non-empty rows.

    The file is read from its start as the rows are consumed (call again to read it again); a file that turns out
    unreadable part-way raises ``FileError`` from the iterator.
    """
    start = _binary(handle).read(2)
    rows = _xlsx_rows(handle) if name.lower().endswith(".xlsx") or start == b"PK" else _csv_rows(handle)
    try:
        header = [h.strip() for h in next(rows)]
    except StopIteration:
        raise FileError(_("ไฟล์ว่างเปล่า")) from None
    known = set(columns)
    unknown = [h for h in header if h and h not in known]
    if unknown:
        raise FileError(_("ไม่รู้จักคอลัมน์: %(names)s") % {"names": ", ".join(unknown)})
    missing = [c for c in required if c not in header]
    if missing:
        raise FileError(_("ไม่มีคอลัมน์ที่จำเป็น: %(names)s") % {"names": ", ".join(missing)})
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise FileError(_("คอลัมน์ซ้ำ: %(names)s") % {"names": ", ".join(duplicated)})

    def body() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in enumerate(rows, start=2):
            if not any(str(c).strip() for c in cells):
                continue
            yield (
                number,
                {h: str(cells[i]).strip()[:MAX_CELL] if i < len(cells) else "" for i, h in enumerate(header) if h},
            )

    return header, body()


# Cell parsers shared by the importers. Problems go to an ``error(value)`` callback, so each importer words them.
LIST_SEPARATOR = re.compile(r"[;,]")


def cell_digits(text: str) -> str:
    """A cell with Thai digits turned into 0–9 and the blanks around it removed."""
    from tuksuk.core.thai import to_arabic_digits

    return to_arabic_digits(text or "").strip()


def number_list(text: str, known, error: Callable[[str], None]) -> list[int]:  # type: ignore[no-untyped-def]
    """``"1;3,3"`` → ``[1, 3]``: numbers separated by ``;`` or ``,``, duplicates ignored, unknown ones reported."""
    from tuksuk.core.thai import is_digits

    numbers: list[int] = []
    for part in LIST_SEPARATOR.split(cell_digits(text)):
        part = part.strip()
        if not part:
            continue
        if not is_digits(part) or int(part) not in known:
            error(part)
        elif int(part) not in numbers:
            numbers.append(int(part))
    return numbers


def code_list(text: str, known: dict[str, str], error: Callable[[str], None], *, upper: bool = False) -> list[str]:
    """``"a;b,a"`` → ``["a", "b"]``: codes (or labels) separated by ``;`` or ``,``, duplicates ignored."""
    codes: list[str] = []
    for part in LIST_SEPARATOR.split(text or ""):
        part = part.strip()
        if not part:
            continue
        code = known.get(part.upper() if upper else part)
        if code is None:
            error(part)
        elif code not in codes:
            codes.append(code)
    return codes
