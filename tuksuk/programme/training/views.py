"""Course pages: the course list, creating a course, the course page with its sessions and participants, scheduling
a session (with the Friday-afternoon warning), enrolling participants, the participant page with reasons for
absence, and the printable name cards with each participant's QR."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.core.errors import user_message
from tuksuk.core.qr import qr_svg
from tuksuk.core.views import ScopedListView

from . import services, tokens
from .attendance import Summary, held_slots, summaries, with_summary
from .choices import ReasonStatus, SlotStatus
from .forms import CourseForm, DecisionForm, ParticipantForm, ReasonForm, SessionForm
from .models import AbsenceReason, AttendanceSlot, Certificate, Course, Participant, TrainingSession


def get_course(user, pk: int) -> Course:  # type: ignore[no-untyped-def]
    return get_for_user(Course.objects.select_related("area"), user, pk=pk)


def get_participant(user, pk: int) -> Participant:  # type: ignore[no-untyped-def]
    return get_for_user(Participant.objects.select_related("course__area", "district__parent"), user, pk=pk)


def form_errors(form) -> str:  # type: ignore[no-untyped-def]
    return " ".join(
        f"{form.fields[name].label}: {error}" if name in form.fields and form.fields[name].label else str(error)
        for name, errors in form.errors.items()
        for error in errors
    )


def card_url(request: HttpRequest, participant: Participant) -> str:
    return request.build_absolute_uri(reverse("training:card", kwargs={"token": tokens.card_token(participant)}))


class CourseListView(ScopedListView):
    model = Course
    template_name = "training/index.html"
    paginate_by = 30

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return Course.objects.select_related("area").order_by("-created_at", "-id")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        page = [course.pk for course in context["object_list"]]
        # Counted from the participants the user may see (a district sees its own people only).
        counts = dict(
            Participant.objects.visible_to(self.request.user)
            .filter(course__in=page)
            .values_list("course")
            .annotate(n=Count("pk"))
            .order_by()
        )
        sessions = {
            course: (first, last)
            for course, first, last in TrainingSession.objects.filter(course__in=page)
            .values("course")
            .annotate(first=Min("starts_on"), last=Max("ends_on"))
            .values_list("course", "first", "last")
        }
        for course in context["object_list"]:
            course.n_participants = counts.get(course.pk, 0)
            course.first_day, course.last_day = sessions.get(course.pk, (None, None))
        context["can_create"] = services.can_create_course(self.request.user)
        return context


@login_required
def course_new(request: HttpRequest) -> HttpResponse:
    if not services.can_create_course(request.user):
        raise PermissionDenied
    scope = scope_for(request.user)
    provinces = services.organiser_provinces(request.user)
    form = CourseForm(request.POST or None, provinces=provinces, national=scope.everything)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = services.create_course(
                actor=request.user,
                title=data["title"],
                area_code=data["area"].code if data["area"] else None,
                kind=data["kind"],
                certificate_kind=data["certificate_kind"],
                description=data["description"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("สร้างหลักสูตรแล้ว กำหนดรุ่นการอบรมและเพิ่มผู้เข้าอบรมได้เลย"))
            return redirect("training:course", pk=course.pk)
    return render(request, "training/course_form.html", {"form": form})


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course(request.user, pk)
    organiser = services.can_organise(request.user, course)
    participants = list(
        with_summary(Participant.objects.visible_to(request.user).filter(course=course))
        .select_related("district__parent", "certificate")
        .order_by("district__code", "full_name")
    )
    held = held_slots(course)
    for person in participants:
        person.summary = Summary(held, person.attended, person.accepted_reason)
    sessions = course.sessions.select_related("province").annotate(
        n_slots=Count("slots"), n_held=Count("slots", filter=Q(slots__status=SlotStatus.HELD))
    )
    pending = (
        AbsenceReason.objects.visible_to(request.user)
        .filter(participant__course=course, status=ReasonStatus.PENDING)
        .select_related("participant", "submitted_by")
    )
    return render(
        request,
        "training/course.html",
        {
            "course": course,
            "organiser": organiser,
            "participants": participants,
            "sessions": sessions,
            "held": held,
            "eligible": sum(1 for p in participants if p.summary.eligible),
            "issued": sum(1 for p in participants if hasattr(p, "certificate")),
            "pending": pending,
            "events": course.events.select_related("actor", "participant").order_by("-at", "-id")[:30]
            if organiser
            else [],
        },
    )


@login_required
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course(request.user, pk)
    if not services.can_organise(request.user, course):
        raise PermissionDenied
    initial = {"province": course.area_id} if course.area_id else {}
    form = SessionForm(request.POST or None, initial=initial)
    warning = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.schedule_session(
                course,
                actor=request.user,
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                province_code=data["province"].code,
                place=data["place"],
                acknowledge_friday=data["acknowledge_friday"],
            )
        except services.FridayAfternoonWarning as exc:
            warning = exc.messages[0]
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(
                request,
                _("กำหนดรุ่นการอบรมแล้ว มีช่วงลงเวลา %(n)d ช่วง") % {"n": session.slots.count()},
            )
            return redirect("training:course", pk=course.pk)
    return render(request, "training/session_form.html", {"form": form, "course": course, "warning": warning})


def _districts_for(course: Course):  # type: ignore[no-untyped-def]
    districts = Area.objects.filter(level=AreaLevel.DISTRICT).select_related("parent").order_by("code")
    return districts.filter(code__startswith=course.area_id) if course.area_id else districts


@login_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course(request.user, pk)
    if not services.can_organise(request.user, course):
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, districts=_districts_for(course))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.add_participant(
                course,
                actor=request.user,
                full_name=data["full_name"],
                district_code=data["district"].code,
                network=data["network"],
                position=data["position"],
                organisation=data["organisation"],
                phone=data["phone"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(
                request,
                _("เพิ่ม %(name)s แล้ว (รหัสผู้เข้าอบรม %(code)s)")
                % {"name": participant.full_name, "code": participant.code},
            )
            if request.POST.get("again"):
                return redirect("training:participant-add", pk=course.pk)
            return redirect("training:course", pk=course.pk)
    return render(request, "training/participant_form.html", {"form": form, "course": course})


@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant(request.user, pk)
    course = participant.course
    organiser = services.can_organise(request.user, course)
    summary = summaries(Participant.objects.filter(pk=participant.pk))[participant.pk]
    attended = set(participant.attendances.values_list("slot_id", flat=True))
    slots = AttendanceSlot.objects.filter(session__course=course).select_related("session")
    days: dict = {}
    for slot in slots:
        days.setdefault((slot.session, slot.day), []).append((slot, slot.pk in attended))
    can_explain = organiser or scope_for(request.user).can_write_in(participant.district_id)
    certificate = Certificate.objects.filter(participant=participant).first()
    return render(
        request,
        "training/participant.html",
        {
            "participant": participant,
            "course": course,
            "organiser": organiser,
            "summary": summary,
            "days": [(session, day, row) for (session, day), row in days.items()],
            "reasons": participant.reasons.select_related("submitted_by", "decided_by"),
            "can_explain": can_explain,
            "reason_form": ReasonForm(),
            "certificate": certificate,
            "card_url": card_url(request, participant) if organiser else "",
            "card_qr": qr_svg(card_url(request, participant)) if organiser else "",
        },
    )


@login_required
@require_POST
def reason_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("training:participant", pk=pk)
    try:
        services.submit_reason(participant, actor=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    else:
        messages.success(request, _("บันทึกเหตุผลการขาดแล้ว รอผู้จัดพิจารณา"))
    return redirect("training:participant", pk=pk)


@login_required
@require_POST
def reason_decide(request: HttpRequest, pk: int) -> HttpResponse:
    reason = get_for_user(AbsenceReason.objects.select_related("participant__course"), request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกยอมรับหรือไม่ยอมรับ"))
        return redirect("training:participant", pk=reason.participant_id)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide_reason(reason, actor=request.user, accept=accept, note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    else:
        messages.success(request, _("ยอมรับเหตุผลแล้ว") if accept else _("บันทึกว่าไม่ยอมรับเหตุผลแล้ว"))
    return redirect("training:participant", pk=reason.participant_id)


@login_required
def name_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable name cards, each with the participant's personal QR (for the organiser to scan)."""
    course = get_course(request.user, pk)
    if not services.can_organise(request.user, course):
        raise PermissionDenied
    people = Participant.objects.visible_to(request.user).filter(course=course).select_related("district")
    cards = [(p, qr_svg(card_url(request, p), scale=3)) for p in people.order_by("district__code", "full_name")]
    return render(request, "training/cards.html", {"course": course, "cards": cards})
