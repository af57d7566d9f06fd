"""`python manage.py import_projects PROJECTS_FILE ACTIVITIES_FILE [--dry-run] [--skip-invalid --rejects DIR]
--user USERNAME`

Either file may be given as ``-`` to leave it out. Prints every error as ``file, row N, column C: message`` and,
last, one line per file ``projects: read=N created=N updated=N unchanged=N rejected=N``; exits non-zero when
anything was rejected. With ``--rejects DIR`` the rejected rows go to ``DIR/projects-rejected.csv`` and
``DIR/activities-rejected.csv``.
"""

import sys
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuksuk.accounts.models import User
from tuksuk.core.tabular import FileError
from tuksuk.projects.importer import import_projects, write_rejects


class Command(BaseCommand):
    help = (
        "Import district projects and their activities from two CSV/XLSX files (see docs/formats/projects-import.md)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("projects_file", help="projects.csv (or .xlsx), or - for none")
        parser.add_argument("activities_file", help="activities.csv (or .xlsx), or - for none")
        parser.add_argument("--user", required=True, help="Import as this user (their areas limit what is written).")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, write nothing.")
        parser.add_argument("--skip-invalid", action="store_true", help="Write the valid rows, reject the others.")
        parser.add_argument("--rejects", type=Path, help="With --skip-invalid: write rejected rows to this directory.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        paths = {}
        for name in ("projects_file", "activities_file"):
            value = options[name]
            if value == "-":
                paths[name] = None
                continue
            paths[name] = Path(value)
            if not paths[name].is_file():
                raise CommandError(f"No such file: {value}")
        if not any(paths.values()):
            raise CommandError("Give a projects file, an activities file or both")
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

        projects, activities = paths["projects_file"], paths["activities_file"]
        try:
            with ExitStack() as stack:
                result = import_projects(
                    stack.enter_context(projects.open("rb")) if projects else None,
                    projects.name if projects else "projects.csv",
                    stack.enter_context(activities.open("rb")) if activities else None,
                    activities.name if activities else "activities.csv",
                    actor=user,
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                    progress=progress,
                )
        except FileError as exc:
            raise CommandError(str(exc)) from exc
        for file_result in result.files:
            for error in file_result.errors:
                self.stdout.write(f"{file_result.name}, row {error.row}, column {error.column or '-'}: {error.message}")
        if options["rejects"]:
            options["rejects"].mkdir(parents=True, exist_ok=True)
            for file_result in result.files:
                if file_result.rejected_rows:
                    target = options["rejects"] / f"{file_result.label}-rejected.csv"
                    with target.open("w", encoding="utf-8-sig", newline="") as out:
                        write_rejects(file_result, out)
        for line in result.summary_lines:
            self.stdout.write(line)
        if result.rejected:
            sys.exit(1)
