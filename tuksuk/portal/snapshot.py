"""A published snapshot: the public site copied into a separate database for a portal server, and its counts pulled
back (``manage.py publish_snapshot``).

What is copied (``plan()``), and nothing else:
- reference data the public pages read: areas from the regions down to the districts, the pilot districts, the
  problem categories, ThaiQM indicators and SDGs;
- the publication model: published items (their internal links to stories, progress updates and users set to NULL)
  with their indicators and SDGs, the published copies of their photos (never the originals: ``file`` and
  ``thumbnail`` are emptied and the links to evidence cleared), the public figures, the view and share counters.
Users, households, members, stories, evidence, projects, audit logs and every other table stay as the migrations
leave them in an empty database. Drafts, proposals, rejected and unpublished items and their photos are not copied.

The target is migrated first (same schema), then its copied tables are emptied and filled in one transaction, so a
portal server reading it sees the old snapshot or the new one, never half of one. Running it again replaces the
previous snapshot. A target that holds users, households or stories is refused: it is not a snapshot.

Counts. A portal server counts views and shares into its own database (the snapshot). A counter row copied into a
snapshot carries ``base``, the value copied; the portal only increments ``n``. Each snapshot carries a token
(``PublishedSnapshot``); the main database keeps, per token, the value of each counter at its last pull
(``PulledCount``). ``pull_counts`` adds to the main counters ``n - (last pulled value, else base)`` and records
``n``, in one transaction of the main database (the snapshot is only read), so pulling twice adds nothing and an
interrupted pull leaves nothing half-done. Publishing over a snapshot that counted something not yet pulled is
refused unless the counts are pulled first (or discarded on purpose); while it publishes, the target's counters are
locked so no view is lost between the pull and the copy.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import F
from django.db.utils import ConnectionDoesNotExist, load_backend
from django.utils import timezone

from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.indicators.models import Category, Indicator, SdgGoal

from . import counting
from .choices import ItemStatus
from .models import PublicFigure, PublicImage, PublicItem, PublishedSnapshot, PulledCount, ShareCount, ViewCount

ALIAS = "portal_snapshot"
BATCH = 2000
PUBLIC_MEDIA_DIR = "portal/public"
# Fields of a published item that point at internal records: NULL in a snapshot.
ITEM_PRIVATE_FIELDS = ("source_story", "source_update", "created_by", "proposed_by", "approved_by")
# Rows here mean the target is a working Tuksuk database, never a snapshot.
LIVE_TABLES = ("accounts_user", "households_household", "cases_story", "projects_project")


class SnapshotError(Exception):
    """A refusal explained to the operator; nothing was written."""


@dataclass
class SnapshotResult:
    token: str = ""
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    removed_files: int = 0
    pulled_views: int = 0
    pulled_shares: int = 0


# --- the target connection ---------------------------------------------------------------------------------------


def connect(url: str, alias: str = ALIAS) -> str:
    """Open a connection ``alias`` to the database at ``url`` (sqlite:///path or postgres://…) at runtime.

    The wrapper is registered in ``connections`` but not in ``settings.DATABASES``: nothing else iterating the
    configured databases (checks, the test runner) sees it, and ``disconnect`` removes it again."""
    try:
        config = dj_database_url.parse(url)
    except ValueError as exc:
        raise SnapshotError(f"Not a database URL: {url}") from exc
    if not config.get("ENGINE") or not config.get("NAME"):
        raise SnapshotError(f"Not a database URL: {url}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Like the main database (settings/base.py): WAL so the portal reads while a snapshot is written; IMMEDIATE
        # so publishing holds the write lock from its first statement (beacons wait instead of being lost).
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    config = connections.configure_settings(
        {DEFAULT_DB_ALIAS: {**connections.settings[DEFAULT_DB_ALIAS]}, alias: config}
    )[alias]
    for other in {DEFAULT_DB_ALIAS, counting.counts_db()}:
        if _identity(config) == _identity(connections.settings[other]):
            raise SnapshotError("The snapshot database must not be the main database.")
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    return alias


def disconnect(alias: str = ALIAS) -> None:
    try:
        connection = connections[alias]
    except ConnectionDoesNotExist:
        return
    connection.close()
    del connections[alias]


def _identity(config: dict) -> tuple:
    name = str(config["NAME"])
    if config["ENGINE"] == "django.db.backends.sqlite3" and not name.startswith(("file:", ":memory:")):
        name = str(Path(name).resolve())
    return (config["ENGINE"], name, config.get("HOST") or "", str(config.get("PORT") or ""))


def describe(url: str) -> str:
    """The target for the record, without a password."""
    config = dj_database_url.parse(url)
    host = f"{config.get('HOST')}:{config.get('PORT')}/" if config.get("HOST") else ""
    return f"{config['ENGINE'].rsplit('.', 1)[-1]}:{host}{config['NAME']}"[:300]


def _check_is_not_live(alias: str) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for table in LIVE_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608  # nosec B608 - a table name of our own models, quoted
                if cursor.fetchone():
                    raise SnapshotError(
                        f"The target database holds rows in {table}: it is a working Tuksuk database, not a snapshot."
                    )


def prepare(alias: str) -> None:
    """Refuse a working database, then bring the target to the current schema."""
    _check_is_not_live(alias)
    call_command("migrate", database=alias, interactive=False, verbosity=0)


# --- what is copied ----------------------------------------------------------------------------------------------


def _without(obj: models.Model, **values: Any) -> models.Model:
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def _copied_counters(model: type[ViewCount | ShareCount], db: str) -> Iterator[ViewCount | ShareCount]:
    # Streamed: a year of daily counters of every item is millions of rows.
    for row in model.objects.using(db).order_by("pk").iterator(chunk_size=BATCH):
        row.base = row.n
        yield row


def plan(source: str = DEFAULT_DB_ALIAS) -> list[tuple[type[models.Model], Iterable[models.Model]]]:
    """(model, rows) to write into a snapshot, parents first. Rows are read from ``source`` and already cleaned;
    the large tables (figures, counters) are iterators read while they are written."""
    counts = counting.counts_db()
    item_rows = [
        _without(item, **{f"{name}_id": None for name in ITEM_PRIVATE_FIELDS})
        for item in PublicItem.objects.using(source).filter(status=ItemStatus.PUBLISHED).order_by("pk")
    ]
    item_ids = {item.pk for item in item_rows}
    item_indicators = PublicItem.indicators.through
    item_goals = PublicItem.sdg_goals.through
    images = [
        _without(
            image,
            file="",
            thumbnail="",
            token=image.public_token,  # the original's token stays internal
            content_type="image/jpeg",
            has_location=False,
            source_evidence_id=None,
            source_media_id=None,
        )
        for image in PublicImage.objects.using(source)
        .filter(item__status=ItemStatus.PUBLISHED, public_token__isnull=False)
        .exclude(published="")
        .order_by("pk")
        if image.item_id in item_ids
    ]
    areas = Area.objects.using(source).exclude(level__in=(AreaLevel.SUBDISTRICT, AreaLevel.VILLAGE)).order_by("code")
    return [
        (Area, list(areas)),
        (PilotDistrict, list(PilotDistrict.objects.using(source).order_by("pk"))),
        (Category, list(Category.objects.using(source).order_by("pk"))),
        (SdgGoal, list(SdgGoal.objects.using(source).order_by("pk"))),
        (Indicator, list(Indicator.objects.using(source).order_by("pk"))),
        (Indicator.sdg_goals.through, list(Indicator.sdg_goals.through.objects.using(source).order_by("pk"))),
        (PublicItem, item_rows),
        (
            item_indicators,
            [r for r in item_indicators.objects.using(source).order_by("pk") if r.publicitem_id in item_ids],
        ),
        (item_goals, [r for r in item_goals.objects.using(source).order_by("pk") if r.publicitem_id in item_ids]),
        (PublicImage, images),
        (PublicFigure, PublicFigure.objects.using(source).order_by("pk").iterator(chunk_size=BATCH)),
        (ViewCount, _copied_counters(ViewCount, counts)),
        (ShareCount, _copied_counters(ShareCount, counts)),
    ]


# What a snapshot database may hold rows of: the copied tables and the snapshot's own record.
def copied_models() -> list[type[models.Model]]:
    return [
        Area,
        PilotDistrict,
        Category,
        SdgGoal,
        Indicator,
        Indicator.sdg_goals.through,
        PublicItem,
        PublicItem.indicators.through,
        PublicItem.sdg_goals.through,
        PublicImage,
        PublicFigure,
        ViewCount,
        ShareCount,
        PublishedSnapshot,
    ]


def _replace(alias: str, content: list[tuple[type[models.Model], Iterable[models.Model]]]) -> dict[str, int]:
    """Empty the copied tables of the target and write ``content`` (inside the caller's transaction)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        # Raw deletes: no model signals (the change log must not record the snapshot's housekeeping).
        for model, _rows in reversed(content):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608  # nosec B608 - a table name of our own models, quoted
    written = {}
    for model, rows in content:
        written[model._meta.label] = 0
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            model.objects.using(alias).bulk_create(batch)
            written[model._meta.label] += len(batch)
    # Explicit primary keys: move PostgreSQL's sequences past them (the portal creates counter rows).
    statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _rows in content])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return written


