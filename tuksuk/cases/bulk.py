"""Writing the stories import's new households and stories in bulk, with everything the services would write.

A chunk of checked rows comes in. Rows whose house code is already registered go through the services one by one
(``one_by_one``: the same path as a page, each in its own savepoint). The other rows make new households: grouped by
house code in file order, each group becomes one household in its final state (later rows of the same house may
change its fields or add a member with another citizen ID, exactly as the one-by-one path would), its members, its
stories (an "imported" event, and a status event when the file says the story is further along), the stories'
indicators — written with ``core.copyload.insert`` (``COPY`` with ids reserved from the sequences on PostgreSQL,
``bulk_create`` elsewhere). The change log gets one "created" entry per record
(``audit.services.record_bulk_created``) and the villages are marked for the per-area tallies, because neither
sends signals.

Every object is validated field by field before it is written (``clean_fields``), so a value the database or a
page would refuse is refused here too, for its row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuksuk.areas.choices import AreaLevel, AreaSource
from tuksuk.areas.models import Area
from tuksuk.audit.services import record_bulk_created
from tuksuk.core.copyload import insert
from tuksuk.core.errors import user_message
from tuksuk.households.choices import HouseholdEventKind, HouseholdSource
from tuksuk.households.models import Household, HouseholdEvent, Member
from tuksuk.reports import tallies

from .choices import DONE_STATUSES, StoryEventKind, StorySource, StoryStatus
from .models import Story, StoryEvent
from .services import default_due_on

if TYPE_CHECKING:
    from .importer import Row

HOUSEHOLD_FIELDS = ("head_name", "house_no", "member_count", "latitude", "longitude")


class BulkWriter:
    def __init__(self, actor, lookups) -> None:  # type: ignore[no-untyped-def]
        self.actor = actor
        self.lookups = lookups
        self.note = _("นำเข้าจากไฟล์")

    def write(
        self,
        rows: list[Row],
        *,
        one_by_one: Callable,  # type: ignore[type-arg]
        refused: dict[int, str],
        stop_at_first: bool,
    ) -> Counter[str]:
        """Write a chunk; returns how many rows were ``created``/``updated``/``unchanged``. Rows refused while
        writing go into ``refused`` (row number -> message); with ``stop_at_first`` the chunk stops there."""
        outcomes: Counter[str] = Counter()
        if not rows:
            return outcomes
        self._add_missing_villages({r.village_code for r in rows})
        registered = set(
            Household.objects.filter(house_code__in={r.house_code for r in rows}).values_list("house_code", flat=True)
        )
        for row in (r for r in rows if r.house_code in registered):
            try:
                with transaction.atomic():
                    outcomes[one_by_one(row, self.actor, self.lookups)] += 1
            except (ValidationError, PermissionDenied) as exc:
                refused[row.number] = user_message(exc, "; ")
                if stop_at_first:
                    return outcomes
        groups: dict[str, list[Row]] = {}
        for row in rows:
            if row.house_code not in registered:
                groups.setdefault(row.house_code, []).append(row)
        if groups:
            outcomes["created"] += self._create(list(groups.values()), refused, stop_at_first)
        return outcomes

    def _add_missing_villages(self, codes: set[str]) -> None:
        known = set(Area.objects.filter(code__in=codes).values_list("code", flat=True))
        for code in sorted(codes - known):
            Area.objects.create(code=code, level=AreaLevel.VILLAGE, parent_id=code[:6], source=AreaSource.IMPORT)

    def _create(self, groups: list[list[Row]], refused: dict[int, str], stop_at_first: bool) -> int:
        now = timezone.now()
        households: list[Household] = []
        members: list[tuple[Household, Member]] = []
        stories: list[tuple[Household, Story, Row]] = []
        for group in groups:
            try:
                household, its_members = self._household(group, now)
                its_stories = [(household, self._story(household, row, now), row) for row in group]
            except ValidationError as exc:
                message = user_message(exc, "; ")
                for row in group:
                    refused[row.number] = message
                if stop_at_first:
                    return 0
                continue
            households.append(household)
            members += [(household, m) for m in its_members]
            stories += its_stories
        if not households:
            return 0
        insert(households)
        for household, member in members:
            member.household = household
        insert([m for _h, m in members])
        insert(
            [HouseholdEvent(household=h, kind=HouseholdEventKind.CREATED, actor=self.actor, at=now) for h in households]
        )
        for household, story, _row in stories:
            story.household = household
        insert([s for _h, s, _r in stories])
        events, links = [], []
        through = Story.indicators.through
        for _household, story, row in stories:
            events.append(
                StoryEvent(
                    story=story, kind=StoryEventKind.IMPORTED, actor=self.actor, to_status=StoryStatus.NEW, at=now
                )
            )
            if story.status != StoryStatus.NEW:
                events.append(
                    StoryEvent(
                        story=story,
                        kind=StoryEventKind.STATUS,
                        actor=self.actor,
                        note=self.note,
                        from_status=StoryStatus.NEW,
                        to_status=story.status,
                        at=now,
                    )
                )
            links += [
                through(story_id=story.pk, indicator_id=number, village_code=story.area_id) for number in row.indicators
            ]
        insert(events)
        insert(links)
        record_bulk_created([*households, *(m for _h, m in members), *(s for _h, s, _r in stories)])
        tallies.mark(*{h.village_id for h in households})
        return len(stories)

    def _household(self, group: list[Row], now) -> tuple[Household, list[Member]]:  # type: ignore[no-untyped-def]
        """The household as the rows of one new house code leave it, and its members (the first row's head, then
        one more member for each other citizen ID given as the head's)."""
        first = group[0]
        household = Household(
            house_code=first.house_code,
            village_id=first.village_code,
            house_no=first.house_no,
            head_name=first.head_name,
            member_count=first.members,
            latitude=first.latitude,
            longitude=first.longitude,
            source=HouseholdSource.IMPORT,
            created_by=self.actor,
            created_at=now,
        )
        for row in group[1:]:
            for name in HOUSEHOLD_FIELDS:
                value = getattr(row, name if name != "member_count" else "members")
                if value not in (None, ""):
                    setattr(household, name, value)
        household.clean_fields(exclude=["village", "merged_into", "created_by"])
        members = []
        known: set[str] = set()
        for index, row in enumerate(group):
            if index and (not row.head_citizen_id or row.head_citizen_id in known):
                continue
            member = Member(full_name=row.head_name, is_head=index == 0, created_at=now)
            if row.head_citizen_id:
                member.set_citizen_id(row.head_citizen_id)
                known.add(row.head_citizen_id)
            member.clean_fields(exclude=["household"])
            members.append(member)
        return household, members

    def _story(self, household: Household, row: Row, now) -> Story:  # type: ignore[no-untyped-def]
        if len(set(row.indicators)) != len(row.indicators):
            raise ValidationError({"indicators": _("ตัวชี้วัดซ้ำกัน")})
        reported_at = row.reported_at or now
        story = Story(
            household=household,
            area_id=household.village_id,
            category=self.lookups.categories[row.category],  # the object: the change log's repr reads its name
            description=row.description,
            status=row.status,
            reported_at=reported_at,
            due_on=default_due_on(reported_at),
            resolved_at=now if row.status in DONE_STATUSES else None,
            ref=row.ref or None,
            source=StorySource.IMPORT,
            created_by=self.actor,
            created_at=now,
        )
        story.clean_fields(exclude=["household", "area", "category", "created_by"])
        return story
