"""Rounds and their rubrics: the round list, creating and editing a round, the round page (rubric, applications,
judging progress) and the ministry's actions on it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.models import User
from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.core.errors import user_message

from .. import services
from ..choices import ApplicationStatus
from ..forms import CriterionForm, JudgeForm, RoundForm, form_errors
from ..models import Application, Criterion, JudgeAssignment, Round, RubricTemplate, Score
from .common import REFUSED, done, get_round


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.visible_to(request.user).annotate(
        n_applications=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED))
    )
    return render(
        request,
        "selection/round_list.html",
        {"rounds": rounds, "can_manage": services.can_manage(request.user)},
    )


def _round_values(data: dict) -> dict:
    return {name: data[name] if data[name] is not None else None for name in services.ROUND_FIELDS} | {
        "description": data["description"] or ""
    }


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    if not services.can_manage(request.user):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.create_round(
                actor=request.user,
                eligible_areas=form.cleaned_data["eligible_areas"],
                **_round_values(form.cleaned_data),
            )
        except REFUSED as exc:
            form.add_error(None, user_message(exc))
        else:
            return done(request, "selection:round", round.pk, ok=_("สร้างรอบแล้ว กำหนดเกณฑ์การให้คะแนนต่อได้เลย"))
    return render(request, "selection/round_form.html", {"form": form})


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round(request.user, pk)
    if not services.can_manage(request.user):
        raise PermissionDenied
    initial = {name: getattr(round, name) for name in services.ROUND_FIELDS}
    initial["eligible_areas"] = list(round.eligible_areas.all())
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(
                round,
                actor=request.user,
                eligible_areas=form.cleaned_data["eligible_areas"],
                **_round_values(form.cleaned_data),
            )
        except REFUSED as exc:
            form.add_error(None, user_message(exc))
        else:
            return done(request, "selection:round", round.pk, ok=_("บันทึกการแก้ไขแล้ว"))
    return render(request, "selection/round_form.html", {"form": form, "round": round})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round(request.user, pk)
    manage = services.can_manage(request.user)
    applications = (
        Application.objects.visible_to(request.user)
        .filter(round=round)
        .select_related("district__parent")
        .annotate(n_scores=Count("scores"))
        .order_by("district_id")
    )
    judges = list(round.judges.select_related("judge").prefetch_related("applications"))
    leaves = round.leaf_criteria()
    progress = None
    if manage or scope_for(request.user).everything:
        given = dict(
            Score.objects.filter(application__round=round)
            .values("judge")
            .annotate(n=Count("pk"))
            .values_list("judge", "n")
        )
        submitted = round.applications.filter(status=ApplicationStatus.SUBMITTED).count()
        progress = [
            (j, given.get(j.judge_id, 0), (len(j.applications.all()) or submitted) * len(leaves)) for j in judges
        ]
    mine = next((j for j in judges if j.judge_id == request.user.pk), None)
    apply_districts = services.eligible_districts(round).filter(
        pk__in=[d for d in scope_for(request.user).assigned_codes if services.can_apply_for(request.user, d)]
    )
    return render(
        request,
        "selection/round_detail.html",
        {
            "round": round,
            "criteria": round.criteria.select_related("parent"),
            "leaves": leaves,
            "problems": services.rubric_problems(round),
            "frozen": round.scoring_started,
            "applications": applications,
            "judges": judges,
            "progress": progress,
            "my_assignment": mine,
            "manage": manage,
            "can_apply": round.accepts_applications and apply_districts.exists(),
            "templates": RubricTemplate.objects.all(),
            "criterion_form": CriterionForm(round=round),
            "judge_form": JudgeForm(round=round),
            "events": round.events.select_related("actor", "application__district").order_by("-at")[:30]
            if manage
            else (),
        },
    )


def _managed_round(request: HttpRequest, pk: int) -> Round:
    round = get_round(request.user, pk)
    if not services.can_manage(request.user):
        raise PermissionDenied
    return round


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    try:
        services.open_round(round, actor=request.user)
    except REFUSED as exc:
        return done(request, "selection:round", pk, error=exc)
    return done(request, "selection:round", pk, ok=_("เปิดรอบแล้ว อำเภอสมัครได้จนถึงกำหนดปิดรับสมัคร"))


@login_required
@require_POST
def round_template(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    template = RubricTemplate.objects.filter(pk=request.POST.get("template") or 0).first()
    if template is None or not str(request.POST.get("template", "")).isdigit():
        return done(request, "selection:round", pk, error=PermissionDenied(_("กรุณาเลือกแม่แบบเกณฑ์")))
    try:
        n = services.copy_template(round, template, actor=request.user)
    except REFUSED as exc:
        return done(request, "selection:round", pk, error=exc)
    return done(request, "selection:round", pk, ok=_("คัดลอกเกณฑ์ %(n)d ข้อจากแม่แบบแล้ว") % {"n": n})


@login_required
@require_POST
def round_enroll(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    try:
        n = services.enroll_pilots(round, actor=request.user)
    except REFUSED as exc:
        return done(request, "selection:round", pk, error=exc)
    return done(request, "selection:round", pk, ok=_("ลงทะเบียนอำเภอนำร่องเข้ารับการประเมิน %(n)d อำเภอ") % {"n": n})


@login_required
@require_POST
def judge_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    form = JudgeForm(request.POST, round=round)
    if not form.is_valid():
        return done(request, "selection:round", pk, error=PermissionDenied(form_errors(form)))
    judge = User.objects.filter(username=form.cleaned_data["username"].strip(), is_active=True).first()
    if judge is None:
        return done(request, "selection:round", pk, error=PermissionDenied(_("ไม่พบผู้ใช้ชื่อนี้")))
    try:
        services.assign_judge(round, judge, actor=request.user, applications=form.cleaned_data["applications"])
    except REFUSED as exc:
        return done(request, "selection:round", pk, error=exc)
    return done(request, "selection:round", pk, ok=_("แต่งตั้ง %(name)s เป็นกรรมการแล้ว") % {"name": judge.display_name})


@login_required
@require_POST
def judge_remove(request: HttpRequest, pk: int, judge_pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    assignment = JudgeAssignment.objects.filter(round=round, pk=judge_pk).first()
    if assignment is None:
        from django.http import Http404

        raise Http404
    try:
        services.remove_judge(assignment, actor=request.user)
    except REFUSED as exc:
        return done(request, "selection:round", pk, error=exc)
    return done(request, "selection:round", pk, ok=_("ถอนกรรมการแล้ว"))


def _criterion_values(data: dict) -> dict:
    values = {name: data[name] for name in ("number", "title", "max_points", "parent", "guidance")}
    values["data_source"] = data["data_source"] or ""
    values["guidance"] = values["guidance"] or ""
    if data.get("order") is not None:
        values["order"] = data["order"]
    return values


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    form = CriterionForm(request.POST, round=round)
    if not form.is_valid():
        return done(request, "selection:round", pk, error=PermissionDenied(form_errors(form)))
    try:
        services.add_criterion(round, actor=request.user, **_criterion_values(form.cleaned_data))
    except REFUSED as exc:
        return done(request, "selection:round", pk, error=exc)
    return done(request, "selection:round", pk, ok=_("เพิ่มเกณฑ์แล้ว"))


def _criterion(request: HttpRequest, pk: int) -> Criterion:
    criterion = get_for_user(Criterion.objects.select_related("round").filter(round__isnull=False), request.user, pk=pk)
    if not services.can_manage(request.user):
        raise PermissionDenied
    return criterion


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    round = criterion.round
    initial = {
        name: getattr(criterion, name) for name in ("number", "title", "max_points", "parent", "guidance", "order")
    }
    initial["data_source"] = criterion.data_source
    form = CriterionForm(request.POST or None, round=round, exclude=criterion, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_criterion(criterion, actor=request.user, **_criterion_values(form.cleaned_data))
        except REFUSED as exc:
            form.add_error(None, user_message(exc))
        else:
            return redirect("selection:round", round.pk)
    return render(
        request,
        "selection/criterion_form.html",
        {"form": form, "criterion": criterion, "round": round, "frozen": round.scoring_started},
    )


@login_required
@require_POST
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    try:
        services.delete_criterion(criterion, actor=request.user)
    except REFUSED as exc:
        return done(request, "selection:round", criterion.round_id, error=exc)
    return done(request, "selection:round", criterion.round_id, ok=_("ลบเกณฑ์แล้ว"))
