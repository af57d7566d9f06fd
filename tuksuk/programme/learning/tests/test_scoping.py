"""Area and role scoping of every endpoint of this app.

``SCOPING_COVERS`` names every URL name of this app that these tests prove; tests/test_scoping_everywhere.py
fails while a URL of the project is covered nowhere.

Sessions and answers are scoped by district: own district → 200, another district → 404, no assignment → 404,
read-only role → 403 on writes. Knowledge items are read nationally (see ``models/knowledge.py``): another
district's item → 200 to read, 403 to edit; no assignment → 404. Questionnaires: read by all assigned, written by
ministry admins only.
"""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.programme.learning import services

from .helpers import answer, item, pdf, record

pytestmark = pytest.mark.django_db

SESSION_ROUTES = {
    # name -> (method, POST data); the session's district decides in or out of scope
    "learning:session-detail": ("get", None),
    "learning:session-edit": ("get", None),
    "learning:session-participants": ("get", None),
    "learning:session-answers": ("get", None),
    "learning:session-publish": ("post", {}),
    "learning-session-detail": ("get", None),
    "learning-session-answers": ("get", None),
}
ITEM_READ_ROUTES = ("learning:kb-detail", "learning:kb-file", "learning-knowledge-detail")
ITEM_WRITE_ROUTES = {"learning:kb-edit": ("get", None), "learning:kb-status": ("post", {"reason": "เก่า"})}
ADMIN_ROUTES = {
    "learning:questionnaire-new": ("get", False, None),
    "learning:questionnaire-edit": ("get", True, None),
    "learning:part-add": ("post", True, {"title": "ส่วนใหม่"}),
    "learning:question-add": ("post", True, {"text": "คำถามใหม่"}),
    "learning:question-edit": ("get", "question", None),
}
LIST_ROUTES = (
    "learning:index",
    "learning:kb-list",
    "learning:session-list",
    "learning:questionnaire-list",
    "learning-knowledge-list",
    "learning-session-list",
    "learning-questionnaire-list",
)
OTHER = {
    "learning:kb-new",
    "learning:kb-from-project",
    "learning:session-new",
    "learning:questionnaire-detail",
    "learning-questionnaire-detail",
    "learning:summary",
    "learning:summary-pdf",
}
SCOPING_COVERS: set[str] = (
    set(SESSION_ROUTES) | set(ITEM_READ_ROUTES) | set(ITEM_WRITE_ROUTES) | set(ADMIN_ROUTES) | set(LIST_ROUTES) | OTHER
)


@pytest.fixture
def world(year_one, district_chief, other_district_chief):
    mine = record(year_one, "5703", district_chief, place="ห้องประชุมเชียงของ")
    answer(mine, district_chief, {1: ("คำตอบเชียงของ", 5)})
    other = record(year_one, "9005", other_district_chief, place="ห้องประชุมเทพา")
    answer(other, other_district_chief, {1: ("คำตอบเทพา", 3)})
    return {
        "mine": mine,
        "other": other,
        "my_item": item(district_chief, "แผนน้ำเชียงของ", area="5703", kind="document", upload=pdf()),
        "their_item": item(other_district_chief, "แผนน้ำเทพา", area="9005", kind="document", upload=pdf()),
    }


def _session_call(client, name, session):  # type: ignore[no-untyped-def]
    method, data = SESSION_ROUTES[name]
    url = reverse(name, kwargs={"pk": session.pk})
    return client.get(url) if method == "get" else client.post(url, data)


@pytest.mark.parametrize("name", list(SESSION_ROUTES))
def test_sessions_are_scoped_by_district(name, client_for, district_chief, nobody, viewer, world):
    assert _session_call(client_for(district_chief), name, world["mine"]).status_code in (200, 302)
    assert _session_call(client_for(district_chief), name, world["other"]).status_code == 404
    assert _session_call(client_for(nobody), name, world["mine"]).status_code == 404
    read_only = _session_call(client_for(viewer), name, world["mine"]).status_code
    assert read_only == (
        200
        if name.endswith(("detail", "answers")) and name.startswith("learning-")
        else 200
        if name == "learning:session-detail"
        else 403
    )


@pytest.mark.parametrize("name", ITEM_READ_ROUTES)
def test_knowledge_items_are_read_nationally(name, client_for, district_chief, nobody, world):
    url = reverse(name, kwargs={"pk": world["their_item"].pk})
    assert client_for(district_chief).get(url).status_code == 200  # another district's item: readable
    assert client_for(make_user("agency_staff", "90", agency="PEA")).get(url).status_code == 200
    assert client_for(nobody).get(url).status_code == 404


@pytest.mark.parametrize("name", list(ITEM_WRITE_ROUTES))
def test_knowledge_items_are_written_in_their_own_area_only(name, client_for, district_chief, viewer, nobody, world):
    method, data = ITEM_WRITE_ROUTES[name]

    def call(user, key):  # type: ignore[no-untyped-def]
        url = reverse(name, kwargs={"pk": world[key].pk})
        return client_for(user).get(url) if method == "get" else client_for(user).post(url, data)

    assert call(district_chief, "their_item").status_code == 403
    assert call(make_user("field_worker", "570301"), "my_item").status_code == 403
    assert call(viewer, "my_item").status_code == 403
    assert call(nobody, "my_item").status_code == 404
    assert call(district_chief, "my_item").status_code in (200, 302)
    world["their_item"].refresh_from_db()
    assert world["their_item"].status == "published"