def _lock_counters(alias: str) -> None:
    """Hold the target's counters until the snapshot commits: a beacon waits instead of counting into rows that are
    about to be replaced. (SQLite: the IMMEDIATE transaction holds the database's write lock already.)"""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (ViewCount, ShareCount))
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


# --- counts ------------------------------------------------------------------------------------------------------


def _counter_key(kind: str, row: ViewCount | ShareCount) -> tuple[str, str, Any, str]:
    return (kind, row.target, row.day, getattr(row, "channel", ""))


def _counted_since(alias: str) -> Iterator[tuple[tuple, ViewCount | ShareCount]]:
    """The snapshot's counters that counted anything since they were copied (few: the days since publishing)."""
    for kind, model in ((counting.VIEW, ViewCount), (counting.SHARE, ShareCount)):
        for row in model.objects.using(alias).filter(n__gt=F("base")).order_by("pk").iterator(chunk_size=BATCH):
            yield _counter_key(kind, row), row


def _current_snapshot(alias: str) -> PublishedSnapshot | None:
    return PublishedSnapshot.objects.using(alias).order_by("-taken_at").first()


def _main_record(alias: str, db: str, *, lock: bool = False) -> PublishedSnapshot | None:
    """The main database's record of the snapshot in ``alias`` (None when the target holds no snapshot yet)."""
    current = _current_snapshot(alias)
    if current is None:
        return None
    records = PublishedSnapshot.objects.using(db)
    record = (records.select_for_update() if lock else records).filter(token=current.token).first()
    if record is None:
        raise SnapshotError(
            "The snapshot was not published from this database: its counts cannot be matched (--discard-counts "
            "replaces it anyway, dropping them)."
        )
    return record


