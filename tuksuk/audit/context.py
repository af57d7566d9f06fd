"""Who is acting, and as part of which request, for every log row written while the work runs.

The request-id middleware (``tuksuk.core.middleware``) binds the current request for the length of each request;
commands, background jobs and imports say who they act for with::

    with audit_context(actor=user, source=Source.IMPORT):
        import_stories(...)

The value lives in a ``ContextVar``, so concurrent requests (threads or async tasks) never see each other's actor.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from .choices import Source


@dataclass(frozen=True)
class AuditContext:
    source: str = Source.SYSTEM
    request_id: str = ""
    ip: str | None = None
    request: Any = None  # the HttpRequest: its user is read when a row is written (authentication runs later)
    actor: Any = None  # an explicit actor (commands, jobs, imports)

    @property
    def user(self):  # type: ignore[no-untyped-def]
        """The acting user, or None (anonymous, or the system itself)."""
        if self.actor is not None:
            return self.actor
        user = getattr(self.request, "user", None) if self.request is not None else None
        return user if user is not None and getattr(user, "is_authenticated", False) else None


_current: ContextVar[AuditContext | None] = ContextVar("tuksuk_audit_context", default=None)


def current() -> AuditContext:
    return _current.get() or AuditContext()


def client_ip(request) -> str | None:  # type: ignore[no-untyped-def]
    """The caller's address as the server saw it (a TLS proxy in front must pass REMOTE_ADDR through)."""
    value = (request.META.get("REMOTE_ADDR") or "").strip()
    return value or None


def bind_request(request):  # type: ignore[no-untyped-def]
    """Make ``request`` the context of the rows written while it is served; returns the token for ``unbind``."""
    source = Source.API if request.path.startswith("/api/") else Source.WEB
    context = AuditContext(source=source, request_id=getattr(request, "id", ""), ip=client_ip(request), request=request)
    return _current.set(context)


def unbind(token) -> None:  # type: ignore[no-untyped-def]
    _current.reset(token)


def acting(source: str):  # type: ignore[no-untyped-def]
    """Decorate a function that takes ``actor=``: every change it makes is attributed to that actor and source."""

    def wrap(function):  # type: ignore[no-untyped-def]
        @functools.wraps(function)
        def inner(*args, **kwargs):  # type: ignore[no-untyped-def]
            with audit_context(actor=kwargs.get("actor"), source=source):
                return function(*args, **kwargs)

        return inner

    return wrap


@contextmanager
def audit_context(*, actor=None, source: str = Source.COMMAND, request_id: str = "") -> Iterator[AuditContext]:  # type: ignore[no-untyped-def]
    """Attribute every change made inside the block to ``actor`` (a command, job, import or the demo).

    Inside a request the request id is kept, so a job started inline still ties to the click that started it.
    """
    outer = _current.get()
    context = AuditContext(
        source=source,
        request_id=request_id or (outer.request_id if outer else "") or f"{source}-{uuid.uuid4().hex[:12]}",
        ip=outer.ip if outer else None,
        actor=actor,
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
