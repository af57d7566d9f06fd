"""Log rows cannot be changed or deleted: not by the models, not by querysets, not by SQL, not in the admin."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tuksuk.audit.choices import AccessAction
from tuksuk.audit.models import AccessLogEntry, AppendOnlyError, ChangeLogEntry
from tuksuk.audit.services import write_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(place):
    return ChangeLogEntry.objects.first(), write_access(AccessAction.VIEW, object_type="households.household")


def test_the_models_refuse_update_and_delete(rows):
    for entry in rows:
        entry.object_id = "changed"
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()


def test_the_querysets_refuse_update_and_delete(rows):
    for model in (ChangeLogEntry, AccessLogEntry):
        with pytest.raises(AppendOnlyError):
            model.objects.all().update(object_id="x")
        with pytest.raises(AppendOnlyError):
            model.objects.all().delete()


@pytest.mark.parametrize("table", ["audit_changelogentry", "audit_accesslogentry"])
def test_the_database_refuses_update_and_delete(rows, table):
    before = {m: m.objects.count() for m in (ChangeLogEntry, AccessLogEntry)}
    for statement in (f"UPDATE {table} SET object_id = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert {m: m.objects.count() for m in (ChangeLogEntry, AccessLogEntry)} == before
    assert not ChangeLogEntry.objects.filter(object_id="x").exists()


def test_the_admin_is_read_only(rows, client):
    from tuksuk.core.testing import make_user

    admin = make_user("ministry_admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    change, access = rows
    assert client.get(reverse("admin:audit_changelogentry_changelist")).status_code == 200
    view = client.get(reverse("admin:audit_changelogentry_change", args=[change.pk]))
    assert view.status_code == 200
    assert b'name="_save"' not in view.content
    assert client.get(reverse("admin:audit_accesslogentry_delete", args=[access.pk])).status_code == 403
    assert client.get(reverse("admin:audit_accesslogentry_add")).status_code == 403
    client.post(reverse("admin:audit_accesslogentry_change", args=[access.pk]), {"object_id": "x"})
    assert AccessLogEntry.objects.get(pk=access.pk).object_id == access.object_id
