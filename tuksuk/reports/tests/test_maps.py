"""Map data: only households with a location in the reader's area; areas sized by their figures."""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    places = {"mine": build_place("5703", "570301"), "other": build_place("9005", "900501")}
    Household.objects.filter(pk=places["mine"].household.pk).update(latitude="20.260000", longitude="100.400000")
    Household.objects.filter(pk=places["other"].household.pk).update(latitude="6.830000", longitude="100.960000")
    return places


def test_points_are_only_in_the_users_area(api_for, district_chief, world):
    body = api_for(district_chief).get("/api/v1/map/households/").json()
    assert [f["properties"]["house_code"] for f in body["features"]] == ["57030101001"]
    assert body["features"][0]["geometry"]["coordinates"] == [100.4, 20.26]
    assert body["features"][0]["properties"]["state"] == "open"


def test_households_without_location_are_left_out(api_for, world):
    Household.objects.update(latitude=None, longitude=None)
    assert api_for(make_user("ministry_admin")).get("/api/v1/map/households/").json()["features"] == []


def test_area_circles_carry_their_figures(api_for, world):
    body = api_for(make_user("ministry_admin")).get("/api/v1/map/areas/", {"level": "district"}).json()
    found = {f["properties"]["code"]: f["properties"] for f in body["features"]}
    assert set(found) == {"5703", "9005"}
    assert found["5703"]["stories"] == 1
    assert found["5703"]["name"] == "เชียงของ"


def test_map_page_needs_no_outside_tile_service(client_for, district_chief, world, settings):
    settings.TUKSUK_MAP_TILE_URL = ""
    page = client_for(district_chief).get(reverse("reports:map")).content.decode()
    assert "tile.openstreetmap" not in page
    assert '"tiles": ""' in page
    assert client_for(district_chief).get(reverse("reports:map"), {"area": "9005"}).status_code == 404
