"""``copyload.insert`` writes what ``bulk_create`` would (COPY on PostgreSQL, bulk_create elsewhere)."""

import datetime as dt

import pytest
from django.db.models import F

from tuksuk.audit.models import ChangeLogEntry
from tuksuk.core.copyload import insert
from tuksuk.jobs.models import Job

pytestmark = pytest.mark.django_db


def _entry(n: int, **extra) -> ChangeLogEntry:  # type: ignore[no-untyped-def]
    return ChangeLogEntry(
        action="create",
        object_type="households.household",
        object_id=str(n),
        object_repr=f"บ้าน {n}",
        root_type="households.household",
        root_id=str(n),
        area_code="10010101",
        changes={"head_name": {"after": "สมชาย ใจดี"}, "n": n},
        **extra,
    )


def test_every_object_gets_a_new_key_and_is_read_back_as_written():
    before = ChangeLogEntry.objects.count()
    entries = insert([_entry(n) for n in range(1, 2501)])

    keys = [e.pk for e in entries]
    assert None not in keys
    assert len(set(keys)) == 2500
    assert ChangeLogEntry.objects.count() == before + 2500
    stored = ChangeLogEntry.objects.get(pk=entries[41].pk)
    assert stored.object_repr == "บ้าน 42"
    assert stored.changes == {"head_name": {"after": "สมชาย ใจดี"}, "n": 42}
    assert stored.at is not None
    assert not entries[0]._state.adding


def test_later_saves_take_keys_after_the_copied_ones():
    copied = insert([_entry(n) for n in range(3)])
    saved = ChangeLogEntry.objects.create(**{f: getattr(_entry(9), f) for f in ("action", "object_type", "object_id")})
    assert saved.pk > max(e.pk for e in copied)


def test_given_values_and_defaults_are_kept():
    at = dt.datetime(2022, 8, 29, 9, 30, tzinfo=dt.UTC)
    (entry,) = insert([_entry(1, at=at, source="import")])
    stored = ChangeLogEntry.objects.get(pk=entry.pk)
    assert stored.at == at
    assert stored.source == "import"


def test_nothing_to_write_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert insert([]) == []


def test_database_expressions_are_refused():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("bulk_create evaluates expressions itself")
    job = Job(handler="x", title="x")  # a UUID key: nothing to reserve
    job.progress_done = F("progress_done") + 1
    with pytest.raises(ValueError, match="expressions"):
        insert([job])
