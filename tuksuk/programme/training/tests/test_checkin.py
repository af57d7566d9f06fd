"""The three ways of taking attendance, forged and stale tokens, duplicates."""

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.programme.training import services, tokens
from tuksuk.programme.training.models import Attendance

from .helpers import course_with_people

pytestmark = pytest.mark.django_db


def test_a_duplicate_check_in_is_harmless_and_holds_the_slot():
    _course, session, (person,), organiser = course_with_people()
    slot = session.slots.first()
    _a, created = services.record_attendance(person, slot, actor=organiser, method="list")
    _b, again = services.record_attendance(person, slot, actor=organiser, method="card_qr")
    assert (created, again) == (True, False)
    assert Attendance.objects.get().method == "list"
    slot.refresh_from_db()
    assert slot.status == "held"


def test_a_participant_cannot_be_checked_into_another_courses_slot():
    _c, session, _p, organiser = course_with_people()
    _c2, _s2, (other,), _o = course_with_people(actor=organiser)
    with pytest.raises(services.CheckinRefused):
        services.record_attendance(other, session.slots.first(), actor=organiser, method="list")


def test_organiser_scans_a_card_and_records_the_current_slot_in_one_tap(client_for):
    _c, session, (person,), organiser = course_with_people()
    url = reverse("training:card", kwargs={"token": tokens.card_token(person)})
    client = client_for(organiser)
    page = client.get(url)
    assert page.status_code == 200
    assert "บันทึกเข้าร่วม" in page.content.decode()
    slot = session.slots.first()
    response = client.post(url, {"slot": slot.pk}, follow=True)
    assert "แล้ว" in response.content.decode()
    assert Attendance.objects.filter(participant=person, slot=slot, method="card_qr", recorded_by=organiser).exists()
    client.post(url, {"slot": slot.pk})  # scanned twice
    assert Attendance.objects.count() == 1


def test_card_check_in_refuses_a_slot_of_another_day_or_course(client_for):
    course, _s, (person,), organiser = course_with_people()
    later = services.schedule_session(
        course,
        actor=organiser,
        title="รุ่นที่ 2",
        starts_on=timezone.localdate() + dt.timedelta(days=7),
        ends_on=timezone.localdate() + dt.timedelta(days=7),
        province_code="57",
        place="ห้องประชุม",
        acknowledge_friday=True,
    )
    url = reverse("training:card", kwargs={"token": tokens.card_token(person)})
    response = client_for(organiser).post(url, {"slot": later.slots.first().pk}, follow=True)
    assert "ไม่ใช่ของวันนี้" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_card_opened_by_anyone_else_shows_the_card_only(client, client_for):
    _c, _s, (person,), _organiser = course_with_people()
    url = reverse("training:card", kwargs={"token": tokens.card_token(person)})
    for browser in (client, client_for(make_user("district_chief", "5703"))):
        body = browser.get(url).content.decode()
        assert person.code in body
        assert person.full_name in body
        assert "0812345678" not in body
        assert "บันทึกเข้าร่วม" not in body
        browser.post(url, {"slot": "1"})
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-2] + "xx", lambda t: "9" + t, lambda t: "abc", lambda t: t.replace(".", "-")]
)
def test_a_forged_card_gets_a_clear_thai_message(client, mangle):
    _c, _s, (person,), _organiser = course_with_people()
    response = client.get(reverse("training:card", kwargs={"token": mangle(tokens.card_token(person))}))
    assert response.status_code == 400
    assert "QR นี้ไม่ถูกต้อง" in response.content.decode()


def test_a_participant_checks_in_with_the_projected_slot_qr(client):
    _c, session, (person,), _organiser = course_with_people()
    slot = session.slots.first()
    url = reverse("training:self-checkin", kwargs={"token": tokens.slot_token(slot)})
    assert "รหัสผู้เข้าอบรม" in client.get(url).content.decode()
    body = client.post(url, {"code": person.code.lower()}).content.decode()
    assert "เรียบร้อยแล้ว" in body
    attendance = Attendance.objects.get()
    assert (attendance.slot, attendance.method, attendance.recorded_by) == (slot, "slot_qr", None)
    assert "ลงเวลาช่วงนี้ไว้แล้ว" in client.post(url, {"code": person.code}).content.decode()
    assert Attendance.objects.count() == 1


def test_a_wrong_code_or_a_code_of_another_course_is_refused(client):
    _c, session, _people, organiser = course_with_people()
    _c2, _s2, (stranger,), _o = course_with_people(actor=organiser)
    url = reverse("training:self-checkin", kwargs={"token": tokens.slot_token(session.slots.first())})
    for code in ("ZZZZZZ", stranger.code, ""):
        response = client.post(url, {"code": code})
        assert response.status_code == 200
        assert 'data-testid="field-error"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_stale_slot_qr_is_refused_with_a_thai_message(client, monkeypatch):
    _c, session, (person,), _organiser = course_with_people()
    token = tokens.slot_token(session.slots.first())
    later = timezone.now().timestamp() + tokens.SLOT_TOKEN_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(reverse("training:self-checkin", kwargs={"token": token}), {"code": person.code})
    assert response.status_code == 400
    assert "หมดอายุ" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_slot_qr_cannot_be_moved_to_another_slot_or_day(client):
    _course, session, (person,), _organiser = course_with_people(days=2)
    first_day, second_day = session.days()
    tomorrow_slot = session.slots.filter(day=second_day).first()
    token = tokens.slot_token(tomorrow_slot)
    response = client.post(reverse("training:self-checkin", kwargs={"token": token}), {"code": person.code})
    assert "วันอื่น" in response.content.decode()
    today_slot = session.slots.filter(day=first_day).first()
    forged = token.replace(f"{tomorrow_slot.pk}:", f"{today_slot.pk}:", 1)
    response = client.post(reverse("training:self-checkin", kwargs={"token": forged}), {"code": person.code})
    assert response.status_code == 400
    assert "ไม่ถูกต้อง" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_cancelled_slot_takes_no_check_in(client):
    _c, session, (person,), organiser = course_with_people()
    slot = session.slots.first()
    services.set_slot_status(slot, "cancelled", actor=organiser)
    response = client.post(
        reverse("training:self-checkin", kwargs={"token": tokens.slot_token(slot)}), {"code": person.code}
    )
    assert "ยกเลิก" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_organisers_list_toggles_presence_with_and_without_htmx(client_for):
    _c, session, (person,), organiser = course_with_people()
    slot = session.slots.first()
    client = client_for(organiser)
    page = client.get(reverse("training:attendance", kwargs={"pk": session.pk}))
    assert page.status_code == 200
    assert person.full_name in page.content.decode()
    url = reverse("training:attendance-toggle", kwargs={"pk": session.pk})
    response = client.post(url, {"participant": person.pk, "slot": slot.pk, "present": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    assert Attendance.objects.filter(participant=person, slot=slot, method="list").exists()
    response = client.post(url, {"participant": person.pk, "slot": slot.pk, "present": "0"})
    assert response.status_code == 302
    assert not Attendance.objects.exists()
    assert session.course.events.filter(kind="attendance_unmarked").exists()


def test_the_list_refuses_garbage_and_non_organisers(client_for):
    _c, session, (person,), organiser = course_with_people()
    url = reverse("training:attendance-toggle", kwargs={"pk": session.pk})
    assert client_for(organiser).post(url, {"participant": "x", "slot": "1'"}).status_code == 400
    chief = make_user("district_chief", "5703")
    response = client_for(chief).post(url, {"participant": person.pk, "slot": session.slots.first().pk, "present": "1"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()
