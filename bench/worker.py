"""The Django side of the benchmark: ``python -m bench.worker <step> …`` inside the bench settings.

Each step prints one line ``BENCH-RESULT <json>`` that ``python -m bench`` reads. Steps run in their own process, so
a step's peak memory (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import resource
import sys
import time
from pathlib import Path

RESULT_PREFIX = "BENCH-RESULT "
NATIONAL_USER = "bench_national"
DISTRICT_USER = "bench_district"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: kilobytes


def emit(result: dict) -> None:
    sys.stdout.write(RESULT_PREFIX + json.dumps(result, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


# --- prepare: users, the district measured, a name to search for, the size of the data --------------------------


def prepare(password: str) -> dict:
    from django.db import connection
    from django.db.models import Sum
    from django.db.models.functions import Length

    from tuksuk.accounts.models import RoleAssignment
    from tuksuk.accounts.roles import Role
    from tuksuk.accounts.services import create_or_update_user, revoke_role
    from tuksuk.households.models import Household
    from tuksuk.reports import tallies
    from tuksuk.reports.models import Tally

    # The district with the most stories: the heaviest list a district user sees.
    busiest = (
        Tally.objects.annotate(length=Length("area_code"))
        .filter(length=4, dimension=tallies.STATUS)
        .values("area_code")
        .annotate(n=Sum("n"))
        .order_by("-n", "area_code")
        .first()
    )
    if busiest is None:
        raise SystemExit("No district has stories: was the national dataset generated?")
    district = busiest["area_code"]
    for username, role, area in (
        (NATIONAL_USER, Role.MINISTRY_ADMIN, None),
        (DISTRICT_USER, Role.DISTRICT_CHIEF, district),
    ):
        for held in RoleAssignment.objects.active().filter(user__username=username):
            if (held.role, held.area_id) != (role, area):  # the busiest district may differ from a previous run's
                revoke_role(held, actor=None)
        user, _created = create_or_update_user(
            username, assignments=[(role, area)], first_name="เบนช์", last_name="มาร์ก", actor=None
        )
        user.set_password(password)
        user.save(update_fields=["password"])
    # A surname held by several household heads of the district: the Thai-name search.
    heads = Household.objects.filter(village__code__startswith=district).values_list("head_name", flat=True)[:500]
    surnames: dict[str, int] = {}
    for name in heads:
        parts = name.split()
        if len(parts) >= 2:
            surnames[parts[-1]] = surnames.get(parts[-1], 0) + 1
    surname = max(sorted(surnames), key=lambda s: surnames[s]) if surnames else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname = ANY(%s)",
            [["cases_story", "households_household", "households_member", "cases_action", "reports_tally"]],
        )
        estimates = dict(cursor.fetchall())
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    from tuksuk.cases.models import Story

    return {
        "district": district,
        "district_stories": busiest["n"],
        "province": district[:2],
        "surname": surname,
        "stories": Story.objects.count(),
        "rows_estimate": estimates,
        "database_mb": round(size / 2**20),
    }


def _users():  # type: ignore[no-untyped-def]
    from tuksuk.accounts.models import User

    return User.objects.get(username=NATIONAL_USER), User.objects.get(username=DISTRICT_USER)


# --- 2. dashboards -------------------------------------------------------------------------------------------------

TALLY_SQL = "SELECT dimension, key, SUM(n) FROM reports_tally WHERE area_code = ANY(%s) GROUP BY dimension, key"


def dashboards(district: str, reps: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tuksuk.areas.models import Area
    from tuksuk.reports import tallies
    from tuksuk.reports.dashboard import area_figures, build_dashboard

    from .stats import summary_ms, timed

    national_user, district_user = _users()
    area = Area.objects.get(code=district)
    result = {}
    for label, user, where, codes in (
        ("national", national_user, None, [tallies.NATIONAL]),
        ("district", district_user, area, [district]),
    ):

        def baseline(codes=codes):  # type: ignore[no-untyped-def]
            with connection.cursor() as cursor:
                cursor.execute(TALLY_SQL, [codes])
                return cursor.fetchall()

        def figures(user=user, where=where):  # type: ignore[no-untyped-def]
            return area_figures(user, where)

        def page(user=user, where=where):  # type: ignore[no-untyped-def]
            return build_dashboard(user, where)

        for _ in range(3):  # warm caches, connections, imports
            baseline(), figures(), page()
        times: dict[str, list[float]] = {"baseline": [], "figures": [], "page": []}
        for _ in range(reps):  # interleaved, so a noisy moment hits all three alike
            times["baseline"].append(timed(baseline))
            times["figures"].append(timed(figures))
            times["page"].append(timed(page))
        with CaptureQueriesContext(connection) as figure_queries:
            got = figures()
        with CaptureQueriesContext(connection) as page_queries:
            board = page()
        straight = {(d, k): n for d, k, n in baseline()}
        direct_stories = sum(n for (d, _k), n in straight.items() if d == tallies.STATUS)
        result[label] = {
            "codes": codes,
            "baseline": summary_ms(times["baseline"]),
            "figures": summary_ms(times["figures"]),
            "page": summary_ms(times["page"]),
            "figures_queries": len(figure_queries),
            "page_queries": len(page_queries),
            "stories": board.stories,
            "same_numbers": direct_stories == got.total(tallies.STATUS) == board.stories,
        }
    return result


# --- 3. lists and search ----------------------------------------------------------------------------------------


def lists(district: str, surname: str, reps: int) -> dict:
    from urllib.parse import urlencode

    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tuksuk.cases.filters import StoryFilterSet
    from tuksuk.cases.models import Story
    from tuksuk.households.models import Household

    from .stats import summary_ms

    _national, user = _users()
    client = Client()
    client.force_login(user)
    filters = {"status": "in_progress", "category": "4"}
    # A QueryDict, as a request gives it (the status filter takes several values).
    story_count = StoryFilterSet(QueryDict(urlencode(filters)), queryset=Story.objects.visible_to(user)).qs.count()
    story_pages = math.ceil(story_count / 30)
    search_hits = StoryFilterSet({"q": surname}, queryset=Story.objects.visible_to(user)).qs.count()
    household_hits = Household.objects.visible_to(user).active().search(surname).count() if surname else 0
    pages = {
        "stories_filtered": "/stories/?" + urlencode({**filters}),
        "stories_search": "/stories/?" + urlencode({"q": surname}),
        "households_search": "/households/?" + urlencode({"q": surname}),
    }
    errors: list[str] = []

    def get(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            errors.append(f"{url}: {response.status_code}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return time.perf_counter() - started

    for url in pages.values():
        get(url)
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(reps):
        for name, url in pages.items():
            times[name].append(get(url))

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            get(url)
        return len(captured)

    far = max(1, story_pages)
    counts = {
        "stories_filtered": {
            "page 1": queries(pages["stories_filtered"] + "&page=1"),
            f"page {far} (last)": queries(pages["stories_filtered"] + f"&page={far}"),
        },
        "api_stories": {
            f"page_size={size} page {page_label}": queries(
                "/api/v1/stories/?" + urlencode({**filters, "page_size": size, "page": page})
            )
            for size in (25, 100)
            for page_label, page in (("1", 1), ("last", max(1, math.ceil(story_count / size))))
        },
        "stories_search": {
            "page 1": queries(pages["stories_search"]),
            "page 2": queries(pages["stories_search"] + "&page=2") if search_hits > 30 else None,
        },
    }
    counts["stories_search"] = {k: v for k, v in counts["stories_search"].items() if v is not None}
    return {
        "urls": pages,
        "rows": {
            "stories_filtered": story_pages * 30,
            "stories_search": search_hits,
            "households_search": household_hits,
        },
        "timings": {name: summary_ms(values) for name, values in times.items()},
        "queries": counts,
        "errors": errors[:20],
    }


# --- 4. the story API's own SQL -------------------------------------------------------------------------------


def api_sql(token: str, path: Path) -> dict:
    """The SQL statements one story-API request of the district user sends, as sent (parameters inlined), written
    to ``path`` for ``bench/story-sql/``: the database's share of the endpoint, served without Django's ORM, DRF
    or serialization."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"Authorization": f"Token {token}"})
    client.get("/api/v1/stories/")  # warm: the same statements as every later request
    with CaptureQueriesContext(connection) as captured:
        status = client.get("/api/v1/stories/").status_code
    statements = [
        q["sql"] for q in captured.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))
    ]
    path.write_text(json.dumps(statements, ensure_ascii=False), encoding="utf-8")
    return {"status": status, "statements": len(statements)}


