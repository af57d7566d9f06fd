"""Idle timeout: a session ends after ``TUKSUK_IDLE_MINUTES`` (default 30) without a request.

The absolute limit stays ``SESSION_COOKIE_AGE`` (8 hours from login). The time of the last request is kept in the
session, rewritten at most once a minute (``TOUCH_SECONDS``) so that ordinary requests do not write the session.
A timed-out user is logged out and sent to the login page with a Thai message (htmx requests get ``HX-Redirect``;
API calls simply continue unauthenticated and are refused by the API's own permissions).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

SEEN_KEY = "tuksuk_seen"
TOUCH_SECONDS = 60
DEFAULT_IDLE_MINUTES = 30


def idle_seconds() -> int:
    return int(getattr(settings, "TUKSUK_IDLE_MINUTES", DEFAULT_IDLE_MINUTES) or DEFAULT_IDLE_MINUTES) * 60


def on_logged_in(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """The clock starts at login (so the first request after it writes nothing)."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Logs out a session idle for too long. Install after ``AuthenticationMiddleware`` and ``MessageMiddleware``."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # No session cookie, nothing to time out: leave the session untouched (public pages stay cacheable).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or SESSION_KEY not in request.session:
            return self.get_response(request)
        now = int(time.time())
        seen = request.session.get(SEEN_KEY)
        if isinstance(seen, int) and now - seen > idle_seconds():
            return self._timed_out(request)
        if not isinstance(seen, int) or now - seen >= TOUCH_SECONDS:
            request.session[SEEN_KEY] = now
        return self.get_response(request)

    def _timed_out(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)
        messages.warning(request, _("หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง"))
        target = reverse("login")
        if request.method == "GET" and not request.headers.get("HX-Request"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
