"""Area and role scoping of every endpoint of this app (see tests/test_scoping_everywhere.py).

Requests are area-bound (the household's village): the district team, the chief and a ministry administrator reach
their own district's (200) and get 404 for another district's; auditors read everything; field workers, agency
staff, province officers and the ministry viewer get 403; an anonymous caller is sent to log in. Actions and copy
downloads are for the chief and the ministry administrator: the district team gets 403 there.
"""

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.privacy import services

pytestmark = pytest.mark.django_db

SCOPING_COVERS: set[str] = {
    "privacy:list",
    "privacy:retention",
    "privacy:new",
    "privacy:detail",
    "privacy:action",
    "privacy:download",
}

WRONG_ROLES = [
    ("field_worker", "570301"),
    ("province_officer", "57"),
    ("ministry_viewer", None),
]


@pytest.fixture
def requests(place, other_place, record, chief):  # type: ignore[no-untyped-def]
    mine, theirs = record(place), record(other_place)
    services.make_copy(mine, actor=chief)
    services.make_copy(theirs, actor=make_user("district_chief", "9005"))
    return mine, theirs


def _urls(place, dsr):  # type: ignore[no-untyped-def]
    """name -> (method, url) of every object endpoint for this place's request."""
    return {
        "privacy:new": ("get", reverse("privacy:new", args=[place.household.house_code])),
        "privacy:detail": ("get", reverse("privacy:detail", args=[dsr.pk])),
        "privacy:action": ("post", reverse("privacy:action", args=[dsr.pk, "start"])),
        "privacy:download": ("get", reverse("privacy:download", args=[dsr.pk, "xlsx"])),
    }


def _call(client, method, url):  # type: ignore[no-untyped-def]
    return client.post(url) if method == "post" else client.get(url)


def test_chief_in_area_200_out_of_area_404(place, other_place, requests, chief, client_for):
    mine, theirs = requests
    client = client_for(chief)
    for name, (method, url) in _urls(place, mine).items():
        assert _call(client, method, url).status_code in (200, 302), name
    for name, (method, url) in _urls(other_place, theirs).items():
        assert _call(client, method, url).status_code == 404, name
    listing = client.get(reverse("privacy:list"))
    assert [r.pk for r in listing.context["object_list"]] == [mine.pk]
    assert client.get(reverse("privacy:retention")).status_code == 200


def test_district_team_records_and_reads_but_does_not_decide(place, other_place, requests, team, client_for):
    mine, theirs = requests
    client = client_for(team)
    urls = _urls(place, mine)
    assert client.get(urls["privacy:new"][1]).status_code == 200
    assert client.get(urls["privacy:detail"][1]).status_code == 200
    assert client.post(urls["privacy:action"][1]).status_code == 403
    assert client.get(urls["privacy:download"][1]).status_code == 403
    assert client.get(reverse("privacy:new", args=[other_place.household.house_code])).status_code == 404
    assert client.get(reverse("privacy:detail", args=[theirs.pk])).status_code == 404


def test_auditor_reads_everything_and_changes_nothing(place, other_place, requests, client_for):
    mine, theirs = requests
    client = client_for(make_user("auditor"))
    assert {r.pk for r in client.get(reverse("privacy:list")).context["object_list"]} == {mine.pk, theirs.pk}
    assert client.get(reverse("privacy:detail", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("privacy:new", args=[place.household.house_code])).status_code == 403
    assert client.post(reverse("privacy:action", args=[mine.pk, "start"])).status_code == 403
    assert client.get(reverse("privacy:download", args=[mine.pk, "json"])).status_code == 403


def test_ministry_admin_reaches_every_district(place, other_place, requests, client_for, ministry_admin):
    mine, theirs = requests
    client = client_for(ministry_admin)
    for place_, dsr in ((place, mine), (other_place, theirs)):
        for name, (method, url) in _urls(place_, dsr).items():
            assert _call(client, method, url).status_code in (200, 302), name


@pytest.mark.parametrize(("role", "area"), WRONG_ROLES)
def test_other_roles_get_403(place, requests, client_for, role, area):
    mine, _theirs = requests
    client = client_for(make_user(role, area))
    for name, (method, url) in _urls(place, mine).items():
        assert _call(client, method, url).status_code == 403, name
    assert client.get(reverse("privacy:list")).status_code == 403
    assert client.get(reverse("privacy:retention")).status_code == 403


def test_no_assignment_gets_403_and_anonymous_is_sent_to_log_in(place, requests, client, client_for, nobody):
    mine, _theirs = requests
    for name, (method, url) in _urls(place, mine).items():
        assert _call(client_for(nobody), method, url).status_code == 403, name
    client.logout()
    for name, (method, url) in [*_urls(place, mine).items(), ("list", ("get", reverse("privacy:list")))]:
        response = _call(client, method, url)
        assert response.status_code == 302, name
        assert reverse("login") in response["Location"], name
