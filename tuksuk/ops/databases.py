"""What backup and restore need from each database engine: a consistent dump with its row counts, a restore,
row counts, and whether a database already holds data.

SQLite: the online backup API copies a consistent snapshot while the application keeps writing (WAL mode);
a restore writes the copy beside the live file and renames it over it. PostgreSQL: the row counts and
``pg_dump --format=custom`` read the same exported snapshot; a restore is ``pg_restore --clean --if-exists
--no-owner --single-transaction`` into the configured database, so it lands whole or not at all.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import sqlite3
import subprocess  # nosec B404  (runs pg_dump/pg_restore with an argument list, never a shell)
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connections, transaction
from django.db.backends.sqlite3._functions import register as register_django_functions
from django.utils.translation import gettext as _

from .archive import ArchiveError, BackupError

# Tables whose rows mean "this database is in use" (a freshly migrated database has none of them).
IN_USE_MODELS = (
    "accounts.User",
    "areas.Area",
    "households.Household",
    "cases.Story",
    "projects.Project",
    "audit.ChangeLogEntry",
)


@dataclass
class Dump:
    path: Path
    tables: dict[str, int]
    migrations: dict[str, str]


def _latest_migrations(rows: list[tuple[str, str]]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in rows:
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


def _in_use_tables() -> list[str]:
    return [apps.get_model(label)._meta.db_table for label in IN_USE_MODELS]


class SqliteDatabase:
    vendor = "sqlite"

    def __init__(self, alias: str | None = "default", *, path: Path | None = None) -> None:
        """The configured database ``alias``, or (``alias=None``) any SQLite file at ``path``."""
        self.alias = alias
        if path is None:
            name = str(connections[alias or "default"].settings_dict["NAME"])
            if not name or name == ":memory:" or name.startswith("file:"):
                raise BackupError(_("ฐานข้อมูล SQLite ต้องเป็นไฟล์ (ตั้ง DATABASE_URL=sqlite:///path)"))
            path = Path(name)
        self.path = Path(path)

    def describe(self) -> str:
        return f"SQLite {self.path}"

    # --- reading a file directly (never through Django, which would create a missing file)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=60, isolation_level=None)
        # The functions Django gives SQLite (REGEXP, …): CHECK constraints use them, and quick_check runs those.
        register_django_functions(db)
        return db

    @staticmethod
    def _tables(db: sqlite3.Connection) -> list[str]:
        rows = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        return [row[0] for row in rows]

    @classmethod
    def _counts(cls, db: sqlite3.Connection) -> dict[str, int]:
        # Table names come from sqlite_master, not from input.
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in cls._tables(db)}  # noqa: S608  # nosec B608  (table names from the database's own catalogue)

    @classmethod
    def _migrations(cls, db: sqlite3.Connection) -> dict[str, str]:
        if "django_migrations" not in cls._tables(db):
            return {}
        return _latest_migrations(db.execute("SELECT app, name FROM django_migrations").fetchall())

    def table_counts(self, path: Path | None = None) -> dict[str, int]:
        db = self._connect(path or self.path)
        try:
            return self._counts(db)
        finally:
            db.close()

    def in_use(self) -> list[str]:
        """The tables that show the database holds data (empty when the file is new or freshly migrated)."""
        if not self.path.exists():
            return []
        db = self._connect(self.path)
        try:
            try:
                existing = set(self._tables(db))
            except sqlite3.DatabaseError:  # not a database any more: still, replacing it needs --yes
                return [str(self.path)]
            return [
                t
                for t in _in_use_tables()
                if t in existing and db.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()  # noqa: S608  # nosec B608  (table names from the database's own catalogue)
            ]
        finally:
            db.close()

    # --- backup

    def dump(self, workdir: Path) -> Dump:
        if not self.path.exists():
            raise BackupError(_("ไม่พบไฟล์ฐานข้อมูล %(path)s") % {"path": self.path})
        target_path = workdir / "tuksuk.sqlite3"
        source = self._connect(self.path)
        target = self._connect(target_path)
        try:
            # One step (pages=-1): a single read transaction, so the copy is one consistent snapshot; in WAL mode
            # the application's writers are not blocked meanwhile.
            source.backup(target)
        except sqlite3.Error as exc:
            raise BackupError(_("สำเนาฐานข้อมูล SQLite ไม่สำเร็จ: %(error)s") % {"error": exc}) from exc
        finally:
            source.close()
        try:
            tables, migrations = self._counts(target), self._migrations(target)
        finally:
            target.close()
        return Dump(target_path, tables, migrations)

    # --- restore

    def staging_path(self) -> Path:
        """Beside the live file (same file system, so the final rename is atomic)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.with_name(f".{self.path.name}.restore-{secrets.token_hex(4)}")

    def check_staged(self, staged: Path, tables: dict[str, int]) -> None:
        db = self._connect(staged)
        try:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            counts = self._counts(db)
        except sqlite3.Error as exc:
            raise ArchiveError(_("ไฟล์ฐานข้อมูลในไฟล์สำรองเปิดไม่ได้: %(error)s") % {"error": exc}) from exc
        finally:
            db.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)
        if result != "ok":
            raise ArchiveError(_("ไฟล์ฐานข้อมูลในไฟล์สำรองเสียหาย: %(error)s") % {"error": result})
        if counts != tables:
            raise ArchiveError(_("จำนวนแถวในไฟล์ฐานข้อมูลไม่ตรงกับ manifest: ไฟล์สำรองไม่สอดคล้องกัน"))

    def restore(self, staged: Path) -> None:
        if self.alias:
            connections.close_all()
        if self.path.exists():
            try:
                stat = self.path.stat()
                os.chmod(staged, stat.st_mode & 0o777)
                if hasattr(os, "chown"):
                    os.chown(staged, stat.st_uid, stat.st_gid)
            except PermissionError:
                pass
            # Fold the live write-ahead log into the old file, so no stale -wal is applied to the new one.
            live = self._connect(self.path)
            try:
                busy = live.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if busy:
                    raise sqlite3.OperationalError("database is busy")
            except sqlite3.OperationalError as exc:  # locked: the application is still running
                raise BackupError(
                    _("ฐานข้อมูลกำลังถูกใช้งาน หยุดเว็บและงานเบื้องหลังก่อนกู้คืน: %(error)s") % {"error": exc}
                ) from exc
            except sqlite3.DatabaseError:
                pass  # the old file is damaged: it is replaced anyway
            finally:
                live.close()
        os.replace(staged, self.path)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        _fsync_directory(self.path.parent)

    def discard(self, staged: Path) -> None:
        for path in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm"), Path(f"{staged}-journal")):
            path.unlink(missing_ok=True)


