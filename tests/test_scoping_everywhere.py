"""Area scoping proven on every endpoint that exists.

``OBJECT_ROUTES`` and ``LIST_ROUTES`` must name every URL of the project (``PUBLIC_ROUTES`` aside): adding an
endpoint without adding it here fails ``test_every_endpoint_is_covered``. For each one, a district user
(อำเภอเชียงของ, 5703) reaches their own records, gets 404 for another district's (อำเภอเทพา, 9005), and a
user with no assignment gets nothing.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tuksuk.jobs.models import Job

pytestmark = pytest.mark.django_db

PUBLIC_ROUTES = {
    "login", "logout", "about", "health", "set_language", "javascript-catalog", "api-schema", "api-docs",
    "api-token",
}  # fmt: skip


def _job(user):
    return Job.objects.create(handler="tuksuk.x.y", title="ทดสอบ", created_by=user)


# route name -> (kwargs for an object in the district user's scope, kwargs for one outside it)
OBJECT_ROUTES = {
    "areas:detail": lambda mine, other: ({"code": "570301"}, {"code": "900501"}),
    "area-detail": lambda mine, other: ({"code": "570301"}, {"code": "900501"}),
    "area-children": lambda mine, other: ({"code": "5703"}, {"code": "9005"}),
    "pilot-district-detail": lambda mine, other: _pilots(),
    "jobs:detail": lambda mine, other: ({"pk": _job(mine).pk}, {"pk": _job(other).pk}),
    "jobs:download": None,  # covered in tuksuk/jobs/tests (needs a result file)
    "job-detail": lambda mine, other: ({"pk": _job(mine).pk}, {"pk": _job(other).pk}),
}

# route name -> (query string, text that must appear for the district user, text that must not)
LIST_ROUTES = {
    "home": ({}, "เชียงของ", "เทพา"),
    "areas:tree": ({}, "ภาคเหนือ", "ภาคใต้ชายแดน"),
    "areas:search": ({"q": "เทพา"}, "", "/areas/9005/"),
    "areas:pilots": ({}, "เชียงของ", "เทพา"),
    "jobs:list": ({}, "", "งานของคนอื่น"),
    "area-list": ({"level": "district", "page_size": 500}, '"5703"', '"9005"'),
    "pilot-district-list": ({"page_size": 500}, '"5703"', '"9005"'),
    "job-list": ({}, "", "งานของคนอื่น"),
    "api-me": ({}, "5703", "9005"),
}


def _pilots():
    from tuksuk.areas.models import PilotDistrict

    mine = PilotDistrict.objects.get(district_id="5703", programme_year=2565, level="province")
    other = PilotDistrict.objects.get(district_id="9005", programme_year=2565, level="province")
    return {"pk": mine.pk}, {"pk": other.pk}


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            yield from _route_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_endpoint_is_covered():
    names = set(_route_names(get_resolver().url_patterns))
    uncovered = names - PUBLIC_ROUTES - set(OBJECT_ROUTES) - set(LIST_ROUTES)
    assert not uncovered, f"Add these endpoints to the scoping tests: {sorted(uncovered)}"


@pytest.mark.parametrize("name", [n for n, make in OBJECT_ROUTES.items() if make])
def test_district_user_reaches_own_objects_and_gets_404_for_another_districts(
    name, client_for, district_chief, other_district_chief
):
    mine, other = OBJECT_ROUTES[name](district_chief, other_district_chief)
    client = client_for(district_chief)
    assert client.get(reverse(name, kwargs=mine)).status_code == 200
    assert client.get(reverse(name, kwargs=other)).status_code == 404


@pytest.mark.parametrize("name", [n for n, make in OBJECT_ROUTES.items() if make])
def test_user_without_assignment_gets_404_for_every_object(name, client_for, nobody, district_chief):
    mine, _other = OBJECT_ROUTES[name](district_chief, district_chief)
    assert client_for(nobody).get(reverse(name, kwargs=mine)).status_code == 404


@pytest.mark.parametrize("name", list(LIST_ROUTES))
def test_lists_show_own_area_and_hide_others(name, client_for, district_chief, other_district_chief):
    Job.objects.create(handler="tuksuk.x.y", title="งานของคนอื่น", created_by=other_district_chief)
    query, present, absent = LIST_ROUTES[name]
    response = client_for(district_chief).get(reverse(name), query)
    assert response.status_code == 200
    body = response.content.decode()
    assert present in body
    assert absent not in body


@pytest.mark.parametrize("name", [n for n in LIST_ROUTES if "-" in n and n != "api-me"])
def test_api_lists_are_empty_for_a_user_without_assignment(name, client_for, nobody):
    body = client_for(nobody).get(reverse(name)).json()
    assert body["count"] == 0


@pytest.mark.parametrize("name", [n for n in LIST_ROUTES if n != "api-me"])
def test_anonymous_is_refused_everywhere(name, client):
    response = client.get(reverse(name))
    assert response.status_code in (302, 401)
