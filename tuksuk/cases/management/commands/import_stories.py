"""`python manage.py import_stories FILE [--dry-run] [--skip-invalid --rejects OUT.csv] --user USERNAME`

Prints every error as ``row N, column C: message`` and a last line
``read=N created=N updated=N unchanged=N rejected=N``; exits non-zero when anything was rejected.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuksuk.accounts.models import User
from tuksuk.cases.importer import import_stories, write_rejects
from tuksuk.core.tabular import FileError


class Command(BaseCommand):
    help = "Import stories with their households from a CSV/XLSX file (see docs/formats/stories-import.md)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Import as this user (their areas limit what is written).")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, write nothing.")
        parser.add_argument("--skip-invalid", action="store_true", help="Write the valid rows, reject the others.")
        parser.add_argument("--rejects", type=Path, help="With --skip-invalid: write rejected rows to this CSV.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']}")
        if options["rejects"] and not options["skip_invalid"]:
            raise CommandError("--rejects needs --skip-invalid")
        progress = None
        if sys.stderr.isatty():

            def progress(done: int, total: int) -> None:
                width = 40
                filled = width * done // max(total, 1)
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        try:
            with path.open("rb") as handle:
                result = import_stories(
                    handle,
                    path.name,
                    actor=user,
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                    progress=progress,
                )
        except FileError as exc:
            raise CommandError(str(exc)) from exc
        for error in result.errors:
            self.stdout.write(f"row {error.row}, column {error.column or '-'}: {error.message}")
        if options["rejects"] and result.rejected_rows:
            with options["rejects"].open("w", encoding="utf-8-sig", newline="") as out:
                write_rejects(result, out)
        self.stdout.write(result.summary)
        if result.rejected:
            sys.exit(1)
