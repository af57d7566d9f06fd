"""The auditor's search: who viewed a household, what a user opened, by action and area; export as CSV/XLSX."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tuksuk.audit.choices import AccessAction, Source
from tuksuk.audit.context import AuditContext
from tuksuk.audit.models import AccessLogEntry
from tuksuk.audit.services import write_access
from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


def test_auditor_finds_who_viewed_a_household(place, client, district_chief, auditor):
    client.force_login(district_chief)
    client.get(reverse("households:detail", args=[place.household.house_code]))
    client.force_login(auditor)
    response = client.get(reverse("audit:index"), {"house_code": place.household.house_code})
    assert response.status_code == 200
    page = response.content.decode()
    assert district_chief.username in page
    assert "เปิดดู" in page
    other = client.get(reverse("audit:index"), {"house_code": "99999999999"}).content.decode()
    assert district_chief.username not in other.split('data-testid="access-log"')[1]


def test_auditor_finds_who_viewed_a_household_over_the_api(place, client_for, api_for, district_chief, auditor):
    client_for(district_chief).get(reverse("households:detail", args=[place.household.house_code]))
    response = api_for(auditor).get(reverse("audit-access-list"), {"house_code": place.household.house_code})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["username"], r["action"]) for r in results] == [(district_chief.username, "view")]
    detail = api_for(auditor).get(reverse("audit-access-detail", args=[results[0]["id"]]))
    assert detail.json()["house_code"] == place.household.house_code


def _seen(user, at, house_code="57030101001", area="57030101"):
    context = AuditContext(source=Source.WEB, request_id="r1", ip="10.0.0.1")
    return write_access(
        AccessAction.VIEW,
        context=context,
        user=user,
        object_type="households.household",
        object_id="1",
        area_code=area,
        at=at,
    )


def test_what_did_this_user_open_last_week(api_for, client_for, auditor):
    somchai, mali = make_user("district_team", "5703"), make_user("district_team", "5703")
    today = timezone.localtime()
    last_week = _seen(somchai, today - dt.timedelta(days=5))
    _seen(somchai, today - dt.timedelta(days=30))
    _seen(mali, today - dt.timedelta(days=5))
    query = {
        "user": somchai.username,
        "date_from": (today - dt.timedelta(days=7)).date().isoformat(),
        "date_to": today.date().isoformat(),
        "action": "view",
    }
    rows = api_for(auditor).get(reverse("audit-access-list"), query).json()["results"]
    assert [r["id"] for r in rows] == [last_week.pk]
    # The same on the page, with the dates typed in Buddhist era.
    start = today - dt.timedelta(days=7)
    query.update(date_from=f"{start.day}/{start.month}/{start.year + 543}")
    page = client_for(auditor).get(reverse("audit:index"), query)
    assert page.context["paginator"].count == 1


def test_filter_by_area_keeps_the_area_and_below(api_for, auditor):
    user = make_user("district_team", "5703")
    now = timezone.now()
    _seen(user, now, area="57030101")
    _seen(user, now, area="90050101")
    rows = api_for(auditor).get(reverse("audit-access-list"), {"area": "5703", "action": "view"}).json()["results"]
    assert [r["area_code"] for r in rows] == ["57030101"]


def test_a_bad_date_is_a_thai_message_not_an_error(client_for, api_for, auditor):
    page = client_for(auditor).get(reverse("audit:index"), {"date_from": "31/02/2565"})
    assert page.status_code == 200
    assert "วันที่ไม่ถูกต้อง" in page.content.decode()
    assert api_for(auditor).get(reverse("audit-access-list"), {"date_from": "x"}).status_code == 400


def test_change_log_search_by_house_code(place, client_for, auditor):
    page = client_for(auditor).get(reverse("audit:changes"), {"house_code": place.household.house_code})
    assert page.status_code == 200
    types = {e.object_type for e in page.context["object_list"]}
    assert {"households.household", "households.member", "cases.story"} <= types


@pytest.mark.parametrize("name", ["audit:index", "audit:changes"])
def test_export_csv_streams_the_filtered_rows_and_is_logged(place, client_for, auditor, name):
    client_for(make_user("district_chief", "5703")).get(reverse("households:detail", args=[place.household.house_code]))
    response = client_for(auditor).get(reverse(name), {"house_code": place.household.house_code, "export": "csv"})
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,at,username")
    assert len(lines) > 1
    assert all(place.household.house_code in line for line in lines[1:])
    export = AccessLogEntry.objects.filter(action=AccessAction.EXPORT, username=auditor.username).get()
    assert export.object_type in {"audit.accesslogentry", "audit.changelogentry"}
    assert export.detail["filter"] == {"house_code": place.household.house_code}


def test_export_xlsx(place, client_for, auditor):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(auditor).get(reverse("audit:changes"), {"export": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[2][0] == "id"
    assert len(rows) > 3


def test_ministry_admin_may_search_too(client_for, ministry_admin):
    assert client_for(ministry_admin).get(reverse("audit:changes")).status_code == 200


@pytest.mark.parametrize(("route", "fmt"), [("audit-access-export", "csv"), ("audit-change-export", "xlsx")])
def test_api_export(place, client_for, api_for, district_chief, auditor, route, fmt):
    client_for(district_chief).get(reverse("households:detail", args=[place.household.house_code]))
    response = api_for(auditor).get(reverse(route), {"file_format": fmt, "house_code": place.household.house_code})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbfid,") if fmt == "csv" else body.startswith(b"PK")
    export = AccessLogEntry.objects.get(action=AccessAction.EXPORT, username=auditor.username)
    assert export.detail["filter"] == {"house_code": place.household.house_code}
    assert export.source == "api"
    assert api_for(auditor).get(reverse(route), {"file_format": "pdf"}).status_code == 400
