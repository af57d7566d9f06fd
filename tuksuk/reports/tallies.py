"""Per-area figures, as fresh as the last write, read in one indexed query at any level.

How it works:

1. ``count_figures`` is THE definition of every dashboard figure (stories by status, category, indicator and SDG;
   immediate and sustainable help; months and weeks reported and resolved; days to resolve; open stories by due date;
   households and households lifted). It counts any story and household querysets, grouped by village or not.
2. A change to a story, its indicators, an action or a household writes a ``TallyMark`` for its village in the same
   transaction (``mark``; signals in ``tuksuk.reports.signals`` call it). After the commit, ``refresh`` recounts the
   marked villages from their records and adds their tambon, district and province up again from the rows one level
   down. Only the areas touched are recounted, so a write costs the same at 5 or 5 million stories.
3. A reader first recounts whatever is still marked (a recount that failed after a commit, a write from another
   process), then sums the rows of the areas it asks for: the country is 77 provinces' rows.

Agency staff see only stories linked to their agency, which no area total can answer: their figures are counted
live with the same ``count_figures``. ``rebuild`` recounts everything (after bulk loads that bypass the signals).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from tuksuk.cases.choices import DONE_STATUSES, OPEN_STATUSES, Dimension
from tuksuk.cases.models import Action, Story
from tuksuk.households.models import Household

from .models import Tally, TallyMark

log = logging.getLogger(__name__)

# The dimensions of a tally and what their keys are.
STATUS = "status"  # story status code
CATEGORY = "category"  # category number
INDICATOR = "indicator"  # ThaiQM indicator number
SDG = "sdg"  # SDG number: stories with an indicator toward it
SDG_DONE = "sdg_done"  # SDG number: those stories resolved or closed
HELP = "help"  # "immediate" / "sustainable": stories with at least one such action
REPORTED = "reported"  # "YYYY-MM": stories reported that month (Gregorian, local time)
RESOLVED = "resolved"  # "YYYY-MM": stories resolved that month
REPORTED_WEEK = "reported_w"  # "YYYY-MM-DD" (the week's Monday): stories reported that week
RESOLVED_WEEK = "resolved_w"  # "YYYY-MM-DD": stories resolved that week
DAYS = "days"  # whole days from report to resolution, for resolved or closed stories
DUE = "due"  # "YYYY-MM-DD": open stories due that day (read back as one figure: overdue today)
HOUSEHOLDS = "households"  # "": active households
LIFTED = "lifted"  # "": households lifted out of their problems

ROLL_UP = (6, 4, 2, 0)  # tambon, district, province, country: each adds up the level below
NATIONAL = "TH"  # the country's own tally rows (the sum of the provinces)
BATCH = 500
_LOCK_ID = 7_210_501  # PostgreSQL advisory lock serialising recounts


class Figures:
    """Summed tallies: ``figures[dimension][key]`` → count (0 when absent)."""

    def __init__(self, rows: Iterable[tuple[str, str, int]] = ()) -> None:
        self.data: dict[str, Counter[str]] = defaultdict(Counter)
        for dimension, key, n in rows:
            self.data[dimension][key] += n

    def __getitem__(self, dimension: str) -> Counter[str]:
        return self.data[dimension]

    def total(self, dimension: str) -> int:
        return sum(self.data[dimension].values())


# --- counting -------------------------------------------------------------------------------------------------


def _month(value) -> str:  # type: ignore[no-untyped-def]
    return f"{value.year:04d}-{value.month:02d}"


def _day(value) -> str:  # type: ignore[no-untyped-def]
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _counted(queryset, group: list[str], key: str | None, unique: bool) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """(code, key, n) rows of ``queryset`` grouped by ``group`` (the area column, or nothing) and ``key``."""
    fields = [*group, *([key] if key else [])]
    if not fields:
        n = queryset.aggregate(n=Count("pk", distinct=unique))["n"]
        yield ("", "", n)
        return
    for row in queryset.values_list(*fields).annotate(n=Count("pk", distinct=unique)).order_by():
        if group:
            yield row if key else (row[0], "", row[1])
        else:
            yield ("", *row)


def count_figures(stories, households, *, by_village: bool, unique: bool = False) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """(village code or "", dimension, key, n) for every figure of these stories and households (n > 0 only).
    ``unique`` counts distinct stories (when scoping joined rows in, as for agency staff)."""
    group = ["area_id"] if by_village else []
    resolved = stories.filter(resolved_at__isnull=False)
    simple = [
        (STATUS, stories, "status", str),
        (CATEGORY, stories, "category_id", str),
        (INDICATOR, stories, "indicators", str),
        (DUE, stories.filter(status__in=OPEN_STATUSES, due_on__isnull=False), "due_on", _day),
        (REPORTED, stories.annotate(month=TruncMonth("reported_at")), "month", _month),
        (RESOLVED, resolved.annotate(month=TruncMonth("resolved_at")), "month", _month),
        (REPORTED_WEEK, stories.annotate(week=TruncWeek("reported_at")), "week", _day),
        (RESOLVED_WEEK, resolved.annotate(week=TruncWeek("resolved_at")), "week", _day),
    ]
    for dimension, queryset, key, as_key in simple:
        for code, value, n in _counted(queryset, group, key, unique):
            if value is not None and n:
                yield code, dimension, as_key(value), n
    for dimension in (Dimension.IMMEDIATE, Dimension.SUSTAINABLE):
        helped = stories.filter(Exists(Action.objects.filter(story=OuterRef("pk"), dimension=dimension)))
        for code, _key, n in _counted(helped, group, None, unique):
            if n:
                yield code, HELP, str(dimension), n
    # A story counts once toward a goal, however many of its indicators point to it.
    sdg = (
        stories.values_list(*group, "indicators__sdg_goals")
        .annotate(total=Count("pk", distinct=True), done=Count("pk", filter=Q(status__in=DONE_STATUSES), distinct=True))
        .order_by()
    )
    for row in sdg:
        code, goal, total, done = row if by_village else ("", *row)
        if goal is not None:
            yield code, SDG, str(goal), total
            if done:
                yield code, SDG_DONE, str(goal), done
    days: Counter[tuple[str, str]] = Counter()
    done = resolved.filter(status__in=DONE_STATUSES).values_list("pk", "area_id", "reported_at", "resolved_at")
    for _pk, code, reported_at, resolved_at in done.distinct():
        days[(code if by_village else "", str(max(0, (resolved_at - reported_at).days)))] += 1
    for (code, key), n in days.items():
        yield code, DAYS, key, n
    group = ["village_id"] if by_village else []
    for dimension, queryset in ((HOUSEHOLDS, households.active()), (LIFTED, households.active().lifted())):
        for code, _key, n in _counted(queryset, group, None, unique):
            if n:
                yield code, dimension, "", n


def live_figures(stories, households, *, unique: bool) -> Figures:  # type: ignore[no-untyped-def]
    """Figures counted straight from the records (agency staff, and tests that check the tallies), read the way
    ``summed`` reads tallies."""
    today = timezone.localdate().isoformat()
    rows = count_figures(stories, households, by_village=False, unique=unique)
    return Figures((d, "" if d == DUE else k, n) for _code, d, k, n in rows if not (d == DUE and k >= today))


# --- keeping the tallies ----------------------------------------------------------------------------------------


def mark(*codes: str | None) -> None:
    """Note villages whose figures changed; recounted after the current transaction commits."""
    codes = tuple(sorted({c for c in codes if c}))
    if not codes:
        return
    TallyMark.objects.bulk_create([TallyMark(area_code=code) for code in codes])
    if not any(callback is _refresh_after_commit for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_refresh_after_commit, robust=True)


def _refresh_after_commit() -> None:
    try:
        refresh()
    except Exception:  # the marks stay: the next reader recounts
        log.exception("Recounting area figures failed; they will be recounted by the next reader")


def refresh(limit: int = 20_000) -> int:
    """Recount the marked villages and the areas above them; returns how many villages were recounted."""
    recounted = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
            marks = list(TallyMark.objects.order_by("id").values_list("id", "area_code")[:limit])
            if not marks:
                return recounted
            villages = sorted({code for _id, code in marks})
            recount(villages)
            ids = [mark_id for mark_id, _code in marks]
            for start in range(0, len(ids), BATCH):
                TallyMark.objects.filter(id__in=ids[start : start + BATCH]).delete()
            recounted += len(villages)


def recount(villages: list[str]) -> None:
    """Count these villages from their records, then add up their tambons, districts and provinces."""
    for start in range(0, len(villages), BATCH):
        chunk = villages[start : start + BATCH]
        Tally.objects.filter(area_code__in=chunk).delete()
        rows = count_figures(
            Story.objects.filter(area_id__in=chunk), Household.objects.filter(village_id__in=chunk), by_village=True
        )
        _write(rows)
    _roll_up(villages)


def _parent(code: str) -> str:
    if code == NATIONAL:
        return "-"
    return code[:-2] or NATIONAL


def _write(rows: Iterable[tuple]) -> set[str]:
    """Store (code, dimension, key, n) rows; returns the codes written. ``COPY`` on PostgreSQL (a national rebuild
    writes millions of rows), batched inserts elsewhere."""
    codes: set[str] = set()
    batch: list[tuple] = []
    for code, dimension, key, n in rows:
        codes.add(code)
        batch.append((code, _parent(code), dimension, key, n))
        if len(batch) >= 50_000:
            _store(batch)
            batch = []
    _store(batch)
    return codes


_FIELDS = ("area_code", "parent_code", "dimension", "key", "n")  # the order of the rows ``_write`` stores


def _store(batch: list[tuple]) -> None:
    if not batch:
        return
    if connection.vendor != "postgresql":
        Tally.objects.bulk_create([Tally(**dict(zip(_FIELDS, row, strict=True))) for row in batch], batch_size=5000)
        return
    qn = connection.ops.quote_name
    columns = ", ".join(qn(Tally._meta.get_field(f).column) for f in _FIELDS)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {qn(Tally._meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in batch:
            copy.write_row(row)


def _roll_up(codes: Iterable[str]) -> None:
    codes = set(codes)
    for length in ROLL_UP:
        parents = sorted({code[:length] or NATIONAL for code in codes if len(code) > length})
        for start in range(0, len(parents), BATCH):
            chunk = parents[start : start + BATCH]
            Tally.objects.filter(area_code__in=chunk).delete()
            sums = (
                Tally.objects.filter(parent_code__in=chunk)
                .values_list("parent_code", "dimension", "key")
                .annotate(total=Sum("n"))
                .order_by()
            )
            _write((code, dimension, key, n) for code, dimension, key, n in sums if n)
        codes = set(parents)


def rebuild() -> int:
    """Recount every area from scratch (after a bulk load); returns the number of tally rows.

    Set-based: each figure is one grouped query over all stories or households of the country (not one per
    province), and the rows go in by ``COPY`` on PostgreSQL."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        TallyMark.objects.all().delete()
        Tally.objects.all().delete()
        villages = _write(count_figures(Story.objects.all(), Household.objects.all(), by_village=True))
        _roll_up(villages)
        return Tally.objects.count()


