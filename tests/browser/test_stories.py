"""A district team member on a phone records a story with a photo, then follows it to a solution."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


def test_record_a_story_and_follow_it_to_resolved(login, live_url):
    page = login("chiangkhong_team")
    page.goto(f"{live_url}/households/")
    page.get_by_test_id("household-list").get_by_role("link").first.click()
    page.get_by_test_id("new-story").click()

    page.get_by_label("บ้าน/ที่อยู่อาศัย").check()
    page.get_by_label(re.compile("บ้านมีสภาพชำรุด")).check()
    page.get_by_label("เล่าเรื่อง").fill("หลังคารั่ว ฝนตกน้ำเข้าบ้าน")
    page.locator("input[name=files]").set_input_files(
        {"name": "roof.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    page.get_by_role("button", name="บันทึกเรื่องราว").click()

    expect(page.get_by_test_id("story-title")).to_contain_text("บ้าน/ที่อยู่อาศัย")
    expect(page.get_by_test_id("status")).to_have_text("ใหม่")
    expect(page.get_by_test_id("timeline")).to_contain_text("บันทึกเรื่อง")

    # Resolving before any action is refused with a clear message.
    form = page.get_by_test_id("status-form")
    form.get_by_label("เปลี่ยนเป็นสถานะ").select_option("in_progress")
    form.get_by_role("button", name="เปลี่ยนสถานะ").click()
    expect(page.get_by_test_id("status")).to_have_text("กำลังดำเนินการ")

    # The action form is open already: the story has no action yet.
    page.get_by_label(re.compile("มิติยาไทย")).check()
    page.get_by_label("สิ่งที่ดำเนินการ").fill("ซ่อมหลังคาด้วยสังกะสีใหม่")
    page.get_by_label("ค่าใช้จ่าย (บาท)").fill("4500")
    page.locator("input[name=before]").set_input_files(
        {"name": "b.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    page.locator("input[name=after]").set_input_files(
        {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_test_id("before-after")).to_have_count(1)

    form = page.get_by_test_id("status-form")
    form.get_by_label("เปลี่ยนเป็นสถานะ").select_option("resolved")
    form.get_by_role("button", name="เปลี่ยนสถานะ").click()
    expect(page.get_by_test_id("status")).to_have_text("แก้ไขแล้ว")
    expect(page.get_by_test_id("timeline")).to_contain_text("กำลังดำเนินการ → แก้ไขแล้ว")


def test_story_list_filters_and_report_stamp(login, live_url):
    page = login("chiangkhong_chief")
    page.goto(f"{live_url}/stories/?status=resolved")
    expect(page.get_by_test_id("result-count")).to_contain_text("เรื่อง")
    for badge in page.get_by_test_id("story-list").get_by_test_id("status").all()[:10]:
        expect(badge).to_have_text("แก้ไขแล้ว")
    page.goto(f"{live_url}/reports/stories-by-category/")
    expect(page.get_by_test_id("data-stamp")).to_contain_text(
        re.compile(r"ข้อมูล ณ วันที่ \d+ .+ 25\d\d เวลา \d\d:\d\d น\.")
    )
