"""Certificates (ปัญญาบัตร/วุฒิบัตร): issuing them to the participants who earned one, the printable PDF with its
verification code and QR, and the public verification page (no login) that shows only the participant's name, the
course and the date for a valid code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuksuk.accounts.scope import get_for_user
from tuksuk.core.pdf import html_to_pdf
from tuksuk.core.qr import qr_svg

from . import services, tokens
from .forms import CodeForm
from .models import Certificate
from .views import get_course


def verify_url(request: HttpRequest, certificate: Certificate) -> str:
    return request.build_absolute_uri(f"{reverse('training:verify')}?{urlencode({'code': certificate.code})}")


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course(request.user, pk)
    if not services.can_organise(request.user, course):
        raise PermissionDenied
    issued = services.issue_certificates(course, actor=request.user)
    if issued:
        messages.success(request, _("ออกเกียรติบัตรใหม่ %(n)d ฉบับ") % {"n": len(issued)})
    else:
        messages.info(request, _("ไม่มีผู้มีสิทธิ์ได้รับเกียรติบัตรเพิ่ม (ต้องเข้าร่วมอย่างน้อยร้อยละ 80 หรือมีเหตุผลการขาดที่ได้รับการยอมรับ)"))
    return redirect("training:course", pk=course.pk)


def certificate_pdf_bytes(certificate: Certificate, *, url: str) -> bytes:
    """The certificate as an A4 landscape PDF in Thai, with the verification code and a QR of ``url``."""
    participant = certificate.participant
    course = participant.course
    sessions = list(course.sessions.select_related("province").order_by("starts_on"))
    with translation.override("th"):
        html = render_to_string(
            "training/certificate_print.html",
            {
                "certificate": certificate,
                "participant": participant,
                "course": course,
                "first_day": sessions[0].starts_on if sessions else None,
                "last_day": sessions[-1].ends_on if sessions else None,
                "places": sorted({f"{s.place} {s.province.full_name}" for s in sessions}),
                "qr": qr_svg(url, scale=3, title=certificate.code),
                "url": url,
                "now": timezone.now(),
            },
        )
    return html_to_pdf(html)


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_for_user(
        Certificate.objects.select_related("participant__course__area", "participant__district__parent"),
        request.user,
        pk=pk,
    )
    pdf = certificate_pdf_bytes(certificate, url=verify_url(request, certificate))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response


def verify(request: HttpRequest) -> HttpResponse:
    """Public: is this certificate genuine? Only the name, the course and the date are shown, nothing else."""
    form = CodeForm(request.GET or None)
    found = None
    checked = False
    if request.GET.get("code") is not None and form.is_valid():
        checked = True
        text = tokens.normalise_code(form.cleaned_data["code"])
        code = f"{text[:5]}-{text[5:]}"
        certificate = Certificate.objects.select_related("participant__course").filter(code=code).first()
        if certificate is not None:
            found = {
                "name": certificate.participant.full_name,
                "course": certificate.participant.course.title,
                "kind": certificate.get_kind_display(),
                "date": certificate.issued_on,
            }
    elif request.GET.get("code") is not None:
        checked = True
    response = render(request, "training/verify.html", {"form": form, "found": found, "checked": checked})
    response["X-Robots-Tag"] = "noindex"
    return response
