"""The logs' export columns and rows; ``core.downloads.csv_stream`` (streamed, any size) and ``xlsx_file``
(write-only workbook on disk) write them.

Each export is itself written to the access log (who exported which part of the log).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone

# An XLSX sheet holds 1,048,576 rows; bigger exports go to CSV.
XLSX_ROW_LIMIT = 1_000_000

ACCESS_HEADER = [
    "id",
    "at",
    "username",
    "user_id",
    "action",
    "source",
    "object_type",
    "object_id",
    "household_id",
    "house_code",
    "area_code",
    "row_count",
    "detail",
    "request_id",
    "ip",
]
CHANGE_HEADER = [
    "id",
    "at",
    "username",
    "user_id",
    "action",
    "source",
    "object_type",
    "object_id",
    "object",
    "root_type",
    "root_id",
    "house_code",
    "area_code",
    "changes",
    "request_id",
]


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def _json(value) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def access_rows(entries: QuerySet) -> Iterator[list]:
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.pk,
            _when(e.at),
            e.username,
            e.user_id or "",
            e.action,
            e.source,
            e.object_type,
            e.object_id,
            e.household_id or "",
            e.house_code,
            e.area_code,
            "" if e.row_count is None else e.row_count,
            _json(e.detail),
            e.request_id,
            e.ip or "",
        ]


def change_rows(entries: QuerySet) -> Iterator[list]:
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.pk,
            _when(e.at),
            e.actor_username,
            e.actor_id or "",
            e.action,
            e.source,
            e.object_type,
            e.object_id,
            e.object_repr,
            e.root_type,
            e.root_id,
            e.house_code,
            e.area_code,
            _json(e.changes),
            e.request_id,
        ]
