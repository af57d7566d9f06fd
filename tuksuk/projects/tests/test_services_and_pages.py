"""Projects and activities: the rules of the services and what a district team sees on the pages and API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tuksuk.agencies.models import Agency
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place, jpeg
from tuksuk.projects import services
from tuksuk.projects.models import Activity, BudgetLine, Project, ProjectEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


def new_project(actor, **fields):
    values = {"title": "ส่งเสริมอาชีพเลี้ยงไก่ไข่", "category": 2, "fiscal_year": 2565} | fields
    return services.create_project(actor=actor, district_code="5703", **values)


def test_create_project_writes_its_event(district_chief):
    project = new_project(district_chief, partner_networks=["government", "citizen"], sdg_goals=[1, 8])
    assert project.district_id == "5703"
    assert sorted(project.sdg_goals.values_list("number", flat=True)) == [1, 8]
    assert ProjectEvent.objects.filter(project=project, kind="created", actor=district_chief).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"partner_networks": ["aliens"]}, "ไม่รู้จักภาคีเครือข่าย"),
        ({"fiscal_year": 2022}, "fiscal_year"),
        ({"start_on": dt.date(2022, 5, 1), "end_on": dt.date(2022, 4, 1)}, "วันสิ้นสุด"),
    ],
)
def test_bad_project_values_are_refused(district_chief, fields, message):
    with pytest.raises(ValidationError, match=message):
        new_project(district_chief, **fields)
    assert not Project.objects.exists()


def test_district_user_cannot_create_a_project_for_another_district(other_district_chief):
    with pytest.raises(PermissionDenied):
        new_project(other_district_chief)


def test_budget_is_decimal_and_never_negative(district_chief):
    activity = services.add_activity(new_project(district_chief), actor=district_chief, title="อบรม")
    services.set_budget(
        activity,
        [{"source": "department", "planned": "0.1"}, {"source": "province", "planned": "0.2"}],
        actor=district_chief,
    )
    assert activity.project.value_baht == Decimal("0.30")
    with pytest.raises(ValidationError):
        services.set_budget(activity, [{"source": "private", "planned": "-5"}], actor=district_chief)
    assert BudgetLine.objects.filter(activity=activity).count() == 2  # the refused change left the old lines


def test_activity_status_change_is_an_event_and_done_means_100_percent(district_chief):
    activity = services.add_activity(new_project(district_chief), actor=district_chief, title="ขุดสระ")
    services.update_activity(activity, actor=district_chief, status="in_progress", percent_complete=40)
    services.update_activity(activity, actor=district_chief, status="done")
    activity.refresh_from_db()
    assert activity.percent_complete == 100
    statuses = list(
        ProjectEvent.objects.filter(activity=activity, kind="status").values_list("from_status", "to_status")
    )
    assert statuses == [("planned", "in_progress"), ("in_progress", "done")]


def test_households_benefited_are_counted_from_the_registry(place, district_chief):
    activity = place.activity
    services.update_activity(activity, actor=district_chief, reached_households=7)
    assert activity.households_benefited == 7
    services.set_beneficiaries(activity, [place.household], actor=district_chief)
    assert activity.households_benefited == 1  # people, not a typed number


def test_beneficiaries_must_be_in_the_users_area(settings, tmp_path, district_chief):
    settings.MEDIA_ROOT = tmp_path
    mine, other = build_place("5703", "570301"), build_place("9005", "900501")
    with pytest.raises(ValidationError):
        services.set_beneficiaries(mine.activity, [other.household], actor=district_chief)


def test_agency_staff_report_progress_only_on_their_agencys_activities(place):
    staff = make_user("agency_staff", "5703", agency="PEA")
    with pytest.raises(PermissionDenied):
        services.report_progress(
            place.activity, actor=staff, who="PEA", what="ปักเสา", where="หมู่ 1", when=dt.date(2022, 9, 2)
        )
    place.activity.agencies.add(Agency.objects.get(code="PEA"))
    update = services.report_progress(
        place.activity,
        actor=staff,
        who="PEA",
        what="ปักเสา",
        where="หมู่ 1",
        when=dt.date(2022, 9, 2),
        percent_complete=60,
    )
    place.activity.refresh_from_db()
    assert (update.who, place.activity.percent_complete, place.activity.status) == ("PEA", 60, "in_progress")


def test_progress_in_the_future_is_refused(place, district_chief):
    with pytest.raises(ValidationError):
        services.report_progress(
            place.activity,
            actor=district_chief,
            who="x",
            what="y",
            where="z",
            when=dt.date.today() + dt.timedelta(days=3),
        )


def test_create_project_page(client_for, district_chief):
    response = client_for(district_chief).post(
        reverse("projects:new"),
        {
            "district": "5703",
            "title": "ประปาหมู่บ้าน",
            "category": "3",
            "fiscal_year": "2565",
            "partner_networks": ["government", "private"],
            "sdg_goals": ["6"],
        },
    )
    project = Project.objects.get(title="ประปาหมู่บ้าน")
    assert response.url == reverse("projects:detail", args=[project.pk])
    assert project.partner_networks == ["government", "private"]


def test_project_page_shows_value_and_households(client_for, district_chief, place):
    page = client_for(district_chief).get(reverse("projects:detail", args=[place.project.pk])).content.decode()
    assert "150,000.00" in page
    assert "ขุดสระ 5703" in page


def test_add_activity_and_progress_with_before_after_photos(client_for, district_chief, place):
    client = client_for(district_chief)
    client.post(
        reverse("projects:activity-add", args=[place.project.pk]),
        {
            "title": "ปลูกหญ้าแฝก",
            "status": "planned",
            "percent_complete": "0",
            "agencies": [Agency.objects.get(code="CDD").pk],
            "partner_networks": ["religious"],
        },
    )
    activity = Activity.objects.get(title="ปลูกหญ้าแฝก")
    assert list(activity.agencies.values_list("code", flat=True)) == ["CDD"]
    response = client.post(
        reverse("projects:activity", args=[activity.pk]),
        {
            "form": "progress",
            "who": "ทีมอำเภอ",
            "what": "ปลูกหญ้าแฝก 2 ไร่",
            "where": "หมู่ 3",
            "when": "2022-09-01",
            "percent_complete": "50",
            "before": [jpeg("b.jpg")],
            "after": [jpeg("a.jpg")],
        },
    )
    assert response.status_code == 302
    update = activity.updates.get()
    assert sorted(update.media.values_list("phase", flat=True)) == ["after", "before"]
    page = client.get(reverse("projects:activity", args=[activity.pk])).content.decode()
    assert "ปลูกหญ้าแฝก 2 ไร่" in page
    assert page.count('data-testid="progress-before-after"') == 1  # the pair side by side


def test_budget_formset_on_the_activity_page(client_for, district_chief, place):
    response = client_for(district_chief).post(
        reverse("projects:activity", args=[place.activity.pk]),
        {
            "form": "budget",
            "budget-TOTAL_FORMS": "2",
            "budget-INITIAL_FORMS": "0",
            "budget-0-source": "department",
            "budget-0-planned": "100000",
            "budget-0-spent": "25000.50",
            "budget-1-source": "local_government",
            "budget-1-planned": "20000",
            "budget-1-spent": "",
        },
    )
    assert response.status_code == 302
    assert place.project.value_baht == Decimal("120000.00")


def test_beneficiaries_by_house_code_on_the_activity_page(client_for, district_chief, place):
    client = client_for(district_chief)
    client.post(
        reverse("projects:activity", args=[place.activity.pk]),
        {"form": "beneficiaries", "house_codes": place.household.house_code},
    )
    assert list(place.activity.beneficiaries.all()) == [place.household]
    response = client.post(
        reverse("projects:activity", args=[place.activity.pk]),
        {"form": "beneficiaries", "house_codes": "90050101001"},
        follow=True,
    )
    assert "ไม่พบครัวเรือนรหัส 90050101001" in response.content.decode()


def test_read_only_user_cannot_change_a_project(client_for, place):
    viewer = make_user("ministry_viewer")
    client = client_for(viewer)
    assert client.get(reverse("projects:edit", args=[place.project.pk])).status_code == 403
    response = client.post(
        reverse("projects:activity", args=[place.activity.pk]), {"form": "kpi", "name": "x"}, follow=True
    )
    assert "ไม่มีสิทธิ์" in response.content.decode()
    assert not place.activity.kpis.exists()


def test_project_list_filters(client_for, district_chief, place):
    new_project(
        district_chief,
        title="ท่องเที่ยวชุมชนริมโขง",
        category=4,
        partner_networks=["government", "private", "academic", "religious", "citizen", "civil_society", "media"],
    )
    client = client_for(district_chief)
    page = client.get(reverse("projects:list"), {"category": "4"}).content.decode()
    assert "ท่องเที่ยวชุมชนริมโขง" in page
    assert "โครงการน้ำสะอาด" not in page
    page = client.get(reverse("projects:list"), {"network": "media"}).content.decode()
    assert "ท่องเที่ยวชุมชนริมโขง" in page
    assert "โครงการน้ำสะอาด" not in page


def test_api_create_project_and_activity_and_budget(api_for, district_chief):
    api = api_for(district_chief)
    response = api.post(
        "/api/v1/projects/",
        {"district": "5703", "title": "กลุ่มทอผ้า", "category": 1, "fiscal_year": 2565, "sdg_goals": [8]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = api.post(
        f"/api/v1/projects/{pk}/activities/", {"title": "อบรมการย้อมสี", "agencies": ["CDD", "PRIVATE"]}, format="json"
    )
    assert response.status_code == 201
    activity = response.json()["id"]
    response = api.put(
        f"/api/v1/activities/{activity}/budget/", [{"source": "department", "planned": "1250000.50"}], format="json"
    )
    assert response.json() == [{"source": "department", "source_detail": "", "planned": "1250000.50", "spent": "0.00"}]
    assert api.get(f"/api/v1/projects/{pk}/").json()["value_baht"] == "1250000.50"
    bad = api.post(f"/api/v1/projects/{pk}/activities/", {"title": "x", "agencies": ["NOPE"]}, format="json")
    assert bad.status_code == 400


def test_api_progress_and_beneficiaries(api_for, district_chief, place):
    api = api_for(district_chief)
    response = api.post(
        f"/api/v1/activities/{place.activity.pk}/updates/",
        {"who": "ทีม", "what": "ขุดสระ", "where": "หมู่ 1", "when": "2022-09-03", "percent_complete": 80},
        format="json",
    )
    assert response.status_code == 201
    response = api.put(
        f"/api/v1/activities/{place.activity.pk}/beneficiaries/",
        {"house_codes": [place.household.house_code]},
        format="json",
    )
    assert response.json() == {"house_codes": [place.household.house_code]}
    assert api.get(f"/api/v1/activities/{place.activity.pk}/").json()["households_benefited"] == 1


@pytest.mark.parametrize(
    ("timeframe", "start", "end", "ok"),
    [
        ("quick_win", dt.date(2022, 1, 1), dt.date(2022, 6, 1), True),
        ("quick_win", dt.date(2022, 1, 1), dt.date(2022, 8, 1), False),
        ("long_term", dt.date(2021, 10, 1), dt.date(2022, 9, 30), True),
        ("long_term", dt.date(2022, 1, 1), dt.date(2022, 6, 1), False),
    ],
)
def test_timeframe_must_fit_the_dates(district_chief, timeframe, start, end, ok):
    if ok:
        assert new_project(district_chief, timeframe=timeframe, start_on=start, end_on=end).pk
    else:
        with pytest.raises(ValidationError, match="timeframe"):
            new_project(district_chief, timeframe=timeframe, start_on=start, end_on=end)
