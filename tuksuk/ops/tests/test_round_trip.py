"""Backup and restore through the real commands (``manage.py`` subprocesses) on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest

from tuksuk.ops.archive import read_manifest

from .conftest import Site, media_fingerprint, sqlite_fingerprint


def only_archive(directory: Path) -> Path:
    archives = sorted(directory.glob("tuksuk-backup-*.tar"))
    assert len(archives) == 1, archives
    return archives[0]


def damage_media(media: Path) -> None:
    (media / "documents" / "large.bin").unlink()
    photo = next((media / "evidence").rglob("*.jpg"))
    photo.write_bytes(b"not the photo any more")
    (media / "documents" / "added-later.txt").write_text("ไฟล์ใหม่", encoding="utf-8")


def test_sqlite_round_trip_through_the_commands(site):
    original = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    backups = site.var / "backups"

    # The application keeps writing: a transaction stays open during the backup (WAL mode lets the copy read).
    writer = sqlite3.connect(site.db, isolation_level=None, timeout=5)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO django_content_type (app_label, model) VALUES ('ops', 'uncommitted')")
    backup = site.manage("backup", "--to", str(backups))
    writer.execute("ROLLBACK")
    writer.close()
    assert backup.returncode == 0, backup.stdout + backup.stderr
    assert "สำรองข้อมูลแล้ว" in backup.stdout
    assert "TUKSUK_DATA_KEY" in backup.stdout  # the operator is told the key is not in the archive
    path = only_archive(backups)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    manifest = read_manifest(path)
    assert manifest.tables == {table: count for table, (count, _h) in original[0].items()}  # not the open write

    verified = site.manage("backup", "--verify", str(path))
    assert verified.returncode == 0, verified.stderr
    assert "ไฟล์สำรองถูกต้อง" in verified.stdout

    # Damage: rows deleted and changed, media deleted, changed and added.
    db = sqlite3.connect(site.db, isolation_level=None)
    db.execute("DELETE FROM cases_storyevent")
    db.execute("UPDATE households_household SET head_name = 'ชื่อผิด'")
    db.execute("INSERT INTO django_content_type (app_label, model) VALUES ('ops', 'stray')")
    db.close()
    damage_media(site.media)
    damaged = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    assert damaged != original

    refused = site.manage("restore", str(path))
    assert refused.returncode == 1
    assert "--yes" in refused.stderr
    assert (sqlite_fingerprint(site.db), media_fingerprint(site.media)) == damaged

    restored = site.manage("restore", str(path), "--yes")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "ตรวจแล้ว OK" in restored.stdout
    assert (sqlite_fingerprint(site.db), media_fingerprint(site.media)) == original
    assert not [p for p in site.var.iterdir() if ".restore-" in p.name or ".old-" in p.name]

    # The audit tables are still append-only after the restore.
    db = sqlite3.connect(site.db, isolation_level=None)
    try:
        assert db.execute("SELECT count(*) FROM audit_changelogentry").fetchone()[0] > 0
        for statement in ("UPDATE audit_changelogentry SET object_repr = 'x'", "DELETE FROM audit_accesslogentry"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)
    finally:
        db.close()


def test_restore_command_refuses_a_damaged_archive_and_changes_nothing(site, tmp_path):
    backups = site.var / "backups"
    site.manage("backup", "--to", str(backups), check=True)
    path = only_archive(backups)
    with tarfile.open(path) as tar:
        dump = tar.getmember("database/tuksuk.sqlite3")
    data = bytearray(path.read_bytes())
    data[dump.offset_data + dump.size // 2] ^= 0x01  # one flipped bit in the middle of the database copy
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))
    before = sqlite_fingerprint(site.db), media_fingerprint(site.media)
    result = site.manage("restore", str(damaged), "--yes")
    assert result.returncode == 1
    assert "ไม่มีอะไรถูกเปลี่ยน" in result.stderr
    assert "checksum ของ database/tuksuk.sqlite3 ไม่ตรง" in result.stderr
    assert (sqlite_fingerprint(site.db), media_fingerprint(site.media)) == before
    verify = site.manage("backup", "--verify", str(damaged))
    assert verify.returncode == 1
    assert "ไฟล์สำรองใช้ไม่ได้" in verify.stderr


# ---------------------------------------------------------------- PostgreSQL

PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", database, "-XAtqc", sql],
        capture_output=True,
        text=True,
        env={**os.environ, "PGCONNECT_TIMEOUT": "5"},
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout.strip()


def postgres_available() -> bool:
    if not shutil.which("psql"):
        return False
    try:
        psql("SELECT 1")
    except RuntimeError:
        return False
    return True


@pytest.fixture
def pg_databases():  # type: ignore[no-untyped-def]
    """Two scratch databases ``backup_test_…`` (the live one and a new server's), dropped afterwards."""
    if not postgres_available():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    names = [f"backup_test_{os.getpid()}_{secrets.token_hex(3)}_{n}" for n in ("live", "new")]
    for name in names:
        psql(f'CREATE DATABASE "{name}"')
    yield names
    for name in names:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_url(name: str) -> str:
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def pg_fingerprint(database: str) -> dict[str, tuple[int, str]]:
    """Row count and a hash of all rows of every table of the public schema."""
    tables = psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", database
    ).splitlines()
    found = {}
    for table in tables:
        line = psql(
            f"SELECT count(*) || ',' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t",
            database,
        )
        count, digest = line.split(",")
        found[table] = (int(count), digest)
    return found


