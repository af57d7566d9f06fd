"""Area and role scoping of every endpoint of this app.

``SCOPING_COVERS`` names every URL name of this app that these tests prove; tests/test_scoping_everywhere.py
fails while a URL of the project is covered nowhere.

The world: a course of เชียงราย (57) with participants from เชียงของ (5703) and เมืองเชียงราย (5701), a course of
สงขลา (90) with a participant from เทพา (9005), and a national course with participants from 5703 and 9005.
"""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.programme.training import services, tokens
from tuksuk.programme.training.models import AbsenceReason, Attendance, AttendanceSlot, Certificate

from .helpers import course_with_people

pytestmark = pytest.mark.django_db

PUBLIC = {"training:card", "training:self-checkin", "training:verify"}
ORGANISER_PAGES = {"training:session-new", "training:participant-add", "training:cards", "training:slot-qr"}
SCOPING_COVERS: set[str] = {
    "training:index",
    "training:course-new",
    "training:report",
    "training:course",
    "training:participant",
    "training:attendance",
    "training:certificate-pdf",
    "training:reason-add",
    "training:reason-decide",
    "training:attendance-toggle",
    "training:slot-status",
    "training:certificates-issue",
    "training-course-list",
    "training-course-detail",
    "training-session-list",
    "training-session-detail",
    "training-participant-list",
    "training-participant-detail",
    "training-participant-attendance",
    *ORGANISER_PAGES,
    *PUBLIC,
}


@pytest.fixture
def world():
    admin = make_user("ministry_admin")
    chiangrai, session, (mine, _neighbour), po57 = course_with_people("57", ("5703", "5701"))
    songkhla, other_session, (other,), po90 = course_with_people("90", ("9005",))
    national = services.create_course(actor=admin, title="DCAST ระดับประเทศ", kind="dcast")
    services.schedule_session(
        national,
        actor=admin,
        title="รุ่นที่ 1",
        starts_on=session.starts_on,
        ends_on=session.ends_on,
        province_code="10",
        place="สถาบันดำรงราชานุภาพ",
    )
    for district in ("5703", "9005"):
        services.add_participant(
            national, actor=admin, full_name=f"ผู้เรียนระดับชาติ {district}", district_code=district, network="citizen"
        )
    for person, organiser, slot in ((mine, po57, session.slots.first()), (other, po90, other_session.slots.first())):
        services.record_attendance(person, slot, actor=organiser, method="list")
    services.issue_certificates(chiangrai, actor=po57)
    services.issue_certificates(songkhla, actor=po90)
    reasons = {
        "mine": services.submit_reason(mine, actor=po57, text="ป่วย"),
        "other": services.submit_reason(other, actor=po90, text="ป่วย"),
    }
    return {
        "mine": {"course": chiangrai, "session": session, "participant": mine, "reason": reasons["mine"]},
        "other": {"course": songkhla, "session": other_session, "participant": other, "reason": reasons["other"]},
        "po57": po57,
        "admin": admin,
    }


def kwargs_for(name: str, place: dict) -> dict:
    if name in (
        "training:participant",
        "training:reason-add",
        "training-participant-detail",
        "training-participant-attendance",
    ):
        return {"pk": place["participant"].pk}
    if name in ("training:attendance", "training:attendance-toggle", "training-session-detail"):
        return {"pk": place["session"].pk}
    if name in ("training:slot-status", "training:slot-qr"):
        return {"pk": place["session"].slots.first().pk}
    if name == "training:reason-decide":
        return {"pk": place["reason"].pk}
    if name == "training:certificate-pdf":
        return {"pk": Certificate.objects.get(participant=place["participant"]).pk}
    return {"pk": place["course"].pk}


READS = [
    "training:course",
    "training:participant",
    "training:attendance",
    "training:certificate-pdf",
    "training-course-detail",
    "training-session-detail",
    "training-participant-detail",
    "training-participant-attendance",
]
WRITES = {
    "training:reason-add": {"text": "ติดราชการ"},
    "training:reason-decide": {"decision": "accept"},
    "training:attendance-toggle": {"present": "1"},
    "training:slot-status": {"status": "cancelled"},
    "training:certificates-issue": {},
}


def _write(client, name, place):
    data = dict(WRITES[name])
    if name == "training:attendance-toggle":
        data |= {"participant": place["participant"].pk, "slot": place["session"].slots.last().pk}
    return client.post(reverse(name, kwargs=kwargs_for(name, place)), data)


def _state():
    return (
        AbsenceReason.objects.count(),
        AbsenceReason.objects.filter(status="accepted").count(),
        Attendance.objects.count(),
        AttendanceSlot.objects.filter(status="cancelled").count(),
        Certificate.objects.count(),
    )


@pytest.mark.parametrize("name", READS)
def test_district_user_reads_own_area_and_gets_404_elsewhere(name, world, client_for, district_chief):
    client = client_for(district_chief)
    assert client.get(reverse(name, kwargs=kwargs_for(name, world["mine"]))).status_code == 200
    assert client.get(reverse(name, kwargs=kwargs_for(name, world["other"]))).status_code == 404


@pytest.mark.parametrize("name", READS + list(ORGANISER_PAGES))
@pytest.mark.parametrize("who", ["nobody", "agency", "other_province", "neighbour_district"])
def test_outsiders_get_404(name, who, world, client_for):
    user = {
        "nobody": make_user(),
        "agency": make_user("agency_staff", "5703", agency="PEA"),
        "other_province": make_user("province_officer", "90"),
        "neighbour_district": make_user("district_chief", "5702"),
    }[who]
    assert client_for(user).get(reverse(name, kwargs=kwargs_for(name, world["mine"]))).status_code == 404


