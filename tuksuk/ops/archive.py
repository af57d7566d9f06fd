"""The backup archive: one tar file, read and written as a stream.

Members, in this order::

    database/tuksuk.sqlite3    (SQLite: an online copy)   or   database/tuksuk.pgdump (PostgreSQL: pg_dump -Fc)
    media/<path>               every file of MEDIA_ROOT, as regular files
    manifest.json              written last, when every checksum is known

Reading never trusts the archive: a member name must be a plain relative path under ``database/`` or ``media/``
(no ``..``, no absolute path, no backslash), a member must be a regular file (no links, devices, directories) and
appear once, every file must be listed in the manifest with its size and sha256, and the database dump must start
with its format's magic bytes. Nothing is ever extracted with ``tarfile.extract``: files are written by
``verify_archive`` itself, only below the directories the caller names, and only the caller decides what to do
with them once the whole archive checked out.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from django.utils.translation import gettext as _

FORMAT = "tuksuk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_PREFIX = "database/"
MEDIA_PREFIX = "media/"
DUMP_MEMBERS = {"sqlite": "database/tuksuk.sqlite3", "postgresql": "database/tuksuk.pgdump"}
DUMP_MAGIC = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
MAX_NAME_LENGTH = 4096
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ArchiveError(Exception):
    """The archive cannot be used; the message (Thai) says why. Nothing has been changed."""


class BackupError(Exception):
    """A backup or restore could not be done (missing tool, database error, disk full…); the message (Thai) says why."""


def safe_relative_path(name: object) -> str:
    """``name`` when it is a plain relative POSIX path that stays where it is put; ``ArchiveError`` otherwise."""
    if not isinstance(name, str) or not name or len(name) > MAX_NAME_LENGTH:
        raise ArchiveError(_("ชื่อไฟล์ในไฟล์สำรองไม่ถูกต้อง"))
    parts = name.split("/")
    if (
        name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name)
        or any(part in ("", ".", "..") for part in parts)
        or any(ord(ch) < 32 for ch in name)
    ):
        raise ArchiveError(_("ไฟล์สำรองมีชื่อไฟล์ที่อาจเขียนออกนอกโฟลเดอร์ (%(name)s): ปฏิเสธทั้งไฟล์") % {"name": name[:200]})
    return name


def file_sha256(path: Path) -> tuple[str, int]:
    """sha256 (hex) and size of a file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class HashingReader:
    """A file wrapper that hashes what ``tarfile`` reads through it, so a file is read once."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


# ---------------------------------------------------------------- writing


def open_for_writing(path: Path, *, gzip: bool) -> tuple[IO[bytes], tarfile.TarFile]:
    """A new archive file with mode 0600 (it holds personal data), refused if ``path`` exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)  # whatever the umask
    raw = os.fdopen(fd, "wb")
    mode = "w|gz" if gzip else "w|"
    tar = tarfile.open(fileobj=raw, mode=mode, format=tarfile.PAX_FORMAT, copybufsize=CHUNK)  # noqa: SIM115
    return raw, tar


def add_file(tar: tarfile.TarFile, name: str, path: Path) -> tuple[str, int]:
    """Stream one file into the archive; returns its sha256 and size as written."""
    with path.open("rb") as handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size
        info.mtime = int(os.fstat(handle.fileno()).st_mtime)
        info.mode = 0o600
        reader = HashingReader(handle)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return reader.hexdigest(), reader.size


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# ---------------------------------------------------------------- reading


@dataclass
class Manifest:
    """The parsed, checked ``manifest.json``."""

    data: dict[str, Any]

    @property
    def engine(self) -> str:
        return self.data["engine"]

    @property
    def database(self) -> dict[str, Any]:
        return self.data["database"]

    @property
    def tables(self) -> dict[str, int]:
        return self.data["tables"]

    @property
    def migrations(self) -> dict[str, str]:
        return self.data["migrations"]

    @property
    def media(self) -> dict[str, dict[str, Any]]:
        return self.data["media"]["files"]

    @property
    def created_at(self) -> str:
        return self.data["created_at"]

    @property
    def row_count(self) -> int:
        return sum(self.tables.values())

    @property
    def media_bytes(self) -> int:
        return sum(entry["size"] for entry in self.media.values())


