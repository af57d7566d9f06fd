"""Text search over stories and households, and the newest-first order, for users of every reach.

The searches are unions of narrow searches (a head's name, a member's name, a description, a ref) and run once
for a page and its count (``core.search.found_ids``); a district user's newest-first order is sorted after the
rows are found. None of that may change what a user sees: each matching record once, nothing from outside their
area, the same order as before.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tuksuk.cases import services
from tuksuk.cases.models import Story
from tuksuk.core import search
from tuksuk.core.testing import make_user
from tuksuk.households.models import Household
from tuksuk.households.services import MemberData, add_member, register_household
from tuksuk.indicators.models import Category

pytestmark = pytest.mark.django_db


def _household(code: str, head: str) -> Household:
    from tuksuk.areas.models import Area

    Area.objects.get_or_create(code=code[:8], defaults={"level": "village", "parent_id": code[:6], "name_th": "บ้านค้น"})
    return register_household(
        actor=make_user("ministry_admin"),
        village_code=code[:8],
        house_code=code,
        head_name=head,
        members=[MemberData(full_name=head, is_head=True)],
    )


@pytest.fixture
def stories():
    """Five stories in Chiang Khong (5703), newest first as named, and one in Thepha (9005) with the same words."""
    now = timezone.now()
    admin = make_user("ministry_admin")
    category = Category.objects.get(pk=1)
    somchai = _household("57030101001", "นายสมชาย ทองมา")
    other = _household("57030101002", "นางมาลี ใจดี")
    add_member(other, MemberData(full_name="เด็กชายต้น ทองมา"), actor=admin)
    far = _household("90050101001", "นายสมชาย ทองมา")

    def record(house, description, days_ago: float, ref=None):  # type: ignore[no-untyped-def]
        return services.record_story(
            house,
            actor=admin,
            category=category,
            description=description,
            reported_at=now - dt.timedelta(days=days_ago),
            ref=ref,
        )

    return {
        "roof": record(somchai, "หลังคารั่ว", 1),
        "water": record(other, "ไม่มีน้ำใช้ บ้านนายทองมา ข้างวัด", 2),
        "ref_latin": record(other, "หนี้นอกระบบ", 3, ref="TPMAP-65-001"),
        "ref_thai": record(other, "ไม่มีรายได้", 4, ref="เรื่องแรก"),
        "second": record(somchai, "บุตรขาดเรียน", 5),
        "far": record(far, "หลังคารั่ว ทองมา", 1.5),
    }


def listed(client, url: str, **params) -> list[int]:  # type: ignore[no-untyped-def]
    response = client.get(reverse(url), params)
    assert response.status_code == 200
    return [row.pk for row in response.context["object_list"]]


def test_a_name_finds_the_heads_stories_and_the_descriptions_that_hold_it_once_each_newest_first(
    client_for, district_chief, stories
):
    found = listed(client_for(district_chief), "cases:list", q="ทองมา")
    assert found == [stories[k].pk for k in ("roof", "water", "second")]


def test_a_national_user_finds_the_same_and_the_other_district_too(client_for, ministry_admin, stories):
    found = listed(client_for(ministry_admin), "cases:list", q="ทองมา")
    assert found == [stories[k].pk for k in ("roof", "far", "water", "second")]


def test_a_ref_is_found_whatever_its_letter_case_and_a_thai_ref_as_written(client_for, district_chief, stories):
    client = client_for(district_chief)
    assert listed(client, "cases:list", q="tpmap-65-001") == [stories["ref_latin"].pk]
    assert listed(client, "cases:list", q="เรื่องแรก") == [stories["ref_thai"].pk]


def test_the_api_search_counts_and_lists_the_same_stories(api_for, district_chief, stories):
    answer = api_for(district_chief).get("/api/v1/stories/", {"q": "ทองมา"}).json()
    assert answer["count"] == 3
    assert [row["id"] for row in answer["results"]] == [stories[k].pk for k in ("roof", "water", "second")]


def test_the_pager_counts_what_the_search_found(client_for, district_chief, stories):
    response = client_for(district_chief).get(reverse("cases:list"), {"q": "ทองมา"})
    assert response.context["paginator"].count == 3


def test_a_search_finding_more_than_the_id_list_holds_finds_the_same(client_for, district_chief, stories, monkeypatch):
    monkeypatch.setattr(search, "FOUND_IDS_LIMIT", 1)
    found = listed(client_for(district_chief), "cases:list", q="ทองมา")
    assert found == [stories[k].pk for k in ("roof", "water", "second")]
    households = listed(client_for(district_chief), "households:list", q="ทองมา")
    assert len(households) == 2


def test_newest_first_is_the_same_for_a_district_user_and_a_national_user(
    client_for, district_chief, ministry_admin, stories
):
    district = listed(client_for(district_chief), "cases:list")
    national = [pk for pk in listed(client_for(ministry_admin), "cases:list") if pk != stories["far"].pk]
    assert district == national == [stories[k].pk for k in ("roof", "water", "ref_latin", "ref_thai", "second")]
    oldest_first = listed(client_for(district_chief), "cases:list", sort="reported")
    assert oldest_first == list(reversed(district))


def test_an_area_filter_keeps_the_order(client_for, ministry_admin, stories):
    found = listed(client_for(ministry_admin), "cases:list", area="5703")
    assert found == [stories[k].pk for k in ("roof", "water", "ref_latin", "ref_thai", "second")]


def test_a_household_is_found_once_by_its_heads_or_a_members_name_within_the_area(client_for, district_chief, stories):
    found = listed(client_for(district_chief), "households:list", q="ทองมา")
    assert sorted(Household.objects.filter(pk__in=found).values_list("house_code", flat=True)) == [
        "57030101001",
        "57030101002",
    ]


def test_every_story_is_still_there(stories):
    assert Story.objects.count() == 6
