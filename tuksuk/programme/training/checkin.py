"""Taking attendance, three times a day, in the three ways a venue with weak signal allows:

1. The participant's card: their personal QR (printed on the name card, or the link opened on their phone). Anyone
   who opens it sees the card itself (name, course, participant code, the QR); an organiser of the course who opens
   it (any phone camera) gets a one-tap check-in for the current slot.
2. The slot QR: the organiser projects a signed QR for one slot; participants open it and type their participant
   code. The token expires and is bound to its slot and day.
3. The organiser's list: one row per participant, three toggles per day, on a phone.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user
from tuksuk.core import thai
from tuksuk.core.errors import user_message
from tuksuk.core.qr import qr_svg

from . import services, tokens
from .attendance import now_local, part_at
from .choices import CheckinMethod, SlotPart, SlotStatus
from .forms import CodeForm
from .models import Attendance, AttendanceSlot, Participant, TrainingSession


def slot_label(slot: AttendanceSlot) -> str:
    return f"{slot.get_part_display()} {thai.format_date(slot.day)}"


def card(request: HttpRequest, token: str) -> HttpResponse:
    """A participant's personal QR link: the card for anyone, a one-tap check-in for the course's organiser."""
    try:
        course_id, participant_id = tokens.read_card_token(token)
    except (signing.BadSignature, ValueError):
        return _refused(request, _("QR นี้ไม่ถูกต้องหรือถูกแก้ไข ไม่ใช่บัตรผู้เข้าอบรมที่ระบบออกให้"))
    participant = (
        Participant.objects.select_related("course", "district__parent")
        .filter(pk=participant_id, course_id=course_id)
        .first()
    )
    if participant is None:
        return _refused(request, _("ไม่พบผู้เข้าอบรมตาม QR นี้ อาจถูกลบออกจากหลักสูตรแล้ว"))
    if not request.user.is_authenticated or not services.can_organise(request.user, participant.course):
        return render(
            request,
            "training/card.html",
            {"participant": participant, "qr": qr_svg(request.build_absolute_uri(), scale=6)},
        )
    slots = list(services.todays_slots(participant.course))
    if request.method == "POST":
        try:
            slot_id = int(request.POST.get("slot", ""))
            slot, created = services.check_in_with_card(participant, slot_id, actor=request.user)
        except ValueError:
            messages.error(request, _("กรุณาเลือกช่วงลงเวลา"))
        except (services.CheckinRefused, ValidationError, PermissionDenied) as exc:
            messages.error(request, user_message(exc) if not isinstance(exc, services.CheckinRefused) else str(exc))
        else:
            text = _("บันทึก %(name)s เข้าร่วม%(slot)s แล้ว") if created else _("%(name)s ลงเวลา%(slot)s ไว้แล้ว")
            messages.success(request, text % {"name": participant.full_name, "slot": slot_label(slot)})
        return redirect(request.path)
    current = part_at(now_local().time())
    attended = set(Attendance.objects.filter(participant=participant).values_list("slot_id", flat=True))
    return render(
        request,
        "training/checkin_card.html",
        {
            "participant": participant,
            "slots": [(slot, slot.part == current, slot.pk in attended) for slot in slots],
        },
    )


def _refused(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "training/refused.html", {"message": message}, status=status)


def self_checkin(request: HttpRequest, token: str) -> HttpResponse:
    """The projected slot QR: a participant types their code and is checked in for that slot (no login)."""
    try:
        slot = services.slot_from_token(token)
    except services.CheckinRefused as exc:
        return _refused(request, str(exc))
    form = CodeForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            participant, slot, created = services.check_in_with_slot_token(token, form.cleaned_data["code"])
        except services.CheckinRefused as exc:
            form.add_error("code", str(exc))
        else:
            done = {"name": participant.full_name, "created": created}
            form = CodeForm()
    return render(
        request,
        "training/self_checkin.html",
        {"slot": slot, "course": slot.session.course, "form": form, "done": done, "label": slot_label(slot)},
    )


def get_session(user, pk: int) -> TrainingSession:  # type: ignore[no-untyped-def]
    return get_for_user(TrainingSession.objects.select_related("course__area", "province"), user, pk=pk)


def _day(session: TrainingSession, text: str | None) -> dt.date:
    """The day asked for, else today if the session runs today, else its first day."""
    days = session.days()
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        day = timezone.localdate()
    return day if day in days else (timezone.localdate() if timezone.localdate() in days else days[0])


def _rows(session: TrainingSession, user, day: dt.date, participants=None) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    slots = {slot.part: slot for slot in session.slots.filter(day=day)}
    parts = [(part, slots.get(part)) for part in SlotPart]
    people = (
        participants if participants is not None else Participant.objects.visible_to(user).filter(course=session.course)
    )
    people = list(people.select_related("district").order_by("full_name"))
    present = set(
        Attendance.objects.filter(slot__in=slots.values(), participant__in=people).values_list(
            "participant_id", "slot_id"
        )
    )
    rows = [
        (person, [(slot, slot is not None and (person.pk, slot.pk) in present) for _p, slot in parts])
        for person in people
    ]
    return parts, rows


@login_required
def attendance_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's list for one day of a session: one row per participant, three toggles."""
    session = get_session(request.user, pk)
    day = _day(session, request.GET.get("day"))
    parts, rows = _rows(session, request.user, day)
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "course": session.course,
            "day": day,
            "days": session.days(),
            "parts": parts,
            "rows": rows,
            "organiser": services.can_organise(request.user, session.course),
            "current": part_at(now_local().time()) if day == timezone.localdate() else None,
            "counts": {
                slot.pk: sum(1 for _p, cells in rows if any(s == slot and on for s, on in cells))
                for _part, slot in parts
                if slot
            },
        },
    )


