"""Erasure: the household is anonymised in place, the figures stay, names are gone everywhere, the log redacted."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from tuksuk.audit.models import ChangeLogEntry
from tuksuk.audit.redaction import REDACTED
from tuksuk.cases.models import Evidence
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import CITIZEN_IDS
from tuksuk.households.models import Household
from tuksuk.portal import services as portal
from tuksuk.privacy import services
from tuksuk.privacy.anonymise import ANONYMOUS_NAME, anonymous_house_code
from tuksuk.reports import tallies
from tuksuk.reports.dashboard import build_dashboard

pytestmark = pytest.mark.django_db

NAME = "นายทดสอบ 5703"


def _figures():
    tallies.refresh()
    figures = tallies.summed(["5703"])
    return {dimension: dict(counter) for dimension, counter in figures.data.items()}


def _board(board):
    fields = ("stories", "by_status", "open", "done", "overdue", "immediate", "sustainable", "households", "lifted")
    return {name: getattr(board, name) for name in fields} | {
        "by_category": [(c.pk, n) for c, n in board.by_category],
        "by_indicator": [(i.pk, n) for i, n in board.by_indicator],
        "children": [(r.area.pk, r.stories, r.open, r.done, r.overdue) for r in board.children],
    }


def _published_item(place, chief):
    from tuksuk.cases.services import change_status

    change_status(place.story, "resolved", actor=chief, enforce_workflow=False)
    item = portal.create_item(
        actor=chief,
        district_code="5703",
        kind="success",
        title="บ้านไม่รั่วแล้ว",
        body="ครอบครัวนี้ได้ซ่อมหลังคา",
        source_story=place.story,
    )
    portal.add_source_photo(item, place.evidence.token, actor=chief)
    portal.propose(item, actor=chief)
    portal.approve(item, actor=chief)
    return item


def test_anonymise_keeps_every_figure_and_removes_the_names(
    place, record, chief, client_for, django_capture_on_commit_callbacks
):
    item = _published_item(place, chief)
    admin = make_user("ministry_admin")
    before = _figures()
    board_before = build_dashboard(admin, None)
    old_code = place.household.house_code
    files = [place.evidence.file.name, place.evidence.thumbnail.name, item.images.get().published.name]
    assert all(default_storage.exists(name) for name in files)

    dsr = record(place, "erasure", typed_citizen_id=CITIZEN_IDS["5703"])
    with django_capture_on_commit_callbacks(execute=True):
        services.carry_out_erasure(dsr, actor=chief)

    assert _figures() == before
    assert _board(build_dashboard(admin, None)) == _board(board_before)

    household = Household.objects.get(pk=place.household.pk)
    assert household.head_name == ANONYMOUS_NAME
    assert household.house_code == anonymous_house_code(household)
    assert household.latitude is None
    assert household.house_no == ""
    member = household.members.get()
    assert member.full_name == ANONYMOUS_NAME
    assert member.citizen_id_hash == ""
    assert member.birth_date is None
    story = household.stories.get()
    assert story.description == REDACTED
    assert story.category_id == place.story.category_id
    assert story.actions.get().description == REDACTED
    assert not Evidence.objects.filter(story=story).exists()
    assert not any(default_storage.exists(name) for name in files)
    item.refresh_from_db()
    assert item.status == "unpublished"
    assert item.title == REDACTED
    assert not item.images.exists()

    client = client_for(chief)
    page = client.get(reverse("households:detail", args=[household.house_code])).content.decode()
    assert NAME not in page
    assert "หลังคารั่ว" not in page
    assert ANONYMOUS_NAME in page
    assert client.get(reverse("households:detail", args=[old_code])).status_code == 404
    listing = client.get(reverse("households:list")).content.decode()
    assert NAME not in listing
    assert not Household.objects.search("นายทดสอบ").filter(pk=household.pk).exists()
    assert not Household.objects.search(CITIZEN_IDS["5703"]).exists()
    assert not Household.objects.search(old_code).exists()
    export = client.get(reverse("cases:list"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert NAME not in body
    assert "หลังคารั่ว" not in body
    requests_page = client.get(reverse("privacy:list")).content.decode()
    assert "ผู้ยื่น" not in requests_page

    log = " ".join(str(e.changes) + e.object_repr + e.house_code for e in ChangeLogEntry.objects.all())
    assert NAME not in log
    assert "หลังคารั่ว" not in log
    assert "ซ่อมหลังคา" not in log
    assert old_code not in log
    history = client.get(reverse("audit:history", args=["household", household.pk])).content.decode()
    assert NAME not in history

    dsr.refresh_from_db()
    assert dsr.status == "done"
    redacted = dsr.events.get(kind="redacted")
    assert redacted.actor == chief
    assert redacted.data["count"] == len(redacted.data["entries"]) > 0


def test_the_log_stays_append_only_after_a_redaction(place, record, chief):
    from django.db import DatabaseError, connection, transaction

    services.carry_out_erasure(record(place, "anonymisation"), actor=chief)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_changelogentry SET changes = '{}'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_changelogentry")
    if connection.vendor == "sqlite":  # PostgreSQL's flag is transaction-local (set_config), nothing to leave behind
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM audit_redaction_flag")
            assert cursor.fetchone()[0] == 0


def test_redaction_cannot_change_who_or_when(place):
    from django.db import DatabaseError, connection, transaction

    from tuksuk.audit.redaction import _flag

    entry = ChangeLogEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), _flag(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_changelogentry SET actor_username = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), _flag(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_changelogentry SET changes = '{\"other\": 1}' WHERE id = %s", [entry.pk])
    assert ChangeLogEntry.objects.get(pk=entry.pk).changes == entry.changes


def test_a_team_member_cannot_erase(place, record, team, client_for):
    dsr = record(place, "erasure")
    assert client_for(team).post(reverse("privacy:action", args=[dsr.pk, "erase"])).status_code == 403
    assert Household.objects.get(pk=place.household.pk).head_name == NAME