def find_pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")

    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"/postgresql/([0-9.]+)/", path)
        return tuple(int(p) for p in match[1].split(".") if p) if match else (0,)

    if candidates:
        return max(candidates, key=version)
    raise BackupError(
        _("ไม่พบโปรแกรม %(name)s ติดตั้งแพ็กเกจ postgresql-client รุ่นเดียวกับเซิร์ฟเวอร์ (เช่น apt install postgresql-client)")
        % {"name": name}
    )


class PostgresDatabase:
    vendor = "postgresql"

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        self.settings = connections[alias].settings_dict

    def describe(self) -> str:
        host, port = self.settings.get("HOST") or "localhost", self.settings.get("PORT") or 5432
        return f"PostgreSQL {host}:{port}/{self.settings['NAME']}"

    def environment(self) -> dict[str, str]:
        """libpq environment for the configured database (the password never appears on a command line)."""
        env = dict(os.environ)
        values = {
            "PGDATABASE": self.settings.get("NAME"),
            "PGUSER": self.settings.get("USER"),
            "PGPASSWORD": self.settings.get("PASSWORD"),
            "PGHOST": self.settings.get("HOST"),
            "PGPORT": self.settings.get("PORT"),
        }
        options = self.settings.get("OPTIONS") or {}
        for option, variable in (
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("sslcert", "PGSSLCERT"),
            ("sslkey", "PGSSLKEY"),
            ("passfile", "PGPASSFILE"),
            ("service", "PGSERVICE"),
        ):
            values[variable] = options.get(option)
        env.update({k: str(v) for k, v in values.items() if v not in (None, "")})
        return env

    def _run(self, command: list[str], what: str) -> None:
        result = subprocess.run(command, env=self.environment(), capture_output=True, text=True)  # noqa: S603  # nosec B603  (pg tool found by find_pg_tool, argument list, no shell)
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-8:])
            raise BackupError(_("%(what)s ไม่สำเร็จ:\n%(error)s") % {"what": what, "error": tail})

    def _counts(self, cursor) -> dict[str, int]:  # type: ignore[no-untyped-def]
        connection = connections[self.alias]
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608  (table names from the database's own catalogue)
            counts[table] = cursor.fetchone()[0]
        return counts

    def table_counts(self, path: Path | None = None) -> dict[str, int]:
        with connections[self.alias].cursor() as cursor:
            return self._counts(cursor)

    def in_use(self) -> list[str]:
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
            found = []
            for table in _in_use_tables():
                if table in existing:
                    cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608  # nosec B608  (table names from the database's own catalogue)
                    if cursor.fetchone():
                        found.append(table)
        return found

    def dump(self, workdir: Path) -> Dump:
        pg_dump = find_pg_tool("pg_dump")
        target = workdir / "tuksuk.pgdump"
        connection = connections[self.alias]
        connection.ensure_connection()
        # Counts and dump read the same snapshot: the transaction that exported it stays open during pg_dump.
        with transaction.atomic(using=self.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = self._counts(cursor)
            migrations: dict[str, str] = {}
            if "django_migrations" in tables:
                cursor.execute("SELECT app, name FROM django_migrations")
                migrations = _latest_migrations(cursor.fetchall())
            self._run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    f"--dbname={self.settings['NAME']}",
                ],
                _("pg_dump"),
            )
        os.chmod(target, 0o600)
        return Dump(target, tables, migrations)

    def staging_path(self) -> Path:
        import tempfile

        return Path(tempfile.mkdtemp(prefix="tuksuk-restore-")) / "tuksuk.pgdump"

    def check_staged(self, staged: Path, tables: dict[str, int]) -> None:
        pg_restore = find_pg_tool("pg_restore")
        result = subprocess.run([pg_restore, "--list", str(staged)], capture_output=True, text=True)  # noqa: S603  # nosec B603  (pg tool found by find_pg_tool, argument list, no shell)
        if result.returncode != 0:
            raise ArchiveError(
                _("ไฟล์ฐานข้อมูลในไฟล์สำรองอ่านไม่ได้ (pg_restore --list): %(error)s")
                % {"error": result.stderr.strip()[-500:]}
            )

    def restore(self, staged: Path) -> None:
        pg_restore = find_pg_tool("pg_restore")
        connections.close_all()
        self._run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={self.settings['NAME']}",
                str(staged),
            ],
            _("pg_restore"),
        )

    def discard(self, staged: Path) -> None:
        shutil.rmtree(staged.parent, ignore_errors=True)


def current_database(alias: str = "default") -> SqliteDatabase | PostgresDatabase:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return SqliteDatabase(alias)
    if vendor == "postgresql":
        return PostgresDatabase(alias)
    raise BackupError(_("ระบบสำรองข้อมูลรองรับเฉพาะ SQLite และ PostgreSQL (ฐานข้อมูลนี้: %(vendor)s)") % {"vendor": vendor})


def _fsync_directory(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
