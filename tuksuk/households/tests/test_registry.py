"""The household registry: registering, duplicates, citizen IDs (encrypted, searchable, masked), merging, moving;
and the household pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from tuksuk.areas.models import Area
from tuksuk.cases import services as case_services
from tuksuk.cases.choices import StoryEventKind
from tuksuk.cases.models import Story
from tuksuk.core.testing import make_user
from tuksuk.households.choices import HouseholdEventKind
from tuksuk.households.models import Household, HouseholdEvent, Member
from tuksuk.households.services import (
    DuplicateHousehold,
    MemberData,
    add_member,
    merge_households,
    register_household,
    update_household,
)
from tuksuk.indicators.models import Category

pytestmark = pytest.mark.django_db

CID = "1101700230708"
CID_DASHED = "1-1017-00230-70-8"
CID_MASKED = "x-xxxx-xxxxx-70-8"
OTHER_CID = "3100600123450"
BAD_CHECK_DIGIT = "1101700230709"


def village(code: str) -> Area:
    return Area.objects.get_or_create(
        code=code, defaults={"level": "village", "parent_id": code[:6], "name_th": f"บ้านทดสอบ {code[-2:]}"}
    )[0]


def register(actor, village_code="57030101", house_code=None, head="นางเอื้อง ใจดี", citizen_id="", **kwargs):
    village(village_code)
    return register_household(
        actor=actor,
        village_code=village_code,
        house_code=house_code or f"{village_code}001",
        head_name=head,
        members=[MemberData(full_name=head, is_head=True, citizen_id=citizen_id), *kwargs.pop("more", [])],
        **kwargs,
    )


def story_on(household, actor, category=1) -> Story:
    return case_services.record_story(household, actor=actor, category=Category.objects.get(pk=category))


@pytest.fixture
def house(district_chief) -> Household:
    return register(district_chief, citizen_id=CID, house_no="12/3")


# --- registering ------------------------------------------------------------------------------------------------


def test_registering_a_household_with_its_members(district_chief):
    household = register(
        district_chief,
        citizen_id=CID,
        member_count=3,
        more=[
            MemberData(full_name="ด.ช.แดง ใจดี", sex="male", flags={"child": True}),
            MemberData(full_name="นายเขียว ใจดี", citizen_id=OTHER_CID, flags={"elderly": True}),
        ],
    )
    household.refresh_from_db()
    assert household.village_id == "57030101"
    members = list(household.members.all())
    assert [m.full_name for m in members] == ["นางเอื้อง ใจดี", "ด.ช.แดง ใจดี", "นายเขียว ใจดี"]
    assert [m.is_head for m in members] == [True, False, False]
    assert members[1].child
    assert members[2].elderly
    assert members[0].citizen_id_last3 == "708"
    assert household.events.filter(kind=HouseholdEventKind.CREATED, actor=district_chief).count() == 1


def test_a_household_code_already_registered_is_refused_naming_the_existing_household(house, district_chief):
    with pytest.raises(DuplicateHousehold) as caught:
        register(district_chief, house_code=house.house_code, head="นายอื่น")
    assert caught.value.matches == [house]
    assert "ซ้ำ" in caught.value.messages[0]
    assert Household.objects.count() == 1


def test_a_member_whose_citizen_id_is_in_another_household_is_refused(house, district_chief):
    with pytest.raises(DuplicateHousehold) as caught:
        register(district_chief, house_code="57030101002", head="นายอื่น", citizen_id=CID_DASHED)
    assert caught.value.matches == [house]
    assert not Household.objects.filter(house_code="57030101002").exists()


def test_adding_a_member_whose_citizen_id_is_in_another_household_is_refused(house, district_chief):
    other = register(district_chief, house_code="57030101002", head="นายอื่น")
    with pytest.raises(DuplicateHousehold) as caught:
        add_member(other, MemberData(full_name="นางเอื้อง ใจดี", citizen_id=CID), actor=district_chief)
    assert caught.value.matches == [house]
    assert "เลขประจำตัวประชาชนนี้มีอยู่ในครัวเรือนอื่นแล้ว" in caught.value.messages[0]
    assert other.members.count() == 1


def test_a_citizen_id_with_a_wrong_check_digit_is_refused_in_thai(district_chief):
    with pytest.raises(ValidationError) as caught:
        register(district_chief, citizen_id=BAD_CHECK_DIGIT)
    assert "เลขตรวจสอบหลักสุดท้ายไม่ตรง" in " ".join(caught.value.messages)
    assert not Household.objects.exists()
    assert not Member.objects.exists()


@pytest.mark.parametrize(("text", "message"), [("12345", "13 หลัก"), ("0101700230708", "ขึ้นต้นด้วย 0")])
def test_other_malformed_citizen_ids_are_refused_in_thai(district_chief, text, message):
    with pytest.raises(ValidationError) as caught:
        register(district_chief, citizen_id=text)
    assert message in " ".join(caught.value.messages)


def test_a_field_worker_may_not_register_outside_their_tambon():
    worker = make_user("field_worker", "570301")
    village("57030201")
    with pytest.raises(PermissionDenied):
        register(worker, village_code="57030201")
    assert register(worker).village_id == "57030101"


# --- citizen IDs: encrypted, searchable, masked ---------------------------------------------------------------------


def test_citizen_id_is_stored_encrypted_nowhere_in_plain_digits(house):
    member = house.members.get()
    stored = Member.objects.filter(pk=member.pk).values().get()
    for value in stored.values():
        assert CID not in str(value)
        assert CID_DASHED not in str(value)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Member._meta.db_table} WHERE id = %s", [member.pk])
        row = cursor.fetchone()
    assert all(CID not in str(value) for value in row)
    assert stored["citizen_id_encrypted"]
    assert stored["citizen_id_hash"]


@pytest.mark.parametrize(
    "text",
    [CID, CID_DASHED, " 1 1017 00230 70 8 ", "๑๑๐๑๗๐๐๒๓๐๗๐๘", "เอื้อง", "ใจดี", "57030101", "570301010"],
)
def test_household_is_found_by_citizen_id_name_or_house_code_prefix(house, district_chief, text):
    register(district_chief, house_code="57030102001", head="นายแดง มาลา", village_code="57030102")
    found = list(Household.objects.search(text))
    assert found == [house]


def test_search_finds_a_household_by_a_members_name(house, district_chief):
    add_member(house, MemberData(full_name="ด.ญ.มะลิ ศรีสุข"), actor=district_chief)
    assert list(Household.objects.search("มะลิ")) == [house]


def test_search_with_an_unknown_citizen_id_or_empty_text_finds_nothing(house):
    assert not Household.objects.search(OTHER_CID).exists()
    assert not Household.objects.search("  ").exists()


@pytest.mark.parametrize(
    ("role", "area", "shown"),
    [
        ("district_team", "5703", CID_DASHED),
        ("district_chief", "5703", CID_DASHED),
        ("ministry_viewer", None, CID_MASKED),
        ("province_officer", "57", CID_MASKED),
    ],
)
def test_citizen_id_is_shown_whole_only_to_roles_that_need_it(house, role, area, shown):
    user = make_user(role, area)
    assert house.members.get().citizen_id_for(user) == shown


def test_a_member_without_a_citizen_id_shows_nothing(district_chief):
    household = register(district_chief)
    assert household.members.get().citizen_id_for(district_chief) == ""


# --- merging ------------------------------------------------------------------------------------------------------


@pytest.fixture
def pair(district_chief):
    """A duplicate household in tambon 570301 with a member and a story, and the household to keep in 570302."""
    keep = register(district_chief, village_code="57030201", house_code="57030201001", citizen_id=CID)
    duplicate = register(
        district_chief,
        village_code="57030101",
        house_code="57030101009",
        head="นางเอื้อง ใจดี",
        more=[MemberData(full_name="นายเขียว ใจดี", citizen_id=OTHER_CID)],
    )
    story = story_on(duplicate, district_chief)
    return duplicate, keep, story


def test_merging_moves_members_and_stories_and_leaves_a_pointer(pair, district_chief):
    duplicate, keep, story = pair
    merge_households(duplicate, keep, actor=district_chief, note="ลงทะเบียนซ้ำ")
    duplicate.refresh_from_db()
    story.refresh_from_db()
    assert duplicate.merged_into == keep
    assert not duplicate.members.exists()
    assert sorted(keep.members.values_list("full_name", flat=True)) == [
        "นางเอื้อง ใจดี",
        "นางเอื้อง ใจดี",
        "นายเขียว ใจดี",
    ]
    assert keep.members.filter(is_head=True).count() == 1
    assert story.household == keep
    assert story.area_id == "57030201"  # follows the kept household's village
    assert story.events.filter(kind=StoryEventKind.MOVED).count() == 1
    merged_in = HouseholdEvent.objects.get(household=keep, kind=HouseholdEventKind.MERGED_IN)
    merged_away = HouseholdEvent.objects.get(household=duplicate, kind=HouseholdEventKind.MERGED_AWAY)
    assert merged_in.actor == merged_away.actor == district_chief
    assert merged_in.note == "ลงทะเบียนซ้ำ"
    assert merged_in.data["house_code"] == duplicate.house_code
    assert merged_away.data["house_code"] == keep.house_code
    assert list(Household.objects.active().filter(pk__in=[duplicate.pk, keep.pk])) == [keep]


def test_a_merged_household_takes_no_new_stories_and_cannot_be_merged_again(pair, district_chief):
    duplicate, keep, _story = pair
    merge_households(duplicate, keep, actor=district_chief)
    duplicate.refresh_from_db()
    with pytest.raises(ValidationError):
        story_on(duplicate, district_chief)
    with pytest.raises(ValidationError):
        merge_households(duplicate, keep, actor=district_chief)


def test_a_field_worker_may_not_merge(pair):
    duplicate, keep, story = pair
    worker = make_user("field_worker", "570301", ("field_worker", "570302"))
    with pytest.raises(PermissionDenied):
        merge_households(duplicate, keep, actor=worker)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert Story.objects.get(pk=story.pk).household == duplicate


def test_a_district_may_not_merge_households_outside_its_area(pair, other_district_chief, district_chief):
    duplicate, keep, _story = pair
    with pytest.raises(PermissionDenied):
        merge_households(duplicate, keep, actor=other_district_chief)
    elsewhere = register(other_district_chief, village_code="90050101", house_code="90050101001")
    with pytest.raises(PermissionDenied):
        merge_households(elsewhere, keep, actor=district_chief)
    with pytest.raises(PermissionDenied):
        merge_households(duplicate, elsewhere, actor=district_chief)
    assert not Household.objects.filter(merged_into__isnull=False).exists()


def test_moving_a_household_to_another_village_moves_its_stories(house, district_chief):
    story = story_on(house, district_chief)
    village("57030201")
    update_household(house, actor=district_chief, village_code="57030201")
    story.refresh_from_db()
    house.refresh_from_db()
    assert house.village_id == "57030201"
    assert story.area_id == "57030201"
    moved = story.events.get(kind=StoryEventKind.MOVED)
    assert (moved.data["from_area"], moved.data["to_area"]) == ("57030101", "57030201")
    assert house.events.filter(kind=HouseholdEventKind.UPDATED).exists()


def test_moving_a_household_outside_ones_area_is_refused(house, district_chief):
    village("90050101")
    with pytest.raises(PermissionDenied):
        update_household(house, actor=district_chief, village_code="90050101")
    house.refresh_from_db()
    assert house.village_id == "57030101"


# --- pages --------------------------------------------------------------------------------------------------------


def test_household_page_masks_the_citizen_id_for_a_ministry_viewer(house, client_for):
    response = client_for(make_user("ministry_viewer")).get(reverse("households:detail", args=[house.house_code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert CID_MASKED in text
    assert CID_DASHED not in text
    assert CID not in text


def test_household_page_shows_the_whole_citizen_id_to_the_district_chief(house, client_for, district_chief):
    response = client_for(district_chief).get(reverse("households:detail", args=[house.house_code]))
    assert response.status_code == 200
    assert CID_DASHED in response.content.decode()


def test_household_page_of_another_district_is_not_found(house, client_for, other_district_chief):
    response = client_for(other_district_chief).get(reverse("households:detail", args=[house.house_code]))
    assert response.status_code == 404


def _new_form(**overrides):
    data = {
        "village": "57030101",
        "house_code": "57030101002",
        "house_no": "7",
        "full_name": "นายประดิษฐ์ สิมาจารย์",
        "sex": "male",
        "citizen_id": "",
    }
    return {**data, **overrides}


def test_registering_on_the_page_creates_the_household(client_for, district_chief):
    village("57030101")
    response = client_for(district_chief).post(reverse("households:new"), _new_form(citizen_id=CID_DASHED))
    assert response.status_code == 302
    assert response["Location"] == reverse("households:detail", args=["57030101002"])
    household = Household.objects.get(house_code="57030101002")
    assert household.head_name == "นายประดิษฐ์ สิมาจารย์"
    assert household.members.get().citizen_id_last3 == "708"


def test_registering_a_duplicate_house_code_on_the_page_links_to_the_existing_household(
    house, client_for, district_chief
):
    response = client_for(district_chief).post(reverse("households:new"), _new_form(house_code=house.house_code))
    assert response.status_code == 200
    text = response.content.decode()
    assert "พบครัวเรือนที่อาจซ้ำกันในระบบแล้ว" in text
    assert f'href="{reverse("households:detail", args=[house.house_code])}"' in text
    assert Household.objects.count() == 1


def test_registering_a_known_citizen_id_on_the_page_links_to_its_household(house, client_for, district_chief):
    response = client_for(district_chief).post(reverse("households:new"), _new_form(citizen_id=CID))
    assert response.status_code == 200
    assert f'href="{reverse("households:detail", args=[house.house_code])}"' in response.content.decode()
    assert not Household.objects.filter(house_code="57030101002").exists()


def test_a_duplicate_in_another_district_is_reported_without_revealing_it(client_for, district_chief):
    far = register(make_user("ministry_admin"), village_code="90050101", house_code="90050101001", citizen_id=CID)
    village("57030101")
    response = client_for(district_chief).post(reverse("households:new"), _new_form(citizen_id=CID))
    assert response.status_code == 200
    text = response.content.decode()
    assert "ครัวเรือนที่ซ้ำบางรายการอยู่นอกพื้นที่ของคุณ" in text
    assert far.house_code not in text
    assert not Household.objects.filter(house_code="57030101002").exists()


def test_a_bad_citizen_id_on_the_form_shows_the_thai_error(client_for, district_chief):
    village("57030101")
    response = client_for(district_chief).post(reverse("households:new"), _new_form(citizen_id=BAD_CHECK_DIGIT))
    assert response.status_code == 200
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)" in response.content.decode()
    assert not Household.objects.exists()


def test_a_ministry_viewer_may_not_open_the_registration_page(client_for):
    response = client_for(make_user("ministry_viewer")).get(reverse("households:new"))
    assert response.status_code == 403


@pytest.mark.parametrize("query", [CID, CID_DASHED])
def test_household_list_finds_a_household_by_citizen_id(house, client_for, district_chief, query):
    other = register(district_chief, house_code="57030101002", head="นายแดง มาลา", citizen_id=OTHER_CID)
    response = client_for(district_chief).get(reverse("households:list"), {"q": query})
    assert response.status_code == 200
    text = response.content.decode()
    assert house.house_code in text
    assert "นางเอื้อง ใจดี" in text
    assert other.house_code not in text
    assert [h.pk for h in response.context["object_list"]] == [house.pk]


def test_merging_into_a_household_that_was_itself_merged_away_is_refused(pair, district_chief):
    duplicate, keep, _story = pair
    third = register(district_chief, village_code="57030101", house_code="57030101010", head="นายอื่น")
    story = story_on(third, district_chief)
    merge_households(duplicate, keep, actor=district_chief)
    duplicate.refresh_from_db()
    with pytest.raises(ValidationError):
        merge_households(third, duplicate, actor=district_chief)
    story.refresh_from_db()
    assert story.household == third
