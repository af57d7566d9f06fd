"""Recount every area's figures from the records (after a bulk load or a restore)."""

import time

from django.core.management.base import BaseCommand

from tuksuk.audit.choices import Source
from tuksuk.audit.context import audit_context
from tuksuk.reports import tallies


class Command(BaseCommand):
    help = "นับตัวเลขสรุปของทุกพื้นที่ใหม่จากข้อมูลจริง (หลังนำเข้าข้อมูลจำนวนมากหรือกู้คืนฐานข้อมูล)"

    @audit_context(source=Source.COMMAND)
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.monotonic()
        rows = tallies.rebuild()
        self.stdout.write(f"{rows} tally rows in {time.monotonic() - started:.1f} s")
