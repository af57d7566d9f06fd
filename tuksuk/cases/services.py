"""Every change to a story: recording, status transitions, agencies, actions, evidence. Each writes an event on
the story's timeline. Pages, API, importer and demo call these and nothing else."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.accounts.scope import require_write, scope_for
from tuksuk.agencies.models import Agency
from tuksuk.core.fields import refill_village_codes
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category, Indicator
from tuksuk.privacy.restrictions import ensure_changeable

from .choices import DONE_STATUSES, NOTE_REQUIRED, REOPENING, TRANSITIONS, StoryEventKind, StorySource, StoryStatus
from .models import Action, Assignment, Evidence, Story, StoryEvent, StoryIndicator


def _event(
    story: Story,
    kind: str,
    actor,
    *,
    note: str = "",
    from_status: str = "",
    to_status: str = "",  # type: ignore[no-untyped-def]
    at: dt.datetime | None = None,
    **data,
) -> StoryEvent:
    return StoryEvent.objects.create(
        story=story,
        kind=kind,
        actor=actor,
        note=note,
        from_status=from_status,
        to_status=to_status,
        at=at or timezone.now(),
        data=data,
    )


def default_due_on(reported_at: dt.datetime) -> dt.date:
    return timezone.localtime(reported_at).date() + dt.timedelta(days=settings.TUKSUK_STORY_DUE_DAYS)


def _check_indicators(category: Category, indicators: list[Indicator]) -> None:
    del category  # a story may carry indicators of any category (the ministry's tables show this)
    if len({i.pk for i in indicators}) != len(indicators):
        raise ValidationError({"indicators": _("ตัวชี้วัดซ้ำกัน")})


@transaction.atomic
def record_story(
    household: Household,
    *,
    actor,
    category: Category,
    indicators: list[Indicator] | None = None,  # type: ignore[no-untyped-def]
    description: str = "",
    reported_at: dt.datetime | None = None,
    ref: str | None = None,
    source: str = StorySource.FIELD,
) -> Story:
    """Record a new story on a household (status ``new``)."""
    require_write(actor, household.village_id)
    ensure_changeable(household)
    if household.merged_into_id:
        raise ValidationError(_("ครัวเรือนนี้ถูกรวมเข้ากับครัวเรือนอื่นแล้ว กรุณาบันทึกที่ครัวเรือนหลัก"))
    indicators = list(indicators or [])
    _check_indicators(category, indicators)
    reported_at = reported_at or timezone.now()
    story = Story(
        household=household,
        area_id=household.village_id,
        category=category,
        description=description,
        reported_at=reported_at,
        due_on=default_due_on(reported_at),
        ref=ref or None,
        source=source,
        created_by=actor,
    )
    story.full_clean(exclude=["household", "area", "category"])
    story.save()
    story.indicators.set(indicators, through_defaults={"village_code": story.area_id})
    kind = StoryEventKind.IMPORTED if source == StorySource.IMPORT else StoryEventKind.CREATED
    _event(story, kind, actor, to_status=story.status)
    return story


@transaction.atomic
def update_story(
    story: Story,
    *,
    actor,
    category: Category | None = None,  # type: ignore[no-untyped-def]
    indicators: list[Indicator] | None = None,
    description: str | None = None,
    kind: str = StoryEventKind.UPDATED,
) -> bool:
    """Change what the story is about. Returns whether anything changed (no event when nothing did)."""
    require_write(actor, story.area_id)
    ensure_changeable(story.household)
    changed: dict[str, object] = {}
    if category is not None and category.pk != story.category_id:
        changed["category"] = story.category_id
        story.category = category
    if description is not None and description != story.description:
        changed["description"] = story.description
        story.description = description
    fields = [name for name in changed if name != "indicators"]
    if fields:
        story.save(update_fields=[*fields, "updated_at"])
    if indicators is not None:
        _check_indicators(story.category, indicators)
        old = set(story.indicators.values_list("pk", flat=True))
        if old != {i.pk for i in indicators}:
            changed["indicators"] = sorted(old)
            story.indicators.set(indicators, through_defaults={"village_code": story.area_id})
    if changed:
        _event(story, kind, actor, before=changed)
    return bool(changed)


def allowed_transitions(story: Story) -> list[str]:
    return [s for s in StoryStatus.values if s in TRANSITIONS.get(story.status, frozenset())]


@transaction.atomic
def change_status(
    story: Story,
    to_status: str,
    *,
    actor,
    note: str = "",
    at: dt.datetime | None = None,  # type: ignore[no-untyped-def]
    enforce_workflow: bool = True,
) -> Story:
    """Move a story along the workflow. Rules: only the transitions in ``TRANSITIONS``; rejecting or referring
    needs a note; resolving needs at least one recorded action. Reopening is allowed (with a note)."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    require_write(actor, story.area_id, _agency_of(actor, story))
    ensure_changeable(story.household)
    from_status = story.status
    if to_status == from_status:
        return story
    if to_status not in StoryStatus.values:
        raise ValidationError(_("ไม่รู้จักสถานะ %(status)s") % {"status": to_status})
    if enforce_workflow:
        if to_status not in TRANSITIONS.get(from_status, frozenset()):
            raise ValidationError(
                _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้")
                % {"from": StoryStatus(from_status).label, "to": StoryStatus(to_status).label}
            )
        if (to_status in NOTE_REQUIRED or (from_status, to_status) in REOPENING) and not note.strip():
            raise ValidationError({"note": _("กรุณาระบุเหตุผลหรือหน่วยงานที่ส่งต่อ")})
        if to_status == StoryStatus.RESOLVED and not story.actions.exists():
            raise ValidationError(_("ยังไม่มีการช่วยเหลือที่บันทึกไว้ จึงยังปิดเป็น “แก้ไขแล้ว” ไม่ได้"))
    story.status = to_status
    if to_status in DONE_STATUSES and not story.resolved_at:
        story.resolved_at = at or timezone.now()
    elif to_status not in DONE_STATUSES:
        story.resolved_at = None
    story.save(update_fields=["status", "resolved_at", "updated_at"])
    _event(story, StoryEventKind.STATUS, actor, note=note, from_status=from_status, to_status=to_status, at=at)
    return story


