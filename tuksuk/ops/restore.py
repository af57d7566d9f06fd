"""Verifying and restoring a backup archive.

A restore touches nothing until the whole archive has been checked: the manifest is read and checked against this
system (engine, format version, migrations), a database that already holds data is refused unless the operator
confirmed, then every member is hashed while it is written to a staging place beside its destination (the
database file beside the live one or a temporary directory for PostgreSQL, the media beside MEDIA_ROOT). Only when
every checksum matched are the database and the media switched over. Finally the row count of every table and
the checksum of every media file are compared with the manifest, and each difference is reported.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from . import archive
from .archive import ArchiveError, Manifest
from .backup import iter_media, media_root
from .databases import BackupError, PostgresDatabase, SqliteDatabase, current_database, find_pg_tool

MAX_LISTED = 20


class RestoreRefused(BackupError):
    """The target already holds data and the operator did not confirm with ``--yes``."""


@dataclass
class RestoreReport:
    manifest: Manifest
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def migration_notes(manifest: Manifest) -> list[str]:
    """Refuse an archive made by a newer version of the code; say when ``migrate`` is needed after restoring."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    on_disk = set(loader.disk_migrations)
    apps_here = {app for app, _name in on_disk}
    newer = sorted(
        f"{app}.{name}" for app, name in manifest.migrations.items() if app in apps_here and (app, name) not in on_disk
    )
    if newer:
        raise ArchiveError(
            _("ไฟล์สำรองนี้มาจากโปรแกรมรุ่นที่ใหม่กว่า (migration ที่ไม่รู้จัก: %(names)s) ติดตั้งโปรแกรมรุ่นเดียวกันก่อนกู้คืน")
            % {"names": ", ".join(newer[:10])}
        )
    behind = sorted(app for app, name in loader.graph.leaf_nodes() if manifest.migrations.get(app) != name)
    if behind:
        return [
            _("ไฟล์สำรองมาจากโปรแกรมรุ่นที่เก่ากว่า (%(apps)s): หลังกู้คืนให้รัน python manage.py migrate")
            % {"apps": ", ".join(behind[:10])}
        ]
    return []


def _has_media(root: Path) -> bool:
    skipped: list[str] = []
    return any(True for _item in iter_media(root, skipped)) or bool(skipped)


