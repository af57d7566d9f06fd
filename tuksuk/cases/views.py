"""Story pages: the list with filters and exports, recording a story on a phone, the story page with its
timeline, agencies, actions and evidence, and the import upload."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.audit.choices import AccessAction
from tuksuk.audit.services import log_access
from tuksuk.core.errors import user_message
from tuksuk.core.views import ScopedListView
from tuksuk.households.views import get_household
from tuksuk.jobs.services import start_job

from . import exports, media, services
from .filters import StoryFilterSet
from .forms import ActionForm, AssignForm, EvidenceForm, ImportForm, StatusForm, StoryEditForm, StoryForm
from .models import Evidence, Story
from .tasks import export_stories_job, import_stories_job

EXPORT_INLINE_LIMIT = 5000  # rows; above this an export runs as a background job


def get_story(user, pk: int) -> Story:  # type: ignore[no-untyped-def]
    return get_for_user(Story.objects.select_related("household", "area__parent__parent", "category"), user, pk=pk)


def _attach_files(request: HttpRequest, story: Story, files, **kwargs) -> int:  # type: ignore[no-untyped-def]
    attached = 0
    for upload in files:
        try:
            media.attach_evidence(story, upload, actor=request.user, **kwargs)
            attached += 1
        except (media.UploadRejected, ValidationError) as exc:
            messages.error(
                request,
                f"{upload.name}: {getattr(exc, 'message', None) or ' '.join(getattr(exc, 'messages', [str(exc)]))}",
            )
    return attached


class StoryListView(ScopedListView):
    model = Story
    template_name = "cases/list.html"
    paginate_by = 30

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return Story.objects.select_related("household", "area__parent", "category")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = StoryFilterSet(self.request.GET or None, queryset=super().get_queryset(), request=self.request)
        return self.filterset.qs  # filtered and ordered

    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            rows = self.get_queryset()
            total = rows.count()
            log_access(
                request,
                AccessAction.EXPORT,
                object_type="cases.story",
                filters=request.GET,
                row_count=total,
                detail={"format": export, "background": total > EXPORT_INLINE_LIMIT},
            )
            if total > EXPORT_INLINE_LIMIT:
                # Large: built in the background, never timing out; the job page offers the file.
                query = request.GET.copy()
                query.pop("export", None)
                job = start_job(
                    export_stories_job,
                    _("ส่งออกรายการเรื่องราว (%(format)s)") % {"format": export.upper()},
                    actor=request.user,
                    params={"query": query.urlencode(), "format": export},
                )
                return redirect("jobs:detail", pk=job.pk)
            if export == "csv":
                return exports.csv_response(rows, "stories")
            return exports.xlsx_response(rows, "stories", title=_("รายการเรื่องราว"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        return super().get_context_data(filterset=self.filterset, query=query.urlencode(), **kwargs)


@login_required
def story_new(request: HttpRequest, house_code: str) -> HttpResponse:
    household = get_household(request.user, house_code)
    form = StoryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.record_story(
                household,
                actor=request.user,
                category=data["category"],
                indicators=list(data["indicators"]),
                description=data["description"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            _attach_files(request, story, data["files"])
            messages.success(request, _("บันทึกเรื่องราว #%(id)d แล้ว") % {"id": story.pk})
            return redirect("cases:detail", pk=story.pk)
    return render(request, "cases/new.html", {"household": household, "form": form})


@login_required
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request.user, pk)
    services.ensure_can_manage(request.user, story)
    initial = {"category": story.category, "indicators": list(story.indicators.all()), "description": story.description}
    form = StoryEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_story(
                story,
                actor=request.user,
                category=data["category"],
                indicators=list(data["indicators"]),
                description=data["description"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("cases:detail", pk=pk)
    return render(request, "cases/edit.html", {"story": story, "form": form})


@login_required
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request.user, pk)
    log_access(request, AccessAction.VIEW, obj=story)
    scope = scope_for(request.user)
    can_manage = scope.can_write_in(story.area_id)
    can_act = can_manage or (scope.can_write and services._agency_of(request.user, story) is not None)
    return render(
        request,
        "cases/detail.html",
        {
            "story": story,
            "events": story.events.select_related("actor").order_by("at", "id"),
            "assignments": story.assignments.select_related("agency").order_by("assigned_at"),
            "actions": story.actions.select_related("agency", "created_by").prefetch_related("evidence"),
            "pairs": media.before_after_pairs(story),
            "evidence": story.evidence.filter(phase="other").order_by("uploaded_at"),
            "status_form": StatusForm(allowed=services.allowed_transitions(story)),
            "assign_form": AssignForm(),
            "action_form": ActionForm(),
            "evidence_form": EvidenceForm(),
            "can_manage": can_manage,
            "can_act": can_act,
        },
    )


def _post_error(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, user_message(exc))


@login_required
@require_POST
def story_status(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request.user, pk)
    form = StatusForm(request.POST, allowed=services.allowed_transitions(story))
    if not form.is_valid():
        messages.error(request, _("เปลี่ยนสถานะนี้ไม่ได้ (หน้าอาจไม่เป็นปัจจุบัน กรุณาลองใหม่)"))
        return redirect("cases:detail", pk=pk)
    try:
        services.change_status(story, form.cleaned_data["status"], actor=request.user, note=form.cleaned_data["note"])
    except (ValidationError, PermissionDenied) as exc:
        _post_error(request, exc)
    else:
        messages.success(request, _("เปลี่ยนสถานะแล้ว"))
    return redirect("cases:detail", pk=pk)


@login_required
@require_POST
def story_assign(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request.user, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.ensure_can_manage(request.user, story)
            services.assign_agency(
                story, form.cleaned_data["agency"], actor=request.user, note=form.cleaned_data["note"]
            )
        except (ValidationError, PermissionDenied) as exc:
            _post_error(request, exc)
        else:
            messages.success(request, _("มอบหมายหน่วยงานแล้ว"))
    return redirect("cases:detail", pk=pk)


@login_required
@require_POST
def story_action(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request.user, pk)
    form = ActionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {e}" if f in form.fields else str(e)
                for f, errors in form.errors.items()
                for e in errors
            ),
        )
        return redirect("cases:detail", pk=pk)
    data = form.cleaned_data
    try:
        action = services.record_action(
            story,
            actor=request.user,
            done_on=data["done_on"],
            description=data["description"],
            dimension=data["dimension"],
            agency=data["agency"],
            cost=data["cost"],
        )
    except (ValidationError, PermissionDenied) as exc:
        _post_error(request, exc)
        return redirect("cases:detail", pk=pk)
    _attach_files(request, story, data["before"], phase="before", action=action)
    _attach_files(request, story, data["after"], phase="after", action=action)
    messages.success(request, _("บันทึกการช่วยเหลือแล้ว"))
    return redirect("cases:detail", pk=pk)


@login_required
@require_POST
def story_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        attached = _attach_files(
            request,
            story,
            form.cleaned_data["files"],
            phase=form.cleaned_data["phase"],
            caption=form.cleaned_data["caption"],
        )
        if attached:
            messages.success(request, _("แนบหลักฐาน %(n)d ไฟล์แล้ว") % {"n": attached})
    else:
        messages.error(request, _("กรุณาเลือกไฟล์"))
    return redirect("cases:detail", pk=pk)


@login_required
def evidence_file(request: HttpRequest, token: str, variant: str = "file") -> FileResponse:
    """Evidence is served only here, after the same scoping as its story."""
    evidence = get_for_user(Evidence.objects.select_related("story__household"), request.user, token=token)
    if variant == "file":  # thumbnails are part of the story page, already logged as its view
        log_access(request, AccessAction.DOWNLOAD, obj=evidence)
    return media.serve_stored(evidence, variant)


@login_required
def story_import(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).can_write:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = default_storage.save(f"imports/{uuid.uuid4().hex}-{upload.name[-60:]}", upload)
        job = start_job(
            import_stories_job,
            _("นำเข้าเรื่องราว: %(name)s") % {"name": upload.name},
            actor=request.user,
            params={
                "path": path,
                "name": upload.name,
                "dry_run": form.cleaned_data["dry_run"],
                "skip_invalid": form.cleaned_data["skip_invalid"],
            },
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "cases/import.html", {"form": form})