# --- 5. export ---------------------------------------------------------------------------------------------------


def export(limit: int) -> dict:
    from tuksuk.cases import exports
    from tuksuk.cases.filters import StoryFilterSet
    from tuksuk.cases.models import Story

    user, _district = _users()
    stories = Story.objects.visible_to(user)
    total = stories.count()
    rows = min(limit, total) if limit else total
    if rows < total:
        last = stories.order_by("pk").values_list("pk", flat=True)[rows - 1]
        stories = stories.filter(pk__lte=last)
    # The list's own path: the filter set over what the user sees, streamed as CSV by the shared writer.
    queryset = StoryFilterSet(None, queryset=stories).qs.order_by("-reported_at", "-id")
    started = time.perf_counter()
    response = exports.csv_response(queryset, "stories")
    written = lines = 0
    with open(os.devnull, "wb") as sink:
        for chunk in response.streaming_content:
            data = chunk if isinstance(chunk, bytes) else chunk.encode()
            sink.write(data)
            written += len(data)
            lines += 1
    seconds = time.perf_counter() - started
    return {
        "rows": lines - 1,
        "expected_rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round((lines - 1) / seconds) if seconds else None,
        "bytes": written,
        "peak_rss_mb": peak_rss_mb(),
    }


# --- 1. import and its COPY yardstick ---------------------------------------------------------------------------


