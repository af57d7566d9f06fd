"""`python manage.py report NAME [--as-of "YYYY-MM-DD HH:MM"] [--area CODE] --format csv|table`

Tables: stories-by-category, stories-by-indicator. "As of" is Asia/Bangkok time; default: now.
"""

import csv
import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tuksuk.areas.models import Area
from tuksuk.reports.tables import STORY_TABLES, build, parse_as_of


def as_of_or_now(text: str | None) -> dt.datetime:
    if not text:
        return timezone.now()
    moment = parse_as_of(text)
    if moment is None:
        raise CommandError(f'--as-of must look like "2022-08-29 11:52" (Asia/Bangkok), not {text!r}')
    return moment


class Command(BaseCommand):
    help = "Print one of the ministry's tables."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("name", choices=sorted(STORY_TABLES))
        parser.add_argument("--as-of", help='Count data recorded up to this moment, "YYYY-MM-DD HH:MM" Bangkok time.')
        parser.add_argument("--area", default="", help="Only this area (DOPA code) and below.")
        parser.add_argument("--format", choices=["csv", "table"], default="table")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        area = options["area"].strip()
        if area and not Area.objects.filter(code=area).exists():
            raise CommandError(f"No area with code {area}")
        table = build(options["name"], area=area, as_of=as_of_or_now(options["as_of"]))
        if options["format"] == "csv":
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows(table.rows)
            return
        widths = [max(len(str(v)) for v in [c, *[r[i] for r in table.rows]]) for i, c in enumerate(table.columns)]
        self.stdout.write(f"{table.title} (as of {timezone.localtime(table.as_of):%Y-%m-%d %H:%M})")
        self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(table.columns, widths, strict=True)))
        for row in table.rows:
            self.stdout.write("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
