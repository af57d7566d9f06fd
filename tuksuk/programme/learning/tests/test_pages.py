"""What a district team and a ministry admin do on the pages, and the demo data."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.programme.learning.models import FocusGroupSession, KnowledgeItem, Questionnaire

from .helpers import answer, item, office, record

pytestmark = pytest.mark.django_db


def test_a_district_records_a_focus_group_on_the_pages(client_for, year_one, district_chief):
    client = client_for(district_chief)
    response = client.post(
        reverse("learning:session-new"),
        {
            "questionnaire": year_one.pk,
            "district": "5703",
            "held_on": "2022-11-10",
            "place": "ที่ว่าการอำเภอเชียงของ",
            "facilitator": "พัฒนาการจังหวัด",
        },
    )
    session = FocusGroupSession.objects.get()
    assert response.url == reverse("learning:session-detail", kwargs={"pk": session.pk})
    people = {
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-0-full_name": "พระครูสุนทร",
        "people-0-role": "เจ้าคณะอำเภอ",
        "people-0-network": "religious",
        "people-1-full_name": "นายสมชาย",
        "people-1-network": "",
    }
    page = client.post(reverse("learning:session-participants", kwargs={"pk": session.pk}), people)
    assert page.status_code == 200
    assert "กรุณาเลือกภาคีเครือข่าย" in page.content.decode()
    people["people-1-network"] = "citizen"
    assert client.post(reverse("learning:session-participants", kwargs={"pk": session.pk}), people).status_code == 302
    assert session.participants.count() == 2

    url = reverse("learning:session-answers", kwargs={"pk": session.pk})
    form = client.get(url).context["form"]
    q1, q12 = year_one.questions.get(number=1), year_one.questions.get(number=12)
    data = {"seen_at": form["seen_at"].initial, f"text_{q1.pk}": "ผู้นำเข้มแข็ง", f"rating_{q1.pk}": "5"}
    data[f"text_{q12.pk}"] = "ครัวเรือนมีน้ำใช้"
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, f"text_{q1.pk}": "ทับของคนอื่น"})  # the same, now stale, form
    assert "ก่อนคุณ" in stale.content.decode()
    assert session.answers.get(question=q1).text == "ผู้นำเข้มแข็ง"
    bad = client.post(url, {"seen_at": "", f"rating_{q1.pk}": "9"})
    assert bad.status_code == 200
    assert session.answers.count() == 2

    detail = client.get(reverse("learning:session-detail", kwargs={"pk": session.pk})).content.decode()
    assert "ผู้นำเข้มแข็ง" in detail
    assert "คะแนน 5/5" in detail
    assert "ภาคศาสนา" in detail
    published = client.post(reverse("learning:session-publish", kwargs={"pk": session.pk}))
    lesson = KnowledgeItem.objects.get(session=session)
    assert published.url == reverse("learning:kb-detail", kwargs={"pk": lesson.pk})
    assert "ผู้นำเข้มแข็ง" in client.get(published.url).content.decode()


def test_contributing_editing_and_withdrawing_on_the_pages(client_for, district_chief):
    client = client_for(district_chief)
    response = client.post(
        reverse("learning:kb-new"),
        {
            "kind": "document",
            "title": "รายงานระบบน้ำสะอาดหมู่บ้าน",
            "area": "5703",
            "year": "2565",
            "summary": "สรุปผลการดำเนินงาน",
            "file": office(),
            "sdg_goals": ["6"],
            "categories": ["2"],
        },
    )
    entry = KnowledgeItem.objects.get()
    assert response.url == reverse("learning:kb-detail", kwargs={"pk": entry.pk})
    page = client.get(response.url).content.decode()
    assert "SDG 6" in page
    assert "report.docx" in page
    assert "2565" in page
    assert timezone.localdate().strftime("%Y") not in page.split('data-testid="item-title"')[1][:400]  # B.E. dates
    edit = reverse("learning:kb-edit", kwargs={"pk": entry.pk})
    assert client.post(edit, {"kind": "document", "title": "รายงานน้ำสะอาด ฉบับแก้ไข", "year": "2565"}).status_code == 302
    entry.refresh_from_db()
    assert entry.title == "รายงานน้ำสะอาด ฉบับแก้ไข"
    assert entry.area_id == "5703"
    assert entry.file_name == "report.docx"
    status = reverse("learning:kb-status", kwargs={"pk": entry.pk})
    client.post(status, {"reason": ""})
    entry.refresh_from_db()
    assert entry.status == "published"  # a reason is required
    client.post(status, {"reason": "ข้อมูลเก่า"})
    entry.refresh_from_db()
    assert entry.status == "withdrawn"
    client.post(status, {"action": "republish"})
    entry.refresh_from_db()
    assert entry.status == "published"


def test_an_admin_creates_a_questionnaire_from_a_copy_and_sees_the_frozen_notice(client_for, year_one, admin):
    client = client_for(admin)
    response = client.post(
        reverse("learning:questionnaire-new"),
        {"title": "แบบสอบถามปีที่ 2", "programme_year": "2566", "copy_from": year_one.pk},
    )
    copy = Questionnaire.objects.get(title="แบบสอบถามปีที่ 2")
    assert response.url == reverse("learning:questionnaire-detail", kwargs={"pk": copy.pk})
    assert copy.questions.count() == 20
    chief = make_user("district_chief", "5703")
    answer(record(year_one, "5703", chief), chief, {1: ("ตอบแล้ว", 4)})
    page = client.get(reverse("learning:questionnaire-detail", kwargs={"pk": year_one.pk})).content.decode()
    assert 'data-testid="frozen"' in page
    question = year_one.questions.get(number=2)
    edit = client.post(
        reverse("learning:question-edit", kwargs={"pk": question.pk}), {"part": question.part_id, "text": "แก้"}
    )
    assert "คัดลอกแบบสอบถามนี้" in edit.content.decode()
    question.refresh_from_db()
    assert question.text != "แก้"


def test_the_hub_and_lists_render_for_a_district(client_for, district_chief, admin, django_assert_max_num_queries):
    for n in range(12):
        item(admin, f"คู่มือที่ {n}", area=None)
    client = client_for(district_chief)
    for name in ("learning:index", "learning:session-list", "learning:questionnaire-list"):
        assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(16):  # constant: session, scope, filter choices, the page
        assert client.get(reverse("learning:kb-list")).status_code == 200


def test_the_api_describes_questionnaires_and_items(api_for, year_one, district_chief, admin):
    entry = item(admin, "คู่มือกลาง", area=None, kind="document", upload=office())
    api = api_for(district_chief)
    q = api.get(reverse("learning-questionnaire-detail", kwargs={"pk": year_one.pk})).json()
    assert [len(p["questions"]) for p in q["parts"]] == [10, 5, 5]
    body = api.get(reverse("learning-knowledge-detail", kwargs={"pk": entry.pk})).json()
    assert body["file_url"] == reverse("learning:kb-file", kwargs={"pk": entry.pk})
    assert body["area"] is None


def test_the_demo_data_is_made_once(db):
    from tuksuk.demo.builder import build_users
    from tuksuk.programme.learning.demo import seed_demo_data

    build_users()
    now = timezone.now()
    first = seed_demo_data(now=now)
    assert "การสนทนากลุ่มใหม่ 3 ครั้ง" in first
    assert FocusGroupSession.objects.count() == 3
    assert KnowledgeItem.objects.filter(kind="lesson").count() == 1
    assert KnowledgeItem.objects.filter(area__isnull=True).count() == 3
    assert all(s.answers.count() == 20 and s.participants.count() >= 9 for s in FocusGroupSession.objects.all())
    assert all(s.held_on < now.date() - dt.timedelta(days=20) for s in FocusGroupSession.objects.all())
    second = seed_demo_data(now=now)
    assert "ใหม่ 0 ครั้ง" in second
    assert "ใหม่ 0 รายการ" in second


def test_an_admin_edits_a_tambon_item_on_the_page(client_for, admin):
    worker = make_user("field_worker", "570301")
    entry = item(worker, "บทเรียนตำบลเวียง", area="570301")
    edit = reverse("learning:kb-edit", kwargs={"pk": entry.pk})
    response = client_for(admin).post(edit, {"kind": "lesson", "title": "บทเรียนตำบลเวียง (ตรวจแล้ว)", "year": "2565"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "บทเรียนตำบลเวียง (ตรวจแล้ว)"
    assert entry.area_id == "570301"
