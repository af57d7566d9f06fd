"""Sessions and their slots, and the Friday-afternoon warning in the southern border provinces."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tuksuk.core.testing import make_user
from tuksuk.programme.training import services
from tuksuk.programme.training.models import BorderProvince, TrainingSession

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2022, 9, 2)  # a Friday


def _course(province="94"):
    admin = make_user("ministry_admin")
    return services.create_course(actor=admin, title="ผู้นำการเปลี่ยนแปลง", area_code=province), admin


def _schedule(course, actor, *, province="94", start=FRIDAY, end=FRIDAY, end_time=dt.time(16, 30), ack=False):
    return services.schedule_session(
        course,
        actor=actor,
        title="รุ่นที่ 1",
        starts_on=start,
        ends_on=end,
        end_time=end_time,
        province_code=province,
        place="ศาลากลางจังหวัด",
        acknowledge_friday=ack,
    )


def test_border_provinces_are_seeded_and_editable():
    assert set(BorderProvince.objects.values_list("code", "name_th")) == {
        ("95", "ยะลา"),
        ("94", "ปัตตานี"),
        ("96", "นราธิวาส"),
        ("90", "สงขลา"),
        ("91", "สตูล"),
    }


def test_three_slots_a_day_over_several_days():
    course, admin = _course("57")
    session = _schedule(course, admin, province="57", start=dt.date(2022, 8, 29), end=dt.date(2022, 8, 31))
    assert session.slots.count() == 9
    assert course.events.filter(kind="session_scheduled").exists()


def test_friday_afternoon_in_a_border_province_warns_until_acknowledged():
    course, admin = _course()
    with pytest.raises(services.FridayAfternoonWarning, match="บ่ายวันศุกร์") as warning:
        _schedule(course, admin, start=dt.date(2022, 8, 31), end=FRIDAY)
    assert warning.value.days == [FRIDAY]
    assert not TrainingSession.objects.exists()  # nothing half-written
    session = _schedule(course, admin, start=dt.date(2022, 8, 31), end=FRIDAY, ack=True)
    assert session.friday_acknowledged_by == admin
    event = course.events.get(kind="session_scheduled")
    assert event.data["friday_afternoons_acknowledged"] == ["2022-09-02"]


@pytest.mark.parametrize(
    ("province", "end_time", "start", "end"),
    [
        ("94", dt.time(12, 0), FRIDAY, FRIDAY),  # ends at noon: before the prayers
        ("57", dt.time(16, 30), FRIDAY, FRIDAY),  # not a border province
        ("94", dt.time(16, 30), dt.date(2022, 8, 29), dt.date(2022, 9, 1)),  # Monday to Thursday
    ],
)
def test_no_warning_outside_the_rule(province, end_time, start, end):
    course, admin = _course(province)
    _schedule(course, admin, province=province, start=start, end=end, end_time=end_time)


def test_a_province_taken_off_the_list_no_longer_warns():
    BorderProvince.objects.filter(code="94").update(is_active=False)
    course, admin = _course()
    _schedule(course, admin)


def test_bad_dates_and_hours_are_refused():
    course, admin = _course("57")
    with pytest.raises(ValidationError, match="วันสิ้นสุด"):
        _schedule(course, admin, province="57", start=FRIDAY, end=dt.date(2022, 9, 1))
    with pytest.raises(ValidationError, match="ไม่เกิน"):
        _schedule(course, admin, province="57", start=FRIDAY, end=dt.date(2022, 12, 1))
    with pytest.raises(ValidationError, match="เวลาเลิก"):
        _schedule(course, admin, province="57", end_time=dt.time(8, 0))


def test_only_organisers_schedule():
    course, _admin = _course("57")
    for user in (
        make_user("district_chief", "5703"),
        make_user("province_officer", "90"),
        make_user("ministry_viewer"),
    ):
        with pytest.raises(PermissionDenied):
            _schedule(course, user, province="57")
    _schedule(course, make_user("province_officer", "57"), province="57")


def test_only_the_ministry_creates_a_national_course():
    with pytest.raises(PermissionDenied):
        services.create_course(actor=make_user("province_officer", "57"), title="ระดับประเทศ")
    course = services.create_course(actor=make_user("ministry_admin"), title="DCAST รุ่นที่ 1", kind="dcast")
    assert course.area is None
    with pytest.raises(PermissionDenied):
        services.create_course(actor=make_user("province_officer", "57"), title="ของจังหวัดอื่น", area_code="90")
