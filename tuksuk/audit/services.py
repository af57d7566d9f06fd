"""Writing the access log, and the change log for bulk writes the model signals cannot see.

``log_access`` is the one function every view, API endpoint, download and export of personal data calls::

    log_access(request, AccessAction.VIEW, obj=household)
    log_access(request, AccessAction.EXPORT, object_type="cases.story", filters=request.GET, row_count=n)

It records identifiers only: the object's type and id, its household's id and house code, its area code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import models

from . import tracking
from .choices import AccessAction, ChangeAction
from .context import AuditContext, client_ip, current
from .models import AccessLogEntry

# Filter parameters that carry free text (a name, a typed citizen ID): logged as redacted, never as typed.
FREE_TEXT_FILTERS = frozenset({"q", "search", "name", "head_name", "full_name", "citizen_id"})
REDACTED = "[ข้อความค้นหา]"
# Parameters that say how to show or deliver a list, not which rows: not part of the filter.
PRESENTATION_PARAMS = frozenset({"page", "page_size", "export", "format", "file_format", "sort"})


def log_access(
    request,
    action: str,
    *,
    obj: models.Model | None = None,
    object_type: str = "",
    filters: Mapping | None = None,
    row_count: int | None = None,
    detail: dict | None = None,
) -> AccessLogEntry:  # type: ignore[no-untyped-def]
    """Record that the requesting user opened, exported or downloaded personal data.

    ``obj`` is the record opened (a household, a story, a piece of evidence …): its household is found from it.
    For an export give ``object_type`` (what was exported), the ``filters`` applied and the ``row_count``.
    """
    context = current()
    if context.request is not request:
        context = AuditContext(
            source=context.source,
            request_id=getattr(request, "id", "") or context.request_id,
            ip=client_ip(request),
            request=request,
        )
    household = household_of(obj) if obj is not None else None
    extra = dict(detail or {})
    if filters is not None:
        extra["filter"] = describe_filters(filters)
    return write_access(
        action,
        context=context,
        user=getattr(request, "user", None),
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else "",
        household=household,
        area_code=_area_of(obj, household),
        row_count=row_count,
        detail=extra,
    )


def write_access(
    action: str,
    *,
    context: AuditContext | None = None,
    user=None,
    username: str = "",
    object_type: str = "",
    object_id: str = "",
    household=None,
    area_code: str = "",
    row_count: int | None = None,
    detail: dict | None = None,
    at=None,
) -> AccessLogEntry:  # type: ignore[no-untyped-def]
    context = context or current()
    if user is None or not getattr(user, "is_authenticated", False):
        user = context.user
    entry = AccessLogEntry(
        user_id=getattr(user, "pk", None),
        username=(getattr(user, "username", "") if user else "") or username,
        action=action,
        source=context.source,
        object_type=object_type,
        object_id=object_id,
        household_id=household.pk if household is not None else None,
        house_code=household.house_code if household is not None else "",
        area_code=area_code or "",
        row_count=row_count,
        detail=tracking.plain(detail or {}),
        request_id=context.request_id,
        ip=context.ip,
    )
    if at is not None:
        entry.at = at
    entry.save()
    return entry


def household_of(obj):  # type: ignore[no-untyped-def]
    """The household a record is about: itself, its ``household``, or its story's household."""
    from tuksuk.households.models import Household

    if isinstance(obj, Household):
        return obj
    for path in ("household", "story"):
        related = getattr(obj, path, None)
        if isinstance(related, Household):
            return related
        if related is not None and path == "story":
            return getattr(related, "household", None)
    return None


def _area_of(obj, household) -> str:  # type: ignore[no-untyped-def]
    from .changes import area_code_of

    if household is not None:
        return household.village_id or ""
    return area_code_of(obj) if obj is not None else ""


def describe_filters(params: Mapping) -> dict:
    """The filter of a list or export as ``{name: value}``, free text redacted, empty values and paging left out."""
    described: dict[str, object] = {}
    keys = params.keys() if hasattr(params, "keys") else []
    for key in sorted(keys):
        if key in PRESENTATION_PARAMS:
            continue
        values = params.getlist(key) if hasattr(params, "getlist") else [params[key]]
        values = [str(v) for v in values if str(v).strip()]
        if not values:
            continue
        if key in FREE_TEXT_FILTERS:
            described[key] = REDACTED
        else:
            described[key] = values[0] if len(values) == 1 else values
    return described


def record_bulk_created(objects: Iterable[models.Model]) -> int:
    """Log rows made by ``bulk_create`` (which sends no signals) as if each had been saved: call it right after.

    The objects need their primary keys (PostgreSQL and SQLite return them from ``bulk_create``).
    """
    from tuksuk.core.copyload import insert

    from .changes import entry_for, field_values
    from .context import current

    context = current()
    entries = [
        entry_for(obj, ChangeAction.CREATE, field_values(obj, tracking.logged_fields(type(obj)), "after"), context)
        for obj in objects
        if obj.pk is not None and tracking.is_tracked(type(obj))
    ]
    insert(entries)
    return len(entries)


__all__ = ["AccessAction", "describe_filters", "log_access", "record_bulk_created", "write_access"]
