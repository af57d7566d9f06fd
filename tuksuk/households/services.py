"""Registering households and members, catching duplicates, merging them. Pages, API, importer and demo all call
these functions; each writes its history row."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tuksuk.accounts.roles import Role
from tuksuk.accounts.scope import require_write, scope_for
from tuksuk.areas.choices import AreaLevel
from tuksuk.areas.models import Area
from tuksuk.core import crypto
from tuksuk.core.fields import refill_village_codes
from tuksuk.privacy.restrictions import ensure_changeable

from . import citizen_id
from .choices import VULNERABLE_FLAGS, HouseholdEventKind, HouseholdSource
from .models import Household, HouseholdEvent, Member


@dataclass
class MemberData:
    full_name: str
    sex: str = "unspecified"
    birth_date: object = None
    is_head: bool = False
    citizen_id: str = ""
    flags: dict[str, bool] = field(default_factory=dict)


class DuplicateHousehold(ValidationError):
    """The entry matches households already registered: offer to open (or merge with) them."""

    def __init__(self, message: str, matches: list[Household]):
        super().__init__(message)
        self.matches = matches


def find_duplicates(house_code: str = "", citizen_ids: list[str] | tuple[str, ...] = ()) -> list[Household]:
    """Registered households with the same house code, or with a member holding one of the citizen IDs."""
    found: dict[int, Household] = {}
    if house_code:
        for h in Household.objects.filter(house_code=house_code):
            found[h.pk] = h
    hashes = []
    for text in citizen_ids:
        try:
            hashes.append(crypto.keyed_hash(citizen_id.normalize(text)))
        except citizen_id.InvalidCitizenId:
            continue
    if hashes:
        for h in Household.objects.filter(members__citizen_id_hash__in=hashes).distinct():
            found[h.pk] = h
    return list(found.values())


def _village(code: str) -> Area:
    village = Area.objects.filter(code=code, level=AreaLevel.VILLAGE).first()
    if village is None:
        raise ValidationError({"village": _("ไม่พบหมู่บ้านรหัส %(code)s") % {"code": code}})
    return village


def _event(household: Household, kind: str, actor, note: str = "", **data) -> None:  # type: ignore[no-untyped-def]
    HouseholdEvent.objects.create(household=household, kind=kind, actor=actor, note=note, data=data)


@transaction.atomic
def register_household(
    *,
    actor,
    village_code: str,
    house_code: str,
    head_name: str,
    house_no: str = "",  # type: ignore[no-untyped-def]
    member_count: int | None = None,
    latitude=None,
    longitude=None,
    members: list[MemberData] | None = None,
    source: str = HouseholdSource.FIELD,
) -> Household:
    """Register a household with its members. Refuses duplicates (same house code, or a member's citizen ID
    already in another household) with ``DuplicateHousehold`` naming the matches."""
    require_write(actor, village_code)
    members = members or []
    matches = find_duplicates(house_code, [m.citizen_id for m in members if m.citizen_id])
    if matches:
        raise DuplicateHousehold(_("พบครัวเรือนที่อาจซ้ำกันในระบบแล้ว"), matches)
    household = Household(
        house_code=house_code,
        village=_village(village_code),
        house_no=house_no,
        head_name=head_name,
        member_count=member_count,
        latitude=latitude,
        longitude=longitude,
        source=source,
        created_by=actor,
    )
    household.full_clean()
    household.save()
    for data in members:
        _save_member(Member(household=household), data)
    _event(household, HouseholdEventKind.CREATED, actor)
    return household


def _save_member(member: Member, data: MemberData) -> Member:
    member.full_name, member.sex, member.birth_date, member.is_head = (
        data.full_name,
        data.sex,
        data.birth_date,
        data.is_head,
    )
    for flag in VULNERABLE_FLAGS:
        setattr(member, flag, bool(data.flags.get(flag, False)))
    if data.citizen_id or member.citizen_id_hash:
        try:
            member.set_citizen_id(data.citizen_id)
        except citizen_id.InvalidCitizenId as exc:
            raise ValidationError({"citizen_id": str(exc)}) from exc
    clash = Member.objects.filter(citizen_id_hash=member.citizen_id_hash).exclude(pk=member.pk)
    if member.citizen_id_hash and clash.exists():
        raise DuplicateHousehold(_("เลขประจำตัวประชาชนนี้มีอยู่ในครัวเรือนอื่นแล้ว"), [clash.first().household])  # type: ignore[union-attr]
    member.full_clean(exclude=["household"])
    member.save()
    return member


@transaction.atomic
def add_member(household: Household, data: MemberData, *, actor) -> Member:  # type: ignore[no-untyped-def]
    require_write(actor, household.village_id)
    ensure_changeable(household)
    member = _save_member(Member(household=household), data)
    _event(household, HouseholdEventKind.MEMBER_ADDED, actor, member_id=member.pk)
    return member


@transaction.atomic
def update_member(member: Member, data: MemberData, *, actor) -> Member:  # type: ignore[no-untyped-def]
    require_write(actor, member.household.village_id)
    ensure_changeable(member.household)
    _save_member(member, data)
    _event(member.household, HouseholdEventKind.MEMBER_UPDATED, actor, member_id=member.pk)
    return member


@transaction.atomic
def update_household(household: Household, *, actor, **changes) -> Household:  # type: ignore[no-untyped-def]
    """Change a household's fields. Moving it to another village moves its stories with it."""
    require_write(actor, household.village_id)
    ensure_changeable(household)
    before = {}
    for name, value in changes.items():
        if name == "village_code":
            require_write(actor, value)
            name, value = "village", _village(value)
        before[name] = str(getattr(household, name + ("_id" if name == "village" else "")))
        setattr(household, name, value)
    household.full_clean()
    household.save(update_fields=[*before, "updated_at"])
    if "village" in before and before["village"] != household.village_id:
        from tuksuk.cases.services import follow_household

        refill_village_codes(household.members.all())
        refill_village_codes(household.events.all())
        follow_household(household, actor=actor)
    _event(household, HouseholdEventKind.UPDATED, actor, before=before)
    return household


