"""Area and role scoping of every endpoint of this app.

``SCOPING_COVERS`` names every URL name of this app that these tests prove; tests/test_scoping_everywhere.py
fails while a URL of the project is covered nowhere.

The logs are national and for auditors only: an auditor or a ministry administrator reaches every page (200);
everyone else, however high (a province officer, the ministry viewer) or low, gets 403; an anonymous caller is sent
to log in (pages) or refused (API). The History tab follows the record's own scope: 200 in area, 404 outside.
"""

import pytest
from django.urls import reverse

from tuksuk.audit.models import AccessLogEntry, ChangeLogEntry
from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db

SCOPING_COVERS: set[str] = {
    "audit:index",
    "audit:changes",
    "audit:history",
    "audit-access-list",
    "audit-access-detail",
    "audit-change-list",
    "audit-change-detail",
    "audit-access-export",
    "audit-change-export",
}

PAGES = ["audit:index", "audit:changes"]
OTHERS = [
    ("ministry_viewer", None),
    ("province_officer", "57"),
    ("district_chief", "5703"),
    ("district_team", "5703"),
    ("field_worker", "570301"),
]


def api_routes(place):  # type: ignore[no-untyped-def]
    access = AccessLogEntry.objects.create(action="view", object_type="households.household")
    change = ChangeLogEntry.objects.first()
    return [
        reverse("audit-access-list"),
        reverse("audit-access-detail", args=[access.pk]),
        reverse("audit-change-list"),
        reverse("audit-change-detail", args=[change.pk]),
        reverse("audit-access-export"),
        reverse("audit-change-export"),
    ]


@pytest.mark.parametrize("role", ["auditor", "ministry_admin"])
def test_auditors_and_ministry_admins_reach_every_page_and_endpoint(place, client_for, api_for, role):
    user = make_user(role)
    for name in PAGES:
        assert client_for(user).get(reverse(name)).status_code == 200
    for url in api_routes(place):
        assert api_for(user).get(url).status_code == 200


@pytest.mark.parametrize(("role", "area"), OTHERS)
def test_nobody_else_reaches_the_logs(place, client_for, api_for, role, area):
    user = make_user(role, area)
    for name in PAGES:
        assert client_for(user).get(reverse(name)).status_code == 403
        assert client_for(user).get(reverse(name), {"export": "csv"}).status_code == 403
    for url in api_routes(place):
        assert api_for(user).get(url).status_code == 403


def test_no_assignment_and_anonymous_are_refused(place, client, client_for, api_for, nobody):
    for name in PAGES:
        assert client_for(nobody).get(reverse(name)).status_code == 403
    client.logout()
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    for url in api_routes(place):
        assert api_for(nobody).get(url).status_code == 403
        assert api_for().get(url).status_code in {401, 403}


def test_logs_are_read_only_over_the_api(place, api_for, auditor):
    for url in api_routes(place):
        assert api_for(auditor).post(url, {}).status_code == 405
        assert api_for(auditor).delete(url).status_code == 405


def test_the_auditor_role_reads_everything_and_writes_nothing(place, client_for, auditor):
    from django.core.exceptions import PermissionDenied

    from tuksuk.households import services

    assert client_for(auditor).get(reverse("households:detail", args=[place.household.house_code])).status_code == 200
    assert client_for(auditor).get(reverse("households:new")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.register_household(
            actor=auditor, village_code=place.village.code, house_code="57030101999", head_name="x"
        )


@pytest.mark.parametrize("kind", ["household", "story", "project"])
def test_history_follows_the_record_scope(place, other_place, client_for, district_chief, nobody, kind):
    pk = {"household": place.household.pk, "story": place.story.pk, "project": place.project.pk}[kind]
    other = {"household": other_place.household.pk, "story": other_place.story.pk, "project": other_place.project.pk}
    url = reverse("audit:history", args=[kind, pk])
    assert client_for(district_chief).get(url).status_code == 200
    assert client_for(district_chief).get(reverse("audit:history", args=[kind, other[kind]])).status_code == 404
    assert client_for(make_user("district_chief", "9005")).get(url).status_code == 404
    assert client_for(nobody).get(url).status_code == 404
