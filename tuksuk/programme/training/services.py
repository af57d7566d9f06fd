"""Every change to courses, sessions, participants, attendance, reasons and certificates goes through here, and each
writes a TrainingEvent. Pages, API, demo and tests call these functions.

Who may do what: the organisers of a course (the ministry for a national course, the province's officers for a
province's course; never a read-only role) schedule sessions, enrol participants, take attendance, decide reasons
and issue certificates. The users of a participant's district may also submit a reason for the participant's
absence. A participant checks in alone only with a fresh slot token and their own participant code.
"""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import require_write, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.core import thai
from tuksuk.projects.choices import PartnerNetwork

from . import tokens
from .attendance import parts_between, summaries
from .choices import CheckinMethod, ReasonStatus, SlotStatus, TrainingEventKind
from .models import (
    AbsenceReason,
    Attendance,
    AttendanceSlot,
    Certificate,
    Course,
    Participant,
    TrainingEvent,
    TrainingSession,
)
from .scheduling import friday_afternoons

MAX_SESSION_DAYS = 31


class FridayAfternoonWarning(ValidationError):
    """The session runs on a Friday afternoon in a southern border province: the organiser must acknowledge it."""

    def __init__(self, days: list[dt.date]) -> None:
        self.days = days
        super().__init__(
            _(
                "รุ่นนี้มีการอบรมช่วงบ่ายวันศุกร์ (%(days)s) ในจังหวัดชายแดนภาคใต้ ซึ่งตรงกับเวลาละหมาดวันศุกร์ "
                "ของผู้เข้าอบรมที่นับถือศาสนาอิสลาม ควรเลื่อนหรือเลิกก่อน 12:00 น. "
                "หากจำเป็นต้องจัด กรุณายืนยันว่ารับทราบแล้ว"
            )
            % {"days": ", ".join(thai.format_date(d) for d in days)}
        )


class CheckinRefused(Exception):
    """A check-in that cannot be recorded; ``str(exc)`` is the message for the user."""


def _event(course: Course, kind: str, actor, *, participant: Participant | None = None, note: str = "", **data) -> None:  # type: ignore[no-untyped-def]
    TrainingEvent.objects.create(
        course=course, participant=participant, kind=kind, actor=actor, note=note, data=_plain(data)
    )


def _plain(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date | dt.time) else v) for k, v in data.items()}


# --- who may do what --------------------------------------------------------------------------------------------


def can_organise(user, course: Course) -> bool:  # type: ignore[no-untyped-def]
    """The ministry organises national courses; a province's officers (and the ministry) organise its courses."""
    scope = scope_for(user)
    if course.area_id is None:
        return scope.everything and scope.can_write
    return scope.can_write_in(course.area_id)


def require_organiser(user, course: Course) -> None:  # type: ignore[no-untyped-def]
    if not can_organise(user, course):
        raise PermissionDenied(_("เฉพาะผู้จัดหลักสูตรนี้เท่านั้นที่ทำรายการนี้ได้"))


def organiser_provinces(user):  # type: ignore[no-untyped-def]
    """The provinces in which the user may organise a course."""
    return Area.objects.writable_by(user).filter(level=AreaLevel.PROVINCE).order_by("code")


def can_create_course(user) -> bool:  # type: ignore[no-untyped-def]
    scope = scope_for(user)
    return scope.can_write and (scope.everything or organiser_provinces(user).exists())


# --- courses, sessions, participants ----------------------------------------------------------------------------


@transaction.atomic
def create_course(*, actor, title: str, area_code: str | None = None, **fields) -> Course:  # type: ignore[no-untyped-def]
    """A course of the ministry (``area_code`` None) or of a province."""
    scope = scope_for(actor)
    area = None
    if area_code:
        area = Area.objects.filter(code=area_code, level=AreaLevel.PROVINCE).first()
        if area is None:
            raise ValidationError({"area": _("ไม่พบจังหวัดรหัส %(code)s") % {"code": area_code}})
        require_write(actor, area.code)
    elif not (scope.everything and scope.can_write):
        raise PermissionDenied(_("เฉพาะส่วนกลางเท่านั้นที่จัดหลักสูตรระดับประเทศได้"))
    course = Course(title=title, area=area, created_by=actor, **fields)
    course.full_clean(exclude=["area"])
    course.save()
    _event(course, TrainingEventKind.COURSE_CREATED, actor, title=title)
    return course


