"""``Story.indicators`` gets an explicit through model, ``StoryIndicator``, on the same table.

Django's recipe for moving a many-to-many field onto a through model: the table ``cases_story_indicators``, its
columns, its unique (story, indicator) constraint and its indexes stay exactly as they are; only the migration
state changes, so no row moves. The next migration adds ``village_code`` to it like to the other story parts.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_description_search_trigram"),
        ("indicators", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="StoryIndicator",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "indicator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="indicators.indicator",
                                verbose_name="ตัวชี้วัด ThaiQM",
                            ),
                        ),
                        (
                            "story",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="cases.story",
                                verbose_name="เรื่องราว",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ตัวชี้วัดของเรื่อง",
                        "verbose_name_plural": "ตัวชี้วัดของเรื่อง",
                        "db_table": "cases_story_indicators",
                        "unique_together": {("story", "indicator")},
                    },
                ),
                migrations.AlterField(
                    model_name="story",
                    name="indicators",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="stories",
                        through="cases.StoryIndicator",
                        to="indicators.indicator",
                        verbose_name="ตัวชี้วัด ThaiQM",
                    ),
                ),
            ],
        ),
    ]
