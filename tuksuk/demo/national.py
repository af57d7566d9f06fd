"""Synthetic benchmark data, written by COPY/bulk insert: none of it is in the change log.

A synthetic national dataset, for load and scale testing: ``python manage.py generate_national``.

Deterministic from the seed (and the reference data, and the anchor day the dates count back from): the same seed
gives the same villages, house codes, names, stories, statuses and dates. Only the encrypted citizen IDs differ
between runs (Fernet tokens carry a random IV); their keyed hashes do not.

What it makes:

* villages (หมู่ที่ 50–64, so they never meet real or demo villages, which are numbered from 1) in a sample of the
  loaded tambons: every province gets at least one tambon once there are enough households, the rest are drawn
  uniformly, so provinces get households in proportion to their number of tambons (a rough proxy for population);
  from about 1,000,000 households on, every tambon is used;
* households with 11-digit house codes (village code + a 3-digit sequence), 1–6 members with Thai (or, in the
  deep south, Malay-Muslim) names, birth dates and vulnerability flags; a share of the members get a citizen ID
  (built from the house code, so unique), hashed and encrypted as ``Member.set_citizen_id`` would;
* 1–3 stories per household (about 1.7 on average) in the ministry's category mix, with 0–3 ThaiQM indicators of
  the category, statuses spread like a running programme, ``due_on`` 30 days after the report, ``resolved_at`` for
  resolved and closed stories; one event per story (``imported`` or ``created``, with the status it came in with);
  agency assignments for some stories, immediate and sustainable actions for stories in progress and done;
* one ``district_team`` user (``team_<district code>``, unusable password) per district used, and a project (3–5
  activities with budget lines) for about every second district.

Story refs are ``NAT-<seed>-<n>``, project refs ``NAT-<seed>-P-<district>``, activity refs
``NAT-<seed>-A-<district>-<k>``. It streams: rows are generated and written ``batch`` households at a time (memory
stays flat whatever the number of households), with bulk inserts on SQLite and ``COPY`` on PostgreSQL, each batch
committed on its own (a failed run leaves the batches before it). On PostgreSQL, unless the caller holds a
transaction open, writer threads with their own connections copy one batch while the next is generated. Primary
keys of households and stories are assigned here (after the current maximum; nothing else may insert households or
stories meanwhile) so that related rows can refer to them; the sequences are reset at the end.

A second run with the same seed, or whose villages already have households (another seed drawing the same tambons),
is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import queue
import random
import threading
import time
from bisect import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Any, Protocol

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from tuksuk.accounts.models import RoleAssignment, User
from tuksuk.accounts.roles import Role
from tuksuk.agencies.models import Agency
from tuksuk.areas.choices import AreaLevel, AreaSource
from tuksuk.areas.models import Area
from tuksuk.cases.choices import Dimension, StoryEventKind, StorySource, StoryStatus
from tuksuk.cases.models import Action, Assignment, Story, StoryEvent
from tuksuk.core import crypto
from tuksuk.households.choices import HouseholdSource, Sex
from tuksuk.households.citizen_id import check_digit
from tuksuk.households.models import Household, Member
from tuksuk.indicators.models import Indicator
from tuksuk.projects.choices import ALL_NETWORKS, ActivityStatus, BudgetSource, ProjectEventKind, ValueChain
from tuksuk.projects.models import Activity, BudgetLine, Project, ProjectEvent

from .data import (
    CATEGORY_WEIGHTS,
    FEMALE_NAMES_OLDER,
    FEMALE_NAMES_YOUNGER,
    HOUSEHOLD_SIZE_WEIGHTS,
    MALE_NAMES_OLDER,
    MALE_NAMES_YOUNGER,
    MUSLIM_FEMALE_NAMES,
    MUSLIM_MALE_NAMES,
    MUSLIM_SURNAMES,
    STATUS_WEIGHTS,
    STORY_TEMPLATES,
    SURNAMES,
    VILLAGE_NAMES,
)

REF_PREFIX = "NAT-"
# Villages are numbered from here (real and demo villages count from 1 and rarely pass 40).
FIRST_VILLAGE_NO = 50
LAST_VILLAGE_NO = 99
VILLAGES_PER_TAMBON = (5, 15)
# About this many households per tambon decides how many tambons a run uses (7,436 tambons ≈ 1M households).
HOUSEHOLDS_PER_TAMBON = 130
# Villages are added when the mean would pass this (it keeps every village under 999 households).
MAX_MEAN_PER_VILLAGE = 600
MAX_PER_VILLAGE = 999
DEFAULT_BATCH = 5000
DEFAULT_CITIZEN_ID_SHARE = 0.25
DEFAULT_WORKERS = 2

STORIES_PER_HOUSEHOLD = {1: 50, 2: 30, 3: 20}  # 1.7 on average
INDICATORS_PER_STORY = {0: 15, 1: 45, 2: 28, 3: 12}
# A programme that has run for about a year: how long ago stories in each status were reported (days).
AGE_DAYS = {
    StoryStatus.NEW: (0, 30),
    StoryStatus.VERIFIED: (3, 60),
    StoryStatus.IN_PROGRESS: (10, 300),
    StoryStatus.REFERRED: (10, 300),
    StoryStatus.RESOLVED: (25, 330),
    StoryStatus.CLOSED: (45, 360),
    StoryStatus.REJECTED: (5, 200),
}
DUE_DAYS = 30
HOUSEHOLD_SOURCES = {HouseholdSource.THAIQM: 55, HouseholdSource.IMPORT: 30, HouseholdSource.FIELD: 15}
# Share of households with Malay-Muslim names, by province (the deep south and the Andaman coast); others 0.
MUSLIM_SHARE = {
    "94": 0.85,
    "95": 0.7,
    "96": 0.85,
    "91": 0.7,
    "90": 0.3,
    "81": 0.35,
    "82": 0.25,
    "83": 0.1,
    "92": 0.15,
    "93": 0.15,
    "80": 0.05,
    "10": 0.05,
}
VILLAGE_SUFFIXES = ["", "", "", "", "ใหม่", "เหนือ", "ใต้", "กลาง", "พัฒนา", "ทุ่ง"]
BKK = dt.timezone(dt.timedelta(hours=7))

PROJECT_TITLES = {
    1: [
        "โครงการส่งเสริมอาชีพและพัฒนาคุณภาพชีวิตครัวเรือนเปราะบาง อำเภอ{district}",
        "โครงการตลาดชุมชนสร้างงานสร้างรายได้ อำเภอ{district}",
    ],
    2: [
        "โครงการแก้ไขปัญหาความยากจนแบบบูรณาการ อำเภอ{district}",
        "โครงการบ้านท้องถิ่นไทย เทิดไท้องค์ราชัน ซ่อมสร้างบ้านผู้ยากไร้ อำเภอ{district}",
    ],
    3: [
        "โครงการบริหารจัดการน้ำเพื่ออุปโภคบริโภคและการเกษตร อำเภอ{district}",
        "โครงการโคก หนอง นา เพื่อความมั่นคงทางน้ำและอาหาร อำเภอ{district}",
    ],
    4: ["โครงการพัฒนาแหล่งท่องเที่ยวชุมชนและผลิตภัณฑ์ท้องถิ่น อำเภอ{district}"],
    5: [
        "โครงการจัดการขยะต้นทางในชุมชน อำเภอ{district}",
        "โครงการเตรียมความพร้อมรับมือภัยพิบัติในหมู่บ้าน อำเภอ{district}",
    ],
}
PROJECT_CATEGORIES = {1: 35, 2: 25, 3: 20, 4: 10, 5: 10}
ACTIVITY_TITLES = {
    ValueChain.UPSTREAM: [
        "ประชาคมหมู่บ้านและสำรวจข้อมูลครัวเรือนเป้าหมาย",
        "ประชุมวางแผนร่วมกับ 7 ภาคีเครือข่าย",
        "อบรมให้ความรู้แก่ครัวเรือนเป้าหมายและผู้นำชุมชน",
    ],
    ValueChain.MIDSTREAM: [
        "สนับสนุนวัสดุอุปกรณ์ พันธุ์พืชและพันธุ์สัตว์แก่ครัวเรือนเป้าหมาย",
        "ก่อสร้างและปรับปรุงโครงสร้างพื้นฐานในหมู่บ้าน",
        "ฝึกอบรมอาชีพและศึกษาดูงานกลุ่มอาชีพต้นแบบ",
        "ซ่อมแซมที่อยู่อาศัยโดยจิตอาสาและช่างชุมชน",
    ],
    ValueChain.DOWNSTREAM: [
        "ติดตามประเมินผลและขยายผลสู่หมู่บ้านอื่น",
        "จัดตั้งกลุ่มและกองทุนดูแลต่อเนื่อง",
        "จัดหาตลาดและช่องทางจำหน่ายผลผลิตของชุมชน",
    ],
}
BUDGET_SOURCES = [
    BudgetSource.DEPARTMENT,
    BudgetSource.PROVINCE,
    BudgetSource.PROVINCIAL_GROUP,
    BudgetSource.LOCAL_GOVERNMENT,
    BudgetSource.PRIVATE,
]

OLD_NEEDS = frozenset({"elderly", "bedridden"})
DONE = frozenset({StoryStatus.RESOLVED, StoryStatus.CLOSED})
WORKED_ON = frozenset({StoryStatus.IN_PROGRESS, StoryStatus.REFERRED, StoryStatus.RESOLVED, StoryStatus.CLOSED})


class NationalDataError(RuntimeError):
    pass


class _Writer(Protocol):
    def write(self, text: str) -> Any: ...


class _Weighted:
    """A fast weighted choice (one ``random()`` and a bisection)."""

    __slots__ = ("cumulative", "total", "values")

    def __init__(self, weights: Mapping[Any, float]) -> None:
        self.values = list(weights)
        self.cumulative = list(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


# --- The plan of villages: a pure function of the seed, the number of households and the tambons ----------------


@dataclass(frozen=True)
class VillagePlan:
    code: str
    name: str
    households: int

    @property
    def tambon(self) -> str:
        return self.code[:6]

    @property
    def district(self) -> str:
        return self.code[:4]


def plan_villages(households: int, seed: int, tambons: Sequence[str]) -> list[VillagePlan]:
    """The villages (in code order) and how many households each gets; their counts add up to ``households``."""
    if households < 1:
        return []
    tambons = sorted(set(tambons))
    if not tambons:
        raise NationalDataError("No tambons: load the reference data first (python manage.py load_reference)")
    rng = random.Random(f"tuksuk-national:{seed}:villages")  # nosec B311
    wanted = min(len(tambons), max(1, math.ceil(households / HOUSEHOLDS_PER_TAMBON)))
    by_province: dict[str, list[str]] = defaultdict(list)
    for code in tambons:
        by_province[code[:2]].append(code)
    if wanted >= len(by_province):  # every province first, then uniformly (so by number of tambons)
        chosen = {rng.choice(codes) for _province, codes in sorted(by_province.items())}
        rest = [code for code in tambons if code not in chosen]
        chosen.update(rng.sample(rest, wanted - len(chosen)))
    else:
        chosen = set(rng.sample(tambons, wanted))
    at_least = math.ceil(households / (len(chosen) * MAX_MEAN_PER_VILLAGE))
    if at_least > LAST_VILLAGE_NO - FIRST_VILLAGE_NO + 1:
        raise NationalDataError(f"Too many households for {len(chosen)} tambons: {households}")
    villages: list[tuple[str, str, float]] = []
    for tambon in sorted(chosen):
        for no in range(FIRST_VILLAGE_NO, FIRST_VILLAGE_NO + max(rng.randint(*VILLAGES_PER_TAMBON), at_least)):
            name = f"บ้าน{rng.choice(VILLAGE_NAMES)}{rng.choice(VILLAGE_SUFFIXES)}"
            villages.append((f"{tambon}{no:02d}", name, 0.4 + 1.2 * rng.random()))
    total = sum(weight for _code, _name, weight in villages)
    quotas = [households * weight / total for _code, _name, weight in villages]
    counts = [int(q) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (counts[i] - quotas[i], i))
    for i in by_remainder[: households - sum(counts)]:
        counts[i] += 1
    assert max(counts) <= MAX_PER_VILLAGE  # nosec B101
    return [VillagePlan(code, name, n) for (code, name, _w), n in zip(villages, counts, strict=True) if n]


# --- The rows ------------------------------------------------------------------------------------------------

# The columns written for each table (attnames); the order of the tuples the generator makes.
COLUMNS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "villages": (
        Area,
        ("code", "level", "parent_id", "name_th", "name_en", "is_active", "source", "updated_at"),
    ),
    "households": (
        Household,
        (
            "id",
            "house_code",
            "village_id",
            "house_no",
            "head_name",
            "member_count",
            "source",
            "created_at",
            "updated_at",
        ),
    ),
    "members": (
        Member,
        (
            "household_id",
            "village_code",
            "full_name",
            "sex",
            "birth_date",
            "is_head",
            "citizen_id_hash",
            "citizen_id_encrypted",
            "citizen_id_last3",
            "bedridden",
            "disabled",
            "elderly",
            "chronic_illness",
            "child",
            "created_at",
            "updated_at",
        ),
    ),
    "stories": (
        Story,
        (
            "id",
            "ref",
            "household_id",
            "area_id",
            "category_id",
            "description",
            "status",
            "reported_at",
            "due_on",
            "resolved_at",
            "source",
            "created_at",
            "updated_at",
        ),
    ),
    "story_indicators": (Story.indicators.through, ("story_id", "village_code", "indicator_id")),
    "events": (StoryEvent, ("story_id", "village_code", "kind", "from_status", "to_status", "note", "data", "at")),
    "assignments": (Assignment, ("story_id", "village_code", "agency_id", "assigned_at")),
    "actions": (
        Action,
        ("story_id", "village_code", "agency_id", "done_on", "description", "cost", "dimension", "created_at"),
    ),
}
# Written in this order (what refers to something comes after it).
TABLES = tuple(COLUMNS)


@dataclass(frozen=True)
class Reference:
    """What the generator needs from the reference tables."""

    indicators: dict[int, tuple[int, ...]]  # category → its indicator numbers
    agencies: dict[str, int]  # agency code → id


def load_reference() -> Reference:
    indicators: dict[int, list[int]] = defaultdict(list)
    for number, category in Indicator.objects.order_by("number").values_list("number", "category_id"):
        indicators[category].append(number)
    missing = set(CATEGORY_WEIGHTS) - set(indicators)
    if missing:
        raise NationalDataError("The ThaiQM indicators are missing: python manage.py load_reference")
    return Reference(
        indicators={category: tuple(numbers) for category, numbers in indicators.items()},
        agencies=dict(Agency.objects.values_list("code", "id")),
    )


class Rows:
    """Generates the rows of households, members, stories and their parts, village after village, into
    ``self.rows[table]`` (a list of tuples in ``COLUMNS`` order) for the caller to write and clear."""

    def __init__(
        self,
        seed: int,
        anchor: dt.date,
        reference: Reference,
        *,
        first_household_id: int = 1,
        first_story_id: int = 1,
        citizen_id_share: float = DEFAULT_CITIZEN_ID_SHARE,
        encrypt: bool = True,
    ) -> None:
        self.seed = seed
        self.reference = reference
        self.citizen_id_share = citizen_id_share
        self.encrypt = encrypt
        self.household_id = first_household_id
        self.story_id = first_story_id
        self.story_no = 0
        self.rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
        self.midnight = dt.datetime(anchor.year, anchor.month, anchor.day, tzinfo=BKK)
        self.anchor = anchor
        self.sizes = _Weighted(HOUSEHOLD_SIZE_WEIGHTS)
        self.story_counts = _Weighted(STORIES_PER_HOUSEHOLD)
        self.categories = _Weighted(CATEGORY_WEIGHTS)
        self.statuses = _Weighted(STATUS_WEIGHTS)
        self.indicator_counts = _Weighted(INDICATORS_PER_STORY)
        self.sources = _Weighted(HOUSEHOLD_SOURCES)
        self.relatives_young = _Weighted({"child": 60, "parent": 15})
        self.relatives_middle = _Weighted({"child": 60, "grandchild": 30, "parent": 15})
        self.relatives_old = _Weighted({"child": 60, "grandchild": 30})
        self.day = dt.timedelta(days=1)
        self.hour = dt.timedelta(hours=1)
        self.closing = self.midnight + dt.timedelta(hours=17)

    def take(self) -> dict[str, list[tuple]]:
        """The rows made so far (the generator starts new lists)."""
        rows, self.rows = self.rows, {table: [] for table in TABLES}
        return rows

    def village(self, plan: VillagePlan) -> None:
        rng = random.Random(f"tuksuk-national:{self.seed}:{plan.code}")  # nosec B311
        muslim_share = MUSLIM_SHARE.get(plan.code[:2], 0.0)
        house_no = rng.randint(1, 40)
        for seq in range(1, plan.households + 1):
            house_no += 1 + int(rng.random() * 4)
            number = str(house_no) if rng.random() < 0.8 else f"{house_no}/{rng.randint(1, 9)}"
            self.household(rng, plan.code, f"{plan.code}{seq:03d}", number, rng.random() < muslim_share)

    def household(self, rng: random.Random, village: str, house_code: str, house_no: str, muslim: bool) -> None:
        r = rng.random
        household_id = self.household_id
        self.household_id += 1
        count = self.story_counts.pick(rng)
        categories: list[int] = []
        while len(categories) < count:
            category = self.categories.pick(rng)
            if category not in categories:
                categories.append(category)
        templates = [(category, rng.choice(STORY_TEMPLATES[category])) for category in categories]
        needs = {t.needs for _c, t in templates if t.needs}
        source = self.sources.pick(rng)
        first_report = self.stories(rng, household_id, village, templates, source)
        created_at = first_report - dt.timedelta(days=int(r() * 15), minutes=int(r() * 240))
        head_name, size = self.members(rng, household_id, village, house_code, needs, muslim, created_at)
        self.rows["households"].append(
            (household_id, house_code, village, house_no, head_name, size, source, created_at, created_at)
        )

    def members(
        self,
        rng: random.Random,
        household_id: int,
        village: str,
        house_code: str,
        needs: set[str],
        muslim: bool,
        at: dt.datetime,
    ) -> tuple[str, int]:
        """Appends the members' rows; returns the head's name and the number of members."""
        r = rng.random
        size = self.sizes.pick(rng)
        head_age = 62 + int(r() * 25) if needs & OLD_NEEDS else int(rng.triangular(24, 86, 55))
        head_male = r() < 0.6
        # [relation, male, age, bedridden, disabled, chronic, no_id]
        people: list[list[Any]] = [["head", head_male, head_age, False, False, False, False]]
        if size >= 2 and r() < 0.75:
            people.append(["spouse", not head_male, max(20, head_age - 7 + int(r() * 12)), False, False, False, False])
        relatives = (
            self.relatives_young if head_age <= 47 else self.relatives_middle if head_age <= 62 else self.relatives_old
        )
        while len(people) < size:
            kind = relatives.pick(rng)
            if kind == "parent" and sum(p[0] == "parent" for p in people) >= 2:
                kind = "child"
            if kind == "child":
                age = max(0, head_age - 20 - int(r() * 19))
            elif kind == "grandchild":
                age = int(r() * 18)
            else:
                age = min(96, head_age + 20 + int(r() * 11))
            people.append([kind, r() < 0.5, age, False, False, False, False])
        if "child" in needs and not any(p[2] < 15 for p in people):
            relation = "grandchild" if head_age >= 48 else "child"
            if len(people) < 6:
                people.append([relation, r() < 0.5, 4 + int(r() * 11), False, False, False, False])
            else:
                people[-1][0], people[-1][2] = relation, 4 + int(r() * 11)
        if "bedridden" in needs:
            eldest = max(people, key=lambda p: p[2])
            eldest[3] = True
            eldest[5] = eldest[5] or r() < 0.6
        if "disabled" in needs:
            rng.choice([p for p in people if p[2] >= 5] or people)[4] = True
        if "chronic_illness" in needs:
            rng.choice([p for p in people if p[2] >= 40] or people)[5] = True
        if "no_id" in needs:
            rng.choice(people[1:] or people)[6] = True
        has_spouse = len(people) > 1 and people[1][0] == "spouse"
        surname = rng.choice(MUSLIM_SURNAMES if muslim else SURNAMES)
        given_taken: set[str] = set()
        rows = self.rows["members"]
        anchor = self.anchor
        head_name = ""
        for index, (relation, male, age, bedridden, disabled, chronic, no_id) in enumerate(people, 1):
            bedridden = bedridden or (age >= 70 and r() < 0.05)
            disabled = disabled or r() < 0.03
            chronic = chronic or (age >= 45 and r() < 0.2)
            family = surname
            if (relation == "spouse" and r() < 0.25) or (relation == "parent" and r() < 0.3):
                family = rng.choice(MUSLIM_SURNAMES if muslim else SURNAMES)
            if muslim:
                pool = MUSLIM_MALE_NAMES if male else MUSLIM_FEMALE_NAMES
            elif age >= 45:
                pool = MALE_NAMES_OLDER if male else FEMALE_NAMES_OLDER
            else:
                pool = MALE_NAMES_YOUNGER if male else FEMALE_NAMES_YOUNGER
            given = rng.choice(pool)
            while given in given_taken:
                given = rng.choice(pool)
            given_taken.add(given)
            if age < 15:
                title = "เด็กชาย" if male else "เด็กหญิง"
            elif male:
                title = "นาย"
            elif (relation in ("head", "spouse") and has_spouse) or relation == "parent":
                title = "นาง"
            else:
                title = "นาง" if age >= 40 and r() < 0.6 else "นางสาว"
            name = f"{title}{given} {family}"
            if index == 1:
                head_name = name
            # Born on or before the anchor day ``age`` years back, within a year: ``age`` years old on the anchor.
            born = dt.date(anchor.year - age, anchor.month, min(anchor.day, 28)) - dt.timedelta(days=int(r() * 365))
            hashed = encrypted = last3 = ""
            if not no_id and r() < self.citizen_id_share:
                body = f"{house_code}{index % 10}"
                digits = f"{body}{check_digit(body)}"
                hashed = crypto.keyed_hash(digits)
                encrypted = crypto.encrypt(digits) if self.encrypt else ""
                last3 = digits[-3:]
            rows.append(
                (
                    household_id,
                    village,
                    name,
                    Sex.MALE if male else Sex.FEMALE,
                    born,
                    index == 1,
                    hashed,
                    encrypted,
                    last3,
                    bedridden,
                    disabled,
                    age >= 60,
                    chronic,
                    age < 15,
                    at,
                    at,
                )
            )
        return head_name, len(people)

    def stories(self, rng: random.Random, household_id: int, village: str, templates: list, source: str) -> dt.datetime:
        """Appends the stories and their parts; returns when the first of them was reported."""
        r = rng.random
        rows = self.rows
        agencies = self.reference.agencies
        story_source = StorySource.FIELD if source == HouseholdSource.FIELD else StorySource.IMPORT
        event_kind = StoryEventKind.CREATED if story_source == StorySource.FIELD else StoryEventKind.IMPORTED
        first = self.midnight
        for category, template in templates:
            story_id = self.story_id
            self.story_id += 1
            self.story_no += 1
            status = self.statuses.pick(rng)
            low, high = AGE_DAYS[status]
            age = low + int(r() * (high - low + 1))
            reported_at = self.midnight - dt.timedelta(days=age, minutes=-(8 * 60 + 30) - int(r() * 480))
            first = min(first, reported_at)
            resolved_at = None
            if status in DONE:
                resolved_at = reported_at + dt.timedelta(days=max(1, int(age * (0.3 + 0.6 * r()))), hours=r() * 6)
            last = resolved_at or reported_at
            rows["stories"].append(
                (
                    story_id,
                    f"{REF_PREFIX}{self.seed}-{self.story_no}",
                    household_id,
                    village,
                    category,
                    template.description,
                    status,
                    reported_at,
                    reported_at.date() + dt.timedelta(days=DUE_DAYS),
                    resolved_at,
                    story_source,
                    reported_at,
                    last,
                )
            )
            rows["events"].append((story_id, village, event_kind, "", status, "", "{}", reported_at))
            self.indicators(rng, story_id, village, category, template.indicators)
            if status not in WORKED_ON:
                continue
            immediate_agency, immediate_text, immediate_low, immediate_high = template.immediate
            lasting_agency, lasting_text, lasting_low, lasting_high = template.sustainable
            span = max(1, ((resolved_at or self.midnight) - reported_at).days)
            started = reported_at + dt.timedelta(days=min(span, 1 + int(r() * 7)))
            assigned = lasting_agency if status == StoryStatus.REFERRED else immediate_agency
            if assigned in agencies and (status == StoryStatus.REFERRED or r() < 0.6):
                rows["assignments"].append((story_id, village, agencies[assigned], started))
            if status == StoryStatus.REFERRED or (status == StoryStatus.IN_PROGRESS and r() < 0.2):
                continue  # referred on, or nothing done yet
            limit = resolved_at or self.closing  # nothing happens after the story was resolved, or the anchor day
            done_at = min(started + dt.timedelta(days=int(r() * max(1, span // 4)), hours=2), limit - self.hour)
            cost = (immediate_low + int(r() * (immediate_high - immediate_low + 1))) // 100 * 100
            rows["actions"].append(
                (
                    story_id,
                    village,
                    agencies.get(immediate_agency),
                    done_at.date(),
                    immediate_text,
                    Decimal(cost),
                    Dimension.IMMEDIATE,
                    done_at,
                )
            )
            lasting = status == StoryStatus.CLOSED or (status == StoryStatus.RESOLVED and r() < 0.85)
            if not lasting and status == StoryStatus.IN_PROGRESS and r() < 0.15:
                lasting = True
            if lasting:
                end = resolved_at or self.midnight - self.day
                lasting_at = max(done_at, end - dt.timedelta(days=int(r() * 5), hours=3))
                cost = (lasting_low + int(r() * (lasting_high - lasting_low + 1))) // 100 * 100
                rows["actions"].append(
                    (
                        story_id,
                        village,
                        agencies.get(lasting_agency),
                        lasting_at.date(),
                        lasting_text,
                        Decimal(cost),
                        Dimension.SUSTAINABLE,
                        lasting_at,
                    )
                )
        return first

    def indicators(
        self, rng: random.Random, story_id: int, village: str, category: int, suggested: Iterable[int]
    ) -> None:
        wanted = self.indicator_counts.pick(rng)
        if not wanted:
            return
        pool = self.reference.indicators[category]
        chosen = [number for number in suggested if number in pool][:wanted]
        while len(chosen) < min(wanted, len(pool)):
            number = rng.choice(pool)
            if number not in chosen:
                chosen.append(number)
        rows = self.rows["story_indicators"]
        for number in chosen:
            rows.append((story_id, village, number))


# --- Writing -------------------------------------------------------------------------------------------------


class _Sink:
    """Writes lists of row tuples: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere."""

    def __init__(self, batch: int) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.batch = batch
        self.statements: dict[str, str] = {}

    def write(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        model, columns = COLUMNS[table]
        if self.postgres:
            self._copy(table, model, columns, rows)
        else:
            json_columns = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}
            objects = []
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                for column in json_columns:
                    values[column] = json.loads(values[column])
                objects.append(model(**values))
            model._default_manager.bulk_create(objects, batch_size=self.batch)

    def _copy(self, table: str, model: type[models.Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
        statement = self.statements.get(table)
        if statement is None:
            qn = connection.ops.quote_name
            by_attname = {f.attname: str(f.column) for f in model._meta.concrete_fields}
            names = ", ".join(qn(by_attname[c]) for c in columns)
            statement = self.statements[table] = f"COPY {qn(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)

    def analyze(self) -> None:
        """Vacuum and refresh the planner's statistics after the bulk load, as autovacuum would a while later. With
        stale statistics PostgreSQL misjudges how many stories an area holds and picks slow plans for the first
        queries; without the vacuum no page is marked all-visible, so counting a district's stories must read
        every one of them from the table instead of from the area index alone."""
        if self.postgres and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")

    def reset_sequences(self, *models_: type[models.Model]) -> None:
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for model in models_:
                table = model._meta.db_table
                maximum = f"SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}"  # noqa: S608  # nosec B608
                cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({maximum}))", [table])


class _Progress:
    """Counts what was written and reports it (called by the writers, under the pipeline's lock)."""

    def __init__(self, households: int, started: float, counts: dict[str, float], say: Any) -> None:
        self.households, self.started, self.counts, self.say = households, started, counts, say
        self.done = self.written = 0

    def __call__(self, batch: dict[str, list[tuple]]) -> None:
        for table in TABLES[1:]:
            self.counts[table] += len(batch[table])
            self.written += len(batch[table])
        self.done += len(batch["households"])
        rate = self.written / max(time.monotonic() - self.started, 1e-9)
        self.say(f"{self.done:,}/{self.households:,} households · {self.written:,} rows · {rate:,.0f} rows/s")


class _Pipeline:
    """Writes batches of rows, each in its own transaction: in the caller's thread, or (``workers`` > 0) in writer
    threads with their own database connections while the caller generates the next batches. The queue holds at
    most ``workers`` batches, so memory stays bounded."""

    def __init__(self, sink: _Sink, workers: int, progress: _Progress) -> None:
        self.sink, self.progress = sink, progress
        self.lock = threading.Lock()
        self.error: BaseException | None = None
        self.queue: queue.Queue[dict[str, list[tuple]] | None] = queue.Queue(maxsize=max(1, workers))
        self.threads = [
            threading.Thread(target=self._work, name=f"national-writer-{i}", daemon=True) for i in range(workers)
        ]
        for thread in self.threads:
            thread.start()

    def put(self, batch: dict[str, list[tuple]]) -> None:
        if not self.threads:
            self._write(batch)
            return
        while True:
            self._raise()
            try:
                self.queue.put(batch, timeout=0.5)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        for _thread in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _write(self, batch: dict[str, list[tuple]]) -> None:
        with transaction.atomic():
            if self.sink.postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            for table in TABLES[1:]:
                self.sink.write(table, batch[table])
        with self.lock:
            self.progress(batch)

    def _work(self) -> None:
        try:
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    self._write(batch)
        except BaseException as exc:  # handed to the caller; keep taking batches so it never blocks
            with self.lock:
                self.error = self.error or exc
            while self.queue.get() is not None:
                pass
        finally:
            connection.close()


# --- The whole run -------------------------------------------------------------------------------------------


def _next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(m=Max("id"))["m"] or 0) + 1


