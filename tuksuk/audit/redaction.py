"""Redacting personal values in the audit trail: the one narrow exception to append-only (PDPA s.33 erasure).

The logs stay append-only for everyone and everything else. Only ``redact`` may change a row, and only so:

- a change-log row keeps its time, actor, source, request id, action and record; the values of the named fields
  (before and after) become ``REDACTED``; its ``object_repr`` may be replaced by a neutral one; its ``house_code``
  (and an access-log row's ``house_code``) may be replaced by the household's anonymous code;
- the database checks the same (migration 0003): an UPDATE passes only while the redaction flag is set in the
  same transaction and only the columns above differ; DELETE is always refused.

The caller (``tuksuk.privacy``: carrying out an erasure request) records who redacted which entries for which
request; ``redact`` returns the ids of the change-log rows it changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, models, transaction

from . import tracking
from .models import AccessLogEntry, ChangeLogEntry

REDACTED = "[ลบตามคำขอเจ้าของข้อมูล]"


@dataclass(frozen=True)
class Target:
    """The change-log rows of one record whose values of ``fields`` are to be redacted."""

    object_type: str  # model label, e.g. "households.member"
    object_id: str
    fields: frozenset[str]
    object_repr: str | None = None  # the neutral text to show for the record, or None to keep it


@contextmanager
def _flag():  # type: ignore[no-untyped-def]
    """Set the redaction flag for the rest of the surrounding transaction's work inside the block."""
    if not connection.in_atomic_block:
        raise RuntimeError("redaction must run inside a transaction")
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT set_config('tuksuk.redact', 'on', true)")
        elif vendor == "sqlite":
            cursor.execute("INSERT INTO audit_redaction_flag (id) VALUES (1)")
    yield
    # On an error the transaction (or its savepoint) rolls back, and the flag with it.
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT set_config('tuksuk.redact', 'off', true)")
        elif vendor == "sqlite":
            cursor.execute("DELETE FROM audit_redaction_flag")


def _update(queryset: models.QuerySet, **values) -> int:  # type: ignore[no-untyped-def]
    # The audit querysets refuse update(); this path is the one exception, checked again by the database trigger.
    return models.QuerySet.update(queryset, **values)


def redacted_changes(changes: Mapping, fields: Iterable[str]) -> dict:
    """``changes`` with the before/after values of ``fields`` replaced by the marker (secret ones stay as they are)."""
    wanted = set(fields)
    result = {}
    for name, change in changes.items():
        if name in wanted and isinstance(change, dict) and change != tracking.SECRET:
            result[name] = {key: (REDACTED if value not in (None, "") else value) for key, value in change.items()}
        else:
            result[name] = change
    return result


@transaction.atomic
def redact(targets: Iterable[Target], *, house_code: tuple[str, str] | None = None) -> list[int]:
    """Redact the change-log rows of ``targets``; with ``house_code=(old, new)`` also replace the house code on
    every change-log and access-log row that carries ``old``. Returns the ids of the change-log rows changed."""
    changed: set[int] = set()
    with _flag():
        for target in targets:
            rows = ChangeLogEntry.objects.filter(object_type=target.object_type, object_id=target.object_id)
            for entry in rows.only("pk", "changes", "object_repr"):
                changes = redacted_changes(entry.changes or {}, target.fields)
                values: dict = {}
                if changes != entry.changes:
                    values["changes"] = changes
                if target.object_repr is not None and entry.object_repr != target.object_repr:
                    values["object_repr"] = target.object_repr[:200]
                if values:
                    _update(ChangeLogEntry.objects.filter(pk=entry.pk), **values)
                    changed.add(entry.pk)
        if house_code and house_code[0] and house_code[0] != house_code[1]:
            old, new = house_code
            changed |= set(ChangeLogEntry.objects.filter(house_code=old).values_list("pk", flat=True))
            _update(ChangeLogEntry.objects.filter(house_code=old), house_code=new)
            _update(AccessLogEntry.objects.filter(house_code=old), house_code=new)
    return sorted(changed)