@pytest.mark.parametrize("name", list(ADMIN_ROUTES))
def test_questionnaires_are_written_by_ministry_admins_only(name, client_for, year_one, admin, district_chief, viewer):
    method, kwargs, data = ADMIN_ROUTES[name]
    pk = year_one.questions.first().pk if kwargs == "question" else year_one.pk
    url = reverse(name, kwargs={"pk": pk} if kwargs else {})
    for user in (district_chief, viewer, make_user("province_officer", "57")):
        client = client_for(user)
        assert (client.get(url) if method == "get" else client.post(url, data)).status_code == 403
    client = client_for(admin)
    assert (client.get(url) if method == "get" else client.post(url, data)).status_code in (200, 302)


def test_questionnaires_are_read_by_every_assigned_user(client_for, year_one, nobody):
    reader = make_user("field_worker", "900501")
    for name in ("learning:questionnaire-detail", "learning-questionnaire-detail"):
        url = reverse(name, kwargs={"pk": year_one.pk})
        assert client_for(reader).get(url).status_code == 200
        assert client_for(nobody).get(url).status_code == 404
    assert client_for(nobody).get(reverse("learning-questionnaire-list")).json()["count"] == 0


@pytest.mark.parametrize("name", LIST_ROUTES)
def test_lists(name, client_for, client, district_chief, nobody, world):
    url = reverse(name)
    assert client.get(url).status_code in (302, 401, 403)  # anonymous
    body = client_for(district_chief).get(url).content.decode()
    if name == "learning:index":
        sessions = body.split('data-testid="latest-sessions"')[1]
        assert "เชียงของ" in sessions
        assert "เทพา" not in sessions
    elif "session" in name:
        assert "ห้องประชุมเชียงของ" in body or "เชียงของ" in body
        assert "ห้องประชุมเทพา" not in body
        assert "อำเภอเทพา" not in body
    if "kb" in name or "knowledge" in name:
        assert "แผนน้ำเชียงของ" in body
        assert "แผนน้ำเทพา" in body
    nothing = client_for(nobody).get(url)
    assert nothing.status_code == 200
    text = nothing.content.decode()
    assert "แผนน้ำ" not in text
    assert "ห้องประชุม" not in text
    assert "แบบสอบถามการสนทนากลุ่ม" not in text


def test_withdrawn_items_leave_other_districts_lists(client_for, district_chief, other_district_chief, world):
    services.withdraw_item(world["their_item"], actor=other_district_chief, reason="ข้อมูลเก่า")
    url = reverse("learning:kb-detail", kwargs={"pk": world["their_item"].pk})
    assert client_for(district_chief).get(url).status_code == 404
    assert client_for(other_district_chief).get(url).status_code == 200
    api = client_for(district_chief).get(reverse("learning-knowledge-list")).json()
    assert "แผนน้ำเทพา" not in str(api)


def test_contributing_and_recording_need_a_writing_role(client_for, district_chief, viewer, nobody):
    for name in ("learning:kb-new", "learning:session-new"):
        assert client_for(district_chief).get(reverse(name)).status_code == 200
        assert client_for(viewer).get(reverse(name)).status_code == 403
        assert client_for(nobody).get(reverse(name)).status_code == 403
    assert client_for(make_user("field_worker", "570301")).get(reverse("learning:session-new")).status_code == 403
    page = client_for(district_chief).get(reverse("learning:session-new")).content.decode()
    assert "5703" in page
    assert "9005" not in page


def test_project_briefs_are_published_from_projects_in_scope(client_for, district_chief, viewer, nobody):
    from tuksuk.projects import services as projects

    admin = make_user("ministry_admin")
    mine = projects.create_project(actor=admin, district_code="5703", title="น้ำ 5703", category=3, fiscal_year=2565)
    other = projects.create_project(actor=admin, district_code="9005", title="น้ำ 9005", category=3, fiscal_year=2565)
    url = lambda p: reverse("learning:kb-from-project", kwargs={"pk": p.pk})  # noqa: E731
    assert client_for(district_chief).post(url(mine)).status_code == 302
    assert client_for(district_chief).post(url(other)).status_code == 404
    assert client_for(nobody).post(url(mine)).status_code == 404
    assert client_for(viewer).post(url(mine)).status_code == 403


@pytest.mark.parametrize("name", ["learning:summary", "learning:summary-pdf"])
def test_summaries_hold_only_the_readers_districts(name, client_for, year_one, district_chief, nobody, world):
    if name.endswith("pdf"):
        pytest.importorskip("weasyprint")
    url = reverse(name, kwargs={"pk": year_one.pk})
    response = client_for(district_chief).get(url)
    assert response.status_code == 200
    if not name.endswith("pdf"):
        body = response.content.decode()
        assert "คำตอบเชียงของ" in body
        assert "คำตอบเทพา" not in body
    assert client_for(district_chief).get(url, {"area": "90"}).status_code == 404
    assert client_for(nobody).get(url).status_code == 404


def test_api_sessions_are_scoped(api_for, district_chief, nobody, world):
    listed = api_for(district_chief).get(reverse("learning-session-list")).json()
    assert [r["district"] for r in listed["results"]] == ["5703"]
    assert api_for(nobody).get(reverse("learning-session-list")).json()["count"] == 0
    answers = api_for(district_chief).get(reverse("learning-session-answers", kwargs={"pk": world["mine"].pk})).json()
    assert answers[0]["text"] == "คำตอบเชียงของ"
    assert answers[0]["rating"] == 5
