"""Logins, failed logins, logouts and permission changes, written to the access log.

Permission changes are seen in the change log's own stream (``after_change``): a role assignment created or
revoked, a user deactivated or reactivated — whether through the admin, the API, ``add_user`` or the shell.
"""

from __future__ import annotations

from .choices import AccessAction, ChangeAction
from .context import AuditContext, client_ip, current


def after_change(instance, action: str, changes: dict, context: AuditContext) -> None:  # type: ignore[no-untyped-def]
    label = instance._meta.label_lower
    if label == "accounts.roleassignment":
        revoked = "revoked_at" in changes and changes["revoked_at"].get("after") and action == ChangeAction.UPDATE
        if action == ChangeAction.CREATE and not instance.revoked_at:
            _permission_event(AccessAction.ROLE_GRANTED, instance.user_id, instance, context)
        elif revoked or action == ChangeAction.DELETE:
            _permission_event(AccessAction.ROLE_REVOKED, instance.user_id, instance, context)
    elif label == "accounts.user" and action == ChangeAction.UPDATE and "is_active" in changes:
        active = changes["is_active"].get("after")
        kind = AccessAction.USER_REACTIVATED if active else AccessAction.USER_DEACTIVATED
        _permission_event(kind, instance.pk, None, context)


def _permission_event(action: str, user_id, assignment, context: AuditContext) -> None:  # type: ignore[no-untyped-def]
    from .services import write_access

    detail = {}
    if assignment is not None:
        detail = {"role": assignment.role, "area": assignment.area_id or "", "agency": assignment.agency_id}
    write_access(
        action,
        context=context,
        object_type="accounts.user",
        object_id=str(user_id),
        area_code=detail.get("area", "") if detail else "",
        detail=detail,
    )


def on_logged_in(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from .services import write_access

    context = _context(request)
    write_access(AccessAction.LOGIN, context=context, user=user, object_type="accounts.user", object_id=str(user.pk))


def on_logged_out(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from .services import write_access

    if user is not None:
        context = _context(request)
        write_access(
            AccessAction.LOGOUT, context=context, user=user, object_type="accounts.user", object_id=str(user.pk)
        )


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """The attempted username is kept (it is the identifier under attack); the password never is."""
    from .services import write_access

    attempted = str((credentials or {}).get("username", ""))[:150]
    write_access(AccessAction.LOGIN_FAILED, context=_context(request), username=attempted, detail={})


def _context(request) -> AuditContext:  # type: ignore[no-untyped-def]
    context = current()
    if request is None or context.request is not None:
        return context
    # A login outside the middleware (the test client's force_login, a script): take what the request says.
    request_id = getattr(request, "id", "")
    return AuditContext(source=context.source, request_id=request_id, ip=client_ip(request), request=request)
