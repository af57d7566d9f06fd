"""The History tab of household, story and project pages: changes with before and after, only for those who may
see the record."""

import pytest
from django.urls import reverse

from tuksuk.audit.context import audit_context
from tuksuk.cases import services as cases
from tuksuk.households import services as households
from tuksuk.projects import services as projects

pytestmark = pytest.mark.django_db


def history(client, kind, pk, htmx=True):  # type: ignore[no-untyped-def]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(reverse("audit:history", args=[kind, pk]), **headers)


def test_a_household_change_appears_in_its_history_tab(place, client_for, district_chief):
    with audit_context(actor=district_chief):
        households.update_household(place.household, actor=district_chief, house_no="12/3")
    client = client_for(district_chief)
    page = client.get(reverse("households:detail", args=[place.household.house_code])).content.decode()
    assert 'data-testid="history-tab"' in page
    assert reverse("audit:history", args=["household", place.household.pk]) in page
    response = history(client, "household", place.household.pk)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text  # the htmx partial
    assert "บ้านเลขที่" in text
    assert "12/3" in text
    assert district_chief.display_name in text
    assert 'data-testid="before"' in text


def test_history_without_javascript_is_a_page(place, client_for, district_chief):
    response = history(client_for(district_chief), "household", place.household.pk, htmx=False)
    assert response.status_code == 200
    assert "<html" in response.content.decode()


def test_a_status_change_appears_in_the_story_history(place, client_for, district_chief):
    with audit_context(actor=district_chief):
        cases.change_status(place.story, "verified", actor=district_chief)
    text = history(client_for(district_chief), "story", place.story.pk).content.decode()
    assert "ใหม่</del> → " in text
    assert "ตรวจสอบแล้ว</ins>" in text  # choices shown by their Thai label


def test_an_activity_change_appears_in_the_project_history(place, client_for, district_chief):
    with audit_context(actor=district_chief):
        projects.update_activity(place.activity, actor=district_chief, title="ขุดสระใหม่")
    client = client_for(district_chief)
    assert (
        'data-testid="history-tab"' in client.get(reverse("projects:detail", args=[place.project.pk])).content.decode()
    )
    text = history(client, "project", place.project.pk).content.decode()
    assert "ขุดสระใหม่" in text


def test_citizen_id_changes_show_as_changed_only(place, client_for, district_chief):
    text = history(client_for(district_chief), "household", place.household.pk).content.decode()
    assert "ข้อมูลลับ" in text
    assert "1101700230708" not in text


def test_history_is_only_for_those_who_may_see_the_record(place, other_place, client_for, district_chief, nobody):
    assert history(client_for(district_chief), "household", other_place.household.pk).status_code == 404
    assert history(client_for(district_chief), "story", other_place.story.pk).status_code == 404
    assert history(client_for(district_chief), "project", other_place.project.pk).status_code == 404
    assert history(client_for(district_chief), "member", place.household.pk).status_code == 404
    assert history(client_for(nobody), "household", place.household.pk).status_code == 404
