"""`python manage.py backup [--to DIR] [--gzip]` and `python manage.py backup --verify ARCHIVE`.

Writes one archive ``tuksuk-backup-<UTC time>.tar`` (mode 0600) with the database, every media file and a
manifest of checksums and row counts; see tuksuk/ops/README.md.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DjangoDatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from tuksuk.ops import archive
from tuksuk.ops.backup import create_backup, default_directory, megabytes, summary_lines
from tuksuk.ops.databases import BackupError
from tuksuk.ops.restore import verify


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์สื่อทั้งหมดเป็นไฟล์เดียว (--verify ARCHIVE: ตรวจไฟล์สำรองโดยไม่กู้คืน)"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--to", type=Path, help=f"Directory for the archive (default {default_directory()}).")
        parser.add_argument("--gzip", action="store_true", help="Write a .tar.gz (slower; media rarely shrink).")
        parser.add_argument("--verify", type=Path, metavar="ARCHIVE", help="Check an archive, restore nothing.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        translation.activate(settings.LANGUAGE_CODE)
        if options["verify"]:
            return self.verify(options["verify"])
        try:
            result = create_backup(options["to"], gzip=options["gzip"])
        except (BackupError, archive.ArchiveError) as exc:
            raise CommandError(str(exc)) from exc
        except DjangoDatabaseError as exc:
            raise CommandError(_("อ่านฐานข้อมูลไม่ได้: %(error)s") % {"error": exc}) from exc
        except OSError as exc:
            raise CommandError(_("เขียนไฟล์สำรองไม่ได้: %(error)s") % {"error": exc}) from exc
        for line in summary_lines(result):
            self.stdout.write(line)

    def verify(self, path: Path) -> None:
        try:
            manifest = verify(path)
        except archive.ArchiveError as exc:
            raise CommandError(_("ไฟล์สำรองใช้ไม่ได้: %(error)s") % {"error": exc}) from exc
        self.stdout.write(_("ไฟล์สำรองถูกต้อง: %(path)s") % {"path": path})
        self.stdout.write(
            _(
                "สร้างเมื่อ %(created)s (UTC) ฐานข้อมูล %(engine)s %(tables)d ตาราง %(rows)s แถว "
                "ไฟล์สื่อ %(files)s ไฟล์ (%(size)s)"
            )
            % {
                "created": manifest.created_at,
                "engine": archive.ENGINE_NAMES[manifest.engine],
                "tables": len(manifest.tables),
                "rows": f"{manifest.row_count:,}",
                "files": f"{len(manifest.media):,}",
                "size": megabytes(manifest.media_bytes),
            }
        )
