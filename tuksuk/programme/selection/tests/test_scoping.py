"""Area and role scoping of every endpoint of this app.

``SCOPING_COVERS`` names every URL name of this app that these tests prove; tests/test_scoping_everywhere.py
fails while a URL of the project is covered nowhere.

The world: an open round with the applications of เชียงของ (5703, "mine") and เทพา (9005, "other"), each with a
photo; a judge assigned to เชียงของ's only; a published round with awards to both and a third, losing
application from เมืองเชียงราย (5701).
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import jpeg
from tuksuk.programme.selection import services

from .conftest import apply, open_round, score_all

pytestmark = pytest.mark.django_db

MANAGER_POSTS = {
    "selection:round-open": ("round", {}),
    "selection:round-template": ("round", {"template": "1"}),
    "selection:round-enroll": ("round", {}),
    "selection:criterion-add": ("round", {"number": "9", "title": "x", "max_points": "1"}),
    "selection:judge-add": ("round", {"username": "nobody-here"}),
    "selection:judge-remove": ("assignment", {}),
    "selection:tie-break": ("round", {"key": "57:1", "reason": "x"}),
    "selection:publish": ("round", {}),
    "selection:award-add": ("published", {"district": "5703", "title": "x"}),
    "selection:criterion-delete": ("criterion", {}),
}
MANAGER_GETS = {"selection:round-edit": "round", "selection:criterion-edit": "criterion"}
API = {
    "selection-round-list",
    "selection-round-detail",
    "selection-round-results",
    "selection-award-list",
    "selection-award-detail",
}
SCOPING_COVERS: set[str] = {
    "selection:index",
    "selection:round-new",
    "selection:round",
    "selection:apply",
    "selection:results",
    "selection:application",
    "selection:attachment-add",
    "selection:attachment",
    "selection:attachment-thumb",
    "selection:judge",
    "selection:awards",
    "selection:district",
    *MANAGER_POSTS,
    *MANAGER_GETS,
    *API,
}


@pytest.fixture
def world(settings, tmp_path, admin, judge):
    settings.MEDIA_ROOT = tmp_path
    round = open_round(admin)
    mine, other = apply(round, "5703"), apply(round, "9005")
    for application in (mine, other):
        chief = make_user("district_chief", application.district_id)
        services.attach_file(application, jpeg(), actor=chief)
    assignment = services.assign_judge(round, judge, actor=admin, applications=[mine])
    published = open_round(admin, title="รอบที่ประกาศผลแล้ว")
    services.assign_judge(published, admin, actor=admin)
    for code, points in (("5703", ["40", "40"]), ("9005", ["30", "30"]), ("5701", ["10", "10"])):
        score_all(apply(published, code), admin, points)
    services.publish_round(published, actor=admin)
    awards = {
        code: services.announce_award(published, code, actor=admin, title=f"รางวัลดีเด่น {code}", rank=1)
        for code in ("5703", "9005")
    }
    return SimpleNamespace(
        round=round,
        published=published,
        mine=mine,
        other=other,
        assignment=assignment,
        criterion=round.criteria.first(),
        awards=awards,
    )


def _pk(world, what):
    return {"round": world.round, "published": world.published, "assignment": world.assignment}.get(what) or getattr(
        world, what
    )


def _url(name, world, what):
    if name == "selection:judge-remove":
        return reverse(name, kwargs={"pk": world.round.pk, "judge_pk": world.assignment.pk})
    return reverse(name, kwargs={"pk": _pk(world, what).pk})


def test_district_sees_its_own_application_and_files_and_not_another_districts(client_for, district_chief, world):
    client = client_for(district_chief)
    assert client.get(reverse("selection:round", kwargs={"pk": world.round.pk})).status_code == 200
    assert client.get(reverse("selection:apply", kwargs={"pk": world.round.pk})).status_code == 200
    for application, status in ((world.mine, 200), (world.other, 404)):
        assert client.get(reverse("selection:application", kwargs={"pk": application.pk})).status_code == status
        token = application.attachments.get().token
        for name in ("selection:attachment", "selection:attachment-thumb"):
            assert client.get(reverse(name, kwargs={"token": token})).status_code == status
    response = client.post(reverse("selection:attachment-add", kwargs={"pk": world.other.pk}), {"file": jpeg()})
    assert response.status_code == 404
    response = client.post(reverse("selection:attachment-add", kwargs={"pk": world.mine.pk}), {"file": jpeg()})
    assert response.status_code == 302
    assert world.mine.attachments.count() == 2
    assert client.get(reverse("selection:district", kwargs={"code": "5703"})).status_code == 200
    assert client.get(reverse("selection:district", kwargs={"code": "9005"})).status_code == 404
    assert client.get(reverse("selection:district", kwargs={"code": "57"})).status_code == 404


def test_province_officer_sees_the_applications_of_their_province(client_for, world):
    client = client_for(make_user("province_officer", "57"))
    assert client.get(reverse("selection:application", kwargs={"pk": world.mine.pk})).status_code == 200
    assert client.get(reverse("selection:application", kwargs={"pk": world.other.pk})).status_code == 404
    assert client.get(reverse("selection:apply", kwargs={"pk": world.round.pk})).status_code == 403


def test_judge_sees_and_scores_only_the_applications_assigned(client_for, judge, district_chief, world):
    client = client_for(judge)  # a province officer of สงขลา (90), assigned to เชียงของ's application only
    assert client.get(reverse("selection:judge", kwargs={"pk": world.mine.pk})).status_code == 200
    assert client.get(reverse("selection:application", kwargs={"pk": world.mine.pk})).status_code == 200
    assert client.get(reverse("selection:judge", kwargs={"pk": world.other.pk})).status_code == 404
    chief = client_for(district_chief)
    assert chief.get(reverse("selection:judge", kwargs={"pk": world.mine.pk})).status_code == 404


def test_results_are_for_the_ministry_until_published_then_scoped(client_for, district_chief, admin, world):
    client = client_for(district_chief)
    assert client.get(reverse("selection:results", kwargs={"pk": world.round.pk})).status_code == 404
    body = client.get(reverse("selection:results", kwargs={"pk": world.published.pk})).content.decode()
    assert "เชียงของ" in body
    assert "เทพา" in body  # selected in its province: published
    assert "เมืองเชียงราย" not in body  # another district's application, not selected
    assert client_for(admin).get(reverse("selection:results", kwargs={"pk": world.round.pk})).status_code == 200


def test_award_lists_show_own_areas_only(client_for, district_chief, api_for, world):
    body = client_for(district_chief).get(reverse("selection:awards")).content.decode()
    assert "รางวัลดีเด่น 5703" in body
    assert "รางวัลดีเด่น 9005" not in body
    api = api_for(district_chief)
    assert [a["title"] for a in api.get(reverse("selection-award-list")).json()["results"]] == ["รางวัลดีเด่น 5703"]
    assert api.get(reverse("selection-award-detail", kwargs={"pk": world.awards["5703"].pk})).status_code == 200
    assert api.get(reverse("selection-award-detail", kwargs={"pk": world.awards["9005"].pk})).status_code == 404


def test_api_rounds_and_results(api_for, district_chief, nobody, admin, world):
    api = api_for(district_chief)
    assert api.get(reverse("selection-round-list")).json()["count"] == 2
    assert api.get(reverse("selection-round-detail", kwargs={"pk": world.round.pk})).status_code == 200
    assert api.get(reverse("selection-round-results", kwargs={"pk": world.round.pk})).status_code == 404
    rows = api.get(reverse("selection-round-results", kwargs={"pk": world.published.pk})).json()
    assert {r["district"] for r in rows} == {"5703", "9005"}
    everything = api_for(admin).get(reverse("selection-round-results", kwargs={"pk": world.published.pk})).json()
    assert {r["district"] for r in everything} == {"5703", "9005", "5701"}
    assert api_for(nobody).get(reverse("selection-round-list")).json()["count"] == 0
    assert api_for(nobody).get(reverse("selection-award-list")).json()["count"] == 0
    assert api_for(nobody).get(reverse("selection-round-detail", kwargs={"pk": world.round.pk})).status_code == 404


def test_user_without_assignment_sees_nothing(client_for, nobody, world):
    client = client_for(nobody)
    assert "รอบที่ประกาศผลแล้ว" not in client.get(reverse("selection:index")).content.decode()
    assert "รางวัลดีเด่น" not in client.get(reverse("selection:awards")).content.decode()
    for name in ("selection:round", "selection:apply", "selection:results"):
        assert client.get(reverse(name, kwargs={"pk": world.published.pk})).status_code == 404
    for name in ("selection:application", "selection:judge"):
        assert client.get(reverse(name, kwargs={"pk": world.mine.pk})).status_code == 404
    assert client.get(reverse("selection:district", kwargs={"code": "5703"})).status_code == 404
    assert client.get(reverse("selection:round-new")).status_code == 403
    for name, (what, data) in MANAGER_POSTS.items():
        assert client.post(_url(name, world, what), data).status_code == 404, name


@pytest.mark.parametrize("role", [("district_chief", "5703"), ("ministry_viewer", None)])
def test_only_ministry_admins_manage_rounds(client_for, role, world):
    client = client_for(make_user(*role))
    assert client.get(reverse("selection:round-new")).status_code == 403
    for name, what in MANAGER_GETS.items():
        assert client.get(_url(name, world, what)).status_code == 403, name
    for name, (what, data) in MANAGER_POSTS.items():
        assert client.post(_url(name, world, what), data).status_code == 403, name
    assert world.round.criteria.count() == 2
    assert world.round.judges.count() == 1


def test_lists_answer_every_role(client_for, district_chief, admin, world):
    for user in (district_chief, admin):
        assert client_for(user).get(reverse("selection:index")).status_code == 200
        assert client_for(user).get(reverse("selection:awards")).status_code == 200