def _held(db: str, record: PublishedSnapshot) -> dict[tuple, PulledCount]:
    return {(p.kind, p.target, p.day, p.channel): p for p in PulledCount.objects.using(db).filter(snapshot=record)}


def pending_counts(alias: str) -> tuple[int, int]:
    """(views, shares) the snapshot counted that the main database does not hold yet."""
    db = counting.counts_db()
    record = _main_record(alias, db)
    if record is None:
        return 0, 0
    held = _held(db, record)
    totals = {counting.VIEW: 0, counting.SHARE: 0}
    for key, row in _counted_since(alias):
        mark = held.get(key)
        totals[key[0]] += max(row.n - (mark.n if mark else row.base), 0)
    return totals[counting.VIEW], totals[counting.SHARE]


def pull_counts(alias: str) -> tuple[int, int]:
    """Add what the snapshot counted since it was published (or last pulled) to the main counters, once.
    Returns (views, shares) added. One transaction of the main counters' database; the snapshot is only read."""
    db = counting.counts_db()
    added = {counting.VIEW: 0, counting.SHARE: 0}
    with transaction.atomic(using=db):
        record = _main_record(alias, db, lock=True)  # one pull at a time
        if record is None:
            return 0, 0
        held = _held(db, record)
        new_marks = []
        for key, row in _counted_since(alias):
            kind, target, day, channel = key
            mark = held.get(key)
            delta = row.n - (mark.n if mark else row.base)
            if delta <= 0:
                continue
            model = ViewCount if kind == counting.VIEW else ShareCount
            counter = {"target": target, "day": day} | ({"channel": channel} if kind == counting.SHARE else {})
            _add(model, db, row.area_code, delta, **counter)
            added[kind] += delta
            if mark is None:
                new_marks.append(
                    PulledCount(snapshot=record, kind=kind, target=target, day=day, channel=channel, n=row.n)
                )
            else:
                PulledCount.objects.using(db).filter(pk=mark.pk).update(n=row.n)
        PulledCount.objects.using(db).bulk_create(new_marks, batch_size=BATCH)
        PublishedSnapshot.objects.using(db).filter(pk=record.pk).update(counts_pulled_at=timezone.now())
    return added[counting.VIEW], added[counting.SHARE]


