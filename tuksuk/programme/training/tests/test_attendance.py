"""The 80 % rule at its edge, which slots count, and which part of the day a check-in belongs to."""

import datetime as dt
from decimal import Decimal

import pytest

from tuksuk.programme.training import services
from tuksuk.programme.training.attendance import Summary, part_at, parts_between, summary_of
from tuksuk.programme.training.choices import SlotPart

from .helpers import course_with_people


@pytest.mark.parametrize(
    ("held", "attended", "reason", "eligible"),
    [
        (10000, 7999, False, False),  # 79.99 %: no
        (10000, 8000, False, True),  # 80 %: yes
        (5, 4, False, True),  # 80 %: yes
        (10, 8, False, True),
        (3, 2, False, False),  # 66.67 %
        (10000, 7999, True, True),  # an accepted reason: yes
        (10, 0, True, True),
        (0, 0, False, False),  # nothing held yet: nothing to certify
        (0, 0, True, False),
    ],
)
def test_eighty_percent_rule_at_the_edge(held, attended, reason, eligible):
    assert Summary(held, attended, reason).eligible is eligible


def test_percent_is_shown_with_two_decimals_and_never_rounds_a_fail_into_a_pass():
    almost = Summary(10000, 7999)
    assert almost.percent == Decimal("79.99")
    assert not almost.meets_pass_mark
    assert Summary(3, 2).percent == Decimal("66.67")
    assert Summary(0, 0).percent is None


@pytest.mark.parametrize(
    ("moment", "part"),
    [
        (dt.time(7, 55), SlotPart.MORNING),
        (dt.time(11, 0), SlotPart.MIDDAY),
        (dt.time(13, 59), SlotPart.MIDDAY),
        (dt.time(14, 0), SlotPart.EVENING),
        (dt.time(20, 0), SlotPart.EVENING),
    ],
)
def test_a_moment_belongs_to_one_part_of_the_day(moment, part):
    assert part_at(moment) == part


def test_daily_hours_decide_the_slots_of_a_day():
    assert parts_between(dt.time(8, 30), dt.time(16, 30)) == [1, 2, 3]
    assert parts_between(dt.time(13, 0), dt.time(16, 30)) == [2, 3]
    assert parts_between(dt.time(8, 30), dt.time(11, 0)) == [1]


@pytest.mark.django_db
def test_rate_counts_only_held_slots_and_an_accepted_reason_qualifies():
    _course, session, (person,), organiser = course_with_people(days=2)  # 6 slots
    slots = list(session.slots.order_by("day", "part"))
    for slot in slots[:4]:
        services.record_attendance(person, slot, actor=organiser, method="list")
    services.set_slot_status(slots[4], "held", actor=organiser)  # held, missed
    assert summary_of(person) == Summary(5, 4, False)  # 80 %: passes
    services.set_slot_status(slots[5], "held", actor=organiser)
    assert not summary_of(person).eligible  # 4 of 6
    services.set_slot_status(slots[5], "cancelled", actor=organiser)  # a cancelled slot counts for nobody
    assert summary_of(person).eligible
    services.set_slot_status(slots[5], "held", actor=organiser)
    reason = services.submit_reason(person, actor=organiser, text="ป่วย มีใบรับรองแพทย์")
    assert not summary_of(person).eligible  # a pending reason is not enough
    services.decide_reason(reason, actor=organiser, accept=True)
    assert summary_of(person).eligible


@pytest.mark.django_db
def test_a_rejected_reason_does_not_qualify():
    course, session, (person,), organiser = course_with_people()
    services.set_slot_status(session.slots.first(), "held", actor=organiser)
    reason = services.submit_reason(person, actor=organiser, text="ติดธุระ")
    services.decide_reason(reason, actor=organiser, accept=False, note="ไม่มีหลักฐาน")
    assert not summary_of(person).eligible
    assert course.events.filter(kind="reason_rejected", participant=person).exists()
