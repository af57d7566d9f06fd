"""The dashboard: every figure equals the records behind it, drills down one level, and stays in the reader's area."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuksuk.areas.models import Area
from tuksuk.cases import services as cases
from tuksuk.cases.models import Story
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households import services as households
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category, Indicator
from tuksuk.reports.dashboard import build_dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {"mine": build_place("5703", "570301"), "other": build_place("9005", "900501")}


def raw(user, prefix=""):
    """The same figures counted the plain way, one story at a time."""
    stories = [s for s in Story.objects.visible_to(user) if s.area_id.startswith(prefix)]
    today = timezone.localdate()
    return {
        "stories": len(stories),
        "open": sum(s.is_open for s in stories),
        "done": sum(s.is_done for s in stories),
        "overdue": sum(s.is_open and s.due_on is not None and s.due_on < today for s in stories),
        "sustainable": sum(s.actions.filter(dimension="sustainable").exists() for s in stories),
        "by_category": {c: sum(s.category_id == c for s in stories) for c in range(1, 8)},
    }


def figures(board):
    return {
        "stories": board.stories,
        "open": board.open,
        "done": board.done,
        "overdue": board.overdue,
        "sustainable": board.sustainable,
        "by_category": {c.number: n for c, n in board.by_category},
    }


def test_national_figures_equal_the_records(world):
    admin = make_user("ministry_admin")
    assert figures(build_dashboard(admin, None)) == raw(admin)
    assert [row.area.code for row in build_dashboard(admin, None).children] == ["R1", "R2", "R3", "R4", "R5", "R6"]


def test_drill_down_from_region_to_village(world):
    admin = make_user("ministry_admin")
    for code, child in [("R1", "G02"), ("G02", "57"), ("57", "5703"), ("5703", "570301"), ("570301", "57030101")]:
        board = build_dashboard(admin, Area.objects.get(code=code))
        row = next(r for r in board.children if r.area.code == child)
        assert row.stories == 1, (code, child)
        assert board.stories == 1


def test_district_user_sees_only_their_district(world, district_chief):
    board = build_dashboard(district_chief, None)
    assert board.stories == 1
    assert [row.area.code for row in board.children] == ["5703"]
    assert figures(board) == raw(district_chief)


def test_dashboard_page_and_api(client_for, api_for, district_chief, world):
    page = client_for(district_chief).get(reverse("reports:dashboard"), {"area": "5703"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="figure-stories">1<' in html
    assert "ข้อมูล ณ วันที่" in html
    body = api_for(district_chief).get("/api/v1/dashboard/", {"area": "5703"}).json()
    assert body["figures"]["stories"] == 1
    assert body["children"][0]["code"] == "570301"
    assert client_for(district_chief).get(reverse("reports:dashboard"), {"area": "9005"}).status_code == 404
    assert api_for(district_chief).get("/api/v1/dashboard/", {"area": "9005"}).status_code == 404


def test_median_days_to_resolve(world):
    admin = make_user("ministry_admin")
    story = world["mine"].story
    Story.objects.filter(pk=story.pk).update(reported_at=timezone.now() - dt.timedelta(days=10))
    cases.change_status(story, "in_progress", actor=admin)
    cases.change_status(story, "resolved", actor=admin)
    assert build_dashboard(admin, Area.objects.get(code="5703")).median_days_to_resolve == pytest.approx(10, abs=0.1)


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["new", "advance", "resolve", "reject", "sustain", "move"]), st.integers(0, 20)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPERATIONS)
def test_figures_equal_raw_counts_after_any_sequence_of_changes(world, operations):
    admin = make_user("ministry_admin")
    chief = make_user("district_chief", "5703")
    Area.objects.get_or_create(code="57030201", defaults={"level": "village", "parent_id": "570302"})
    houses = list(Household.objects.filter(village__code__startswith="5703"))
    for operation, n in operations:
        stories = list(Story.objects.filter(area__code__startswith="5703").order_by("pk"))
        story = stories[n % len(stories)]
        try:
            if operation == "new":
                cases.record_story(
                    houses[n % len(houses)],
                    actor=admin,
                    category=Category.objects.get(pk=n % 7 + 1),
                    indicators=[Indicator.objects.get(pk=n % 37 + 1)],
                )
            elif operation == "advance":
                cases.change_status(story, "in_progress", actor=admin)
            elif operation == "resolve":
                cases.change_status(story, "resolved", actor=admin)
            elif operation == "reject":
                cases.change_status(story, "rejected", actor=admin, note="ไม่เข้าเกณฑ์")
            elif operation == "sustain":
                cases.record_action(
                    story, actor=admin, done_on=dt.date(2022, 9, 1), description="แก้ยั่งยืน", dimension="sustainable"
                )
            elif operation == "move":
                house = houses[n % len(houses)]
                target = "57030201" if house.village_id != "57030201" else "57030101"
                households.update_household(house, actor=admin, village_code=target)
        except ValidationError:  # a transition the workflow refuses is part of the sequence too
            pass
    for user, area in ((admin, None), (chief, None), (admin, Area.objects.get(code="570302"))):
        board = build_dashboard(user, area)
        assert figures(board) == raw(user, area.code if area else "")
        assert sum(row.stories for row in board.children) == board.stories


def test_agency_staff_count_a_reassigned_story_once(world):
    from tuksuk.agencies.models import Agency

    admin = make_user("ministry_admin")
    pea = Agency.objects.get(code="PEA")
    story = world["mine"].story
    first = cases.assign_agency(story, pea, actor=admin)
    cases.end_assignment(first, actor=admin)
    cases.assign_agency(story, pea, actor=admin)
    staff = make_user("agency_staff", "5703", agency="PEA")
    board = build_dashboard(staff, None)
    assert (board.stories, board.by_category[0][1], board.immediate) == (1, 1, 1)
    assert sum(row.stories for row in board.children) == 1


def test_public_views_and_shares_show_on_the_district_dashboard(world, district_chief, api_for):
    from tuksuk.portal.counting import count_share, count_view

    count_view("page:district:5703", "5703")
    count_view("page:district:5703", "5703")
    count_share("page:district:5703", "5703", "line")
    count_view("page:district:9005", "9005")
    board = build_dashboard(district_chief, Area.objects.get(code="5703"))
    assert (board.public_views, board.public_shares) == (2, 1)
    assert build_dashboard(make_user("ministry_admin"), None).public_views == 3
    figures = api_for(district_chief).get("/api/v1/dashboard/").json()["figures"]
    assert (figures["public_views"], figures["public_shares"]) == (2, 1)
