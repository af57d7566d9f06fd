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
    ("cases_story_area_id_9ff875f7", "cases_story", "area_id"),
    ("cases_story_status_566b438d", "cases_story", "status"),
    ("cases_story_category_id_d82d116c", "cases_story", "category_id"),
    ("cases_story_indicators_story_id_bcd47d4b", "cases_story_indicators", "story_id"),
]
DROP_SQL = [
    [f'DROP INDEX IF EXISTS "{name}_like"', f'DROP INDEX IF EXISTS "{name}"'] for name, _table, _column in DROPPED
]
RESTORE_SQL = [f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")' for name, table, column in DROPPED]


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0001_initial"),
        ("cases", "0006_fill_village_code"),
        ("households", "0005_fill_village_code"),
        ("indicators", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="story",
                    name="area",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="stories",
                        to="areas.area",
                        verbose_name="หมู่บ้าน",
                    ),
                ),
                migrations.AlterField(
                    model_name="story",
                    name="category",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="stories",
                        to="indicators.category",
                        verbose_name="ประเภทปัญหา",
                    ),
                ),
                migrations.AlterField(
                    model_name="story",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("new", "ใหม่"),
                            ("verified", "ตรวจสอบแล้ว"),
                            ("in_progress", "กำลังดำเนินการ"),
                            ("referred", "ส่งต่อ"),
                            ("resolved", "แก้ไขแล้ว"),
                            ("closed", "ปิดเรื่อง"),
                            ("rejected", "ไม่รับเรื่อง"),
                        ],
                        default="new",
                        max_length=12,
                        verbose_name="สถานะ",
                    ),
                ),
                migrations.AlterField(
                    model_name="storyindicator",
                    name="story",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cases.story",
                        verbose_name="เรื่องราว",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(sql, reverse_sql=restore) for sql, restore in zip(DROP_SQL, RESTORE_SQL, strict=True)
            ],
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["area"], name="story_area_prefix", opclasses=("varchar_pattern_ops",)),
        ),
    ]
