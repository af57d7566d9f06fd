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
    ("audit_accesslogentry_area_code_15289608", "audit_accesslogentry", "area_code"),
    ("audit_accesslogentry_request_id_72e9bca2", "audit_accesslogentry", "request_id"),
    ("audit_accesslogentry_user_id_df6d7662", "audit_accesslogentry", "user_id"),
    ("audit_changelogentry_actor_id_67139791", "audit_changelogentry", "actor_id"),
    ("audit_changelogentry_area_code_18172206", "audit_changelogentry", "area_code"),
    ("audit_changelogentry_house_code_a1e760d6", "audit_changelogentry", "house_code"),
    ("audit_changelogentry_request_id_f57443c8", "audit_changelogentry", "request_id"),
]
DROP_SQL = [
    [f'DROP INDEX IF EXISTS "{name}_like"', f'DROP INDEX IF EXISTS "{name}"'] for name, _table, _column in DROPPED
]
RESTORE_SQL = [f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")' for name, table, column in DROPPED]


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_access_actions_two_factor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="area_code",
                    field=models.CharField(blank=True, max_length=8, verbose_name="รหัสพื้นที่"),
                ),
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="request_id",
                    field=models.CharField(blank=True, max_length=64, verbose_name="รหัสคำขอ"),
                ),
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="user",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ผู้ใช้",
                    ),
                ),
                migrations.AlterField(
                    model_name="changelogentry",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ผู้ดำเนินการ",
                    ),
                ),
                migrations.AlterField(
                    model_name="changelogentry",
                    name="area_code",
                    field=models.CharField(blank=True, max_length=8, verbose_name="รหัสพื้นที่"),
                ),
                migrations.AlterField(
                    model_name="changelogentry",
                    name="house_code",
                    field=models.CharField(blank=True, max_length=11, verbose_name="รหัสบ้าน"),
                ),
                migrations.AlterField(
                    model_name="changelogentry",
                    name="request_id",
                    field=models.CharField(blank=True, max_length=64, verbose_name="รหัสคำขอ"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(sql, reverse_sql=restore) for sql, restore in zip(DROP_SQL, RESTORE_SQL, strict=True)
            ],
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(fields=["request_id"], name="access_by_request"),
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(fields=["area_code"], name="access_by_area", opclasses=("varchar_pattern_ops",)),
        ),
        migrations.AddIndex(
            model_name="changelogentry",
            index=models.Index(fields=["request_id"], name="change_by_request"),
        ),
        migrations.AddIndex(
            model_name="changelogentry",
            index=models.Index(fields=["house_code"], name="change_by_house"),
        ),
        migrations.AddIndex(
            model_name="changelogentry",
            index=models.Index(fields=["area_code"], name="change_by_area", opclasses=("varchar_pattern_ops",)),
        ),
    ]
