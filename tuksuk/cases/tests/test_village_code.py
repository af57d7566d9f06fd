"""Every large child table carries its parent's village code (the column Citus would distribute it by), whatever
wrote the row: the services, a move or a merge, the stories import, ``copyload.insert``, the national generator,
and the migration that filled the rows already there."""

import datetime as dt
import importlib
import io

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.cases import media, services
from tuksuk.cases.importer import import_stories
from tuksuk.cases.models import Action, Assignment, Evidence, Story, StoryEvent, StoryIndicator
from tuksuk.core.copyload import insert
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import jpeg
from tuksuk.demo.national import generate
from tuksuk.households.models import Household, HouseholdEvent, Member
from tuksuk.households.services import MemberData, merge_households, register_household, update_household
from tuksuk.indicators.models import Category, Indicator

pytestmark = pytest.mark.django_db

# Each child table and the path to the village code it must carry.
PARENTS = {
    Member: "household__village_id",
    HouseholdEvent: "household__village_id",
    StoryEvent: "story__area_id",
    StoryIndicator: "story__area_id",
    Assignment: "story__area_id",
    Action: "story__area_id",
    Evidence: "story__area_id",
}


def out_of_step() -> dict[str, int]:
    """Rows whose village code is not their parent's, per table (empty when every row is right)."""
    wrong = {
        model.__name__: model._base_manager.exclude(village_code=F(path)).count() for model, path in PARENTS.items()
    }
    return {name: n for name, n in wrong.items() if n}


def codes(model, **filters) -> set[str]:  # type: ignore[no-untyped-def]
    return set(model._base_manager.filter(**filters).values_list("village_code", flat=True))


def village(code: str) -> Area:
    return Area.objects.get_or_create(
        code=code, defaults={"level": "village", "parent_id": code[:6], "name_th": "บ้านทดสอบ"}
    )[0]


def household(actor, code: str = "57030101", number: int = 1, members: int = 2) -> Household:  # type: ignore[no-untyped-def]
    village(code)
    return register_household(
        actor=actor,
        village_code=code,
        house_code=f"{code}{number:03d}",
        head_name="นางเอื้อง ใจดี",
        members=[MemberData(full_name=f"สมาชิก {i}", is_head=i == 0) for i in range(members)],
    )


def worked_story(actor, house: Household) -> Story:  # type: ignore[no-untyped-def]
    """A story with indicators, an agency, an action and a photo, all through the services."""
    story = services.record_story(
        house,
        actor=actor,
        category=Category.objects.get(pk=1),
        indicators=list(Indicator.objects.filter(pk__in=[2, 3])),
    )
    services.update_story(story, actor=actor, indicators=list(Indicator.objects.filter(pk__in=[3, 4])))
    services.assign_agency(story, Agency.objects.get(code="PEA"), actor=actor)
    action = services.record_action(
        story, actor=actor, done_on=dt.date(2022, 9, 1), description="ซ่อมหลังคา", dimension="immediate"
    )
    media.attach_evidence(story, jpeg(), actor=actor, phase="before", action=action)
    return story


@pytest.fixture
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_rows_written_by_the_services_carry_the_village_code(district_chief, media_root):
    house = household(district_chief)
    story = worked_story(district_chief, house)
    assert codes(Member, household=house) == codes(HouseholdEvent, household=house) == {"57030101"}
    for model in (StoryEvent, StoryIndicator, Assignment, Action, Evidence):
        assert codes(model, story=story) == {"57030101"}, model.__name__
    assert sorted(story.indicators.values_list("pk", flat=True)) == [3, 4]
    assert not out_of_step()


def test_setting_a_storys_indicators_costs_no_query_per_link(district_chief):
    house = household(district_chief)
    first, second = (
        services.record_story(
            house, actor=district_chief, category=Category.objects.get(pk=1), indicators=[Indicator.objects.get(pk=2)]
        )
        for _ in range(2)
    )
    one, five = [Indicator.objects.get(pk=3)], list(Indicator.objects.filter(pk__in=[3, 4, 5, 6, 7]))
    with CaptureQueriesContext(connection) as one_link:
        services.update_story(first, actor=district_chief, indicators=one)
    with CaptureQueriesContext(connection) as five_links:
        services.update_story(second, actor=district_chief, indicators=five)
    assert len(five_links.captured_queries) == len(one_link.captured_queries)
    assert codes(StoryIndicator) == {"57030101"}
    assert StoryIndicator.objects.filter(story=second).count() == 5


