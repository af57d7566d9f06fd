"""Area scoping proven on every endpoint that exists.

``OBJECT_ROUTES`` and ``LIST_ROUTES`` must name every URL of the project (``PUBLIC_ROUTES`` aside): adding an
endpoint without adding it here fails ``test_every_endpoint_is_covered``. For each one, a district user
(อำเภอเชียงของ, 5703) reaches their own records, gets 404 for another district's (อำเภอเทพา, 9005), and a
user with no assignment gets nothing.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tuksuk.core.testing_world import build_place, jpeg
from tuksuk.jobs.models import Job
from tuksuk.portal.tests.test_scoping import PUBLIC_ROUTES as PORTAL_PUBLIC_ROUTES

pytestmark = pytest.mark.django_db

PUBLIC_ROUTES = {
    "login",
    "logout",
    "about",
    "health",
    "set_language",
    "javascript-catalog",
    "api-schema",
    "api-docs",
    "api-token",
    # Training: a certificate's verification page and the signed attendance links (they reveal nothing without a
    # genuine token; proven in tuksuk/programme/training/tests/test_scoping.py).
    "training:verify",
    "training:card",
    "training:self-checkin",
    # The privacy notice (PDPA s.23) is for everyone, logged in or not.
    "governance:privacy-notice",
} | PORTAL_PUBLIC_ROUTES


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {"mine": build_place("5703", "570301"), "other": build_place("9005", "900501")}


def _job(user):
    return Job.objects.create(handler="tuksuk.x.y", title="ทดสอบ", created_by=user)


def story(place):
    return {"pk": place.story.pk}


def house(place):
    return {"house_code": place.household.house_code}


def token(place):
    return {"token": place.evidence.token}


def project(place):
    return {"pk": place.project.pk}


def activity(place):
    return {"pk": place.activity.pk}


def media_token(place):
    return {"token": place.media.token}


# route name -> (method, kwargs for a place, POST data); the place's district decides in or out of scope.
OBJECT_ROUTES = {
    "areas:detail": ("get", lambda p: {"code": p.village.parent_id}, None),
    "area-detail": ("get", lambda p: {"code": p.village.parent_id}, None),
    "area-children": ("get", lambda p: {"code": p.district}, None),
    "households:detail": ("get", house, None),
    "households:edit": ("get", house, None),
    "households:member-add": ("post", house, {"full_name": "นางใหม่", "sex": "female"}),
    "households:merge": ("post", house, {"keep": "00000000000", "note": "ซ้ำ"}),
    "household-detail": ("get", house, None),
    "cases:new": ("get", house, None),
    "cases:detail": ("get", story, None),
    "cases:edit": ("get", story, None),
    "cases:status": ("post", story, {"status": "verified"}),
    "cases:assign": ("post", story, {"agency": "1"}),
    "cases:action": ("post", story, {"dimension": "immediate", "description": "x", "done_on": "2022-09-02"}),
    "cases:evidence": ("post", story, {"phase": "other"}),
    "cases:evidence-file": ("get", token, None),
    "cases:evidence-thumb": ("get", token, None),
    "story-detail": ("get", story, None),
    "story-actions": ("get", story, None),
    "story-evidence": ("get", story, None),
    "story-status": ("post", story, {"status": "verified"}),
    "story-assignments": ("post", story, {"agency": "PEA"}),
    "projects:detail": ("get", project, None),
    "projects:edit": ("get", project, None),
    "projects:pdf": ("get", project, None),
    "projects:activity-add": ("post", project, {"title": "กิจกรรมใหม่", "status": "planned", "percent_complete": "0"}),
    "projects:activity": ("get", activity, None),
    "projects:media": ("get", media_token, None),
    "projects:media-thumb": ("get", media_token, None),
    "project-detail": ("get", project, None),
    "project-activities": ("get", project, None),
    "activity-detail": ("get", activity, None),
    "activity-budget": ("get", activity, None),
    "activity-updates": ("get", activity, None),
    "activity-beneficiaries": ("get", activity, None),
    "pilot-district-detail": None,  # below: pilot flags are per district, not per place
    "jobs:detail": None,  # below: jobs belong to users
    "job-detail": None,
    "jobs:download": None,  # covered in tuksuk/jobs/tests (needs a result file)
}

# route name -> (kwargs, query, text that must appear for the district user, text that must not)
LIST_ROUTES = {
    "home": ({}, {}, "เชียงของ", "เทพา"),
    "areas:tree": ({}, {}, "ภาคเหนือ", "ภาคใต้ชายแดน"),
    "areas:search": ({}, {"q": "เทพา"}, "", "/areas/9005/"),
    "areas:pilots": ({}, {}, "เชียงของ", "เทพา"),
    "jobs:list": ({}, {}, "", "งานของคนอื่น"),
    "households:list": ({}, {}, "57030101001", "90050101001"),
    "households:new": ({}, {}, "57030101", "90050101"),
    "projects:list": ({}, {}, "โครงการน้ำสะอาด 5703", "โครงการน้ำสะอาด 9005"),
    "projects:new": ({}, {}, "5703", "9005"),
    "projects:import": ({}, {}, "", "9005"),
    "projects:export": ({}, {"format": "iati"}, "โครงการน้ำสะอาด 5703", "โครงการน้ำสะอาด 9005"),
    "project-list": ({}, {}, "โครงการน้ำสะอาด 5703", "โครงการน้ำสะอาด 9005"),
    "activity-list": ({}, {}, "ขุดสระ 5703", "ขุดสระ 9005"),
    "cases:list": ({}, {}, "นายทดสอบ 5703", "นายทดสอบ 9005"),
    "cases:import": ({}, {}, "", "9005"),
    "reports:index": ({}, {}, "", "9005"),
    "reports:dashboard": ({}, {}, "อำเภอเชียงของ", "อำเภอเทพา"),
    "reports:league": ({}, {}, "เชียงของ", "เทพา"),
    "reports:map": ({}, {}, "", "9005"),
    "api-map-households": ({}, {}, "FeatureCollection", "90050101001"),
    "api-map-areas": ({}, {"level": "district"}, "", '"9005"'),
    "api-dashboard": ({}, {}, '"5703"', '"9005"'),
    "reports:table": ({"name": "stories-by-category"}, {"format": "csv"}, "1,บ้าน/ที่อยู่อาศัย,1", ",2"),
    "api-report": ({"name": "stories-by-category"}, {}, '"total","รวม",1', '"total","รวม",2'),
    "area-list": ({}, {"level": "district", "page_size": 500}, '"5703"', '"9005"'),
    "pilot-district-list": ({}, {"page_size": 500}, '"5703"', '"9005"'),
    "job-list": ({}, {}, "", "งานของคนอื่น"),
    "household-list": ({}, {}, "57030101001", "90050101001"),
    "story-list": ({}, {}, '"57030101"', '"90050101"'),
    "api-me": ({}, {}, "5703", "9005"),
}


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            yield from _route_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


# Apps whose endpoints need their own records (rounds, courses, logs) prove scoping in their own test module,
# which names what it covers in ``SCOPING_COVERS``.
COVERED_ELSEWHERE = (
    "tuksuk.programme.selection.tests.test_scoping",
    "tuksuk.programme.training.tests.test_scoping",
    "tuksuk.programme.learning.tests.test_scoping",
    "tuksuk.audit.tests.test_scoping",
    "tuksuk.portal.tests.test_scoping",
    "tuksuk.privacy.tests.test_scoping",
    "tuksuk.governance.tests.test_scoping",
    "tuksuk.accounts.tests.test_scoping",
)


def _covered_elsewhere() -> set[str]:
    from importlib import import_module

    return set().union(*(import_module(name).SCOPING_COVERS for name in COVERED_ELSEWHERE))


def test_every_endpoint_is_covered():
    names = set(_route_names(get_resolver().url_patterns))
    uncovered = names - PUBLIC_ROUTES - set(OBJECT_ROUTES) - set(LIST_ROUTES) - _covered_elsewhere()
    assert not uncovered, f"Add these endpoints to the scoping tests: {sorted(uncovered)}"


def _call(client, name, place, with_file=False):
    method, kwargs, data = OBJECT_ROUTES[name]
    url = reverse(name, kwargs=kwargs(place))
    if method == "get":
        return client.get(url)
    data = dict(data)
    if with_file or name == "cases:evidence":
        data["files"] = jpeg()
    return client.post(url, data)


PLACE_ROUTES = [n for n, spec in OBJECT_ROUTES.items() if spec]


@pytest.mark.parametrize("name", PLACE_ROUTES)
def test_district_user_reaches_own_objects(name, client_for, district_chief, world):
    response = _call(client_for(district_chief), name, world["mine"])
    assert response.status_code in (200, 302), response.content[:300]


@pytest.mark.parametrize("name", PLACE_ROUTES)
def test_district_user_gets_404_for_another_districts_objects(name, client_for, district_chief, world):
    assert _call(client_for(district_chief), name, world["other"]).status_code == 404


@pytest.mark.parametrize("name", PLACE_ROUTES)
def test_user_without_assignment_gets_404_for_every_object(name, client_for, nobody, world):
    assert _call(client_for(nobody), name, world["mine"]).status_code == 404


@pytest.mark.parametrize("name", PLACE_ROUTES)
def test_agency_staff_see_only_stories_assigned_to_their_agency(name, client_for, world):
    from tuksuk.core.testing import make_user

    staff = make_user("agency_staff", "5703", agency="PEA")
    if name in {"areas:detail", "area-detail", "area-children"}:
        assert _call(client_for(staff), name, world["mine"]).status_code == 200
        return
    assert _call(client_for(staff), name, world["mine"]).status_code == 404
    from tuksuk.agencies.models import Agency
    from tuksuk.cases.services import assign_agency

    pea = Agency.objects.get(code="PEA")
    assign_agency(world["mine"].story, pea, actor=make_user("ministry_admin"))
    world["mine"].activity.agencies.add(pea)
    response = _call(client_for(staff), name, world["mine"])
    # Seeing is allowed now; district-level changes (merging, assigning, new stories) stay refused.
    assert response.status_code in (200, 302, 403), response.status_code


def test_jobs_belong_to_whoever_started_them(client_for, district_chief, other_district_chief, nobody):
    mine, other = _job(district_chief), _job(other_district_chief)
    for name in ("jobs:detail", "job-detail"):
        assert client_for(district_chief).get(reverse(name, kwargs={"pk": mine.pk})).status_code == 200
        assert client_for(district_chief).get(reverse(name, kwargs={"pk": other.pk})).status_code == 404
        assert client_for(nobody).get(reverse(name, kwargs={"pk": mine.pk})).status_code == 404


def test_pilot_flags_are_scoped(client_for, district_chief):
    from tuksuk.areas.models import PilotDistrict

    mine = PilotDistrict.objects.get(district_id="5703", programme_year=2565, level="province")
    other = PilotDistrict.objects.get(district_id="9005", programme_year=2565, level="province")
    client = client_for(district_chief)
    assert client.get(reverse("pilot-district-detail", kwargs={"pk": mine.pk})).status_code == 200
    assert client.get(reverse("pilot-district-detail", kwargs={"pk": other.pk})).status_code == 404


@pytest.mark.parametrize("name", list(LIST_ROUTES))
def test_lists_show_own_area_and_hide_others(name, client_for, district_chief, other_district_chief, world):
    Job.objects.create(handler="tuksuk.x.y", title="งานของคนอื่น", created_by=other_district_chief)
    kwargs, query, present, absent = LIST_ROUTES[name]
    response = client_for(district_chief).get(reverse(name, kwargs=kwargs), query)
    assert response.status_code == 200
    body = response.content.decode()
    if name == "api-report":
        import json

        body = (
            json.dumps(response.json()["rows"], ensure_ascii=False).replace(", ", ",").replace("[", "").replace("]", "")
        )
    assert present in body
    assert absent not in body


def test_report_for_another_districts_area_is_404(client_for, district_chief, world):
    url = reverse("reports:table", kwargs={"name": "stories-by-category"})
    assert client_for(district_chief).get(url, {"area": "9005"}).status_code == 404
    api = reverse("api-report", kwargs={"name": "stories-by-category"})
    assert client_for(district_chief).get(api, {"area": "9005"}).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in LIST_ROUTES
        if "-" in n and n not in {"api-me", "api-report", "api-dashboard", "api-map-households", "api-map-areas"}
    ],
)
def test_api_lists_are_empty_for_a_user_without_assignment(name, client_for, nobody, world):
    body = client_for(nobody).get(reverse(name, kwargs=LIST_ROUTES[name][0])).json()
    assert body["count"] == 0


@pytest.mark.parametrize("name", [n for n in LIST_ROUTES if n != "api-me"])
def test_anonymous_is_refused_everywhere(name, client):
    response = client.get(reverse(name, kwargs=LIST_ROUTES[name][0]))
    assert response.status_code in (302, 401)


def test_dashboard_is_empty_for_a_user_without_assignment(client_for, nobody, world):
    body = client_for(nobody).get(reverse("api-dashboard")).json()
    assert body["figures"]["stories"] == 0
    assert body["children"] == []