def _add(model, db: str, area_code: str, n: int, **key) -> None:  # type: ignore[no-untyped-def]
    """Like ``counting._increment`` but by ``n``: no signals, safe against a concurrent first count."""
    rows = model.objects.using(db).filter(**key)
    if rows.update(n=F("n") + n):
        return
    model.objects.using(db).bulk_create([model(area_code=area_code, n=0, **key)], ignore_conflicts=True)
    rows.update(n=F("n") + n)


# --- media -------------------------------------------------------------------------------------------------------


def copy_media(images: Iterable[PublicImage], media_to: Path, *, prune: bool = True) -> tuple[int, int]:
    """Copy the published photo copies into ``media_to`` (same relative names as in the main storage) and, with
    ``prune``, remove published copies there that ``images`` do not include. Returns (files present, removed)."""
    copied, keep = 0, set()
    for image in images:
        name = image.published.name
        keep.add(name)
        target = media_to / name
        copied += 1
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source:
            target.write_bytes(source.read())
    removed = 0
    if not prune:
        return copied, removed
    public = media_to / PUBLIC_MEDIA_DIR
    if public.is_dir():
        for path in public.rglob("*"):
            if path.is_file() and path.relative_to(media_to).as_posix() not in keep:
                path.unlink()
                removed += 1
    return copied, removed


# --- publishing --------------------------------------------------------------------------------------------------


def publish_snapshot(
    url: str,
    *,
    media_to: Path | None = None,
    pull: bool = False,
    discard_counts: bool = False,
    pull_only: bool = False,
) -> SnapshotResult:
    """Copy the public site into the database at ``url`` (see the module docstring); ``pull`` first adds the
    snapshot's new counts to the main database; ``pull_only`` does only that."""
    result = SnapshotResult()
    alias = connect(url)
    try:
        prepare(alias)
        if pull_only:
            result.pulled_views, result.pulled_shares = pull_counts(alias)
            return result
        counts = counting.counts_db()
        if media_to is not None:
            # Copy the photo files before the rows (a portal never serves a row whose file is not there yet), and
            # before taking the lock (copying files can be slow). Only files published meanwhile are copied below.
            copy_media(next(rows for model, rows in plan() if model is PublicImage), media_to, prune=False)
        with transaction.atomic(using=alias):
            _lock_counters(alias)
            previous = _current_snapshot(alias)
            if previous is not None and not discard_counts:
                if pull:
                    result.pulled_views, result.pulled_shares = pull_counts(alias)
                elif any(pending_counts(alias)):
                    views, shares = pending_counts(alias)
                    raise SnapshotError(
                        f"The snapshot counted {views} views and {shares} shares not pulled yet: run with "
                        "--pull-counts (or --discard-counts to drop them)."
                    )
            content = plan()
            images = next(list(rows) for model, rows in content if model is PublicImage)
            if media_to is not None:
                copy_media(images, media_to, prune=False)
                for image in images:
                    image.size = (media_to / image.published.name).stat().st_size
            token = secrets.token_hex(16)
            now = timezone.now()
            record = PublishedSnapshot(
                token=token,
                taken_at=now,
                database=describe(url),
                items=next(len(list(rows)) for model, rows in content if model is PublicItem),
                replaces=previous.token if previous else "",
            )
            # The main database's record first. If the snapshot's own commit then fails, it names a snapshot nobody
            # serves, which is harmless.
            with transaction.atomic(using=counts):
                _record(counts, record)
            marker = PublishedSnapshot(token=token, taken_at=now, items=record.items, replaces=record.replaces)
            result.rows = _replace(alias, [*content, (PublishedSnapshot, [marker])])
            result.token = token
        if media_to is not None:
            # After the commit: photos of items no longer published go (the snapshot's rows are gone already).
            result.files, result.removed_files = copy_media(images, media_to)
        return result
    finally:
        disconnect(alias)


def _record(db: str, record: PublishedSnapshot) -> None:
    record.save(using=db)
    if record.replaces:
        # The snapshot before the one being replaced is certainly served nowhere now: its marks can go.
        older = PublishedSnapshot.objects.using(db).filter(token=record.replaces).values_list("replaces", flat=True)
        PulledCount.objects.using(db).filter(snapshot__token__in=list(older))._raw_delete(db)
