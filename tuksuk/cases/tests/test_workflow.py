"""The story workflow through tuksuk.cases.services: statuses, notes, reopening, agencies, actions, overdue."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.cases import services
from tuksuk.cases.choices import DONE_STATUSES, REOPENING, TRANSITIONS, StoryEventKind, StoryStatus
from tuksuk.cases.models import Assignment, Story, StoryEvent
from tuksuk.core.testing import make_user
from tuksuk.households.services import MemberData, register_household
from tuksuk.indicators.models import Category, Indicator

pytestmark = pytest.mark.django_db

ALLOWED = sorted((src, dst) for src, targets in TRANSITIONS.items() for dst in targets)
REFUSED = sorted(
    (src, dst)
    for src in StoryStatus.values
    for dst in StoryStatus.values
    if src != dst and dst not in TRANSITIONS.get(src, frozenset())
)
DONE_ON = dt.date(2022, 9, 1)


def village(code: str = "57030101") -> Area:
    return Area.objects.get_or_create(
        code=code, defaults={"level": "village", "parent_id": code[:6], "name_th": "บ้านทดสอบ"}
    )[0]


_houses = itertools.count(1)


def new_story(actor, village_code: str = "57030101", **kwargs) -> Story:
    village(village_code)
    household = register_household(
        actor=make_user("ministry_admin"),
        village_code=village_code,
        house_code=f"{village_code}{next(_houses) % 1000:03d}",
        head_name="นางทดสอบ ใจดี",
        members=[MemberData(full_name="นางทดสอบ ใจดี", is_head=True)],
    )
    return services.record_story(
        household,
        actor=actor,
        category=Category.objects.get(pk=kwargs.pop("category", 1)),
        indicators=[Indicator.objects.get(pk=2)],
        description="หลังคารั่ว",
        **kwargs,
    )


def put_in(story: Story, status: str) -> Story:
    Story.objects.filter(pk=story.pk).update(status=status)
    story.refresh_from_db()
    return story


def act(story: Story, actor, dimension: str = "immediate", **kwargs):
    return services.record_action(
        story, actor=actor, done_on=DONE_ON, description="ซ่อมหลังคา", dimension=dimension, **kwargs
    )


@pytest.fixture
def story(district_chief) -> Story:
    return new_story(district_chief)


@pytest.fixture
def pea() -> Agency:
    return Agency.objects.get(code="PEA")


@pytest.fixture
def pea_staff():
    return make_user("agency_staff", "5703", agency="PEA")


# --- transitions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("src", "dst"), ALLOWED)
def test_every_allowed_transition_changes_the_status_and_writes_a_timeline_entry(story, district_chief, src, dst):
    act(story, district_chief)  # resolving needs an action
    put_in(story, src)
    changed = services.change_status(story, dst, actor=district_chief, note="เหตุผลประกอบ")
    assert changed.status == dst
    assert Story.objects.get(pk=story.pk).status == dst
    event = StoryEvent.objects.filter(story=story, kind=StoryEventKind.STATUS).get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (district_chief, src, dst, "เหตุผลประกอบ")


@pytest.mark.parametrize(("src", "dst"), REFUSED)
def test_a_transition_outside_the_workflow_is_refused_with_a_thai_message(story, district_chief, src, dst):
    act(story, district_chief)
    put_in(story, src)
    with pytest.raises(ValidationError) as caught:
        services.change_status(story, dst, actor=district_chief, note="เหตุผลประกอบ")
    message = " ".join(caught.value.messages)
    assert "เปลี่ยนสถานะจาก" in message
    assert "ไม่ได้" in message
    assert str(StoryStatus(src).label) in message
    assert str(StoryStatus(dst).label) in message
    assert Story.objects.get(pk=story.pk).status == src
    assert not StoryEvent.objects.filter(story=story, kind=StoryEventKind.STATUS).exists()


def test_an_unknown_status_is_refused(story, district_chief):
    with pytest.raises(ValidationError) as caught:
        services.change_status(story, "done", actor=district_chief)
    assert "ไม่รู้จักสถานะ" in caught.value.messages[0]


def test_changing_to_the_same_status_does_nothing(story, district_chief):
    services.change_status(story, StoryStatus.NEW, actor=district_chief)
    assert not StoryEvent.objects.filter(story=story, kind=StoryEventKind.STATUS).exists()


@pytest.mark.parametrize("dst", [StoryStatus.REJECTED, StoryStatus.REFERRED])
@pytest.mark.parametrize("note", ["", "   "])
def test_rejecting_or_referring_needs_a_note(story, district_chief, dst, note):
    with pytest.raises(ValidationError) as caught:
        services.change_status(story, dst, actor=district_chief, note=note)
    assert "กรุณาระบุเหตุผล" in " ".join(caught.value.messages)
    assert Story.objects.get(pk=story.pk).status == StoryStatus.NEW


@pytest.mark.parametrize(("src", "dst"), sorted(REOPENING))
def test_reopening_needs_a_note(story, district_chief, src, dst):
    put_in(story, src)
    with pytest.raises(ValidationError) as caught:
        services.change_status(story, dst, actor=district_chief)
    assert "กรุณาระบุเหตุผล" in " ".join(caught.value.messages)
    services.change_status(story, dst, actor=district_chief, note="ครัวเรือนแจ้งว่าปัญหากลับมาอีก")
    assert Story.objects.get(pk=story.pk).status == dst


def test_resolving_without_any_recorded_action_is_refused(story, district_chief):
    put_in(story, StoryStatus.IN_PROGRESS)
    with pytest.raises(ValidationError) as caught:
        services.change_status(story, StoryStatus.RESOLVED, actor=district_chief)
    assert "ยังไม่มีการช่วยเหลือ" in caught.value.messages[0]
    assert Story.objects.get(pk=story.pk).status == StoryStatus.IN_PROGRESS


def test_resolved_at_is_set_on_resolve_kept_on_close_and_cleared_on_reopen(story, district_chief):
    act(story, district_chief)
    services.change_status(story, StoryStatus.IN_PROGRESS, actor=district_chief)
    assert Story.objects.get(pk=story.pk).resolved_at is None
    resolved = services.change_status(story, StoryStatus.RESOLVED, actor=district_chief)
    assert resolved.resolved_at is not None
    assert abs(resolved.resolved_at - timezone.now()) < dt.timedelta(minutes=1)
    closed = services.change_status(story, StoryStatus.CLOSED, actor=district_chief)
    assert closed.resolved_at == resolved.resolved_at
    reopened = services.change_status(story, StoryStatus.IN_PROGRESS, actor=district_chief, note="ปัญหากลับมา")
    assert reopened.resolved_at is None
    assert Story.objects.get(pk=story.pk).resolved_at is None


# --- who may change a story -------------------------------------------------------------------------------------


def test_a_ministry_viewer_may_read_but_not_change_a_story(story, pea):
    viewer = make_user("ministry_viewer")
    assert Story.objects.visible_to(viewer).filter(pk=story.pk).exists()
    with pytest.raises(PermissionDenied):
        services.change_status(story, StoryStatus.VERIFIED, actor=viewer)
    with pytest.raises(PermissionDenied):
        act(story, viewer)
    with pytest.raises(PermissionDenied):
        services.assign_agency(story, pea, actor=viewer)
    assert Story.objects.get(pk=story.pk).status == StoryStatus.NEW
    assert not story.actions.exists()
    assert not story.assignments.exists()


def test_another_district_may_not_change_the_story(story, other_district_chief):
    with pytest.raises(PermissionDenied):
        services.change_status(story, StoryStatus.VERIFIED, actor=other_district_chief)


def test_agency_staff_act_only_once_the_story_is_assigned_to_their_agency(story, district_chief, pea, pea_staff):
    with pytest.raises(PermissionDenied):
        act(story, pea_staff)
    with pytest.raises(PermissionDenied):
        services.change_status(story, StoryStatus.IN_PROGRESS, actor=pea_staff)

    services.assign_agency(story, pea, actor=district_chief)
    action = act(story, pea_staff, agency=Agency.objects.get(code="PWA"))
    assert action.agency == pea  # staff record for their own agency
    services.change_status(story, StoryStatus.IN_PROGRESS, actor=pea_staff)
    assert Story.objects.get(pk=story.pk).status == StoryStatus.IN_PROGRESS
    event = story.events.filter(kind=StoryEventKind.STATUS).get()
    assert event.actor == pea_staff


def test_agency_staff_lose_the_story_when_the_assignment_ends(story, district_chief, pea, pea_staff):
    assignment = services.assign_agency(story, pea, actor=district_chief)
    services.end_assignment(assignment, actor=district_chief)
    with pytest.raises(PermissionDenied):
        act(story, pea_staff)


def test_agency_staff_of_another_agency_may_not_act(story, district_chief, pea):
    services.assign_agency(story, pea, actor=district_chief)
    pwa_staff = make_user("agency_staff", "5703", agency="PWA")
    with pytest.raises(PermissionDenied):
        act(story, pwa_staff)


def test_assigning_the_same_agency_twice_keeps_one_active_assignment(story, district_chief, pea):
    first = services.assign_agency(story, pea, actor=district_chief, note="ไฟฟ้าดับ")
    second = services.assign_agency(story, pea, actor=district_chief)
    assert first.pk == second.pk
    assert Assignment.objects.filter(story=story, agency=pea, ended_at__isnull=True).count() == 1
    assert story.events.filter(kind=StoryEventKind.ASSIGNED).count() == 1


def test_ending_an_assignment_keeps_the_row_with_its_end_time(story, district_chief, pea):
    assignment = services.assign_agency(story, pea, actor=district_chief)
    services.end_assignment(assignment, actor=district_chief, note="ดำเนินการเสร็จ")
    row = Assignment.objects.get(pk=assignment.pk)
    assert row.ended_at is not None
    assert story.events.filter(kind=StoryEventKind.UNASSIGNED).count() == 1
    services.end_assignment(row, actor=district_chief)  # ending twice changes nothing
    assert story.events.filter(kind=StoryEventKind.UNASSIGNED).count() == 1
    services.assign_agency(story, pea, actor=district_chief)
    assert Assignment.objects.filter(story=story, agency=pea).count() == 2
    assert Assignment.objects.filter(story=story, agency=pea, ended_at__isnull=True).count() == 1


# --- actions ------------------------------------------------------------------------------------------------------


def test_recording_an_action_writes_a_timeline_entry(story, district_chief):
    action = act(story, district_chief, dimension="sustainable")
    event = story.events.filter(kind=StoryEventKind.ACTION).get()
    assert event.actor == district_chief
    assert event.data["action"] == action.pk
    assert event.note == "ซ่อมหลังคา"


def test_an_action_dated_in_the_future_is_refused(story, district_chief):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.record_action(story, actor=district_chief, done_on=tomorrow, description="x", dimension="immediate")
    assert "อนาคต" in " ".join(caught.value.messages)
    assert not story.actions.exists()
    services.record_action(
        story, actor=district_chief, done_on=timezone.localdate(), description="x", dimension="immediate"
    )
    assert story.actions.count() == 1


# --- building blocks of "lifted" and overdue ------------------------------------------------------------------------


def _is_lifted(household) -> bool:
    stories = household.stories.all()
    return (
        stories.exists()
        and not stories.exclude(status__in=DONE_STATUSES).exists()
        and stories.with_sustainable_action().count() == stories.count()
    )


def test_stories_with_a_sustainable_action(district_chief):
    immediate_only, sustainable, nothing = (new_story(district_chief) for _ in range(3))
    act(immediate_only, district_chief, "immediate")
    act(sustainable, district_chief, "immediate")
    act(sustainable, district_chief, "sustainable")
    found = set(Story.objects.with_sustainable_action().values_list("pk", flat=True))
    assert found == {sustainable.pk}
    assert nothing.pk not in found


def test_a_household_is_lifted_when_every_story_is_done_with_a_sustainable_action(district_chief):
    first = new_story(district_chief)
    household = first.household
    second = services.record_story(household, actor=district_chief, category=Category.objects.get(pk=4))
    for story in (first, second):
        act(story, district_chief, "immediate")
        services.change_status(story, StoryStatus.IN_PROGRESS, actor=district_chief)
        services.change_status(story, StoryStatus.RESOLVED, actor=district_chief)
    assert not _is_lifted(household)  # done, but only immediate relief
    act(first, district_chief, "sustainable")
    assert not _is_lifted(household)
    act(second, district_chief, "sustainable")
    services.change_status(second, StoryStatus.CLOSED, actor=district_chief)
    assert _is_lifted(household)
    services.change_status(first, StoryStatus.IN_PROGRESS, actor=district_chief, note="ปัญหากลับมา")
    assert not _is_lifted(household)


def test_due_date_defaults_to_the_reported_date_plus_the_configured_days(district_chief, settings):
    settings.TUKSUK_STORY_DUE_DAYS = 14
    reported = dt.datetime(2022, 8, 29, 23, 30, tzinfo=dt.UTC)  # 30 Aug 06:30 in Bangkok
    story = new_story(district_chief, reported_at=reported)
    assert story.due_on == dt.date(2022, 8, 30) + dt.timedelta(days=14)


def test_overdue_stories_are_open_and_past_their_due_date(district_chief):
    now = timezone.now()
    old_open = new_story(district_chief, reported_at=now - dt.timedelta(days=90))
    old_done = new_story(district_chief, reported_at=now - dt.timedelta(days=90))
    act(old_done, district_chief)
    services.change_status(old_done, StoryStatus.IN_PROGRESS, actor=district_chief)
    services.change_status(old_done, StoryStatus.RESOLVED, actor=district_chief)
    old_rejected = put_in(new_story(district_chief, reported_at=now - dt.timedelta(days=90)), StoryStatus.REJECTED)
    fresh = new_story(district_chief)
    overdue = set(Story.objects.overdue().values_list("pk", flat=True))
    assert overdue == {old_open.pk}
    assert Story.objects.get(pk=old_open.pk).is_overdue
    assert not Story.objects.get(pk=fresh.pk).is_overdue
    assert old_rejected.pk not in overdue


def test_a_story_is_not_overdue_on_its_due_date(story):
    due = Story.objects.get(pk=story.pk).due_on
    assert not Story.objects.overdue(today=due).filter(pk=story.pk).exists()
    assert Story.objects.overdue(today=due + dt.timedelta(days=1)).filter(pk=story.pk).exists()
