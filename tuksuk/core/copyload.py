"""Inserting many model objects at once: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

``bulk_create`` on PostgreSQL sends each batch as one ``INSERT … SELECT * FROM UNNEST(arrays)`` statement: psycopg
escapes every text value into an array literal in Python, which costs more than the insert itself for the import's
wide rows. ``insert`` instead reserves the primary keys from the table's sequence in one query
(``nextval`` over ``generate_series``), sets them on the objects, and streams the rows with ``COPY … FROM STDIN``.
The values are prepared exactly as ``bulk_create`` prepares them (``pre_save`` then ``get_db_prep_save`` of each
field), so what lands in the table is the same; row triggers fire for ``COPY`` as for ``INSERT``.

Like ``bulk_create``: no ``save()``, no signals (callers log the rows with ``audit.services.record_bulk_created``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import connections, models
from django.db.models.expressions import BaseExpression
from django.db.models.fields import AutoFieldMixin

M = TypeVar("M", bound=models.Model)


def insert(objects: Sequence[M], *, using: str = "default", batch_size: int = 1000) -> Sequence[M]:
    """Write ``objects`` (all of one model) and give each its primary key; returns them."""
    if not objects:
        return objects
    model = type(objects[0])
    connection = connections[using]
    if connection.vendor != "postgresql":
        return model._default_manager.using(using).bulk_create(objects, batch_size=batch_size)
    opts = model._meta
    _reserve_ids(connection, opts, [obj for obj in objects if obj.pk is None])
    fields = [f for f in opts.concrete_fields if not getattr(f, "generated", False)]
    quote = connection.ops.quote_name
    statement = f"COPY {quote(opts.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    rows = []  # prepared before the COPY starts: a field's pre_save may query, which a connection in COPY cannot
    for obj in objects:
        obj._prepare_related_fields_for_save(operation_name="insert")
        row = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        if any(isinstance(value, BaseExpression) for value in row):
            raise ValueError(f"{opts.label}: database expressions cannot be copied")
        rows.append(row)
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = using
    return objects


def _reserve_ids(connection, opts, objects: list[models.Model]) -> None:  # type: ignore[no-untyped-def]
    if not objects:
        return
    if not isinstance(opts.pk, AutoFieldMixin):
        raise ValueError(f"{opts.label}: objects without a primary key need an auto-increment key")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(opts.db_table), opts.pk.column, len(objects)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
