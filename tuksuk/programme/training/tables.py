"""Training tables: participants by partner network (percentages that add up to 100), attendance rates per session
and per district, and certificates issued per course. Each builder takes the participants a reader may see
(``Participant.objects.visible_to``), so every figure is scoped; each returns a ``reports.tables.Table`` for the page
and the CSV/XLSX exports."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.projects.choices import PartnerNetwork
from tuksuk.reports.tables import Table, percentages

from .attendance import summaries
from .choices import SlotStatus
from .models import Attendance, Certificate, Course, TrainingSession

TABLES = ("by-network", "by-session", "by-district", "certificates")


def _rate(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _table(name: str, title: str, columns: list[str], **labels: str) -> Table:
    return Table(f"training-{name}", title, columns, as_of=timezone.now(), labels=labels)


def by_network(participants: QuerySet) -> Table:
    """Participants per partner network (all 7, zero rows included) with their share in percent, and the total."""
    counts = dict(participants.values_list("network").annotate(n=Count("pk")).order_by())
    table = _table(
        "by-network",
        _("ผู้เข้าอบรมจำแนกตามภาคีเครือข่าย"),
        ["code", "name_th", "participants", "percent"],
        code=_("รหัส"),
        name_th=_("ภาคีเครือข่าย"),
        participants=_("ผู้เข้าอบรม (คน)"),
        percent=_("ร้อยละ"),
    )
    found = [counts.get(value, 0) for value in PartnerNetwork.values]
    for (value, label), count, percent in zip(PartnerNetwork.choices, found, percentages(found), strict=True):
        table.rows.append([value, str(label), count, percent])
    table.rows.append(["total", _("รวม"), sum(found), Decimal("100.0") if sum(found) else Decimal("0.0")])
    return table


def by_session(participants: QuerySet) -> Table:
    """Per session: slots held, check-ins of the readable participants, and the rate against what was possible."""
    people = participants.values("pk")
    enrolled = dict(participants.values_list("course").annotate(n=Count("pk")).order_by())
    sessions = (
        TrainingSession.objects.filter(course__in=participants.values("course"))
        .select_related("course")
        .annotate(held=Count("slots", filter=Q(slots__status=SlotStatus.HELD), distinct=True))
        .order_by("starts_on", "id")
    )
    present = dict(
        Attendance.objects.filter(participant__in=people, slot__status=SlotStatus.HELD)
        .values_list("slot__session")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = _table(
        "by-session",
        _("อัตราการเข้าร่วมรายรุ่น"),
        ["course", "session", "starts_on", "ends_on", "participants", "slots_held", "checkins", "percent"],
        course=_("หลักสูตร"),
        session=_("รุ่น"),
        starts_on=_("วันเริ่ม"),
        ends_on=_("วันสิ้นสุด"),
        participants=_("ผู้เข้าอบรม (คน)"),
        slots_held=_("ช่วงที่จัดแล้ว"),
        checkins=_("ลงเวลา (ครั้ง)"),
        percent=_("ร้อยละการเข้าร่วม"),
    )
    for session in sessions:
        people_n = enrolled.get(session.course_id, 0)
        checkins = present.get(session.pk, 0)
        table.rows.append(
            [
                session.course.title,
                session.title,
                session.starts_on.isoformat(),
                session.ends_on.isoformat(),
                people_n,
                session.held,
                checkins,
                _rate(checkins, session.held * people_n),
            ]
        )
    return table


def by_district(participants: QuerySet) -> Table:
    """Per district: participants, their average attendance rate and how many earned a certificate."""
    found = summaries(participants)
    districts = dict(participants.values_list("pk", "district__code"))
    names = dict(participants.values_list("district__code", "district__name_th").distinct())
    totals: dict[str, list[int]] = {}
    for pk, summary in found.items():
        row = totals.setdefault(districts[pk], [0, 0, 0, 0])
        row[0] += 1
        row[1] += summary.attended
        row[2] += summary.held
        row[3] += int(summary.eligible)
    table = _table(
        "by-district",
        _("อัตราการเข้าร่วมรายอำเภอ"),
        ["code", "name_th", "participants", "percent", "eligible"],
        code=_("รหัส"),
        name_th=_("อำเภอ"),
        participants=_("ผู้เข้าอบรม (คน)"),
        percent=_("ร้อยละการเข้าร่วม"),
        eligible=_("ผ่านเกณฑ์ (คน)"),
    )
    for code in sorted(totals):
        people, attended, held, eligible = totals[code]
        table.rows.append([code, names.get(code, ""), people, _rate(attended, held), eligible])
    return table


def certificates(participants: QuerySet) -> Table:
    """Per course: participants, how many earned a certificate, how many were issued."""
    found = summaries(participants)
    by_course: dict[int, list[int]] = {}
    for pk, course in participants.values_list("pk", "course"):
        row = by_course.setdefault(course, [0, 0, 0])
        row[0] += 1
        row[1] += int(found[pk].eligible)
    for course, n in (
        Certificate.objects.filter(participant__in=participants.values("pk"))
        .values_list("participant__course")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_course[course][2] = n
    titles = dict(Course.objects.filter(pk__in=by_course).values_list("pk", "title"))
    table = _table(
        "certificates",
        _("เกียรติบัตรที่ออกให้"),
        ["course", "participants", "eligible", "issued"],
        course=_("หลักสูตร"),
        participants=_("ผู้เข้าอบรม (คน)"),
        eligible=_("ผ่านเกณฑ์ (คน)"),
        issued=_("ออกเกียรติบัตรแล้ว (ฉบับ)"),
    )
    for course in sorted(by_course):
        table.rows.append([titles[course], *by_course[course]])
    return table


BUILDERS = {
    "by-network": by_network,
    "by-session": by_session,
    "by-district": by_district,
    "certificates": certificates,
}
