"""Recording requests, the 30-day deadline, the workflow and who may do what."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import CITIZEN_IDS
from tuksuk.privacy import services
from tuksuk.privacy.choices import RequestStatus
from tuksuk.privacy.models import DataSubjectRequest

pytestmark = pytest.mark.django_db


def test_a_request_is_due_thirty_days_after_receipt(place, record):
    received = timezone.now() - dt.timedelta(days=2)
    dsr = record(place, received_at=received)
    assert dsr.due_at == received + dt.timedelta(days=30)
    assert dsr.days_left == 28
    assert not dsr.is_overdue
    assert not dsr.is_urgent
    assert dsr.events.get().kind == "received"


def test_overdue_and_urgent_requests_show_in_red(place, record, client_for, chief):
    late = record(place, received_at=timezone.now() - dt.timedelta(days=31))
    urgent = record(place, received_at=timezone.now() - dt.timedelta(days=25))
    calm = record(place)
    assert late.is_overdue
    assert late.days_overdue == 1
    assert urgent.is_urgent
    assert not urgent.is_overdue
    assert list(DataSubjectRequest.objects.overdue()) == [late]
    page = client_for(chief).get(reverse("privacy:list"), {"overdue": "true"})
    assert [r.pk for r in page.context["object_list"]] == [late.pk]
    assert "เกินกำหนด 1 วัน" in page.content.decode()
    detail = client_for(chief).get(reverse("privacy:detail", args=[urgent.pk])).content.decode()
    assert "text-bg-danger" in detail
    assert "เหลือ 5 วัน" in detail
    detail = client_for(chief).get(reverse("privacy:detail", args=[calm.pk])).content.decode()
    assert "text-bg-secondary" in detail


def test_closed_requests_are_never_overdue(place, record, chief):
    dsr = record(place, "rectification", received_at=timezone.now() - dt.timedelta(days=40))
    services.record_rectification(dsr, actor=chief, corrected="แก้ชื่อสกุล")
    dsr.refresh_from_db()
    assert dsr.status == RequestStatus.DONE
    assert not dsr.is_overdue
    assert not DataSubjectRequest.objects.overdue().exists()


def test_the_citizen_id_finds_the_member_and_is_not_kept(place, record):
    dsr = record(place, typed_citizen_id=CITIZEN_IDS["5703"])
    assert dsr.member == place.household.members.get()
    stored = " ".join(str(v) for v in DataSubjectRequest.objects.filter(pk=dsr.pk).values().get().values())
    assert CITIZEN_IDS["5703"] not in stored
    with pytest.raises(ValidationError):
        record(place, typed_citizen_id="3100600123450")  # another household's member


def test_the_new_request_page_records_a_request(place, client_for, team):
    url = reverse("privacy:new", args=[place.household.house_code])
    page = client_for(team).get(url)
    assert page.status_code == 200
    response = client_for(team).post(
        url,
        {"kind": "erasure", "subject_name": "นายทดสอบ", "identity_document": "id_card", "citizen_id": "1234"},
    )
    assert response.status_code == 200
    assert "13 หลัก" in response.content.decode()
    response = client_for(team).post(
        url,
        {"kind": "erasure", "subject_name": "นายทดสอบ", "identity_document": "id_card", "received_on": "01/09/2565"},
    )
    dsr = DataSubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:detail", args=[dsr.pk])
    assert timezone.localtime(dsr.received_at).date() == dt.date(2022, 9, 1)
    assert dsr.identity_verified_by == team


def test_the_household_page_links_to_a_new_request(place, client_for, team):
    page = client_for(team).get(reverse("households:detail", args=[place.household.house_code])).content.decode()
    assert reverse("privacy:new", args=[place.household.house_code]) in page
    field = make_user("field_worker", "570301")
    page = client_for(field).get(reverse("households:detail", args=[place.household.house_code])).content.decode()
    assert reverse("privacy:new", args=[place.household.house_code]) not in page


def test_only_chiefs_decide(place, record, team, chief):
    dsr = record(place)
    with pytest.raises(PermissionDenied):
        services.start(dsr, actor=team)
    services.start(dsr, actor=chief)
    services.extend(dsr, actor=chief, days=30, reason="ต้องรวบรวมข้อมูลจากหน่วยงาน")
    dsr.refresh_from_db()
    assert dsr.status == RequestStatus.EXTENDED
    assert dsr.due_at == dsr.received_at + dt.timedelta(days=60)
    with pytest.raises(ValidationError):
        services.refuse(dsr, actor=chief, reason=" ")
    services.refuse(dsr, actor=chief, reason="ไม่สามารถยืนยันตัวตนได้")
    dsr.refresh_from_db()
    assert dsr.status == RequestStatus.REFUSED
    assert dsr.outcome == "ไม่สามารถยืนยันตัวตนได้"
    with pytest.raises(ValidationError):
        services.start(dsr, actor=chief)
    kinds = list(dsr.events.order_by("at", "id").values_list("kind", "from_status", "to_status"))
    assert kinds == [
        ("received", "", "received"),
        ("status", "received", "in_progress"),
        ("status", "in_progress", "extended"),
        ("status", "extended", "refused"),
    ]


def test_another_districts_chief_can_neither_see_nor_act(place, other_place, record, client_for, other_district_chief):
    dsr = record(place)
    client = client_for(other_district_chief)
    assert client.get(reverse("privacy:detail", args=[dsr.pk])).status_code == 404
    assert client.post(reverse("privacy:action", args=[dsr.pk, "start"])).status_code == 404
    assert dsr.pk not in [r.pk for r in client.get(reverse("privacy:list")).context["object_list"]]
    with pytest.raises(PermissionDenied):
        services.start(dsr, actor=other_district_chief)
    dsr.refresh_from_db()
    assert dsr.status == RequestStatus.RECEIVED


def test_actions_from_the_page(place, record, client_for, chief):
    dsr = record(place, "rectification")
    client = client_for(chief)
    response = client.post(reverse("privacy:action", args=[dsr.pk, "rectify"]), {"corrected": ""}, follow=True)
    assert "กรุณา" in response.content.decode() or "required" in response.content.decode()
    client.post(reverse("privacy:action", args=[dsr.pk, "rectify"]), {"corrected": "แก้วันเกิดของสมาชิก"})
    dsr.refresh_from_db()
    assert dsr.status == RequestStatus.DONE
    assert dsr.outcome == "แก้วันเกิดของสมาชิก"
