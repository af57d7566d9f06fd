"""The archive in-process: what a backup holds, and forged or damaged archives refused with nothing changed."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tarfile
from pathlib import Path

import pytest

from tuksuk.ops import archive
from tuksuk.ops.archive import ArchiveError, read_manifest, verify_archive
from tuksuk.ops.backup import create_backup
from tuksuk.ops.databases import BackupError, SqliteDatabase
from tuksuk.ops.restore import RestoreRefused, compare_media, compare_tables, restore_backup

from .conftest import media_fingerprint, sqlite_fingerprint


def backup_of(site, directory: Path, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    database = SqliteDatabase(alias=None, path=site.db)
    return create_backup(directory, database=database, media=site.media, **kwargs).path


def restore_into(site, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    return restore_backup(path, database=SqliteDatabase(alias=None, path=site.db), media=site.media, **kwargs)


def members_of(path: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(path) as tar:
        return [(info, tar.extractfile(info).read() if info.isreg() else b"") for info in tar.getmembers()]


def write_tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            info.size = len(data) if info.isreg() else 0
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return path


def with_manifest(members, change) -> list:  # type: ignore[no-untyped-def]
    """The members with the manifest rewritten by ``change(manifest)`` (checksums stay consistent otherwise)."""
    out = []
    for info, data in members:
        if info.name == archive.MANIFEST:
            manifest = json.loads(data)
            change(manifest)
            data = json.dumps(manifest).encode()
        out.append((info, data))
    return out


def entry(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def test_backup_holds_the_database_every_media_file_and_a_manifest(site, tmp_path):
    path = backup_of(site, tmp_path / "backups")
    assert path.name.startswith("tuksuk-backup-")
    assert path.name.endswith("Z.tar")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no partial file, no dump left behind
    names = [info.name for info, _data in members_of(path)]
    assert names[0] == "database/tuksuk.sqlite3"
    assert names[-1] == "manifest.json"
    manifest = read_manifest(path)
    assert manifest.data["format_version"] == archive.FORMAT_VERSION
    assert manifest.engine == "sqlite"
    assert manifest.created_at.endswith("Z")
    assert manifest.migrations["cases"].startswith("00")
    assert "audit" in manifest.migrations
    assert manifest.tables == {table: count for table, (count, _h) in sqlite_fingerprint(site.db).items()}
    assert manifest.tables["cases_story"] == 2
    assert manifest.tables["households_household"] == 2
    media = media_fingerprint(site.media)
    assert {name: e["sha256"] for name, e in manifest.media.items()} == media
    assert "documents/รายงาน/สรุปผล ๒๕๖๕.txt" in media
    assert len(media) >= 10
    dump = {info.name: data for info, data in members_of(path)}["database/tuksuk.sqlite3"]
    assert manifest.database["sha256"] == hashlib.sha256(dump).hexdigest()
    assert "TUKSUK_DATA_KEY" in manifest.data["not_included"]
    assert verify_archive(path).tables == manifest.tables


def test_a_gzip_archive_verifies_too(site, tmp_path):
    path = backup_of(site, tmp_path / "backups", gzip=True)
    assert path.name.endswith(".tar.gz")
    assert len(verify_archive(path).media) == len(media_fingerprint(site.media))


def test_backups_are_never_written_where_the_web_serves_files(site):
    with pytest.raises(BackupError, match="ห้ามเก็บไฟล์สำรอง"):
        backup_of(site, site.media / "backups")
    assert not (site.media / "backups").exists()


def test_restore_into_an_empty_installation_needs_no_confirmation_and_equals_the_original(site, tmp_path):
    path = backup_of(site, tmp_path / "backups")
    empty = type(site)(tmp_path / "new-server", "")
    empty.var.mkdir()
    report = restore_into(empty, path)
    assert report.ok, report.differences
    assert sqlite_fingerprint(empty.db) == sqlite_fingerprint(site.db)
    assert media_fingerprint(empty.media) == media_fingerprint(site.media)
    assert not [p for p in empty.var.iterdir() if ".restore-" in p.name or ".old-" in p.name]


def test_restore_over_data_is_refused_without_confirmation(site, tmp_path):
    path = backup_of(site, tmp_path / "backups")
    before = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    with pytest.raises(RestoreRefused, match="--yes"):
        restore_into(site, path)
    assert (sqlite_fingerprint(site.db), media_fingerprint(site.media)) == before


def genuine_members(site, tmp_path):  # type: ignore[no-untyped-def]
    return members_of(backup_of(site, tmp_path / "genuine"))


def forge_traversal(members):  # type: ignore[no-untyped-def]
    data = b"owned"
    forged = with_manifest(
        members,
        lambda m: m["media"]["files"].update(
            {"../../evil.txt": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}
        ),
    )
    return [entry("media/../../evil.txt", data), *forged]


def forge_absolute(members):  # type: ignore[no-untyped-def]
    return [entry("/tmp/evil.txt", b"owned"), *members]


def forge_symlink(members):  # type: ignore[no-untyped-def]
    link = tarfile.TarInfo("media/evidence/link.jpg")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    return [(link, b""), *members]


def forge_hardlink(members):  # type: ignore[no-untyped-def]
    link = tarfile.TarInfo("media/evidence/hard.jpg")
    link.type, link.linkname = tarfile.LNKTYPE, "../../../../etc/passwd"
    return [(link, b""), *members]


def forge_media_checksum(members):  # type: ignore[no-untyped-def]
    out = []
    for info, data in members:
        if info.name == "media/documents/large.bin":
            data = data[:1000] + bytes([data[1000] ^ 0xFF]) + data[1001:]  # same size, one byte changed
        out.append((info, data))
    return out


def forge_database_checksum(members):  # type: ignore[no-untyped-def]
    out = []
    for info, data in members:
        if info.name.startswith("database/"):
            data = data[:-10] + b"X" * 10
        out.append((info, data))
    return out


def forge_no_manifest(members):  # type: ignore[no-untyped-def]
    return [(info, data) for info, data in members if info.name != archive.MANIFEST]


def forge_unlisted_file(members):  # type: ignore[no-untyped-def]
    return [entry("media/extra.jpg", b"not in the manifest"), *members]


def forge_duplicate(members):  # type: ignore[no-untyped-def]
    first = next((info, data) for info, data in members if info.name.startswith("media/"))
    return [*members[:-1], entry(first[0].name, b"again"), members[-1]]


def forge_directory(members):  # type: ignore[no-untyped-def]
    folder = tarfile.TarInfo("media/evidence")
    folder.type = tarfile.DIRTYPE
    return [(folder, b""), *members]


def forge_future_format(members):  # type: ignore[no-untyped-def]
    return with_manifest(members, lambda m: m.update(format_version=99))


FORGERIES = {
    "path traversal": (forge_traversal, "นอกโฟลเดอร์"),
    "absolute path": (forge_absolute, "นอกโฟลเดอร์"),
    "symbolic link": (forge_symlink, "ไม่ใช่ไฟล์ปกติ"),
    "hard link": (forge_hardlink, "ไม่ใช่ไฟล์ปกติ"),
    "directory": (forge_directory, "ไม่ใช่ไฟล์ปกติ"),
    "media checksum": (forge_media_checksum, "checksum"),
    "database checksum": (forge_database_checksum, "checksum"),
    "missing manifest": (forge_no_manifest, "ไม่พบ manifest.json"),
    "file not in manifest": (forge_unlisted_file, "ไม่อยู่ใน manifest"),
    "duplicate name": (forge_duplicate, "ชื่อซ้ำ"),
    "unknown format version": (forge_future_format, "รุ่น 99"),
}


def assert_nothing_changed(site, before, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert (sqlite_fingerprint(site.db), media_fingerprint(site.media)) == before
    leftovers = [p for p in site.var.iterdir() if ".restore-" in p.name or ".old-" in p.name]
    assert not leftovers
    assert not list(tmp_path.rglob("evil.txt"))
    assert not Path("/tmp/evil.txt").exists()


@pytest.mark.parametrize("kind", FORGERIES)
def test_forged_archive_is_refused_and_nothing_changes(site, tmp_path, kind):
    forge, message = FORGERIES[kind]
    forged = write_tar(tmp_path / "forged.tar", forge(genuine_members(site, tmp_path)))
    before = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    with pytest.raises(ArchiveError, match=message):
        verify_archive(forged)
    with pytest.raises(ArchiveError, match=message):
        restore_into(site, forged, confirmed=True)
    assert_nothing_changed(site, before, tmp_path)


def test_truncated_archive_is_refused_and_nothing_changes(site, tmp_path):
    genuine = backup_of(site, tmp_path / "genuine")
    before = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    with tarfile.open(genuine) as tar:
        manifest = tar.getmember(archive.MANIFEST)
    # Cut inside the database copy, and inside the manifest (the last member: only the tar padding follows it).
    for length in (genuine.stat().st_size * 3 // 10, manifest.offset_data + manifest.size // 2):
        truncated = tmp_path / f"truncated-{length}.tar"
        truncated.write_bytes(genuine.read_bytes()[:length])
        with pytest.raises(ArchiveError, match=r"เสียหาย|ไม่พบ manifest"):
            verify_archive(truncated)
        with pytest.raises(ArchiveError):
            restore_into(site, truncated, confirmed=True)
    (tmp_path / "noise.tar").write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(ArchiveError):
        restore_into(site, tmp_path / "noise.tar", confirmed=True)
    assert_nothing_changed(site, before, tmp_path)


def test_archive_of_another_engine_or_a_newer_version_is_refused(site, tmp_path):
    members = genuine_members(site, tmp_path)

    def to_postgres(manifest):  # type: ignore[no-untyped-def]
        manifest["engine"] = "postgresql"
        manifest["database"]["member"] = "database/tuksuk.pgdump"

    renamed = [
        (entry("database/tuksuk.pgdump", data)[0] if info.name.startswith("database/") else info, data)
        for info, data in with_manifest(members, to_postgres)
    ]
    with pytest.raises(ArchiveError, match="PostgreSQL"):
        restore_into(site, write_tar(tmp_path / "pg.tar", renamed), confirmed=True)
    with pytest.raises(ArchiveError, match="ไม่ใช่รูปแบบ PostgreSQL"):  # the dump is SQLite whatever the manifest says
        verify_archive(tmp_path / "pg.tar")
    future = with_manifest(members, lambda m: m["migrations"].update(cases="9999_from_the_future"))
    before = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    with pytest.raises(ArchiveError, match="รุ่นที่ใหม่กว่า"):
        restore_into(site, write_tar(tmp_path / "future.tar", future), confirmed=True)
    assert_nothing_changed(site, before, tmp_path)


def test_the_check_after_a_restore_names_exactly_what_differs(tmp_path):
    assert compare_tables({"a": 1, "b": 2, "gone": 3}, {"a": 1, "b": 5, "new": 4}) == [
        "ตาราง b: มี 5 แถว ควรเป็น 2",
        "ตาราง gone: ไม่มีหลังกู้คืน (ควรมี 3 แถว)",
        "ตาราง new: ไม่อยู่ในไฟล์สำรอง (มี 4 แถว)",
    ]
    (tmp_path / "same.txt").write_bytes(b"same")
    (tmp_path / "changed.txt").write_bytes(b"changed")
    (tmp_path / "extra.txt").write_bytes(b"extra")
    expected = {
        "same.txt": {"sha256": hashlib.sha256(b"same").hexdigest(), "size": 4},
        "changed.txt": {"sha256": hashlib.sha256(b"before").hexdigest(), "size": 6},
        "lost.txt": {"sha256": hashlib.sha256(b"lost").hexdigest(), "size": 4},
    }
    assert compare_media(expected, tmp_path) == [
        "ไฟล์สื่อ changed.txt: checksum ไม่ตรง",
        "ไฟล์สื่อ extra.txt: ไม่อยู่ในไฟล์สำรอง",
        "ไฟล์สื่อ lost.txt: หายไป",
    ]
