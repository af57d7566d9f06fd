"""The access log: every view, API read, download and export of a household or person is one row."""

import pytest
from django.urls import reverse

from tuksuk.audit.choices import AccessAction
from tuksuk.audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_a_household_page_view_adds_a_row(place, client_for, district_chief):
    response = client_for(district_chief).get(
        reverse("households:detail", args=[place.household.house_code]), HTTP_X_REQUEST_ID="req-household-0001"
    )
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(action=AccessAction.VIEW)
    assert entry.user == district_chief
    assert entry.username == district_chief.username
    assert entry.object_type == "households.household"
    assert entry.household_id == place.household.pk
    assert entry.house_code == place.household.house_code
    assert entry.area_code == place.village.code
    assert entry.request_id == "req-household-0001" == response["X-Request-ID"]
    assert entry.ip == "127.0.0.1"
    assert entry.source == "web"


def test_a_story_page_view_names_its_household(place, client_for, district_chief):
    assert client_for(district_chief).get(reverse("cases:detail", args=[place.story.pk])).status_code == 200
    entry = AccessLogEntry.objects.get(action=AccessAction.VIEW)
    assert (entry.object_type, entry.object_id) == ("cases.story", str(place.story.pk))
    assert entry.house_code == place.household.house_code


def test_an_out_of_scope_page_is_not_logged_as_seen(place, other_place, client_for, district_chief):
    response = client_for(district_chief).get(reverse("households:detail", args=[other_place.household.house_code]))
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.VIEW).exists()


@pytest.mark.parametrize(("route", "key"), [("household-detail", "house_code"), ("story-detail", "pk")])
def test_api_detail_reads_are_logged(place, api_for, district_chief, route, key):
    value = place.household.house_code if key == "house_code" else place.story.pk
    response = api_for(district_chief).get(reverse(route, kwargs={key: value}))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(action=AccessAction.API)
    assert entry.username == district_chief.username
    assert entry.house_code == place.household.house_code
    assert entry.source == "api"


def test_api_lists_are_not_logged_row_by_row(place, api_for, district_chief):
    assert api_for(district_chief).get(reverse("household-list")).status_code == 200
    assert not AccessLogEntry.objects.filter(action=AccessAction.API).exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_adds_one_row_with_its_filter_and_count(place, client_for, district_chief, fmt):
    response = client_for(district_chief).get(reverse("cases:list"), {"export": fmt, "area": "5703", "q": "นายทดสอบ"})
    assert response.status_code == 200
    b"".join(response.streaming_content) if response.streaming else response.content
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert entry.object_type == "cases.story"
    assert entry.row_count == 1
    assert entry.detail["format"] == fmt
    assert entry.detail["filter"]["area"] == "5703"
    assert entry.detail["filter"]["q"] == "[ข้อความค้นหา]"  # free text (a name, an ID) is never kept
    assert entry.house_code == ""


def test_an_evidence_download_is_logged_but_not_its_thumbnail(place, client_for, district_chief):
    client = client_for(district_chief)
    assert client.get(reverse("cases:evidence-thumb", args=[place.evidence.token])).status_code == 200
    assert not AccessLogEntry.objects.filter(action=AccessAction.DOWNLOAD).exists()
    assert client.get(reverse("cases:evidence-file", args=[place.evidence.token])).status_code == 200
    entry = AccessLogEntry.objects.get(action=AccessAction.DOWNLOAD)
    assert entry.object_type == "cases.evidence"
    assert entry.house_code == place.household.house_code
