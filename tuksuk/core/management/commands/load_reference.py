"""`python manage.py load_reference [--overwrite]`: load or top up every reference table. Safe to repeat."""

from django.core.management.base import BaseCommand

from tuksuk.agencies.reference import load_agencies
from tuksuk.areas import reference as area_reference
from tuksuk.indicators.reference import load_indicators


class Command(BaseCommand):
    help = "Load the reference data (areas, groups, pilot districts, ThaiQM indicators, SDGs, agencies). Idempotent."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Reset rows an administrator edited back to the reference values.",
        )

    def handle(self, *args, overwrite: bool = False, **options):  # type: ignore[no-untyped-def]
        loaders = (area_reference.load_areas, area_reference.load_pilots, load_indicators, load_agencies)
        for loader in loaders:
            for line in loader(overwrite=overwrite).lines():
                self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
