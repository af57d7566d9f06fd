"""The change log's one mechanism: model signals for every tracked record, field by field.

``pre_save`` reads the row as stored (only the fields being saved), ``post_save`` compares and writes one
``ChangeLogEntry`` when something changed, ``post_delete`` keeps the deleted values, ``m2m_changed`` records
many-to-many sets (indicators, agencies, beneficiaries) as before/after lists of ids. The actor, request id and
source come from ``context.current()``. The row is written in the same transaction as the change, so a change that
is rolled back leaves no log row, and a log row never describes a change that did not happen.

What signals cannot see: ``QuerySet.update()``, ``bulk_create()``, ``bulk_update()`` and raw SQL. Code that uses
them for records must call ``services.record_bulk_created`` (or be synthetic benchmark data, documented as such).
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist

from . import tracking
from .choices import ChangeAction
from .context import current
from .models import ChangeLogEntry

_BEFORE = "_audit_before"
_M2M_BEFORE = "_audit_m2m_before"


# --- signal receivers --------------------------------------------------------------------------------------------


def on_pre_save(sender, instance, raw=False, update_fields=None, using=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if raw or instance.pk is None or not tracking.is_tracked(sender):
        return
    fields = _fields(sender, update_fields)
    if not fields:
        return  # only bookkeeping is saved (``last_login``, ``updated_at``)
    row = sender._base_manager.using(using).filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
    instance.__dict__[_BEFORE] = row  # None: a new row with a preset primary key


def on_post_save(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if raw or not tracking.is_tracked(sender):
        return
    before = instance.__dict__.pop(_BEFORE, None)
    fields = _fields(sender, update_fields)
    if not fields:
        return
    if created or before is None:
        changes = field_values(instance, fields, "after")
        action = ChangeAction.CREATE if created else ChangeAction.UPDATE
    else:
        changes = {}
        for field in fields:
            old, new = before.get(field.attname), getattr(instance, field.attname)
            if not tracking.same(field, old, new):
                changes[field.name] = (
                    tracking.SECRET
                    if tracking.is_secret(field)
                    else {"before": tracking.plain(old), "after": tracking.plain(new)}
                )
        action = ChangeAction.UPDATE
    if changes:
        write(instance, action, changes)


def on_post_delete(sender, instance, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if tracking.is_tracked(sender):
        write(instance, ChangeAction.DELETE, field_values(instance, tracking.logged_fields(sender), "before"))


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if not tracking.is_tracked(type(instance)):
        return
    name = _m2m_name(instance, sender, reverse)
    if name is None:
        return
    stash = instance.__dict__.setdefault(_M2M_BEFORE, {})
    if action.startswith("pre_"):
        stash[name] = set(getattr(instance, name).values_list("pk", flat=True))
        return
    before = stash.pop(name, None)
    if before is None:
        return
    after = {"post_add": before | set(pk_set or ()), "post_remove": before - set(pk_set or ())}.get(action, set())
    if before != after:
        changes = {name: {"before": sorted(before, key=str), "after": sorted(after, key=str)}}
        write(instance, ChangeAction.UPDATE, tracking.plain(changes))


# --- writing -------------------------------------------------------------------------------------------------------


def write(instance, action: str, changes: dict) -> ChangeLogEntry:  # type: ignore[no-untyped-def]
    context = current()
    entry = entry_for(instance, action, changes, context)
    entry.save()
    from .security import after_change

    after_change(instance, action, changes, context)
    return entry


def entry_for(instance, action: str, changes: dict, context) -> ChangeLogEntry:  # type: ignore[no-untyped-def]
    """The (unsaved) log row describing ``changes`` of ``instance`` made in ``context``."""
    user = context.user
    root_type, root_id, root = root_of(instance)
    area = area_code_of(root) if root is not None else ""
    return ChangeLogEntry(
        actor_id=getattr(user, "pk", None),
        actor_username=getattr(user, "username", "") if user else "",
        source=context.source,
        request_id=context.request_id,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=tracking.plain(_repr(instance))[:200],
        root_type=root_type,
        root_id=root_id,
        house_code=house_code_of(root) if root is not None else "",
        area_code=area or (area_code_of(instance) if root is not instance else ""),
        changes=changes,
    )


def root_of(instance):  # type: ignore[no-untyped-def]
    """``(label, id, object or None)`` of the record whose History tab shows changes of ``instance``."""
    path = tracking.ROOTS.get(instance._meta.label_lower)
    if not path:
        return instance._meta.label_lower, str(instance.pk), instance
    *hops, last = path.split("__")
    obj = instance
    try:
        for hop in hops:
            obj = getattr(obj, hop)
        field = obj._meta.get_field(last)
        root_id = getattr(obj, field.attname)
    except (ObjectDoesNotExist, AttributeError, FieldDoesNotExist):
        return instance._meta.label_lower, str(instance.pk), instance
    if root_id is None:
        return instance._meta.label_lower, str(instance.pk), instance
    root_model = field.related_model
    root = obj._state.fields_cache.get(field.cache_name) or root_model._base_manager.filter(pk=root_id).first()
    return root_model._meta.label_lower, str(root_id), root


def area_code_of(obj) -> str:  # type: ignore[no-untyped-def]
    """The DOPA code of the area ``obj`` belongs to, read along its queryset's ``area_field``."""
    path = getattr(type(obj)._default_manager.all(), "area_field", None)
    try:
        if path is None:
            return str(getattr(obj, "area_id", "") or "")
        parts = path.split("__")
        current_obj = obj
        for index, part in enumerate(parts):
            field = current_obj._meta.get_field(part)
            if field.many_to_many or field.one_to_many:
                return ""  # a record of several areas (a breach) has no one area code
            if index == len(parts) - 2 and field.is_relation and field.target_field.name == parts[-1]:
                return str(getattr(current_obj, field.attname) or "")
            current_obj = getattr(current_obj, part)
            if current_obj is None:
                return ""
        return str(current_obj)
    except (ObjectDoesNotExist, AttributeError, FieldDoesNotExist):
        return ""


