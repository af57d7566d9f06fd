"""Configuration comes from the environment: DATABASE_URL and REDIS_URL select the database and the job queue."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], 'name': str(settings.DATABASES['default']['NAME']),"
    "'huey': settings.HUEY['huey_class'], 'options': settings.DATABASES['default'].get('OPTIONS', {}),"
    "'tz': settings.TIME_ZONE, 'lang': settings.LANGUAGE_CODE, 'debug': settings.DEBUG}))"
)


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG"}}
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**clean, "DJANGO_SETTINGS_MODULE": "tuksuk.settings.local", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_defaults_are_sqlite_in_var_with_wal_and_sqlite_jobs():
    found = settings_with()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"].endswith("var/tuksuk.sqlite3")
    assert "journal_mode=WAL" in found["options"]["init_command"]
    assert found["huey"] == "huey.SqliteHuey"
    assert (found["tz"], found["lang"], found["debug"]) == ("Asia/Bangkok", "th", False)


def test_database_url_selects_postgresql_and_redis_url_the_job_queue():
    found = settings_with(DATABASE_URL="postgres://u:p@db.example:5432/tuksuk", REDIS_URL="redis://127.0.0.1:6379/0")
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "tuksuk"
    assert found["huey"] == "huey.RedisHuey"


def test_sqlite_url_to_another_file():
    assert settings_with(DATABASE_URL="sqlite:////tmp/other.sqlite3")["name"] == "/tmp/other.sqlite3"
