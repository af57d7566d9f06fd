"""The training tables (percentages add up to 100), their CSV/XLSX exports and the read-only API."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tuksuk.programme.training import services
from tuksuk.programme.training.models import Course, Participant
from tuksuk.programme.training.tables import by_district, by_network, by_session

from .helpers import course_with_people, organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course, session, people, organiser = course_with_people(districts=("5703", "5701", "5702"))
    for person, network in zip(people, ("government", "religious", "media"), strict=True):
        Participant.objects.filter(pk=person.pk).update(network=network)
    slots = list(session.slots.order_by("part"))
    for slot in slots:
        services.record_attendance(people[0], slot, actor=organiser, method="list")
    services.record_attendance(people[1], slots[0], actor=organiser, method="list")
    return course, session, people, organiser


def test_network_shares_add_up_to_100_by_largest_remainder(course):
    table = by_network(Participant.objects.all())
    rows = {row[0]: row for row in table.rows}
    assert [rows[n][3] for n in ("government", "religious", "media")] == [
        Decimal("33.4"),
        Decimal("33.3"),
        Decimal("33.3"),
    ]
    assert sum(row[3] for row in table.rows[:-1]) == Decimal("100.0")
    assert rows["private"][2:] == [0, Decimal("0.0")]  # every network has a row
    assert rows["total"][2] == 3


def test_attendance_rates_per_session_and_district(course):
    _course, _session, _people, _organiser = course
    (row,) = by_session(Participant.objects.all()).rows
    assert row[4:] == [3, 3, 4, Decimal("44.4")]  # 4 check-ins of 9 possible
    rates = {row[0]: (row[3], row[4]) for row in by_district(Participant.objects.all()).rows}
    assert rates == {"5703": (Decimal("100.0"), 1), "5701": (Decimal("33.3"), 0), "5702": (Decimal("0.0"), 0)}


@pytest.mark.parametrize("table", ["by-network", "by-session", "by-district", "certificates"])
def test_exports_csv_and_xlsx(course, client_for, table):
    from openpyxl import load_workbook

    _course, _session, _people, organiser = course
    client = client_for(organiser)
    csv = client.get(reverse("training:report"), {"table": table, "format": "csv"})
    assert csv.status_code == 200
    assert csv.content.startswith("\ufeff".encode())
    xlsx = client.get(reverse("training:report"), {"table": table, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B1"].value is None
    assert sheet["A2"].value.startswith("ข้อมูล ณ วันที่")


def test_report_page_and_bad_parameters(course, client_for):
    client = client_for(course[3])
    page = client.get(reverse("training:report"), {"course": course[0].pk})
    assert page.status_code == 200
    assert "ผู้เข้าอบรมจำแนกตามภาคีเครือข่าย" in page.content.decode()
    assert client.get(reverse("training:report"), {"course": "abc"}).status_code == 404
    assert client.get(reverse("training:report"), {"table": "nope", "format": "csv"}).status_code == 404


def test_api_attendance_summary(course, api_for):
    _course, _session, people, organiser = course
    body = api_for(organiser).get(reverse("training-participant-attendance", kwargs={"pk": people[0].pk})).json()
    assert body == {
        "slots_held": 3,
        "slots_attended": 3,
        "percent": "100.00",
        "accepted_reason": False,
        "eligible": True,
        "certificate_code": None,
    }
    sessions = api_for(organiser).get(reverse("training-session-list")).json()
    assert sessions["results"][0]["slots_held"] == 3


def test_pages_render_for_the_organiser(course, client_for):
    course_, session, people, organiser = course
    client = client_for(organiser)
    for url in (
        reverse("training:index"),
        reverse("training:course", kwargs={"pk": course_.pk}),
        reverse("training:participant", kwargs={"pk": people[0].pk}),
        reverse("training:attendance", kwargs={"pk": session.pk}) + "?day=garbage",
        reverse("training:cards", kwargs={"pk": course_.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<svg" in response.content.decode() or "cards" not in url


def test_forms_create_course_session_and_participant(client_for):
    user = organiser("94")
    client = client_for(user)
    response = client.post(
        reverse("training:course-new"),
        {"title": "ผู้นำการเปลี่ยนแปลง ปัตตานี", "kind": "change_leaders", "area": "94", "certificate_kind": "panyabat"},
    )
    assert response.status_code == 302
    course = Course.objects.get(title="ผู้นำการเปลี่ยนแปลง ปัตตานี")
    url = reverse("training:session-new", kwargs={"pk": course.pk})
    data = {
        "title": "รุ่นที่ 1",
        "starts_on": "2022-09-02",
        "ends_on": "2022-09-02",
        "start_time": "08:30",
        "end_time": "16:30",
        "province": "94",
        "place": "ศาลากลาง",
    }
    warned = client.post(url, data)
    assert warned.status_code == 200
    assert 'data-testid="friday-warning"' in warned.content.decode()
    assert not course.sessions.exists()
    assert client.post(url, data | {"acknowledge_friday": "on"}).status_code == 302
    assert course.sessions.get().slots.count() == 3
    bad = client.post(url, data | {"starts_on": "not a date"})
    assert bad.status_code == 200
    assert 'data-testid="field-error"' in bad.content.decode()
    add = reverse("training:participant-add", kwargs={"pk": course.pk})
    assert (
        client.post(add, {"full_name": "นายอิสมาแอ ดอเลาะ", "district": "9401", "network": "religious"}).status_code
        == 302
    )
    assert (
        client.post(add, {"full_name": "นายอิสมาแอ ดอเลาะ", "district": "9401", "network": "religious"}).status_code
        == 200
    )
    assert client.post(add, {"full_name": "x", "district": "5703", "network": "religious"}).status_code == 200
    assert course.participants.count() == 1
