import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from tuksuk.accounts.models import User
from tuksuk.areas.models import Area
from tuksuk.cases.choices import DONE_STATUSES, Dimension, StoryEventKind, StoryStatus
from tuksuk.cases.models import Story
from tuksuk.core import crypto
from tuksuk.demo.builder import build_projects, build_users, plan_households, project_refs
from tuksuk.demo.data import ALL_7, DEMO_DISTRICTS, DEMO_PROJECTS, DISTRICT_CENTRES, HOUSEHOLDS_PER_DISTRICT
from tuksuk.households import citizen_id
from tuksuk.households.models import Household, Member
from tuksuk.projects.choices import ALL_NETWORKS, ActivityStatus, BudgetSource, ValueChain
from tuksuk.projects.models import Activity, BudgetLine, ProgressUpdate, Project, ProjectEvent, ProjectMedia

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Area.objects.filter(level="village").count(),
        Household.objects.count(),
        Member.objects.count(),
        Story.objects.count(),
        Project.objects.count(),
        Activity.objects.count(),
        BudgetLine.objects.count(),
        ProgressUpdate.objects.count(),
        ProjectEvent.objects.count(),
    )


def _member_names() -> list[str]:
    return list(Member.objects.order_by("household__house_code", "-is_head", "id").values_list("full_name", flat=True))


def test_demo_data_is_deterministic_and_idempotent(capsys):
    call_command("seed_demo")
    counts = _counts()
    users, villages, households, _members, stories, projects, activities, *_rest = counts
    names = list(Area.objects.filter(level="village").order_by("code").values_list("name_th", flat=True)[:5])
    people = _member_names()
    assert users >= 10
    assert villages > 100
    assert len(DEMO_DISTRICTS) * HOUSEHOLDS_PER_DISTRICT[0] <= households <= len(DEMO_DISTRICTS) * 90
    assert households < stories <= 3 * households
    assert (projects, activities) == (len(project_refs()), sum(len(refs) for refs in project_refs().values()))
    projects_before = _project_snapshot()
    call_command("seed_demo")
    assert _counts() == counts
    assert "new: 0 users, 0 villages, 0 households, 0 stories, 0 projects, 0 activities" in capsys.readouterr().out
    assert _project_snapshot() == projects_before
    assert names == list(Area.objects.filter(level="village").order_by("code").values_list("name_th", flat=True)[:5])
    assert _member_names() == people
    # The same seed plans the same world, and the database holds exactly what the plan does.
    today = timezone.localdate()
    plan = plan_households(today)
    assert plan == plan_households(today)
    assert [m.full_name for h in sorted(plan, key=lambda h: h.house_code) for m in h.members] == people
    assert {s.ref for h in plan for s in h.stories} == set(Story.objects.values_list("ref", flat=True))
    # Projects too: built again from scratch they come out the same; a deleted activity comes back as it was.
    Project.objects.filter(ref__startswith="DEMO-P-").delete()
    assert build_projects() == (projects, activities)
    assert _project_snapshot() == projects_before
    Activity.objects.get(ref="DEMO-A-5703-1-3").delete()
    assert build_projects() == (0, 1)
    assert _project_snapshot() == projects_before


def _project_snapshot() -> list[tuple]:
    """Everything the demo says about its projects, with households named by house code (ids differ per build)."""
    snapshot: list[tuple] = []
    projects = Project.objects.filter(ref__startswith="DEMO-P-").order_by("ref").prefetch_related("sdg_goals")
    for project in projects:
        snapshot.append(
            (
                project.ref,
                project.district_id,
                project.title,
                project.start_on,
                project.end_on,
                project.partner_networks,
                project.created_at,
                [g.pk for g in project.sdg_goals.all()],
            )
        )
        for activity in project.activities.order_by("ref"):
            snapshot.append(
                (
                    activity.ref,
                    activity.status,
                    activity.percent_complete,
                    activity.place_id,
                    activity.created_at,
                    sorted(activity.agencies.values_list("code", flat=True)),
                    sorted(activity.budget_lines.values_list("source", "planned", "spent")),
                    list(activity.kpis.values_list("name", "target", "actual")),
                    sorted(activity.beneficiaries.values_list("house_code", flat=True)),
                    list(activity.updates.values_list("when", "who", "where", "percent_complete", "created_at")),
                )
            )
    return snapshot


def test_demo_world_is_realistic():
    """One seeding (it takes seconds), three looks at it: households, stories, households lifted out of hardship."""
    call_command("seed_demo")
    _check_households()
    _check_stories()
    _check_lifted_households()
    _check_projects()


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


