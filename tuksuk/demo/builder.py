"""Building the demo dataset. Every step is idempotent: running `seed_demo` again adds nothing twice.

Households and their stories are first *planned*, deterministically: each district from its own seeded generator,
each household from one seeded by its house code, so the plan never depends on what the database already holds.
Then whatever is missing (by house code, by story ref ``DEMO-<district>-<n>``) is created through the same services
the pages use: ``register_household``, ``record_story``, ``change_status``, ``assign_agency``, ``record_action``.
Dates count back from yesterday, so the demo always looks current and nothing lies in the future; the timestamps
the services set to "now" (recorded, assigned, action entered) are then moved back to when the plan says it happened,
so every timeline reads in order.

The districts' development projects (บำรุงสุข) of fiscal year 2565 are written out in ``DEMO_PROJECTS``; the projects
(ref ``DEMO-P-<district>-<n>``) and activities (``DEMO-A-<district>-<n>-<k>``) that are missing are created through
the project services (``create_project``, ``add_activity``, ``set_budget``, ``set_kpi``, ``update_activity``,
``report_progress``, ``set_beneficiaries``), in the order things happen, and their timestamps moved back likewise.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
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
from tuksuk.projects.choices import ActivityStatus
from tuksuk.projects.models import Activity, Kpi, ProgressUpdate, Project, ProjectEvent
from tuksuk.projects.services import (
    add_activity,
    create_project,
    report_progress,
    set_beneficiaries,
    set_budget,
    set_kpi,
    update_activity,
)

from .data import (
    CATEGORY_WEIGHTS,
    CITIZEN_ID_SHARE,
    CLOSE_NOTES,
    DEMO_DISTRICTS,
    DEMO_PASSWORD,
    DEMO_PROJECTS,
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
    ActivityPlan,
    ProjectPlan,
    ReportPlan,
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
    rng = random.Random(SEED)  # nosec B311
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
        rng = random.Random(f"{SEED}:{district}")  # nosec B311
        targets = sorted(rng.sample(codes, k=max(1, len(codes) // 3)))  # the villages the district works in
        per_village = Counter(rng.choice(targets) for _ in range(rng.randint(*HOUSEHOLDS_PER_DISTRICT)))
        story_no = 0
        for village_code in targets:
            house_numbers: set[str] = set()
            for seq in range(1, per_village[village_code] + 1):
                house_code = f"{village_code}{seq:03d}"
                h_rng = random.Random(f"{SEED}:{house_code}")  # nosec B311
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
    village = random.Random(f"{SEED}:{village_code}")  # nosec B311
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


def build_households(today: dt.date | None = None, plan: list[PlannedHousehold] | None = None) -> tuple[int, int]:
    """Create the planned households and stories that are not there yet. Returns (households, stories) created."""
    if plan is None:
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
    sql = f"UPDATE {quote(meta.db_table)} SET {quote(column.column)} = %s WHERE {quote(meta.get_field(by).column)} = %s"  # noqa: S608  # nosec B608
    if kind:
        sql += f" AND {quote(meta.get_field('kind').column)} = %s"
    params = [(column.get_db_prep_value(at, connection), key, *([kind] if kind else [])) for key, at in values.items()]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _chunks(items: list[int], size: int = 500) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# --- Projects and activities (บำรุงสุข) --------------------------------------------------------------------------

PROJECT_REF = REF_PREFIX + "P-{district}-{n}"
ACTIVITY_REF = REF_PREFIX + "A-{district}-{n}-{k}"


def project_refs() -> dict[str, tuple[str, ...]]:
    """Every demo project's ref with the refs of its activities."""
    return {
        PROJECT_REF.format(district=district, n=n): tuple(
            ACTIVITY_REF.format(district=district, n=n, k=k) for k in range(1, len(project.activities) + 1)
        )
        for district, projects in DEMO_PROJECTS.items()
        for n, project in enumerate(projects, 1)
    }


