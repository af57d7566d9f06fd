"""``publish_snapshot``: the public site copied into a separate database holds the published items and nothing
personal, a portal server reading it shows the public pages, a re-run replaces it, and counts pulled back from it
are added once."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tuksuk.portal import counting, services
from tuksuk.portal.models import PublishedSnapshot, ShareCount, ViewCount
from tuksuk.portal.snapshot import copied_models

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
DAY = dt.date(2022, 8, 29)


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "tuksuk.settings.test", **extra}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """An empty database with the current schema, made once (migrating takes a while); each test copies it."""
    path = tmp_path_factory.mktemp("snapshot-template") / "empty.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=_env(DATABASE_URL=f"sqlite:///{path}"),
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture
def target(migrated, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "snapshot.sqlite3"
    shutil.copy(migrated, path)
    return path


def publish(target: Path, media: Path | None = None, *options: str) -> None:
    args = ["publish_snapshot", "--to", f"sqlite:///{target}", *options]
    if media is not None:
        args += ["--media-to", str(media)]
    call_command(*args, stdout=open(os.devnull, "w"))  # noqa: SIM115


def rows(path: Path, sql: str, *params) -> list[tuple]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


COPIED_TABLES = {model._meta.db_table for model in copied_models()}
SCHEMA_TABLES = {"django_migrations", "sqlite_sequence"}  # bookkeeping of the schema and of SQLite


def test_snapshot_holds_the_published_items_and_nothing_personal(world, target, migrated, tmp_path):
    media = tmp_path / "media"
    publish(target, media)

    # Every table outside the copied ones holds exactly what the migrations put in an empty database (content
    # types, permissions, questionnaire and rubric templates, border provinces): no user, household, member,
    # story, evidence, project, audit row, session, job...
    empty = table_counts(migrated)
    have = table_counts(target)
    extra = {
        t: n for t, n in have.items() if t not in COPIED_TABLES and n != empty.get(t, 0) and t not in SCHEMA_TABLES
    }
    assert extra == {}
    for table in ("accounts_user", "households_household", "households_member", "cases_story", "cases_evidence"):
        assert have[table] == 0, table
    assert have["audit_changelog"] == 0 if "audit_changelog" in have else True

    titles = {title for (title,) in rows(target, "SELECT title FROM portal_publicitem")}
    assert titles == {world.published.title}
    assert rows(
        target,
        "SELECT source_story_id, source_update_id, created_by_id, proposed_by_id, approved_by_id FROM portal_publicitem",
    ) == [(None, None, None, None, None)]
    assert rows(target, "SELECT count(*) FROM portal_publicitemevent") == [(0,)]
    images = rows(target, "SELECT file, thumbnail, published, source_evidence_id FROM portal_publicimage")
    assert images
    assert all(file == "" and thumb == "" and evidence is None for file, thumb, _p, evidence in images)
    # Only the published copies travel, never an original.
    assert sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()) == sorted(
        published for _f, _t, published, _e in images
    )
    assert rows(target, "SELECT count(*) FROM portal_publicfigure")[0][0] > 0
    assert rows(target, "SELECT count(*) FROM areas_area WHERE level IN ('subdistrict', 'village')") == [(0,)]

    # Nothing the world's households and stories hold appears anywhere in the snapshot.
    with sqlite3.connect(target) as connection:
        dump = "\n".join(connection.iterdump())
    for secret in [*world.secrets, world.rejected.title, world.unpublished.title, world.draft.title]:
        assert secret not in dump, secret


SERVE = """
import json, sys
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
client, answers = Client(), {}
for url in json.loads(sys.argv[1]):
    r = client.get(url)
    body = b"".join(r.streaming_content) if r.streaming else r.content
    answers[url] = [r.status_code, body.decode("utf-8", "replace") if not r.get("Content-Type", "").startswith("image/") else len(body)]
