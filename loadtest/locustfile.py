"""Who uses Tuksuk at once, and how (issue #8). Run by ``loadtest/run.py``; usable alone:

    .venv/bin/locust -f loadtest/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000

Four kinds of user, on the demo data (``seed_demo``, password ``demo-tuksuk-2565``):

- field workers (กำนัน/อสม.): their village's households, one household, record a story, record an action on it;
- district teams: the story list with filters, a Thai name search, stories, a small CSV export, and now and then
  an import check (a dry run, which queues a background job: the one request path that needs Redis);
- provincial and ministry analysts: dashboards at province and district level, report tables, the league table,
  the dashboard and map API;
- public visitors (no login): the showcase pages /p/, published items, search, the public API, view beacons.

Every request is also written as one JSON line to ``$LOADTEST_LOG`` (when set), with its start time, status,
Retry-After and whether a stack trace leaked, so ``run.py`` can judge what happened inside and outside an outage.
A request counts as failed in Locust when its status is not the one the page answers normally (redirects are not
followed: a page that sends a signed-in user to the login page is a failure too).
"""

# ruff: noqa: S311  (random picks what a simulated user does next; nothing secret)
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import threading

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo-tuksuk-2565")
TIMEOUT = float(os.environ.get("LOADTEST_TIMEOUT", "20"))  # seconds: longer is a hang
BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari"

HOUSE_LINK = re.compile(r'href="/households/([0-9]{11})/"')
STORY_LINK = re.compile(r'href="/stories/([0-9]+)/"')
STORY_URL = re.compile(r"/stories/([0-9]+)/$")
JOB_URL = re.compile(r"/jobs/([0-9a-f-]+)/$")
RADIO = r'name="{name}" value="([^"]+)"'
THAI_NAMES = ["สม", "มาลี", "บุญ", "ศรี", "ทอง", "ใจ", "แก้ว", "คำ"]
STORY_TEXTS = [
    "บ้านทรุดโทรม หลังคารั่วเวลาฝนตก ต้องการวัสดุซ่อมแซม",
    "ผู้สูงอายุอยู่ลำพัง ไม่มีรายได้ประจำ",
    "ไม่มีน้ำประปาใช้ในหน้าแล้ง",
    "บุตรหลานออกจากโรงเรียนกลางคัน",
    "ต้องการฝึกอาชีพเพื่อเพิ่มรายได้",
]
IMPORT_CSV = (
    "story_ref,reported_on,house_code,village_code,head_name,category\n"
    "LOAD-{n},2022-06-01,57030102001,57030102,นายสมบัติ ใจมา,1\n"
).encode()

# --- the request log read by run.py ---
_log_lock = threading.Lock()
_log_file = open(os.environ["LOADTEST_LOG"], "a", encoding="utf-8") if os.environ.get("LOADTEST_LOG") else None  # noqa: SIM115


@events.request.add_listener
def _log_request(request_type, name, response_time, response, exception, start_time=None, **kwargs):  # type: ignore[no-untyped-def]
    if _log_file is None:
        return
    status = getattr(response, "status_code", 0) or 0
    headers = getattr(response, "headers", None) or {}
    text = getattr(response, "text", "") if status >= 500 else ""
    row = {
        "t": start_time,
        "method": request_type,
        "name": name,
        "ms": round(response_time or 0, 1),
        "status": status,
        "retry_after": headers.get("Retry-After"),
        "failed": exception is not None,
        "error": _error_kind(exception, status),
        "trace": "Traceback" in text,
        "thai_503": status == 503 and "ไม่พร้อมชั่วคราว" in text,
    }
    with _log_lock:
        _log_file.write(json.dumps(row) + "\n")
        _log_file.flush()


def _error_kind(exception, status: int) -> str | None:  # type: ignore[no-untyped-def]
    if exception is None:
        return None
    if not status:  # requests' timeout or connection error (wrapped by catch_response)
        return (
            "timeout" if "timed out" in str(exception).lower() or "timeout" in str(exception).lower() else "no response"
        )
    return f"HTTP {status}"


