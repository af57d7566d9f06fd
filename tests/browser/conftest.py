"""Browser tests: Tuksuk served by a real server process on a fresh SQLite database with the reference and demo
data (as `make demo` builds it), driven by Playwright in Debian's headless Chromium.

Screenshots land in var/screenshots/ to look at after a run.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TUKSUK_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The SQLite file the browser tests' server uses (to check figures against the records)."""
    return tmp_path_factory.mktemp("e2e") / "tuksuk.sqlite3"


@pytest.fixture(scope="session")
def live_url(tmp_path_factory, live_db):  # type: ignore[no-untyped-def]
    """Base URL of a Tuksuk server with the demo dataset."""
    db = live_db
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tuksuk.settings.local",
        "DATABASE_URL": f"sqlite:///{db}",
        "TUKSUK_LOGIN_FAILURE_LIMIT": "50",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["load_reference"], ["seed_demo"]):
        subprocess.run([*manage, *command], env=env, check=True, cwd=ROOT, capture_output=True)
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "server.log").open("w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("The Tuksuk server did not start")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (run `make test`, which installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):  # type: ignore[no-untyped-def]
    """A fresh browser tab (phone-sized unless the test says otherwise), screenshot saved at the end."""
    viewport = getattr(request, "param", {"width": 412, "height": 915})
    context = browser.new_context(viewport=viewport, locale="th-TH")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def login(page, live_url):  # type: ignore[no-untyped-def]
    def log_in(username: str, password: str = "demo-tuksuk-2565"):  # type: ignore[no-untyped-def]
        page.goto(f"{live_url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]:has-text('เข้าสู่ระบบ')")
        page.wait_for_load_state()
        return page

    return log_in
