"""Access and portability: the subject's copy holds everything, the full citizen ID, and is served only in scope."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tuksuk.audit.models import AccessLogEntry
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import CITIZEN_IDS
from tuksuk.households.citizen_id import formatted
from tuksuk.privacy import services

pytestmark = pytest.mark.django_db


def test_the_copy_holds_everything_with_the_full_citizen_id(place, record, chief, client_for):
    client_for(make_user("district_team", "5703")).get(reverse("households:detail", args=[place.household.house_code]))
    dsr = record(place, "portability")
    services.make_copy(dsr, actor=chief)
    dsr.refresh_from_db()
    content = json.loads(dsr.copy_json.read())
    assert content["household"]["house_code"] == place.household.house_code
    assert content["members"][0]["citizen_id"] == formatted(CITIZEN_IDS["5703"])
    assert content["stories"][0]["description"] == "หลังคารั่ว 5703"
    assert content["actions"][0]["description"] == "ซ่อมหลังคา"
    assert content["evidence"][0]["phase"]
    assert "file" not in content["evidence"][0]
    assert any(entry["action"] == "เปิดดู" for entry in content["access_log"])
    book = load_workbook(io.BytesIO(dsr.copy_xlsx.read()))
    assert {"ครัวเรือน", "สมาชิก", "เรื่องราว", "การช่วยเหลือ", "หลักฐาน", "การเข้าถึงข้อมูล"} <= set(book.sheetnames)
    assert book["สมาชิก"]["E2"].value == formatted(CITIZEN_IDS["5703"])
    assert dsr.status == "in_progress"


def test_the_copy_is_downloaded_only_in_scope_and_each_download_is_logged(
    place, other_place, record, chief, team, client_for, other_district_chief
):
    dsr = record(place)
    services.make_copy(dsr, actor=chief)
    url = reverse("privacy:download", args=[dsr.pk, "json"])
    before = AccessLogEntry.objects.filter(action="download").count()
    response = client_for(chief).get(url)
    assert response.status_code == 200
    assert CITIZEN_IDS["5703"][:1] in b"".join(response.streaming_content).decode()
    assert AccessLogEntry.objects.filter(action="download", household_id=place.household.pk).count() == before + 1
    assert dsr.events.filter(kind="copy_downloaded").count() == 1
    assert client_for(other_district_chief).get(url).status_code == 404
    assert client_for(team).get(url).status_code == 403
    assert client_for(chief).get(reverse("privacy:download", args=[dsr.pk, "xlsx"])).status_code == 200
    services.complete(dsr, actor=chief)
    dsr.refresh_from_db()
    assert dsr.status == "done"
