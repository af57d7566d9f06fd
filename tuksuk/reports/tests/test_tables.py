"""The ministry's tables: the `report` command, the report pages and their downloads, and the report API."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from tuksuk.areas.models import Area
from tuksuk.cases.models import Story
from tuksuk.cases.services import record_story
from tuksuk.core.testing import make_user
from tuksuk.households.services import register_household
from tuksuk.indicators.models import Category, Indicator

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
CATEGORY_NAMES = [
    "บ้าน/ที่อยู่อาศัย",
    "น้ำดื่ม/น้ำใช้",
    "การศึกษา",
    "รายได้และอาชีพ",
    "ความปลอดภัย",
    "กลุ่มเปราะบาง",
    "ความเดือดร้อนที่ไม่สามารถแก้ไขด้วยตนเองได้",
]


def bangkok(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BANGKOK)


def household(village_code: str):
    Area.objects.get_or_create(
        code=village_code, defaults={"level": "village", "parent_id": village_code[:6], "name_th": "บ้านทดสอบ"}
    )
    house_code = f"{village_code}001"
    from tuksuk.households.models import Household

    existing = Household.objects.filter(house_code=house_code).first()
    if existing:
        return existing
    return register_household(
        actor=make_user("ministry_admin"), village_code=village_code, house_code=house_code, head_name="นายทดสอบ"
    )


def story(village_code: str, category: int, at: dt.datetime, indicators=()) -> Story:
    return record_story(
        household(village_code),
        actor=make_user("ministry_admin"),
        category=Category.objects.get(pk=category),
        indicators=list(Indicator.objects.filter(pk__in=indicators)),
        reported_at=at,
    )


@pytest.fixture
def world():
    """Stories in อำเภอเชียงของ (5703) and อำเภอเทพา (9005), around 29 Aug 2022 11:52 Bangkok time."""
    return {
        "early": story("57030101", 1, bangkok(2022, 8, 1, 9, 0), indicators=[2, 15]),
        "at_cut": story("57030101", 1, bangkok(2022, 8, 29, 11, 52), indicators=[2]),
        "after_cut": story("57030201", 4, bangkok(2022, 8, 29, 11, 53), indicators=[15, 18]),
        "songkhla": story("90050101", 4, bangkok(2022, 8, 20, 8, 0), indicators=[15]),
        "songkhla_7": story("90050101", 7, bangkok(2022, 8, 21, 8, 0)),
    }


def run_report(capsys, *args: str) -> list[list[str]]:
    call_command("report", *args, "--format", "csv")
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def counts(rows: list[list[str]]) -> dict[str, int]:
    return {row[0]: int(row[-1]) for row in rows[1:]}


# --- the command ----------------------------------------------------------------------------------------------------


def test_stories_by_category_lists_every_category_in_order_with_a_total(capsys, world):
    rows = run_report(capsys, "stories-by-category")
    assert rows[0] == ["code", "name_th", "count"]
    assert [row[0] for row in rows[1:8]] == [str(n) for n in range(1, 8)]
    assert [row[1] for row in rows[1:8]] == CATEGORY_NAMES
    assert [int(row[2]) for row in rows[1:8]] == [2, 0, 0, 2, 0, 0, 1]
    assert rows[-1] == ["total", "รวม", "5"]
    assert len(rows) == 9


def test_stories_by_category_with_no_stories_prints_zero_rows(capsys, db):
    rows = run_report(capsys, "stories-by-category")
    assert [row[2] for row in rows[1:]] == ["0"] * 8
    assert rows[-1] == ["total", "รวม", "0"]


def test_stories_by_indicator_lists_all_37_indicators(capsys, world):
    rows = run_report(capsys, "stories-by-indicator")
    assert rows[0] == ["number", "category_no", "name_th", "count"]
    assert len(rows) == 38
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 38)]
    by_number = {int(row[0]): row for row in rows[1:]}
    assert by_number[2][1] == "1"
    assert by_number[15][1] == "4"
    assert by_number[37][1] == "7"
    assert by_number[2][2] == Indicator.objects.get(pk=2).name_th
    assert all(row[2] for row in rows[1:])


def test_a_story_with_two_indicators_counts_once_for_each(capsys, world):
    found = counts(run_report(capsys, "stories-by-indicator"))
    # early: 2 and 15; at_cut: 2; after_cut: 15 and 18; songkhla: 15; songkhla_7: none
    assert (found["2"], found["15"], found["18"]) == (2, 3, 1)
    assert sum(found.values()) == 6
    assert sum(1 for n in found.values() if n) == 3


def test_as_of_counts_only_stories_reported_up_to_that_minute(capsys, world):
    rows = run_report(capsys, "stories-by-category", "--as-of", "2022-08-29 11:52")
    found = counts(rows)
    assert found["1"] == 2  # the 11:52 story is in
    assert found["4"] == 1  # the 11:53 story is not
    assert found["total"] == 4
    before = counts(run_report(capsys, "stories-by-category", "--as-of", "2022-08-29 11:51"))
    assert before["1"] == 1
    assert before["total"] == 3


def test_as_of_a_day_counts_the_whole_day(capsys, world):
    assert counts(run_report(capsys, "stories-by-category", "--as-of", "2022-08-29"))["total"] == 5
    assert counts(run_report(capsys, "stories-by-category", "--as-of", "2022-08-28"))["total"] == 3


def test_as_of_applies_to_the_indicator_table_too(capsys, world):
    found = counts(run_report(capsys, "stories-by-indicator", "--as-of", "2022-08-29 11:52"))
    assert (found["2"], found["15"], found["18"]) == (2, 2, 0)


def test_area_counts_only_that_district(capsys, world):
    chiang_khong = counts(run_report(capsys, "stories-by-category", "--area", "5703"))
    assert (chiang_khong["1"], chiang_khong["4"], chiang_khong["7"], chiang_khong["total"]) == (2, 1, 0, 3)
    tambon = counts(run_report(capsys, "stories-by-category", "--area", "570302"))
    assert tambon["total"] == 1
    thepha = counts(run_report(capsys, "stories-by-indicator", "--area", "9005"))
    assert (thepha["2"], thepha["15"]) == (0, 1)


def test_area_and_as_of_together(capsys, world):
    found = counts(run_report(capsys, "stories-by-category", "--area", "5703", "--as-of", "2022-08-29 11:52"))
    assert found["total"] == 2


def test_an_unknown_area_is_an_error(capsys, world):
    with pytest.raises(CommandError, match="9999"):
        call_command("report", "stories-by-category", "--area", "9999", "--format", "csv")


def test_an_unreadable_as_of_is_an_error(world):
    with pytest.raises(CommandError):
        call_command("report", "stories-by-category", "--as-of", "29/08/2565 11:52", "--format", "csv")


def test_the_table_format_shows_the_title(world):
    out = io.StringIO()
    call_command("report", "stories-by-category", "--as-of", "2022-08-29 11:52", stdout=out)
    text = out.getvalue()
    assert "2022-08-29 11:52" in text
    assert "รวม" in text
    assert "บ้าน/ที่อยู่อาศัย" in text


# --- pages and downloads --------------------------------------------------------------------------------------------


def table_rows(html: str) -> list[list[str]]:
    body = html.split('data-testid="report-table"', 1)[1].split("</table>", 1)[0]
    body = body.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_report_page_carries_the_thai_data_stamp(client_for, district_chief, world):
    url = reverse("reports:table", args=["stories-by-category"])
    response = client_for(district_chief).get(url, {"as_of": "2022-08-29T11:52"})
    assert response.status_code == 200
    assert "ข้อมูล ณ วันที่ 29 ส.ค. 2565 เวลา 11:52 น." in response.content.decode()


def test_report_page_figures_equal_the_stories_behind_them(client_for, district_chief, world):
    url = reverse("reports:table", args=["stories-by-category"])
    response = client_for(district_chief).get(url, {"as_of": "2022-08-29 11:53"})
    rows = table_rows(response.content.decode())
    assert len(rows) == 8
    visible = Story.objects.visible_to(district_chief).filter(reported_at__lte=bangkok(2022, 8, 29, 11, 53))
    for row in rows[:7]:
        number = int(row[0])
        assert row[1] == CATEGORY_NAMES[number - 1]
        assert int(row[-1].replace(",", "")) == visible.filter(category=number).count()
    assert int(rows[-1][-1]) == visible.count() == 3  # Songkhla's stories are not the district chief's


def test_report_page_for_an_area_outside_ones_own_is_not_found(client_for, district_chief, world):
    url = reverse("reports:table", args=["stories-by-category"])
    assert client_for(district_chief).get(url, {"area": "9005"}).status_code == 404


def test_unknown_report_is_not_found(client_for, district_chief):
    assert client_for(district_chief).get(reverse("reports:table", args=["no-such-table"])).status_code == 404


def test_report_csv_download(client_for, ministry_admin, world):
    url = reverse("reports:table", args=["stories-by-category"])
    response = client_for(ministry_admin).get(url, {"as_of": "2022-08-29 11:52", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "stories-by-category.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["code", "name_th", "count"]
    assert rows[1] == ["1", "บ้าน/ที่อยู่อาศัย", "2"]
    assert rows[-1] == ["total", "รวม", "4"]


def test_report_xlsx_download(client_for, ministry_admin, world):
    url = reverse("reports:table", args=["stories-by-indicator"])
    response = client_for(ministry_admin).get(url, {"as_of": "2022-08-29 11:52", "format": "xlsx"})
    assert response.status_code == 200
    assert "stories-by-indicator.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][0] == "ข้อมูล ณ วันที่ 29 ส.ค. 2565 เวลา 11:52 น."
    assert values[2] == ["number", "category_no", "name_th", "count"]
    assert len(values) == 3 + 37
    assert values[3 + 1][0] == 2
    assert values[3 + 1][-1] == 2


# --- API ------------------------------------------------------------------------------------------------------------


def test_report_api_returns_the_same_rows_as_the_command(capsys, api_for, ministry_admin, world):
    command_rows = run_report(capsys, "stories-by-category", "--as-of", "2022-08-29 11:52")
    response = api_for(ministry_admin).get("/api/v1/reports/stories-by-category/", {"as_of": "2022-08-29 11:52"})
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == command_rows[0]
    assert [[str(cell) for cell in row] for row in body["rows"]] == command_rows[1:]
    assert body["stamp"] == "ข้อมูล ณ วันที่ 29 ส.ค. 2565 เวลา 11:52 น."
    assert body["as_of"].startswith("2022-08-29T11:52")


def test_report_api_counts_only_the_callers_area(api_for, district_chief, world):
    response = api_for(district_chief).get("/api/v1/reports/stories-by-indicator/")
    assert response.status_code == 200
    found = {row[0]: row[-1] for row in response.json()["rows"]}
    assert (found[2], found[15], found[18]) == (2, 2, 1)  # not Songkhla's indicator-15 story


def test_report_api_needs_a_login(world):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/reports/stories-by-category/").status_code in (401, 403)


def test_agency_staff_figures_count_a_reassigned_story_once(client_for, api_for, district_chief, world):
    from tuksuk.agencies.models import Agency
    from tuksuk.cases import services

    pea = Agency.objects.get(code="PEA")
    first = services.assign_agency(world["early"], pea, actor=district_chief)
    services.end_assignment(first, actor=district_chief)
    services.assign_agency(world["early"], pea, actor=district_chief)
    staff = make_user("agency_staff", "5703", agency="PEA")
    assert Story.objects.visible_to(staff).count() == 1

    url = reverse("reports:table", args=["stories-by-category"])
    rows = table_rows(client_for(staff).get(url).content.decode())
    assert int(rows[0][-1]) == 1  # category 1: the one story the staff member sees
    assert int(rows[-1][-1]) == 1
    body = api_for(staff).get("/api/v1/reports/stories-by-indicator/").json()
    found = {row[0]: row[-1] for row in body["rows"]}
    assert (found[2], found[15]) == (1, 1)
