"""A district's application: the form (statements, video link), its page with attached photos/videos, the files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.core.errors import user_message

from .. import services
from ..forms import ApplicationForm, AttachmentForm, form_errors
from ..models import Application, ApplicationAttachment, ScoreChange
from .common import REFUSED, done, get_application, get_round


def _applicant_districts(user, round):  # type: ignore[no-untyped-def]
    codes = [code for code in scope_for(user).assigned_codes if services.can_apply_for(user, code)]
    return services.eligible_districts(round).filter(pk__in=codes).order_by("code")


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Create or edit the application of the user's own district, and submit it, before the deadline."""
    round = get_round(request.user, pk)
    districts = _applicant_districts(request.user, round)
    if not districts.exists():
        raise PermissionDenied
    chosen = request.POST.get("district") or request.GET.get("district") or districts[0].code
    current = Application.objects.filter(round=round, district__in=districts, district_id=chosen).first()
    initial = {name: getattr(current, name) for name in services.APPLICATION_FIELDS} if current else {}
    form = ApplicationForm(request.POST or None, districts=districts, initial={**initial, "district": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.save_application(
                round,
                data["district"].code,
                actor=request.user,
                submit=request.POST.get("submit") == "1",
                **{name: data[name] for name in services.APPLICATION_FIELDS},
            )
        except REFUSED as exc:
            form.add_error(None, user_message(exc))
        else:
            text = _("ส่งใบสมัครแล้ว") if application.is_submitted else _("บันทึกร่างใบสมัครแล้ว")
            return done(request, "selection:application", application.pk, ok=text)
    return render(
        request,
        "selection/application_form.html",
        {"form": form, "round": round, "application": current, "open": round.accepts_applications},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request.user, pk)
    round = application.round
    own = services.can_apply_for(request.user, application.district_id)
    manage = services.can_manage(request.user)
    return render(
        request,
        "selection/application_detail.html",
        {
            "application": application,
            "round": round,
            "own": own,
            "editable": own and round.accepts_applications,
            "judging": services.assignment_for(request.user, application) is not None,
            "attachments": application.attachments.all(),
            "attachment_form": AttachmentForm(),
            # The score log (who scored what, when, old and new) is for the ministry.
            "changes": ScoreChange.objects.filter(application=application).select_related(
                "criterion", "judge", "changed_by"
            )
            if manage or scope_for(request.user).everything
            else (),
        },
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    from tuksuk.cases.media import UploadRejected

    application = get_application(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return done(request, "selection:application", pk, error=PermissionDenied(form_errors(form)))
    try:
        services.attach_file(
            application, form.cleaned_data["file"], actor=request.user, caption=form.cleaned_data["caption"]
        )
    except UploadRejected as exc:
        return done(request, "selection:application", pk, error=PermissionDenied(exc.message))
    except REFUSED as exc:
        return done(request, "selection:application", pk, error=exc)
    return done(request, "selection:application", pk, ok=_("แนบไฟล์แล้ว"))


@login_required
def attachment_file(request: HttpRequest, token: str, variant: str = "file") -> FileResponse:
    from tuksuk.cases.media import serve_stored

    item = get_for_user(ApplicationAttachment.objects.select_related("application"), request.user, token=token)
    return serve_stored(item, variant)