def test_postgresql_round_trip_through_the_commands(pg_databases, tmp_path):
    live_name, new_name = pg_databases
    live = Site(tmp_path / "live", pg_url(live_name))
    live.var.mkdir()
    live.seed()
    original = pg_fingerprint(live_name), media_fingerprint(live.media)
    assert original[0]["cases_story"][0] == 2

    backups = tmp_path / "backups"
    backup = live.manage("backup", "--to", str(backups))
    assert backup.returncode == 0, backup.stdout + backup.stderr
    assert "PostgreSQL" in backup.stdout
    path = only_archive(backups)
    manifest = read_manifest(path)
    assert manifest.engine == "postgresql"
    assert manifest.tables == {table: count for table, (count, _h) in original[0].items()}
    with tarfile.open(path) as tar:
        assert tar.getnames()[0] == "database/tuksuk.pgdump"

    # A new server: empty database, empty media. Nothing to overwrite, so no --yes is needed.
    new = Site(tmp_path / "new", pg_url(new_name))
    new.var.mkdir()
    restored = new.manage("restore", str(path))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "ตรวจแล้ว OK" in restored.stdout
    assert (pg_fingerprint(new_name), media_fingerprint(new.media)) == original

    # The live server is damaged, then restored over its data.
    psql("TRUNCATE cases_story CASCADE; UPDATE households_household SET head_name = 'ชื่อผิด';", live_name)
    damage_media(live.media)
    damaged = pg_fingerprint(live_name), media_fingerprint(live.media)
    assert damaged != original
    refused = live.manage("restore", str(path))
    assert refused.returncode == 1
    assert "--yes" in refused.stderr
    assert (pg_fingerprint(live_name), media_fingerprint(live.media)) == damaged
    restored = live.manage("restore", str(path), "--yes")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert (pg_fingerprint(live_name), media_fingerprint(live.media)) == original

    # pg_restore --clean dropped and recreated the audit triggers: the log is still append-only.
    triggers = psql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname", live_name).splitlines()
    assert triggers == ["audit_accesslogentry_append_only", "audit_changelogentry_append_only"]
    with pytest.raises(RuntimeError, match="append-only"):
        psql("UPDATE audit_changelogentry SET object_repr = 'x'", live_name)
    with pytest.raises(RuntimeError, match="append-only"):
        psql("DELETE FROM audit_changelogentry", live_name)
