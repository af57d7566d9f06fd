"""`python manage.py load_reference [--overwrite]`: load or top up every reference table. Safe to repeat."""

from django.core.management.base import BaseCommand

from tuksuk.areas import reference as area_reference


class Command(BaseCommand):
    help = "Load the reference data (areas, provincial groups, pilot districts). Idempotent."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--overwrite", action="store_true",
            help="Reset rows an administrator edited back to the reference values.",
        )  # fmt: skip

    def handle(self, *args, overwrite: bool = False, **options):  # type: ignore[no-untyped-def]
        for loader in (area_reference.load_areas, area_reference.load_pilots):
            for line in loader(overwrite=overwrite).lines():
                self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
