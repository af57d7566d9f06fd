"""Knowledge-base pages: the hub, the searchable list, an item, contributing and editing, withdrawing, the file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.core.errors import user_message
from tuksuk.core.views import ScopedListView

from .. import services
from ..filters import KnowledgeItemFilterSet
from ..forms import KnowledgeItemForm, WithdrawForm
from ..models import FocusGroupSession, KnowledgeItem, Questionnaire
from ..permissions import can_contribute, can_edit_item, is_ministry_admin
from ..uploads import UploadRejected

INLINE_TYPES = ("application/pdf", "video/")


def get_item(user, pk: int) -> KnowledgeItem:  # type: ignore[no-untyped-def]
    return get_for_user(KnowledgeItem.objects.select_related("area__parent", "created_by"), user, pk=pk)


def contributable_areas(user):  # type: ignore[no-untyped-def]
    """Where the user may publish: for ministry admins every province and district, for others their own areas
    down to tambons."""
    levels = (AreaLevel.PROVINCE, AreaLevel.DISTRICT)
    if not is_ministry_admin(user):
        levels += (AreaLevel.SUBDISTRICT,)
    return Area.objects.writable_by(user).filter(level__in=levels).select_related("parent").order_by("code")


def linkable_projects(user):  # type: ignore[no-untyped-def]
    from tuksuk.projects.models import Project

    scope = scope_for(user)
    if not scope.can_write:
        return Project.objects.none()
    rows = Project.objects.visible_to(user)
    if not scope.everything:
        rows = rows.filter(scope.q("district__code"))
    return rows.select_related("district").order_by("-fiscal_year", "district", "title")


def _form(user, *args, **kwargs) -> KnowledgeItemForm:  # type: ignore[no-untyped-def]
    return KnowledgeItemForm(
        *args,
        areas=contributable_areas(user),
        projects=linkable_projects(user),
        central=is_ministry_admin(user),
        **kwargs,
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The hub: search the knowledge base, the newest items, the questionnaires and the latest sessions."""
    user = request.user
    return render(
        request,
        "learning/index.html",
        {
            "latest": KnowledgeItem.objects.visible_to(user)
            .filter(status="published")
            .select_related("area")
            .order_by("-published_at")[:6],
            "questionnaires": Questionnaire.objects.visible_to(user).filter(is_active=True)[:5],
            "sessions": FocusGroupSession.objects.visible_to(user).select_related("district__parent")[:5],
            "can_contribute": can_contribute(user),
            "can_record": scope_for(user).can_write and bool(scope_for(user).prefixes or scope_for(user).everything),
        },
    )


class ItemListView(ScopedListView):
    model = KnowledgeItem
    template_name = "learning/kb_list.html"
    paginate_by = 20

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return KnowledgeItem.objects.select_related("area__parent")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = KnowledgeItemFilterSet(self.request.GET or None, queryset=super().get_queryset())
        rows = self.filterset.qs
        return rows if self.request.GET.get("q", "").strip() else rows.order_by("-published_at", "-id")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return super().get_context_data(
            filterset=self.filterset, can_contribute=can_contribute(self.request.user), **kwargs
        )


def _values(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "title": data["title"],
        "summary": data["summary"],
        "body": data["body"],
        "year": data["year"],
        "video_url": data["video_url"],
        "project_category": data["project_category"],
    }