@login_required
@require_POST
def attendance_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Switch one participant's presence in one slot (htmx swaps the row; without JavaScript the list reloads)."""
    session = get_session(request.user, pk)
    try:
        slot = session.slots.get(pk=int(request.POST.get("slot", "")))
        participant = get_for_user(
            Participant.objects.filter(course=session.course), request.user, pk=int(request.POST.get("participant", ""))
        )
    except (AttendanceSlot.DoesNotExist, ValueError):
        return _refused(request, _("ข้อมูลไม่ถูกต้อง กรุณาโหลดหน้ารายชื่อใหม่"))
    present = request.POST.get("present") == "1"
    try:
        if present:
            services.record_attendance(participant, slot, actor=request.user, method=CheckinMethod.LIST)
        else:
            services.unmark_attendance(participant, slot, actor=request.user)
    except services.CheckinRefused as exc:
        messages.error(request, str(exc))
    except PermissionDenied:
        raise
    if getattr(request, "htmx", False):
        _parts, rows = _rows(session, request.user, slot.day, Participant.objects.filter(pk=participant.pk))
        return render(request, "training/_attendance_row.html", {"row": rows[0], "session": session, "organiser": True})
    return redirect(f"{reverse('training:attendance', kwargs={'pk': session.pk})}?day={slot.day.isoformat()}")


@login_required
@require_POST
def slot_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a slot held (even if nobody came yet), cancelled, or back to planned."""
    slot = get_for_user(AttendanceSlot.objects.select_related("session__course"), request.user, pk=pk)
    try:
        if services.set_slot_status(slot, request.POST.get("status", ""), actor=request.user):
            messages.success(
                request,
                _("เปลี่ยนสถานะ%(slot)s เป็น “%(status)s” แล้ว")
                % {"slot": slot_label(slot), "status": slot.get_status_display()},
            )
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    return redirect(f"{reverse('training:attendance', kwargs={'pk': slot.session_id})}?day={slot.day.isoformat()}")


@login_required
def slot_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR an organiser projects for one slot; it renews itself before the token expires."""
    slot = get_for_user(AttendanceSlot.objects.select_related("session__course"), request.user, pk=pk)
    if not services.can_organise(request.user, slot.session.course):
        raise PermissionDenied
    if slot.status == SlotStatus.CANCELLED:
        return _refused(request, _("ช่วงลงเวลานี้ถูกยกเลิกแล้ว"))
    url = request.build_absolute_uri(reverse("training:self-checkin", kwargs={"token": tokens.slot_token(slot)}))
    return render(
        request,
        "training/slot_qr.html",
        {
            "slot": slot,
            "course": slot.session.course,
            "label": slot_label(slot),
            "url": url,
            "qr": qr_svg(url, scale=8),
            "is_today": slot.day == timezone.localdate(),
            "refresh_seconds": 30 * 60,
        },
    )