def test_moving_a_household_moves_the_village_code_of_everything_under_it(district_chief, media_root):
    house = household(district_chief)
    story = worked_story(district_chief, house)
    village("57030201")
    update_household(house, actor=district_chief, village_code="57030201")
    assert codes(Member, household=house) == codes(HouseholdEvent, household=house) == {"57030201"}
    for model in (StoryEvent, StoryIndicator, Assignment, Action, Evidence):
        assert codes(model, story=story) == {"57030201"}, model.__name__
    assert not out_of_step()


def test_merging_gives_the_moved_members_and_stories_the_kept_households_village(district_chief, media_root):
    keep = household(district_chief, "57030201", members=1)
    duplicate = household(district_chief, "57030101", number=9, members=3)
    story = worked_story(district_chief, duplicate)
    merge_households(duplicate, keep, actor=district_chief)
    assert keep.members.count() == 4
    assert codes(Member, household=keep) == {"57030201"}
    for model in (StoryEvent, StoryIndicator, Assignment, Action, Evidence):
        assert codes(model, story=story) == {"57030201"}, model.__name__
    # The merged-away household's own history stays in its village, with it.
    assert codes(HouseholdEvent, household=duplicate) == {"57030101"}
    assert not out_of_step()


def test_the_stories_import_fills_the_village_code():
    team = make_user("district_team", "7008")
    header = "story_ref,reported_on,house_code,village_code,head_name,members,category,indicators,status"
    lines = [
        "V-1,2022-08-15,70080100001,70080501,นางเอื้อง ใจดี,3,1,1,new",
        'V-2,2022-08-16,70080100001,70080501,นางเอื้อง ใจดี,3,2,"15,18",in_progress',
        "V-3,2022-08-17,70080200002,70080502,นายสม หวังดี,,7,,resolved",
    ]
    text = "\n".join([header, *lines]) + "\n"
    result = import_stories(io.BytesIO(text.encode()), "stories.csv", actor=team)
    assert (result.created, result.rejected) == (3, 0)
    assert StoryIndicator.objects.count() == 3
    assert codes(StoryIndicator) | codes(StoryEvent) | codes(Member) <= {"70080501", "70080502"}
    assert codes(Member, household__house_code="70080200002") == {"70080502"}
    assert not out_of_step()


def test_copyload_fills_the_village_code_from_the_household_object_without_a_query_per_row(
    district_chief, django_assert_max_num_queries
):
    house = household(district_chief, members=0)
    members = [Member(household=house, full_name=f"สมาชิก {i}") for i in range(6)]
    with django_assert_max_num_queries(3):  # whatever the number of rows
        insert(members)
    assert codes(Member, household=house) == {"57030101"}
    assert all(m.village_code == "57030101" for m in members)


def test_a_village_code_given_by_the_writer_is_kept(district_chief):
    house = household(district_chief, members=0)
    member = Member.objects.create(household=house, full_name="ตั้งค่าเอง", village_code="57030101")
    assert Member.objects.get(pk=member.pk).village_code == "57030101"


def test_the_national_generator_writes_the_village_code():
    generate(40, 3, anchor=dt.date(2025, 6, 30))
    for model in (Member, StoryEvent, StoryIndicator, Assignment, Action):
        assert model._base_manager.exists(), model.__name__
        assert "" not in codes(model), model.__name__
    assert not out_of_step()


def test_the_migrations_fill_the_rows_written_before_the_column(district_chief, media_root):
    house = household(district_chief)
    worked_story(district_chief, house)
    for model in PARENTS:
        model._base_manager.update(village_code="")
    importlib.import_module("tuksuk.households.migrations.0005_fill_village_code").fill(apps, None)
    importlib.import_module("tuksuk.cases.migrations.0006_fill_village_code").fill(apps, None)
    for model in PARENTS:
        assert codes(model) == {"57030101"}, model.__name__
