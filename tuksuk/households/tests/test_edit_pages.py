"""Correcting a household or a story from its page."""

import pytest
from django.urls import reverse

from tuksuk.areas.models import Area
from tuksuk.cases.models import StoryEvent
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


def test_moving_a_household_to_another_village_moves_its_stories(client_for, district_chief, place):
    Area.objects.create(code="57030202", level="village", parent_id="570302", name_th="บ้านใหม่")
    url = reverse("households:edit", args=[place.household.house_code])
    response = client_for(district_chief).post(
        url, {"village": "57030202", "head_name": "นายทดสอบ 5703", "house_no": "9/1"}
    )
    assert response.status_code == 302
    place.story.refresh_from_db()
    place.household.refresh_from_db()
    assert (place.household.village_id, place.household.house_no) == ("57030202", "9/1")
    assert place.story.area_id == "57030202"
    assert StoryEvent.objects.filter(story=place.story, kind="moved").exists()


def test_household_cannot_be_moved_outside_the_users_area(client_for, district_chief, place):
    Area.objects.create(code="90050102", level="village", parent_id="900501", name_th="บ้านนอก")
    url = reverse("households:edit", args=[place.household.house_code])
    response = client_for(district_chief).post(url, {"village": "90050102", "head_name": "x"})
    assert response.status_code == 200  # the form again: that village is not a choice
    place.household.refresh_from_db()
    assert place.household.village_id == "57030101"


def test_read_only_user_cannot_edit(client_for, place):
    viewer = make_user("ministry_viewer")
    assert client_for(viewer).get(reverse("households:edit", args=[place.household.house_code])).status_code == 403
    assert client_for(viewer).get(reverse("cases:edit", args=[place.story.pk])).status_code == 403


def test_story_edit_records_what_changed(client_for, district_chief, place):
    url = reverse("cases:edit", args=[place.story.pk])
    response = client_for(district_chief).post(
        url, {"category": "4", "indicators": ["15", "18"], "description": "รายได้ไม่พอ"}
    )
    assert response.status_code == 302
    place.story.refresh_from_db()
    assert place.story.category_id == 4
    assert sorted(place.story.indicators.values_list("number", flat=True)) == [15, 18]
    event = StoryEvent.objects.filter(story=place.story, kind="updated").get()
    assert event.data["before"]["category"] == 1
