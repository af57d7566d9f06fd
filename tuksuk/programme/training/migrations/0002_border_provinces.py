"""Seed the southern border provinces (the Southern Border Provinces Administrative Centre area) for the
Friday-afternoon scheduling rule. A ministry administrator edits the list afterwards."""

from django.db import migrations

PROVINCES = [("95", "ยะลา"), ("94", "ปัตตานี"), ("96", "นราธิวาส"), ("90", "สงขลา"), ("91", "สตูล")]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    BorderProvince = apps.get_model("training", "BorderProvince")
    for code, name in PROVINCES:
        BorderProvince.objects.get_or_create(code=code, defaults={"name_th": name})


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("training", "BorderProvince").objects.filter(code__in=[c for c, _n in PROVINCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
