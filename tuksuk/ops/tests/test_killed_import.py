"""Issue #8: "a killed import leaves nothing half-written and can be re-run".

``manage.py import_stories`` runs in a subprocess on a file database and is killed with SIGKILL while it is
writing (its progress bar, shown when stderr is a terminal, says how many rows it has written inside its
transaction). No story or household of that file may exist afterwards, and a second run imports every row.
"""

from __future__ import annotations

import csv
import os
import pty
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time

from django.db.backends.sqlite3._functions import register as register_django_functions

from tuksuk.cases import importer

from .conftest import ROOT

# The importer reports progress after each chunk it has written (inside its one transaction): the file spans at
# least two chunks, so a report arrives while rows remain to be written.
ROWS = max(3000, 2 * getattr(importer, "CHUNK", 0) + 500)
HEADER = ["story_ref", "reported_on", "house_code", "village_code", "head_name", "category", "indicators"]


def write_stories(path) -> None:  # type: ignore[no-untyped-def]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(ROWS):
            village = f"5703010{n % 9 + 1}"  # villages of ตำบลเวียง, เชียงของ (5703)
            writer.writerow(
                [f"KILL-{n:05d}", "2022-08-29", f"{village[:6]}9{n:04d}", village, f"นายทดลอง {n}", 1 + n % 7, 2]
            )


def imported(db_path) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    db = sqlite3.connect(db_path)
    try:
        stories = db.execute("SELECT count(*) FROM cases_story WHERE ref LIKE 'KILL-%'").fetchone()[0]
        households = db.execute(
            "SELECT count(*) FROM households_household WHERE head_name LIKE 'นายทดลอง %'"
        ).fetchone()[0]
        return stories, households
    finally:
        db.close()


def start_and_kill_while_writing(site, path) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Start the import with a terminal on stderr; SIGKILL it once it reports rows written. Returns
    (rows written when killed, exit status)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_stories", str(path), "--user", "importer"],
        cwd=ROOT,
        env=site.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    seen, written = b"", 0
    deadline = time.monotonic() + 900  # a safety net for a stuck run, not a timing assertion
    try:
        while time.monotonic() < deadline and process.poll() is None:
            ready, _w, _x = select.select([controller], [], [], 1.0)
            if not ready:
                continue
            try:
                seen += os.read(controller, 4096)
            except OSError:
                break
            counts = [int(done) for done in re.findall(rb"\] (\d+)/%d" % ROWS, seen)]
            if counts and 0 < max(counts) < ROWS:
                written = max(counts)
                process.send_signal(signal.SIGKILL)
                break
    finally:
        if process.poll() is None and not written:
            process.kill()
        process.wait()
        os.close(controller)
    return written, process.returncode


def test_a_killed_import_leaves_nothing_half_written_and_can_be_run_again(site, tmp_path):
    stories = tmp_path / "stories.csv"
    write_stories(stories)

    written, status = start_and_kill_while_writing(site, stories)
    assert written > 0  # it had written rows inside its transaction…
    assert status == -signal.SIGKILL  # …and was killed, not finished
    assert imported(site.db) == (0, 0)  # nothing of the file survived
    integrity = sqlite3.connect(site.db)
    register_django_functions(integrity)  # CHECK constraints use REGEXP
    assert integrity.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    integrity.close()

    again = subprocess.run(
        [sys.executable, "manage.py", "import_stories", str(stories), "--user", "importer"],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"read={ROWS} created={ROWS} updated=0 unchanged=0 rejected=0" in again.stdout
    assert imported(site.db) == (ROWS, ROWS)