# --- reading ----------------------------------------------------------------------------------------------------


def _recount_leftovers() -> None:
    """Before reading: recount what a failed after-commit recount, or another process, left marked."""
    if TallyMark.objects.exists():
        refresh()


def _sums(codes: Iterable[str], dimensions: Iterable[str] | None, by_area: bool) -> list[tuple]:
    """``(code,) dimension, key, n`` of these areas summed, in one statement that
    also says whether marks are waiting: then they are recounted first and the sums read again. Readers call it
    on every dashboard, so it is plain SQL, one round trip, nothing for the ORM to compile. Open stories by due
    date are read as one key, "": overdue today (later dates dropped)."""
    codes = list(codes)
    if not codes:
        _recount_leftovers()
        return []
    quote = connection.ops.quote_name
    tally, marks = quote(Tally._meta.db_table), quote(TallyMark._meta.db_table)
    key = quote("key")
    area = "area_code, " if by_area else ""
    params: list = [DUE, *codes]
    where = f"area_code IN ({', '.join(['%s'] * len(codes))})"
    if dimensions is not None:
        dimensions = list(dimensions)
        where += f" AND dimension IN ({', '.join(['%s'] * len(dimensions))})"
        params += dimensions
    params += [DUE, timezone.localdate().isoformat()]
    statement = (
        f"SELECT {area}dimension, CASE WHEN dimension = %s THEN '' ELSE {key} END, CAST(SUM(n) AS BIGINT) "  # noqa: S608  # nosec B608 - our own table and column names, values are parameters
        f"FROM {tally} WHERE {where} AND NOT (dimension = %s AND {key} >= %s) "
        f"GROUP BY {'1, 2, 3' if by_area else '1, 2'} "
        f"UNION ALL SELECT {'NULL, ' if by_area else ''}NULL, NULL, COUNT(*) "
        f"FROM (SELECT 1 FROM {marks} LIMIT 1) pending"
    )
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        waiting = next(row[-1] for row in rows if row[-3] is None)
        sums = [row for row in rows if row[-3] is not None]
        if not waiting or _attempt:  # marks made by others meanwhile wait for the next reader
            break
        refresh()
    return sums


