"""Database helpers that differ by vendor, kept in one place.

``thai_order(field)`` orders by a text column in Thai dictionary order on both databases: PostgreSQL uses the
ICU collation ``th-TH-x-icu``; SQLite gets a ``thai`` collation registered on every new connection.
"""

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate
from django.dispatch import receiver

from .thai import sort_key

PG_THAI_COLLATION = "th-TH-x-icu"


def _thai_collation(a: str, b: str) -> int:
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


@receiver(connection_created)
def register_sqlite_collation(sender, connection, **kwargs):  # type: ignore[no-untyped-def]
    if connection.vendor == "sqlite":
        connection.connection.create_collation("thai", _thai_collation)


def thai_order(field: str, descending: bool = False):  # type: ignore[no-untyped-def]
    collation = PG_THAI_COLLATION if connection.vendor == "postgresql" else "thai"
    expression = Collate(F(field), collation)
    return expression.desc() if descending else expression.asc()
