"""Pages of the governance app: the breach log (login, roles in ``permissions``), the record of processing
activities (every logged-in user), and the public privacy notice (no login).

Breach lists start from ``Breach.objects.visible_to(user)`` and single breaches come from ``get_for_user`` (404 when
out of a district chief's area); users without a breach role get 403 before any lookup. Every change goes through
``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user
from tuksuk.core.downloads import csv_download, xlsx_download
from tuksuk.core.errors import user_message

from . import notice, permissions, ropa, services
from .choices import BreachStatus, DataCategory, RiskLevel
from .forms import (
    BreachFilterForm,
    BreachForm,
    BreachReportForm,
    CloseForm,
    NoteForm,
    PdpcNotificationForm,
    ReasonForm,
    SubjectNotificationForm,
)
from .models import Breach


def _breach(request: HttpRequest, pk: int) -> Breach:
    permissions.require(permissions.can_see_breaches(request.user))
    return get_for_user(Breach.objects.prefetch_related("areas__parent"), request.user, pk=pk)


@login_required
def breach_list(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_see_breaches(request.user))
    breaches = Breach.objects.visible_to(request.user).prefetch_related("areas").select_related("reported_by")
    form = BreachFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        breaches = breaches.filter(status=form.cleaned_data["status"])
    page = Paginator(breaches.order_by("-discovered_at", "-id"), 50).get_page(request.GET.get("page"))
    now = timezone.now()
    context = {
        "page": page,
        "rows": [(breach, breach.clock(now)) for breach in page.object_list],
        "form": form,
        "can_report": permissions.can_report_breach(request.user),
        "can_manage": permissions.can_manage_breaches(request.user),
    }
    return render(request, "governance/breach_list.html", context)


def _report_values(data: dict) -> dict:
    return {
        "title": data["title"],
        "description": data["description"],
        "discovered_at": data["discovered_at"],
        "occurred_at": data["occurred_at"],
        "data_categories": data["data_categories"],
        "people_affected": data["people_affected"],
        "containment": data["containment"],
    }


@login_required
def breach_new(request: HttpRequest) -> HttpResponse:
    """A ministry administrator records a breach; a district chief reports a suspected one in their district."""
    permissions.require(permissions.can_report_breach(request.user))
    districts = services.reportable_districts(request.user)
    initial = {"discovered_at": timezone.localtime().replace(second=0, microsecond=0)}
    if districts is None:
        form: BreachReportForm = BreachForm(request.POST or None, initial=initial | {"risk": RiskLevel.UNASSESSED})
    else:
        form = BreachReportForm(request.POST or None, districts=districts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = _report_values(data)
        if districts is None:
            values |= {
                "area_codes": services.split_area_codes(data["area_codes"]),
                "risk": data["risk"],
                "likely_consequences": data["likely_consequences"],
            }
        else:
            values["area_codes"] = [data["district"]]
        try:
            breach = services.report_breach(actor=request.user, **values)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, user_message(exc))
        else:
            if districts is None:
                messages.success(request, _("บันทึกเหตุแล้ว กำหนดแจ้ง สคส. ภายใน 72 ชั่วโมงนับจากเวลาที่ทราบเหตุ"))
            else:
                messages.success(request, _("แจ้งเหตุไปยังผู้ดูแลระบบส่วนกลางแล้ว กระทรวงจะประเมินและแจ้ง สคส. ตามกำหนด"))
            return redirect("governance:breach", pk=breach.pk)
    return render(request, "governance/breach_form.html", {"form": form, "reporting": districts is not None})


@login_required
def breach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _breach(request, pk)
    manage = permissions.can_manage_breaches(request.user) and breach.status != BreachStatus.CLOSED
    context = {
        "breach": breach,
        "clock": breach.clock(),
        "events": breach.events.select_related("actor").order_by("-at", "-id"),
        "can_manage": manage,
        "can_note": permissions.can_add_note(request.user),
        "pdpc_form": PdpcNotificationForm(
            initial={"notified_at": timezone.localtime().replace(second=0, microsecond=0)}
        ),
        "subjects_form": SubjectNotificationForm(
            initial={"notified_at": timezone.localtime().replace(second=0, microsecond=0)}
        ),
        "reason_form": ReasonForm(),
        "note_form": NoteForm(),
    }
    return render(request, "governance/breach_detail.html", context)


@login_required
def breach_edit(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _breach(request, pk)
    permissions.require(permissions.can_manage_breaches(request.user))
    if breach.status == BreachStatus.CLOSED:
        messages.error(request, _("เรื่องนี้ปิดแล้ว แก้ไขไม่ได้"))
        return redirect("governance:breach", pk=pk)
    initial = {name: getattr(breach, name) for name in services.ASSESSMENT_FIELDS}
    initial["discovered_at"] = timezone.localtime(breach.discovered_at)
    initial["occurred_at"] = timezone.localtime(breach.occurred_at) if breach.occurred_at else None
    initial["area_codes"] = ", ".join(area.code for area in breach.areas.all())
    form = BreachForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = _report_values(data) | {"risk": data["risk"], "likely_consequences": data["likely_consequences"]}
        try:
            changed = services.update_breach(
                breach,
                actor=request.user,
                area_codes=services.split_area_codes(data["area_codes"]),
                note=data["note"],
                **fields,
            )
        except ValidationError as exc:
            form.add_error(None, user_message(exc))
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว") if changed else _("ไม่มีการเปลี่ยนแปลง"))
            return redirect("governance:breach", pk=pk)
    return render(request, "governance/breach_form.html", {"form": form, "breach": breach})


def _act(request: HttpRequest, pk: int, form_class, run, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    """A POST-only change of one breach: the form's data to a service function; refusals become messages."""
    breach = _breach(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        errors = [str(e) for field in form for e in field.errors] + [str(e) for e in form.non_field_errors()]
        messages.error(request, " ".join(errors) or _("กรุณาตรวจสอบข้อมูล"))
        return redirect("governance:breach", pk=pk)
    try:
        run(breach, form.cleaned_data)  # PermissionDenied: 403
    except ValidationError as exc:
        messages.error(request, user_message(exc))
    else:
        messages.success(request, done)
    return redirect("governance:breach", pk=pk)


@login_required
@require_POST
def breach_notify(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        PdpcNotificationForm,
        lambda breach, data: services.record_pdpc_notification(breach, actor=request.user, **data),
        _("บันทึกการแจ้ง สคส. แล้ว"),
    )


@login_required
@require_POST
def breach_notify_subjects(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        SubjectNotificationForm,
        lambda breach, data: services.record_subject_notification(breach, actor=request.user, **data),
        _("บันทึกการแจ้งเจ้าของข้อมูลแล้ว"),
    )


@login_required
@require_POST
def breach_no_notification(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReasonForm,
        lambda breach, data: services.decide_no_notification(breach, actor=request.user, reason=data["reason"]),
        _("บันทึกผลการพิจารณาว่าไม่ต้องแจ้ง สคส. แล้ว"),
    )


@login_required
@require_POST
def breach_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        CloseForm,
        lambda breach, data: services.close_breach(breach, actor=request.user, note=data["note"]),
        _("ปิดเรื่องแล้ว"),
    )


