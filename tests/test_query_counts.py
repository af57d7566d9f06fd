"""Lists and dashboards run a fixed number of queries, whatever the number of rows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuksuk.cases import services as cases
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households import services as households
from tuksuk.indicators.models import Category, Indicator
from tuksuk.projects import services as projects
from tuksuk.reports import tallies

pytestmark = pytest.mark.django_db

PAGES = [
    "cases:list",
    "households:list",
    "projects:list",
    "reports:dashboard",
    "home",
    "story-list",
    "household-list",
    "project-list",
]


def queries(client, name) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_rows(client_for, district_chief, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    place = build_place("5703", "570301")
    client = client_for(district_chief)
    queries(client, name)  # warm caches (session, content types)
    before = queries(client, name)
    admin = make_user("ministry_admin")
    for n in range(12):
        house = households.register_household(
            actor=admin,
            village_code=place.village.code,
            house_code=f"{place.village.code}{n + 100:03d}",
            head_name=f"นาย {n}",
        )
        cases.record_story(
            house,
            actor=admin,
            category=Category.objects.get(pk=n % 7 + 1),
            indicators=[Indicator.objects.get(pk=n + 1)],
        )
        project = projects.create_project(
            actor=admin, district_code="5703", title=f"โครงการ {n}", category=1, fiscal_year=2565
        )
        projects.add_activity(project, actor=admin, title="กิจกรรม")
    tallies.refresh()  # what the after-commit hook does once these writes commit (tests run inside one transaction)
    assert queries(client, name) <= before + 2


def test_a_story_read_through_the_api_brings_its_household_in_the_same_query(
    api_for, district_chief, settings, tmp_path
):
    """The detail, and the actions/status answers built on it, read the story with its household and category
    (one joined query), not the household afterwards."""
    settings.MEDIA_ROOT = tmp_path
    place = build_place("5703", "570301")
    api = api_for(district_chief)
    with CaptureQueriesContext(connection) as captured:
        response = api.get(reverse("story-detail", args=[place.story.pk]))
    assert response.status_code == 200
    assert response.json()["house_code"] == place.household.house_code
    alone = [q["sql"] for q in captured if q["sql"].lstrip().startswith('SELECT "households_household"')]
    assert alone == []
