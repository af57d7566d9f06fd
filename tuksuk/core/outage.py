"""When the database or the job queue (Redis) is briefly unreachable, answer 503 with ``Retry-After``, never a 500.

A PostgreSQL restart, a fail-over or a Redis restart makes every request that touches them fail for a few seconds.
Those failures are not bugs: the user should see "try again in a moment" (Thai, no stack trace) and the next
request, once the service is back, must work without restarting the app. This module does the first part:

- ``OutageMiddleware`` turns an outage error into a 503 page (``503.html``, rendered standalone: no ``request.user``,
  no context processors, no ``base.html``, nothing that would need the database that just failed) or, under
  ``/api/``, JSON ``{"message", "detail", "retryable": true}``, always with ``Retry-After`` and ``Cache-Control:
  no-store``. It catches the error wherever it is raised inside it: in a view (``process_exception``), in an inner
  middleware (e.g. the session being saved after the view), or in the 500 handler itself (its page needs the user).
- ``api_exception_handler`` does the same for DRF views, which catch their exceptions before any middleware sees
  them (the REST_FRAMEWORK ``EXCEPTION_HANDLER``; everything else goes to ``tuksuk.core.api.errors``).

The second part, recovery, is Django's: a connection that failed is closed at the end of the request
(``close_old_connections``), and ``CONN_HEALTH_CHECKS`` makes a persistent connection (``CONN_MAX_AGE`` > 0) that
broke while idle reconnect instead of failing once more. The Redis client reconnects on its own.

The middleware sits just inside ``RequestIdMiddleware`` (so the 503 carries the request id) and outside
``SessionMiddleware`` and everything after it (sessions, authentication, OTP, messages, axes read the database).
``loadtest/`` checks all of this under load with the database and Redis cut mid-run.
"""

from __future__ import annotations

import logging
import sqlite3
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DATABASE, QUEUE = "database", "queue"
RETRY_AFTER_SECONDS = 15
_MARK = "_tuksuk_outage"

_DATABASE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, sqlite3.OperationalError)
try:
    import psycopg

    # Raised directly by code that uses the driver outside Django's error wrapper (COPY in bulk loads).
    _DATABASE_ERRORS += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # pragma: no cover - SQLite-only installs
    pass

_QUEUE_ERRORS: tuple[type[BaseException], ...] = ()
try:
    from redis import exceptions as redis_exceptions

    # BusyLoadingError (Redis still loading its data after a restart) is a ConnectionError.
    _QUEUE_ERRORS = (redis_exceptions.ConnectionError, redis_exceptions.TimeoutError)
except ImportError:  # pragma: no cover - installs without Redis
    pass

# SQLite reports mistakes in the code as OperationalError too: those stay 500s (a bug, not an outage).
_SQLITE_BUGS = ("no such table", "no such column", "syntax error", "has no column")


def outage_kind(exc: BaseException | None) -> str | None:
    """``"database"`` or ``"queue"`` when ``exc`` (or an exception it was raised from) means the service is
    unreachable for now, else None."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, _QUEUE_ERRORS):
            return QUEUE
        if isinstance(exc, _DATABASE_ERRORS):
            return None if any(text in str(exc).lower() for text in _SQLITE_BUGS) else DATABASE
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def retry_after() -> int:
    return int(getattr(settings, "TUKSUK_RETRY_AFTER_SECONDS", RETRY_AFTER_SECONDS))


def _texts(kind: str) -> tuple[str, str]:
    if kind == QUEUE:
        return _("ระบบงานเบื้องหลังไม่พร้อมชั่วคราว"), _("งานที่สั่งยังไม่ได้เริ่ม กรุณาลองใหม่อีกครั้งในอีกสักครู่")
    return _("ระบบฐานข้อมูลไม่พร้อมชั่วคราว"), _("กรุณาลองใหม่อีกครั้งในอีกสักครู่")


def outage_response(request: HttpRequest, exc: BaseException, kind: str = DATABASE) -> HttpResponse:
    """The 503 for ``request``: JSON under /api/, else the standalone page. Logs one line, no traceback."""
    logger.warning("Service unavailable (%s) on %s %s: %s: %s", kind, request.method, request.path,
                   type(exc).__name__, str(exc).strip().splitlines()[0] if str(exc).strip() else "")  # fmt: skip
    title, text = _texts(kind)
    seconds = retry_after()
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"message": f"{title} {text}", "detail": f"{title} {text}", "retryable": True},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        # No request: context processors (user, messages) would read the session from the database.
        html = render_to_string("503.html", {"title": title, "text": text, "seconds": seconds})
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # our warning above; not Django's ERROR line too
    return response


class OutageMiddleware:
    """Database or Redis unreachable → 503 + Retry-After (see the module docstring for where it must sit)."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response
        got_request_exception.connect(_mark_outage, dispatch_uid="tuksuk.core.outage")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except Exception as exc:
            # Raised past Django's own conversion, e.g. by the 500 page, which needs the user and so the database.
            kind = outage_kind(exc) or getattr(request, _MARK, (None, None))[0]
            if kind is None:
                raise
            return outage_response(request, exc, kind)
        marked = getattr(request, _MARK, None)
        if marked is not None and response.status_code == 500:
            # An inner middleware failed (e.g. saving the session) and Django already made a 500 page of it.
            return outage_response(request, marked[1], marked[0])
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        kind = outage_kind(exception)
        return outage_response(request, exception, kind) if kind else None


def _mark_outage(sender, request: HttpRequest | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """Django turns an exception raised in a middleware into a 500 response and tells us only through this signal:
    remember on the request that it was an outage, so ``OutageMiddleware`` can answer 503 instead."""
    exc = sys.exc_info()[1]
    kind = outage_kind(exc)
    if request is not None and kind is not None:
        setattr(request, _MARK, (kind, exc))


def api_exception_handler(exc, context):  # type: ignore[no-untyped-def]
    """REST_FRAMEWORK ``EXCEPTION_HANDLER``: an outage is a 503 with ``retryable``; anything else is answered by
    ``tuksuk.core.api.errors.exception_handler`` as before."""
    kind = outage_kind(exc)
    if kind is not None:
        return outage_response(context["request"], exc, kind)
    from tuksuk.core.api.errors import exception_handler

    return exception_handler(exc, context)
