"""Load test, and with ``--faults`` outage test, of a real Tuksuk server on loopback (issue #8). See README.md.

    .venv/bin/python loadtest/run.py                      # 60 s, 50 users: no request may fail
    .venv/bin/python loadtest/run.py --faults             # + PostgreSQL and Redis cut mid-load, then restored

Steps: a fresh PostgreSQL database ``loadtest_<pid>`` (migrate, load_reference, seed_demo); gunicorn (gthread) and
a huey consumer on Redis db 7; Locust headless for ``--duration`` seconds; with ``--faults``, the app reaches
PostgreSQL and Redis through ``proxy.CuttableProxy`` and each is cut for ``--outage`` seconds, once. Then the
checks (see ``judge``), ``loadtest/results.json`` and ``loadtest/results.md``; the exit status is 1 when a check
failed. The database and the Redis keys are removed at the end (``--keep-db`` keeps the database).
"""

# ruff: noqa: S603, S607  (fixed commands: psql, and the tools of .venv/bin)
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from loadtest.proxy import CuttableProxy  # noqa: E402

VENV = ROOT / ".venv" / "bin"
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
PASSWORD = "demo-tuksuk-2565"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--faults", action="store_true", help="cut PostgreSQL, then Redis, mid-load")
    parser.add_argument("--outage", type=float, default=8, help="seconds each service stays cut (default 8)")
    parser.add_argument("--recover-within", type=float, default=10, help="seconds allowed to serve 200s again")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3 for 2 cores)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--port", type=int, default=0, help="gunicorn port (default: a free one)")
    parser.add_argument("--redis-db", type=int, default=7)
    parser.add_argument("--template", default="", help="copy this database instead of seeding (faster reruns)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--out", default=str(HERE), help="where results.json and results.md go")
    args = parser.parse_args()
    return Run(args).execute()