def _check_free(seed: int, villages: list[VillagePlan]) -> set[str]:
    """The planned villages that already exist (reused); refuses when this seed already ran, or when any of the
    villages already has households."""
    if Story.objects.filter(ref=f"{REF_PREFIX}{seed}-1").exists():
        raise NationalDataError(f"Seed {seed} was already generated in this database: use another seed")
    existing = set(
        Area.objects.filter(level=AreaLevel.VILLAGE, code__regex=r"^[0-9]{6}[5-9][0-9]$").values_list("code", flat=True)
    )
    taken = sorted(existing & {v.code for v in villages})
    for start in range(0, len(taken), 5000):
        if Household.objects.filter(village_id__in=taken[start : start + 5000]).exists():
            raise NationalDataError(
                "Generated households are already there (villages numbered 50 and up): use a fresh database"
            )
    return existing


def generate(
    households: int,
    seed: int,
    *,
    stdout: _Writer | None = None,
    batch: int = DEFAULT_BATCH,
    citizen_id_share: float = DEFAULT_CITIZEN_ID_SHARE,
    encrypt: bool = True,
    anchor: dt.date | None = None,
    workers: int = DEFAULT_WORKERS,
) -> dict[str, float]:
    """Generate ``households`` households (and everything around them) from ``seed``. Returns the rows written per
    table and the seconds it took. ``anchor`` is the last day anything happens (yesterday by default). On PostgreSQL,
    outside a transaction, ``workers`` threads write the batches while the next ones are generated."""
    started = time.monotonic()
    anchor = anchor or timezone.localdate() - dt.timedelta(days=1)
    batch = max(1, batch)

    def say(line: str) -> None:
        if stdout is not None:
            stdout.write(line + "\n")

    reference = load_reference()
    tambons = list(
        Area.objects.filter(level=AreaLevel.SUBDISTRICT, is_active=True).order_by("code").values_list("code", flat=True)
    )
    villages = plan_villages(households, seed, tambons)
    existing = _check_free(seed, villages)
    sink = _Sink(batch)
    counts: dict[str, float] = dict.fromkeys(TABLES, 0)
    now = timezone.now()
    new_villages = [
        (v.code, AreaLevel.VILLAGE, v.tambon, v.name, "", True, AreaSource.IMPORT, now)
        for v in villages
        if v.code not in existing
    ]
    for start in range(0, len(new_villages), batch):
        with transaction.atomic():
            sink.write("villages", new_villages[start : start + batch])
    counts["villages"] = len(new_villages)
    say(f"{len(villages):,} villages in {len({v.tambon for v in villages}):,} tambons ({len(new_villages):,} new)")

    rows = Rows(
        seed,
        anchor,
        reference,
        first_household_id=_next_id(Household),
        first_story_id=_next_id(Story),
        citizen_id_share=citizen_id_share,
        encrypt=encrypt,
    )
    # Writer threads (their own connections, so their own transactions) only where nobody holds a transaction open
    # around this call: inside one (tests, a caller's atomic block) everything goes through the caller's connection.
    if not sink.postgres or connection.in_atomic_block:
        workers = 0
    progress = _Progress(households, started, counts, say)
    pipeline = _Pipeline(sink, workers, progress)
    try:
        for village in villages:
            rows.village(village)
            if len(rows.rows["households"]) >= batch:
                pipeline.put(rows.take())
        if rows.rows["households"]:
            pipeline.put(rows.take())
    finally:
        pipeline.close()
    sink.reset_sequences(Household, Story)

    with transaction.atomic():
        teams, users = _district_users(sorted({v.district for v in villages}), now)
        projects, activities, budget_lines = _projects(seed, villages, teams, anchor)
    counts.update(users=users, projects=projects, activities=activities, budget_lines=budget_lines)
    from tuksuk.reports import tallies

    counts["tallies"] = tallies.rebuild()  # the bulk load bypassed the signals that keep the per-area figures
    sink.analyze()
    counts["seconds"] = round(time.monotonic() - started, 1)
    return counts


