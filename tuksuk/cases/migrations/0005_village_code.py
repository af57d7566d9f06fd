"""The story's village code on every part of a story (the column Citus would distribute them by)."""

import tuksuk.core.fields
from django.db import migrations


def village_code():  # type: ignore[no-untyped-def]
    return tuksuk.core.fields.VillageCodeField(
        blank=True,
        default="",
        editable=False,
        max_length=8,
        source="story__area_id",
        verbose_name="รหัสหมู่บ้าน (สำหรับกระจายข้อมูล)",
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_storyindicator")]

    operations = [
        migrations.AddField(model_name=model, name="village_code", field=village_code())
        for model in ("storyevent", "assignment", "action", "evidence", "storyindicator")
    ]
