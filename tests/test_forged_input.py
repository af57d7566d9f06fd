"""Forged or garbled query strings never crash a page or an API endpoint: the page shows (or 404s), the API says 400."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    (
        "cases:list",
        {},
        {
            "category": "abc",
            "min_age": "x",
            "overdue": "maybe",
            "sort": "evil",
            "status": "nope",
            "agency": "99999",
            "indicator": "x",
        },
    ),
    ("projects:list", {}, {"category": "x", "year": "y", "agency": "z", "network": "q"}),
    ("households:list", {}, {"q": "' OR 1=1 --", "area": "../../"}),
    ("areas:search", {}, {"q": "x" * 5000, "level": "bad"}),
    ("areas:pilots", {}, {"year": "abc", "level": "zzz"}),
    ("reports:table", {"name": "stories-by-category"}, {"as_of": "yesterday", "area": "zz"}),
    ("reports:table", {"name": "projects-by-category"}, {"year": "²⁰²²"}),
    ("areas:detail", {"code": "5703"}, {"year": "x"}),
    ("home", {}, {"year": "2565'"}),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES)
def test_pages_survive_garbled_query_strings(client_for, district_chief, name, kwargs, query):
    response = client_for(district_chief).get(reverse(name, kwargs=kwargs), query)
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/api/v1/stories/", {"category": "abc"}),
        ("/api/v1/stories/", {"status": "nope"}),
        ("/api/v1/projects/", {"year": "y"}),
        ("/api/v1/areas/", {"level": "bad"}),
        ("/api/v1/reports/projects-by-category/", {"year": "y"}),
    ],
)
def test_api_answers_bad_filters_with_a_json_message(api_for, district_chief, url, query):
    response = api_for(district_chief).get(url, query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_unknown_report_is_404(client_for, district_chief):
    assert client_for(district_chief).get("/reports/no-such-table/").status_code == 404
    assert client_for(district_chief).get("/api/v1/reports/no-such-table/").status_code == 404