r = client.post("/p/beacon/", {"target": sys.argv[2], "kind": "view"}, HTTP_USER_AGENT="Mozilla/5.0")
answers["beacon"] = r.status_code
print(json.dumps(answers))
"""


def serve(target: Path, var_dir: Path, urls: list[str], beacon: str) -> dict:
    """GET ``urls`` from a portal deployment (TUKSUK_MODE=portal) whose database is the snapshot."""
    env = _env(TUKSUK_MODE="portal", DATABASE_URL=f"sqlite:///{target}", TUKSUK_VAR_DIR=str(var_dir))
    done = subprocess.run(
        [sys.executable, "-c", SERVE, json.dumps(urls), beacon], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_portal_server_on_the_snapshot_shows_the_public_site(world, target, tmp_path):
    var_dir = tmp_path / "portal-var"
    publish(target, var_dir / "test-media")  # MEDIA_ROOT of the test settings is VAR_DIR/test-media
    item = world.published
    image = item.images.exclude(published="").first()
    answers = serve(
        target,
        var_dir,
        [
            "/p/",
            "/p/province/57/",
            "/p/district/5703/",
            f"/p/items/{item.pk}/",
            f"/p/items/{world.unpublished.pk}/",
            f"/p/search/?q={item.title.split()[0]}",
            "/p/kiosk/",
            f"/p/images/{image.public_token}.jpg",
            f"/api/v1/public/items/{item.pk}/",
            "/api/v1/public/figures/?area=5703",
            "/accounts/login/",
        ],
        beacon=item.count_key,
    )
    for url in ("/p/", "/p/province/57/", "/p/district/5703/", f"/p/items/{item.pk}/", "/p/kiosk/"):
        status, html = answers[url]
        assert status == 200, url
        assert item.title in html, url
    assert answers[f"/p/search/?q={item.title.split()[0]}"][0] == 200
    assert item.title in answers[f"/p/search/?q={item.title.split()[0]}"][1]
    assert answers[f"/p/items/{world.unpublished.pk}/"][0] == 404
    status, size = answers[f"/p/images/{image.public_token}.jpg"]
    assert status == 200
    assert size > 100
    assert answers[f"/api/v1/public/items/{item.pk}/"][0] == 200
    assert json.loads(answers["/api/v1/public/figures/?area=5703"][1])["area"] == "5703"
    assert answers["/accounts/login/"][0] == 404
    # The portal counts into the snapshot, not into the main database.
    assert answers["beacon"] == 204
    assert rows(target, "SELECT n FROM portal_viewcount WHERE target = ?", item.count_key) == [(1,)]
    assert not ViewCount.objects.filter(target=item.count_key).exists()


def test_a_rerun_replaces_the_previous_snapshot(world, target, tmp_path, district_chief):
    media = tmp_path / "media"
    publish(target, media)
    first = rows(target, "SELECT token FROM portal_publishedsnapshot")
    photo = media / world.published.images.exclude(published="").first().published.name
    assert photo.exists()

    services.unpublish(world.published, actor=world.chief)
    publish(target, media)
    assert rows(target, "SELECT count(*) FROM portal_publicitem") == [(0,)]
    assert rows(target, "SELECT count(*) FROM portal_publicimage") == [(0,)]
    assert not photo.exists()
    second = rows(target, "SELECT token FROM portal_publishedsnapshot")
    assert len(second) == 1
    assert second != first
    areas = rows(target, "SELECT count(*) FROM areas_area")
    publish(target, media)
    assert rows(target, "SELECT count(*) FROM areas_area") == areas
    assert PublishedSnapshot.objects.count() == 3


def _portal_counts(target: Path, target_key: str, views: int, shares: int = 0) -> None:
    """What a portal server's beacons do to its database: add to today's counters (or make them)."""
    with sqlite3.connect(target) as connection:
        connection.execute(
            "INSERT INTO portal_viewcount (target, area_code, day, n, base) VALUES (?, '5703', ?, 0, 0) "
            "ON CONFLICT (target, day) DO NOTHING",
            (target_key, DAY.isoformat()),
        )
        connection.execute(
            "UPDATE portal_viewcount SET n = n + ? WHERE target = ? AND day = ?", (views, target_key, DAY)
        )
        if shares:
            connection.execute(
                "INSERT INTO portal_sharecount (target, area_code, day, channel, n, base) VALUES (?, '5703', ?, 'line', 0, 0) "
                "ON CONFLICT (target, day, channel) DO NOTHING",
                (target_key, DAY.isoformat()),
            )
            connection.execute(
                "UPDATE portal_sharecount SET n = n + ? WHERE target = ? AND day = ?", (shares, target_key, DAY)
            )


def test_counts_flow_back_once(world, target):
    key = world.published.count_key
    counting.count_view(key, "5703", day=DAY)
    counting.count_view(key, "5703", day=DAY)
    publish(target)
    assert rows(target, "SELECT n FROM portal_viewcount WHERE target = ?", key) == [(2,)]

    _portal_counts(target, key, views=3, shares=2)  # the portal server counts…
    counting.count_view(key, "5703", day=DAY)  # …and so does the main site, meanwhile
    with pytest.raises(CommandError, match="3 views and 2 shares not pulled"):
        publish(target)

    publish(target, None, "--pull-only")
    publish(target, None, "--pull-only")  # nothing new: adds nothing
    assert ViewCount.objects.get(target=key, day=DAY).n == 2 + 1 + 3
    assert ShareCount.objects.get(target=key, day=DAY, channel="line").n == 2

    _portal_counts(target, key, views=4)
    publish(target, None, "--pull-counts")
    assert ViewCount.objects.get(target=key, day=DAY).n == 10
    assert rows(target, "SELECT n FROM portal_viewcount WHERE target = ?", key) == [(10,)]
    publish(target, None, "--pull-only")
    publish(target, None, "--pull-counts")
    assert ViewCount.objects.get(target=key, day=DAY).n == 10
    assert ShareCount.objects.get(target=key, day=DAY, channel="line").n == 2

    _portal_counts(target, key, views=5)
    publish(target, None, "--discard-counts")  # on purpose: the 5 are dropped
    assert ViewCount.objects.get(target=key, day=DAY).n == 10
    assert rows(target, "SELECT n FROM portal_viewcount WHERE target = ?", key) == [(10,)]


def test_a_working_database_is_refused(world, tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as connection:
        connection.execute("CREATE TABLE households_household (id integer primary key)")
        connection.execute("INSERT INTO households_household VALUES (1)")
    with pytest.raises(CommandError, match="working Tuksuk database"):
        publish(live)
    assert rows(live, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") == [(1,)]
    with pytest.raises(CommandError, match=r"Not a database URL|must not be"):
        call_command("publish_snapshot", "--to", "nonsense://x")


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="runs when the tests run on PostgreSQL"
)
def test_snapshot_into_postgresql(world):
    """PostgreSQL → PostgreSQL (the test database and a scratch database on the same server)."""
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = "snapshot_test_portal"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"{base}/{name}"
        key = world.published.count_key
        counting.count_view(key, "5703", day=DAY)
        call_command("publish_snapshot", "--to", url, stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("publish_snapshot", "--to", url, stdout=open(os.devnull, "w"))  # noqa: SIM115
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT title FROM portal_publicitem").fetchall() == [(world.published.title,)]
            assert connection.execute("SELECT count(*) FROM accounts_user").fetchone() == (0,)
            # The portal can add counter rows: the sequences moved past the copied ids.
            connection.execute(
                "INSERT INTO portal_viewcount (target, area_code, day, n, base) VALUES ('page:home', '', %s, 7, 0)",
                (DAY,),
            )
        call_command("publish_snapshot", "--to", url, "--pull-counts", stdout=open(os.devnull, "w"))  # noqa: SIM115
        assert ViewCount.objects.get(target="page:home", day=DAY).n == 7
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
