"""Small training worlds for the tests: a course of a province with a session running today and participants."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tuksuk.core.testing import make_user
from tuksuk.programme.training import services


def organiser(province: str = "57"):  # type: ignore[no-untyped-def]
    return make_user("province_officer", province)


def course_with_people(
    province: str = "57", districts: tuple[str, ...] = ("5703",), *, actor=None, days: int = 1, start=None
):  # type: ignore[no-untyped-def]
    """A course of ``province`` with one session of ``days`` days from ``start`` (today) in that province, 08:30–16:30
    (three slots a day), and one participant per district in ``districts``."""
    actor = actor or organiser(province)
    course = services.create_course(actor=actor, title=f"หลักสูตรทดสอบ {province}", area_code=province)
    start = start or timezone.localdate()
    session = services.schedule_session(
        course,
        actor=actor,
        title="รุ่นที่ 1",
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        province_code=province,
        place="ห้องประชุมอำเภอ",
        acknowledge_friday=True,
    )
    people = [
        services.add_participant(
            course,
            actor=actor,
            full_name=f"ผู้เข้าอบรม {district}",
            district_code=district,
            network="government",
            phone="0812345678",
        )
        for district in districts
    ]
    return course, session, people, actor