def _listed(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_LISTED:
        return lines
    return [*lines[:MAX_LISTED], _("… และอีก %(count)d รายการ") % {"count": len(lines) - MAX_LISTED}]


def compare_tables(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    differences = []
    for table, count in sorted(expected.items()):
        if table not in actual:
            differences.append(_("ตาราง %(table)s: ไม่มีหลังกู้คืน (ควรมี %(count)d แถว)") % {"table": table, "count": count})
        elif actual[table] != count:
            differences.append(
                _("ตาราง %(table)s: มี %(actual)d แถว ควรเป็น %(count)d")
                % {"table": table, "actual": actual[table], "count": count}
            )
    for table in sorted(actual.keys() - expected.keys()):
        differences.append(
            _("ตาราง %(table)s: ไม่อยู่ในไฟล์สำรอง (มี %(actual)d แถว)") % {"table": table, "actual": actual[table]}
        )
    return _listed(differences)


def compare_media(expected: dict[str, dict], root: Path) -> list[str]:
    differences, seen, skipped = [], set(), []
    for relative, path in iter_media(root, skipped):
        seen.add(relative)
        entry = expected.get(relative)
        if entry is None:
            differences.append(_("ไฟล์สื่อ %(name)s: ไม่อยู่ในไฟล์สำรอง") % {"name": relative})
        elif archive.file_sha256(path) != (entry["sha256"], entry["size"]):
            differences.append(_("ไฟล์สื่อ %(name)s: checksum ไม่ตรง") % {"name": relative})
    for name in skipped:
        differences.append(_("ไฟล์สื่อ %(name)s: ไม่ใช่ไฟล์ปกติ") % {"name": name})
    for relative in sorted(expected.keys() - seen):
        differences.append(_("ไฟล์สื่อ %(name)s: หายไป") % {"name": relative})
    return _listed(differences)


def _copy_owner(source: Path, target: Path) -> None:
    try:
        stat = source.stat()
        os.chmod(target, stat.st_mode & 0o7777)
        os.chown(target, stat.st_uid, stat.st_gid)
    except (OSError, AttributeError):
        pass


def _swap_media(staged: Path, root: Path) -> None:
    """Put the staged media directory in place of MEDIA_ROOT: two renames, or file by file when MEDIA_ROOT is a
    mount point that cannot be renamed."""
    old = root.with_name(f".{root.name}.old-{secrets.token_hex(4)}")
    if root.exists():
        _copy_owner(root, staged)
    try:
        if root.exists():
            os.rename(root, old)
        try:
            os.rename(staged, root)
        except OSError:
            if old.exists():
                os.rename(old, root)
            raise
    except OSError:
        _replace_contents(staged, root)
        return
    shutil.rmtree(old, ignore_errors=True)


def _replace_contents(staged: Path, root: Path) -> None:
    wanted = set()
    for directory, _dirs, files in os.walk(staged):
        for filename in files:
            source = Path(directory) / filename
            relative = source.relative_to(staged)
            wanted.add(relative)
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, root / relative)
    for directory, _dirs, files in os.walk(root, topdown=False):
        for filename in files:
            path = Path(directory) / filename
            if path.relative_to(root) not in wanted:
                path.unlink()
        if Path(directory) != root and not any(Path(directory).iterdir()):
            Path(directory).rmdir()
    shutil.rmtree(staged, ignore_errors=True)


def verify(path: Path) -> Manifest:
    """Check an archive completely without restoring anything."""
    return archive.verify_archive(path)


def restore_backup(
    path: Path,
    *,
    confirmed: bool = False,
    database: SqliteDatabase | PostgresDatabase | None = None,
    media: Path | None = None,
) -> RestoreReport:
    """Restore the database and the media from ``path``. Raises ``ArchiveError`` (unusable archive, nothing
    changed), ``RestoreRefused`` (data present, not confirmed) or ``BackupError`` (the restore itself failed).

    ``database`` and ``media`` default to the configured database and MEDIA_ROOT.
    """
    manifest = archive.read_manifest(path)
    database = database or current_database()
    if manifest.engine != database.vendor:
        raise ArchiveError(
            _("ไฟล์สำรองเป็นฐานข้อมูล %(archive)s แต่ระบบนี้ตั้งค่าใช้ %(here)s")
            % {"archive": archive.ENGINE_NAMES[manifest.engine], "here": archive.ENGINE_NAMES[database.vendor]}
        )
    report = RestoreReport(manifest=manifest, notes=migration_notes(manifest))
    if database.vendor == "postgresql":
        find_pg_tool("pg_restore")
    root = Path(media) if media else media_root()
    in_use = database.in_use()
    if not confirmed and (in_use or _has_media(root)):
        what = ", ".join(in_use) if in_use else _("ไฟล์สื่อใน %(root)s") % {"root": root}
        raise RestoreRefused(
            _("%(target)s มีข้อมูลอยู่แล้ว (%(what)s) การกู้คืนจะแทนที่ข้อมูลทั้งหมด ถ้าแน่ใจให้สำรองข้อมูลปัจจุบันก่อน แล้วรันคำสั่งเดิมพร้อม --yes")
            % {"target": database.describe(), "what": what}
        )
    root.parent.mkdir(parents=True, exist_ok=True)
    staged_media = root.with_name(f".{root.name}.restore-{secrets.token_hex(4)}")
    staged_database = database.staging_path()
    try:
        archive.verify_archive(path, database_to=staged_database, media_to=staged_media)
        staged_media.mkdir(exist_ok=True)  # an archive without media files restores an empty MEDIA_ROOT
        database.check_staged(staged_database, manifest.tables)
        database.restore(staged_database)
    except BaseException:
        database.discard(staged_database)
        shutil.rmtree(staged_media, ignore_errors=True)
        raise
    database.discard(staged_database)
    try:
        _swap_media(staged_media, root)
    except OSError as exc:
        shutil.rmtree(staged_media, ignore_errors=True)
        raise BackupError(_("กู้คืนฐานข้อมูลแล้ว แต่กู้คืนไฟล์สื่อไม่สำเร็จ: %(error)s รันคำสั่งกู้คืนอีกครั้ง") % {"error": exc}) from exc
    report.differences = compare_tables(manifest.tables, database.table_counts()) + compare_media(manifest.media, root)
    return report