def _tags(data: dict) -> dict:
    return {name: list(data[name]) for name in ("sdg_goals", "indicators", "categories")}


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    if not can_contribute(request.user):
        raise PermissionDenied
    areas = contributable_areas(request.user)
    initial = {"year": settings.TUKSUK_PROGRAMME_YEAR, "kind": request.GET.get("kind") or "document"}
    if not is_ministry_admin(request.user) and len(areas[:2]) == 1:
        initial["area"] = areas[0].code
    form = _form(request.user, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.contribute_item(
                actor=request.user,
                area_code=data["area"].code if data["area"] else None,
                upload=data["file"],
                project=data["project"],
                **_values(data),
                **_tags(data),
            )
        except (ValidationError, PermissionDenied, UploadRejected) as exc:
            form.add_error(None, exc.message if isinstance(exc, UploadRejected) else user_message(exc))
        except Http404:
            form.add_error("project", _("ไม่พบโครงการนี้ในพื้นที่ของคุณ"))
        else:
            messages.success(request, _("เผยแพร่ในคลังความรู้แล้ว"))
            return redirect("learning:kb-detail", pk=item.pk)
    return render(request, "learning/kb_form.html", {"form": form})


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from tuksuk.projects.models import Project

    item = get_item(request.user, pk)
    editable = can_edit_item(request.user, item)
    project = Project.objects.visible_to(request.user).filter(pk=item.project_id).first() if item.project_id else None
    session = (
        FocusGroupSession.objects.visible_to(request.user).filter(pk=item.session_id).first()
        if item.session_id
        else None
    )
    return render(
        request,
        "learning/kb_detail.html",
        {
            "item": item,
            "can_edit": editable,
            "project": project,
            "session": session,
            "withdraw_form": WithdrawForm(),
            "events": item.events.select_related("actor").order_by("-at")[:30] if editable else [],
            "inline": item.content_type.startswith(INLINE_TYPES),
        },
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request.user, pk)
    if not can_edit_item(request.user, item):
        raise PermissionDenied
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS} | {
        "area": item.area_id,
        "project": item.project_id,
        "sdg_goals": list(item.sdg_goals.all()),
        "indicators": list(item.indicators.all()),
        "categories": list(item.categories.all()),
    }
    form = _form(request.user, request.POST or None, request.FILES or None, initial=initial)
    form.fields["area"].disabled = True  # an item stays with the area it was published for
    form.fields["area"].required = False
    form.fields["area"].queryset = Area.objects.filter(pk=item.area_id).select_related("parent")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_item(
                item,
                actor=request.user,
                upload=data["file"],
                project=data["project"],
                tags=_tags(data),
                **_values(data),
            )
        except (ValidationError, PermissionDenied, UploadRejected) as exc:
            form.add_error(None, exc.message if isinstance(exc, UploadRejected) else user_message(exc))
        except Http404:
            form.add_error("project", _("ไม่พบโครงการนี้ในพื้นที่ของคุณ"))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("learning:kb-detail", pk=pk)
    return render(request, "learning/kb_form.html", {"form": form, "item": item})


@login_required
@require_POST
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an item (with a reason) or publish it again."""
    item = get_item(request.user, pk)
    if not can_edit_item(request.user, item):
        raise PermissionDenied
    try:
        if request.POST.get("action") == "republish":
            services.republish_item(item, actor=request.user)
            messages.success(request, _("เผยแพร่อีกครั้งแล้ว"))
        else:
            services.withdraw_item(item, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("ถอนรายการออกจากคลังความรู้แล้ว"))
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    return redirect("learning:kb-detail", pk=pk)


@login_required
def item_file(request: HttpRequest, pk: int) -> FileResponse:
    """The item's file, for a logged-in user who may see the item (never a public URL)."""
    item = get_item(request.user, pk)
    if not item.file:
        raise Http404
    inline = item.content_type.startswith(INLINE_TYPES)
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, as_attachment=not inline, filename=item.file_name
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def project_brief(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish (or refresh) a district project's brief in the knowledge base."""
    from tuksuk.projects.models import Project

    project = get_for_user(Project.objects.all(), request.user, pk=pk)
    try:
        item = services.publish_project_brief(project, actor=request.user)
    except ValidationError as exc:
        messages.error(request, user_message(exc))
        return redirect("projects:detail", pk=pk)
    messages.success(request, _("เผยแพร่สรุปโครงการในคลังความรู้แล้ว"))
    return redirect("learning:kb-detail", pk=item.pk)
