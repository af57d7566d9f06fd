"""Questionnaires, sessions, answers and the knowledge base's writing rules, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuksuk.core.testing import make_user
from tuksuk.programme.learning import services
from tuksuk.programme.learning.models import KnowledgeItem, LearningEvent, Question

from .helpers import answer, item, record

pytestmark = pytest.mark.django_db


def test_the_year_one_questionnaire_has_20_questions_in_3_parts(year_one):
    parts = list(year_one.parts.order_by("number"))
    assert [p.questions.count() for p in parts] == [10, 5, 5]
    assert list(year_one.questions.values_list("number", flat=True)) == list(range(1, 21))
    assert parts[0].title == "องค์ประกอบที่ส่งผลต่อการดำเนินโครงการฯ"
    assert year_one.questions.filter(asks_rating=True).exists()


def test_an_admin_edits_questions_until_the_first_answer(year_one, admin, district_chief):
    first_part = year_one.parts.get(number=1)
    added = services.add_question(year_one, actor=admin, part=first_part, data=services.QuestionData("คำถามใหม่"))
    assert added.number == 11  # the end of part 1; part 2 moves down
    assert year_one.questions.get(part__number=2, text__startswith="โครงการบรรลุ").number == 12
    services.delete_question(added, actor=admin)
    assert list(year_one.questions.values_list("number", flat=True)) == list(range(1, 21))

    session = record(year_one, "5703", district_chief)
    answer(session, district_chief, {1: ("ผู้นำเข้มแข็ง", 5)})
    assert year_one.is_frozen
    with pytest.raises(ValidationError, match="คัดลอกแบบสอบถามนี้"):
        services.add_question(year_one, actor=admin, part=first_part, data=services.QuestionData("อีกข้อ"))
    with pytest.raises(ValidationError):
        services.update_question(year_one.questions.get(number=1), actor=admin, data=services.QuestionData("แก้"))
    assert services.update_questionnaire(year_one, actor=admin, is_active=False)  # the header may still change

    copy = services.copy_questionnaire(year_one, actor=admin, title="แบบสอบถามปีที่ 2", programme_year=2566)
    assert copy.questions.count() == 20
    assert not copy.is_frozen
    services.add_part(copy, actor=admin, title="ส่วนเพิ่มเติม")


def test_only_ministry_admins_write_questionnaires(year_one, district_chief, viewer):
    for user in (district_chief, viewer):
        with pytest.raises(PermissionDenied):
            services.create_questionnaire(actor=user, title="ของอำเภอ", programme_year=2566)
        with pytest.raises(PermissionDenied):
            services.add_part(year_one, actor=user, title="x")


def test_answers_are_checked(year_one, admin, district_chief):
    session = record(year_one, "5703", district_chief)
    text_only = year_one.questions.filter(asks_rating=False).first()
    with pytest.raises(ValidationError, match="ไม่ได้ให้คะแนน"):
        services.save_answers(session, {text_only.pk: services.AnswerData("x", 4)}, actor=district_chief)
    with pytest.raises(ValidationError, match="ระหว่าง 1 ถึง 5"):
        answer(session, district_chief, {1: ("x", 6)})
    other = services.copy_questionnaire(year_one, actor=admin, title="อีกชุด", programme_year=2566)
    with pytest.raises(ValidationError, match="ไม่อยู่ในแบบสอบถาม"):
        services.save_answers(session, {other.questions.first().pk: services.AnswerData("x")}, actor=district_chief)
    assert answer(session, district_chief, {1: ("ดี", 4), 2: ("ภาคีครบ", None)}) == 2
    assert answer(session, district_chief, {1: ("ดี", 4), 2: ("", None)}) == 1  # unchanged 1; blank 2 removed
    assert list(session.answers.values_list("question__number", flat=True)) == [1]
    assert session.events.filter(kind="answers").count() == 2


def test_a_stale_answers_form_is_refused(year_one, district_chief):
    session = record(year_one, "5703", district_chief)
    seen = session.updated_at.isoformat()
    answer(session, district_chief, {1: ("บันทึกก่อน", 5)})
    q1 = year_one.questions.get(number=1)
    with pytest.raises(ValidationError, match=r"บันทึกคำตอบ.*ก่อนคุณ"):
        services.save_answers(session, {q1.pk: services.AnswerData("ทับ", 1)}, actor=district_chief, seen_at=seen)
    assert session.answers.get().text == "บันทึกก่อน"


def test_who_records_sessions(year_one, district_chief, viewer):
    with pytest.raises(PermissionDenied):
        record(year_one, "9005", district_chief)  # another district
    with pytest.raises(PermissionDenied):
        record(year_one, "5703", make_user("field_worker", "570301"))  # a tambon worker, not the district
    with pytest.raises(PermissionDenied):
        record(year_one, "5703", viewer)
    with pytest.raises(ValidationError, match="อนาคต"):
        record(year_one, "5703", district_chief, held_on=dt.date.today() + dt.timedelta(days=2))
    assert record(year_one, "5703", make_user("province_officer", "57")).district_id == "5703"


def test_participants_carry_one_of_the_7_networks(year_one, district_chief):
    session = record(year_one, "5703", district_chief)
    with pytest.raises(ValidationError, match="ภาคีเครือข่าย"):
        services.set_participants(session, [{"full_name": "นายก", "network": "army"}], actor=district_chief)
    count = services.set_participants(
        session,
        [{"full_name": "พระครู", "role": "เจ้าคณะอำเภอ", "network": "religious"}, {"full_name": "", "network": ""}],
        actor=district_chief,
    )
    assert count == 1
    assert session.participants.get().get_network_display() == "ภาคศาสนา"


def test_knowledge_is_read_nationally_but_written_only_in_ones_own_area(admin, district_chief, viewer):
    from tuksuk.programme.learning.permissions import can_edit_item

    mine = item(district_chief, "แผนน้ำเชียงของ", area="5703")
    theirs = item(make_user("district_chief", "9005"), "แผนเทพา", area="9005")
    central = item(admin, "คู่มือกลาง", area=None)
    visible = set(KnowledgeItem.objects.visible_to(district_chief))
    assert {mine, theirs, central} <= visible  # another district's item is readable
    assert can_edit_item(district_chief, mine)
    assert not can_edit_item(district_chief, theirs)
    with pytest.raises(PermissionDenied):
        services.update_item(theirs, actor=district_chief, title="แก้ของคนอื่น")
    worker = make_user("field_worker", "570301")
    assert not can_edit_item(worker, central)
    assert not can_edit_item(worker, mine)
    with pytest.raises(PermissionDenied):
        services.withdraw_item(central, actor=worker, reason="ไม่ถูกต้อง")
    assert can_edit_item(make_user("province_officer", "57"), mine)
    with pytest.raises(PermissionDenied):
        item(viewer, "ผู้ชมเผยแพร่", area=None)
    with pytest.raises(PermissionDenied):
        item(district_chief, "ของส่วนกลาง", area=None)  # only admins publish central items
    assert not KnowledgeItem.objects.visible_to(make_user()).exists()  # no assignment: nothing


def test_withdrawn_items_are_seen_only_by_those_who_may_edit_them(district_chief, other_district_chief, viewer):
    mine = item(district_chief, "แผนน้ำเชียงของ", area="5703")
    services.withdraw_item(mine, actor=district_chief, reason="ข้อมูลเก่า")
    assert mine in KnowledgeItem.objects.visible_to(district_chief)
    assert mine in KnowledgeItem.objects.visible_to(viewer)
    assert mine not in KnowledgeItem.objects.visible_to(other_district_chief)
    services.republish_item(mine, actor=district_chief)
    assert mine in KnowledgeItem.objects.visible_to(other_district_chief)
    kinds = list(LearningEvent.objects.filter(item=mine).values_list("kind", flat=True))
    assert kinds == ["item_published", "item_withdrawn", "item_republished"]


def test_lessons_of_a_session_are_published_once_and_refreshed(year_one, district_chief):
    session = record(year_one, "5703", district_chief)
    with pytest.raises(ValidationError, match="ยังไม่มีคำตอบ"):
        services.publish_session(session, actor=district_chief)
    answer(session, district_chief, {1: ("ผู้นำลงพื้นที่ทุกสัปดาห์", 5)})
    lesson = services.publish_session(session, actor=district_chief)
    assert lesson.kind == "lesson"
    assert lesson.area_id == "5703"
    assert lesson.year == 2565
    assert "ผู้นำลงพื้นที่ทุกสัปดาห์" in lesson.body
    assert "คะแนน 5 จาก 5" in lesson.body
    assert KnowledgeItem.objects.search("ผู้นำ").get() == lesson
    answer(session, district_chief, {2: ("ภาคีครบเจ็ดภาคี", None)})
    again = services.publish_session(session, actor=district_chief)
    assert again.pk == lesson.pk
    assert "ภาคีครบเจ็ดภาคี" in again.body


def test_a_project_brief_is_published_linked_and_tagged(district_chief, admin):
    from tuksuk.indicators.models import SdgGoal
    from tuksuk.projects import services as projects

    project = projects.create_project(
        actor=admin,
        district_code="5703",
        title="โครงการระบบน้ำสะอาดหมู่บ้าน",
        brief="ประปาพลังงานแสงอาทิตย์",
        category=3,
        fiscal_year=2565,
        upstream="สำรวจแหล่งน้ำ",
        sdg_goals=[SdgGoal.objects.get(pk=6)],
    )
    brief = services.publish_project_brief(project, actor=district_chief)
    assert brief.project == project
    assert brief.kind == "brief"
    assert brief.project_category == 3
    assert list(brief.sdg_goals.values_list("pk", flat=True)) == [6]
    assert "ต้นทาง: สำรวจแหล่งน้ำ" in brief.body
    assert services.publish_project_brief(project, actor=district_chief).pk == brief.pk
    with pytest.raises(Http404):  # another district's project is out of scope: as if missing
        services.publish_project_brief(project, actor=make_user("district_chief", "9005"))
    with pytest.raises(PermissionDenied):
        services.publish_project_brief(project, actor=make_user("ministry_viewer"))


def test_question_numbers_stay_unique(year_one, admin):
    part3 = year_one.parts.get(number=3)
    question = year_one.questions.get(number=1)
    services.update_question(question, actor=admin, part=part3, data=services.QuestionData(question.text))
    numbers = list(Question.objects.filter(questionnaire=year_one).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, 21))
    assert year_one.questions.get(pk=question.pk).number == 20