@transaction.atomic
def schedule_session(
    course: Course,
    *,
    actor,  # type: ignore[no-untyped-def]
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    province_code: str,
    place: str,
    start_time: dt.time = dt.time(8, 30),
    end_time: dt.time = dt.time(16, 30),
    acknowledge_friday: bool = False,
) -> TrainingSession:
    """Schedule a session and its attendance slots (up to three a day, by its daily hours). A Friday afternoon in a
    southern border province raises ``FridayAfternoonWarning`` unless ``acknowledge_friday``."""
    require_organiser(actor, course)
    province = Area.objects.filter(code=province_code, level=AreaLevel.PROVINCE).first()
    if province is None:
        raise ValidationError({"province": _("ไม่พบจังหวัดรหัส %(code)s") % {"code": province_code}})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")})
    if (ends_on - starts_on).days + 1 > MAX_SESSION_DAYS:
        raise ValidationError({"ends_on": _("รุ่นหนึ่งจัดได้ไม่เกิน %(n)d วัน") % {"n": MAX_SESSION_DAYS}})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("เวลาเลิกต้องหลังเวลาเริ่ม")})
    fridays = friday_afternoons(province.code, starts_on, ends_on, end_time)
    if fridays and not acknowledge_friday:
        raise FridayAfternoonWarning(fridays)
    session = TrainingSession(
        course=course,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        start_time=start_time,
        end_time=end_time,
        province=province,
        place=place,
        friday_acknowledged_by=actor if fridays else None,
    )
    session.full_clean(exclude=["course", "province"])
    session.save()
    parts = parts_between(start_time, end_time)
    AttendanceSlot.objects.bulk_create(
        AttendanceSlot(session=session, day=day, part=part) for day in session.days() for part in parts
    )
    _event(
        course,
        TrainingEventKind.SESSION_SCHEDULED,
        actor,
        session=session.pk,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        province=province.code,
        friday_afternoons_acknowledged=[d.isoformat() for d in fridays],
    )
    return session


def _new_participant_code() -> str:
    while True:
        code = tokens.random_code(6)
        if not Participant.objects.filter(code=code).exists():
            return code


@transaction.atomic
def add_participant(
    course: Course,
    *,
    actor,  # type: ignore[no-untyped-def]
    full_name: str,
    district_code: str,
    network: str,
    position: str = "",
    organisation: str = "",
    phone: str = "",
) -> Participant:
    require_organiser(actor, course)
    district = Area.objects.filter(code=district_code, level=AreaLevel.DISTRICT).first()
    if district is None:
        raise ValidationError({"district": _("ไม่พบอำเภอรหัส %(code)s") % {"code": district_code}})
    if network not in PartnerNetwork.values:
        raise ValidationError({"network": _("ไม่รู้จักภาคีเครือข่าย: %(name)s") % {"name": network}})
    participant = Participant(
        course=course,
        full_name=" ".join(full_name.split()),
        district=district,
        network=network,
        position=position,
        organisation=organisation,
        phone="".join(ch for ch in phone if ch.isdigit() or ch == "+"),
        code=_new_participant_code(),
        created_by=actor,
    )
    participant.full_clean()
    participant.save()
    _event(course, TrainingEventKind.PARTICIPANT_ADDED, actor, participant=participant, district=district.code)
    return participant


# --- attendance -----------------------------------------------------------------------------------------------


def _check_slot(participant: Participant, slot: AttendanceSlot) -> None:
    if slot.session.course_id != participant.course_id:
        raise CheckinRefused(_("ช่วงลงเวลานี้ไม่ใช่ของหลักสูตรที่ผู้เข้าอบรมลงทะเบียนไว้"))
    if slot.status == SlotStatus.CANCELLED:
        raise CheckinRefused(_("ช่วงลงเวลานี้ถูกยกเลิกแล้ว"))


