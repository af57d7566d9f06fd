"""Thai word-aware search of the knowledge base: whole words, in any order, title before body, same on every DB."""

import pytest
from django.urls import reverse

from tuksuk.core import thai_words as words
from tuksuk.core.testing import make_user
from tuksuk.programme.learning.models import KnowledgeItem

from .helpers import item

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return list(KnowledgeItem.objects.search(query).values_list("title", flat=True))


def test_words_are_cut_normalised_and_stripped_of_punctuation():
    assert words.words("ระบบน้ำสะอาดหมู่บ้าน") == ["ระบบ", "น้ำสะอาด", "หมู่บ้าน"]
    assert words.words("(COVID-19) ปี ๒๕๖๕!") == ["covid", "19", "ปี", "2565"]
    assert words.words("นํ้าสะอาด") == ["น้ำสะอาด"]  # นิคหิต + า typed for สระอำ
    assert words.words("ดี ๆ ฯลฯ") == ["ดี"]  # repetition and abbreviation marks
    assert words.search_field("น้ำสะอาด และ น้ำสะอาด") == " น้ำสะอาด และ "


def test_a_compound_word_finds_the_item_that_contains_it(admin):
    item(admin, "ระบบน้ำสะอาดหมู่บ้าน", area=None)
    item(admin, "การจัดการขยะในชุมชน", area=None)
    assert found("น้ำสะอาด") == ["ระบบน้ำสะอาดหมู่บ้าน"]


def test_a_two_word_query_needs_both_words_in_any_order(admin):
    item(admin, "ชุมชนจัดการขยะอย่างยั่งยืน", area=None)
    item(admin, "ธนาคารขยะโรงเรียน", area=None)
    item(admin, "ตลาดชุมชน", area=None)
    assert found("ขยะ ชุมชน") == ["ชุมชนจัดการขยะอย่างยั่งยืน"]
    assert found("ชุมชน ขยะ") == ["ชุมชนจัดการขยะอย่างยั่งยืน"]
    assert found("ขยะชุมชน") == ["ชุมชนจัดการขยะอย่างยั่งยืน"]  # typed without a space: cut into the same words


def test_no_false_positive_on_a_substring_across_a_word_boundary(admin):
    text = "ชาวนาดีใจที่มีน้ำใช้"
    item(admin, "บทเรียนจากทุ่งนา", area=None, body=text)
    assert "นาดี" in text  # a LIKE '%นาดี%' search would match across ชาวนา|ดีใจ
    assert "ชาวนา" in words.words(text)
    assert "ดีใจ" in words.words(text)
    assert found("นาดี") == []
    assert found("ชาวนา") == ["บทเรียนจากทุ่งนา"]


def test_a_part_of_a_word_does_not_match_the_whole_word(admin):
    item(admin, "การบริหารจัดการน้ำ", area=None)
    assert found("หาร") == []  # inside การบริหาร
    assert found("การบริหาร") == ["การบริหารจัดการน้ำ"]


def test_a_match_in_the_title_ranks_above_a_match_in_the_body(admin):
    item(admin, "คู่มือชุมชน", area=None, body="การทำปุ๋ยหมักจากขยะอินทรีย์")
    item(admin, "ปุ๋ยหมักชีวภาพ", area=None, body="วิธีทำสำหรับชุมชน")
    assert found("ปุ๋ยหมัก") == ["ปุ๋ยหมักชีวภาพ", "คู่มือชุมชน"]


def test_thai_digits_latin_case_and_stopwords(admin):
    item(admin, "รายงาน COVID-19 ปี 2565", area=None)
    assert found("covid ๒๕๖๕") == ["รายงาน COVID-19 ปี 2565"]
    assert found("และ covid") == ["รายงาน COVID-19 ปี 2565"]  # the stopword และ is not required
    assert found("!!!") == []
    assert len(found("   ")) == 1  # a blank query filters nothing


def test_editing_the_text_refreshes_what_is_found(admin):
    from tuksuk.programme.learning import services

    entry = item(admin, "ระบบประปา", area=None)
    services.update_item(entry, actor=admin, title="ธนาคารน้ำใต้ดิน")
    assert found("ประปา") == []
    assert found("ธนาคารน้ำใต้ดิน") == ["ธนาคารน้ำใต้ดิน"]


def test_search_on_the_page_and_the_api(admin, client_for, api_for, district_chief):
    item(admin, "ระบบน้ำสะอาดหมู่บ้าน", area=None)
    item(admin, "ตลาดนัดชุมชน", area=None)
    page = client_for(district_chief).get(reverse("learning:kb-list"), {"q": "น้ำสะอาด"}).content.decode()
    assert "ระบบน้ำสะอาดหมู่บ้าน" in page
    assert "ตลาดนัดชุมชน" not in page
    body = api_for(district_chief).get(reverse("learning-knowledge-list"), {"q": "น้ำสะอาด"}).json()
    assert [r["title"] for r in body["results"]] == ["ระบบน้ำสะอาดหมู่บ้าน"]


def test_filters_by_tag_type_district_and_year(admin, client_for):
    from tuksuk.indicators.models import SdgGoal

    chief = make_user("district_chief", "5703")
    item(chief, "แผนน้ำเชียงของ", area="5703", sdg_goals=[SdgGoal.objects.get(pk=6)])
    item(admin, "คู่มือกลาง", area=None, kind="lesson")
    client = client_for(chief)

    def titles(**query):  # type: ignore[no-untyped-def]
        return [i.title for i in client.get(reverse("learning:kb-list"), query).context["object_list"]]

    assert titles(sdg=6) == ["แผนน้ำเชียงของ"]
    assert titles(kind="lesson") == ["คู่มือกลาง"]
    assert titles(area="57") == ["แผนน้ำเชียงของ"]
    assert titles(year=2564) == []
