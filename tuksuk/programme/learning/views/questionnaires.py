"""Questionnaire pages: everyone assigned reads them; ministry admins create, copy and edit them (until answered)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user
from tuksuk.core.errors import user_message

from .. import services
from ..forms import PartForm, QuestionForm, QuestionnaireForm, question_initial
from ..models import FocusGroupSession, Question, Questionnaire
from ..permissions import is_ministry_admin


def get_questionnaire(user, pk: int) -> Questionnaire:  # type: ignore[no-untyped-def]
    return get_for_user(Questionnaire.objects.all(), user, pk=pk)


def _require_admin(user) -> None:  # type: ignore[no-untyped-def]
    if not is_ministry_admin(user):
        raise PermissionDenied


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    mine = FocusGroupSession.objects.visible_to(request.user)
    rows = Questionnaire.objects.visible_to(request.user).annotate(
        n_questions=Count("questions", distinct=True),
        n_sessions=Count("sessions", filter=Q(sessions__in=mine), distinct=True),
    )
    return render(
        request,
        "learning/questionnaire_list.html",
        {"questionnaires": rows, "is_admin": is_ministry_admin(request.user)},
    )


@login_required
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["copy_from"]:
                questionnaire = services.copy_questionnaire(
                    data["copy_from"], actor=request.user, title=data["title"], programme_year=data["programme_year"]
                )
                if data["description"]:
                    services.update_questionnaire(questionnaire, actor=request.user, description=data["description"])
            else:
                questionnaire = services.create_questionnaire(
                    actor=request.user,
                    title=data["title"],
                    programme_year=data["programme_year"],
                    description=data["description"],
                )
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("สร้างแบบสอบถามแล้ว เพิ่มส่วนและคำถามได้เลย"))
            return redirect("learning:questionnaire-detail", pk=questionnaire.pk)
    return render(request, "learning/questionnaire_form.html", {"form": form})


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.user, pk)
    parts = questionnaire.parts.prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("number")))
    admin = is_ministry_admin(request.user)
    frozen = questionnaire.is_frozen
    return render(
        request,
        "learning/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "parts": parts,
            "frozen": frozen,
            "can_edit": admin and not frozen,
            "is_admin": admin,
            "part_form": PartForm(),
            "question_form": QuestionForm(questionnaire=questionnaire),
            "sessions": FocusGroupSession.objects.visible_to(request.user).filter(questionnaire=questionnaire).count(),
        },
    )


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.user, pk)
    _require_admin(request.user)
    initial = {name: getattr(questionnaire, name) for name in ("title", "programme_year", "description", "is_active")}
    form = QuestionnaireForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_questionnaire(questionnaire, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("learning:questionnaire-detail", pk=pk)
    return render(request, "learning/questionnaire_form.html", {"form": form, "questionnaire": questionnaire})


@login_required
@require_POST
def part_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.user, pk)
    _require_admin(request.user)
    form = PartForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("กรุณาระบุหัวข้อของส่วน"))
        services.add_part(questionnaire, actor=request.user, title=form.cleaned_data["title"])
        messages.success(request, _("เพิ่มส่วนแล้ว"))
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    return redirect("learning:questionnaire-detail", pk=pk)


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire(request.user, pk)
    _require_admin(request.user)
    form = QuestionForm(request.POST, questionnaire=questionnaire)
    try:
        if not form.is_valid():
            raise ValidationError(_("กรุณาเลือกส่วนและพิมพ์คำถาม"))
        services.add_question(
            questionnaire, actor=request.user, part=form.cleaned_data["part"], data=form.data_object()
        )
        messages.success(request, _("เพิ่มคำถามแล้ว"))
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    return redirect("learning:questionnaire-detail", pk=pk)


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_for_user(Question.objects.select_related("questionnaire", "part"), request.user, pk=pk)
    questionnaire = question.questionnaire
    _require_admin(request.user)
    form = QuestionForm(request.POST or None, questionnaire=questionnaire, initial=question_initial(question))
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                services.delete_question(question, actor=request.user)
                messages.success(request, _("ลบคำถามแล้ว"))
                return redirect("learning:questionnaire-detail", pk=questionnaire.pk)
            if form.is_valid():
                services.update_question(
                    question, actor=request.user, part=form.cleaned_data["part"], data=form.data_object()
                )
                messages.success(request, _("บันทึกการแก้ไขแล้ว"))
                return redirect("learning:questionnaire-detail", pk=questionnaire.pk)
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
    return render(
        request,
        "learning/question_form.html",
        {"form": form, "question": question, "questionnaire": questionnaire, "frozen": questionnaire.is_frozen},
    )