@dataclass
class Window:
    service: str
    cut_at: float
    restored_at: float = 0.0
    recovered_at: float | None = None  # first 200 of the probe after the restore
    probes: list[dict] = field(default_factory=list)


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.db = f"loadtest_{os.getpid()}"
        self.scratch = Path(tempfile.mkdtemp(prefix="tuksuk-loadtest-"))
        self.port = args.port or _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.procs: dict[str, subprocess.Popen] = {}
        self.proxies: dict[str, CuttableProxy] = {}
        self.windows: list[Window] = []
        self.notes: list[str] = []

    # --- the whole run ---
    def execute(self) -> int:
        try:
            self.create_database()
            self.start_servers()
            pids_before = self.server_pids()
            locust = self.start_locust()
            if self.args.faults:
                self.inject_faults()
            locust.wait(timeout=self.args.duration + 60)
            pids_after = self.server_pids()
            results = self.judge(pids_before, pids_after)
            self.write(results)
            return 0 if results["passed"] else 1
        finally:
            self.cleanup()

    def create_database(self) -> None:
        _psql(f'CREATE DATABASE "{self.db}"' + (f' TEMPLATE "{self.args.template}"' if self.args.template else ""))
        env = self.env(direct=True)
        steps = [["migrate", "--noinput", "-v", "0"]]
        if not self.args.template:
            steps += [["load_reference"], ["seed_demo"]]
        for step in steps:
            _log(f"manage.py {' '.join(step)}")
            subprocess.run([str(VENV / "python"), "manage.py", *step], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip

    def env(self, direct: bool = False) -> dict[str, str]:
        pg_port = PG[1] if direct or "pg" not in self.proxies else self.proxies["pg"].port
        redis_port = REDIS[1] if direct or "redis" not in self.proxies else self.proxies["redis"].port
        if not hasattr(self, "_keys"):
            self._keys = (secrets.token_urlsafe(50), secrets.token_urlsafe(32))
        return {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "loadtest.settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/{self.db}",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/{self.args.redis_db}",
            "DJANGO_SECRET_KEY": self._keys[0],
            "TUKSUK_DATA_KEY": self._keys[1],
            "LOADTEST_MEDIA_ROOT": str(self.scratch / "media"),
            "TUKSUK_LOG_LEVEL": "WARNING",
        }

    def start_servers(self) -> None:
        if self.args.faults:
            self.proxies["pg"] = CuttableProxy("postgresql", PG).start()
            self.proxies["redis"] = CuttableProxy("redis", REDIS).start()
        env = self.env()
        gunicorn = [
            str(VENV / "gunicorn"), "tuksuk.wsgi", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.args.workers), "--threads", str(self.args.threads), "--worker-class", "gthread",
            "--timeout", "30", "--graceful-timeout", "10", "--preload", "--no-control-socket",
            # Keep idle connections longer than a user's longest pause (8 s), as a proxy in front would: with
            # gunicorn's 2 s default, a request sent as the server closes the idle connection is reset (seen once
            # in 1,161 requests), which a browser retries but the load client counts as a failure.
            "--keep-alive", "15",
            "--error-logfile", str(self.scratch / "gunicorn.log"),
        ]  # fmt: skip
        self.procs["gunicorn"] = subprocess.Popen(gunicorn, cwd=ROOT, env=env)
        huey_log = open(self.scratch / "huey.log", "w")  # noqa: SIM115
        self.procs["huey"] = subprocess.Popen(
            [str(VENV / "python"), "manage.py", "run_huey", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=huey_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.base}/healthz/", timeout=5).status_code == 200:
                    _log(f"server up at {self.base} (gunicorn {self.args.workers}×{self.args.threads} threads)")
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise SystemExit("gunicorn did not answer /healthz/ within 180 s")

    def server_pids(self) -> dict[str, list[int]]:
        master = self.procs["gunicorn"].pid
        workers = sorted(_children(master))
        return {"gunicorn_master": [master], "gunicorn_workers": workers, "huey": [self.procs["huey"].pid]}

    def start_locust(self) -> subprocess.Popen:
        self.request_log = self.scratch / "requests.jsonl"
        command = [
            str(VENV / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
            "-u", str(self.args.users), "-r", str(self.args.spawn_rate), "-t", f"{self.args.duration}s",
            "--host", self.base, "--stop-timeout", "10", "--csv", str(self.scratch / "locust"),
            "--loglevel", "WARNING",
        ]  # fmt: skip
        env = {**os.environ, "LOADTEST_LOG": str(self.request_log)}
        self.started_at = time.time()
        _log(f"locust: {self.args.users} users, spawn rate {self.args.spawn_rate}/s, {self.args.duration} s")
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=open(self.scratch / "locust.out", "w"),
                                stderr=subprocess.STDOUT)  # fmt: skip

    # --- faults: cut one service at a time while the users keep working ---
    def inject_faults(self) -> None:
        duration, outage = self.args.duration, self.args.outage
        plan = [("pg", 0.3 * duration), ("redis", 0.6 * duration)]
        probe = Prober(self.base)
        for key, at in plan:
            if key == "redis" and not probe.signed_in:
                probe._sign_in()  # before the cut: signing in needs the database, not Redis
            _sleep_until(self.started_at + at)
            window = Window(self.proxies[key].name, cut_at=time.time())
            _log(f"cut {window.service}")
            self.proxies[key].cut()
            probe.run(window, until=time.time() + outage, kind=key)
            self.proxies[key].restore()
            window.restored_at = time.time()
            _log(f"restored {window.service}")
            probe.run(window, until=time.time() + self.args.recover_within + 5, kind=key, stop_when_ok=True)
            self.windows.append(window)

    # --- what passed ---
    def judge(self, pids_before: dict, pids_after: dict) -> dict:
        rows = [json.loads(line) for line in self.request_log.read_text().splitlines() if line.strip()]
        grace = self.args.recover_within
        spans = [(w.cut_at, w.restored_at + grace) for w in self.windows]

        def in_outage(row: dict) -> bool:
            start, end = row["t"], row["t"] + row["ms"] / 1000
            return any(start <= b and end >= a for a, b in spans)

        inside = [r for r in rows if in_outage(r)]
        outside = [r for r in rows if not in_outage(r)]
        checks: dict[str, dict] = {}
        bad_outside = [r for r in outside if r["failed"]]
        checks["no failures outside outages"] = {
            "passed": not bad_outside,
            "requests": len(outside),
            "failures": _by_kind(bad_outside),
        }
        if self.windows:
            unclean = [
                r
                for r in inside
                if r["failed"] and not (r["status"] == 503 and r["retry_after"] and r["thai_503"] and not r["trace"])
            ]
            checks["outage answers are 503 + Retry-After, Thai, no trace, no hang"] = {
                "passed": not unclean,
                "requests": len(inside),
                "clean_503": sum(1 for r in inside if r["status"] == 503),
                "unclean": _by_kind(unclean),
            }
            for w in self.windows:
                probes_in = [p for p in w.probes if w.cut_at <= p["t"] <= w.restored_at]
                clean = all(p["status"] == 503 and p["retry_after"] and p["thai"] for p in probes_in)
                recovery = None if w.recovered_at is None else round(w.recovered_at - w.restored_at, 2)
                checks[f"{w.service}: probe answered 503 during the cut"] = {
                    "passed": bool(probes_in) and clean,
                    "probes": len(probes_in),
                    "statuses": sorted({p["status"] for p in probes_in}),
                }
                checks[f"{w.service}: served again within {grace:g} s, no restart"] = {
                    "passed": recovery is not None and recovery <= grace,
                    "seconds_to_recover": recovery,
                }
        checks["same gunicorn and huey processes before and after"] = {
            "passed": pids_before == pids_after,
            "before": pids_before,
            "after": pids_after,
        }
        elapsed = (max((r["t"] + r["ms"] / 1000 for r in rows), default=self.started_at)) - self.started_at
        return {
            "passed": all(c["passed"] for c in checks.values()),
            "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
            "settings": {k: v for k, v in vars(self.args).items() if k not in {"out"}},
            "outages": [
                {
                    "service": w.service,
                    "cut_at_s": round(w.cut_at - self.started_at, 1),
                    "restored_at_s": round(w.restored_at - self.started_at, 1),
                    "seconds_to_recover": None if w.recovered_at is None else round(w.recovered_at - w.restored_at, 2),
                }
                for w in self.windows
            ],
            "checks": checks,
            "totals": _stats(rows, elapsed),
            "by_request": {name: _stats([r for r in rows if r["name"] == name], elapsed) for name in _names(rows)},
            "notes": self.notes + _server_log_notes(self.scratch),
        }

    def write(self, results: dict) -> None:
        out = Path(self.args.out)
        (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        summary = _summary(results)
        (out / "results.md").write_text(summary, encoding="utf-8")
        print(summary)

    def cleanup(self) -> None:
        for name in ("gunicorn", "huey"):
            proc = self.procs.get(name)
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        for proxy in self.proxies.values():
            proxy.stop()
        if not self.args.keep_db:
            _psql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)', check=False)
        try:
            import redis

            client = redis.Redis(*REDIS, db=self.args.redis_db)
            keys = client.keys("huey.*tuksuk*")
            if keys:
                client.delete(*keys)
        except Exception as exc:  # cleanup must not hide the result
            _log(f"redis cleanup: {exc}")
        _log(f"logs kept in {self.scratch}")


class Prober:
    """What one user sees during and after a cut: for the database the health page (it reads the database), for
    Redis an import check (it queues a job), once every half second."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.signed_in = False

    def run(self, window: Window, *, until: float, kind: str, stop_when_ok: bool = False) -> None:
        while time.time() < until:
            started = time.time()
            status, headers, text = self._probe(kind)
            window.probes.append(
                {
                    "t": started,
                    "status": status,
                    "retry_after": headers.get("Retry-After"),
                    "thai": "ไม่พร้อมชั่วคราว" in text,
                }
            )
            if stop_when_ok and status in (200, 302) and window.restored_at and started >= window.restored_at:
                window.recovered_at = started
                return
            time.sleep(max(0.0, 0.5 - (time.time() - started)))

    def _probe(self, kind: str) -> tuple[int, dict, str]:
        try:
            if kind == "pg":
                response = self.session.get(f"{self.base}/healthz/", timeout=20)
            else:
                if not self.signed_in:
                    self._sign_in()
                response = self.session.post(
                    f"{self.base}/stories/import/",
                    data={"dry_run": "on", "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", "")},
                    files={
                        "file": ("probe.csv", b"story_ref,reported_on,house_code,village_code,head_name,category\n")
                    },
                    headers={"Referer": f"{self.base}/stories/import/"},
                    allow_redirects=False,
                    timeout=20,
                )
                if response.status_code == 302 and "/jobs/" not in response.headers.get("Location", ""):
                    self.signed_in = False
            return response.status_code, dict(response.headers), response.text
        except requests.RequestException as exc:
            return 0, {}, type(exc).__name__

    def _sign_in(self) -> None:
        self.session.get(f"{self.base}/accounts/login/", timeout=20)
        response = self.session.post(
            f"{self.base}/accounts/login/",
            data={
                "username": "chiangkhong_team",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.base}/accounts/login/"},
            allow_redirects=False,
            timeout=20,
        )
        self.signed_in = response.status_code == 302


# --- small helpers ---
def _log(text: str) -> None:
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {text}", flush=True)


def _psql(sql: str, check: bool = True) -> None:
    subprocess.run(["psql", "-h", PG[0], "-p", str(PG[1]), "-U", "postgres", "-q", "-c", sql], check=check)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().split(") ")[1].split()[1]) == pid:
                    found.add(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


def _names(rows: list[dict]) -> list[str]:
    return sorted({r["name"] for r in rows})


def _by_kind(rows: list[dict]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for r in rows:
        kind = r["error"] or f"HTTP {r['status']}"
        if r["status"] == 503 and not r["retry_after"]:
            kind += " without Retry-After"
        if r["trace"]:
            kind += " with a stack trace"
        key = f"{kind} · {r['name']}"
        kinds[key] = kinds.get(key, 0) + 1
    return dict(sorted(kinds.items(), key=lambda item: -item[1]))


def _stats(rows: list[dict], elapsed: float) -> dict:
    times = sorted(r["ms"] for r in rows)

    def pct(p: float) -> float:
        return round(times[min(len(times) - 1, int(p * len(times)))], 1) if times else 0.0

    return {
        "requests": len(rows),
        "failures": sum(1 for r in rows if r["failed"]),
        "rps": round(len(rows) / elapsed, 2) if elapsed > 0 else 0.0,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "max_ms": round(times[-1], 1) if times else 0.0,
        "mean_ms": round(statistics.fmean(times), 1) if times else 0.0,
    }


def _server_log_notes(scratch: Path) -> list[str]:
    """Tracebacks in the server logs that are not outages: bugs to report."""
    notes = []
    for name in ("gunicorn.log", "huey.log"):
        path = scratch / name
        if path.exists():
            text = path.read_text(errors="replace")
            for match in re.finditer(r"^.*(?:ERROR|CRITICAL).*$", text, re.MULTILINE):
                line = match.group(0)[:300]
                if line not in notes:
                    notes.append(f"{name}: {line}")
    return notes[:40]


def _summary(results: dict) -> str:
    lines = [
        f"# Load test {'PASSED' if results['passed'] else 'FAILED'} · {results['when']}",
        "",
        f"{results['settings']['users']} users, {results['settings']['duration']} s, gunicorn "
        f"{results['settings']['workers']}×{results['settings']['threads']} threads, "
        f"{results['machine']['cores']} cores"
        + (f", faults: {results['settings']['outage']:g} s each" if results["settings"]["faults"] else ""),
        "",
        "## Checks",
        "",
    ]
    for name, check in results["checks"].items():
        detail = {k: v for k, v in check.items() if k != "passed" and v not in ({}, [], None)}
        lines.append(f"- {'ok  ' if check['passed'] else 'FAIL'} {name}: {json.dumps(detail, ensure_ascii=False)}")
    for outage in results["outages"]:
        lines.append(
            f"- outage {outage['service']}: cut at {outage['cut_at_s']} s, restored at {outage['restored_at_s']} s, "
            f"serving again {outage['seconds_to_recover']} s later"
        )
    t = results["totals"]
    lines += [
        "",
        "## Requests",
        "",
        f"Total {t['requests']} requests, {t['rps']} req/s, p50 {t['p50_ms']} ms, p95 {t['p95_ms']} ms, "
        f"failures {t['failures']}",
        "",
        "| request | n | req/s | p50 ms | p95 ms | max ms | failures |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in results["by_request"].items():
        cells = [name, s["requests"], s["rps"], s["p50_ms"], s["p95_ms"], s["max_ms"], s["failures"]]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    if results["notes"]:
        lines += ["", "## Server log (errors)", ""] + [f"- {note}" for note in results["notes"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