@transaction.atomic
def record_attendance(participant: Participant, slot: AttendanceSlot, *, actor, method: str) -> tuple[Attendance, bool]:  # type: ignore[no-untyped-def]
    """Record that ``participant`` was there in ``slot``; returns ``(attendance, created)``. Recording it twice is
    harmless: the first record stays. The slot counts as held from its first check-in. ``actor`` is None for a
    participant's own check-in (checked by ``check_in_with_slot_token``)."""
    if actor is not None:
        require_organiser(actor, participant.course)
    _check_slot(participant, slot)
    existing = Attendance.objects.filter(participant=participant, slot=slot).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(participant=participant, slot=slot, method=method, recorded_by=actor)
    except IntegrityError:  # the same check-in arrived twice at once
        return Attendance.objects.get(participant=participant, slot=slot), False
    if slot.status == SlotStatus.PLANNED:
        slot.status = SlotStatus.HELD
        slot.save(update_fields=["status"])
    _event(
        participant.course,
        TrainingEventKind.ATTENDANCE_MARKED,
        actor,
        participant=participant,
        slot=slot.pk,
        day=slot.day,
        part=slot.part,
        method=method,
    )
    return attendance, True


@transaction.atomic
def unmark_attendance(participant: Participant, slot: AttendanceSlot, *, actor) -> bool:  # type: ignore[no-untyped-def]
    """Take back a check-in recorded by mistake (organisers only); returns whether there was one."""
    require_organiser(actor, participant.course)
    deleted, _rows = Attendance.objects.filter(participant=participant, slot=slot).delete()
    if deleted:
        _event(
            participant.course,
            TrainingEventKind.ATTENDANCE_UNMARKED,
            actor,
            participant=participant,
            slot=slot.pk,
            day=slot.day,
            part=slot.part,
        )
    return bool(deleted)


@transaction.atomic
def set_slot_status(slot: AttendanceSlot, status: str, *, actor) -> bool:  # type: ignore[no-untyped-def]
    """Mark a slot held (even if nobody came) or cancelled (it then counts for nobody). Returns whether it changed."""
    course = slot.session.course
    require_organiser(actor, course)
    if status not in SlotStatus.values:
        raise ValidationError({"status": _("สถานะไม่ถูกต้อง")})
    if slot.status == status:
        return False
    before = slot.status
    slot.status = status
    slot.save(update_fields=["status"])
    _event(
        course,
        TrainingEventKind.SLOT_STATUS,
        actor,
        slot=slot.pk,
        day=slot.day,
        part=slot.part,
        before=before,
        after=status,
    )
    return True


