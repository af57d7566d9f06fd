"""Fill the members' and household events' village code from their household: one set-based UPDATE per table."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Household = apps.get_model("households", "Household")
    village = Subquery(Household.objects.filter(pk=OuterRef("household_id")).values("village_id")[:1])
    for name in ("Member", "HouseholdEvent"):
        apps.get_model("households", name).objects.filter(village_code="").update(village_code=village)


class Migration(migrations.Migration):
    dependencies = [("households", "0004_village_code")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
