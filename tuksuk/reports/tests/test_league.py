"""Comparing areas side by side (the league table)."""

import csv
import io

import pytest
from django.urls import reverse

from tuksuk.areas.models import Area
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.reports.league import league_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {"mine": build_place("5703", "570301"), "other": build_place("9005", "900501")}


def test_ministry_compares_every_district_with_pilots_marked(world):
    table = league_table(make_user("ministry_admin"), "district")
    rows = {row[0]: row for row in table.rows}
    assert len(rows) == 928
    assert rows["5703"][2] == "province"  # เชียงของ: province-level pilot
    assert rows["9005"][2] == "group"  # เทพา: group-level pilot
    assert rows["5701"][2] == ""
    assert rows["5703"][3] == 1  # one story
    assert table.rows[0][3] >= table.rows[-1][3]  # ranked by stories


def test_provinces_level_and_sorting_by_project_value(world):
    table = league_table(make_user("ministry_admin"), "province", sort="value_baht")
    assert len(table.rows) == 77
    assert {table.rows[0][0], table.rows[1][0]} == {"57", "90"}
    assert str(table.rows[0][-1]) == "150000.00"


def test_district_user_compares_only_their_own_area(world, district_chief):
    assert [row[0] for row in league_table(district_chief, "district").rows] == ["5703"]
    assert league_table(district_chief, "province").rows == []


def test_league_inside_an_area(world):
    table = league_table(make_user("ministry_admin"), "district", area=Area.objects.get(code="57"))
    assert {row[0] for row in table.rows} == set(Area.objects.filter(parent_id="57").values_list("code", flat=True))


def test_page_csv_and_scope(client_for, district_chief, world):
    client = client_for(district_chief)
    page = client.get(reverse("reports:league"))
    assert page.status_code == 200
    assert "เชียงของ" in page.content.decode()
    assert "เทพา" not in page.content.decode()
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("reports:league"), {"format": "csv"}).content.decode("utf-8-sig")))
    )
    assert rows[0][:4] == ["code", "name_th", "pilot", "stories"]
    assert [r[0] for r in rows[1:]] == ["5703"]
    assert client.get(reverse("reports:league"), {"area": "90"}).status_code == 404