class TuksukUser(HttpUser):
    abstract = True
    username = ""
    usernames: tuple[str, ...] = ()

    def on_start(self) -> None:
        self.username = random.choice(self.usernames) if self.usernames else ""
        self.signed_in = False
        self.client.headers["User-Agent"] = BROWSER
        self.client.headers["Accept-Language"] = "th"

    # --- helpers: one request, judged by the status the page answers normally ---
    def call(self, method: str, url: str, name: str, expect=(200,), **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", TIMEOUT)
        with self.client.request(method, url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code in expect:
                response.success()
            else:
                if response.status_code == 302 and "/accounts/login/" in response.headers.get("Location", ""):
                    self.signed_in = False
                response.failure(f"HTTP {response.status_code}")
            return response

    def get(self, url: str, name: str, **kwargs):  # type: ignore[no-untyped-def]
        return self.call("GET", url, name, **kwargs)

    def post(self, url: str, name: str, data: dict, expect=(302,), **kwargs):  # type: ignore[no-untyped-def]
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        return self.call("POST", url, name, expect=expect, data=data, headers={"Referer": self.host + url}, **kwargs)

    def sign_in(self) -> bool:
        if self.signed_in:
            return True
        if self.get("/accounts/login/", "login page").status_code != 200:
            return False
        response = self.post("/accounts/login/", "login", {"username": self.username, "password": PASSWORD})
        self.signed_in = response.status_code == 302
        return self.signed_in


class FieldWorker(TuksukUser):
    """กำนันตำบลเวียง: households of the tambon, recording stories and actions on a phone."""

    weight = 3
    wait_time = between(2, 6)
    usernames = ("wiang_field",)

    def on_start(self) -> None:
        super().on_start()
        self.houses: list[str] = []
        self.my_stories: list[str] = []

    @task(3)
    def households(self) -> None:
        if self.sign_in():
            page = self.get("/households/", "households list")
            self.houses = sorted(set(HOUSE_LINK.findall(page.text))) or self.houses

    @task(3)
    def household(self) -> None:
        if self.sign_in() and self.houses:
            self.get(f"/households/{random.choice(self.houses)}/", "household")

    @task(1)
    def record_story(self) -> None:
        if not (self.sign_in() and self.houses):
            return
        house = random.choice(self.houses)
        form = self.get(f"/stories/new/{house}/", "story form")
        categories = re.findall(RADIO.format(name="category"), form.text)
        if not categories:
            return
        data = {"category": random.choice(categories), "description": random.choice(STORY_TEXTS)}
        response = self.post(f"/stories/new/{house}/", "record story", data)
        if found := STORY_URL.search(response.headers.get("Location", "")):
            self.my_stories = [*self.my_stories[-9:], found[1]]
            self.get(f"/stories/{found[1]}/", "story")

    @task(1)
    def record_action(self) -> None:
        if not (self.sign_in() and self.my_stories):
            return
        story = random.choice(self.my_stories)
        page = self.get(f"/stories/{story}/", "story")
        dimensions = re.findall(RADIO.format(name="dimension"), page.text)
        if not dimensions:
            return
        data = {
            "dimension": random.choice(dimensions),
            "description": "เยี่ยมบ้านและประสานหน่วยงาน",
            "done_on": dt.date.today().isoformat(),
        }
        self.post(f"/stories/{story}/actions/", "record action", data)


class DistrictTeam(TuksukUser):
    """ทีมอำเภอ / นายอำเภอ: following up stories of the district."""

    weight = 2
    wait_time = between(2, 6)
    usernames = ("chiangkhong_team", "prangku_team", "thepha_chief")

    def on_start(self) -> None:
        super().on_start()
        self.stories: list[str] = []

    def _remember(self, page) -> None:  # type: ignore[no-untyped-def]
        self.stories = sorted(set(STORY_LINK.findall(page.text)))[:30] or self.stories

    @task(3)
    def filtered_list(self) -> None:
        if self.sign_in():
            query = random.choice(["status=new", "status=in_progress", "overdue=true", "category=1", "sort=due", ""])
            self._remember(self.get(f"/stories/?{query}", "stories list (filters)"))

    @task(2)
    def search_thai_name(self) -> None:
        if self.sign_in():
            self._remember(self.get(f"/stories/?q={random.choice(THAI_NAMES)}", "stories search (Thai name)"))

    @task(3)
    def open_story(self) -> None:
        if self.sign_in() and self.stories:
            self.get(f"/stories/{random.choice(self.stories)}/", "story")

    @task(1)
    def export_csv(self) -> None:
        if self.sign_in():
            self.get("/stories/?status=new&export=csv", "stories export CSV")

    @task(1)
    def import_check(self) -> None:
        """A dry-run import: queues a background job (Redis), then the job page."""
        if self.username == "thepha_chief" or not self.sign_in():
            return
        self.get("/stories/import/", "import form")
        upload = {"file": ("stories.csv", IMPORT_CSV.replace(b"{n}", str(random.randrange(10**6)).encode()))}
        response = self.post("/stories/import/", "import check (queues a job)", {"dry_run": "on"}, files=upload)
        if found := JOB_URL.search(response.headers.get("Location", "")):
            self.get(f"/jobs/{found[1]}/", "job page")


class Analyst(TuksukUser):
    """สำนักงานจังหวัด / นักวิเคราะห์กระทรวง: dashboards, tables, maps."""

    weight = 1
    wait_time = between(3, 8)
    usernames = ("chiangrai", "viewer")

    @task(3)
    def dashboard(self) -> None:
        if self.sign_in():
            area = random.choice(["57", "5703", "5702", ""])
            self.get(f"/reports/dashboard/?area={area}", "dashboard")

    @task(2)
    def report_table(self) -> None:
        if self.sign_in():
            name = random.choice(["stories-by-category", "stories-by-indicator", "project-values"])
            self.get(f"/reports/{name}/?area={random.choice(['57', '5703'])}", "report table")

    @task(1)
    def league(self) -> None:
        if self.sign_in():
            self.get("/reports/league/?area=57", "league table")

    @task(2)
    def dashboard_api(self) -> None:
        if self.sign_in():
            self.get(f"/api/v1/dashboard/?area={random.choice(['57', '5703'])}", "API dashboard")

    @task(2)
    def map_api(self) -> None:
        if self.sign_in():
            self.get("/api/v1/map/areas/?area=5703&level=subdistrict", "API map areas")
            self.get("/api/v1/map/households/?area=5703", "API map households")


class PublicVisitor(TuksukUser):
    """Anyone on the showcase site: no login, no cookies."""

    weight = 4
    wait_time = between(1, 5)
    items: list[int] = []

    @task(3)
    def home(self) -> None:
        self.get("/p/", "public home")
        self.beacon("page:home")

    @task(2)
    def province_and_district(self) -> None:
        self.get("/p/province/57/", "public province")
        self.get("/p/district/5703/", "public district")
        self.beacon("page:district:5703")

    @task(2)
    def item(self) -> None:
        if not PublicVisitor.items:
            body = self.get("/api/v1/public/items/", "public API items")
            if body.status_code == 200:
                PublicVisitor.items = [row["id"] for row in body.json().get("results", [])]
        if PublicVisitor.items:
            item = random.choice(PublicVisitor.items)
            self.get(f"/p/items/{item}/", "public item")
            self.beacon(f"item:{item}")

    @task(1)
    def search(self) -> None:
        self.get(f"/p/search/?q={random.choice(['น้ำ', 'อาชีพ', 'บ้าน', 'ผู้สูงอายุ'])}", "public search")

    @task(1)
    def public_api(self) -> None:
        self.get("/api/v1/public/figures/", "public API figures")
        self.get("/api/v1/public/items/", "public API items")

    def beacon(self, target: str) -> None:
        self.call("POST", "/p/beacon/", "public beacon", expect=(204,), data={"target": target, "kind": "view"})