MERGE_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.DISTRICT_CHIEF, Role.DISTRICT_TEAM})


@transaction.atomic
def merge_households(duplicate: Household, keep: Household, *, actor, note: str = "") -> Household:  # type: ignore[no-untyped-def]
    """Merge ``duplicate`` into ``keep``: its members and stories move over, it stays as a record that points to
    ``keep``. Only district users (or the ministry) may merge, within their area."""
    if duplicate.pk == keep.pk or duplicate.merged_into_id or keep.merged_into_id:
        raise ValidationError(_("ครัวเรือนนี้ถูกรวมไปแล้วหรือเป็นครัวเรือนเดียวกัน"))
    if not scope_for(actor).roles & MERGE_ROLES:
        raise PermissionDenied(_("การรวมครัวเรือนทำได้เฉพาะทีมอำเภอ"))
    require_write(actor, duplicate.village_id)
    require_write(actor, keep.village_id)
    ensure_changeable(duplicate)
    ensure_changeable(keep)
    kept_ids = set(keep.members.exclude(citizen_id_hash="").values_list("citizen_id_hash", flat=True))
    moved = 0
    for member in duplicate.members.all():
        if member.citizen_id_hash and member.citizen_id_hash in kept_ids:
            continue  # the same person is already in the kept household
        member.household, member.is_head = keep, False
        member.save(update_fields=["household", "is_head", "updated_at"])
        moved += 1
    refill_village_codes(keep.members.exclude(village_code=keep.village_id))
    from tuksuk.cases.services import move_stories

    stories = move_stories(duplicate, keep, actor=actor)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _event(
        keep, HouseholdEventKind.MERGED_IN, actor, note, house_code=duplicate.house_code, members=moved, stories=stories
    )
    _event(duplicate, HouseholdEventKind.MERGED_AWAY, actor, note, house_code=keep.house_code)
    return keep
