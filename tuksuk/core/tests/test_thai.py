import datetime as dt
import zoneinfo

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tuksuk.core import thai

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def test_thai_ui_shows_buddhist_era_dates():
    with translation.override("th"):
        assert thai.format_date(dt.date(2022, 8, 29)) == "29 ส.ค. 2565"
        assert thai.format_date(dt.date(2022, 8, 29), long=True) == "29 สิงหาคม 2565"


def test_english_ui_shows_gregorian_dates():
    with translation.override("en"):
        assert thai.format_date(dt.date(2022, 8, 29)) == "29 Aug 2022"


def test_datetime_is_shown_in_bangkok_time():
    # 04:52 UTC is 11:52 in Bangkok: the moment of the ministry's status report.
    moment = dt.datetime(2022, 8, 29, 4, 52, tzinfo=dt.UTC)
    with translation.override("th"):
        assert thai.format_datetime(moment) == "29 ส.ค. 2565 11:52 น."
        assert thai.data_stamp(moment) == "ข้อมูล ณ วันที่ 29 ส.ค. 2565 เวลา 11:52 น."
    with translation.override("en"):
        assert thai.data_stamp(moment) == "Data as of 29 Aug 2022, 11:52"


def test_late_evening_utc_is_next_day_in_bangkok():
    moment = dt.datetime(2022, 12, 31, 20, 0, tzinfo=dt.UTC)
    with translation.override("th"):
        assert thai.format_date(moment) == "1 ม.ค. 2566"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-08-29", dt.date(2022, 8, 29)),
        ("29/08/2565", dt.date(2022, 8, 29)),
        ("๒๙/๐๘/๒๕๖๕", dt.date(2022, 8, 29)),
        ("1/1/2566", dt.date(2023, 1, 1)),
        ("29/08/2022", dt.date(2022, 8, 29)),
    ],
)
def test_parse_date_accepts_iso_and_thai_forms(text, expected):
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "2565", "31/02/2565", "29-08-2565", "abc", "2022-13-01"])
def test_parse_date_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError):  # noqa: PT011
        thai.parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2400, 12, 31)))
def test_thai_date_round_trips(day):
    text = f"{day.day}/{day.month}/{thai.be_year(day.year)}"
    assert thai.parse_date(text) == day


def test_thai_digits_become_arabic():
    assert thai.to_arabic_digits("หมู่ที่ ๑๒ ปี ๒๕๖๕") == "หมู่ที่ 12 ปี 2565"


def test_numbers_are_grouped():
    assert thai.format_number(1234567) == "1,234,567"
    assert thai.format_number(1234.5, 2) == "1,234.50"
    assert thai.format_number(None) == "–"


def test_thai_words_sort_in_dictionary_order_ignoring_leading_vowels():
    words = ["แมว", "ไก่", "เป็ด", "กา", "ขวด"]
    assert thai.sorted_thai(words) == ["กา", "ไก่", "ขวด", "เป็ด", "แมว"]


@pytest.mark.django_db
def test_database_orders_thai_names_in_dictionary_order():
    from tuksuk.areas.models import Area
    from tuksuk.core.db import thai_order

    names = list(
        Area.objects.filter(code__in=["5703", "5701", "5702", "5704"])
        .order_by(thai_order("name_th"))
        .values_list("name_th", flat=True)
    )
    assert names == thai.sorted_thai(names)
