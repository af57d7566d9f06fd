"""Showing log rows to people: model and field names in the user's language, values as recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from tuksuk.core import thai

from .models import ChangeLogEntry


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    secret: bool = False


@cache
def _model(label: str):  # type: ignore[no-untyped-def]
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def type_label(label: str) -> str:
    """``households.household`` → ``ครัวเรือน`` (the model's verbose name), or the label when unknown."""
    model = _model(label)
    return str(model._meta.verbose_name) if model is not None else label


def field_changes(entry: ChangeLogEntry) -> list[FieldChange]:
    model = _model(entry.object_type)
    rows = []
    secrets_shown = set()
    for name, change in (entry.changes or {}).items():
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", "") or name)
        if not isinstance(change, dict) or change.get("changed"):
            label = _secret_label(name, label)
            if label not in secrets_shown:  # the hash, ciphertext and last digits of one ID are one line
                secrets_shown.add(label)
                rows.append(FieldChange(label, "", _("เปลี่ยนแล้ว (ข้อมูลลับ ไม่แสดงค่า)"), secret=True))
            continue
        rows.append(FieldChange(label, _shown(field, change.get("before")), _shown(field, change.get("after"))))
    return rows


def _secret_label(name: str, label: str) -> str:
    if "citizen_id" in name:
        return _("เลขประจำตัวประชาชน")
    if "password" in name:
        return _("รหัสผ่าน")
    return label


def _field(model, name: str):  # type: ignore[no-untyped-def]
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _shown(field, value) -> str:  # type: ignore[no-untyped-def]
    if value is None or value == "":
        return "–"
    choices = dict(getattr(field, "flatchoices", None) or ())
    if not isinstance(value, list | dict) and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(field, models.DateField) and isinstance(value, str):
        return _date(value, with_time=isinstance(field, models.DateTimeField))
    return str(value)


def _date(text: str, *, with_time: bool) -> str:
    """An ISO date or datetime as recorded, shown in the Thai (Buddhist-era) form."""
    try:
        value = dt.datetime.fromisoformat(text) if with_time else dt.date.fromisoformat(text)
    except ValueError:
        return text
    return thai.format_datetime(value) if with_time else thai.format_date(value)