def activity_places(plan: list[PlannedHousehold]) -> dict[str, str]:
    """Where each tambon's activities run: its village with the most demo households (the tambon itself if none)."""
    per_village = Counter(h.village_code for h in plan)
    places = {}
    for tambon in sorted({a.tambon for projects in DEMO_PROJECTS.values() for p in projects for a in p.activities}):
        villages = [(-n, code) for code, n in per_village.items() if code.startswith(tambon)]
        places[tambon] = min(villages)[1] if villages else tambon
    return places


def activity_reach(
    plan: list[PlannedHousehold], project_ref: str, activity: ActivityPlan, place: str, district: str
) -> list[str]:
    """The house codes of the registry households an activity reaches, as many as its progress says: those of its
    tambon, or, when ``reach`` names story categories, the district's households with such a story, nearest first.
    Shuffled by the project's ref, so the activities of one project reach the same households."""
    if activity.status not in (ActivityStatus.IN_PROGRESS, ActivityStatus.DONE) or not activity.target_households:
        return []
    if activity.reach:
        wanted = set(activity.reach)
        found = [h for h in plan if h.district == district and any(s.category in wanted for s in h.stories)]
    else:
        found = [h for h in plan if h.village_code.startswith(activity.tambon)]
    codes = sorted(h.house_code for h in found)
    random.Random(f"{SEED}:{project_ref}").shuffle(codes)  # nosec B311
    codes.sort(key=lambda code: (not code.startswith(place), not code.startswith(activity.tambon)))
    share = 100 if activity.status == ActivityStatus.DONE else activity.percent
    return codes[: min(len(codes), max(1, activity.target_households * share // 100))]


@dataclass
class _ActivityWork:
    """One activity to create, and the moves that bring it to where the plan says it stands."""

    project: Project
    ref: str
    plan: ActivityPlan
    added_at: dt.datetime
    manager: User
    reporters: dict[str, User]  # agency code -> the user who files that agency's reports
    agencies: list[Agency]
    place: Area | None
    place_label: str
    households: list[int]
    stamps: _ProjectStamps
    activity: Activity | None = None
    kpis: list[Kpi] = field(default_factory=list)

    def moves(self) -> list[tuple[dt.datetime, Callable[[], None]]]:
        plan = self.plan
        moves: list[tuple[dt.datetime, Callable[[], None]]] = [(self.added_at, self.add)]
        if plan.status == ActivityStatus.PLANNED:
            return moves
        moves.append((_moment(plan.start, 8 * 60 + 30), self.start))
        for i, report in enumerate(plan.reports):
            at = _moment(report.when, 15 * 60 + i)
            moves.append((at, partial(self.report, report, at)))
        last = (
            plan.end if plan.status == ActivityStatus.DONE else max((r.when for r in plan.reports), default=plan.start)
        )
        moves.append((_moment(last, 16 * 60 + 30), self.finish))
        return moves

    def _budget(self, spent: bool) -> list[dict[str, str]]:
        return [
            {"source": b.source, "planned": b.planned, "spent": b.spent if spent else "0.00", "source_detail": b.detail}
            for b in self.plan.budget
        ]

    def add(self) -> None:
        plan = self.plan
        self.activity = add_activity(
            self.project,
            actor=self.manager,
            agencies=self.agencies,
            ref=self.ref,
            title=plan.title,
            value_chain=plan.value_chain,
            partner_networks=list(plan.networks),
            place=self.place,
            start_on=plan.start,
            end_on=plan.end,
            status=ActivityStatus.PLANNED,
            percent_complete=0,
            target_households=plan.target_households,
        )
        self.stamps.activities[self.activity.pk] = self.added_at
        set_budget(self.activity, self._budget(spent=False), actor=self.manager)
        self.kpis = [
            set_kpi(self.activity, actor=self.manager, name=k.name, unit=k.unit, target=Decimal(k.target))
            for k in plan.kpis
        ]

    def start(self) -> None:
        assert self.activity is not None  # nosec B101
        update_activity(self.activity, actor=self.manager, status=ActivityStatus.IN_PROGRESS)

    def report(self, report: ReportPlan, at: dt.datetime) -> None:
        assert self.activity is not None  # nosec B101
        update = report_progress(
            self.activity,
            actor=self.reporters.get(report.by, self.manager),
            who=report.who,
            what=report.what,
            where=report.where.format(place=self.place_label),
            when=report.when,
            why=report.why,
            how=report.how,
            percent_complete=report.percent,
        )
        self.stamps.updates[update.pk] = at

    def finish(self) -> None:
        activity, plan = self.activity, self.plan
        assert activity is not None  # nosec B101
        set_budget(activity, self._budget(spent=True), actor=self.manager)
        for kpi, k in zip(self.kpis, plan.kpis, strict=True):
            if k.actual is not None:
                set_kpi(
                    activity,
                    actor=self.manager,
                    kpi=kpi,
                    name=k.name,
                    unit=k.unit,
                    target=Decimal(k.target),
                    actual=Decimal(k.actual),
                )
        if self.households:
            set_beneficiaries(activity, self.households, actor=self.manager)
        if plan.status == ActivityStatus.DONE:
            update_activity(
                activity,
                actor=self.manager,
                status=ActivityStatus.DONE,
                percent_complete=100,
                reached_households=plan.target_households,
            )
        else:
            update_activity(activity, actor=self.manager, percent_complete=plan.percent)


class _ProjectStamps:
    """When the project writes happened in the plan (the services stamp "now")."""

    def __init__(self) -> None:
        self.projects: dict[int, dt.datetime] = {}
        self.activities: dict[int, dt.datetime] = {}
        self.updates: dict[int, dt.datetime] = {}
        self.events: dict[int, dt.datetime] = {}

    def apply(self) -> None:
        _restamp(Project, "created_at", self.projects)
        _restamp(Activity, "created_at", self.activities)
        _restamp(ProgressUpdate, "created_at", self.updates)
        _restamp(ProjectEvent, "at", self.events)


def build_projects(plan: list[PlannedHousehold] | None = None) -> tuple[int, int]:
    """Create the demo projects and activities that are not there yet. Returns (projects, activities) created."""
    if plan is None:
        plan = plan_households(timezone.localdate())
    refs = project_refs()
    districts = set(
        Area.objects.filter(code__in=list(DEMO_PROJECTS), level=AreaLevel.DISTRICT).values_list("code", flat=True)
    )
    existing = {p.ref: p for p in Project.objects.filter(ref__in=list(refs))}
    done = set(Activity.objects.filter(ref__in=[r for rs in refs.values() for r in rs]).values_list("ref", flat=True))
    if all(ref in existing for ref in refs) and all(r in done for rs in refs.values() for r in rs):
        return 0, 0
    cast = _Cast()
    places = activity_places(plan)
    areas = {
        a.code: a
        for a in Area.objects.filter(
            code__in={*places.values(), *(code[:6] for code in places.values()), *DEMO_PROJECTS}
        )
    }
    agencies = {a.code: a for a in Agency.objects.all()}
    active = dict(
        Household.objects.filter(house_code__in=[h.house_code for h in plan], merged_into__isnull=True).values_list(
            "house_code", "pk"
        )
    )
    stamps = _ProjectStamps()
    projects = activities = 0
    for district, planned in DEMO_PROJECTS.items():
        if district not in districts:
            continue
        manager = cast.manager(district)
        reporters = {code: cast.helper(district, code) for code in agencies}
        for n, project_plan in enumerate(planned, 1):
            ref = PROJECT_REF.format(district=district, n=n)
            missing = [k for k, activity_ref in enumerate(refs[ref], 1) if activity_ref not in done]
            project = existing.get(ref)
            if project is not None and not missing:
                continue
            created_at = _moment(project_plan.start - dt.timedelta(days=21), 10 * 60)
            if project is None:
                project = _create_project(project_plan, district, ref, manager)
                stamps.projects[project.pk] = created_at
                projects += 1
                events = _EventClock(project, 0)
                events.tick(created_at, stamps)
            else:
                events = _EventClock(project)
            moves: list[tuple[dt.datetime, Callable[[], None]]] = []
            for k in missing:
                activity_plan = project_plan.activities[k - 1]
                place = places[activity_plan.tambon]
                work = _ActivityWork(
                    project=project,
                    ref=ACTIVITY_REF.format(district=district, n=n, k=k),
                    plan=activity_plan,
                    added_at=created_at + dt.timedelta(minutes=5 * k),
                    manager=manager,
                    reporters=reporters,
                    agencies=[agencies[code] for code in activity_plan.agencies if code in agencies],
                    place=areas.get(place),
                    place_label=_place_label(place, areas),
                    households=[
                        active[code]
                        for code in activity_reach(plan, ref, activity_plan, place, district)
                        if code in active
                    ],
                    stamps=stamps,
                )
                moves.extend(work.moves())
                activities += 1
            for at, move in sorted(moves, key=lambda m: m[0]):  # stable: same moment, planned order
                move()
                events.tick(at, stamps)
    stamps.apply()
    return projects, activities


class _EventClock:
    """Dates the project's events as they are written: each new event gets the moment of the move that wrote it."""

    def __init__(self, project: Project, last: int | None = None) -> None:
        self.project = project
        if last is None:
            last = ProjectEvent.objects.filter(project=project).aggregate(m=models.Max("pk"))["m"] or 0
        self.last = last

    def tick(self, at: dt.datetime, stamps: _ProjectStamps) -> None:
        new = ProjectEvent.objects.filter(project=self.project, pk__gt=self.last).values_list("pk", flat=True)
        for pk in new:
            stamps.events[pk] = at
            self.last = max(self.last, pk)


def _create_project(plan: ProjectPlan, district: str, ref: str, actor: User) -> Project:
    return create_project(
        actor=actor,
        district_code=district,
        ref=ref,
        sdg_goals=list(plan.sdgs),
        indicators=list(plan.indicators),
        title=plan.title,
        brief=plan.brief,
        category=plan.category,
        fiscal_year=2565,
        timeframe=plan.timeframe,
        start_on=plan.start,
        end_on=plan.end,
        one_plan_code=plan.one_plan_code,
        one_plan_level=plan.one_plan_level,
        upstream=plan.upstream,
        midstream=plan.midstream,
        downstream=plan.downstream,
        partner_networks=list(plan.networks),
    )


def _place_label(code: str, areas: dict[str, Area]) -> str:
    """ "บ้านหนองบัว หมู่ที่ 4 ตำบลสถาน อำเภอเชียงของ" (or from the tambon, if that is all there is)."""
    parts = []
    if len(code) == 8 and code in areas:
        parts.append(f"{areas[code].name_th} หมู่ที่ {int(code[6:])}")
    if code[:6] in areas:
        parts.append(f"ตำบล{areas[code[:6]].name_th}")
    if code[:4] in areas:
        parts.append(f"อำเภอ{areas[code[:4]].name_th}")
    return " ".join(parts)


@transaction.atomic
def build_all() -> dict[str, int]:
    if not Area.objects.filter(code__in=DEMO_DISTRICTS).exists():
        raise RuntimeError("Load the reference data first: python manage.py load_reference")
    users, villages = build_users(), build_villages()
    plan = plan_households(timezone.localdate())
    households, stories = build_households(plan=plan)
    projects, activities = build_projects(plan)
    from tuksuk.reports import tallies

    tallies.rebuild()  # the story dates were restamped in bulk, past the signals that keep the tallies
    return {
        "users": users,
        "villages": villages,
        "households": households,
        "stories": stories,
        "projects": projects,
        "activities": activities,
    }
