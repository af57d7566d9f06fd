"""`python manage.py report NAME [--as-of "YYYY-MM-DD HH:MM"] [--area CODE] [--year 2565] --format csv|table`

Story tables: stories-by-category, stories-by-indicator ("as of" is Asia/Bangkok time; default: now).
Project tables: projects-by-category, activities-by-agency, project-values, who-does-what-where
(``--year`` is the Buddhist-era fiscal year; default: all years).
"""

import csv
import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tuksuk.areas.models import Area
from tuksuk.core.thai import is_digits, to_arabic_digits
from tuksuk.reports.tables import PROJECT_TABLES, TABLES, build, parse_as_of


def as_of_or_now(text: str | None) -> dt.datetime:
    if not text:
        return timezone.now()
    moment = parse_as_of(text)
    if moment is None:
        raise CommandError(f'--as-of must look like "2022-08-29 11:52" (Asia/Bangkok), not {text!r}')
    return moment


def fiscal_year(text: str | None) -> int | None:
    """``2565`` (or ``๒๕๖๕``): a Buddhist-era fiscal year; None when not given."""
    if text is None or not text.strip():
        return None
    text = to_arabic_digits(text.strip())
    if not is_digits(text) or not 2500 <= int(text) <= 2700:
        raise CommandError(f"--year must be a Buddhist-era fiscal year such as 2565, not {text!r}")
    return int(text)


class Command(BaseCommand):
    help = "Print one of the ministry's tables."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("name", choices=sorted(TABLES))
        parser.add_argument(
            "--as-of", help='Story tables: count data recorded up to this moment, "YYYY-MM-DD HH:MM" Bangkok time.'
        )
        parser.add_argument("--area", default="", help="Only this area (DOPA code) and below.")
        parser.add_argument("--year", help="Project tables: only this fiscal year (Buddhist era, e.g. 2565).")
        parser.add_argument("--format", choices=["csv", "table"], default="table")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        name = options["name"]
        area = options["area"].strip()
        if area and not Area.objects.filter(code=area).exists():
            raise CommandError(f"No area with code {area}")
        year = fiscal_year(options["year"])
        if name in PROJECT_TABLES and options["as_of"]:
            raise CommandError("--as-of applies to the story tables only; project tables show the data as it is now")
        if name not in PROJECT_TABLES and year is not None:
            raise CommandError("--year applies to the project tables only")
        table = build(name, area=area, as_of=as_of_or_now(options["as_of"]), year=year)
        if options["format"] == "csv":
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows(table.rows)
            return
        widths = [max(len(str(v)) for v in [c, *[r[i] for r in table.rows]]) for i, c in enumerate(table.columns)]
        scope = f", fiscal year {table.year}" if table.year else ""
        self.stdout.write(f"{table.title} (as of {timezone.localtime(table.as_of):%Y-%m-%d %H:%M}{scope})")
        self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(table.columns, widths, strict=True)))
        for row in table.rows:
            self.stdout.write("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
