"""A district team creates a project, adds an activity with agencies and reports progress; the governor prints it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", [{"width": 1280, "height": 1000}], indirect=True)
def test_create_project_add_activity_and_report_progress(login, live_url, page):
    login("chiangkhong_team")
    page.goto(f"{live_url}/projects/new/")
    page.get_by_label("ชื่อโครงการ").fill("ระบบประปาหมู่บ้านบ้านหนองบัว")
    page.get_by_label("ประเภทโครงการ").select_option("3")
    page.get_by_label("ภาคราชการ").check()
    page.get_by_label("ภาคประชาชน").check()
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_test_id("project-title")).to_have_text("ระบบประปาหมู่บ้านบ้านหนองบัว")

    page.get_by_text("เพิ่มกิจกรรม", exact=True).first.click()
    page.get_by_label("ชื่อกิจกรรม").fill("วางท่อประปา 2 กิโลเมตร")
    page.get_by_label("หน่วยงานรับผิดชอบ").select_option(label="การประปาส่วนภูมิภาค")
    page.get_by_label("ครัวเรือนเป้าหมาย").fill("45")
    page.locator("form").filter(has_text="ชื่อกิจกรรม").get_by_role("button", name="เพิ่มกิจกรรม").click()
    page.get_by_test_id("activities").get_by_role("link", name=re.compile("วางท่อประปา")).click()

    expect(page.get_by_test_id("activity-title")).to_have_text("วางท่อประปา 2 กิโลเมตร")
    page.get_by_label("ใคร (Who)").fill("ทีมอำเภอเชียงของ กปภ. และชาวบ้าน")
    page.get_by_label("ทำอะไร (What)").fill("วางท่อช่วงแรก 800 เมตร")
    page.get_by_label("ที่ไหน (Where)").fill("หมู่ที่ 1 ตำบลเวียง")
    page.get_by_label("ความก้าวหน้า (%)").first.fill("40")
    page.get_by_role("button", name="บันทึกรายงาน").click()
    expect(page.get_by_test_id("progress-update")).to_contain_text("วางท่อช่วงแรก 800 เมตร")
    expect(page.get_by_text("40%").first).to_be_visible()
