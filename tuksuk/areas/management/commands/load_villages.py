"""`python manage.py load_villages FILE [--dry-run]`: create or rename villages from a DOPA village file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuksuk.areas.villages import load_villages
from tuksuk.core.tabular import FileError


class Command(BaseCommand):
    help = "Load villages from a CSV/XLSX file with columns village_code[, name_th, name_en]. All or nothing."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and write nothing.")

    def handle(self, *args, file: Path, dry_run: bool = False, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            with file.open("rb") as handle:
                result = load_villages(handle, file.name, dry_run=dry_run)
        except FileError as exc:
            raise CommandError(str(exc)) from exc
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} errors: nothing was written.")
        verb = "Would write" if dry_run else "Wrote"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {result.read} rows read = {result.created} created + {result.updated} updated"
                f" + {result.unchanged} unchanged."
            )
        )