def _district_users(districts: list[str], now: dt.datetime) -> tuple[dict[str, int], int]:
    """``team_<district>`` (district_team of the district, unusable password) for each district; the ids by district
    and how many were new."""
    names = dict(Area.objects.filter(code__in=districts).values_list("code", "name_th"))
    usernames = {f"team_{district}": district for district in districts}
    existing = set(User.objects.filter(username__in=list(usernames)).values_list("username", flat=True))
    new = [
        User(
            username=username,
            first_name="ทีมงาน",
            last_name=f"อำเภอ{names.get(district, district)}",
            position="ทีมงานอำเภอ (ข้อมูลจำลอง)",
            password=make_password(None),
            date_joined=now,
        )
        for username, district in usernames.items()
        if username not in existing
    ]
    User.objects.bulk_create(new, batch_size=1000)
    ids = dict(User.objects.filter(username__in=list(usernames)).values_list("username", "id"))
    held = set(
        RoleAssignment.objects.active()
        .filter(user_id__in=list(ids.values()), role=Role.DISTRICT_TEAM, agency__isnull=True)
        .values_list("user_id", "area_id")
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user_id=ids[username], role=Role.DISTRICT_TEAM, area_id=district, created_at=now)
            for username, district in usernames.items()
            if (ids[username], district) not in held
        ],
        batch_size=1000,
    )
    return {district: ids[username] for username, district in usernames.items()}, len(new)


