"""What the change log records: which models, which fields, and on whose History tab a change shows.

Every model of the project's own apps (``tuksuk.*``) is tracked, so a new app's records are logged without
registering anything. Not tracked: the audit tables themselves, background-job rows (operational progress, not
records), derived figures (the reports' tallies), and timeline events (``TimelineEvent`` subclasses: they are
history already, written once).

Secret fields are never logged with a value, clear or encrypted: a field whose name says it holds a password,
token, secret, hash, ciphertext or (part of) a citizen ID, and every file field (stored names carry access tokens).
Their change is logged as ``{"changed": true}``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from functools import cache

from django.apps import apps as global_apps
from django.db import models

from tuksuk.core.fields import VillageCodeField
from tuksuk.households.citizen_id import check_digit

SKIPPED_APPS = frozenset({"audit"})
# Job rows are operational progress; tallies are figures derived from the records (which are logged themselves)
# and recounted on every write: logging them would bury the real changes and slow every page that refreshes them.
# A story's indicator links are logged on the story, as its ``indicators`` list (``m2m_changed``), not row by row.
SKIPPED_MODELS = frozenset({"jobs.job", "reports.tally", "reports.tallymark", "cases.storyindicator"})
# Bookkeeping that changes on every save or login: recording it would bury the real changes. (Village codes copied
# from a parent, ``VillageCodeField``, are bookkeeping too: the parent's area is logged on the parent.)
IGNORED_FIELDS = frozenset({"updated_at", "last_login"})
SECRET_NAME = re.compile(r"password|token|secret|hash|encrypt|citizen_id|api_key|otp", re.IGNORECASE)
SECRET = {"changed": True}
MAX_TEXT = 2000

# model label -> path to the record whose History tab shows its changes (the record itself when not listed).
ROOTS = {
    "households.member": "household",
    "cases.assignment": "story",
    "cases.action": "story",
    "cases.evidence": "story",
    "projects.activity": "project",
    "projects.budgetline": "activity__project",
    "projects.kpi": "activity__project",
    "projects.progressupdate": "activity__project",
    "projects.projectmedia": "update__activity__project",
    "accounts.roleassignment": "user",
}

# 13 digits, possibly grouped with dashes or spaces: a citizen ID typed into free text.
_ID_LIKE = re.compile(r"(?<![0-9])[0-9](?:[ -]?[0-9]){12}(?![0-9])")
_ID_REDACTED = "x-xxxx-xxxxx-xx-x"


def is_tracked(model) -> bool:  # type: ignore[no-untyped-def]
    # Historical models (inside migrations) live in another registry and are never logged.
    return model._meta.apps is global_apps and _tracked(model)


@cache
def _tracked(model) -> bool:  # type: ignore[no-untyped-def]
    from tuksuk.core.models import TimelineEvent

    meta = model._meta
    if meta.abstract or meta.auto_created or not meta.app_config.name.startswith("tuksuk."):
        return False
    if meta.app_label in SKIPPED_APPS or meta.label_lower in SKIPPED_MODELS:
        return False
    return not issubclass(model, TimelineEvent)


def is_secret(field: models.Field) -> bool:
    return bool(SECRET_NAME.search(field.name)) or isinstance(field, models.FileField)


@cache
def logged_fields(model) -> tuple[models.Field, ...]:  # type: ignore[no-untyped-def]
    """The concrete fields whose changes are recorded (the primary key and bookkeeping aside)."""
    return tuple(
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in IGNORED_FIELDS and not isinstance(f, VillageCodeField)
    )


def scrub(text: str) -> str:
    """Redact anything in free text that is a valid citizen ID (13 digits with a correct check digit)."""

    def redact(match: re.Match) -> str:
        digits = re.sub(r"[ -]", "", match.group(0))
        return _ID_REDACTED if digits[0] != "0" and check_digit(digits[:12]) == int(digits[12]) else match.group(0)

    return _ID_LIKE.sub(redact, text)


def plain(value):  # type: ignore[no-untyped-def]
    """A JSON-safe copy of a field value, with long text cut and citizen IDs redacted."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        text = scrub(value)
        return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return plain(str(value))


def same(field: models.Field, before, after) -> bool:  # type: ignore[no-untyped-def]
    """Whether two values of ``field`` are equal once parsed (``Decimal("1.00") == Decimal("1")``)."""
    if before == after:
        return True
    try:
        return field.to_python(before) == field.to_python(after)
    except Exception:  # a value that does not parse simply differs
        return False
