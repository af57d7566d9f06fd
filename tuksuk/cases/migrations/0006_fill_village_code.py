"""Fill the story parts' village code from their story: one set-based UPDATE per table."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

PARTS = ("StoryEvent", "Assignment", "Action", "Evidence", "StoryIndicator")


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Story = apps.get_model("cases", "Story")
    area = Subquery(Story.objects.filter(pk=OuterRef("story_id")).values("area_id")[:1])
    for name in PARTS:
        apps.get_model("cases", name).objects.filter(village_code="").update(village_code=area)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_village_code")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
