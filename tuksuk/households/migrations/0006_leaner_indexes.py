"""Fewer indexes on the tables every import, change and read writes (issue #9, docs/performance.md).

Django gives each ``db_index`` field and foreign key its own index, and a second ``varchar_pattern_ops`` index
(``_like``) to each indexed text column on PostgreSQL. The ones dropped here are served by another index (a
composite index that starts with the column, a unique or partial unique index) or were never read (``LIKE`` on a
status, a request id or a keyed hash). The state changes as ``makemigrations`` made it; the database drops the
indexes by name instead of letting ``AlterField`` drop and re-check each foreign key, which on millions of rows
would hold the table for minutes. Going back recreates the plain indexes (not the ``_like`` ones).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# (index, table, column): Django's own index of the column and, on PostgreSQL, its "_like" twin.
DROPPED = [
    ("households_household_village_id_c6dbbc5a", "households_household", "village_id"),
    ("households_household_merged_into_id_ab0598e0", "households_household", "merged_into_id"),
    ("households_member_citizen_id_hash_ddfacd4d", "households_member", "citizen_id_hash"),
]
DROP_SQL = [
    [f'DROP INDEX IF EXISTS "{name}_like"', f'DROP INDEX IF EXISTS "{name}"'] for name, _table, _column in DROPPED
]
RESTORE_SQL = [f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")' for name, table, column in DROPPED]


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0001_initial"),
        ("households", "0005_fill_village_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="household",
                    name="merged_into",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="merged_from",
                        to="households.household",
                        verbose_name="รวมเข้ากับ",
                    ),
                ),
                migrations.AlterField(
                    model_name="household",
                    name="village",
                    field=models.ForeignKey(
                        db_index=False,
                        limit_choices_to={"level": "village"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="households",
                        to="areas.area",
                        verbose_name="หมู่บ้าน",
                    ),
                ),
                migrations.AlterField(
                    model_name="member",
                    name="citizen_id_hash",
                    field=models.CharField(blank=True, editable=False, max_length=64),
                ),
            ],
            database_operations=[
                migrations.RunSQL(sql, reverse_sql=restore) for sql, restore in zip(DROP_SQL, RESTORE_SQL, strict=True)
            ],
        ),
        migrations.AddIndex(
            model_name="household",
            index=models.Index(fields=["village"], name="household_village_prefix", opclasses=("varchar_pattern_ops",)),
        ),
        migrations.AddIndex(
            model_name="household",
            index=models.Index(
                condition=models.Q(("merged_into__isnull", False)), fields=["merged_into"], name="household_merged_into"
            ),
        ),
    ]
