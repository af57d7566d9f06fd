"""What the selection pages share: getting a round or application the user may see (404 otherwise)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from tuksuk.accounts.scope import get_for_user
from tuksuk.core.errors import user_message

from ..models import Application, Round

REFUSED = (ValidationError, PermissionDenied)


def get_round(user, pk: int) -> Round:  # type: ignore[no-untyped-def]
    return get_for_user(Round.objects.all(), user, pk=pk)


def get_application(user, pk: int) -> Application:  # type: ignore[no-untyped-def]
    return get_for_user(Application.objects.select_related("round", "district__parent"), user, pk=pk)


def done(request, to: str, *args, ok: str = "", error: Exception | None = None):  # type: ignore[no-untyped-def]
    """Redirect with a success message, or with the refusal's message."""
    if error is not None:
        messages.error(request, user_message(error))
    elif ok:
        messages.success(request, ok)
    return redirect(to, *args)