def _projects(seed: int, villages: list[VillagePlan], teams: dict[str, int], anchor: dt.date) -> tuple[int, int, int]:
    """A project of this fiscal year for about every second district, with 3–5 activities and their budgets."""
    rng = random.Random(f"tuksuk-national:{seed}:projects")  # nosec B311
    districts = sorted(teams)
    if not districts:
        return 0, 0, 0
    chosen = sorted(rng.sample(districts, math.ceil(len(districts) / 2)))
    names = dict(Area.objects.filter(code__in=chosen).values_list("code", "name_th"))
    places: dict[str, list[str]] = defaultdict(list)
    for village in villages:
        places[village.district].append(village.code)
    fiscal_year = anchor.year + 543 + (1 if anchor.month >= 10 else 0)
    year_start = dt.date(fiscal_year - 544, 10, 1)
    categories = _Weighted(PROJECT_CATEGORIES)
    networks = sorted(ALL_NETWORKS)

    def moment(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BKK)

    projects: list[Project] = []
    for district in chosen:
        category = categories.pick(rng)
        quick = rng.random() < 0.4
        start = year_start + dt.timedelta(days=rng.randint(0, 120))
        end = start + dt.timedelta(days=rng.randint(90, 145) if quick else rng.randint(365, 540))
        name = names.get(district, district)
        projects.append(
            Project(
                ref=f"{REF_PREFIX}{seed}-P-{district}",
                district_id=district,
                title=rng.choice(PROJECT_TITLES[category]).format(district=name),
                brief=(
                    f"อำเภอ{name}บูรณาการ 7 ภาคีเครือข่ายแก้ไขปัญหาครัวเรือนเปราะบางตามข้อมูล ThaiQM และ TPMAP "
                    "ตามแนวทางบำบัดทุกข์ บำรุงสุข (ข้อมูลจำลอง)"
                ),
                category=category,
                fiscal_year=fiscal_year,
                timeframe="quick_win" if quick else "long_term",
                start_on=start,
                end_on=end,
                one_plan_code=f"OP-{district}-{fiscal_year % 100}-{rng.randint(1, 30):03d}",
                one_plan_level="district",
                partner_networks=sorted(rng.sample(networks, rng.randint(3, len(networks)))),
                created_by_id=teams[district],
                created_at=moment(start - dt.timedelta(days=21), 10),
            )
        )
    Project.objects.bulk_create(projects, batch_size=1000)
    ProjectEvent.objects.bulk_create(
        [
            ProjectEvent(project=p, kind=ProjectEventKind.IMPORTED, actor_id=p.created_by_id, at=p.created_at)
            for p in projects
        ],
        batch_size=1000,
    )
    activities: list[Activity] = []
    budgets: list[tuple[int, str, int, float]] = []  # (activity index, source, planned, spent share)
    for project in projects:
        assert project.start_on  # nosec B101
        assert project.end_on  # nosec B101
        district = project.district_id
        count = rng.randint(3, 5)
        days = (project.end_on - project.start_on).days
        for k in range(1, count + 1):
            chain = ValueChain.UPSTREAM if k == 1 else ValueChain.DOWNSTREAM if k == count else ValueChain.MIDSTREAM
            start = project.start_on + dt.timedelta(days=days * (k - 1) // count)
            end = min(project.end_on, start + dt.timedelta(days=max(7, days // count + rng.randint(-5, 20))))
            if end <= anchor:
                status, percent = ActivityStatus.DONE, 100
            elif start > anchor:
                status, percent = ActivityStatus.PLANNED, 0
            else:
                status = ActivityStatus.IN_PROGRESS
                percent = min(95, max(5, 100 * (anchor - start).days // max(1, (end - start).days)))
            target = rng.randint(20, 300)
            activities.append(
                Activity(
                    project=project,
                    ref=f"{REF_PREFIX}{seed}-A-{district}-{k}",
                    title=rng.choice(ACTIVITY_TITLES[chain]),
                    value_chain=chain,
                    partner_networks=sorted(rng.sample(project.partner_networks, rng.randint(2, 3))),
                    place_id=rng.choice(places[district]),
                    start_on=start,
                    end_on=end,
                    status=status,
                    percent_complete=percent,
                    target_households=target,
                    reached_households=target - rng.randint(0, target // 10) if status == ActivityStatus.DONE else None,
                    created_by_id=project.created_by_id,
                    created_at=project.created_at + dt.timedelta(minutes=5 * k),
                )
            )
            for source in rng.sample(BUDGET_SOURCES, rng.randint(1, 2)):
                budgets.append((len(activities) - 1, source, rng.randint(10, 500) * 1000, percent / 100))
    Activity.objects.bulk_create(activities, batch_size=1000)
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                activity=activities[index],
                source=source,
                planned=Decimal(planned),
                spent=Decimal(int(planned * share) // 100 * 100),
            )
            for index, source, planned, share in budgets
        ],
        batch_size=1000,
    )
    return len(projects), len(activities), len(budgets)
