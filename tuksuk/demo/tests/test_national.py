import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F

from tuksuk.accounts.models import RoleAssignment, User
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES, StoryEventKind, StoryStatus
from tuksuk.cases.models import Action, Assignment, Story, StoryEvent
from tuksuk.core import crypto
from tuksuk.core.testing import make_user
from tuksuk.demo.national import (
    FIRST_VILLAGE_NO,
    MAX_PER_VILLAGE,
    NationalDataError,
    _check_free,
    generate,
    plan_villages,
)
from tuksuk.households.citizen_id import check_digit
from tuksuk.households.models import Household, Member
from tuksuk.indicators.models import Indicator
from tuksuk.projects.models import Activity, BudgetLine, Project

pytestmark = pytest.mark.django_db

ANCHOR = dt.date(2025, 6, 30)
BKK = dt.timezone(dt.timedelta(hours=7))


def _tambons() -> list[str]:
    return list(Area.objects.filter(level="subdistrict").values_list("code", flat=True))


def _snapshot() -> tuple[list, list, list]:
    households = list(Household.objects.order_by("house_code").values_list("house_code", "house_no", "head_name"))
    members = list(
        Member.objects.order_by("household__house_code", "-is_head", "id").values_list(
            "full_name", "sex", "birth_date", "citizen_id_hash"
        )
    )
    stories = list(
        Story.objects.order_by("ref").values_list("ref", "household__house_code", "category", "status", "reported_at")
    )
    return households, members, stories


def _generated(households: int, seed: int) -> tuple[list, list, list]:
    """Generate in a transaction that is rolled back afterwards, and return what it made."""
    with transaction.atomic():
        generate(households, seed, anchor=ANCHOR)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_the_same_seed_gives_the_same_data():
    first, second, other = _generated(300, 7), _generated(300, 7), _generated(300, 8)
    assert len(first[0]) == 300
    assert first == second
    assert first[0] != other[0]


def test_village_plan_is_pure_spread_and_bounded():
    tambons = _tambons()
    small = plan_villages(300, 5, tambons)
    assert small == plan_villages(300, 5, list(reversed(tambons)))
    assert sum(v.households for v in small) == 300
    national = plan_villages(1_000_000, 5, tambons)
    assert sum(v.households for v in national) == 1_000_000
    assert max(v.households for v in national) <= MAX_PER_VILLAGE
    assert len({v.code for v in national}) == len(national)
    known = set(tambons)
    assert all(v.tambon in known and int(v.code[6:]) >= FIRST_VILLAGE_NO for v in national)
    # Every province, and (at a million households) every tambon.
    assert {v.code[:2] for v in national} == {t[:2] for t in tambons}
    assert {v.tambon for v in national} == known
    # Ten thousand households already reach every province.
    assert {v.code[:2] for v in plan_villages(10_000, 5, tambons)} == {t[:2] for t in tambons}


