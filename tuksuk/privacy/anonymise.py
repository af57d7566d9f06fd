"""Anonymising a household in place (PDPA s.33 erasure / anonymisation), so that every figure stays the same.

What goes, what stays:

- household: head name → "ไม่ระบุชื่อ", house number and GPS point cleared, the house code replaced by the reserved
  anonymous code ``00`` + the row id in 9 digits (``anonymous_house_code``). Real DOPA house codes start with the
  registration office's province code (10–96), so a code starting ``00`` never clashes with a real one; it is still
  11 digits, unique, and passes the house-code validator. Village, source, dates and merge links stay.
- members: names → "ไม่ระบุชื่อ", birth date and citizen ID (ciphertext, keyed hash, last digits) cleared. Sex and the
  vulnerability flags stay. No figure reads members (``reports.tallies`` counts stories and households;
  ``reports.tables`` counts stories, projects and activities), so birth dates are cleared whole, not cut to a year.
- stories and actions: free text → "[ลบตามคำขอเจ้าของข้อมูล]". Area, category, indicators, status, dates, due dates,
  agencies, costs and dimensions stay, so the tallies and dashboards show the same numbers before and after.
- evidence: the rows are deleted and their files (and thumbnails) removed from storage after the commit.
- public items made from the stories: withdrawn (published → unpublished, proposed → rejected), their text
  replaced by the marker and their photos deleted with their files.
- timeline notes of the household and its stories, and the "before" values kept in their event data: the marker.
- households merged into this one (duplicates of it): anonymised the same way.
- earlier data-subject requests of the household: the requester's name and free text → the marker; copy files deleted.
- the change log: the personal values of all the above redacted through ``tuksuk.audit.redaction`` (and the old
  house code replaced on change-log and access-log rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tuksuk.audit import redaction
from tuksuk.audit.redaction import REDACTED, Target
from tuksuk.cases.models import Action, Evidence, Story, StoryEvent
from tuksuk.households.choices import HouseholdEventKind
from tuksuk.households.models import Household, HouseholdEvent

ANONYMOUS_NAME = "ไม่ระบุชื่อ"
HOUSEHOLD_FIELDS = frozenset({"house_code", "house_no", "head_name", "latitude", "longitude"})
MEMBER_FIELDS = frozenset({"full_name", "birth_date"})
STORY_FIELDS = frozenset({"description"})
ACTION_FIELDS = frozenset({"description"})
EVIDENCE_FIELDS = frozenset({"caption"})
ITEM_TEXT_FIELDS = ("title", "summary", "body", "who", "what", "where", "why", "how")
ITEM_FIELDS = frozenset({*ITEM_TEXT_FIELDS, "search_text", "video_url"})
REQUEST_FIELDS = frozenset({"subject_name", "details", "outcome"})


def anonymous_house_code(household: Household) -> str:
    return f"00{household.pk:09d}"


def is_anonymised(household: Household) -> bool:
    return household.house_code.startswith("00") and household.head_name == ANONYMOUS_NAME


@dataclass
class Result:
    household_id: int
    members: int = 0
    stories: int = 0
    actions: int = 0
    evidence: int = 0
    public_items: int = 0
    requests: int = 0
    redacted_entries: list[int] = field(default_factory=list)

    def as_data(self) -> dict:
        return {
            "members": self.members,
            "stories": self.stories,
            "actions": self.actions,
            "evidence": self.evidence,
            "public_items": self.public_items,
            "requests": self.requests,
            "redacted_entries": self.redacted_entries,
        }


def _delete_after_commit(files: list) -> None:  # type: ignore[no-untyped-def]
    """Remove stored files once the transaction commits (rolled-back work keeps them)."""
    pairs = [(f.storage, f.name) for f in files if f]

    def remove() -> None:
        for storage, name in pairs:
            storage.delete(name)

    if pairs:
        transaction.on_commit(remove)


def _scrub_data(data, old_code: str, new_code: str):  # type: ignore[no-untyped-def]
    """Event data with "before" values replaced by the marker and the old house code by the anonymous one."""
    if isinstance(data, dict):
        return {
            key: (
                dict.fromkeys(value, REDACTED)
                if key == "before" and isinstance(value, dict)
                else _scrub_data(value, old_code, new_code)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_scrub_data(v, old_code, new_code) for v in data]
    if data == old_code:
        return new_code
    return data


def _scrub_events(events, old_code: str, new_code: str) -> None:  # type: ignore[no-untyped-def]
    # Timeline events are history written once; erasure is the one reason to rewrite their personal parts.
    for event in events:
        note = REDACTED if event.note else ""
        data = _scrub_data(event.data or {}, old_code, new_code)
        if note != event.note or data != event.data:
            type(event).objects.filter(pk=event.pk).update(note=note, data=data)


def _withdraw_public_items(stories: list[int], actor, targets: list[Target], files: list) -> int:  # type: ignore[no-untyped-def]
    from tuksuk.portal.choices import ItemStatus
    from tuksuk.portal.models import PublicImage, PublicItem, PublicItemEvent

    withdrawn = {ItemStatus.PUBLISHED: ItemStatus.UNPUBLISHED, ItemStatus.PROPOSED: ItemStatus.REJECTED}
    items = list(PublicItem.objects.filter(source_story_id__in=stories).select_for_update())
    districts = set()
    for item in items:
        before = item.status
        for name in ITEM_TEXT_FIELDS:
            setattr(item, name, REDACTED if name == "title" or getattr(item, name) else "")
        item.video_url, item.search_text, item.featured = "", "", False
        fields = [*ITEM_TEXT_FIELDS, "video_url", "search_text", "featured", "updated_at"]
        if before in withdrawn:
            item.status = withdrawn[before]
            fields.append("status")
            districts.add(item.district_id)
        item.save(update_fields=fields)
        if before in withdrawn:
            PublicItemEvent.objects.create(
                item=item,
                actor=actor,
                from_status=before,
                to_status=item.status,
                note=_("ถอนออกตามคำขอของเจ้าของข้อมูล"),
            )
        targets.append(Target("portal.publicitem", str(item.pk), ITEM_FIELDS, REDACTED))
        for image in PublicImage.objects.filter(item=item):
            files += [image.file, image.thumbnail, image.published]
            targets.append(Target("portal.publicimage", str(image.pk), EVIDENCE_FIELDS, None))
            image.delete()
    if districts:
        from tuksuk.portal.figures import publish_figures

        for district in districts:
            transaction.on_commit(lambda d=district: publish_figures(d), robust=True)
    return len(items)


@transaction.atomic
def anonymise_household(household: Household, *, actor, request_id: int | None = None) -> Result:  # type: ignore[no-untyped-def]
    """Anonymise ``household`` in place (see the module docstring). The caller checks who may do it."""
    from tuksuk.reports import tallies

    from .models import DataSubjectRequest

    household = Household.objects.select_for_update().get(pk=household.pk)
    for duplicate in Household.objects.filter(merged_into=household):  # merged-away copies hold the same people
        anonymise_household(duplicate, actor=actor, request_id=request_id)
    old_code, new_code = household.house_code, anonymous_house_code(household)
    result = Result(household.pk)
    targets: list[Target] = []
    files: list = []

    story_ids = list(household.stories.values_list("pk", flat=True))
    result.public_items = _withdraw_public_items(story_ids, actor, targets, files)

    for evidence in Evidence.objects.filter(story_id__in=story_ids):
        files += [evidence.file, evidence.thumbnail]
        targets.append(Target("cases.evidence", str(evidence.pk), EVIDENCE_FIELDS))
        evidence.delete()
        result.evidence += 1

    for action in Action.objects.filter(story_id__in=story_ids):
        if action.description != REDACTED:
            action.description = REDACTED
            action.save(update_fields=["description"])
        targets.append(Target("cases.action", str(action.pk), ACTION_FIELDS))
        result.actions += 1

    for story in Story.objects.filter(pk__in=story_ids):
        if story.description:
            story.description = REDACTED
            story.save(update_fields=["description", "updated_at"])
        targets.append(Target("cases.story", str(story.pk), STORY_FIELDS))
        result.stories += 1
    _scrub_events(StoryEvent.objects.filter(story_id__in=story_ids), old_code, new_code)

    for member in household.members.all():
        member.full_name, member.birth_date = ANONYMOUS_NAME, None
        member.set_citizen_id("")
        member.save(
            update_fields=[
                "full_name",
                "birth_date",
                "citizen_id_hash",
                "citizen_id_encrypted",
                "citizen_id_last3",
                "updated_at",
            ]
        )
        targets.append(Target("households.member", str(member.pk), MEMBER_FIELDS, ANONYMOUS_NAME))
        result.members += 1

    household.head_name, household.house_no, household.house_code = ANONYMOUS_NAME, "", new_code
    household.latitude = household.longitude = None
    household.save(update_fields=["head_name", "house_no", "house_code", "latitude", "longitude", "updated_at"])
    targets.append(Target("households.household", str(household.pk), HOUSEHOLD_FIELDS, f"{new_code} {ANONYMOUS_NAME}"))
    _scrub_events(
        HouseholdEvent.objects.filter(Q(household=household) | Q(data__house_code=old_code)), old_code, new_code
    )

    for earlier in DataSubjectRequest.objects.filter(household=household):
        files += [earlier.copy_json, earlier.copy_xlsx]
        earlier.subject_name = ANONYMOUS_NAME
        earlier.details = REDACTED if earlier.details else ""
        earlier.copy_json = earlier.copy_xlsx = ""
        earlier.save(update_fields=["subject_name", "details", "copy_json", "copy_xlsx", "updated_at"])
        targets.append(Target("privacy.datasubjectrequest", str(earlier.pk), REQUEST_FIELDS))
        result.requests += 1

    HouseholdEvent.objects.create(
        household=household,
        kind=HouseholdEventKind.UPDATED,
        actor=actor,
        note=_("ทำให้ไม่สามารถระบุตัวตนได้ตามคำขอของเจ้าของข้อมูล")
        if request_id
        else _("ทำให้ไม่สามารถระบุตัวตนได้ตามระยะเวลาการเก็บรักษา"),
        data={"privacy_request": request_id} if request_id else {},
    )
    result.redacted_entries = redaction.redact(targets, house_code=(old_code, new_code))
    tallies.mark(household.village_id)
    _delete_after_commit(files)
    return result
