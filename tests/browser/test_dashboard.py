"""Dashboards in the browser: a figure checked against the database, drill-down, charts drawn."""

import re
import sqlite3

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def count(db, sql: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


@pytest.mark.parametrize("page", [{"width": 1280, "height": 1000}], indirect=True)
def test_ministry_dashboard_matches_the_database_and_drills_down(login, live_url, live_db, page):
    login("admin")
    page.goto(f"{live_url}/reports/dashboard/")
    total = count(live_db, "SELECT count(*) FROM cases_story")
    expect(page.get_by_test_id("figure-stories")).to_have_text(f"{total:,}")
    expect(page.get_by_test_id("data-stamp")).to_contain_text(re.compile(r"ข้อมูล ณ วันที่ .+ 25\d\d"))
    expect(page.locator("#chart-category svg")).to_have_count(1)
    page.get_by_test_id("children").get_by_role("link", name="ภาคเหนือ").click()
    page.get_by_test_id("children").get_by_role("link", name="กลุ่มจังหวัดภาคเหนือตอนบน 2").click()
    page.get_by_test_id("children").get_by_role("link", name="จังหวัดเชียงราย").click()
    page.get_by_test_id("children").get_by_role("link", name="อำเภอเชียงของ").click()
    district = count(live_db, "SELECT count(*) FROM cases_story WHERE area_id LIKE '5703%'")
    expect(page.get_by_test_id("figure-stories")).to_have_text(f"{district:,}")


def test_district_dashboard_on_a_phone(login, live_url, live_db):
    page = login("chiangkhong_chief")
    page.goto(f"{live_url}/reports/dashboard/")
    overdue = count(
        live_db,
        "SELECT count(*) FROM cases_story WHERE area_id LIKE '5703%' AND status IN "
        "('new','verified','in_progress','referred') AND due_on < date('now', '+7 hours')",
    )
    expect(page.get_by_test_id("figure-overdue")).to_have_text(f"{overdue:,}")
    page.get_by_test_id("figure-overdue").click()
    expect(page.get_by_test_id("result-count")).to_contain_text(f"{overdue:,} เรื่อง")


@pytest.mark.parametrize("page", [{"width": 1280, "height": 900}], indirect=True)
def test_map_shows_the_districts_households_without_outside_tiles(login, live_url, live_db, page):
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(live_url) else None)
    login("chiangkhong_chief")
    page.goto(f"{live_url}/reports/map/")
    located = count(
        live_db,
        "SELECT count(*) FROM households_household WHERE village_id LIKE '5703%' "
        "AND latitude IS NOT NULL AND merged_into_id IS NULL",
    )
    expect(page.get_by_test_id("map")).to_have_attribute("data-points", str(located))
    expect(page.locator(".leaflet-marker-icon, .marker-cluster").first).to_be_visible()
    assert [url for url in outside if not url.startswith("data:")] == []