@pytest.mark.parametrize("name", sorted(ORGANISER_PAGES))
def test_organiser_pages_are_for_the_courses_organisers(name, world, client_for, district_chief):
    url = reverse(name, kwargs=kwargs_for(name, world["mine"]))
    assert client_for(world["po57"]).get(url).status_code == 200
    assert client_for(make_user("ministry_admin")).get(url).status_code == 200
    assert client_for(district_chief).get(url).status_code == 403  # sees the course, does not organise it
    assert client_for(make_user("ministry_viewer")).get(url).status_code == 403


@pytest.mark.parametrize("name", list(WRITES))
def test_writes_in_another_area_are_404_and_change_nothing(name, world, client_for, district_chief):
    before = _state()
    assert _write(client_for(district_chief), name, world["other"]).status_code == 404
    assert _write(client_for(make_user()), name, world["mine"]).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("name", list(WRITES))
def test_read_only_role_never_writes(name, world, client_for):
    before = _state()
    assert _write(client_for(make_user("ministry_viewer")), name, world["mine"]).status_code == 403
    assert _state() == before


@pytest.mark.parametrize("name", list(WRITES))
def test_organiser_writes(name, world, client_for):
    before = _state()
    assert _write(client_for(world["po57"]), name, world["mine"]).status_code == 302
    assert _state() != before or name == "training:certificates-issue"


def test_district_team_may_explain_an_absence_but_not_decide(world, client_for):
    team = client_for(make_user("district_team", "5703"))
    assert _write(team, "training:reason-add", world["mine"]).status_code == 302
    assert AbsenceReason.objects.filter(participant=world["mine"]["participant"]).count() == 2
    assert _write(team, "training:reason-decide", world["mine"]).status_code == 403
    assert not AbsenceReason.objects.filter(status="accepted").exists()


LISTS = {
    # name: (query, text the 5703 chief sees, text they must not see)
    "training:index": ({}, "หลักสูตรทดสอบ 57", "หลักสูตรทดสอบ 90"),
    "training:report": ({"table": "by-district", "format": "csv"}, "5703,", "9005"),
    "training-course-list": ({}, "หลักสูตรทดสอบ 57", "หลักสูตรทดสอบ 90"),
    "training-session-list": ({}, "ห้องประชุมอำเภอ", '"province":"90"'),
    "training-participant-list": ({}, "ผู้เข้าอบรม 5703", "9005"),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_lists_show_own_area_and_hide_others(name, world, client_for, district_chief):
    query, present, absent = LISTS[name]
    response = client_for(district_chief).get(reverse(name), query)
    assert response.status_code == 200
    body = response.content.decode().replace(", ", ",").replace('": ', '":')
    assert present in body
    assert absent not in body
    assert "5701" not in body
    assert "ผู้เข้าอบรม 5701" not in body


def test_national_course_shows_a_district_only_its_own_participants(world, client_for, district_chief):
    body = client_for(district_chief).get(reverse("training:index")).content.decode()
    assert "DCAST ระดับประเทศ" in body
    national = world["mine"]["course"].__class__.objects.get(title="DCAST ระดับประเทศ")
    page = client_for(district_chief).get(reverse("training:course", kwargs={"pk": national.pk})).content.decode()
    assert "ผู้เรียนระดับชาติ 5703" in page
    assert "ผู้เรียนระดับชาติ 9005" not in page


@pytest.mark.parametrize("name", list(LISTS))
def test_lists_are_empty_for_outsiders_and_closed_to_anonymous(name, world, client, client_for):
    for user in (make_user(), make_user("agency_staff", "5703", agency="PEA")):
        body = client_for(user).get(reverse(name)).content.decode()
        assert "หลักสูตรทดสอบ" not in body
        assert "ผู้เข้าอบรม 5" not in body
    client.logout()
    assert client.get(reverse(name)).status_code in (302, 401, 403)


def test_phone_numbers_are_for_organisers_only(world, client_for, district_chief, api_for):
    url = reverse("training:participant", kwargs={"pk": world["mine"]["participant"].pk})
    assert "0812345678" in client_for(world["po57"]).get(url).content.decode()
    assert "0812345678" not in client_for(district_chief).get(url).content.decode()
    api = api_for(world["po57"]).get(reverse("training-participant-list")).content.decode()
    assert "0812345678" not in api
    assert "phone" not in api


def test_course_new_is_for_organisers(client_for, district_chief, world):
    assert client_for(world["po57"]).get(reverse("training:course-new")).status_code == 200
    assert client_for(district_chief).get(reverse("training:course-new")).status_code == 403
    assert client_for(make_user("ministry_viewer")).get(reverse("training:course-new")).status_code == 403
    assert client_for(make_user()).get(reverse("training:course-new")).status_code == 403


def test_public_pages_reveal_nothing_without_a_genuine_token(world, client):
    person = world["mine"]["participant"]
    slot = world["mine"]["session"].slots.first()
    assert client.get(reverse("training:card", kwargs={"token": tokens.card_token(person)})).status_code == 200
    assert client.get(reverse("training:card", kwargs={"token": "1.1:forged"})).status_code == 400
    assert client.get(reverse("training:self-checkin", kwargs={"token": tokens.slot_token(slot)})).status_code == 200
    assert client.get(reverse("training:self-checkin", kwargs={"token": f"{slot.pk}:x:y"})).status_code == 400
    body = client.get(reverse("training:verify")).content.decode()
    assert "ผู้เข้าอบรม 5703" not in body
