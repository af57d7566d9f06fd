"""Area and role scoping of every endpoint of this app.

``SCOPING_COVERS`` names every URL name of this app that these tests prove; tests/test_scoping_everywhere.py
fails while a URL of the project is covered nowhere. ``PUBLIC_ROUTES`` is open to everyone without login (the lead
adds it to the project's public list); ``test_notice.py`` proves it holds no personal data.

The breach log: a ministry administrator reaches everything (200, or 302 after a change); an auditor reads every
breach and changes nothing (403); a district chief reads and annotates the breaches of their district (200/302),
gets 403 on the ministry's actions and 404 for another district's breach; every other role, the ministry viewer
included, gets 403; a user with no assignment 403; an anonymous caller is sent to log in. The record of processing
activities is for every logged-in user.
"""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db

PUBLIC_ROUTES: set[str] = {"governance:privacy-notice"}

# route name -> (method, POST data); the ministry's changes and what anyone who sees the breach may do.
READ_ROUTES = {
    "governance:breach": ("get", None),
    "governance:breach-print": ("get", None),
}
NOTE_ROUTES = {"governance:breach-note": ("post", {"note": "อำเภอตรวจสอบเพิ่มเติมแล้ว"})}
MANAGE_ROUTES = {
    "governance:breach-edit": ("get", None),
    "governance:breach-notify": ("post", {"notified_at": "2020-01-01T10:00", "late_reason": "ทดสอบ"}),
    "governance:breach-notify-subjects": ("post", {"notified_at": "2020-01-01T10:00", "how": "หนังสือ"}),
    "governance:breach-no-notification": ("post", {"reason": "ไม่มีความเสี่ยง"}),
    "governance:breach-close": ("post", {"note": ""}),
}
OBJECT_ROUTES = READ_ROUTES | NOTE_ROUTES | MANAGE_ROUTES
LIST_ROUTES = ["governance:breaches", "governance:breach-new"]
SCOPING_COVERS: set[str] = {*OBJECT_ROUTES, *LIST_ROUTES, "governance:ropa", *PUBLIC_ROUTES}

OTHER_ROLES = [
    ("ministry_viewer", None),
    ("province_officer", "57"),
    ("district_team", "5703"),
    ("field_worker", "570301"),
    ("agency_staff", "5703"),
]


def _call(client, name, breach):  # type: ignore[no-untyped-def]
    method, data = OBJECT_ROUTES[name]
    url = reverse(name, kwargs={"pk": breach.pk})
    return client.get(url) if method == "get" else client.post(url, data)


@pytest.mark.parametrize("name", list(OBJECT_ROUTES))
def test_ministry_admin_reaches_every_breach(name, client_for, ministry_admin, breaches):
    for breach in (breaches.mine, breaches.other):
        assert _call(client_for(ministry_admin), name, breach).status_code in (200, 302)


@pytest.mark.parametrize("name", list(OBJECT_ROUTES))
def test_district_chief_sees_own_district_and_gets_404_elsewhere(name, client_for, district_chief, breaches):
    client = client_for(district_chief)
    expected = (403,) if name in MANAGE_ROUTES else (200, 302)
    assert _call(client, name, breaches.mine).status_code in expected
    assert _call(client, name, breaches.province).status_code in expected
    assert _call(client, name, breaches.other).status_code == 404


@pytest.mark.parametrize("name", list(OBJECT_ROUTES))
def test_auditor_reads_and_changes_nothing(name, client_for, auditor, breaches):
    expected = (200,) if name in READ_ROUTES else (403,)
    assert _call(client_for(auditor), name, breaches.other).status_code in expected


@pytest.mark.parametrize(("role", "area"), OTHER_ROLES)
def test_other_roles_get_403(role, area, client_for, breaches):
    kwargs = {"agency": "PEA"} if role == "agency_staff" else {}
    client = client_for(make_user(role, area, **kwargs))
    for name in OBJECT_ROUTES:
        assert _call(client, name, breaches.mine).status_code == 403, name
    for name in LIST_ROUTES:
        assert client.get(reverse(name)).status_code == 403, name


def test_no_assignment_gets_403_and_anonymous_is_sent_to_log_in(client, client_for, nobody, breaches):
    for name in OBJECT_ROUTES:
        assert _call(client_for(nobody), name, breaches.mine).status_code == 403
    for name in LIST_ROUTES:
        assert client_for(nobody).get(reverse(name)).status_code == 403
    client.logout()
    for name in OBJECT_ROUTES:
        response = _call(client, name, breaches.mine)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    for name in [*LIST_ROUTES, "governance:ropa"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_district_chief_lists_only_breaches_touching_their_district(client_for, district_chief, breaches):
    body = client_for(district_chief).get(reverse("governance:breaches")).content.decode()
    assert "เหตุเชียงของ" in body
    assert "เหตุทั้งจังหวัดเชียงราย" in body
    assert "เหตุเทพา" not in body


def test_other_district_chief_sees_their_own_only(client_for, other_district_chief, breaches):
    body = client_for(other_district_chief).get(reverse("governance:breaches")).content.decode()
    assert "เหตุเทพา" in body
    assert "เหตุเชียงของ" not in body
    assert "เหตุทั้งจังหวัดเชียงราย" not in body


@pytest.mark.parametrize("role", ["ministry_admin", "auditor"])
def test_ministry_admin_and_auditor_list_every_breach(role, client_for, breaches):
    body = client_for(make_user(role)).get(reverse("governance:breaches")).content.decode()
    assert "เหตุเชียงของ" in body
    assert "เหตุเทพา" in body


def test_report_form_for_chief_and_admin_refused_to_auditor(client_for, district_chief, ministry_admin, auditor):
    assert client_for(district_chief).get(reverse("governance:breach-new")).status_code == 200
    assert client_for(ministry_admin).get(reverse("governance:breach-new")).status_code == 200
    assert client_for(auditor).get(reverse("governance:breach-new")).status_code == 403


@pytest.mark.parametrize(
    ("role", "area"), [("ministry_viewer", None), ("district_team", "5703"), ("field_worker", "570301"), (None, None)]
)
def test_ropa_is_open_to_every_logged_in_user(role, area, client_for):
    user = make_user(role, area) if role else make_user()
    response = client_for(user).get(reverse("governance:ropa"))
    assert response.status_code == 200
    assert "ทะเบียนครัวเรือนเปราะบาง" in response.content.decode()


def test_privacy_notice_is_public(client):
    assert client.get(reverse("governance:privacy-notice")).status_code == 200