def import_file(path: Path) -> dict:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    code = 0
    try:
        call_command("import_stories", str(path), user=NATIONAL_USER, stdout=out)
    except SystemExit as exc:  # the command exits 1 when rows were rejected
        code = int(exc.code or 0)
    seconds = time.perf_counter() - started
    lines = out.getvalue().strip().splitlines()
    return {
        "seconds": round(seconds, 2),
        "summary": lines[-1] if lines else "",
        "errors": lines[:-1][:10],
        "exit_code": code,
        "peak_rss_mb": peak_rss_mb(),
    }


def copy_file(path: Path) -> dict:
    """A raw COPY of the same CSV into an unindexed table of text columns: the database's own loading speed."""
    import psycopg

    from .importfile import COLUMNS

    url = os.environ["BENCH_DATABASE_URL"]
    columns = ", ".join(f"{c} text" for c in COLUMNS)
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy")
        conn.execute(f"CREATE TABLE bench_copy ({columns})")
        conn.commit()
        started = time.perf_counter()
        statement = "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
        with conn.cursor() as cursor, cursor.copy(statement) as copy, path.open("rb") as handle:
            while block := handle.read(1 << 20):
                copy.write(block)
        conn.commit()
        seconds = time.perf_counter() - started
        rows = conn.execute("SELECT count(*) FROM bench_copy").fetchone()[0]
        conn.execute("DROP TABLE bench_copy")
        conn.commit()
    return {"seconds": round(seconds, 3), "rows": rows, "peak_rss_mb": peak_rss_mb()}


def _written_tables() -> list[str]:
    """The tables an import of new households and stories writes, parents first."""
    from tuksuk.audit.models import ChangeLogEntry
    from tuksuk.cases.models import Story, StoryEvent, StoryIndicator
    from tuksuk.households.models import Household, HouseholdEvent, Member

    models = (Household, Member, HouseholdEvent, Story, StoryEvent, StoryIndicator, ChangeLogEntry)
    return [model._meta.db_table for model in models]


