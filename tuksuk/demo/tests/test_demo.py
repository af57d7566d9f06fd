import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from tuksuk.accounts.models import User
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES, Dimension, StoryEventKind, StoryStatus
from tuksuk.cases.models import Story
from tuksuk.core import crypto
from tuksuk.demo.builder import build_users, plan_households
from tuksuk.demo.data import DEMO_DISTRICTS, DISTRICT_CENTRES, HOUSEHOLDS_PER_DISTRICT
from tuksuk.households import citizen_id
from tuksuk.households.models import Household, Member

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Area.objects.filter(level="village").count(),
        Household.objects.count(),
        Member.objects.count(),
        Story.objects.count(),
    )


def _member_names() -> list[str]:
    return list(Member.objects.order_by("household__house_code", "-is_head", "id").values_list("full_name", flat=True))


def test_demo_data_is_deterministic_and_idempotent(capsys):
    call_command("seed_demo")
    counts = _counts()
    users, villages, households, _members, stories = counts
    names = list(Area.objects.filter(level="village").order_by("code").values_list("name_th", flat=True)[:5])
    people = _member_names()
    assert users >= 10
    assert villages > 100
    assert len(DEMO_DISTRICTS) * HOUSEHOLDS_PER_DISTRICT[0] <= households <= len(DEMO_DISTRICTS) * 90
    assert households < stories <= 3 * households
    call_command("seed_demo")
    assert _counts() == counts
    assert "new: 0 users, 0 villages, 0 households, 0 stories" in capsys.readouterr().out
    assert names == list(Area.objects.filter(level="village").order_by("code").values_list("name_th", flat=True)[:5])
    assert _member_names() == people
    # The same seed plans the same world, and the database holds exactly what the plan does.
    today = timezone.localdate()
    plan = plan_households(today)
    assert plan == plan_households(today)
    assert [m.full_name for h in sorted(plan, key=lambda h: h.house_code) for m in h.members] == people
    assert {s.ref for h in plan for s in h.stories} == set(Story.objects.values_list("ref", flat=True))


def test_demo_world_is_realistic():
    """One seeding (it takes seconds), three looks at it: households, stories, households lifted out of hardship."""
    call_command("seed_demo")
    _check_households()
    _check_stories()
    _check_lifted_households()


def _check_households() -> None:
    today = timezone.localdate()
    for district in DEMO_DISTRICTS:
        in_district = Household.objects.filter(village__code__startswith=district)
        assert in_district.count() >= HOUSEHOLDS_PER_DISTRICT[0]
        lat, lon = DISTRICT_CENTRES[district]
        for household in in_district:
            assert household.house_code.startswith(household.village_id)
            assert len(household.house_code) == 11
            assert abs(float(household.latitude) - lat) < 0.1
            assert abs(float(household.longitude) - lon) < 0.1
    seen = set()
    for member in Member.objects.select_related("household"):
        born = member.birth_date
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age < 15:
            assert member.full_name.startswith("เด็กชาย" if member.sex == "male" else "เด็กหญิง")
        elif member.sex == "male":
            assert member.full_name.startswith("นาย")
        else:
            assert member.full_name.startswith(("นาง", "นางสาว"))
        assert member.elderly == (age >= 60)
        assert member.child == (age < 15)
        if member.citizen_id_hash:
            digits = citizen_id.normalize(crypto.decrypt(member.citizen_id_encrypted) or "")  # valid check digit
            assert digits[0] in "12345678"
            seen.add(digits)
    assert len(seen) > 0.8 * Member.objects.count()
    sizes = Counter(Household.objects.values_list("member_count", flat=True))
    assert set(sizes) <= set(range(1, 8))
    for household in Household.objects.prefetch_related("members"):
        assert household.members.all()[0].is_head
        assert household.head_name == household.members.all()[0].full_name
        assert household.member_count == len(household.members.all())
    flags = {flag: Member.objects.filter(**{flag: True}).count() for flag in ("bedridden", "disabled", "child")}
    assert all(flags.values()), flags


def _check_stories() -> None:
    stories = Story.objects.filter(ref__startswith="DEMO-").prefetch_related("actions", "events", "indicators")
    for district in DEMO_DISTRICTS:
        assert stories.filter(ref__startswith=f"DEMO-{district}-", area__code__startswith=district).exists()
    assert set(stories.values_list("status", flat=True)) == set(StoryStatus.values)
    categories = Counter(stories.values_list("category_id", flat=True))
    assert {number for number, _n in categories.most_common(2)} == {1, 4}  # housing and income, as in the ministry's
    now, today = timezone.now(), timezone.localdate()
    for story in stories:
        reported_on = timezone.localtime(story.reported_at).date()
        assert story.reported_at <= now
        assert story.reported_at >= now - dt.timedelta(days=130)
        assert len(story.indicators.all()) <= 3
        events = list(story.events.all())
        assert events[0].kind == StoryEventKind.CREATED
        assert [e.pk for e in events] == sorted(e.pk for e in events)  # recorded in the order they happened
        assert all(story.reported_at <= e.at <= now for e in events)
        actions = list(story.actions.all())
        assert all(reported_on <= a.done_on <= today and a.cost is not None for a in actions)
        status_events = [e for e in events if e.kind == StoryEventKind.STATUS]
        if story.status == StoryStatus.NEW:
            assert not status_events
        else:
            assert status_events[-1].to_status == story.status
        if story.status in (StoryStatus.REJECTED, StoryStatus.REFERRED):
            assert status_events[-1].note.strip()
        if story.status == StoryStatus.REFERRED:
            assert any(a.agency.name_th in status_events[-1].note for a in story.assignments.all())
        if story.status in (StoryStatus.IN_PROGRESS, StoryStatus.RESOLVED, StoryStatus.CLOSED):
            assert 1 <= story.assignments.count() <= 2
            assert any(a.dimension == Dimension.IMMEDIATE for a in actions)
        if story.status in DONE_STATUSES:
            assert actions
            assert story.reported_at <= story.resolved_at <= now


def _check_lifted_households() -> None:
    """Some households have all their stories resolved or closed, each with a lasting fix (มิติยาไทย)."""
    lifted = [
        household
        for household in Household.objects.prefetch_related("stories__actions")
        if household.stories.all()
        and all(
            story.status in DONE_STATUSES and any(a.dimension == Dimension.SUSTAINABLE for a in story.actions.all())
            for story in household.stories.all()
        )
    ]
    assert len(lifted) >= 10


def test_demo_has_a_user_for_every_role():
    from tuksuk.accounts.roles import Role

    build_users()
    held = set(User.objects.values_list("role_assignments__role", flat=True))
    assert set(Role.values) <= held


def test_demo_users_share_the_demo_password():
    from tuksuk.demo.data import DEMO_PASSWORD

    build_users()
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.all())


def test_demo_logins_are_printed(capsys):
    build_users()
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "chiangkhong_chief" in out
    assert "district_chief@5703" in out
