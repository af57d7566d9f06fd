"""The per-area tallies equal the records behind them after any sequence of writes, at every level."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuksuk.areas.models import Area
from tuksuk.cases import services as cases
from tuksuk.cases.models import Action, Story
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households import services as households
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category, Indicator
from tuksuk.reports import tallies
from tuksuk.reports.dashboard import build_dashboard, median_days
from tuksuk.reports.models import Tally, TallyMark

pytestmark = pytest.mark.django_db

LEVELS = ["57", "5703", "570301", "57030101", "570302", "57030201", "90", "9005"]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Area.objects.get_or_create(code="57030201", defaults={"level": "village", "parent_id": "570302"})
    return {"mine": build_place("5703", "570301"), "other": build_place("9005", "900501")}


def live(prefix: str) -> dict:
    stories = Story.objects.filter(area__code__startswith=prefix)
    homes = Household.objects.filter(village__code__startswith=prefix)
    return _plain(tallies.live_figures(stories, homes, unique=False))


def tallied(prefix: str) -> dict:
    return _plain(tallies.summed([prefix]))


def _plain(figures: tallies.Figures) -> dict:
    return {dim: {k: n for k, n in keys.items() if n} for dim, keys in figures.data.items() if any(keys.values())}


def assert_all_levels_agree():
    for code in LEVELS:
        assert tallied(code) == live(code), code
    provinces = list(Area.objects.filter(level="province").values_list("code", flat=True))
    assert _plain(tallies.summed(provinces)) == live("")


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["new", "advance", "resolve", "reject", "close", "sustain", "move", "recategorise", "delete", "register"]
        ),
        st.integers(0, 40),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPERATIONS)
def test_tallies_equal_the_records_after_any_sequence_of_writes(world, operations):
    admin = make_user("ministry_admin")
    for operation, n in operations:
        houses = list(Household.objects.filter(village__code__startswith="5703", merged_into__isnull=True))
        stories = list(Story.objects.filter(area__code__startswith="5703").order_by("pk"))
        story = stories[n % len(stories)] if stories else None
        house = houses[n % len(houses)]
        try:
            if operation == "new" or story is None:
                cases.record_story(
                    house,
                    actor=admin,
                    category=Category.objects.get(pk=n % 7 + 1),
                    indicators=list(Indicator.objects.filter(category_id=n % 7 + 1)[: n % 3]),
                )
            elif operation == "advance":
                cases.change_status(story, "in_progress", actor=admin)
            elif operation == "resolve":
                cases.change_status(story, "resolved", actor=admin)
            elif operation == "close":
                cases.change_status(story, "closed", actor=admin)
            elif operation == "reject":
                cases.change_status(story, "rejected", actor=admin, note="ไม่เข้าเกณฑ์")
            elif operation == "sustain":
                cases.record_action(
                    story, actor=admin, done_on=dt.date(2022, 9, 1), description="แก้ยั่งยืน", dimension="sustainable"
                )
            elif operation == "move":
                target = "57030201" if house.village_id != "57030201" else "57030101"
                households.update_household(house, actor=admin, village_code=target)
            elif operation == "recategorise":
                category = Category.objects.get(pk=(story.category_id % 7) + 1)
                cases.update_story(
                    story, actor=admin, category=category, indicators=list(category.indicators.all()[:2])
                )
            elif operation == "delete":
                story.delete()
            elif operation == "register":
                households.register_household(
                    actor=admin,
                    village_code="57030201",
                    house_code=f"57030201{n:03d}",
                    head_name=f"นางใหม่ {n}",
                    members=[],
                )
        except ValidationError:  # a change the rules refuse is part of the sequence too
            pass
    assert_all_levels_agree()


def test_a_rebuild_gives_the_same_tallies_as_the_writes(world):
    tallies.refresh()
    before = set(Tally.objects.values_list("area_code", "dimension", "key", "n"))
    assert before
    assert tallies.rebuild() == len(before)
    assert set(Tally.objects.values_list("area_code", "dimension", "key", "n")) == before


def test_a_change_is_never_lost_when_the_recount_fails(world, monkeypatch):
    admin = make_user("ministry_admin")
    tallies.refresh()
    monkeypatch.setattr(tallies, "recount", lambda villages: (_ for _ in ()).throw(RuntimeError("database gone")))
    cases.change_status(world["mine"].story, "rejected", actor=admin, note="ซ้ำ")
    with pytest.raises(RuntimeError):
        tallies.refresh()
    assert TallyMark.objects.filter(area_code="57030101").exists()
    monkeypatch.undo()
    assert build_dashboard(admin, Area.objects.get(code="5703")).by_status == {"rejected": 1}
    assert not TallyMark.objects.exists()


def test_moving_a_household_recounts_both_villages(world):
    admin = make_user("ministry_admin")
    households.update_household(world["mine"].household, actor=admin, village_code="57030201")
    assert tallied("57030101") == {}
    assert tallied("57030201")[tallies.STATUS] == {"new": 1}
    assert tallied("5703")[tallies.HOUSEHOLDS] == {"": 1}


def test_an_action_recorded_or_deleted_changes_help_and_lifted(world):
    admin = make_user("ministry_admin")
    story = world["mine"].story
    assert tallied("5703")[tallies.HELP] == {"immediate": 1}
    cases.change_status(story, "in_progress", actor=admin)
    cases.change_status(story, "resolved", actor=admin)
    cases.record_action(story, actor=admin, done_on=dt.date(2022, 9, 1), description="อาชีพ", dimension="sustainable")
    assert tallied("5703")[tallies.LIFTED] == {"": 1}
    Action.objects.filter(story=story, dimension="sustainable").delete()
    assert tallies.LIFTED not in tallied("5703")


def test_an_indicator_given_another_goal_recounts_the_goals(world):
    indicator = Indicator.objects.get(pk=2)
    goals = set(indicator.sdg_goals.values_list("pk", flat=True))
    new_goal = next(g for g in range(1, 18) if g not in goals)
    indicator.sdg_goals.add(new_goal)
    assert tallied("57")[tallies.SDG][str(new_goal)] == 1


def test_overdue_follows_the_calendar_without_any_write(world, monkeypatch):
    admin = make_user("ministry_admin")
    story = world["mine"].story
    Story.objects.filter(pk=story.pk).update(due_on=timezone.localdate() + dt.timedelta(days=1))
    tallies.mark(story.area_id)
    assert build_dashboard(admin, None).overdue == 0
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    assert build_dashboard(admin, None).overdue == 1


@pytest.mark.parametrize(
    ("histogram", "median"),
    [({}, None), ({"3": 1}, 3), ({"1": 1, "4": 1}, 2.5), ({"0": 2, "9": 1}, 0), ({"2": 1, "5": 2, "7": 1}, 5)],
)
def test_median_days_from_the_histogram(histogram, median):
    assert median_days(histogram) == median


def test_field_worker_dashboard_counts_only_their_village(world):
    admin = make_user("ministry_admin")
    other_house = households.register_household(
        actor=admin, village_code="57030201", house_code="57030201009", head_name="นางอื่น", members=[]
    )
    cases.record_story(other_house, actor=admin, category=Category.objects.get(pk=2))
    worker = make_user("field_worker", "57030101")
    board = build_dashboard(worker, Area.objects.get(code="5703"))
    assert board.stories == 1
    assert [(row.area.code, row.stories) for row in board.children] == [("570301", 1)]


def test_national_dashboard_reads_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    admin = make_user("ministry_admin")
    build_dashboard(admin, None)
    with django_assert_max_num_queries(18):
        build_dashboard(admin, None)


def test_weekly_and_monthly_trend_count_this_weeks_stories(world, client_for):
    admin = make_user("ministry_admin")
    old = world["other"].story
    Story.objects.filter(pk=old.pk).update(reported_at=timezone.now() - dt.timedelta(weeks=3))
    tallies.mark(old.area_id)
    board = build_dashboard(admin, None)
    assert len(board.weekly) == 12
    assert board.weekly[-1][1] == 1
    assert board.weekly[-4][1] == 1
    assert board.weekly[-1][0].weekday() == 0
    assert sum(r for _m, r, _d in board.trend) == 2
    page = client_for(admin).get("/reports/dashboard/")
    assert 'data-trend="weekly"' in page.content.decode()
