"""A ministry administrator gives a new user a role in an area through the admin UI, and the user then sees it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", [{"width": 1280, "height": 1000}], indirect=True)
def test_admin_assigns_a_district_role_in_the_ui(login, live_url, page):
    login("admin")
    page.goto(f"{live_url}/admin/accounts/user/?q=newcomer")
    page.get_by_role("link", name="newcomer").click()
    inline = page.locator("#role_assignments-group, [id^='role_assignments'][id$='-group']").first
    inline.locator("select[name$='-0-role']").select_option("district_team")
    inline.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill("ปรางค์กู่")
    page.locator(".select2-results__option", has_text=re.compile("ปรางค์กู่.*3307")).first.click()
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.context.clear_cookies()
    login("newcomer")
    expect(page.get_by_test_id("my-assignments")).to_contain_text("ปรางค์กู่")
    expect(page.get_by_test_id("no-scope")).to_have_count(0)