@login_required
@require_POST
def breach_note(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        NoteForm,
        lambda breach, data: services.add_note(breach, actor=request.user, note=data["note"]),
        _("บันทึกแล้ว"),
    )


@login_required
def breach_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The notification summary in the shape of the PDPC Office's form, to print or save as PDF."""
    breach = _breach(request, pk)
    context = {
        "breach": breach,
        "clock": breach.clock(),
        "dpo_contact": notice.dpo_contact(),
        "printed_by": request.user,
        "categories": [(label, code in breach.data_categories) for code, label in DataCategory.choices],
    }
    return render(request, "governance/breach_print.html", context)


@login_required
def ropa_page(request: HttpRequest) -> HttpResponse:
    """The record of processing activities, for every logged-in user; ``?format=csv|xlsx`` downloads it."""
    fmt = request.GET.get("format", "")
    title = _("บันทึกรายการกิจกรรมการประมวลผลข้อมูลส่วนบุคคล (มาตรา 39)")
    header = [str(h) for h in ropa.HEADER]
    if fmt == "csv":
        return csv_download("tuksuk-ropa", header, ropa.rows())
    if fmt == "xlsx":
        return xlsx_download("tuksuk-ropa", header, ropa.rows(), title=title, sheet="ROPA")
    if fmt:
        raise Http404
    context = {
        "activities": ropa.ACTIVITIES,
        "title": title,
        "reviewed": ropa.REVIEWED,
        "dpo_contact": notice.dpo_contact(),
    }
    return render(request, "governance/ropa.html", context)


def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The public privacy notice (PDPA s.23): no login, and nothing in it about any person."""
    context = {
        "activities": [ropa.by_code(code) for code in ("household-registry", "stories", "training")],
        "dpo_contact": notice.dpo_contact(),
        "response_days": notice.RESPONSE_DAYS,
    }
    return render(request, "governance/privacy_notice.html", context)
