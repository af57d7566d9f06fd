"""Building the demo dataset. Every step is idempotent: running `seed_demo` again adds nothing twice.

Households and their stories are first *planned*, deterministically: each district from its own seeded generator,
each household from one seeded by its house code, so the plan never depends on what the database already holds.
Then whatever is missing (by house code, by story ref ``DEMO-<district>-<n>``) is created through the same services
the pages use: ``register_household``, ``record_story``, ``change_status``, ``assign_agency``, ``record_action``.
Dates count back from yesterday, so the demo always looks current and nothing lies in the future; the timestamps
the services set to "now" (recorded, assigned, action entered) are then moved back to when the plan says it happened,
so every timeline reads in order.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from tuksuk.accounts.models import User
from tuksuk.accounts.services import create_or_update_user
from tuksuk.agencies.models import Agency
from tuksuk.areas.choices import AreaLevel, AreaSource
from tuksuk.areas.models import Area
from tuksuk.cases.choices import Dimension, StoryEventKind, StoryStatus
from tuksuk.cases.models import Action, Assignment, Story, StoryEvent
from tuksuk.cases.services import assign_agency, change_status, record_action, record_story
from tuksuk.households.choices import Sex
from tuksuk.households.citizen_id import check_digit
from tuksuk.households.models import Household, HouseholdEvent, Member
from tuksuk.households.services import MemberData, register_household
from tuksuk.indicators.models import Category, Indicator

from .data import (
    CATEGORY_WEIGHTS,
    CITIZEN_ID_SHARE,
    CLOSE_NOTES,
    DEMO_DISTRICTS,
    DEMO_PASSWORD,
    DISTRICT_CENTRES,
    FEMALE_NAMES_OLDER,
    FEMALE_NAMES_YOUNGER,
    HOUSEHOLD_SIZE_WEIGHTS,
    HOUSEHOLDS_PER_DISTRICT,
    MALE_NAMES_OLDER,
    MALE_NAMES_YOUNGER,
    MUSLIM_FEMALE_NAMES,
    MUSLIM_MALE_NAMES,
    MUSLIM_NAME_SHARE,
    MUSLIM_SURNAMES,
    REFER_NOTES,
    REJECT_REASONS,
    RESOLVE_NOTES,
    SEED,
    STATUS_AGE_DAYS,
    STATUS_WEIGHTS,
    STORIES_PER_HOUSEHOLD_WEIGHTS,
    STORY_TEMPLATES,
    SURNAMES,
    USERS,
    VERIFY_NOTES,
    VILLAGE_NAMES,
    StoryTemplate,
)

REF_PREFIX = "DEMO-"
T = TypeVar("T")


def build_users() -> int:
    """The demo users. They share one password, hashed once: hashing is slow on purpose, ten times adds seconds."""
    created, hashed = 0, ""
    for username, first, last, position, assignments in USERS:
        user, was_created = create_or_update_user(username, assignments=assignments, first_name=first, last_name=last)
        if was_created:
            hashed = hashed or make_password(DEMO_PASSWORD)
            user.password = hashed
            user.save(update_fields=["password"])
        if user.position != position or (username == "admin" and not user.is_superuser):
            user.position = position
            user.is_staff = user.is_superuser = username == "admin"
            user.save(update_fields=["position", "is_staff", "is_superuser"])
        created += was_created
    return created


def demo_villages() -> list[Area]:
    """The villages (หมู่ที่ 1…n, unsaved) the demo gives every tambon of the demo districts, with seeded names."""
    rng = random.Random(SEED)
    tambons = Area.objects.filter(level=AreaLevel.SUBDISTRICT, parent_id__in=DEMO_DISTRICTS).order_by("code")
    wanted: list[Area] = []
    for tambon in tambons:
        for no in range(1, rng.randint(6, 14) + 1):
            wanted.append(
                Area(
                    code=f"{tambon.code}{no:02d}",
                    level=AreaLevel.VILLAGE,
                    parent=tambon,
                    name_th=f"บ้าน{rng.choice(VILLAGE_NAMES)}",
                    source=AreaSource.IMPORT,
                )
            )
    return wanted


def build_villages() -> int:
    wanted = demo_villages()
    existing = set(Area.objects.filter(code__in=[v.code for v in wanted]).values_list("code", flat=True))
    new = [v for v in wanted if v.code not in existing]
    Area.objects.bulk_create(new, batch_size=1000)
    return len(new)


# --- The plan: households, members, stories and their workflow ------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One move of a story along the workflow: a status change, an agency assignment or an action."""

    kind: str  # "status" | "assign" | "action"
    at: dt.datetime
    status: str = ""
    note: str = ""  # "{agency}" in it stands for the agency's Thai name
    agency: str = ""  # agency code
    description: str = ""
    dimension: str = ""
    cost: Decimal | None = None


