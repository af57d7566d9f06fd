"""``python -m bench`` (``make bench``): Tuksuk's benchmark suite on PostgreSQL (issue #9; docs/performance.md).

1. a database ``bench_<scale>`` on 127.0.0.1:5432 (or ``BENCH_DATABASE_URL``), migrated, with the reference data
   and ``generate_national`` sized for the scale, reused by the next run while the generator is unchanged
   (``--fresh`` starts over);
2. the measures, each in its own process, each against a yardstick measured in the same run on the same machine:
   dashboards, lists and search, HTTP, export, import;
3. ``bench/results.json`` (machine, data, raw numbers, ratios, targets) and a table on stdout (and
   ``bench/results.md``).

Missed targets are reported, not fatal: the exit code is 0 unless a measure could not run at all, or ``--strict``
is given and a target is missed. Timings are never asserted in unit tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import loadgen
from .importfile import write_file
from .stats import check, ratio
from .worker import DISTRICT_USER, RESULT_PREFIX

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
SEED = 1
# Bump when the dataset the bench builds changes in a way the generator's source does not show.
DATASET_VERSION = 1
SCALES = {
    # households → stories (about 1.7 per household); import rows; export rows (capped at the stories there are)
    "small": {"households": 30_000, "import_rows": 50_000, "export_rows": 1_000_000, "reps": 20, "http_seconds": 5},
    "medium": {
        "households": 300_000,
        "import_rows": 1_000_000,
        "export_rows": 1_000_000,
        "reps": 30,
        "http_seconds": 10,
    },
    "large": {
        "households": 3_000_000,
        "import_rows": 1_000_000,
        "export_rows": 1_000_000,
        "reps": 30,
        "http_seconds": 15,
    },
}
MEASURES = ("dashboards", "lists", "http", "export", "import")
HTTP_CONNECTIONS = 50
# Targets (issue #9). At 5M stories (large) the absolute latency targets apply; smaller scales report them too.
IMPORT_VS_COPY = 3.0
MEMORY_LIMIT_MB = 500
FLAT = 1.25  # "flat": the larger run's peak memory at most this many times the smaller run's
DASHBOARD_VS_SQL = 1.5
DASHBOARD_MS = 100
LIST_MS = 150
HTTP_SHARE = 0.5


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


# --- the machine ----------------------------------------------------------------------------------------------


def _run_text(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10, cwd=ROOT).stdout.strip()  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return ""


def machine(database_url: str) -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    import psycopg

    with psycopg.connect(database_url) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
        settings = dict(
            conn.execute(
                "SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name = ANY(%s)",
                [["shared_buffers", "work_mem", "effective_cache_size", "max_connections", "jit"]],
            ).fetchall()
        )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(mem_kb / 2**20, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "postgresql": pg,
        "postgresql_settings": settings,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": _run_text(["git", "rev-parse", "--short", "HEAD"]),
        "git_dirty": bool(_run_text(["git", "status", "--porcelain", "--untracked-files=no"])),
        "load_generator": loadgen.tool(),
    }


# --- the database ---------------------------------------------------------------------------------------------


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(_with_db(url, "postgres"), autocommit=True)


def _exists(url: str) -> bool:
    with _admin(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_db_name(url)]).fetchone() is not None


def _drop(url: str) -> None:
    from psycopg import sql

    with _admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(_db_name(url))))


def _create(url: str, template: str | None = None) -> None:
    from psycopg import sql

    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_db_name(url)))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with _admin(url) as conn:
        conn.execute(statement)


def dataset_version(scale: str) -> str:
    digest = hashlib.sha256(f"{DATASET_VERSION}:{scale}:{SEED}:{SCALES[scale]['households']}".encode())
    for path in ("tuksuk/demo/national.py", "tuksuk/demo/data.py"):
        digest.update((ROOT / path).read_bytes())
    return digest.hexdigest()[:16]


def _marker(url: str) -> dict | None:
    import psycopg

    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('bench_dataset')").fetchone()[0] is None:
            return None
        row = conn.execute("SELECT version, details FROM bench_dataset ORDER BY created_at DESC LIMIT 1").fetchone()
    return {"version": row[0], **row[1]} if row else None


def _write_marker(url: str, version: str, details: dict) -> None:
    import psycopg
    from psycopg.types.json import Jsonb

    with psycopg.connect(url) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_dataset "
            "(version text NOT NULL, details jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.execute("DELETE FROM bench_dataset")
        conn.execute("INSERT INTO bench_dataset (version, details) VALUES (%s, %s)", [version, Jsonb(details)])


def _has_data(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('cases_story')").fetchone()[0] is None:
            return False
        return conn.execute("SELECT EXISTS (SELECT 1 FROM cases_story)").fetchone()[0]


def manage(url: str, *args: str, timeout: float | None = None) -> str:
    completed = subprocess.run(  # noqa: S603  (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{completed.stdout[-2000:]}\n{completed.stderr[-4000:]}"
        )
    return completed.stdout


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "BENCH_DATABASE_URL": url, **extra}
    env.pop("DATABASE_URL", None)
    return env


def ensure_dataset(url: str, scale: str, *, fresh: bool, own_database: bool) -> dict:
    """The migrated, generated database for ``scale``: reused when its marker matches, else built."""
    version = dataset_version(scale)
    if fresh and own_database:
        _drop(url)
    if not _exists(url):
        if not own_database:
            raise RuntimeError(f"BENCH_DATABASE_URL names a database that does not exist: {_db_name(url)}")
        _create(url)
    marker = _marker(url)
    if marker and marker["version"] == version and not fresh:
        say(f"reusing {_db_name(url)}: generated {marker.get('generated_at')} ({marker.get('seconds')} s)")
        manage(url, "migrate", "--noinput", "-v", "0")
        return {**marker, "reused": True}
    if _has_data(url):
        if not own_database:
            raise RuntimeError("BENCH_DATABASE_URL holds other data: give an empty database (or run with --fresh)")
        say(f"{_db_name(url)} holds another dataset: starting over")
        _drop(url)
        _create(url)
    started = time.monotonic()
    say("migrate")
    manage(url, "migrate", "--noinput", "-v", "0")
    say("load_reference")
    manage(url, "load_reference")
    households = SCALES[scale]["households"]
    say(f"generate_national --households {households:,} --seed {SEED}")
    out = manage(url, "generate_national", "--households", str(households), "--seed", str(SEED))
    counts = {}
    for line in out.splitlines():
        name, sep, value = line.strip().partition(": ")
        if sep and value.replace(",", "").isdigit():
            counts[name] = int(value.replace(",", ""))
    details = {
        "scale": scale,
        "seed": SEED,
        "households": households,
        "counts": counts,
        "seconds": round(time.monotonic() - started, 1),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    _write_marker(url, version, details)
    say(f"dataset ready in {details['seconds']} s: {counts.get('stories', 0):,} stories")
    return {"version": version, **details, "reused": False}


# --- running the Django side -----------------------------------------------------------------------------------


def worker(url: str, *args: str, timeout: float, password: str = "") -> dict:
    completed = subprocess.run(  # noqa: S603  (our own worker)
        [sys.executable, "-m", "bench.worker", *args],
        cwd=ROOT,
        env=_env(url, BENCH_PASSWORD=password),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    raise RuntimeError(f"bench.worker {args[0]} failed ({completed.returncode}):\n{completed.stderr[-4000:]}")


# --- the measures ----------------------------------------------------------------------------------------------


def measure_dashboards(url: str, ctx: dict) -> dict:
    raw = worker(url, "dashboards", "--district", ctx["district"], "--reps", str(ctx["reps"]), timeout=900)
    checks = []
    for label in ("national", "district"):
        part = raw[label]
        base = part["baseline"]["p95_ms"]
        for kind in ("figures", "page"):
            p95 = part[kind]["p95_ms"]
            times = ratio(p95, base)
            what = "figures (area_figures)" if kind == "figures" else "whole dashboard (build_dashboard)"
            # The yardstick is for the figures. The whole board also reads what no tally holds (projects,
            # budget, public counts, the reference lists, the child areas): its ratio is tracked, its time targeted.
            figures = kind == "figures"
            checks.append(
                check(
                    f"{label} {what} p95 vs one SQL on reports_tally",
                    times,
                    f"≤ {DASHBOARD_VS_SQL}×" if figures else "(tracked)",
                    (times is not None and times <= DASHBOARD_VS_SQL) if figures else None,
                    "×",
                )
            )
            checks.append(check(f"{label} {what} p95", p95, f"< {DASHBOARD_MS} ms", p95 < DASHBOARD_MS, "ms"))
        checks.append(check(f"{label} same numbers as the SQL", part["same_numbers"], "true", part["same_numbers"]))
    return {"raw": raw, "checks": checks}


def measure_lists(url: str, ctx: dict) -> dict:
    raw = worker(
        url,
        "lists",
        "--district",
        ctx["district"],
        "--surname",
        ctx["surname"],
        "--reps",
        str(ctx["reps"]),
        timeout=900,
    )
    checks = []
    for name, timing in raw["timings"].items():
        p95 = timing["p95_ms"]
        checks.append(
            check(f"{name} p95 ({raw['rows'].get(name, 0):,} rows)", p95, f"< {LIST_MS} ms", p95 < LIST_MS, "ms")
        )
    for name, counts in raw["queries"].items():
        values = sorted(set(counts.values()))
        text = " / ".join(str(v) for v in counts.values())
        checks.append(check(f"{name} queries per page ({', '.join(counts)})", text, "constant", len(values) == 1))
    checks.append(check("pages answered 200", not raw["errors"], "true", not raw["errors"]))
    return {"raw": raw, "checks": checks}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310  (loopback only)
            return response.status
    except OSError:
        return 0


def measure_http(url: str, ctx: dict) -> dict:
    workers = int(os.environ.get("BENCH_WORKERS", "3"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    statements = Path(log.name).with_suffix(".sql.json")  # the story API's SQL, for bench/story-sql/
    server = subprocess.Popen(  # noqa: S603  (gunicorn from our venv)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tuksuk.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--backlog",
            "2048",
            # Load Django once in the master and fork: on a loaded machine, workers importing Django on their own
            # can overrun the boot timeout and be restarted in a loop.
            "--preload",
            "--timeout",
            "120",
            "--graceful-timeout",
            "10",
        ],
        cwd=ROOT,
        env=_env(url, BENCH_STORY_SQL=str(statements)),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while _get(f"{base}/bench/minimal/", timeout=5) != 200:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(log.name).read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 180 s")
            time.sleep(0.5)
        request = urllib.request.Request(  # noqa: S310
            f"{base}/api/v1/auth/token/",
            data=json.dumps({"username": DISTRICT_USER, "password": ctx["password"]}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            token = json.loads(response.read())["token"]
        worker(url, "apisql", token, str(statements), timeout=600)
        targets = {
            "minimal": (f"{base}/bench/minimal/", {}),
            "story_api": (f"{base}/api/v1/stories/", {"Authorization": f"Token {token}"}),
            "story_sql": (f"{base}/bench/story-sql/", {}),
            "portal_province": (f"{base}/p/province/{ctx['province']}/", {}),
        }
        seconds = ctx["http_seconds"]
        runs: dict[str, list[dict]] = {name: [] for name in targets}
        # The yardstick before and after the others, so a drift in the machine's load shows and averages out.
        for name in ("minimal", "story_api", "story_sql", "portal_province", "minimal"):
            target, headers = targets[name]
            loadgen.run(target, seconds=1, connections=HTTP_CONNECTIONS, headers=headers)  # warm up
            result = loadgen.run(target, seconds=seconds, connections=HTTP_CONNECTIONS, headers=headers)
            say(f"  http {name}: {result['rps']} req/s, {result['errors']} errors")
            runs[name].append(result)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        server_log = Path(log.name).read_text(errors="replace")[-3000:]
        Path(log.name).unlink(missing_ok=True)
        statements.unlink(missing_ok=True)
    minimal_rps = sum(r["rps"] for r in runs["minimal"]) / len(runs["minimal"])
    checks = []
    for name in ("story_api", "portal_province"):
        result = runs[name][0]
        share = ratio(result["rps"], minimal_rps)
        checks.append(
            check(
                f"{name} req/s vs minimal view",
                share,
                f"≥ {HTTP_SHARE}",
                share is not None and share >= HTTP_SHARE,
                "×",
            )
        )
        checks.append(check(f"{name} errors", result["errors"], "0", result["errors"] == 0))
    # The database's share: the API's own statements with nothing around them. How far the API is from them
    # (Python's share), and how far they alone are from the bare view (what no implementation could win back).
    sql_only = runs["story_sql"][0]
    checks.append(
        check(
            "story_api req/s vs its own SQL alone",
            ratio(runs["story_api"][0]["rps"], sql_only["rps"]),
            "(tracked)",
            None,
            "×",
        )
    )
    checks.append(
        check("its own SQL alone req/s vs minimal view", ratio(sql_only["rps"], minimal_rps), "(tracked)", None, "×")
    )
    errors = sum(r["errors"] for r in runs["minimal"]) + sql_only["errors"]
    checks.append(check("minimal view and SQL-alone errors", errors, "0", errors == 0))
    raw = {
        "tool": loadgen.tool(),
        "connections": HTTP_CONNECTIONS,
        "seconds": seconds,
        "gunicorn_workers": workers,
        "database_conn_max_age": os.environ.get("DATABASE_CONN_MAX_AGE", "0"),
        "minimal_rps_mean": round(minimal_rps, 1),
        "runs": runs,
        "server_log_tail": server_log if any(r["errors"] for rs in runs.values() for r in rs) else "",
    }
    return {"raw": raw, "checks": checks}


def measure_export(url: str, ctx: dict) -> dict:
    rows = min(ctx["export_rows"], ctx["stories"])
    half = worker(url, "export", "--limit", str(max(1, rows // 2)), timeout=3600)
    say(f"  export {half['rows']:,} rows: {half['seconds']} s, {half['peak_rss_mb']} MB")
    full = worker(url, "export", "--limit", str(rows), timeout=3600)
    say(f"  export {full['rows']:,} rows: {full['seconds']} s, {full['peak_rss_mb']} MB")
    growth = ratio(full["peak_rss_mb"], half["peak_rss_mb"])
    checks = [
        check(f"rows per second ({full['rows']:,} rows)", full["rows_per_second"], "(tracked)", None, "rows/s"),
        check(
            f"peak memory at {full['rows']:,} rows",
            full["peak_rss_mb"],
            f"< {MEMORY_LIMIT_MB} MB",
            full["peak_rss_mb"] < MEMORY_LIMIT_MB,
            "MB",
        ),
        check(
            f"peak memory {full['rows']:,} vs {half['rows']:,} rows",
            growth,
            f"≤ {FLAT}× (constant)",
            growth is not None and growth <= FLAT,
            "×",
        ),
        check(
            "every row written", full["rows"] == full["expected_rows"], "true", full["rows"] == full["expected_rows"]
        ),
    ]
    return {"raw": {"half": half, "full": full}, "checks": checks}


def measure_import(url: str, ctx: dict) -> dict:
    """Import into a copy of the bench database (so the cached dataset stays as generated), at two file sizes."""
    import psycopg

    rows = ctx["import_rows"]
    with psycopg.connect(url) as conn:
        tambons = [
            code
            for (code,) in conn.execute(
                "SELECT code FROM areas_area WHERE level = 'subdistrict' AND is_active ORDER BY code"
            ).fetchall()
        ]
    copy_url = _with_db(url, f"{_db_name(url)}_import")
    _drop(copy_url)
    started = time.monotonic()
    _create(copy_url, template=_db_name(url))
    say(f"  copied the database for the import in {time.monotonic() - started:.1f} s")
    timeout = float(os.environ.get("BENCH_IMPORT_TIMEOUT", ctx["import_timeout"]))
    runs = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            for label, n, village in (("quarter", max(1, rows // 4), 40), ("full", rows, 45)):
                path = Path(tmp) / f"stories-{label}.csv"
                shape = write_file(path, n, tambons, tag=label, first_village=village)
                copy = worker(copy_url, "copy", str(path), timeout=600)
                last = worker(copy_url, "lastids", timeout=600)
                try:
                    result = worker(copy_url, "import", str(path), timeout=timeout)
                except subprocess.TimeoutExpired:
                    result = {"timed_out": True, "seconds": timeout, "summary": "", "peak_rss_mb": None}
                result.update(copy_seconds=copy["seconds"], file_mb=round(path.stat().st_size / 2**20, 1), **shape)
                if not result.get("timed_out"):
                    result["floor"] = worker(copy_url, "rewrite", json.dumps(last), timeout=timeout)
                say(
                    f"  import {n:,} rows: {result['seconds']} s"
                    f"{' (timed out)' if result.get('timed_out') else ''} vs COPY {copy['seconds']} s"
                    f"{_floor_note(result)}"
                    f", {result['peak_rss_mb']} MB"
                )
                runs[label] = result
                if result.get("timed_out"):
                    break
    finally:
        _drop(copy_url)
    full = runs.get("full") or runs["quarter"]
    quarter = runs["quarter"]
    times = ratio(full["seconds"], full["copy_seconds"])
    timed_out = bool(full.get("timed_out"))
    checks = [
        check(
            f"import {full['rows']:,} rows vs COPY" + (" (timed out: at least)" if timed_out else ""),
            times,
            f"≤ {IMPORT_VS_COPY:g}×",
            not timed_out and times is not None and times <= IMPORT_VS_COPY,
            "×",
        ),
        check(f"rows imported ({full['rows']:,})", full.get("summary", ""), "all created", _all_created(full)),
    ]
    if "floor" in full:
        # The schema's own floor: the records the import wrote, COPYed back into the same indexed tables. The
        # first line shows how much of the time is the database's; the second how far the floor itself is from
        # the file's COPY, whatever the importer does.
        floor = full["floor"]["seconds"]
        checks.append(
            check(
                "import vs COPY of the records it wrote (the tables' floor)",
                ratio(full["seconds"], floor),
                "(tracked)",
                None,
                "×",
            )
        )
        checks.append(
            check(
                "COPY of the records it wrote vs COPY of the file",
                ratio(floor, full["copy_seconds"]),
                "(tracked)",
                None,
                "×",
            )
        )
    if "full" in runs and not timed_out:
        growth = ratio(full["peak_rss_mb"], quarter["peak_rss_mb"])
        checks.append(
            check(
                f"peak memory at {full['rows']:,} rows",
                full["peak_rss_mb"],
                f"< {MEMORY_LIMIT_MB} MB",
                full["peak_rss_mb"] < MEMORY_LIMIT_MB,
                "MB",
            )
        )
        checks.append(
            check(
                f"peak memory {full['rows']:,} vs {quarter['rows']:,} rows",
                growth,
                f"≤ {FLAT}× (flat)",
                growth is not None and growth <= FLAT,
                "×",
            )
        )
    else:
        checks.append(check("peak memory (flat, < 500 MB)", None, "not measured: timed out", False))
    return {"raw": {**runs, "timeout_seconds": timeout}, "checks": checks}


def _floor_note(run: dict) -> str:
    return f", its records written back with COPY {run['floor']['seconds']} s" if "floor" in run else ""


def _all_created(run: dict) -> bool:
    summary = dict(part.split("=", 1) for part in run.get("summary", "").split() if "=" in part)
    return summary.get("created") == str(run["rows"]) and summary.get("rejected") == "0"


# --- the report ------------------------------------------------------------------------------------------------


def _fmt(value) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table_rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for name, measure in results["measures"].items():
        if "error" in measure:
            rows.append((name, "could not run", measure["error"].splitlines()[-1][:60], "", "ERROR"))
            continue
        for item in measure["checks"]:
            value = _fmt(item["value"]) + (f" {item['unit']}" if item["unit"] and item["value"] is not None else "")
            verdict = {True: "pass", False: "MISS", None: ""}[item["ok"]]
            rows.append((name, item["name"], value, item["target"], verdict))
    return rows


def render_text(rows: list[tuple[str, ...]]) -> str:
    header = ("measure", "figure", "value", "target", "")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def render_markdown(results: dict, rows: list[tuple[str, ...]]) -> str:
    m, d = results["machine"], results["dataset"]
    lines = [
        f"Scale `{results['scale']}`: {d.get('counts', {}).get('stories', 0):,} stories, "
        f"{d.get('counts', {}).get('households', 0):,} households; run {results['started_at']} in "
        f"{results['seconds']:,.0f} s on {m['cpus']} × {m['cpu_model']}, {m['ram_gb']} GB RAM, PostgreSQL "
        f"{m['postgresql']}, Python {m['python']}, commit {m['git_commit']}{' (modified)' if m['git_dirty'] else ''}, "
        f"load generator {m['load_generator']}.",
        "",
        "| measure | figure | value | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default=os.environ.get("BENCH_SCALE", "small"))
    parser.add_argument("--fresh", action="store_true", help="Drop and regenerate the bench database.")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when any target is missed.")
    parser.add_argument("--only", nargs="+", choices=MEASURES, help="Run only these measures.")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json")
    args = parser.parse_args(argv)
    # Stopped from outside: unwind, so the server and the import's database copy are cleaned up.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    scale = SCALES[args.scale]
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    started = time.monotonic()
    given = os.environ.get("BENCH_DATABASE_URL", "").strip()
    url = given or f"postgres://postgres@127.0.0.1:5432/bench_{args.scale}"
    say(f"scale {args.scale}: database {_db_name(url)}")
    dataset = ensure_dataset(url, args.scale, fresh=args.fresh, own_database=not given)
    password = "bench-" + secrets.token_urlsafe(18)
    info = worker(url, "prepare", timeout=600, password=password)
    say(f"district {info['district']} ({info['district_stories']:,} stories), search '{info['surname']}'")
    ctx = {
        **info,
        "password": password,
        "reps": scale["reps"],
        "http_seconds": scale["http_seconds"],
        "export_rows": scale["export_rows"],
        "import_rows": scale["import_rows"],
        "import_timeout": {"small": 900, "medium": 2400, "large": 2400}[args.scale],
    }
    results = {
        "scale": args.scale,
        "started_at": started_at,
        "machine": machine(url),
        "dataset": {**dataset, **{k: v for k, v in info.items() if k != "surname"}, "search_name": info["surname"]},
        "measures": {},
    }
    crashed = False
    for name in args.only or MEASURES:
        say(f"measure: {name}")
        begun = time.monotonic()
        try:
            measure = globals()[f"measure_{name}"](url, ctx)
        except Exception as exc:  # one broken measure must not hide the others' results
            crashed = True
            measure = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()[-4000:]}
            say(f"  {name} could not run: {type(exc).__name__}: {exc}")
        measure["seconds"] = round(time.monotonic() - begun, 1)
        results["measures"][name] = measure
    results["seconds"] = round(time.monotonic() - started, 1)
    rows = table_rows(results)
    results["summary"] = {
        "checks": sum(1 for r in rows if r[4] in ("pass", "MISS")),
        "passed": sum(1 for r in rows if r[4] == "pass"),
        "missed": [f"{r[0]}: {r[1]}" for r in rows if r[4] == "MISS"],
        "errors": [r[0] for r in rows if r[4] == "ERROR"],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    args.output.with_suffix(".md").write_text(render_markdown(results, rows), encoding="utf-8")
    print()
    print(render_text(rows))
    print()
    summary = results["summary"]
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    say(
        f"{summary['passed']}/{summary['checks']} targets met, {len(summary['errors'])} measures failed to run; "
        f"{results['seconds']:,.0f} s; results in {shown}"
    )
    if crashed:
        return 1
    return 1 if args.strict and summary["missed"] else 0


if __name__ == "__main__":
    sys.exit(main())
