"""The user's own login safety pages: two-factor login (turn on, turn off, backup codes), the code page after the
password, and changing one's password.

Who may reach the two-factor pages is decided in ``twofactor.can_use`` (403 for everyone else); the code page is
for a user who has given the password and still owes a code (``twofactor.TwoFactorMiddleware`` sends them there).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tuksuk.core.qr import qr_svg

from . import services, twofactor
from .forms import CodeForm, ThaiPasswordChangeForm

# Backup codes just made, kept in the session only until shown and downloaded (at most this long).
FRESH_CODES_KEY = "tuksuk_fresh_backup_codes"
FRESH_CODES_SECONDS = 10 * 60


def _allowed(request: HttpRequest) -> None:
    if not twofactor.can_use(request.user):
        raise PermissionDenied(_("การยืนยันตัวตนสองชั้นใช้ได้เฉพาะบทบาทส่วนกลางและจังหวัด"))


def _keep_fresh_codes(request: HttpRequest, codes: list[str]) -> None:
    request.session[FRESH_CODES_KEY] = {"codes": codes, "at": int(time.time())}


def _fresh_codes(request: HttpRequest) -> list[str]:
    kept = request.session.get(FRESH_CODES_KEY)
    if not isinstance(kept, dict) or time.time() - kept.get("at", 0) > FRESH_CODES_SECONDS:
        request.session.pop(FRESH_CODES_KEY, None)
        return []
    return list(kept.get("codes", []))


def _code_error(form: CodeForm, error: ValidationError) -> None:
    form.add_error("code", error.messages[0] if error.messages else _("รหัสไม่ถูกต้อง"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """The status page: turned on or not, backup codes left; POST starts a setup (a new secret)."""
    _allowed(request)
    user = request.user
    request.session.pop(FRESH_CODES_KEY, None)
    if request.method == "POST":
        if twofactor.has_two_factor(user):
            return redirect("two-factor")
        services.start_two_factor(user, actor=user)
        return redirect(_with_next(request, "two-factor-setup"))
    device = twofactor.confirmed_device(user)
    context = {
        "device": device,
        "pending": None if device else twofactor.pending_device(user),
        "codes_left": services.backup_codes_left(user) if device else 0,
        "required": twofactor.is_required_for(user),
        "code_form": CodeForm(),
        "next": twofactor.allowed_next(request),
    }
    return render(request, "accounts/two_factor.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """The QR code and the secret of the device being set up; the first code from the app confirms it."""
    _allowed(request)
    user = request.user
    if twofactor.has_two_factor(user):
        return redirect("two-factor")
    device = twofactor.pending_device(user)
    if device is None:
        messages.info(request, _("กรุณาเริ่มการตั้งค่าใหม่"))
        return redirect("two-factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_two_factor(device, form.cleaned_data["code"], actor=user)
        except ValidationError as error:
            _code_error(form, error)
        else:
            device.refresh_from_db()
            django_otp.login(request, device)
            twofactor.remember(request, user)
            _keep_fresh_codes(request, codes)
            messages.success(request, _("เปิดใช้การยืนยันตัวตนสองชั้นแล้ว"))
            return redirect(_with_next(request, "two-factor-backup-codes"))
    uri = twofactor.totp_uri(device)
    context = {
        "form": form,
        "qr": qr_svg(uri, title=_("คิวอาร์โค้ดสำหรับแอปยืนยันตัวตน")),
        "secret_groups": twofactor.secret_groups(device),
        "next": twofactor.allowed_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    user = request.user
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            services.disable_two_factor(user, form.cleaned_data["code"], actor=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            twofactor.remember(request, user)
            messages.success(request, _("ปิดการยืนยันตัวตนสองชั้นแล้ว"))
    else:
        messages.error(request, _("กรุณากรอกรหัสจากแอปเพื่อปิดการยืนยันตัวตนสองชั้น"))
    return redirect("two-factor")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """GET: the backup codes just made (shown once). POST: new codes, after a current code."""
    _allowed(request)
    user = request.user
    if request.method == "POST":
        form = CodeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("กรุณากรอกรหัสจากแอปเพื่อสร้างรหัสสำรองชุดใหม่"))
            return redirect("two-factor")
        try:
            codes = services.renew_backup_codes(user, form.cleaned_data["code"], actor=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("two-factor")
        _keep_fresh_codes(request, codes)
        return redirect("two-factor-backup-codes")
    codes = _fresh_codes(request)
    if not codes:
        messages.info(request, _("รหัสสำรองแสดงได้ครั้งเดียวหลังสร้าง หากไม่ได้บันทึกไว้ กรุณาสร้างชุดใหม่"))
        return redirect("two-factor")
    context = {"codes": [_grouped(code) for code in codes], "next": twofactor.safe_next(request)}
    return render(request, "accounts/two_factor_backup_codes.html", context)


@never_cache
@login_required
def two_factor_backup_download(request: HttpRequest) -> HttpResponse:
    """The codes just shown, as a text file (only while they are fresh)."""
    _allowed(request)
    codes = _fresh_codes(request)
    if not codes:
        messages.info(request, _("รหัสสำรองแสดงได้ครั้งเดียวหลังสร้าง หากไม่ได้บันทึกไว้ กรุณาสร้างชุดใหม่"))
        return redirect("two-factor")
    lines = [
        _("รหัสสำรองสำหรับเข้าสู่ระบบทุกข์-สุข (Tuksuk) ของผู้ใช้ %(username)s") % {"username": request.user.get_username()},
        _("แต่ละรหัสใช้ได้ครั้งเดียว เก็บไว้ในที่ปลอดภัย"),
        "",
        *(_grouped(code) for code in codes),
        "",
    ]
    response = HttpResponse("\r\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tuksuk-backup-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of login: a code from the app or a backup code. Five wrong codes: back to the password."""
    user = request.user
    if user.is_verified() or not twofactor.has_two_factor(user):
        return redirect(twofactor.safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify_code(user, form.cleaned_data["code"], purpose="login")
        except ValidationError as error:
            attempts = request.session.get(twofactor.ATTEMPTS_KEY, 0) + 1
            if attempts >= twofactor.MAX_ATTEMPTS:
                logout(request)
                messages.error(request, _("ใส่รหัสยืนยันผิดหลายครั้ง กรุณาเข้าสู่ระบบใหม่"))
                return redirect("login")
            request.session[twofactor.ATTEMPTS_KEY] = attempts
            _code_error(form, error)
            form.add_error(None, _("ใส่ได้อีก %(n)d ครั้ง") % {"n": twofactor.MAX_ATTEMPTS - attempts})
        else:
            django_otp.login(request, device)
            request.session.pop(twofactor.ATTEMPTS_KEY, None)
            kind = "backup" if device.model_label() == "otp_static.staticdevice" else "totp"
            detail = {"device": kind}
            if kind == "backup":
                detail["codes_left"] = services.backup_codes_left(user)
            services.log_security_event(services.SecurityEvent.OTP_VERIFIED, user, **detail)
            if kind == "backup":
                messages.warning(
                    request,
                    _("ใช้รหัสสำรองแล้ว เหลืออีก %(n)d รหัส") % {"n": detail["codes_left"]},
                )
            return redirect(twofactor.safe_next(request))
    context = {"form": form, "next": twofactor.allowed_next(request)}
    return render(request, "accounts/otp_verify.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (the project's password rules apply); stays logged in, logs the change."""

    template_name = "accounts/password_change.html"
    form_class = ThaiPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        services.change_password(form.user, form.cleaned_data["new_password1"], actor=self.request.user)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("เปลี่ยนรหัสผ่านแล้ว"))
        return redirect(self.get_success_url())


def _with_next(request: HttpRequest, name: str) -> str:
    """The URL of ``name``, passing on a safe ``next`` (where the user was going before the setup)."""
    target = twofactor.allowed_next(request)
    return f"{reverse(name)}?{urlencode({'next': target})}" if target else reverse(name)


def _grouped(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"