def _check_projects() -> None:
    """Each demo district runs 1–2 projects of fiscal 2565 with 3–6 activities, through the project services."""
    today = timezone.localdate()
    fy2565, fy2566_end = (dt.date(2021, 10, 1), dt.date(2022, 9, 30)), dt.date(2023, 9, 30)
    projects = Project.objects.filter(ref__startswith="DEMO-P-").prefetch_related("sdg_goals", "indicators")
    for district in DEMO_DISTRICTS:
        assert 1 <= projects.filter(district_id=district).count() <= 2
        assert Activity.objects.filter(project__district_id=district, ref__startswith="DEMO-A-").exists()
    for project in projects:
        assert project.ref.startswith(f"DEMO-P-{project.district_id}-")
        assert project.fiscal_year == 2565
        assert fy2565[0] <= project.start_on <= fy2565[1]
        assert project.start_on < project.end_on <= fy2566_end
        assert re.fullmatch(rf"OP-{project.district_id}-65-\d{{3}}", project.one_plan_code)
        assert project.one_plan_level
        assert project.timeframe
        assert project.brief
        assert project.upstream
        assert project.midstream
        assert project.downstream
        assert 2 <= len(project.sdg_goals.all()) <= 3
        assert project.indicators.all()
        assert 3 <= project.activities.count() <= 6
        assert project.value_baht > 0
        events = list(project.events.order_by("pk").values_list("at", flat=True))
        assert events == sorted(events)  # written in the order they happened
        assert events[-1] <= timezone.now()
    assert any(set(p.partner_networks) == ALL_NETWORKS for p in projects)  # all 7 ภาคี
    activities = Activity.objects.filter(ref__startswith="DEMO-A-").select_related("project", "place")
    assert set(activities.values_list("status", flat=True)) == {"planned", "in_progress", "done"}
    assert set(activities.values_list("value_chain", flat=True)) == set(ValueChain.values)
    for activity in activities:
        project = activity.project
        assert activity.ref.startswith(project.ref.replace("DEMO-P-", "DEMO-A-") + "-")
        assert project.start_on <= activity.start_on <= activity.end_on <= project.end_on
        assert activity.place.code.startswith(project.district_id)
        assert activity.agencies.count() >= 2
        assert set(activity.partner_networks) <= ALL_NETWORKS
        lines = list(activity.budget_lines.all())
        assert lines
        for line in lines:
            assert isinstance(line.planned, Decimal)
            assert isinstance(line.spent, Decimal)
            assert Decimal(0) <= line.spent <= line.planned
            if line.source == BudgetSource.NONE_NEEDED:
                assert line.planned == 0
        assert 1 <= activity.kpis.count() <= 2
        updates = list(activity.updates.all())
        linked = list(activity.beneficiaries.values_list("village_id", flat=True))
        assert all(village.startswith(project.district_id) for village in linked)
        if activity.status == ActivityStatus.PLANNED:
            assert activity.percent_complete == 0
            assert not updates
            assert not linked
            assert all(line.spent == 0 for line in lines)
            continue
        assert 1 <= len(updates) <= 2
        for update in updates:
            assert all([update.who, update.what, update.where, update.why, update.how])
            assert activity.start_on <= update.when <= min(activity.end_on, today)
        assert updates[0].percent_complete == activity.percent_complete  # the latest report
        assert all(k.actual is not None for k in activity.kpis.all())
        if activity.status == ActivityStatus.DONE:
            assert activity.percent_complete == 100
            assert activity.reached_households == activity.target_households
        else:
            assert 0 < activity.percent_complete < 100
    assert activities.filter(beneficiaries__isnull=False).distinct().count() >= 10  # from the registry
    assert activities.filter(budget_lines__source=BudgetSource.NONE_NEEDED).exists()
    assert not ProjectMedia.objects.exists()  # the demo has no photos
    assert {"DOPA", "CDD", "P-AGRI", "LAO", "PRIVATE", "RELIGION", "PWA", "P-IRR"} <= set(
        activities.values_list("agencies__code", flat=True)
    )


def test_demo_project_plans_hold_together():
    """The written-out plans: dates, progress and money that make sense, before anything reaches the database."""
    refs = project_refs()
    assert len(refs) == sum(len(p) for p in DEMO_PROJECTS.values())
    assert set(DEMO_PROJECTS) == set(DEMO_DISTRICTS)
    for district, projects in DEMO_PROJECTS.items():
        assert 1 <= len(projects) <= 2
        for project in projects:
            assert project.one_plan_code.startswith(f"OP-{district}-65-")
            assert set(project.networks) <= set(ALL_7)
            assert 3 <= len(project.activities) <= 6
            for activity in project.activities:
                assert activity.tambon.startswith(district)
                assert len(activity.tambon) == 6
                assert set(activity.networks) <= set(project.networks)
                assert project.start <= activity.start <= activity.end <= project.end
                assert all(Decimal(b.spent) <= Decimal(b.planned) for b in activity.budget)
                percents = [r.percent for r in activity.reports]
                assert percents == sorted(percents)
                assert all(activity.start <= r.when <= activity.end for r in activity.reports)
                if activity.status == "planned":
                    assert not activity.reports
                    assert activity.percent == 0
                    assert all(Decimal(b.spent) == 0 for b in activity.budget)
                    assert all(k.actual is None for k in activity.kpis)
                else:
                    assert percents
                    if activity.status == "in_progress":
                        assert percents[-1] == activity.percent
                    assert all(k.actual is not None for k in activity.kpis)


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
