"""Attendance arithmetic: which slot a moment belongs to, a participant's rate and whether they earn a certificate.

The rule (from the programme's training): a participant attending fewer than 80 % of the slots held, without an
accepted reason, gets no certificate; exactly 80 % qualifies. Rates are compared in whole numbers
(``attended * 5 >= held * 4``), never in floating point, so 79.99 % can never round up to a pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .choices import PART_WINDOWS, PASS_DENOMINATOR, PASS_NUMERATOR, ReasonStatus, SlotPart, SlotStatus


def part_at(moment: dt.time) -> SlotPart:
    """The slot part a local time of day belongs to."""
    for part, (start, end) in PART_WINDOWS.items():
        if start <= moment < end:
            return part
    return SlotPart.EVENING


def parts_between(start: dt.time, end: dt.time) -> list[SlotPart]:
    """The parts of the day that daily hours ``[start, end)`` overlap: a session day gets a slot for each."""
    return [part for part, (p_start, p_end) in PART_WINDOWS.items() if start < p_end and end > p_start]


def now_local() -> dt.datetime:
    return timezone.localtime(timezone.now())


@dataclass(frozen=True)
class Summary:
    """A participant's attendance: slots held in their course, slots they attended, an accepted reason or not."""

    held: int
    attended: int
    accepted_reason: bool = False

    @property
    def percent(self) -> Decimal | None:
        """The rate in percent with two decimals (rounded half up, for display only); None when nothing was held."""
        if not self.held:
            return None
        return (Decimal(100 * self.attended) / Decimal(self.held)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def meets_pass_mark(self) -> bool:
        return self.held > 0 and self.attended * PASS_DENOMINATOR >= self.held * PASS_NUMERATOR

    @property
    def eligible(self) -> bool:
        """Earns a certificate: at least 80 % of the slots held, or an accepted reason for the absences."""
        return self.held > 0 and (self.meets_pass_mark or self.accepted_reason)


def held_slots(course) -> int:  # type: ignore[no-untyped-def]
    from .models import AttendanceSlot

    return AttendanceSlot.objects.filter(session__course=course, status=SlotStatus.HELD).count()


def with_summary(participants):  # type: ignore[no-untyped-def]
    """Annotate participants with ``attended`` (held slots only) and ``accepted_reason``."""
    from .models import AbsenceReason

    accepted = AbsenceReason.objects.filter(participant=OuterRef("pk"), status=ReasonStatus.ACCEPTED)
    return participants.annotate(
        attended=Count("attendances", filter=Q(attendances__slot__status=SlotStatus.HELD), distinct=True),
        accepted_reason=Exists(accepted),
    )


def summaries(participants) -> dict[int, Summary]:  # type: ignore[no-untyped-def]
    """``{participant id: Summary}`` for participants (of one or several courses), in three queries."""
    from .models import AttendanceSlot

    rows = list(with_summary(participants).values_list("pk", "course_id", "attended", "accepted_reason"))
    courses = {course for _pk, course, _a, _r in rows}
    held = dict(
        AttendanceSlot.objects.filter(session__course__in=courses, status=SlotStatus.HELD)
        .values_list("session__course")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {pk: Summary(held.get(course, 0), attended, bool(reason)) for pk, course, attended, reason in rows}


def summary_of(participant) -> Summary:  # type: ignore[no-untyped-def]
    from .models import Participant

    return summaries(Participant.objects.filter(pk=participant.pk))[participant.pk]