def house_code_of(obj) -> str:  # type: ignore[no-untyped-def]
    """The house code of a household, or of the household a record (a story) belongs to."""
    code = getattr(obj, "house_code", None)
    if isinstance(code, str):
        return code
    household_id = getattr(obj, "household_id", None)
    if household_id is None:
        return ""
    cached = obj._state.fields_cache.get("household")
    if cached is not None:
        return cached.house_code
    from tuksuk.households.models import Household

    return Household._base_manager.filter(pk=household_id).values_list("house_code", flat=True).first() or ""


def _fields(model, update_fields):  # type: ignore[no-untyped-def]
    fields = tracking.logged_fields(model)
    if update_fields:
        wanted = set(update_fields)
        fields = tuple(f for f in fields if f.name in wanted or f.attname in wanted)
    return fields


def field_values(instance, fields, key: str) -> dict:  # type: ignore[no-untyped-def]
    changes = {}
    for field in fields:
        value = getattr(instance, field.attname)
        if value is None or value == "" or value == [] or value == {}:
            continue
        changes[field.name] = tracking.SECRET if tracking.is_secret(field) else {key: tracking.plain(value)}
    return changes


def _m2m_name(instance, through, reverse: bool) -> str | None:  # type: ignore[no-untyped-def]
    if not reverse:
        for field in instance._meta.many_to_many:
            if field.remote_field.through is through:
                return field.name
        return None
    for relation in instance._meta.related_objects:
        if relation.many_to_many and relation.through is through:
            return relation.get_accessor_name()
    return None


def _repr(instance) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(instance)
    except Exception:  # a __str__ that follows a deleted relation must not block the change
        return f"{instance._meta.label_lower} {instance.pk}"
