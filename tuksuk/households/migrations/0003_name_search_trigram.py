"""Thai name search that uses an index on PostgreSQL: trigram GIN indexes under ``icontains`` (``UPPER(x) LIKE``).

Without them, a district user's search by name joined a sequential scan of every household in the country
(measured by the benchmark, docs/performance.md). SQLite has no trigram index and needs none at its scale.
"""

from django.db import migrations

INDEXES = {
    "household_head_name_trgm": ("households_household", "head_name"),
    "member_full_name_trgm": ("households_member", "full_name"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("households", "0002_house_code_ascii_digits")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
