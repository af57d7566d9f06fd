"""A person logs in, switches language and walks the area tree, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_district_chief_logs_in_and_sees_their_district(login, live_url):
    page = login("chiangkhong_chief")
    expect(page.get_by_test_id("current-user")).to_contain_text("ธนพล")
    expect(page.get_by_test_id("my-assignments")).to_contain_text("นายอำเภอ")
    expect(page.get_by_test_id("my-assignments")).to_contain_text("เชียงของ")


def test_wrong_password_shows_a_thai_message(login):
    page = login("chiangkhong_chief", "not-the-password")
    expect(page.get_by_test_id("login-error")).to_contain_text("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")


def test_switch_to_english_and_back(login):
    page = login("chiangkhong_chief")
    page.get_by_role("button", name=re.compile("Navigation|เมนู")).click()
    page.get_by_test_id("language-switch").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name=re.compile("Navigation|Menu|เมนู")).click()
    page.get_by_test_id("language-switch").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")


@pytest.mark.parametrize("page", [{"width": 1280, "height": 900}], indirect=True)
def test_ministry_user_walks_from_region_to_tambon(login, live_url):
    page = login("admin")
    page.goto(f"{live_url}/areas/")
    for name in ["ภาคเหนือ", "กลุ่มจังหวัดภาคเหนือตอนบน 2", "เชียงราย", "เชียงของ", "เวียง"]:
        page.get_by_role("link", name=re.compile(re.escape(name))).first.click()
        expect(page.get_by_test_id("area-title")).to_contain_text(name)
    expect(page.get_by_test_id("area-code")).to_have_text("570301")
    expect(page.get_by_test_id("area-children")).to_contain_text("หมู่ที่ 1")
    expect(page.get_by_test_id("breadcrumb")).to_contain_text("เชียงของ")


@pytest.mark.parametrize("page", [{"width": 1280, "height": 900}], indirect=True)
def test_province_page_marks_the_pilot_district(login, live_url):
    page = login("chiangrai")
    page.goto(f"{live_url}/areas/57/")
    row = page.get_by_role("row").filter(has_text="5703")
    expect(row.get_by_test_id("pilot-badge")).to_be_visible()


def test_live_search_finds_english_names(login, live_url):
    page = login("admin")
    page.goto(f"{live_url}/areas/search/")
    page.get_by_role("searchbox").fill("Chiang Khong")
    expect(page.get_by_test_id("search-results")).to_contain_text("เชียงของ")


def test_district_user_cannot_open_another_district(login, live_url):
    page = login("chiangkhong_chief")
    response = page.goto(f"{live_url}/areas/9005/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("ไม่พบข้อมูล")