def test_generated_data_is_consistent():
    counts = generate(300, 11, anchor=ANCHOR)
    households = Household.objects.all()
    stories = Story.objects.all()
    assert counts["households"] == households.count() == 300
    assert counts["members"] == Member.objects.count()
    assert counts["stories"] == stories.count()
    assert counts["events"] == StoryEvent.objects.count() == stories.count()
    assert counts["actions"] == Action.objects.count() > 0
    assert counts["assignments"] == Assignment.objects.count() > 0
    assert counts["story_indicators"] == Story.indicators.through.objects.count()

    # Households: 11-digit house codes under new villages (หมู่ที่ 50+), head first, count right.
    villages = {a.code: a for a in Area.objects.filter(code__in=households.values("village_id"))}
    assert counts["villages"] == len(villages)
    for house_code, village in households.values_list("house_code", "village_id"):
        assert len(house_code) == 11
        assert house_code.startswith(village)
        assert villages[village].level == "village"
        assert villages[village].village_no >= FIRST_VILLAGE_NO
        assert villages[village].parent_id == village[:6]
    sizes = dict(households.annotate(n=Count("members")).values_list("pk", "n"))
    assert all(1 <= n <= 6 for n in sizes.values())
    assert all(h.member_count == sizes[h.pk] for h in households)
    heads = Member.objects.filter(is_head=True)
    assert heads.count() == 300
    assert all(m.full_name == m.household.head_name for m in heads.select_related("household"))
    with_ids = Member.objects.exclude(citizen_id_hash="")
    assert 0 < with_ids.count() < Member.objects.count()
    for member in with_ids[:20]:
        digits = crypto.decrypt(member.citizen_id_encrypted)
        assert digits
        assert digits.startswith(member.household.house_code)
        assert check_digit(digits[:12]) == int(digits[12])
        assert member.citizen_id_last3 == digits[-3:]
        assert crypto.keyed_hash(digits) == member.citizen_id_hash

    # Stories: in the household's village, 1–3 per household, dates and statuses that fit.
    assert stories.filter(area_id=F("household__village_id")).count() == stories.count()
    per_household = list(households.annotate(n=Count("stories")).values_list("n", flat=True))
    assert min(per_household) >= 1
    assert max(per_household) <= 3
    assert 1.4 <= sum(per_household) / len(per_household) <= 2.0
    assert all(s.ref.startswith("NAT-11-") for s in stories)
    for story in stories:
        reported = story.reported_at.astimezone(BKK)
        assert reported.date() <= ANCHOR
        assert story.due_on == reported.date() + dt.timedelta(days=30)
        if story.status in DONE_STATUSES:
            assert story.reported_at < story.resolved_at
            assert story.resolved_at.astimezone(BKK).date() <= ANCHOR
        else:
            assert story.resolved_at is None
    statuses = Counter(stories.values_list("status", flat=True))
    assert statuses[StoryStatus.IN_PROGRESS]
    assert statuses[StoryStatus.RESOLVED]
    assert statuses[StoryStatus.NEW]
    categories = Counter(stories.values_list("category", flat=True))
    assert categories[1] > categories[2]
    assert categories[4] > categories[5]
    indicator_category = dict(Indicator.objects.values_list("number", "category_id"))
    links = Story.indicators.through.objects.values_list("story_id", "indicator_id", "story__category_id")
    assert all(indicator_category[indicator] == category for _s, indicator, category in links)
    assert max(Counter(story for story, _i, _c in links).values()) <= 3
    events = StoryEvent.objects.values_list("kind", "to_status", "story__status")
    assert all(kind in (StoryEventKind.IMPORTED, StoryEventKind.CREATED) and to == now for kind, to, now in events)
    worked = {StoryStatus.IN_PROGRESS, StoryStatus.REFERRED, StoryStatus.RESOLVED, StoryStatus.CLOSED}
    assert set(Action.objects.values_list("story__status", flat=True)) <= worked
    for action in Action.objects.select_related("story"):
        assert action.story.reported_at <= action.created_at
        assert action.created_at <= (action.story.resolved_at or dt.datetime(2025, 6, 30, 23, tzinfo=BKK))
        assert action.done_on == action.created_at.astimezone(BKK).date()
    assert set(Assignment.objects.values_list("story__status", flat=True)) <= worked
    assert not stories.filter(status=StoryStatus.CLOSED).exclude(actions__dimension="sustainable").exists()

    # A district-team user per district, a project for about every second one.
    districts = {code[:4] for code in villages}
    teams = User.objects.filter(username__in=[f"team_{d}" for d in districts])
    assert teams.count() == len(districts) == counts["users"]
    assert not any(user.has_usable_password() for user in teams)
    assert (
        set(
            RoleAssignment.objects.active()
            .filter(user__in=teams, role="district_team")
            .values_list("area_id", flat=True)
        )
        == districts
    )
    projects = Project.objects.all()
    assert projects.count() == counts["projects"] == (len(districts) + 1) // 2
    assert set(projects.values_list("district_id", flat=True)) <= districts
    for project in projects:
        activities = project.activities.all()
        assert 3 <= activities.count() <= 5
        assert all(a.place_id[:4] == project.district_id for a in activities)
        assert project.value_baht > 0
    assert Activity.objects.count() == counts["activities"]
    assert BudgetLine.objects.count() == counts["budget_lines"]


def test_a_district_team_sees_only_its_district():
    generate(300, 3, anchor=ANCHOR)
    district = Story.objects.order_by("area_id").values_list("area_id", flat=True).first()[:4]
    mine = Story.objects.filter(area__code__startswith=district)
    for user in (make_user("district_team", district), User.objects.get(username=f"team_{district}")):
        visible = Story.objects.visible_to(user)
        assert visible.count() == mine.count() > 0
        assert all(code.startswith(district) for code in visible.values_list("area_id", flat=True))
        assert (
            Household.objects.visible_to(user).count()
            == Household.objects.filter(village__code__startswith=district).count()
        )


def test_a_second_run_that_would_collide_is_refused():
    generate(50, 4, anchor=ANCHOR)
    with pytest.raises(NationalDataError, match="Seed 4"):
        generate(20, 4, anchor=ANCHOR)  # same refs
    with pytest.raises(NationalDataError, match="already there"):  # another seed drawing the same villages
        _check_free(5, plan_villages(50, 4, _tambons()))
    assert _check_free(5, plan_villages(50, 5, _tambons())) is not None


def test_the_command_prints_a_summary():
    out = io.StringIO()
    call_command("generate_national", "--households", "40", "--seed", "9", "--batch", "15", stdout=out)
    text = out.getvalue()
    assert "40/40 households" in text
    assert "households: 40" in text
    assert "stories:" in text
    assert "National data generated" in text
    assert Household.objects.count() == 40
