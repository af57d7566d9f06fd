"""``manage.py purge_expired [--dry-run]``: remove what the retention rules say has expired (privacy/retention.py)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tuksuk.audit.choices import Source
from tuksuk.audit.context import audit_context
from tuksuk.privacy.choices import PurgeRule
from tuksuk.privacy.retention import purge


class Command(BaseCommand):
    help = "Remove expired data by the retention rules; --dry-run only counts."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dry-run", action="store_true", help="count what would be removed, change nothing")

    def handle(self, *args, dry_run: bool = False, **options):  # type: ignore[no-untyped-def]
        with audit_context(actor=None, source=Source.COMMAND):
            outcomes = purge(dry_run=dry_run)
        heading = _("จะลบ (ทดลอง ไม่ลบจริง)") if dry_run else _("ลบแล้ว")
        self.stdout.write(heading)
        for outcome in outcomes:
            off = _(" (ปิดอยู่)") if outcome.detail.get("off") else ""
            self.stdout.write(f"  {outcome.rule}: {outcome.count}  {PurgeRule(outcome.rule).label}{off}")
