"""The household's village code on its members and history rows (the column Citus would distribute them by)."""

import tuksuk.core.fields
from django.db import migrations


def village_code():  # type: ignore[no-untyped-def]
    return tuksuk.core.fields.VillageCodeField(
        blank=True,
        default="",
        editable=False,
        max_length=8,
        source="household__village_id",
        verbose_name="รหัสหมู่บ้าน (สำหรับกระจายข้อมูล)",
    )


class Migration(migrations.Migration):
    dependencies = [("households", "0003_name_search_trigram")]

    operations = [
        migrations.AddField(model_name=model, name="village_code", field=village_code())
        for model in ("member", "householdevent")
    ]