def _damaged(exc: BaseException) -> ArchiveError:
    return ArchiveError(_("ไฟล์สำรองเสียหายหรือไม่ครบ (อาจถูกตัดระหว่างคัดลอก): %(error)s") % {"error": exc})


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    """Members one by one without keeping them all in memory (an archive may hold a million media files)."""
    seen: set[str] = set()
    while True:
        try:
            info = tar.next()
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            raise _damaged(exc) from exc
        if info is None:
            return
        tar.members.clear()
        name = safe_relative_path(info.name)
        if not info.isreg() or info.issparse():
            raise ArchiveError(_("ไฟล์สำรองมีรายการที่ไม่ใช่ไฟล์ปกติ (ลิงก์ โฟลเดอร์ หรืออุปกรณ์): %(name)s") % {"name": name[:200]})
        if name in seen:
            raise ArchiveError(_("ไฟล์สำรองมีไฟล์ชื่อซ้ำ: %(name)s") % {"name": name[:200]})
        seen.add(name)
        if name != MANIFEST and not name.startswith((DATABASE_PREFIX, MEDIA_PREFIX)):
            raise ArchiveError(_("ไฟล์สำรองมีไฟล์ที่ไม่รู้จัก: %(name)s") % {"name": name[:200]})
        yield info


def _open(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise ArchiveError(_("ไม่พบไฟล์สำรอง %(path)s") % {"path": path})
    try:
        return tarfile.open(path, "r:*", copybufsize=CHUNK)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise ArchiveError(_("ไฟล์นี้ไม่ใช่ไฟล์สำรองของระบบ หรือเสียหาย: %(error)s") % {"error": exc}) from exc


def _check_manifest(data: object) -> Manifest:
    bad = ArchiveError(_("manifest.json ในไฟล์สำรองไม่ถูกต้อง"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad
    if data.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            _("ไฟล์สำรองรุ่น %(version)s ระบบนี้อ่านได้เฉพาะรุ่น %(known)s")
            % {"version": data.get("format_version"), "known": FORMAT_VERSION}
        )
    engine = data.get("engine")
    if engine not in DUMP_MEMBERS:
        raise ArchiveError(_("ไม่รู้จักชนิดฐานข้อมูล %(engine)s ในไฟล์สำรอง") % {"engine": engine})
    database = data.get("database")
    if (
        not isinstance(database, dict)
        or database.get("member") != DUMP_MEMBERS[engine]
        or not SHA256.match(str(database.get("sha256", "")))
        or not isinstance(database.get("size"), int)
    ):
        raise bad
    tables, migrations, media = data.get("tables"), data.get("migrations"), data.get("media")
    if not isinstance(tables, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in tables.items()):
        raise bad
    if not isinstance(migrations, dict) or not all(isinstance(v, str) for v in migrations.values()):
        raise bad
    if not isinstance(media, dict) or not isinstance(media.get("files"), dict):
        raise bad
    for name, entry in media["files"].items():
        safe_relative_path(name)
        if (
            not isinstance(entry, dict)
            or not SHA256.match(str(entry.get("sha256", "")))
            or not isinstance(entry.get("size"), int)
        ):
            raise bad
    if not isinstance(data.get("created_at"), str):
        raise bad
    return Manifest(data)


def read_manifest(path: Path) -> Manifest:
    """The manifest alone (member headers are skipped over, data is not read): cheap checks before the real work."""
    with _open(path) as tar:
        for info in _members(tar):
            if info.name != MANIFEST:
                continue
            if info.size > MAX_MANIFEST_BYTES:
                raise ArchiveError(_("manifest.json ในไฟล์สำรองใหญ่ผิดปกติ"))
            try:
                raw = tar.extractfile(info).read()  # type: ignore[union-attr]
                data = json.loads(raw.decode("utf-8"))
            except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
                raise _damaged(exc) from exc
            except (UnicodeDecodeError, ValueError) as exc:
                raise ArchiveError(_("manifest.json ในไฟล์สำรองไม่ถูกต้อง")) from exc
            return _check_manifest(data)
    raise ArchiveError(_("ไม่พบ manifest.json ในไฟล์สำรอง: ไฟล์ถูกตัดหรือไม่ใช่ไฟล์สำรองของระบบ"))


def _cannot_write(path: Path | None, exc: OSError) -> BackupError:
    return BackupError(_("เขียนไฟล์ชั่วคราว %(path)s ไม่ได้ (ยังไม่มีอะไรถูกเปลี่ยน): %(error)s") % {"path": path, "error": exc})


def _staged_file(path: Path, mode: int) -> BinaryIO:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    return os.fdopen(fd, "wb")


def _write(out: BinaryIO, chunk: bytes, path: Path) -> None:
    try:
        out.write(chunk)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc


def verify_archive(path: Path, *, database_to: Path | None = None, media_to: Path | None = None) -> Manifest:
    """Check every byte of the archive against its manifest; raise ``ArchiveError`` at the first problem.

    With ``database_to`` (a file path) and ``media_to`` (a directory), the dump and the media files are written
    there while they are checked: the caller uses them only when this returns, and removes them when it raises.
    """
    manifest = read_manifest(path)
    expected_dump = manifest.database["member"]
    media_prefix_length = len(MEDIA_PREFIX)
    media_root = media_to.resolve() if media_to else None
    seen_dump, seen_media = False, 0
    with _open(path) as tar:
        for info in _members(tar):
            name = info.name
            if name == MANIFEST:
                continue
            if name == expected_dump:
                expected, target, seen_dump = manifest.database, database_to, True
            elif name.startswith(MEDIA_PREFIX) and name[media_prefix_length:] in manifest.media:
                expected = manifest.media[name[media_prefix_length:]]
                target = media_root / name[media_prefix_length:] if media_root else None
                # Belt and braces after safe_relative_path: the file lands below the staging directory.
                if target is not None and not target.resolve().is_relative_to(media_root):  # type: ignore[arg-type]
                    raise ArchiveError(_("ไฟล์สำรองมีชื่อไฟล์ที่อาจเขียนออกนอกโฟลเดอร์ (%(name)s): ปฏิเสธทั้งไฟล์") % {"name": name})
                seen_media += 1
            else:
                raise ArchiveError(_("ไฟล์สำรองมีไฟล์ที่ไม่อยู่ใน manifest: %(name)s") % {"name": name[:200]})
            if info.size != expected["size"]:
                raise ArchiveError(_("ขนาดของ %(name)s ไม่ตรงกับ manifest") % {"name": name[:200]})
            digest = hashlib.sha256()
            head = b""
            out = _staged_file(target, 0o600 if name == expected_dump else 0o644) if target is not None else None
            try:
                source = tar.extractfile(info)
                while True:
                    try:
                        chunk = source.read(CHUNK)  # type: ignore[union-attr]
                    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
                        raise _damaged(exc) from exc
                    if not chunk:
                        break
                    digest.update(chunk)
                    if len(head) < 16:
                        head = (head + chunk)[:16]
                    if out is not None:
                        _write(out, chunk, target)  # type: ignore[arg-type]
                if out is not None:
                    out.flush()
                    os.fsync(out.fileno())
            except OSError as exc:
                raise _cannot_write(target, exc) from exc
            finally:
                if out is not None:
                    out.close()
            if digest.hexdigest() != expected["sha256"]:
                raise ArchiveError(
                    _("checksum ของ %(name)s ไม่ตรงกับ manifest: ไฟล์สำรองเสียหายหรือถูกแก้ไข") % {"name": name[:200]}
                )
            if name == expected_dump and not head.startswith(DUMP_MAGIC[manifest.engine]):
                raise ArchiveError(
                    _("ไฟล์ฐานข้อมูลในไฟล์สำรองไม่ใช่รูปแบบ %(engine)s") % {"engine": ENGINE_NAMES[manifest.engine]}
                )
    if not seen_dump:
        raise ArchiveError(_("ไฟล์สำรองไม่มีไฟล์ฐานข้อมูล (%(name)s)") % {"name": expected_dump})
    if seen_media != len(manifest.media):
        raise ArchiveError(
            _("ไฟล์สำรองขาดไฟล์สื่อ %(missing)d ไฟล์ที่ระบุใน manifest") % {"missing": len(manifest.media) - seen_media}
        )
    return manifest
