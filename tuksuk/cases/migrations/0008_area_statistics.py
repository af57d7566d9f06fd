"""Finer planner statistics for the stories' village code (issue #9, docs/performance.md).

Every scoped read filters stories by an area-code prefix (``area_id LIKE '7301%'``). PostgreSQL estimates how
many rows a prefix holds from the column's histogram, 100 buckets by default: over 878 districts that is coarser
than one district, and at national scale it guessed 50,000 stories for a district of 19,000. A thousand buckets
put the guess within a few per cent, so the planner reads a district's stories rather than the whole country's.
"""

from django.db import migrations

TARGETS = [("cases_story", "area_id", 1000)]


def _set(targets):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite keeps no per-column statistics target
        quote = schema_editor.quote_name
        for table, column, target in targets:
            schema_editor.execute(f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS {int(target)}")

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_leaner_indexes")]

    operations = [
        migrations.RunPython(_set(TARGETS), _set([(table, column, -1) for table, column, _target in TARGETS])),
    ]