@dataclass(frozen=True)
class PlannedStory:
    ref: str
    category: int
    indicators: tuple[int, ...]
    description: str
    reported_at: dt.datetime
    status: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class PlannedHousehold:
    district: str
    village_code: str
    house_code: str
    house_no: str
    latitude: Decimal | None
    longitude: Decimal | None
    members: tuple[MemberData, ...]  # the head first
    stories: tuple[PlannedStory, ...]

    @property
    def head_name(self) -> str:
        return self.members[0].full_name


@dataclass
class _Person:
    relation: str  # head, spouse, child, grandchild, parent
    sex: str
    age: int
    bedridden: bool = False
    disabled: bool = False
    chronic_illness: bool = False
    no_id: bool = False


def _weighted(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def plan_households(today: dt.date) -> list[PlannedHousehold]:
    """Every demo household with its members and stories: a pure function of SEED, the demo villages and ``today``
    (only the dates depend on it: the last step of any story happens yesterday at the latest)."""
    anchor = today - dt.timedelta(days=1)
    villages: dict[str, list[str]] = defaultdict(list)
    for village in demo_villages():
        villages[village.code[:4]].append(village.code)
    seen_ids: set[str] = set()
    planned: list[PlannedHousehold] = []
    for district in DEMO_DISTRICTS:
        codes = villages.get(district)
        if not codes:
            continue
        rng = random.Random(f"{SEED}:{district}")
        targets = sorted(rng.sample(codes, k=max(1, len(codes) // 3)))  # the villages the district works in
        per_village = Counter(rng.choice(targets) for _ in range(rng.randint(*HOUSEHOLDS_PER_DISTRICT)))
        story_no = 0
        for village_code in targets:
            house_numbers: set[str] = set()
            for seq in range(1, per_village[village_code] + 1):
                house_code = f"{village_code}{seq:03d}"
                h_rng = random.Random(f"{SEED}:{house_code}")
                problems = _pick_problems(h_rng)
                members = _plan_members(h_rng, district, {t.needs for _c, t in problems if t.needs}, anchor, seen_ids)
                stories = []
                for category, template in problems:
                    story_no += 1
                    stories.append(_plan_story(h_rng, f"{REF_PREFIX}{district}-{story_no}", category, template, anchor))
                latitude, longitude = _location(h_rng, district, village_code)
                planned.append(
                    PlannedHousehold(
                        district=district,
                        village_code=village_code,
                        house_code=house_code,
                        house_no=_house_no(h_rng, house_numbers),
                        latitude=latitude,
                        longitude=longitude,
                        members=members,
                        stories=tuple(stories),
                    )
                )
    return planned


def _pick_problems(rng: random.Random) -> list[tuple[int, StoryTemplate]]:
    """1–3 stories of different categories, in the ministry's proportions."""
    count = _weighted(rng, STORIES_PER_HOUSEHOLD_WEIGHTS)
    categories: list[int] = []
    while len(categories) < count:
        category = _weighted(rng, CATEGORY_WEIGHTS)
        if category not in categories:
            categories.append(category)
    return [(category, rng.choice(STORY_TEMPLATES[category])) for category in categories]


def _plan_members(
    rng: random.Random, district: str, needs: set[str], anchor: dt.date, seen_ids: set[str]
) -> tuple[MemberData, ...]:
    """A plausible family: head, often a spouse, children or grandchildren, sometimes an old parent. ``needs`` are
    members the stories speak of (an elderly or bedridden person, a child, someone without an ID card …)."""
    size = _weighted(rng, HOUSEHOLD_SIZE_WEIGHTS)
    head_age = rng.randint(62, 86) if needs & {"elderly", "bedridden"} else int(rng.triangular(24, 86, 55))
    head_sex = Sex.MALE if rng.random() < 0.6 else Sex.FEMALE
    people = [_Person("head", head_sex, head_age)]
    if size >= 2 and rng.random() < 0.75:
        other = Sex.FEMALE if head_sex == Sex.MALE else Sex.MALE
        people.append(_Person("spouse", other, max(20, head_age + rng.randint(-7, 4))))
    while len(people) < size:
        people.append(_relative(rng, head_age, people))
    _meet_needs(rng, people, needs)
    for person in people:
        person.bedridden |= person.age >= 70 and rng.random() < 0.05
        person.disabled |= rng.random() < 0.03
        person.chronic_illness |= person.age >= 45 and rng.random() < 0.2
    muslim = rng.random() < MUSLIM_NAME_SHARE.get(district, 0.0)
    family = _Family(
        muslim, rng.choice(MUSLIM_SURNAMES if muslim else SURNAMES), any(p.relation == "spouse" for p in people), set()
    )
    return tuple(_member(rng, person, family, district, anchor, seen_ids) for person in people)


def _relative(rng: random.Random, head_age: int, people: list[_Person]) -> _Person:
    kinds = {"child": 60, "grandchild": 30 if head_age >= 48 else 0}
    if head_age <= 62 and sum(p.relation == "parent" for p in people) < 2:
        kinds["parent"] = 15
    kind = _weighted(rng, kinds)
    sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
    if kind == "child":
        age = max(0, head_age - rng.randint(20, 38))
    elif kind == "grandchild":
        age = rng.randint(0, 17)
    else:
        age = min(96, head_age + rng.randint(20, 30))
    return _Person(kind, sex, age)


def _meet_needs(rng: random.Random, people: list[_Person], needs: set[str]) -> None:
    if "child" in needs and not any(p.age < 15 for p in people):
        if len(people) < 6:
            people.append(
                _Person(
                    "grandchild" if people[0].age >= 48 else "child",
                    rng.choice([Sex.MALE, Sex.FEMALE]),
                    rng.randint(4, 14),
                )
            )
        else:
            people[-1].age, people[-1].relation = rng.randint(4, 14), "grandchild"
    if "bedridden" in needs:
        eldest = max(people, key=lambda p: p.age)
        eldest.bedridden, eldest.chronic_illness = True, eldest.chronic_illness or rng.random() < 0.6
    if "disabled" in needs:
        rng.choice([p for p in people if p.age >= 5] or people).disabled = True
    if "chronic_illness" in needs:
        rng.choice([p for p in people if p.age >= 40] or people).chronic_illness = True
    if "no_id" in needs:
        rng.choice(people[1:] or people).no_id = True


@dataclass
class _Family:
    muslim: bool
    surname: str
    has_spouse: bool
    given: set[str]


def _member(
    rng: random.Random, person: _Person, family: _Family, district: str, anchor: dt.date, seen_ids: set[str]
) -> MemberData:
    surname = family.surname
    if (person.relation == "spouse" and rng.random() < 0.25) or (person.relation == "parent" and rng.random() < 0.3):
        surname = rng.choice(MUSLIM_SURNAMES if family.muslim else SURNAMES)  # kept their own family name
    male = person.sex == Sex.MALE
    if family.muslim:
        pool = MUSLIM_MALE_NAMES if male else MUSLIM_FEMALE_NAMES
    elif person.age >= 45:
        pool = MALE_NAMES_OLDER if male else FEMALE_NAMES_OLDER
    else:
        pool = MALE_NAMES_YOUNGER if male else FEMALE_NAMES_YOUNGER
    given = rng.choice(pool)
    while given in family.given:
        given = rng.choice(pool)
    family.given.add(given)
    if person.age < 15:
        title = "เด็กชาย" if male else "เด็กหญิง"
    elif male:
        title = "นาย"
    elif (person.relation in ("head", "spouse") and family.has_spouse) or person.relation == "parent":
        title = "นาง"
    else:
        title = "นาง" if person.age >= 40 and rng.random() < 0.6 else "นางสาว"
    born = dt.date(anchor.year - person.age, anchor.month, min(anchor.day, 28)) - dt.timedelta(days=rng.randint(0, 364))
    age = _age(born, anchor + dt.timedelta(days=1))
    citizen_id = ""
    if not person.no_id and rng.random() < CITIZEN_ID_SHARE:
        first = "1" if born.year >= 1984 else "3"  # registered at birth (since 1984) or in the 1984 census
        while not citizen_id or citizen_id in seen_ids:
            body = f"{first}{district}{rng.randrange(10**7):07d}"
            citizen_id = f"{body}{check_digit(body)}"
        seen_ids.add(citizen_id)
    flags = {
        "bedridden": person.bedridden,
        "disabled": person.disabled,
        "elderly": age >= 60,
        "chronic_illness": person.chronic_illness,
        "child": age < 15,
    }
    return MemberData(
        full_name=f"{title}{given} {surname}",
        sex=person.sex,
        birth_date=born,
        is_head=person.relation == "head",
        citizen_id=citizen_id,
        flags={flag: True for flag, on in flags.items() if on},
    )


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _location(rng: random.Random, district: str, village_code: str) -> tuple[Decimal | None, Decimal | None]:
    """A point a few hundred metres from its village, the village a few km from the district's centre."""
    centre = DISTRICT_CENTRES.get(district)
    if centre is None:
        return None, None
    village = random.Random(f"{SEED}:{village_code}")
    latitude = centre[0] + village.uniform(-0.05, 0.05) + rng.uniform(-0.004, 0.004)
    longitude = centre[1] + village.uniform(-0.05, 0.05) + rng.uniform(-0.004, 0.004)
    return Decimal(f"{latitude:.6f}"), Decimal(f"{longitude:.6f}")


def _house_no(rng: random.Random, taken: set[str]) -> str:
    while True:
        number = rng.randint(1, 180)
        house_no = str(number) if rng.random() < 0.7 else f"{number}/{rng.randint(1, 9)}"
        if house_no not in taken:
            taken.add(house_no)
            return house_no


def _plan_story(rng: random.Random, ref: str, category: int, template: StoryTemplate, anchor: dt.date) -> PlannedStory:
    status = _weighted(rng, STATUS_WEIGHTS)
    age = rng.randint(*STATUS_AGE_DAYS[status])
    reported_on = anchor - dt.timedelta(days=age)
    reported_at = _moment(reported_on, rng.randint(8 * 60 + 30, 11 * 60 + 50))
    indicators = () if rng.random() < 0.15 else template.indicators
    return PlannedStory(
        ref=ref,
        category=category,
        indicators=indicators,
        description=template.description,
        reported_at=reported_at,
        status=status,
        steps=_plan_workflow(rng, status, template, reported_on, age),
    )


def _plan_workflow(
    rng: random.Random, status: str, template: StoryTemplate, reported_on: dt.date, age: int
) -> tuple[Step, ...]:
    """The moves that bring a new story to ``status``, each with a gap in days after the previous one; the gaps
    shrink to fit when the story is younger than they add up to."""
    immediate_agency, immediate_text, immediate_low, immediate_high = template.immediate
    lasting_agency, lasting_text, lasting_low, lasting_high = template.sustainable
    moves: list[tuple[tuple[int, int], dict[str, Any]]] = []

    def then(gap: tuple[int, int], **fields: Any) -> None:
        moves.append((gap, fields))

    if status == StoryStatus.NEW:
        return ()
    if status == StoryStatus.VERIFIED or rng.random() < (0.5 if status == StoryStatus.REJECTED else 0.7):
        then((0, 4), kind="status", status=StoryStatus.VERIFIED, note=rng.choice(VERIFY_NOTES))
    if status == StoryStatus.REJECTED:
        then((1, 10), kind="status", status=StoryStatus.REJECTED, note=rng.choice(REJECT_REASONS))
    elif status == StoryStatus.REFERRED:
        then((1, 7), kind="assign", agency=lasting_agency)
        then((0, 0), kind="status", status=StoryStatus.REFERRED, agency=lasting_agency, note=rng.choice(REFER_NOTES))
    elif status != StoryStatus.VERIFIED:  # in progress, resolved, closed
        done = status in (StoryStatus.RESOLVED, StoryStatus.CLOSED)
        lasting = status == StoryStatus.CLOSED or (done and rng.random() < 0.85)
        then((1, 7), kind="status", status=StoryStatus.IN_PROGRESS)
        then((0, 0), kind="assign", agency=immediate_agency)
        if lasting_agency != immediate_agency and (lasting or (not done and rng.random() < 0.5)):
            then((0, 0), kind="assign", agency=lasting_agency)
        then(
            (0, 5),
            kind="action",
            agency=immediate_agency,
            description=immediate_text,
            dimension=Dimension.IMMEDIATE,
            cost=_cost(rng, immediate_low, immediate_high),
        )
        if lasting:
            then(
                (7, 60),
                kind="action",
                agency=lasting_agency,
                description=lasting_text,
                dimension=Dimension.SUSTAINABLE,
                cost=_cost(rng, lasting_low, lasting_high),
            )
        if done:
            then((0, 4), kind="status", status=StoryStatus.RESOLVED, note=rng.choice(RESOLVE_NOTES))
        if status == StoryStatus.CLOSED:
            then((5, 30), kind="status", status=StoryStatus.CLOSED, note=rng.choice(CLOSE_NOTES))
    days, total = [], 0
    for low, high in (gap for gap, _fields in moves):
        total += rng.randint(low, high)
        days.append(total)
    if total > age:
        days = [day * age // total for day in days]
    return tuple(
        Step(at=_moment(reported_on + dt.timedelta(days=day), 13 * 60 + 20 * i + rng.randint(0, 15)), **fields)
        for i, (day, (_gap, fields)) in enumerate(zip(days, moves, strict=True))
    )


def _cost(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low // 100, high // 100) * 100)


def _moment(day: dt.date, minutes: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))


# --- Creating what the plan holds and the database lacks ------------------------------------------------------


class _Cast:
    """Who does what in the demo: field workers record stories in their tambon, the district team (or chief, or the
    ministry admin where a district has neither) registers households and moves stories along, agency staff record
    their own agency's help."""

    def __init__(self) -> None:
        users = {u.username: u for u in User.objects.filter(username__in=[row[0] for row in USERS])}
        if "admin" not in users:
            raise RuntimeError("The demo users are missing: build_users() first")
        self.admin = users["admin"]
        self.grants = [
            (role, area or "", agency[0] if agency else "", users[username])
            for username, _first, _last, _position, assignments in USERS
            if username in users
            for role, area, *agency in assignments
        ]
        self._cache: dict[tuple[tuple[str, ...], str, str], User | None] = {}

    def _first(self, roles: tuple[str, ...], code: str, agency: str = "") -> User | None:
        key = (roles, code, agency)
        if key not in self._cache:
            found = [
                u
                for role in roles
                for r, area, ag, u in self.grants
                if r == role and area and code.startswith(area) and ag == agency
            ]
            self._cache[key] = found[0] if found else None
        return self._cache[key]

    def manager(self, village: str) -> User:
        return self._first(("district_team", "district_chief"), village) or self.admin

    def recorder(self, village: str) -> User:
        return self._first(("field_worker",), village) or self.manager(village)

    def helper(self, village: str, agency: str) -> User:
        return self._first(("agency_staff",), village, agency) or self.manager(village)


def build_households(today: dt.date | None = None) -> tuple[int, int]:
    """Create the planned households and stories that are not there yet. Returns (households, stories) created."""
    plan = plan_households(today or timezone.localdate())
    if not plan:
        return 0, 0
    cast = _Cast()
    existing = {h.house_code: h for h in Household.objects.filter(house_code__in=[p.house_code for p in plan])}
    existing_refs = set(Story.objects.filter(ref__startswith=REF_PREFIX).values_list("ref", flat=True))
    categories = {c.pk: c for c in Category.objects.all()}
    indicators = {i.pk: i for i in Indicator.objects.all()}
    agencies = {a.code: a for a in Agency.objects.all()}
    stamps = _Stamps()
    households = stories = 0
    for planned in plan:
        village = planned.village_code
        household = existing.get(planned.house_code)
        if household is None:
            household = register_household(
                actor=cast.manager(village),
                village_code=village,
                house_code=planned.house_code,
                head_name=planned.head_name,
                house_no=planned.house_no,
                member_count=len(planned.members),
                latitude=planned.latitude,
                longitude=planned.longitude,
                members=list(planned.members),
            )
            households += 1
            stamps.households[household.pk] = min(s.reported_at for s in planned.stories) - dt.timedelta(minutes=15)
        if household.merged_into_id:  # someone merged the demo household away: its stories live elsewhere now
            continue
        for plan_story in planned.stories:
            if plan_story.ref in existing_refs:
                continue
            story = record_story(
                household,
                actor=cast.recorder(village),
                category=categories[plan_story.category],
                indicators=[indicators[n] for n in plan_story.indicators if n in indicators],
                description=plan_story.description,
                reported_at=plan_story.reported_at,
                ref=plan_story.ref,
            )
            stories += 1
            stamps.stories[story.pk] = plan_story.reported_at
            for step in plan_story.steps:
                _take(step, story, village, cast, agencies, stamps)
    stamps.apply()
    return households, stories


def _take(step: Step, story: Story, village: str, cast: _Cast, agencies: dict[str, Agency], stamps: _Stamps) -> None:
    agency = agencies.get(step.agency) if step.agency else None
    if step.kind == "status":
        note = step.note.format(agency=agency.name_th if agency else step.agency)
        change_status(story, step.status, actor=cast.manager(village), note=note, at=step.at)
    elif step.kind == "assign":
        if agency is not None:
            assignment = assign_agency(story, agency, actor=cast.manager(village))
            assignment.assigned_at = step.at
            stamps.assignments.append(assignment)
    else:
        actor = cast.helper(village, agency.code) if agency else cast.manager(village)
        action = record_action(
            story,
            actor=actor,
            done_on=timezone.localtime(step.at).date(),
            description=step.description,
            dimension=step.dimension,
            agency=agency,
            cost=step.cost,
        )
        action.created_at = step.at
        stamps.actions.append(action)


class _Stamps:
    """When things happened in the plan. The services stamp "now" on what they create; this moves it back."""

    def __init__(self) -> None:
        self.households: dict[int, dt.datetime] = {}
        self.stories: dict[int, dt.datetime] = {}
        self.assignments: list[Assignment] = []
        self.actions: list[Action] = []

    def apply(self) -> None:
        _restamp(Household, "created_at", self.households)
        _restamp(Member, "created_at", self.households, by="household")
        _restamp(HouseholdEvent, "at", self.households, by="household")  # a new household has one event: created
        _restamp(Story, "created_at", self.stories)
        _restamp(StoryEvent, "at", self.stories, by="story", kind=StoryEventKind.CREATED)
        _restamp(Assignment, "assigned_at", {a.pk: a.assigned_at for a in self.assignments})
        _restamp(Action, "created_at", {a.pk: a.created_at for a in self.actions})
        assigned = {(a.story_id, a.agency.code): a.assigned_at for a in self.assignments}
        acted = {a.pk: a.created_at for a in self.actions}
        events: dict[int, dt.datetime] = {}
        for ids in _chunks(list(self.stories)):
            rows = StoryEvent.objects.filter(
                story_id__in=ids, kind__in=[StoryEventKind.ASSIGNED, StoryEventKind.ACTION]
            ).values_list("id", "story_id", "kind", "data")
            for pk, story_id, kind, data in rows:
                if kind == StoryEventKind.ASSIGNED:
                    at = assigned.get((story_id, data.get("agency")))
                else:
                    at = acted.get(data.get("action"))
                if at is not None:
                    events[pk] = at
        _restamp(StoryEvent, "at", events)


def _restamp(model: type[models.Model], field: str, values: dict[int, dt.datetime], by: str = "id",
             kind: str = "") -> None:  # fmt: skip
    """Set ``field`` to ``values[key]`` on the rows whose ``by`` column is ``key`` (and of ``kind``, if given):
    one prepared UPDATE run for all keys, much faster than ``bulk_update``'s CASE for a few thousand rows."""
    if not values:
        return
    meta, quote = model._meta, connection.ops.quote_name
    column = meta.get_field(field)
    # Only names from the model's own metadata, quoted, go into the statement; the values are parameters.
    sql = f"UPDATE {quote(meta.db_table)} SET {quote(column.column)} = %s WHERE {quote(meta.get_field(by).column)} = %s"  # noqa: S608
    if kind:
        sql += f" AND {quote(meta.get_field('kind').column)} = %s"
    params = [(column.get_db_prep_value(at, connection), key, *([kind] if kind else [])) for key, at in values.items()]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _chunks(items: list[int], size: int = 500) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@transaction.atomic
def build_all() -> dict[str, int]:
    if not Area.objects.filter(code__in=DEMO_DISTRICTS).exists():
        raise RuntimeError("Load the reference data first: python manage.py load_reference")
    users, villages = build_users(), build_villages()
    households, stories = build_households()
    return {"users": users, "villages": villages, "households": households, "stories": stories}