def todays_slots(course: Course, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    today = today or timezone.localdate()
    return (
        AttendanceSlot.objects.filter(session__course=course, day=today)
        .exclude(status=SlotStatus.CANCELLED)
        .select_related("session")
        .order_by("session", "part")
    )


def participant_from_card(token: str, user) -> Participant:  # type: ignore[no-untyped-def]
    """The participant of a genuine card token, for an organiser of their course. Raises ``CheckinRefused``."""
    try:
        course_id, participant_id = tokens.read_card_token(token)
    except (signing.BadSignature, ValueError):
        raise CheckinRefused(_("QR นี้ไม่ถูกต้องหรือถูกแก้ไข ไม่ใช่บัตรผู้เข้าอบรมที่ระบบออกให้")) from None
    participant = (
        Participant.objects.visible_to(user)
        .select_related("course__area", "district__parent")
        .filter(pk=participant_id, course_id=course_id)
        .first()
    )
    if participant is None or not can_organise(user, participant.course):
        raise CheckinRefused(_("บัตรนี้เป็นของหลักสูตรที่คุณไม่ได้เป็นผู้จัด จึงบันทึกการเข้าร่วมไม่ได้"))
    return participant


def check_in_with_card(participant: Participant, slot_id: int, *, actor) -> tuple[AttendanceSlot, bool]:  # type: ignore[no-untyped-def]
    """The organiser scanned a participant's card: record one of today's slots of the participant's course."""
    slot = todays_slots(participant.course).filter(pk=slot_id).first()
    if slot is None:
        raise CheckinRefused(_("ช่วงลงเวลานี้ไม่ใช่ของวันนี้ หรือไม่ใช่ของหลักสูตรนี้"))
    _attendance, created = record_attendance(participant, slot, actor=actor, method=CheckinMethod.CARD_QR)
    return slot, created


def slot_from_token(token: str) -> AttendanceSlot:
    """The slot of a genuine, fresh slot token that is open today. Raises ``CheckinRefused``."""
    try:
        slot_id = tokens.read_slot_token(token)
    except signing.SignatureExpired:
        raise CheckinRefused(_("QR นี้หมดอายุแล้ว กรุณาสแกน QR ของช่วงเวลาปัจจุบันที่ผู้จัดแสดงไว้")) from None
    except (signing.BadSignature, ValueError):
        raise CheckinRefused(_("QR นี้ไม่ถูกต้องหรือถูกแก้ไข กรุณาสแกน QR ที่ผู้จัดแสดงไว้อีกครั้ง")) from None
    slot = AttendanceSlot.objects.select_related("session__course").filter(pk=slot_id).first()
    if slot is None or slot.status == SlotStatus.CANCELLED:
        raise CheckinRefused(_("ช่วงลงเวลานี้ถูกยกเลิกแล้ว"))
    if slot.day != timezone.localdate():
        raise CheckinRefused(_("QR นี้เป็นของวันอื่น กรุณาสแกน QR ของวันนี้ที่ผู้จัดแสดงไว้"))
    return slot


def check_in_with_slot_token(token: str, code: str) -> tuple[Participant, AttendanceSlot, bool]:
    """A participant checks in alone: the projected slot QR and their participant code."""
    slot = slot_from_token(token)
    participant = (
        Participant.objects.select_related("course")
        .filter(code=tokens.normalise_code(code), course=slot.session.course)
        .first()
    )
    if participant is None:
        raise CheckinRefused(_("ไม่พบรหัสผู้เข้าอบรมนี้ในหลักสูตรนี้ กรุณาตรวจสอบรหัสบนบัตรของท่าน"))
    _attendance, created = record_attendance(participant, slot, actor=None, method=CheckinMethod.SLOT_QR)
    return participant, slot, created


# --- reasons and certificates ---------------------------------------------------------------------------------


@transaction.atomic
def submit_reason(participant: Participant, *, actor, text: str) -> AbsenceReason:  # type: ignore[no-untyped-def]
    """A reason for absence, from the course's organisers or the participant's district."""
    if not (can_organise(actor, participant.course) or scope_for(actor).can_write_in(participant.district_id)):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์บันทึกข้อมูลในพื้นที่นี้"))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("กรุณาระบุเหตุผลการขาด")})
    reason = AbsenceReason(participant=participant, text=text[:2000], submitted_by=actor)
    reason.full_clean(exclude=["participant"])
    reason.save()
    _event(participant.course, TrainingEventKind.REASON_SUBMITTED, actor, participant=participant, reason=reason.pk)
    return reason


@transaction.atomic
def decide_reason(reason: AbsenceReason, *, actor, accept: bool, note: str = "") -> AbsenceReason:  # type: ignore[no-untyped-def]
    participant = reason.participant
    require_organiser(actor, participant.course)
    if reason.status != ReasonStatus.PENDING:
        raise ValidationError(_("เหตุผลนี้ได้รับการพิจารณาแล้ว"))
    reason.status = ReasonStatus.ACCEPTED if accept else ReasonStatus.REJECTED
    reason.decision_note = note.strip()[:300]
    reason.decided_by, reason.decided_at = actor, timezone.now()
    reason.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    kind = TrainingEventKind.REASON_ACCEPTED if accept else TrainingEventKind.REASON_REJECTED
    _event(participant.course, kind, actor, participant=participant, reason=reason.pk, note=reason.decision_note)
    return reason


def _new_certificate_code() -> str:
    while True:
        code = tokens.certificate_code()
        if not Certificate.objects.filter(code=code).exists():
            return code


@transaction.atomic
def issue_certificates(course: Course, *, actor, on: dt.date | None = None) -> list[Certificate]:  # type: ignore[no-untyped-def]
    """Issue a certificate to every participant who earned one and has none yet; returns the new certificates."""
    require_organiser(actor, course)
    on = on or timezone.localdate()
    participants = course.participants.filter(certificate__isnull=True)
    issued = []
    for pk, summary in summaries(participants).items():
        if not summary.eligible:
            continue
        participant = Participant.objects.get(pk=pk)
        certificate = Certificate.objects.create(
            participant=participant,
            kind=course.certificate_kind,
            code=_new_certificate_code(),
            issued_on=on,
            attendance_percent=summary.percent,
            issued_by=actor,
        )
        _event(course, TrainingEventKind.CERTIFICATE_ISSUED, actor, participant=participant, code=certificate.code)
        issued.append(certificate)
    return issued
