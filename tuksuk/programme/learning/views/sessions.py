"""Focus-group sessions of a district (scoped like every area record), their participants and answers, publishing
their lessons, and the summary of a questionnaire across the districts the user sees (page, CSV, XLSX, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.core.errors import user_message
from tuksuk.core.thai import is_digits
from tuksuk.core.views import ScopedListView

from .. import services, summary
from ..filters import SessionFilterSet
from ..forms import AnswersForm, ParticipantFormSet, SessionEditForm, SessionForm
from ..models import FocusGroupSession, KnowledgeItem, Questionnaire
from ..permissions import can_record_in
from .questionnaires import get_questionnaire


def get_session(user, pk: int) -> FocusGroupSession:  # type: ignore[no-untyped-def]
    return get_for_user(
        FocusGroupSession.objects.select_related("district__parent", "questionnaire", "created_by"), user, pk=pk
    )


def writable_districts(user):  # type: ignore[no-untyped-def]
    return Area.objects.writable_by(user).filter(level=AreaLevel.DISTRICT).select_related("parent").order_by("code")


def _require_record(user, session: FocusGroupSession) -> None:  # type: ignore[no-untyped-def]
    if not can_record_in(user, session.district_id):
        raise PermissionDenied


class SessionListView(ScopedListView):
    model = FocusGroupSession
    template_name = "learning/session_list.html"
    paginate_by = 30

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return FocusGroupSession.objects.select_related("district__parent", "questionnaire")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = SessionFilterSet(self.request.GET or None, queryset=super().get_queryset())
        return self.filterset.qs.annotate(
            n_answers=Count("answers", distinct=True), n_people=Count("participants", distinct=True)
        ).order_by("-held_on", "-id")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        can_record = writable_districts(self.request.user).exists()
        return super().get_context_data(filterset=self.filterset, can_record=can_record, **kwargs)


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    districts = writable_districts(request.user)
    if not scope_for(request.user).can_write or not districts.exists():
        raise PermissionDenied
    questionnaires = Questionnaire.objects.visible_to(request.user).filter(is_active=True)
    initial = {"questionnaire": questionnaires.first()}
    if len(districts[:2]) == 1:
        initial["district"] = districts[0].code
    form = SessionForm(request.POST or None, districts=districts, questionnaires=questionnaires, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.record_session(
                actor=request.user,
                questionnaire=data["questionnaire"],
                district_code=data["district"].code,
                held_on=data["held_on"],
                place=data["place"],
                facilitator=data["facilitator"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการสนทนากลุ่มแล้ว เพิ่มผู้เข้าร่วมและคำตอบได้เลย"))
            return redirect("learning:session-detail", pk=session.pk)
    return render(request, "learning/session_form.html", {"form": form})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.user, pk)
    answers = {a.question_id: a for a in session.answers.all()}
    parts = []
    for part in session.questionnaire.parts.prefetch_related("questions").order_by("number"):
        parts.append((part, [(q, answers.get(q.pk)) for q in part.questions.order_by("number")]))
    return render(
        request,
        "learning/session_detail.html",
        {
            "session": session,
            "parts": parts,
            "answered": len(answers),
            "participants": session.participants.all(),
            "can_record": can_record_in(request.user, session.district_id),
            "published": KnowledgeItem.objects.filter(session=session).first(),
            "events": session.events.select_related("actor").order_by("-at")[:30],
        },
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.user, pk)
    _require_record(request.user, session)
    initial = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    form = SessionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_session(session, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("learning:session-detail", pk=pk)
    return render(request, "learning/session_form.html", {"form": form, "session": session})


@login_required
def session_participants(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.user, pk)
    _require_record(request.user, session)
    initial = list(session.participants.values("full_name", "role", "network"))
    formset = ParticipantFormSet(request.POST or None, initial=initial, prefix="people")
    if request.method == "POST" and formset.is_valid():
        people = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("full_name")]
        try:
            count = services.set_participants(session, people, actor=request.user)
        except ValidationError as exc:
            messages.error(request, user_message(exc))
        else:
            messages.success(request, _("บันทึกผู้เข้าร่วม %(n)d คนแล้ว") % {"n": count})
            return redirect("learning:session-detail", pk=pk)
    return render(request, "learning/session_participants.html", {"session": session, "formset": formset})


@login_required
def session_answers(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.user, pk)
    _require_record(request.user, session)
    form = AnswersForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.save_answers(
                session, form.answers(), actor=request.user, seen_at=form.cleaned_data.get("seen_at") or None
            )
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกคำตอบแล้ว (%(n)d ข้อที่เปลี่ยน)") % {"n": changed})
            return redirect("learning:session-detail", pk=pk)
    return render(request, "learning/session_answers.html", {"session": session, "form": form})


@login_required
@require_POST
def session_publish(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.user, pk)
    _require_record(request.user, session)
    try:
        item = services.publish_session(session, actor=request.user)
    except ValidationError as exc:
        messages.error(request, user_message(exc))
        return redirect("learning:session-detail", pk=pk)
    messages.success(request, _("เผยแพร่บทเรียนในคลังความรู้แล้ว"))
    return redirect("learning:kb-detail", pk=item.pk)


def _summary_area(request: HttpRequest) -> Area | None:
    code = request.GET.get("area", "").strip()
    if not code:
        return None
    if not is_digits(code):
        raise Http404
    return get_for_user(Area.objects.all(), request.user, code=code)


@login_required
def summary_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary across districts; ``?format=csv`` or ``xlsx`` downloads it, ``?area=CODE`` narrows it."""
    questionnaire = get_questionnaire(request.user, pk)
    result = summary.build_summary(questionnaire, user=request.user, area=_summary_area(request))
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        content_type = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        body = summary.as_csv(result) if fmt == "csv" else summary.as_xlsx(result)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="lessons-{questionnaire.pk}.{fmt}"'
        return response
    provinces = Area.objects.visible_to(request.user).filter(level=AreaLevel.PROVINCE).order_by("code")
    return render(
        request,
        "learning/summary.html",
        {"summary": result, "title": summary.title_of(result), "provinces": provinces},
    )


@login_required
def summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from tuksuk.core.pdf import pdf_response

    questionnaire = get_questionnaire(request.user, pk)
    result = summary.build_summary(questionnaire, user=request.user, area=_summary_area(request))
    context = {"summary": result, "title": summary.title_of(result), "stamp": "", "printed_by": request.user}
    return pdf_response("learning/summary_print.html", context, f"lessons-{questionnaire.pk}")
