"""No citizen ID reaches a log row: not in clear, not encrypted, not beyond the masked form."""

import json

import pytest
from django.urls import reverse

from tuksuk.audit.context import audit_context
from tuksuk.audit.models import AccessLogEntry, ChangeLogEntry
from tuksuk.audit.tracking import scrub
from tuksuk.cases import services as cases
from tuksuk.core.testing_world import CITIZEN_IDS
from tuksuk.households import services as households
from tuksuk.households.citizen_id import check_digit, formatted

pytestmark = pytest.mark.django_db

NEW_ID = "310060012346"
NEW_ID += str(check_digit(NEW_ID))


def _dump() -> str:
    rows = [*ChangeLogEntry.objects.values(), *AccessLogEntry.objects.values()]
    return json.dumps(rows, default=str, ensure_ascii=False)


def test_no_citizen_id_in_any_log_row(place, client_for, api_for, district_chief):
    member = place.household.members.get()
    with audit_context(actor=district_chief):
        households.update_member(
            member,
            households.MemberData(full_name=member.full_name, is_head=True, citizen_id=NEW_ID),
            actor=district_chief,
        )
        cases.update_story(
            place.story, actor=district_chief, description=f"ผู้แจ้งเลขบัตร {formatted(NEW_ID)} ขอความช่วยเหลือ"
        )
    client = client_for(district_chief)
    client.get(reverse("households:detail", args=[place.household.house_code]))
    client.get(reverse("cases:list"), {"export": "csv", "q": NEW_ID})
    api_for(district_chief).get(reverse("household-detail", args=[place.household.house_code]))
    member.refresh_from_db()
    dump = _dump()
    assert ChangeLogEntry.objects.exists()
    assert AccessLogEntry.objects.exists()
    for digits in (CITIZEN_IDS["5703"], NEW_ID):
        assert digits not in dump
        assert formatted(digits) not in dump
        assert digits[:10] not in dump  # not even the part the masked form hides
    assert member.citizen_id_encrypted not in dump
    assert member.citizen_id_hash not in dump
    assert "x-xxxx-xxxxx-xx-x" in dump  # the ID typed into the description, redacted


def test_scrub_redacts_only_valid_citizen_ids():
    assert scrub(f"โทร 0812345678 บัตร {NEW_ID}") == "โทร 0812345678 บัตร x-xxxx-xxxxx-xx-x"
    assert scrub("รหัสบ้าน 57030101001") == "รหัสบ้าน 57030101001"
    assert scrub("1234567890123") == "1234567890123"  # check digit wrong: not an ID
