"""Fixtures for the backup tests: a real file database (SQLite, optionally PostgreSQL) with media, built once by a
subprocess, and a fresh copy of it per test; commands run as real ``manage.py`` subprocesses against it."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def clean_environment(var_dir: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG"}}
    (var_dir / "assets" / "vendor").mkdir(parents=True, exist_ok=True)  # STATICFILES_DIRS entry
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "tuksuk.settings.test",
        "TUKSUK_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }


@dataclass
class Site:
    """One installation: its var/ directory, database and media, and how to run its commands."""

    var: Path
    database_url: str

    @property
    def db(self) -> Path:
        return self.var / "db.sqlite3"

    @property
    def media(self) -> Path:
        return self.var / "test-media"

    @property
    def env(self) -> dict[str, str]:
        return clean_environment(self.var, self.database_url)

    def manage(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def seed(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "tuksuk.ops.tests.seed_world"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def media_fingerprint(root: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def sqlite_fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row, per table: equal fingerprints mean equal data, not only equal counts."""
    db = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        found = {}
        for table in sorted(tables):
            rows = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            found[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return found
    finally:
        db.close()


@pytest.fixture(scope="session")
def sqlite_world(tmp_path_factory) -> Site:  # type: ignore[no-untyped-def]
    """A migrated, seeded SQLite installation, built once per test session (never changed: tests copy it)."""
    var = tmp_path_factory.mktemp("ops-world")
    site = Site(var, f"sqlite:///{var / 'db.sqlite3'}")
    site.seed()
    return site


@pytest.fixture
def site(sqlite_world, tmp_path) -> Site:  # type: ignore[no-untyped-def]
    """A private copy of the world for one test."""
    var = tmp_path / "var"
    shutil.copytree(sqlite_world.var, var)
    return Site(var, f"sqlite:///{var / 'db.sqlite3'}")
