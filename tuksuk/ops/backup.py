"""Making a backup archive: the database (a consistent dump), every media file and the manifest.

One pass, flat memory whatever the size of the media: each file is streamed into the tar and hashed as it goes;
the manifest (checksums, row counts, migration state) comes last. The archive is written as
``<name>.partial`` with mode 0600 and renamed into place only when complete, so a half-written archive never
looks like a backup.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import archive
from .databases import BackupError, PostgresDatabase, SqliteDatabase, current_database


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    size: int
    skipped: list[str] = field(default_factory=list)


def default_directory() -> Path:
    return Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "backups"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _archive_path(directory: Path, now: dt.datetime, gzip: bool) -> Path:
    stem = f"tuksuk-backup-{now:%Y%m%dT%H%M%SZ}"
    suffix = ".tar.gz" if gzip else ".tar"
    path, n = directory / f"{stem}{suffix}", 1
    while path.exists() or path.with_name(path.name + ".partial").exists():
        path, n = directory / f"{stem}-{n}{suffix}", n + 1
    return path


def iter_media(root: Path, skipped: list[str]):  # type: ignore[no-untyped-def]
    """``(relative POSIX name, path)`` of every regular file below ``root``, in a stable order.

    Symbolic links and special files are not followed (they are listed in ``skipped``): the archive only ever
    holds regular files, and a restore refuses anything else.
    """
    if not root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        base = Path(directory)
        for dirname in list(dirnames):
            if (base / dirname).is_symlink():
                skipped.append(str(base / dirname))
                dirnames.remove(dirname)
        for filename in sorted(filenames):
            path = base / filename
            relative = path.relative_to(root).as_posix()
            try:
                relative.encode("utf-8")
                archive.safe_relative_path(relative)
            except (UnicodeEncodeError, archive.ArchiveError):
                skipped.append(str(path))
                continue
            if path.is_symlink() or not path.is_file():
                skipped.append(str(path))
                continue
            yield relative, path


def create_backup(
    directory: Path | None = None,
    *,
    gzip: bool = False,
    database: SqliteDatabase | PostgresDatabase | None = None,
    media: Path | None = None,
) -> BackupResult:
    """Write one archive into ``directory`` (default ``var/backups``); raises ``BackupError``/``OSError``.

    ``database`` and ``media`` default to the configured database and MEDIA_ROOT.
    """
    directory = Path(directory or default_directory())
    database = database or current_database()
    root = Path(media) if media else media_root()
    for served in (root, Path(settings.STATIC_ROOT)):
        if directory.resolve().is_relative_to(served.resolve()):
            # Files there are served to anyone over /media/ or /static/.
            raise BackupError(
                _("ห้ามเก็บไฟล์สำรองไว้ใน %(served)s เพราะเว็บเปิดให้ดาวน์โหลดได้ เลือกโฟลเดอร์อื่น") % {"served": served}
            )
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.now().astimezone(dt.UTC)
    final = _archive_path(directory, now, gzip)
    partial = final.with_name(final.name + ".partial")
    workdir = Path(tempfile.mkdtemp(prefix=".tuksuk-backup-", dir=directory))
    skipped: list[str] = []
    try:
        os.chmod(workdir, 0o700)
        dump = database.dump(workdir)
        raw, tar = archive.open_for_writing(partial, gzip=gzip)
        try:
            with raw:
                with tar:
                    member = archive.DUMP_MEMBERS[database.vendor]
                    dump_sha, dump_size = archive.add_file(tar, member, dump.path)
                    dump.path.unlink()  # free the disk space before the media are copied
                    files: dict[str, dict] = {}
                    for relative, path in iter_media(root, skipped):
                        try:
                            sha, size = archive.add_file(tar, archive.MEDIA_PREFIX + relative, path)
                        except FileNotFoundError:  # deleted by the application since the directory was listed
                            skipped.append(str(path))
                            continue
                        except OSError as exc:  # shrank while being read: the tar member is already broken
                            raise BackupError(
                                _("ไฟล์สื่อ %(path)s เปลี่ยนระหว่างสำรอง ลองสำรองใหม่อีกครั้ง (%(error)s)")
                                % {"path": path, "error": exc}
                            ) from exc
                        files[relative] = {"sha256": sha, "size": size}
                    manifest = {
                        "format": archive.FORMAT,
                        "format_version": archive.FORMAT_VERSION,
                        "created_at": now.isoformat().replace("+00:00", "Z"),
                        "engine": database.vendor,
                        "django_version": django.get_version(),
                        "database": {"member": member, "sha256": dump_sha, "size": dump_size},
                        "migrations": dict(sorted(dump.migrations.items())),
                        "tables": dump.tables,
                        "media": {"root": str(root), "files": files},
                        "not_included": ["DJANGO_SECRET_KEY", "TUKSUK_DATA_KEY", "var/secret_key", "var/data_key"],
                    }
                    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
                    archive.add_bytes(tar, archive.MANIFEST, data, now.timestamp())
                raw.flush()
                os.fsync(raw.fileno())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, final)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return BackupResult(path=final, manifest=manifest, size=final.stat().st_size, skipped=skipped)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def summary_lines(result: BackupResult) -> list[str]:
    manifest = result.manifest
    files = manifest["media"]["files"]
    lines = [
        _("สำรองข้อมูลแล้ว: %(path)s (%(size)s, สิทธิ์ไฟล์ 0600)") % {"path": result.path, "size": megabytes(result.size)},
        _("ฐานข้อมูล %(engine)s: %(tables)d ตาราง %(rows)s แถว")
        % {
            "engine": archive.ENGINE_NAMES[manifest["engine"]],
            "tables": len(manifest["tables"]),
            "rows": f"{sum(manifest['tables'].values()):,}",
        },
        _("ไฟล์สื่อ: %(count)s ไฟล์ (%(size)s)")
        % {"count": f"{len(files):,}", "size": megabytes(sum(f["size"] for f in files.values()))},
    ]
    if result.skipped:
        lines.append(
            _("ข้ามไฟล์ที่ไม่ใช่ไฟล์ปกติหรือถูกลบระหว่างสำรอง %(count)d รายการ: %(paths)s")
            % {"count": len(result.skipped), "paths": ", ".join(result.skipped[:5])}
        )
    storage = settings.STORAGES.get("default", {}).get("BACKEND", "")
    if storage != "django.core.files.storage.FileSystemStorage":
        lines.append(
            _("คำเตือน: ไฟล์สื่อเก็บใน %(storage)s ไม่ใช่ MEDIA_ROOT จึงไม่อยู่ในไฟล์สำรองนี้ ต้องสำรองแยก") % {"storage": storage}
        )
    lines.append(
        _(
            "สำคัญ: ไฟล์สำรองไม่มีกุญแจ TUKSUK_DATA_KEY และ DJANGO_SECRET_KEY "
            "ต้องเก็บกุญแจไว้แยกอย่างปลอดภัย ไม่มีกุญแจจะอ่านเลขประจำตัวประชาชนที่กู้คืนไม่ได้"
        )
    )
    return lines
