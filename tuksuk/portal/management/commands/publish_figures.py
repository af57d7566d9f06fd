from django.core.management.base import BaseCommand, CommandError

from tuksuk.core.thai import is_digits


class Command(BaseCommand):
    help = "Take a new snapshot of the public site's aggregate figures (all areas, or one district)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--district", help="only this district (4-digit code), its province and the country")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        from tuksuk.areas.models import Area
        from tuksuk.portal.figures import publish_figures

        district = options.get("district") or None
        if district and not (is_digits(district) and Area.objects.filter(code=district, level="district").exists()):
            raise CommandError(f"Unknown district code: {district}")
        rows = publish_figures(district)
        self.stdout.write(f"Published {rows} figure rows.")
