"""The breach log: the 72-hour clock, the workflow the PDPA asks for, what a district chief may report, and the
home-page alert."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.governance import services
from tuksuk.governance.choices import BreachEventKind, BreachStatus, RiskLevel
from tuksuk.governance.models import Breach

from .conftest import record

pytestmark = pytest.mark.django_db


def test_clock_runs_72_hours_from_awareness(ministry_admin):
    breach = record(ministry_admin, ["5703"], hours_ago=10)
    clock = breach.clock()
    assert clock.running
    assert clock.state == "ok"
    assert breach.deadline == breach.discovered_at + dt.timedelta(hours=72)
    assert clock.hours in (61, 62)


def test_clock_turns_red_under_24_hours_and_overdue_after_72(ministry_admin, client_for):
    urgent = record(ministry_admin, ["5703"], hours_ago=60)
    overdue = record(ministry_admin, ["5703"], hours_ago=80)
    assert urgent.clock().state == "urgent"
    assert urgent.clock().css == "danger"
    assert overdue.clock().state == "overdue"
    body = client_for(ministry_admin).get(reverse("governance:breach", args=[overdue.pk])).content.decode()
    assert 'data-state="overdue"' in body
    assert "เกินกำหนดแจ้ง สคส. 8 ชม." in body


def test_notification_stops_the_clock_and_records_who_and_when(ministry_admin):
    breach = record(ministry_admin, ["5703"], hours_ago=5)
    services.record_pdpc_notification(breach, actor=ministry_admin, notified_at=timezone.now(), pdpc_ref="PDPC-1")
    breach.refresh_from_db()
    assert breach.status == BreachStatus.NOTIFIED
    assert not breach.clock().running
    assert breach.clock().state == "on_time"
    event = breach.events.get(kind=BreachEventKind.NOTIFIED_PDPC)
    assert event.actor == ministry_admin
    assert event.data["pdpc_ref"] == "PDPC-1"


def test_late_notification_needs_a_reason(ministry_admin):
    breach = record(ministry_admin, ["5703"], hours_ago=100)
    with pytest.raises(ValidationError, match="เหตุผลที่แจ้งล่าช้า"):
        services.record_pdpc_notification(breach, actor=ministry_admin, notified_at=timezone.now())
    assert Breach.objects.get(pk=breach.pk).status == BreachStatus.OPEN
    services.record_pdpc_notification(
        breach, actor=ministry_admin, notified_at=timezone.now(), late_reason="รอผลตรวจสอบจากอำเภอ"
    )
    assert breach.clock().state == "late"


def test_no_notification_only_when_assessed_as_no_risk_and_with_a_reason(ministry_admin):
    breach = record(ministry_admin, ["5703"])
    with pytest.raises(ValidationError, match="ไม่มีความเสี่ยง"):
        services.decide_no_notification(breach, actor=ministry_admin, reason="ข้อมูลเข้ารหัส")
    services.update_breach(breach, actor=ministry_admin, risk=RiskLevel.NONE)
    with pytest.raises(ValidationError):
        services.decide_no_notification(breach, actor=ministry_admin, reason="  ")
    services.decide_no_notification(breach, actor=ministry_admin, reason="แฟ้มถูกพบคืนโดยไม่ถูกเปิด")
    breach.refresh_from_db()
    assert breach.status == BreachStatus.NOT_NOTIFIED
    assert not breach.clock().running


def test_raising_the_risk_after_a_no_notification_decision_reopens_the_breach(ministry_admin):
    breach = record(ministry_admin, ["5703"], risk=RiskLevel.NONE)
    services.decide_no_notification(breach, actor=ministry_admin, reason="ไม่มีความเสี่ยง")
    services.update_breach(breach, actor=ministry_admin, risk=RiskLevel.RISK, note="พบว่ามีการเผยแพร่ต่อ")
    breach.refresh_from_db()
    assert breach.status == BreachStatus.OPEN
    assert breach.clock().running
    assert breach.events.filter(kind=BreachEventKind.REOPENED).exists()


def test_high_risk_cannot_close_before_people_are_told(ministry_admin):
    breach = record(ministry_admin, ["5703"], risk=RiskLevel.HIGH)
    with pytest.raises(ValidationError, match="ยังปิดเรื่องไม่ได้"):
        services.close_breach(breach, actor=ministry_admin)
    services.record_pdpc_notification(breach, actor=ministry_admin, notified_at=timezone.now())
    with pytest.raises(ValidationError, match="แจ้งเจ้าของข้อมูล"):
        services.close_breach(breach, actor=ministry_admin)
    services.record_subject_notification(
        breach, actor=ministry_admin, notified_at=timezone.now(), how="เจ้าหน้าที่อำเภอแจ้งรายครัวเรือน"
    )
    services.close_breach(breach, actor=ministry_admin, note="ดำเนินการครบ")
    breach.refresh_from_db()
    assert breach.status == BreachStatus.CLOSED
    assert breach.closed_at
    kinds = list(breach.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["reported", "notified_pdpc", "notified_subjects", "closed"]
    with pytest.raises(ValidationError):
        services.update_breach(breach, actor=ministry_admin, title="ใหม่")


def test_bad_input_is_refused_in_thai_and_writes_nothing(ministry_admin):
    now = timezone.now()
    cases = [
        {"title": "", "description": "x", "discovered_at": now},
        {"title": "x", "description": "x", "discovered_at": now + dt.timedelta(days=1)},
        {"title": "x", "description": "x", "discovered_at": now, "occurred_at": now + dt.timedelta(hours=1)},
        {"title": "x", "description": "x", "discovered_at": now, "area_codes": ["5703", "9999"]},
        {"title": "x", "description": "x", "discovered_at": now, "data_categories": ["dna"]},
        {"title": "x", "description": "x", "discovered_at": None},
    ]
    for values in cases:
        with pytest.raises(ValidationError):
            services.report_breach(actor=ministry_admin, **values)
    assert not Breach.objects.exists()


def test_district_chief_reports_in_own_district_only_and_cannot_assess(district_chief):
    breach = services.report_breach(
        actor=district_chief,
        title="โทรศัพท์เจ้าหน้าที่หาย",
        description="โทรศัพท์ที่มีแอปสำรวจหาย",
        discovered_at=timezone.now(),
        area_codes=["5703"],
        risk=RiskLevel.NONE,
        likely_consequences="ไม่มี",
    )
    assert breach.risk == RiskLevel.UNASSESSED
    assert breach.likely_consequences == ""
    assert breach.reported_by == district_chief
    assert breach.ref.startswith("BR-25")
    with pytest.raises(PermissionDenied):
        services.report_breach(
            actor=district_chief, title="x", description="x", discovered_at=timezone.now(), area_codes=["9005"]
        )
    with pytest.raises(PermissionDenied):
        services.update_breach(breach, actor=district_chief, risk=RiskLevel.HIGH)
    with pytest.raises(PermissionDenied):
        services.record_pdpc_notification(breach, actor=district_chief, notified_at=timezone.now())


def test_district_chief_report_through_the_page_reaches_the_ministry(client_for, district_chief, ministry_admin):
    form = client_for(district_chief).get(reverse("governance:breach-new")).content.decode()
    assert 'value="5703"' in form
    assert 'value="9005"' not in form
    response = client_for(district_chief).post(
        reverse("governance:breach-new"),
        {
            "title": "แฟ้มแบบสำรวจหาย",
            "description": "หายระหว่างลงพื้นที่",
            "discovered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "district": "5703",
            "data_categories": ["identity", "health"],
            "people_affected": "12",
        },
    )
    breach = Breach.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:breach", args=[breach.pk])
    assert list(breach.areas.values_list("code", flat=True)) == ["5703"]
    assert breach.has_sensitive_data
    home = client_for(ministry_admin).get(reverse("governance:breaches")).content.decode()
    assert "แฟ้มแบบสำรวจหาย" in home


def test_page_shows_a_thai_message_for_a_future_time(client_for, ministry_admin):
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(ministry_admin).post(
        reverse("governance:breach-new"),
        {"title": "x", "description": "x", "discovered_at": future, "risk": "unassessed", "area_codes": ""},
    )
    assert response.status_code == 200
    assert "เป็นเวลาในอนาคตไม่ได้" in response.content.decode()
    assert not Breach.objects.exists()


def test_admin_edits_assessment_through_the_page(client_for, ministry_admin):
    breach = record(ministry_admin, ["5703"])
    data = {
        "title": breach.title,
        "description": breach.description,
        "discovered_at": timezone.localtime(breach.discovered_at).strftime("%Y-%m-%dT%H:%M"),
        "area_codes": "57, 9005",
        "data_categories": ["identity"],
        "people_affected": "40",
        "risk": "high",
        "likely_consequences": "อาจถูกนำชื่อไปหลอกลวง",
        "containment": "แจ้งความแล้ว",
        "note": "ประเมินใหม่",
    }
    response = client_for(ministry_admin).post(reverse("governance:breach-edit", args=[breach.pk]), data)
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.risk == RiskLevel.HIGH
    assert sorted(breach.areas.values_list("code", flat=True)) == ["57", "9005"]
    event = breach.events.get(kind=BreachEventKind.ASSESSED)
    assert "risk" in event.data["changed"]
    assert "areas" in event.data["changed"]


def test_refused_action_on_the_page_is_a_message_not_a_crash(client_for, ministry_admin):
    breach = record(ministry_admin, ["5703"])
    client = client_for(ministry_admin)
    response = client.post(reverse("governance:breach-close", args=[breach.pk]), {"note": ""}, follow=True)
    assert "ยังปิดเรื่องไม่ได้" in response.content.decode()
    response = client.post(
        reverse("governance:breach-notify", args=[breach.pk]), {"notified_at": "nonsense"}, follow=True
    )
    assert response.status_code == 200
    assert Breach.objects.get(pk=breach.pk).status == BreachStatus.OPEN


def test_print_summary_has_what_the_pdpc_form_asks(client_for, ministry_admin, settings):
    settings.TUKSUK_DPO_CONTACT = "DPO กระทรวงมหาดไทย โทร 0 2222 0000"
    breach = record(ministry_admin, ["5703"], likely_consequences="อาจถูกแอบอ้าง", containment="เปลี่ยนรหัสผ่าน")
    body = client_for(ministry_admin).get(reverse("governance:breach-print", args=[breach.pk])).content.decode()
    for text in (
        breach.ref,
        "แฟ้มแบบสำรวจครัวเรือนสูญหาย",
        "ทราบเหตุเมื่อ",
        "จำนวนเจ้าของข้อมูลโดยประมาณ",
        "40",
        "ข้อมูลสุขภาพ/ความพิการ",
        "อาจถูกแอบอ้าง",
        "เปลี่ยนรหัสผ่าน",
        "DPO กระทรวงมหาดไทย โทร 0 2222 0000",
    ):
        assert text in body, text
    assert "<script>" not in body
    assert "onclick" not in body


def test_district_chief_can_add_notes_to_their_breach(client_for, district_chief, ministry_admin):
    breach = record(ministry_admin, ["5703"])
    client_for(district_chief).post(reverse("governance:breach-note", args=[breach.pk]), {"note": "พบแฟ้มบางส่วน"})
    assert breach.events.filter(kind=BreachEventKind.NOTE, actor=district_chief, note="พบแฟ้มบางส่วน").exists()


HOME_ALERT = Template("{% load governance %}{% breach_alert %}")


def test_home_alert_for_ministry_admins_while_a_breach_waits(ministry_admin, district_chief):
    assert "breach-alert" not in HOME_ALERT.render(Context({"user": ministry_admin}))
    breach = record(ministry_admin, ["5703"], hours_ago=60)
    alert = HOME_ALERT.render(Context({"user": ministry_admin}))
    assert "breach-alert" in alert
    assert "1 เรื่อง" in alert
    assert 'data-state="urgent"' in alert
    assert "breach-alert" not in HOME_ALERT.render(Context({"user": district_chief}))
    assert "breach-alert" not in HOME_ALERT.render(Context({"user": make_user("ministry_viewer")}))
    services.record_pdpc_notification(breach, actor=ministry_admin, notified_at=timezone.now())
    assert "breach-alert" not in HOME_ALERT.render(Context({"user": ministry_admin}))


def test_menu_filter_shows_the_breach_log_to_its_roles_only(ministry_admin, district_chief, auditor):
    menu = Template("{% load governance %}{% if user|can_see_breaches %}breaches{% endif %}")
    for user in (ministry_admin, district_chief, auditor):
        assert menu.render(Context({"user": user})) == "breaches"
    for user in (make_user("ministry_viewer"), make_user("district_team", "5703"), make_user()):
        assert menu.render(Context({"user": user})) == ""


def test_a_breach_of_several_areas_is_in_the_change_log_without_one_area_code(ministry_admin):
    """Regression (PostgreSQL refused the log row: the to-many area path gave a text longer than a code)."""
    from tuksuk.audit.models import ChangeLogEntry

    breach = record(ministry_admin, ["5703", "9005"])
    entry = ChangeLogEntry.objects.filter(object_type="governance.breach", object_id=str(breach.pk)).first()
    assert entry is not None
    assert entry.area_code == ""
