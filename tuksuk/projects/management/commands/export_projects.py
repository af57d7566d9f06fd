"""`python manage.py export_projects OUT_DIR [--area CODE] [--year 2565] [--format csv|iati] --user USERNAME`

Writes ``OUT_DIR/projects.csv`` and ``OUT_DIR/activities.csv`` in exactly the import format (an export re-imports
unchanged), or ``OUT_DIR/iati.xml``. Only the projects the user may see are written.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from tuksuk.accounts.models import User
from tuksuk.areas.models import Area
from tuksuk.audit.choices import Source
from tuksuk.audit.context import audit_context
from tuksuk.core.thai import is_digits, to_arabic_digits
from tuksuk.projects.exporter import iati_xml, write_activities_csv, write_projects_csv
from tuksuk.projects.models import Activity, Project


class Command(BaseCommand):
    help = "Export district projects and activities as the import's two CSV files or as IATI XML."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("out_dir", type=Path)
        parser.add_argument("--user", required=True, help="Export as this user (only what they may see).")
        parser.add_argument("--area", help="Only this area: a province, district (DOPA code), region or group code.")
        parser.add_argument("--year", help="Only this Buddhist-era fiscal year, e.g. 2565.")
        parser.add_argument("--format", choices=("csv", "iati"), default="csv")

    @audit_context(source=Source.COMMAND)
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']}")
        projects = Project.objects.visible_to(user)
        if options["area"]:
            code = to_arabic_digits(options["area"]).strip()
            if not Area.objects.filter(code=code).exists():
                raise CommandError(f"No area {code}")
            prefixes = [code] if is_digits(code) else Area.objects.province_codes_under([code])
            condition = Q(pk__in=[])
            for prefix in prefixes:
                condition |= Q(district__code__startswith=prefix)
            projects = projects.filter(condition)
        if options["year"]:
            year = to_arabic_digits(options["year"]).strip()
            if not is_digits(year) or not 2500 <= int(year) <= 2700:
                raise CommandError("--year is a Buddhist-era fiscal year, e.g. 2565")
            projects = projects.filter(fiscal_year=int(year))
        out: Path = options["out_dir"]
        out.mkdir(parents=True, exist_ok=True)
        if options["format"] == "iati":
            (out / "iati.xml").write_bytes(iati_xml(projects))
            self.stdout.write(f"{out / 'iati.xml'}: {projects.count()} projects")
            return
        activities = Activity.objects.visible_to(user).filter(project__in=projects.values("pk"))
        with (out / "projects.csv").open("w", encoding="utf-8", newline="") as handle:
            count = write_projects_csv(projects, handle)
        self.stdout.write(f"{out / 'projects.csv'}: {count} projects")
        with (out / "activities.csv").open("w", encoding="utf-8", newline="") as handle:
            count = write_activities_csv(activities, handle)
        self.stdout.write(f"{out / 'activities.csv'}: {count} activities")
