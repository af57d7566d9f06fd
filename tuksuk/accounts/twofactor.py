"""Two-factor login (TOTP, django-otp): who may or must use it, and the one gate that enforces it.

The rules, all here:

1. Users holding a role in ``TWO_FACTOR_ROLES`` (ministry, auditor, province) may turn it on at
   ``/accounts/two-factor/``; nobody else sees that page, except a user who already has a device (to turn it off).
2. ``TUKSUK_REQUIRE_2FA_ROLES`` (a comma list of role codes, empty by default) makes it mandatory for those roles:
   after the password such a user is sent to set it up before any other page.
3. Only a *confirmed* device counts (one whose first code was entered correctly): a half-finished setup is never
   asked for at login.
4. A user with a confirmed device who logged in with a password is not fully logged in until a code from the app
   (or a one-time backup code) is entered: ``TwoFactorMiddleware`` sends them to the code page for every page
   except the code page, logout, language switching and static files (``EXEMPT_VIEWS``).

What the gate needs is kept in the session (``STATE_KEY``), set at login and looked up again at most once a minute,
so an ordinary request costs no query; a device turned on in another session is enforced here within a minute.
"""

from __future__ import annotations

import time
from base64 import b32encode
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .roles import TWO_FACTOR_ROLES
from .scope import scope_for

ISSUER = "Tuksuk"
STATE_KEY = "tuksuk_2fa"
# Wrong codes entered on the code page in this login; at MAX_ATTEMPTS the user is sent back to the password.
ATTEMPTS_KEY = "tuksuk_otp_attempts"
MAX_ATTEMPTS = 5
RECHECK_SECONDS = 60
VERIFY, SETUP, NONE = "verify", "setup", ""

# Views an unverified user may still reach (URL names).
EXEMPT_VIEWS = frozenset({"logout", "otp-verify", "set_language", "javascript-catalog"})
# What a user who must set up two-factor may reach besides those: the setup pages.
SETUP_VIEWS = frozenset({"two-factor", "two-factor-setup", "two-factor-backup-codes", "two-factor-backup-download"})


def required_roles() -> frozenset[str]:
    value = getattr(settings, "TUKSUK_REQUIRE_2FA_ROLES", ()) or ()
    if isinstance(value, str):
        value = value.split(",")
    return frozenset(role.strip() for role in value if role.strip())


def is_required_for(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether one of the user's roles must use two-factor login (``TUKSUK_REQUIRE_2FA_ROLES``)."""
    return bool(scope_for(user).roles & required_roles())


def confirmed_device(user):  # type: ignore[no-untyped-def]
    """The user's confirmed TOTP device, or ``None``."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user):  # type: ignore[no-untyped-def]
    """The device being set up (QR shown, first code not yet entered), or ``None``."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def has_two_factor(user) -> bool:  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def eligible(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether the user holds a role that may (or must) use two-factor login. No query beyond the user's scope."""
    return bool(scope_for(user).roles & (TWO_FACTOR_ROLES | required_roles()))


def can_use(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether the user may see the two-factor page: an eligible role, or a device already on (to turn it off)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return eligible(user) or has_two_factor(user)


def need_of(user) -> str:  # type: ignore[no-untyped-def]
    """What the user must do after the password: enter a code, set two-factor up, or nothing."""
    if has_two_factor(user):
        return VERIFY
    return SETUP if is_required_for(user) else NONE


def remember(request: HttpRequest, user) -> str:  # type: ignore[no-untyped-def]
    need = need_of(user)
    request.session[STATE_KEY] = {"need": need, "at": int(time.time())}
    return need


def on_logged_in(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """Password accepted: note whether a code (or a setup) is still needed before the user is fully in."""
    if request is not None and hasattr(request, "session"):
        remember(request, user)
        request.session.pop(ATTEMPTS_KEY, None)


def totp_uri(device) -> str:  # type: ignore[no-untyped-def]
    """The ``otpauth://`` URI an authenticator app reads from the QR code (issuer "Tuksuk")."""
    label = quote(f"{ISSUER}:{device.user.get_username()}")
    params = urlencode(
        {
            "secret": secret_of(device),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{params}"


def secret_of(device) -> str:  # type: ignore[no-untyped-def]
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def secret_groups(device) -> list[str]:  # type: ignore[no-untyped-def]
    """The secret in groups of four, for typing into an app by hand."""
    secret = secret_of(device)
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


def allowed_next(request: HttpRequest) -> str:
    """The ``next`` the request carries when it is a page of this site, else ``""``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def safe_next(request: HttpRequest, fallback: str = "home") -> str:
    return allowed_next(request) or reverse(fallback)


class TwoFactorMiddleware:
    """The one place that keeps a half-logged-in user (password only) away from every page but the code page.

    Install after ``django_otp.middleware.OTPMiddleware`` and ``MessageMiddleware``.
    """

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:  # type: ignore[no-untyped-def]
        # No session cookie, no login: leave the session untouched (public pages stay cacheable, no Vary: Cookie).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or SESSION_KEY not in request.session:
            return None
        if request.path.startswith(settings.STATIC_URL or "/static/"):
            return None
        state = request.session.get(STATE_KEY)
        if not isinstance(state, dict) or time.time() - state.get("at", 0) >= RECHECK_SECONDS:
            if not request.user.is_authenticated:
                return None
            need = remember(request, request.user)
        else:
            need = state.get("need", NONE)
        if need == NONE:
            return None
        if request.user.is_verified():
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in EXEMPT_VIEWS or (need == SETUP and name in SETUP_VIEWS):
            return None
        return self._refuse(request, need)

    def _refuse(self, request: HttpRequest, need: str) -> HttpResponse:
        if need == VERIFY:
            target = reverse("otp-verify")
            message = _("กรุณากรอกรหัสยืนยันตัวตนสองชั้นก่อนใช้งาน")
        else:
            target = reverse("two-factor")
            message = _("บทบาทของคุณต้องเปิดใช้การยืนยันตัวตนสองชั้นก่อนใช้งาน")
        if request.path.startswith("/api/"):
            return JsonResponse({"message": message}, status=403)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