def summed(codes: Iterable[str], dimensions: Iterable[str] | None = None) -> Figures:
    """The figures of these areas added together (recounting anything still marked first). ``DUE`` holds one
    key, "": the stories overdue today."""
    return Figures(_sums(codes, dimensions, by_area=False))


def summed_by_area(codes: Iterable[str], dimensions: Iterable[str]) -> dict[str, Figures]:
    """Each area's own figures (one query for all of them), ``DUE`` as in ``summed``."""
    result: dict[str, Figures] = defaultdict(Figures)
    for code, dimension, key, n in _sums(codes, dimensions, by_area=True):
        result[code].data[dimension][key] += n
    return result


def national(scope) -> list[str]:  # type: ignore[no-untyped-def]
    """The tally codes of "everything the reader sees" when no area is chosen."""
    return [NATIONAL] if scope.everything else codes_within(scope, scope.prefixes)


def codes_within(scope, codes: Iterable[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The tally codes that make up the part of ``codes`` (DOPA codes) the scope covers, without overlaps."""
    if scope.everything:
        wanted = set(codes)
    else:
        wanted = set()
        for code in codes:
            if any(code.startswith(prefix) for prefix in scope.prefixes):
                wanted.add(code)
            else:
                wanted.update(prefix for prefix in scope.prefixes if prefix.startswith(code))
    return sorted(c for c in wanted if not any(c != o and c.startswith(o) for o in wanted))