def _agency_of(actor, story: Story) -> int | None:  # type: ignore[no-untyped-def]
    """The actor's agency when it is assigned to the story (lets agency staff act on their own stories)."""
    mine = scope_for(actor).agency_ids
    if not mine:
        return None
    return (
        story.assignments.filter(agency_id__in=mine, ended_at__isnull=True).values_list("agency_id", flat=True).first()
    )


@transaction.atomic
def assign_agency(story: Story, agency: Agency, *, actor, note: str = "") -> Assignment:  # type: ignore[no-untyped-def]
    require_write(actor, story.area_id)
    ensure_changeable(story.household)
    current = story.assignments.filter(agency=agency, ended_at__isnull=True).first()
    if current:
        return current
    assignment = Assignment.objects.create(story=story, agency=agency, assigned_by=actor)
    _event(story, StoryEventKind.ASSIGNED, actor, note=note, agency=agency.code)
    return assignment


@transaction.atomic
def end_assignment(assignment: Assignment, *, actor, note: str = "") -> None:  # type: ignore[no-untyped-def]
    require_write(actor, assignment.story.area_id)
    if assignment.ended_at is None:
        assignment.ended_at = timezone.now()
        assignment.save(update_fields=["ended_at"])
        _event(assignment.story, StoryEventKind.UNASSIGNED, actor, note=note, agency=assignment.agency.code)


@transaction.atomic
def record_action(
    story: Story,
    *,
    actor,
    done_on: dt.date,
    description: str,
    dimension: str,  # type: ignore[no-untyped-def]
    agency: Agency | None = None,
    cost: Decimal | None = None,
) -> Action:
    """An agency's help for the story. Agency staff record for their own agency, on stories assigned to it."""
    agency_id = _agency_of(actor, story)
    require_write(actor, story.area_id, agency_id)
    ensure_changeable(story.household)
    if agency_id and (agency is None or agency.pk != agency_id):
        agency = Agency.objects.get(pk=agency_id)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("วันที่ดำเนินการต้องไม่เป็นวันในอนาคต")})
    action = Action(
        story=story,
        agency=agency,
        done_on=done_on,
        description=description,
        dimension=dimension,
        cost=cost,
        created_by=actor,
    )
    action.full_clean(exclude=["story"])
    action.save()
    _event(story, StoryEventKind.ACTION, actor, note=description[:200], action=action.pk, dimension=dimension)
    return action


def follow_household(household: Household, *, actor) -> int:  # type: ignore[no-untyped-def]
    """Keep the stories' area in step with their household's village (after a move)."""
    moved = []
    for story in household.stories.exclude(area_id=household.village_id):
        old = story.area_id
        story.area_id = household.village_id
        story.save(update_fields=["area", "updated_at"])
        _event(story, StoryEventKind.MOVED, actor, from_area=old, to_area=household.village_id)
        moved.append(story.pk)
    _parts_follow(moved)
    return len(moved)


def move_stories(source: Household, target: Household, *, actor) -> int:  # type: ignore[no-untyped-def]
    """Stories of a merged duplicate household move to the kept one."""
    moved = []
    for story in source.stories.all():
        story.household, story.area_id = target, target.village_id
        story.save(update_fields=["household", "area", "updated_at"])
        _event(story, StoryEventKind.MOVED, actor, from_household=source.house_code, to_household=target.house_code)
        moved.append(story.pk)
    _parts_follow(moved)
    return len(moved)


def _parts_follow(story_ids: list[int]) -> None:
    """The parts of moved stories take their story's new village code (one UPDATE per table)."""
    if story_ids:
        for model in (StoryEvent, StoryIndicator, Assignment, Action, Evidence):
            refill_village_codes(model.objects.filter(story_id__in=story_ids))


def ensure_can_manage(actor, story: Story) -> None:  # type: ignore[no-untyped-def]
    """District-level changes (assigning agencies, editing) are not for agency staff."""
    scope = scope_for(actor)
    if not scope.can_write_in(story.area_id):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์แก้ไขเรื่องนี้"))
