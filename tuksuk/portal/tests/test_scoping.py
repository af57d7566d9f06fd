"""Area and role scoping of every endpoint of this app.

``SCOPING_COVERS`` names every URL name of this app that these tests prove; tests/test_scoping_everywhere.py
fails while a URL of the project is covered nowhere. ``PUBLIC_ROUTES`` are the public site's pages and API: open
to everyone without login, and proven to hold no personal data in ``test_privacy.py`` (the lead adds them to the
project's public list).

Publishing pages: the district's staff reach their own district's items (200, or 302 after a change); another
district's chief gets 404; a user with no assignment gets 404 (objects) or an empty list; the read-only ministry
viewer sees but every change answers 403; anonymous callers are sent to log in.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tuksuk.core.testing import make_user
from tuksuk.portal import services

pytestmark = pytest.mark.django_db

PUBLIC_ROUTES: set[str] = {
    "portal:home",
    "portal:province",
    "portal:district",
    "portal:item",
    "portal:search",
    "portal:kiosk",
    "portal:image",
    "portal:beacon",
    "portal-figures",
    "portal-item-list",
    "portal-item-detail",
    "portal-pilot-list",
    "portal-pilot-detail",
}


def photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 140, 90)).save(out, "JPEG")
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


# route name -> (method, which record, POST data)
OBJECT_ROUTES = {
    "portal_admin:detail": ("get", "draft", None),
    "portal_admin:edit": ("get", "draft", None),
    "portal_admin:propose": ("post", "draft", {}),
    "portal_admin:approve": ("post", "proposed", {}),
    "portal_admin:reject": ("post", "proposed", {"note": "แก้ไขถ้อยคำ"}),
    "portal_admin:unpublish": ("post", "published", {}),
    "portal_admin:feature": ("post", "published", {"featured": "1"}),
    "portal_admin:image-add": ("post", "draft", "file"),
    "portal_admin:image-remove": ("post", "draft_image", {}),
    "portal_admin:blur": ("get", "draft_image", None),
    "portal_admin:image-thumb": ("get", "draft_image", None),
    "portal_admin:image-original": ("get", "draft_image", None),
}
LIST_ROUTES = ["portal_admin:index", "portal_admin:counts"]
SCOPING_COVERS: set[str] = {*OBJECT_ROUTES, *LIST_ROUTES, "portal_admin:new", "portal_admin:figures"}


def _records(district: str) -> dict:
    team, chief = make_user("district_team", district), make_user("district_chief", district)

    def item(title):  # type: ignore[no-untyped-def]
        return services.create_item(actor=team, district_code=district, kind="success", title=f"{title} {district}")

    draft, proposed, published = item("ร่าง"), item("รออนุมัติ"), item("เผยแพร่")
    image = services.add_image(draft, photo(), actor=team, phase="before")
    services.propose(proposed, actor=team)
    services.propose(published, actor=team)
    services.approve(published, actor=chief)
    return {"draft": draft, "proposed": proposed, "published": published, "draft_image": image}


@pytest.fixture
def records(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return {"mine": _records("5703"), "other": _records("9005")}


def _call(client, name, records):  # type: ignore[no-untyped-def]
    method, which, data = OBJECT_ROUTES[name]
    url = reverse(name, kwargs={"pk": records[which].pk})
    if method == "get":
        return client.get(url)
    return client.post(url, {"file": photo(), "phase": "before"} if data == "file" else data)


@pytest.mark.parametrize("name", list(OBJECT_ROUTES))
def test_district_staff_reach_their_own_districts_records(name, client_for, district_chief, records):
    response = _call(client_for(district_chief), name, records["mine"])
    assert response.status_code in (200, 302), response.content[:300]


@pytest.mark.parametrize("name", list(OBJECT_ROUTES))
def test_another_districts_records_are_404(name, client_for, district_chief, records):
    assert _call(client_for(district_chief), name, records["other"]).status_code == 404


@pytest.mark.parametrize("name", list(OBJECT_ROUTES))
def test_a_user_without_assignment_gets_404(name, client_for, nobody, records):
    assert _call(client_for(nobody), name, records["mine"]).status_code == 404


@pytest.mark.parametrize("name", [n for n, spec in OBJECT_ROUTES.items() if spec[0] == "post"])
def test_the_read_only_viewer_cannot_change_anything(name, client_for, records):
    viewer = make_user("ministry_viewer")
    assert _call(client_for(viewer), name, records["mine"]).status_code == 403
    assert (
        client_for(viewer).get(reverse("portal_admin:detail", kwargs={"pk": records["mine"]["draft"].pk})).status_code
        == 200
    )


@pytest.mark.parametrize("name", LIST_ROUTES)
def test_lists_show_own_district_and_hide_others(name, client_for, district_chief, records):
    from tuksuk.portal import counting

    counting.count_view("page:district:5703", "5703")
    counting.count_view("page:district:9005", "9005")
    body = client_for(district_chief).get(reverse(name)).content.decode()
    assert "5703" in body or "เชียงของ" in body
    assert "9005" not in body
    assert "เทพา" not in body
    empty = client_for(make_user()).get(reverse(name)).content.decode()
    assert "เชียงของ" not in empty
    assert "เทพา" not in empty


@pytest.mark.parametrize("name", [*LIST_ROUTES, "portal_admin:new"])
def test_anonymous_is_sent_to_log_in(name, client):
    assert client.get(reverse(name)).status_code == 302


def test_only_users_who_may_propose_open_the_new_item_page(client_for, district_chief, nobody, records):
    assert client_for(district_chief).get(reverse("portal_admin:new")).status_code == 200
    assert client_for(nobody).get(reverse("portal_admin:new")).status_code == 403
    assert client_for(make_user("ministry_viewer")).get(reverse("portal_admin:new")).status_code == 403
    body = client_for(district_chief).get(reverse("portal_admin:new")).content.decode()
    assert 'value="5703"' in body
    assert 'value="9005"' not in body


def test_a_proposal_for_another_district_is_refused(client_for, district_chief, records):
    response = client_for(district_chief).post(
        reverse("portal_admin:new"), {"district": "9005", "kind": "success", "title": "แอบเสนอ"}
    )
    assert response.status_code == 200
    assert not services.PublicItem.objects.filter(title="แอบเสนอ").exists()


def test_refreshing_figures_is_for_ministry_admins_only(client_for, district_chief, client):
    assert client_for(district_chief).post(reverse("portal_admin:figures")).status_code == 403
    client.logout()
    assert client.post(reverse("portal_admin:figures")).status_code == 302


def test_every_route_of_the_app_is_covered_or_public():
    from django.urls import get_resolver

    from tests.test_scoping_everywhere import _route_names

    names = {n for n in _route_names(get_resolver().url_patterns) if n.startswith(("portal", "portal_admin:"))}
    assert names == SCOPING_COVERS | PUBLIC_ROUTES
