"""`python manage.py restore ARCHIVE [--yes]`: put a backup archive back (database and media).

Checks the whole archive first and changes nothing when it is damaged; refuses a database that holds data unless
``--yes``; afterwards compares row counts and media checksums with the manifest and exits non-zero on any
difference. Stop the web server and the job worker first. See tuksuk/ops/README.md.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DjangoDatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from tuksuk.ops import archive
from tuksuk.ops.backup import megabytes
from tuksuk.ops.databases import BackupError
from tuksuk.ops.restore import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลและไฟล์สื่อจากไฟล์สำรอง (ตรวจไฟล์ทั้งหมดก่อน แล้วเทียบจำนวนแถวและ checksum หลังกู้คืน)"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Replace a database that already holds data.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        path: Path = options["archive"]
        try:
            report = restore_backup(path, confirmed=options["yes"])
        except archive.ArchiveError as exc:
            raise CommandError(_("ไม่กู้คืน ไฟล์สำรองใช้ไม่ได้ (ไม่มีอะไรถูกเปลี่ยน): %(error)s") % {"error": exc}) from exc
        except RestoreRefused as exc:
            raise CommandError(str(exc)) from exc
        except (BackupError, OSError) as exc:
            raise CommandError(_("กู้คืนไม่สำเร็จ: %(error)s") % {"error": exc}) from exc
        except DjangoDatabaseError as exc:
            raise CommandError(_("ติดต่อฐานข้อมูลไม่ได้: %(error)s") % {"error": exc}) from exc
        manifest = report.manifest
        self.stdout.write(
            _("กู้คืนจาก %(path)s (สร้างเมื่อ %(created)s UTC): %(tables)d ตาราง %(rows)s แถว ไฟล์สื่อ %(files)s ไฟล์ (%(size)s)")
            % {
                "path": path,
                "created": manifest.created_at,
                "tables": len(manifest.tables),
                "rows": f"{manifest.row_count:,}",
                "files": f"{len(manifest.media):,}",
                "size": megabytes(manifest.media_bytes),
            }
        )
        for note in report.notes:
            self.stdout.write(note)
        if not report.ok:
            for line in report.differences:
                self.stdout.write(line)
            raise CommandError(
                _("กู้คืนแล้วแต่ข้อมูลไม่ตรงกับไฟล์สำรอง %(count)d รายการ (ดูรายการด้านบน)") % {"count": len(report.differences)}
            )
        self.stdout.write(_("ตรวจแล้ว OK: จำนวนแถวทุกตารางและ checksum ของไฟล์สื่อทุกไฟล์ตรงกับไฟล์สำรอง"))
