"""The public site as a visitor sees it, served the way the ministry runs its showcase: a separate portal server
(``TUKSUK_MODE=portal``) reading a published snapshot of the demo data (``publish_snapshot``), on a phone and on an
exhibition screen. Screenshots of the pages go to docs/screenshots/portal-*.png."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import ROOT, _free_port

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1920, "height": 1080}
DOCS = ROOT / "docs" / "screenshots"
VISITOR = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)


def query(db: Path, sql: str, *params) -> list[tuple]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def snapshot_db(live_url, live_db, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The demo database published into a snapshot, with its photos in the portal's own media directory."""
    base = tmp_path_factory.mktemp("portal")
    var = base / "var"
    var.mkdir()
    # The portal's var/ holds its own database and media; the front-end packages are the project's.
    (var / "assets").symlink_to(ROOT / "var" / "assets")
    snapshot = base / "portal.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tuksuk.settings.local", "DATABASE_URL": f"sqlite:///{live_db}"}
    subprocess.run(
        [sys.executable, "manage.py", "publish_snapshot", "--to", f"sqlite:///{snapshot}", "--media-to", var / "media"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return snapshot, var


@pytest.fixture(scope="module")
def portal_url(snapshot_db, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A portal server (public site only) on the snapshot."""
    snapshot, var = snapshot_db
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tuksuk.settings.local",
        "TUKSUK_MODE": "portal",
        "DATABASE_URL": f"sqlite:///{snapshot}",
        "TUKSUK_VAR_DIR": str(var),
    }
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "portal-server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a busy machine can take a while to import and check everything
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz/", timeout=1)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("The portal server did not start")
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def tab(browser, request):  # type: ignore[no-untyped-def]
    """``tab(viewport)``: a fresh browser tab of that size (Thai)."""
    contexts = []

    def open_tab(viewport):  # type: ignore[no-untyped-def]
        # A visitor's browser: headless Chromium names itself "HeadlessChrome", which the counter ignores as a bot.
        context = browser.new_context(viewport=viewport, locale="th-TH", device_scale_factor=1, user_agent=VISITOR)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def shot(page, name: str, full_page: bool = False) -> None:  # type: ignore[no-untyped-def]
    """docs/screenshots/portal-<name>.png, in 256 colours to keep the repository small."""
    DOCS.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(page.screenshot(full_page=full_page))).convert("RGB")
    image.quantize(colors=256, dither=Image.Dither.NONE).save(DOCS / f"portal-{name}.png", optimize=True)


def number(value: int) -> str:
    return f"{value:,}"


def test_home_shows_the_national_figures_and_the_highlights(portal_url, snapshot_db, tab):
    snapshot, _var = snapshot_db
    page = tab(PHONE)
    page.goto(f"{portal_url}/p/")
    stories = query(
        snapshot, "SELECT sum(value) FROM portal_publicfigure WHERE area_code = '' AND dimension = 'status'"
    )
    expect(page.get_by_test_id("headline")).to_contain_text(number(stories[0][0]))
    featured = query(snapshot, "SELECT title FROM portal_publicitem ORDER BY featured DESC, published_at DESC LIMIT 1")
    expect(page.get_by_test_id("highlights")).to_contain_text(featured[0][0])
    expect(page.locator("#chart-category canvas, #chart-category svg").first).to_be_visible()
    # The portal has no staff side: no login link anywhere.
    expect(page.get_by_test_id("staff-login")).to_have_count(0)
    shot(page, "home-phone")
    wide = tab(SCREEN)
    wide.goto(f"{portal_url}/p/")
    expect(wide.get_by_test_id("highlights")).to_contain_text(featured[0][0])
    shot(wide, "home-desktop")


def test_province_is_exact_and_district_small_numbers_show_as_under_five(portal_url, snapshot_db, tab):
    snapshot, _var = snapshot_db
    page = tab(PHONE)
    page.goto(f"{portal_url}/p/province/57/")
    stories = query(
        snapshot, "SELECT sum(value) FROM portal_publicfigure WHERE area_code = '57' AND dimension = 'status'"
    )
    expect(page.get_by_test_id("headline")).to_contain_text(number(stories[0][0]))
    page.get_by_role("link", name=re.compile("เชียงของ")).first.click()
    expect(page).to_have_url(re.compile(r"/p/district/5703/$"))
    small = query(
        snapshot,
        "SELECT count(*) FROM portal_publicfigure WHERE area_code = '5703' AND dimension = 'sdg' AND value < 5",
    )[0][0]
    missing = (
        17
        - query(snapshot, "SELECT count(*) FROM portal_publicfigure WHERE area_code = '5703' AND dimension = 'sdg'")[0][
            0
        ]
    )
    by_sdg = page.get_by_test_id("by-sdg")
    # Every SDG with fewer than 5 stories in the district (none at all included) reads "<5", never the number.
    expect(by_sdg.locator("tbody tr td:nth-child(2)", has_text="<5")).to_have_count(small + missing)
    for value in range(1, 5):
        expect(by_sdg.locator("tbody tr td:nth-child(2)").filter(has_text=re.compile(rf"^{value}$"))).to_have_count(0)
    shot(page, "district-phone")


def test_an_item_counts_its_view_and_a_share(portal_url, snapshot_db, tab):
    snapshot, _var = snapshot_db
    item_id, title = query(snapshot, "SELECT id, title FROM portal_publicitem ORDER BY featured DESC, id LIMIT 1")[0]
    target = f"item:{item_id}"

    def counted(table: str) -> int:
        return query(snapshot, f"SELECT coalesce(sum(n), 0) FROM {table} WHERE target = ?", target)[0][0]

    views, shares = counted("portal_viewcount"), counted("portal_sharecount")
    page = tab(PHONE)
    page.goto(f"{portal_url}/p/items/{item_id}/")
    expect(page.get_by_test_id("item-title")).to_have_text(title)
    expect(page.get_by_test_id("counts")).to_contain_text(f"เข้าชม {number(views)} ครั้ง")
    _wait_for(lambda: counted("portal_viewcount") == views + 1)
    page.get_by_test_id("share").get_by_role("button", name=re.compile("คัดลอกลิงก์")).click()
    _wait_for(lambda: counted("portal_sharecount") == shares + 1)
    shot(page, "item-phone")
    # Counted shares show on the item's page (the page is cached for a minute; a fresh URL asks the server).
    page.goto(f"{portal_url}/p/items/{item_id}/?fresh=1")
    expect(page.get_by_test_id("counts")).to_contain_text(f"แชร์ {number(shares + 1)} ครั้ง")


def _wait_for(condition) -> None:  # type: ignore[no-untyped-def]
    """The beacon is sent in the background: wait (up to 30 s) until the database shows it."""
    for _ in range(300):
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the beacon was not counted")


def test_search_finds_a_published_item_in_thai(portal_url, snapshot_db, tab):
    page = tab(PHONE)
    page.goto(f"{portal_url}/p/")
    page.get_by_role("button", name="เมนู").click()
    page.get_by_role("searchbox").fill("น้ำ")
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(re.compile(r"/p/search/\?q="))
    expect(page.locator("main")).to_contain_text("ระบบประปาหมู่บ้านพลังงานแสงอาทิตย์")
    shot(page, "search-phone")


def test_kiosk_rotates_through_the_highlights(portal_url, tab):
    page = tab(SCREEN)
    page.goto(f"{portal_url}/p/kiosk/?seconds=5")
    slides = page.locator(".kiosk-slide")
    expect(slides.first).to_have_class(re.compile(r"\bactive\b"))
    expect(page.get_by_test_id("kiosk")).to_contain_text("ผลการดำเนินงานทั่วประเทศ")
    shot(page, "kiosk-screen")
    # The next highlight comes on by itself…
    expect(slides.nth(1)).to_have_class(re.compile(r"\bactive\b"), timeout=15_000)
    expect(slides.first).not_to_have_class(re.compile(r"\bactive\b"))
    page.wait_for_timeout(1200)  # let the cross-fade finish before the picture
    shot(page, "kiosk-slide")
    # …and the arrow keys step through them.
    page.keyboard.press("ArrowLeft")
    expect(slides.first).to_have_class(re.compile(r"\bactive\b"))
