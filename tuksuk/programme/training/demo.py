"""Demo training data: a national DCAST course held a month ago (attendance taken, reasons decided, certificates
issued), a Chiang Rai change-leaders workshop running today (this morning's check-ins taken), and a Songkhla One
Plan workshop next week whose Friday afternoon the organiser acknowledged. Deterministic and idempotent (a course
that exists by title is left alone); everything is written through the services, as the pages do."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from tuksuk.accounts.models import User
from tuksuk.demo.data import (
    FEMALE_NAMES_YOUNGER,
    MALE_NAMES_YOUNGER,
    MUSLIM_FEMALE_NAMES,
    MUSLIM_MALE_NAMES,
    MUSLIM_SURNAMES,
    SURNAMES,
)
from tuksuk.projects.choices import PartnerNetwork

from . import services
from .choices import PART_WINDOWS, CheckinMethod
from .models import Attendance, Course

SEED = 2565
POSITIONS = {
    "government": "ปลัดอำเภอ",
    "private": "ประธานหอการค้าอำเภอ",
    "academic": "อาจารย์มหาวิทยาลัยราชภัฏ",
    "religious": "ผู้นำศาสนา",
    "citizen": "ผู้ใหญ่บ้าน",
    "civil_society": "ประธานกลุ่มออมทรัพย์",
    "media": "ผู้สื่อข่าวท้องถิ่น",
}
DCAST = "หลักสูตรนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงระดับอำเภอ (DCAST) รุ่นที่ 1"
LEADERS = "การประชุมเชิงปฏิบัติการผู้นำการเปลี่ยนแปลง จังหวัดเชียงราย"
ONE_PLAN = "การประชุมเชิงปฏิบัติการจัดทำแผน One Plan จังหวัดสงขลา"


def _people(rng: random.Random, district: str, n: int) -> list[tuple[str, str]]:
    """``n`` (full name, network) pairs; Malay-Muslim names for about half of เทพา."""
    networks = PartnerNetwork.values
    found = []
    for index in range(n):
        muslim = district.startswith("90") and rng.random() < 0.55
        female = rng.random() < 0.45
        if muslim:
            first = rng.choice(MUSLIM_FEMALE_NAMES if female else MUSLIM_MALE_NAMES)
            last = rng.choice(MUSLIM_SURNAMES)
        else:
            first = rng.choice(FEMALE_NAMES_YOUNGER if female else MALE_NAMES_YOUNGER)
            last = rng.choice(SURNAMES)
        title = ("นาง" if rng.random() < 0.6 else "นางสาว") if female else "นาย"
        found.append((f"{title}{first} {last}", networks[(index + len(found) * 3) % len(networks)]))
    return found


def _enrol(course: Course, actor, rng: random.Random, districts: dict[str, int]) -> list:  # type: ignore[no-untyped-def]
    people = []
    for district, n in districts.items():
        for name, network in _people(rng, district, n):
            if course.participants.filter(full_name=name, district_id=district).exists():
                continue
            people.append(
                services.add_participant(
                    course,
                    actor=actor,
                    full_name=name,
                    district_code=district,
                    network=network,
                    position=POSITIONS[network],
                    phone=f"08{rng.randint(10000000, 99999999)}",
                )
            )
    return people


def _backdate(slot) -> None:  # type: ignore[no-untyped-def]
    start, _end = PART_WINDOWS[slot.part]
    moment = dt.datetime.combine(slot.day, max(start, dt.time(8, 45)), tzinfo=timezone.get_current_timezone())
    Attendance.objects.filter(slot=slot).update(recorded_at=moment)


def _dcast(admin, today: dt.date, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    course = services.create_course(
        actor=admin,
        title=DCAST,
        kind="dcast",
        certificate_kind="panyabat",
        description="หลักสูตรสร้างนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงของอำเภอนำร่อง อำเภอละ 100 คน",
    )
    monday = today - dt.timedelta(days=28 + today.weekday())
    session = services.schedule_session(
        course,
        actor=admin,
        title="รุ่นที่ 1",
        starts_on=monday,
        ends_on=monday + dt.timedelta(days=2),
        province_code="10",
        place="สถาบันดำรงราชานุภาพ สำนักงานปลัดกระทรวงมหาดไทย",
    )
    people = _enrol(course, admin, rng, {"5703": 6, "6205": 6, "3307": 6, "9005": 6})
    slots = list(session.slots.order_by("day", "part"))
    for index, person in enumerate(people):
        missed = 3 if index in (2, 9, 17) else rng.choice([0, 0, 0, 1])
        for slot in rng.sample(slots, len(slots) - missed):
            services.record_attendance(person, slot, actor=admin, method=rng.choice(list(CheckinMethod.values)))
    for slot in slots:
        _backdate(slot)
    accepted = services.submit_reason(people[2], actor=admin, text="ป่วยเข้าโรงพยาบาลวันที่สอง มีใบรับรองแพทย์")
    services.decide_reason(accepted, actor=admin, accept=True, note="มีใบรับรองแพทย์")
    services.submit_reason(people[9], actor=admin, text="ติดภารกิจช่วยเหลือผู้ประสบอุทกภัยในอำเภอ")
    services.issue_certificates(course, actor=admin, on=monday + dt.timedelta(days=2))
    return len(people)


def _leaders(officer, today: dt.date, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    course = services.create_course(
        actor=officer, title=LEADERS, area_code="57", kind="change_leaders", certificate_kind="wutthibat"
    )
    session = services.schedule_session(
        course,
        actor=officer,
        title="รุ่นอำเภอเชียงของ",
        starts_on=today,
        ends_on=today + dt.timedelta(days=1),
        province_code="57",
        place="หอประชุมที่ว่าการอำเภอเชียงของ",
        acknowledge_friday=True,
    )
    people = _enrol(course, officer, rng, {"5703": 10})
    morning = session.slots.filter(day=today).order_by("part").first()
    for person in people[:7]:
        services.record_attendance(person, morning, actor=officer, method=CheckinMethod.CARD_QR)
    return len(people)


def _one_plan(admin, today: dt.date, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    course = services.create_course(
        actor=admin, title=ONE_PLAN, area_code="90", kind="one_plan", certificate_kind="wutthibat"
    )
    thursday = today + dt.timedelta(days=(3 - today.weekday()) % 7 or 7)
    services.schedule_session(
        course,
        actor=admin,
        title="รุ่นที่ 1",
        starts_on=thursday,
        ends_on=thursday + dt.timedelta(days=1),
        start_time=dt.time(8, 30),
        end_time=dt.time(15, 30),
        province_code="90",
        place="ห้องประชุมที่ว่าการอำเภอเทพา",
        acknowledge_friday=True,
    )
    return len(_enrol(course, admin, rng, {"9005": 8}))


def seed_demo_data(*, now: dt.datetime) -> str:
    """Add the demo courses that are missing; returns a one-line Thai summary."""
    admin = User.objects.filter(username="admin").first()
    officer = User.objects.filter(username="chiangrai").first()
    if admin is None or officer is None:
        return "การฝึกอบรม: ข้าม (ยังไม่มีผู้ใช้ตัวอย่าง admin และ chiangrai)"
    today = timezone.localtime(now).date()
    rng = random.Random(SEED)  # noqa: S311 -- a repeatable demo, not a secret  # nosec B311
    added = {"courses": 0, "people": 0}
    for title, build, actor in ((DCAST, _dcast, admin), (LEADERS, _leaders, officer), (ONE_PLAN, _one_plan, admin)):
        if Course.objects.filter(title=title).exists():
            continue
        added["people"] += build(actor, today, rng)
        added["courses"] += 1
    return f"การฝึกอบรม: เพิ่ม {added['courses']} หลักสูตร ผู้เข้าอบรม {added['people']} คน"
