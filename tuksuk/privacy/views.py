"""The "ข้อมูลส่วนบุคคล" pages: data-subject requests (list, new from a household, detail, actions, copy downloads)
and the retention rules. Roles first (403, ``permissions.py``), then area (404, ``visible_to``/``get_for_user``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.audit.choices import AccessAction
from tuksuk.audit.services import log_access
from tuksuk.core.errors import user_message
from tuksuk.core.views import ScopedListView
from tuksuk.households.models import Household

from . import permissions, retention, services
from .filters import RequestFilterSet
from .forms import ExtendForm, NoteForm, ReasonForm, RectifyForm, RequestForm
from .models import DataSubjectRequest
from .restrictions import active_restriction


def get_request(user, pk: int) -> DataSubjectRequest:  # type: ignore[no-untyped-def]
    permissions.require_read(user)
    return get_for_user(
        DataSubjectRequest.objects.select_related("household__village__parent", "member", "created_by"), user, pk=pk
    )


class RequestListView(ScopedListView):
    """The requests of the user's areas, most urgent first among the open ones."""

    model = DataSubjectRequest
    template_name = "privacy/list.html"
    paginate_by = 30

    def dispatch(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        if request.user.is_authenticated:
            permissions.require_read(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        return DataSubjectRequest.objects.select_related("household__village", "member")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self.filterset = RequestFilterSet(self.request.GET or None, queryset=super().get_queryset())
        return self.filterset.qs.order_by("closed_at", "due_at", "-id")

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filterset=self.filterset,
            query=query.urlencode(),
            overdue=DataSubjectRequest.objects.visible_to(self.request.user).overdue().count(),
            **kwargs,
        )


@login_required
def request_new(request: HttpRequest, house_code: str) -> HttpResponse:
    """Record a request for a household (from its page)."""
    if not permissions.can_record(request.user):
        raise PermissionDenied
    household = get_for_user(Household.objects.select_related("village"), request.user, house_code=house_code)
    if not scope_for(request.user).can_write_in(household.village_id):
        raise PermissionDenied
    form = RequestForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received_at = None
        if data["received_on"]:
            received_at = timezone.make_aware(dt.datetime.combine(data["received_on"], dt.time(9, 0)))
            received_at = min(received_at, timezone.now())
        try:
            created = services.record_request(
                household,
                actor=request.user,
                kind=data["kind"],
                subject_name=data["subject_name"],
                identity_document=data["identity_document"],
                member=data["member"],
                typed_citizen_id=data["citizen_id"],
                details=data["details"],
                received_at=received_at,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกคำขอเลขที่ %(n)d แล้ว ต้องตอบภายใน 30 วัน") % {"n": created.pk})
            return redirect("privacy:detail", pk=created.pk)
    return render(request, "privacy/new.html", {"form": form, "household": household})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dsr = get_request(request.user, pk)
    return render(
        request,
        "privacy/detail.html",
        {
            "dsr": dsr,
            "events": dsr.events.select_related("actor").order_by("-at", "-id"),
            "actions": services.available_actions(dsr, request.user),
            "restriction": active_restriction(dsr.household_id),
            "note_form": NoteForm(),
            "reason_form": ReasonForm(),
            "extend_form": ExtendForm(),
            "rectify_form": RectifyForm(),
            "can_decide": permissions.can_decide(request.user),
        },
    )


def _note(form_class, request):  # type: ignore[no-untyped-def]
    form = form_class(request.POST)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return form.cleaned_data


ACTIONS = {
    "start": (
        lambda dsr, r, user: services.start(dsr, actor=user, note=_note(NoteForm, r)["note"]),
        _("เริ่มดำเนินการแล้ว"),
    ),
    "extend": (
        lambda dsr, r, user: services.extend(dsr, actor=user, **_note(ExtendForm, r)),
        _("ขยายระยะเวลาแล้ว"),
    ),
    "refuse": (
        lambda dsr, r, user: services.refuse(dsr, actor=user, reason=_note(ReasonForm, r)["reason"]),
        _("ปฏิเสธคำขอแล้ว"),
    ),
    "make_copy": (lambda dsr, r, user: services.make_copy(dsr, actor=user), _("จัดทำสำเนาข้อมูลแล้ว")),
    "complete": (
        lambda dsr, r, user: services.complete(dsr, actor=user, note=_note(NoteForm, r)["note"]),
        _("ปิดคำขอแล้ว"),
    ),
    "rectify": (
        lambda dsr, r, user: services.record_rectification(dsr, actor=user, **_note(RectifyForm, r)),
        _("บันทึกการแก้ไขข้อมูลและปิดคำขอแล้ว"),
    ),
    "erase": (
        lambda dsr, r, user: services.carry_out_erasure(dsr, actor=user, note=_note(NoteForm, r)["note"]),
        _("ทำให้ข้อมูลไม่สามารถระบุตัวตนได้แล้ว"),
    ),
    "restrict": (
        lambda dsr, r, user: services.restrict(dsr, actor=user, note=_note(NoteForm, r)["note"]),
        _("ระงับการใช้ข้อมูลของครัวเรือนแล้ว"),
    ),
    "lift": (
        lambda dsr, r, user: services.lift_restriction(dsr, actor=user, note=_note(ReasonForm, r)["reason"]),
        _("ยกเลิกการระงับการใช้ข้อมูลแล้ว"),
    ),
}


@login_required
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Carry out one of the request page's actions (district chief or ministry admin)."""
    if action not in ACTIONS:
        raise Http404
    dsr = get_request(request.user, pk)
    if not permissions.can_decide(request.user):
        raise PermissionDenied
    run, done = ACTIONS[action]
    try:
        run(dsr, request, request.user)
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    else:
        messages.success(request, str(done))
    return redirect("privacy:detail", pk=pk)


COPY_FORMATS = {"json": ("copy_json", "application/json"), "xlsx": ("copy_xlsx", None)}


@login_required
def copy_download(request: HttpRequest, pk: int, file_format: str) -> FileResponse:
    """The subject's copy, served only here: decide roles, in the request's area; every download is access-logged."""
    if file_format not in COPY_FORMATS:
        raise Http404
    dsr = get_request(request.user, pk)
    if not permissions.can_decide(request.user):
        raise PermissionDenied
    field_name, content_type = COPY_FORMATS[file_format]
    stored = getattr(dsr, field_name)
    if not stored:
        raise Http404
    log_access(
        request, AccessAction.DOWNLOAD, obj=dsr.household, detail={"privacy_request": dsr.pk, "format": file_format}
    )
    services.copy_downloaded(dsr, actor=request.user, file_format=file_format)
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"tuksuk-{dsr.household.house_code}-{dsr.pk}.{file_format}",
        **({"content_type": content_type} if content_type else {}),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def retention_rules(request: HttpRequest) -> HttpResponse:
    """The retention rules (read only) with their last runs."""
    permissions.require_read(request.user)
    from .models import PurgeRun

    return render(
        request,
        "privacy/retention.html",
        {"rules": retention.rules_table(), "runs": PurgeRun.objects.select_related("actor")[:30]},
    )
