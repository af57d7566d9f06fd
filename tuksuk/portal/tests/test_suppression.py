"""Small numbers: any public figure below 5 for a district shows as "<5"; provinces and the country exactly."""

import pytest
from django.urls import reverse

from tuksuk.portal.suppression import SUPPRESSED, chart_value, shown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "level", "expected"),
    [
        (0, "district", "<5"),
        (1, "district", "<5"),
        (4, "district", "<5"),
        (5, "district", 5),
        (120, "district", 120),
        (0, "province", 0),
        (3, "province", 3),
        (2, "national", 2),
        (None, "district", "<5"),
    ],
)
def test_the_rule(value, level, expected):
    assert shown(value, level) == expected


def test_charts_get_no_bar_for_suppressed_values():
    assert chart_value(3, "district") is None
    assert chart_value(3, "province") == 3


def test_district_page_and_api_suppress_small_figures_province_shows_them(client, world):
    # Each district of the world has 1 story and 1 household: below 5 at district level, exact above it.
    district = client.get(reverse("portal:district", kwargs={"code": "5703"})).content.decode()
    assert "&lt;5" in district
    headline = district.split('data-testid="headline"')[1].split("</div>\n</div>")[0]
    assert ">1<" not in headline
    api = client.get(reverse("portal-figures"), {"area": "5703"}).json()
    assert api["level"] == "district"
    assert api["figures"]["households"][""] == SUPPRESSED
    assert all(v == SUPPRESSED or v >= 5 for values in api["figures"].values() for v in values.values())
    province = client.get(reverse("portal-figures"), {"area": "57"}).json()
    assert province["figures"]["households"][""] == 1
    national = client.get(reverse("portal-figures")).json()
    assert national["level"] == "national"
    assert national["figures"]["households"][""] == 2


def test_figure_pages_carry_the_data_stamp(client, world):
    for url in (
        reverse("portal:home"),
        reverse("portal:province", args=["57"]),
        reverse("portal:district", args=["5703"]),
    ):
        assert "ข้อมูล ณ วันที่" in client.get(url).content.decode()


def test_unknown_area_is_404(client, world):
    for area in ("99", "570301", "57030101", "x", "../"):
        assert client.get(reverse("portal-figures"), {"area": area}).status_code == 404
    assert client.get("/p/province/5703/").status_code == 404
    assert client.get("/p/district/57/").status_code == 404
