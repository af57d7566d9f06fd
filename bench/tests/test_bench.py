"""The benchmark's own parts still work. No timings are asserted here: only what the suite computes and writes."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from bench import loadgen
from bench.__main__ import SCALES, _all_created, render_markdown, render_text, table_rows
from bench.importfile import write_file
from bench.stats import percentile, summary_ms
from bench.worker import _written_tables, copy_back, last_ids
from tuksuk.cases.importer import import_stories
from tuksuk.cases.models import Story


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 95) == 95
    assert percentile(values, 50) == 50
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 95) == 0.0
    assert summary_ms([0.001, 0.002])["max_ms"] == 2.0


def test_scales_grow():
    stories = [SCALES[s]["households"] for s in ("small", "medium", "large")]
    assert stories == sorted(stories)


@pytest.mark.django_db
def test_the_import_file_is_accepted_whole_by_the_importer(tmp_path, ministry_admin):
    path = tmp_path / "stories.csv"
    shape = write_file(path, 25, ["570301", "900501"], tag="t", first_village=45)
    assert shape["rows"] == 25
    with path.open("rb") as handle:
        result = import_stories(handle, path.name, actor=ministry_admin)
    assert (result.created, result.rejected) == (25, 0), result.errors[:3]
    assert Story.objects.filter(ref__startswith="BIMP-t-").count() == 25
    assert _all_created({"rows": 25, "summary": result.summary})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
@pytest.mark.django_db
def test_the_floor_writes_back_exactly_what_the_import_wrote(tmp_path, ministry_admin):
    """The import's yardstick takes the records an import added out of the tables and COPYs them back: afterwards
    the tables hold the same rows as before."""
    path = tmp_path / "stories.csv"
    write_file(path, 12, ["570301"], tag="f", first_village=45)
    last = last_ids()
    with path.open("rb") as handle:
        assert import_stories(handle, path.name, actor=ministry_admin).created == 12

    def contents() -> dict:
        with connection.cursor() as cursor:
            found = {}
            for table in _written_tables():
                cursor.execute(f"SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM {table} t")
                found[table] = cursor.fetchone()[0]
        return found

    before = contents()
    connection.ensure_connection()
    floor = copy_back(connection.connection, last, commit=lambda: None)  # inside the test's transaction
    assert floor["rows"]["cases_story"] == 12
    assert floor["rows"]["households_household"] == 6
    assert floor["seconds"] > 0
    assert contents() == before


def test_the_same_file_every_time(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_file(first, 300, ["570301"], tag="x", first_village=40)
    write_file(second, 300, ["570301"], tag="x", first_village=40)
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_text(encoding="utf-8").splitlines()) == 301


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/bench/minimal/
  2 threads and 50 connections
  Latency Distribution
     50%   20.51ms
     90%   40.10ms
     99%    1.20s
  8123 requests in 10.01s, 1.50MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    811.50
Transfer/sec:    153.10KB
"""


def test_wrk_output_is_read():
    result = loadgen.parse_wrk(WRK_OUTPUT)
    assert result["requests"] == 8123
    assert result["rps"] == 811.5
    assert (result["non_2xx"], result["socket_errors"], result["errors"]) == (4, 5, 9)
    assert result["latency"] == {"p50_ms": 20.51, "p90_ms": 40.1, "p99_ms": 1200.0}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # type: ignore[no-untyped-def]
        body = b"ok" if self.path == "/ok" else b"missing"
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_asyncio_client_counts_answers_and_errors(server, monkeypatch):
    monkeypatch.setattr(loadgen.shutil, "which", lambda name: None)
    ok = loadgen.run(f"{server}/ok", seconds=0.5, connections=3)
    assert ok["tool"] == "python-asyncio"
    assert ok["requests"] > 0
    assert ok["errors"] == 0
    missing = loadgen.run(f"{server}/missing", seconds=0.3, connections=2)
    assert missing["non_2xx"] == missing["requests"] > 0


def test_the_table_shows_misses_and_broken_measures():
    results = {
        "scale": "small",
        "started_at": "2025-01-01T00:00:00+00:00",
        "seconds": 12.0,
        "machine": {
            "cpus": 2,
            "cpu_model": "x",
            "ram_gb": 1.0,
            "postgresql": "15",
            "python": "3.11",
            "git_commit": "abc",
            "git_dirty": False,
            "load_generator": "wrk",
        },
        "dataset": {"counts": {"stories": 10, "households": 5}},
        "measures": {
            "lists": {
                "checks": [
                    {"name": "p95", "value": 12.5, "unit": "ms", "target": "< 150 ms", "ok": True},
                    {"name": "queries", "value": "9 / 10", "unit": "", "target": "constant", "ok": False},
                ]
            },
            "http": {"error": "RuntimeError: gunicorn exited"},
        },
    }
    rows = table_rows(results)
    assert [row[4] for row in rows] == ["pass", "MISS", "ERROR"]
    text = render_text(rows)
    assert "12.50 ms" in text
    assert "MISS" in text
    markdown = render_markdown(results, rows)
    assert markdown.count("\n| lists |") == 2
    assert io.StringIO(markdown).readline().startswith("Scale `small`: 10 stories")
