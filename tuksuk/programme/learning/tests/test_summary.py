"""The summary across districts: grouping, rating averages, keywords, exports; each reader sees their own areas."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.programme.learning.summary import average, build_summary

from .helpers import answer, record

pytestmark = pytest.mark.django_db


def test_average_is_the_mean_rounded_half_up_to_two_places():
    assert average([]) is None
    assert average([5, 4, 3]) == Decimal("4.00")
    assert average([1, 2, 2]) == Decimal("1.67")
    assert average([1, 1, 1, 2, 2, 2, 2, 2]) == Decimal("1.63")  # 1.625: half up, not to even


@pytest.fixture
def answered(year_one):
    chiang_khong, thepha, prangku = (
        make_user("district_chief", "5703"),
        make_user("district_chief", "9005"),
        make_user("district_team", "3307"),
    )
    first = record(year_one, "5703", chiang_khong)
    answer(first, chiang_khong, {1: ("ผู้นำเข้มแข็งและทีมงานเข้มแข็ง", 5), 13: ("ข้อมูลดี และ ภาคีเครือข่ายครบ", None)})
    second = record(year_one, "5703", chiang_khong, held_on=dt.date(2022, 11, 20))
    answer(second, chiang_khong, {1: ("ทีมงานทำงานเร็ว", 4)})
    answer(record(year_one, "9005", thepha), thepha, {1: ("ผู้นำศาสนาช่วยมาก", 2), 13: ("ภาคีเครือข่ายศาสนา", None)})
    answer(record(year_one, "3307", prangku), prangku, {1: ("ทีมงานดี", None)})
    return {"5703": chiang_khong, "9005": thepha, "3307": prangku}


def test_answers_are_grouped_by_province_and_district_with_averages(year_one, admin, answered):
    result = build_summary(year_one, user=admin)
    assert (result.sessions, result.districts, result.provinces) == (4, 3, 3)
    q1 = result.questions[0]
    assert q1.answers == 4
    assert sorted(q1.ratings) == [2, 4, 5]
    assert q1.average == Decimal("3.67")
    assert q1.distribution == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)]
    provinces = [group.province.name_th for group in q1.provinces]
    assert provinces == ["เชียงราย", "ศรีสะเกษ", "สงขลา"]  # Thai dictionary order
    chiang_khong = q1.provinces[0].districts[0]
    assert chiang_khong.district.code == "5703"
    assert chiang_khong.average == Decimal("4.50")
    assert len(chiang_khong.answers) == 2
    assert q1.provinces[1].districts[0].average is None  # ปรางค์กู่ gave no rating
    assert result.questions[1].answers == 0
    assert result.questions[1].average is None


def test_keywords_are_the_most_frequent_words_without_stopwords(year_one, admin, answered):
    result = build_summary(year_one, user=admin)
    assert result.questions[0].keywords[0] == ("ทีมงาน", 3)
    q13 = dict(result.questions[12].keywords)
    assert q13["ภาคี"] == 2
    assert q13["เครือข่าย"] == 2
    assert "และ" not in q13


def test_a_district_sees_only_its_own_answers_and_an_area_narrows_the_summary(year_one, admin, answered):
    mine = build_summary(year_one, user=answered["5703"])
    assert mine.districts == 1
    assert sorted(mine.questions[0].ratings) == [4, 5]
    from tuksuk.areas.models import Area

    south = build_summary(year_one, user=admin, area=Area.objects.get(code="90"))
    assert south.questions[0].ratings == [2]


def test_the_summary_page_exports_and_refuses_areas_out_of_scope(year_one, client_for, answered):
    client = client_for(answered["5703"])
    url = reverse("learning:summary", kwargs={"pk": year_one.pk})
    page = client.get(url).content.decode()
    assert "ผู้นำเข้มแข็งและทีมงานเข้มแข็ง" in page
    assert "ผู้นำศาสนาช่วยมาก" not in page
    assert "4.50" in page
    assert client.get(url, {"area": "9005"}).status_code == 404
    assert client.get(url, {"area": "x'--"}).status_code == 404
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig"))))
    assert rows[0][0] == "question_no"
    assert len(rows) == 4
    assert {r[4] for r in rows[1:]} == {"เชียงของ"}
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    overview = list(book["summary"].iter_rows(values_only=True))
    assert overview[3][:6] == (1, 1, year_one.questions.get(number=1).text, 2, 2, "4.50")
    assert book["answers"].max_row == 4


def test_the_summary_prints_as_pdf(year_one, client_for, answered):
    pytest.importorskip("weasyprint")
    response = client_for(answered["9005"]).get(reverse("learning:summary-pdf", kwargs={"pk": year_one.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
