"""The change log: every change through a service is a row with who, what, before and after."""

from decimal import Decimal

import pytest

from tuksuk.audit.choices import ChangeAction, Source
from tuksuk.audit.context import audit_context
from tuksuk.audit.models import ChangeLogEntry
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households import services as households
from tuksuk.households.citizen_id import check_digit

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


def valid_id(first12: str) -> str:
    return first12 + str(check_digit(first12))


def household_rows(household):
    return ChangeLogEntry.objects.filter(root_type="households.household", root_id=str(household.pk))


def test_a_service_change_is_logged_with_actor_source_and_before_after(place, district_chief):
    with audit_context(actor=district_chief, source=Source.IMPORT) as context:
        households.update_household(place.household, actor=district_chief, house_no="99/1", head_name="นางใหม่")
    entry = household_rows(place.household).filter(action=ChangeAction.UPDATE).get()
    assert entry.actor == district_chief
    assert entry.actor_username == district_chief.username
    assert entry.source == Source.IMPORT
    assert entry.request_id == context.request_id
    assert entry.house_code == place.household.house_code
    assert entry.area_code == place.village.code
    assert entry.changes["house_no"] == {"before": "", "after": "99/1"}
    assert entry.changes["head_name"] == {"before": "นายทดสอบ 5703", "after": "นางใหม่"}
    assert "updated_at" not in entry.changes


def test_creation_of_a_household_and_its_member_show_on_the_household(place):
    rows = household_rows(place.household)
    assert set(rows.values_list("object_type", "action")) >= {
        ("households.household", ChangeAction.CREATE),
        ("households.member", ChangeAction.CREATE),
    }


def test_citizen_id_is_logged_as_changed_only(place, district_chief):
    member = place.household.members.get()
    data = households.MemberData(full_name=member.full_name, is_head=True, citizen_id=valid_id("110370234567"))
    households.update_member(member, data, actor=district_chief)
    entry = ChangeLogEntry.objects.filter(object_type="households.member", action=ChangeAction.UPDATE).get()
    for name in ("citizen_id_hash", "citizen_id_encrypted", "citizen_id_last3"):
        assert entry.changes[name] == {"changed": True}
    created = ChangeLogEntry.objects.get(object_type="households.member", action=ChangeAction.CREATE)
    assert created.changes["citizen_id_hash"] == {"changed": True}


def test_many_to_many_changes_are_logged(place, district_chief):
    from tuksuk.cases import services as cases
    from tuksuk.indicators.models import Indicator

    cases.update_story(place.story, actor=district_chief, indicators=[Indicator.objects.get(pk=5)])
    rows = ChangeLogEntry.objects.filter(object_type="cases.story", changes__has_key="indicators")
    assert rows.exists()
    last = rows.order_by("-id").first()
    assert last.changes["indicators"]["after"] == [5]


def test_without_context_the_system_is_the_actor(place):
    entry = household_rows(place.household).filter(object_type="households.household").first()
    assert entry.actor is None
    assert entry.source == Source.SYSTEM


def test_project_children_show_on_the_project(place):
    rows = ChangeLogEntry.objects.filter(root_type="projects.project", root_id=str(place.project.pk))
    types = set(rows.values_list("object_type", flat=True))
    assert {"projects.project", "projects.activity", "projects.progressupdate", "projects.projectmedia"} <= types
    assert rows.filter(area_code="5703").exists()


def test_deletes_keep_the_values(place, district_chief):
    make_user()
    member = place.household.members.get()
    pk = member.pk
    member.delete()
    entry = ChangeLogEntry.objects.get(object_type="households.member", object_id=str(pk), action=ChangeAction.DELETE)
    assert entry.changes["full_name"] == {"before": "นายทดสอบ 5703"}
    assert entry.root_id == str(place.household.pk)


def test_bulk_created_rows_are_logged_through_the_helper(place, district_chief):
    from tuksuk.audit.services import record_bulk_created
    from tuksuk.projects.models import BudgetLine

    with audit_context(actor=district_chief):
        lines = BudgetLine.objects.bulk_create(
            [BudgetLine(activity=place.activity, source="local", planned=Decimal("5000"), spent=0)]
        )
        assert record_bulk_created(lines) == 1
    entry = ChangeLogEntry.objects.get(object_type="projects.budgetline", object_id=str(lines[0].pk))
    assert entry.action == ChangeAction.CREATE
    assert entry.root_id == str(place.project.pk)
    assert entry.actor == district_chief
    assert entry.changes["planned"] == {"after": "5000"}


def test_a_rolled_back_change_leaves_no_row(place, district_chief):
    from django.db import transaction

    def change_then_fail() -> None:
        with transaction.atomic():
            households.update_household(place.household, actor=district_chief, house_no="1/1")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert not household_rows(place.household).filter(action=ChangeAction.UPDATE).exists()


def test_saving_without_changes_writes_nothing(place):
    before = ChangeLogEntry.objects.count()
    place.household.save()
    assert ChangeLogEntry.objects.count() == before