def last_ids() -> dict:
    """The highest id of each table the import writes, taken before it: what is above is the import's."""
    from django.db import connection

    with connection.cursor() as cursor:
        last = {}
        for table in _written_tables():
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            last[table] = cursor.fetchone()[0]
    return last


def rewrite(last: dict) -> dict:
    """The database's own floor for what an import wrote: the very records it added (ids above ``last``), taken
    out with ``COPY TO`` and written back with ``COPY FROM`` into the same tables (their indexes, constraints and
    triggers), in one transaction, with nothing computed in Python. Only the writing back and its commit are timed.

    Taking the rows out needs ``session_replication_role = replica`` (the change log refuses deletes by a
    trigger): this runs on the bench's throw-away copy of the database, never on real data.
    """
    import psycopg

    with psycopg.connect(os.environ["BENCH_DATABASE_URL"]) as conn:
        return copy_back(conn, last, commit=conn.commit)


def copy_back(conn, last: dict, *, commit) -> dict:  # type: ignore[no-untyped-def]
    """``rewrite`` on an open psycopg connection; ``commit`` ends each of its two transactions."""
    from psycopg import sql

    tables = _written_tables()
    blocks: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for table in tables:
        above = sql.SQL("SELECT * FROM {} WHERE id > {}").format(sql.Identifier(table), sql.Literal(last[table]))
        data = bytearray()
        with conn.cursor().copy(sql.SQL("COPY ({}) TO STDOUT (FORMAT binary)").format(above)) as copy:
            for block in copy:
                data += block
        blocks[table] = bytes(data)
        counts[table] = conn.execute(sql.SQL("SELECT count(*) FROM ({}) AS rows").format(above)).fetchone()[0]
    conn.execute("SET session_replication_role = replica")
    for table in reversed(tables):
        conn.execute(sql.SQL("DELETE FROM {} WHERE id > {}").format(sql.Identifier(table), sql.Literal(last[table])))
    conn.execute("SET session_replication_role = origin")
    commit()
    seconds_by_table = {}
    started = time.perf_counter()
    for table in tables:
        began = time.perf_counter()
        statement = sql.SQL("COPY {} FROM STDIN (FORMAT binary)").format(sql.Identifier(table))
        with conn.cursor().copy(statement) as copy:
            copy.write(blocks[table])
        seconds_by_table[table] = round(time.perf_counter() - began, 3)
    commit()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "rows": counts, "seconds_by_table": seconds_by_table}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("prepare")
    step = steps.add_parser("dashboards")
    step.add_argument("--district", required=True)
    step.add_argument("--reps", type=int, default=30)
    step = steps.add_parser("lists")
    step.add_argument("--district", required=True)
    step.add_argument("--surname", default="")
    step.add_argument("--reps", type=int, default=30)
    step = steps.add_parser("export")
    step.add_argument("--limit", type=int, default=0)
    step = steps.add_parser("import")
    step.add_argument("file", type=Path)
    step = steps.add_parser("copy")
    step.add_argument("file", type=Path)
    steps.add_parser("lastids")
    step = steps.add_parser("apisql")
    step.add_argument("token")
    step.add_argument("path", type=Path)
    step = steps.add_parser("rewrite")
    step.add_argument("last", help="the lastids answer, as JSON")
    args = parser.parse_args(argv)
    if args.step == "copy":
        emit(copy_file(args.file))
        return
    _django()
    if args.step == "prepare":
        emit(prepare(os.environ["BENCH_PASSWORD"]))
    elif args.step == "dashboards":
        emit(dashboards(args.district, args.reps))
    elif args.step == "lists":
        emit(lists(args.district, args.surname, args.reps))
    elif args.step == "export":
        emit(export(args.limit))
    elif args.step == "import":
        emit(import_file(args.file))
    elif args.step == "apisql":
        emit(api_sql(args.token, args.path))
    elif args.step == "lastids":
        emit(last_ids())
    elif args.step == "rewrite":
        emit(rewrite(json.loads(args.last)))


if __name__ == "__main__":
    main()
