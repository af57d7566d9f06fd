"""Thai formatting and parsing: the one place for Buddhist-era dates, Thai digits, numbers and Thai sorting.

Dates are stored in UTC (datetimes) or as plain ISO dates; they are shown here. In the Thai UI a date reads
``29 ส.ค. 2565`` (Buddhist era = Gregorian + 543); in the English UI ``29 Aug 2022``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone, translation
from pythainlp.util.collate import _thkey

BE_OFFSET = 543
MONTHS_TH_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
MONTHS_TH_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_EN_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_THAI_DATE = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_ISO_DATE = re.compile(r"^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\s*$")


def is_thai() -> bool:
    return (translation.get_language() or "th").startswith("th")


def is_digits(text: str) -> bool:
    """Only 0–9 (``str.isdigit`` also accepts ``²`` and other scripts' digits, which ``int`` may refuse)."""
    return bool(text) and text.isascii() and text.isdigit()


def to_arabic_digits(text: str) -> str:
    """``"๒๕๖๕"`` → ``"2565"``; other characters are kept."""
    return text.translate(_TO_ARABIC)


def be_year(year: int) -> int:
    return year + BE_OFFSET


def ce_year(year: int) -> int:
    """A year as written by a user: Buddhist era if above 2400, else Gregorian."""
    return year - BE_OFFSET if year > 2400 else year


def parse_date(text: str) -> dt.date:
    """Parse ``2022-08-29`` or Thai ``29/08/2565`` (a year above 2400 is Buddhist era). Raises ValueError."""
    text = to_arabic_digits(text or "")
    if m := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in m.groups())
        return dt.date(ce_year(year), month, day)
    if m := _THAI_DATE.match(text):
        day, month, year = (int(g) for g in m.groups())
        return dt.date(ce_year(year), month, day)
    raise ValueError(text)


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def format_date(value: dt.date | dt.datetime | None, *, long: bool = False) -> str:
    """``29 ส.ค. 2565`` (Thai UI) or ``29 Aug 2022`` (English UI); empty for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    if is_thai():
        months = MONTHS_TH_LONG if long else MONTHS_TH_SHORT
        return f"{value.day} {months[value.month - 1]} {be_year(value.year)}"
    return f"{value.day} {MONTHS_EN_SHORT[value.month - 1]} {value.year}"


def format_month(value: dt.date) -> str:
    """A month on a chart axis: ``พ.ย. 69`` (Thai UI, Buddhist era) or ``Nov 26``."""
    if is_thai():
        return f"{MONTHS_TH_SHORT[value.month - 1]} {be_year(value.year) % 100:02d}"
    return f"{MONTHS_EN_SHORT[value.month - 1]} {value.year % 100:02d}"


def format_day(value: dt.date) -> str:
    """A day on a chart axis: ``17 พ.ย. 69`` (Thai UI, Buddhist era) or ``17 Nov 26``."""
    if is_thai():
        return f"{value.day} {MONTHS_TH_SHORT[value.month - 1]} {be_year(value.year) % 100:02d}"
    return f"{value.day} {MONTHS_EN_SHORT[value.month - 1]} {value.year % 100:02d}"


def format_time(value: dt.datetime | dt.time) -> str:
    if isinstance(value, dt.datetime):
        value = _local(value).time()
    text = f"{value.hour:02d}:{value.minute:02d}"
    return f"{text} น." if is_thai() else text


def format_datetime(value: dt.datetime | None) -> str:
    """``29 ส.ค. 2565 11:52 น.`` / ``29 Aug 2022 11:52``."""
    if value is None:
        return ""
    return f"{format_date(value)} {format_time(value)}"


def data_stamp(value: dt.datetime | None = None) -> str:
    """The stamp every report carries: ``ข้อมูล ณ วันที่ 29 ส.ค. 2565 เวลา 11:52 น.``."""
    value = value or timezone.now()
    if is_thai():
        return f"ข้อมูล ณ วันที่ {format_date(value)} เวลา {format_time(value)}"
    return f"Data as of {format_date(value)}, {format_time(value)}"


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """``1234567`` → ``1,234,567`` (the grouping Thai readers use in both languages)."""
    if value is None:
        return "–"
    return f"{value:,.{decimals}f}"


def sort_key(text: str) -> str:
    """Key that sorts Thai words in dictionary order (leading vowels เ แ โ ใ ไ do not count first)."""
    return _thkey(text or "")


def sorted_thai(items, key=lambda item: item):  # type: ignore[no-untyped-def]
    return sorted(items, key=lambda item: sort_key(key(item)))
