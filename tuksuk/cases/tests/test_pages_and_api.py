"""Story pages (recording, list with filters and exports, status and action forms, evidence, import) and the
households/stories API."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.cases import services
from tuksuk.cases.choices import StoryEventKind, StoryStatus
from tuksuk.cases.models import Evidence, Story
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place, jpeg
from tuksuk.households.models import Household
from tuksuk.households.services import MemberData, register_household
from tuksuk.indicators.models import Category, Indicator
from tuksuk.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).with_name("sample-stories.csv")
CID = "1101700230708"
CID_DASHED = "1-1017-00230-70-8"
CID_MASKED = "x-xxxx-xxxxx-70-8"
OTHER_CID = "3100600123450"
NOT_ACCEPTED = "รับเฉพาะไฟล์ภาพ (JPEG, PNG, WEBP) หรือวิดีโอ (MP4, MOV, WEBM)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def village(code: str) -> Area:
    return Area.objects.get_or_create(
        code=code, defaults={"level": "village", "parent_id": code[:6], "name_th": "บ้านทดสอบ"}
    )[0]


def household(code: str, head: str, citizen_id: str = "") -> Household:
    village(code[:8])
    return register_household(
        actor=make_user("ministry_admin"),
        village_code=code[:8],
        house_code=code,
        head_name=head,
        members=[MemberData(full_name=head, is_head=True, citizen_id=citizen_id)],
    )


def has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def follow_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- recording a story --------------------------------------------------------------------------------------------


def test_recording_a_story_with_a_photo_on_the_page(client_for, district_chief):
    house = household("57030101001", "นางเอื้อง ใจดี")
    client = client_for(district_chief)
    page = client.get(reverse("cases:new", args=[house.house_code]))
    assert page.status_code == 200
    assert 'type="radio" name="category"' in page.content.decode()
    response = client.post(
        reverse("cases:new", args=[house.house_code]),
        {"category": "1", "indicators": ["2", "3"], "description": "หลังคารั่ว ฝาผนังผุ", "files": jpeg()},
        follow=True,
    )
    story = Story.objects.get()
    assert response.redirect_chain[-1][0] == reverse("cases:detail", args=[story.pk])
    assert f"บันทึกเรื่องราว #{story.pk} แล้ว" in response.content.decode()
    assert (story.household, story.category_id, story.status) == (house, 1, StoryStatus.NEW)
    assert sorted(story.indicators.values_list("number", flat=True)) == [2, 3]
    assert story.area_id == "57030101"
    assert story.events.filter(kind=StoryEventKind.CREATED, actor=district_chief).count() == 1
    evidence = Evidence.objects.get(story=story)
    assert evidence.media_type == "image"
    assert evidence.content_type == "image/jpeg"
    assert evidence.thumbnail
    assert evidence.thumbnail.storage.exists(evidence.thumbnail.name)
    assert evidence.file.storage.exists(evidence.file.name)


def test_recording_a_story_without_a_category_shows_an_error(client_for, district_chief):
    house = household("57030101001", "นางเอื้อง ใจดี")
    response = client_for(district_chief).post(reverse("cases:new", args=[house.house_code]), {"description": "x"})
    assert response.status_code == 200
    assert 'data-testid="field-error"' in response.content.decode()
    assert not Story.objects.exists()


def test_recording_a_story_for_another_districts_household_is_not_found(client_for, other_district_chief):
    house = household("57030101001", "นางเอื้อง ใจดี")
    response = client_for(other_district_chief).get(reverse("cases:new", args=[house.house_code]))
    assert response.status_code == 404


# --- the story list -----------------------------------------------------------------------------------------------


@pytest.fixture
def listed(district_chief):
    """Four stories in 5703 with different categories, indicators, statuses, agencies, actions and ages;
    one in 9005 that the district chief never sees."""
    now = timezone.now()
    pea, pwa = Agency.objects.get(code="PEA"), Agency.objects.get(code="PWA")
    admin = make_user("ministry_admin")

    def record(house, category, indicators, description, days_ago=0):
        return services.record_story(
            house,
            actor=admin,
            category=Category.objects.get(pk=category),
            indicators=list(Indicator.objects.filter(pk__in=indicators)),
            description=description,
            reported_at=now - dt.timedelta(days=days_ago),
        )

    euang = household("57030101001", "นางเอื้อง ใจดี", CID)
    daeng = household("57030101002", "นายแดง มาลา")
    pradit = household("57030201001", "นายประดิษฐ์ สิมาจารย์")
    songkhla = household("90050101001", "นายสมชาย ทะเลงาม", OTHER_CID)

    old_roof = record(euang, 1, [2], "หลังคารั่ว", days_ago=60)
    services.assign_agency(old_roof, pea, actor=admin)
    services.record_action(
        old_roof, actor=admin, done_on=dt.date(2022, 9, 1), description="ผ้าใบ", dimension="immediate"
    )

    income = record(daeng, 4, [15, 18], "รายได้ไม่พอ", days_ago=2)
    services.assign_agency(income, pwa, actor=admin)
    services.record_action(
        income, actor=admin, done_on=dt.date(2022, 9, 1), description="ฝึกอาชีพ", dimension="sustainable"
    )
    services.change_status(income, StoryStatus.IN_PROGRESS, actor=admin)

    fixed = record(pradit, 1, [3], "ไม่มีห้องน้ำ", days_ago=45)
    services.record_action(
        fixed, actor=admin, done_on=dt.date(2022, 9, 1), description="สร้างห้องน้ำ", dimension="immediate"
    )
    services.change_status(fixed, StoryStatus.IN_PROGRESS, actor=admin)
    services.change_status(fixed, StoryStatus.RESOLVED, actor=admin)

    fresh = record(euang, 6, [22], "ผู้ป่วยติดเตียง")

    far = record(songkhla, 1, [2], "หลังคารั่ว")
    return {"old_roof": old_roof, "income": income, "fixed": fixed, "fresh": fresh, "far": far, "pea": pea}


def listed_pks(client, **params) -> set[int]:
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert f"{len(rows)} เรื่อง" in response.content.decode()
    return {s.pk for s in rows}


def test_story_list_shows_only_the_users_district(client_for, district_chief, listed):
    found = listed_pks(client_for(district_chief))
    assert found == {listed[k].pk for k in ("old_roof", "income", "fixed", "fresh")}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "1"}, {"old_roof", "fixed"}),
        ({"category": "6"}, {"fresh"}),
        ({"indicator": "2"}, {"old_roof"}),
        ({"indicator": "18"}, {"income"}),
        ({"status": "new"}, {"old_roof", "fresh"}),
        ({"status": ["in_progress", "resolved"]}, {"income", "fixed"}),
        ({"dimension": "sustainable"}, {"income"}),
        ({"dimension": "immediate"}, {"old_roof", "fixed"}),
        ({"overdue": "true"}, {"old_roof"}),
        ({"overdue": "false"}, {"income", "fixed", "fresh"}),
        ({"min_age": "30"}, {"old_roof", "fixed"}),
        ({"min_age": "1"}, {"old_roof", "fixed", "income"}),
        ({"area": "570302"}, {"fixed"}),
        ({"area": "57030101"}, {"old_roof", "income", "fresh"}),
        ({"q": "เอื้อง"}, {"old_roof", "fresh"}),
        ({"q": "ห้องน้ำ"}, {"fixed"}),
        ({"q": "5703010100"}, {"old_roof", "income", "fresh"}),
        ({"q": "57030101002"}, {"income"}),
        ({"category": "1", "status": "new"}, {"old_roof"}),
    ],
)
def test_story_list_filters_narrow_the_results(client_for, district_chief, listed, params, expected):
    assert listed_pks(client_for(district_chief), **params) == {listed[k].pk for k in expected}


def test_story_list_filters_by_agency(client_for, district_chief, listed):
    assert listed_pks(client_for(district_chief), agency=str(listed["pea"].pk)) == {listed["old_roof"].pk}


def test_story_list_search_by_story_number(client_for, district_chief, listed):
    assert listed_pks(client_for(district_chief), q=str(listed["fresh"].pk)) >= {listed["fresh"].pk}


def test_story_list_filters_never_reach_another_district(client_for, district_chief, listed):
    assert listed_pks(client_for(district_chief), area="9005") == set()
    assert listed_pks(client_for(district_chief), q="ทะเลงาม") == set()


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", ["fresh", "income", "fixed", "old_roof"]),
        ("-reported", ["fresh", "income", "fixed", "old_roof"]),
        ("reported", ["old_roof", "fixed", "income", "fresh"]),
        ("due", ["old_roof", "fixed", "income", "fresh"]),
    ],
)
def test_story_list_sorting(client_for, district_chief, listed, sort, order):
    params = {"sort": sort} if sort else {}
    response = client_for(district_chief).get(reverse("cases:list"), params)
    assert [s.pk for s in response.context["object_list"]] == [listed[k].pk for k in order]


def test_story_list_sorted_by_status(client_for, district_chief, listed):
    response = client_for(district_chief).get(reverse("cases:list"), {"sort": "status"})
    statuses = [s.status for s in response.context["object_list"]]
    assert statuses == sorted(statuses)


def read_csv_export(response) -> tuple[str, list[list[str]]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_export_has_a_bom_and_the_header_and_no_citizen_ids(client_for, district_chief, listed):
    response = client_for(district_chief).get(reverse("cases:list"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text, rows = read_csv_export(response)
    assert text.startswith("\ufeff")
    assert rows[0][:3] == ["id", "ref", "reported_at"]
    assert {int(row[0]) for row in rows[1:]} == {listed[k].pk for k in ("old_roof", "income", "fixed", "fresh")}
    for secret in (CID, CID_DASHED, OTHER_CID, CID_MASKED):
        assert secret not in text
    header = rows[0]
    old_roof = next(row for row in rows[1:] if int(row[0]) == listed["old_roof"].pk)
    assert old_roof[header.index("house_code")] == "57030101001"
    assert old_roof[header.index("agencies")] == "PEA"
    assert old_roof[header.index("overdue")] == "yes"


def test_csv_export_shows_bangkok_time_and_the_due_date(client_for, district_chief, settings):
    settings.TUKSUK_STORY_DUE_DAYS = 30
    house = household("57030101001", "นางเอื้อง ใจดี", CID)
    reported = dt.datetime(2022, 8, 29, 4, 52, tzinfo=dt.UTC)  # 11:52 in Bangkok
    story = services.record_story(
        house, actor=district_chief, category=Category.objects.get(pk=1), reported_at=reported, ref="PT-9"
    )
    response = client_for(district_chief).get(reverse("cases:list"), {"export": "csv"})
    _text, rows = read_csv_export(response)
    header, row = rows[0], rows[1]
    assert int(row[0]) == story.pk
    assert row[header.index("ref")] == "PT-9"
    assert row[header.index("reported_at")] == "2022-08-29 11:52"
    assert row[header.index("due_on")] == "2022-09-28"
    assert row[header.index("head_name")] == "นางเอื้อง ใจดี"


def test_csv_export_follows_the_filters(client_for, district_chief, listed):
    response = client_for(district_chief).get(reverse("cases:list"), {"export": "csv", "category": "1"})
    _text, rows = read_csv_export(response)
    assert {int(row[0]) for row in rows[1:]} == {listed["old_roof"].pk, listed["fixed"].pk}


def test_xlsx_export_opens_in_openpyxl(client_for, district_chief, listed):
    response = client_for(district_chief).get(reverse("cases:list"), {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True)["stories"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["รายการเรื่องราว"]
    assert values[1][0].startswith("ข้อมูล ณ วันที่")
    assert values[2][:3] == ["id", "ref", "reported_at"]
    assert len(values) == 3 + 4
    assert CID not in repr(values)


# --- the story page: status, actions, evidence --------------------------------------------------------------------


@pytest.fixture
def place():
    return build_place("5703", "570301")


def test_status_form_changes_the_status(client_for, district_chief, place):
    client = client_for(district_chief)
    page = client.get(reverse("cases:detail", args=[place.story.pk]))
    assert 'data-testid="status-form"' in page.content.decode()
    response = client.post(
        reverse("cases:status", args=[place.story.pk]), {"status": "verified", "note": "ลงพื้นที่แล้ว"}, follow=True
    )
    assert "เปลี่ยนสถานะแล้ว" in follow_messages(response)
    place.story.refresh_from_db()
    assert place.story.status == StoryStatus.VERIFIED
    assert "ลงพื้นที่แล้ว" in response.content.decode()  # on the timeline


def test_a_stale_status_form_shows_a_thai_error(client_for, district_chief, place):
    client = client_for(district_chief)
    client.get(reverse("cases:detail", args=[place.story.pk]))  # the form offers "in progress"
    services.change_status(place.story, StoryStatus.REJECTED, actor=district_chief, note="ซ้ำ")  # someone else
    response = client.post(reverse("cases:status", args=[place.story.pk]), {"status": "in_progress"}, follow=True)
    assert "เปลี่ยนสถานะนี้ไม่ได้ (หน้าอาจไม่เป็นปัจจุบัน กรุณาลองใหม่)" in follow_messages(response)
    place.story.refresh_from_db()
    assert place.story.status == StoryStatus.REJECTED


def test_rejecting_on_the_page_without_a_note_shows_a_thai_error(client_for, district_chief, place):
    response = client_for(district_chief).post(
        reverse("cases:status", args=[place.story.pk]), {"status": "rejected", "note": ""}, follow=True
    )
    assert "กรุณาระบุเหตุผล" in follow_messages(response)
    place.story.refresh_from_db()
    assert place.story.status == StoryStatus.NEW


def test_a_ministry_viewer_sees_no_status_form_and_cannot_post_one(client_for, place):
    client = client_for(make_user("ministry_viewer"))
    page = client.get(reverse("cases:detail", args=[place.story.pk]))
    assert page.status_code == 200
    assert 'data-testid="status-form"' not in page.content.decode()
    response = client.post(reverse("cases:status", args=[place.story.pk]), {"status": "verified"}, follow=True)
    assert "คุณไม่มีสิทธิ์" in follow_messages(response)
    place.story.refresh_from_db()
    assert place.story.status == StoryStatus.NEW


def test_action_form_with_before_and_after_photos_shows_a_pair(client_for, district_chief):
    house = household("57030101001", "นางเอื้อง ใจดี")
    story = services.record_story(house, actor=district_chief, category=Category.objects.get(pk=1))
    client = client_for(district_chief)
    assert 'data-testid="before-after"' not in client.get(reverse("cases:detail", args=[story.pk])).content.decode()
    response = client.post(
        reverse("cases:action", args=[story.pk]),
        {
            "dimension": "sustainable",
            "description": "เปลี่ยนหลังคาใหม่",
            "done_on": "2022-09-01",
            "cost": "12500.50",
            "agency": str(Agency.objects.get(code="DLA").pk),
            "before": jpeg("before.jpg"),
            "after": jpeg("after.jpg"),
        },
        follow=True,
    )
    assert "บันทึกการช่วยเหลือแล้ว" in follow_messages(response)
    action = story.actions.get()
    assert (action.dimension, action.done_on, str(action.cost)) == ("sustainable", dt.date(2022, 9, 1), "12500.50")
    assert action.agency.code == "DLA"
    assert sorted(action.evidence.values_list("phase", flat=True)) == ["after", "before"]
    text = response.content.decode()
    assert text.count('data-testid="before-after"') == 1
    assert "เปลี่ยนหลังคาใหม่" in text


def test_action_form_refuses_a_future_date(client_for, district_chief, place):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(district_chief).post(
        reverse("cases:action", args=[place.story.pk]),
        {"dimension": "immediate", "description": "x", "done_on": tomorrow.isoformat()},
        follow=True,
    )
    assert "อนาคต" in follow_messages(response)
    assert place.story.actions.count() == 1  # only build_place's


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def test_evidence_is_served_to_the_district_with_its_content_type(client_for, district_chief, place):
    client = client_for(district_chief)
    response = client.get(reverse("cases:evidence-file", args=[place.evidence.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert streamed(response)[:2] == b"\xff\xd8"
    thumb = client.get(reverse("cases:evidence-thumb", args=[place.evidence.token]))
    assert thumb.status_code == 200
    assert thumb["Content-Type"] == "image/jpeg"
    streamed(thumb)


def test_evidence_of_another_district_is_not_found(client_for, other_district_chief, place):
    client = client_for(other_district_chief)
    assert client.get(reverse("cases:evidence-file", args=[place.evidence.token])).status_code == 404
    assert client.get(reverse("cases:evidence-thumb", args=[place.evidence.token])).status_code == 404


def test_evidence_needs_a_login(client, place):
    response = client.get(reverse("cases:evidence-file", args=[place.evidence.token]))
    assert response.status_code == 302


# --- importing ------------------------------------------------------------------------------------------------------


@pytest.fixture
def pakthor():
    """District team of อำเภอปากท่อ (7008), where the sample file's villages are."""
    return make_user("district_team", "7008")


def upload_import(client, capture, content: bytes, name: str, **options):
    with capture(execute=True):
        response = client.post(
            reverse("cases:import"),
            {"file": SimpleUploadedFile(name, content, content_type="text/csv"), **options},
        )
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    return job


def test_importing_the_sample_file_runs_a_job_and_shows_its_summary(
    client_for, pakthor, django_capture_on_commit_callbacks
):
    client = client_for(pakthor)
    assert client.get(reverse("cases:import")).status_code == 200
    job = upload_import(client, django_capture_on_commit_callbacks, SAMPLE.read_bytes(), SAMPLE.name)
    assert job.status == JobStatus.SUCCEEDED
    assert (job.result["read"], job.result["created"], job.result["rejected"]) == (4, 4, 0)
    assert Story.objects.filter(ref__startswith="PT-").count() == 4
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    text = page.content.decode()
    assert 'data-testid="job-summary"' in text
    assert "นำเข้าเสร็จ" in text
    assert 'data-status="succeeded"' in text


def test_a_bad_file_with_skip_invalid_gives_a_rejects_file(client_for, pakthor, django_capture_on_commit_callbacks):
    content = (
        "story_ref,reported_on,house_code,village_code,head_name,category\n"
        "OK-1,2022-08-15,70080123451,70080501,นางเอื้อง ใจดี,1\n"
        "BAD-1,2022-08-15,70080123452,70080501,นายแดง มาลา,9\n"
    ).encode()
    client = client_for(pakthor)
    job = upload_import(client, django_capture_on_commit_callbacks, content, "stories.csv", skip_invalid="on")
    assert job.status == JobStatus.SUCCEEDED
    assert (job.result["created"], job.result["rejected"]) == (1, 1)
    assert list(Story.objects.values_list("ref", flat=True)) == ["OK-1"]
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    download_url = reverse("jobs:download", args=[job.pk])
    assert download_url in page
    response = client.get(download_url)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][-1] == "error"
    assert [row[0] for row in rows[1:]] == ["BAD-1"]
    assert "1–7" in rows[1][-1]


def test_a_bad_file_without_skip_invalid_writes_nothing(client_for, pakthor, django_capture_on_commit_callbacks):
    content = (
        "story_ref,reported_on,house_code,village_code,head_name,category\n"
        "OK-1,2022-08-15,70080123451,70080501,นางเอื้อง ใจดี,1\n"
        "BAD-1,2022-08-15,70080123452,70080501,นายแดง มาลา,9\n"
    ).encode()
    client = client_for(pakthor)
    job = upload_import(client, django_capture_on_commit_callbacks, content, "stories.csv")
    assert not Story.objects.exists()
    assert "ไม่ได้บันทึกข้อมูลใด ๆ" in job.message
    assert 'data-testid="job-errors"' in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def test_the_import_page_refuses_other_file_types(client_for, pakthor):
    response = client_for(pakthor).post(
        reverse("cases:import"), {"file": SimpleUploadedFile("stories.txt", b"x", content_type="text/plain")}
    )
    assert response.status_code == 200
    assert "รับเฉพาะไฟล์ .csv หรือ .xlsx" in response.content.decode()
    assert not Job.objects.exists()


def test_a_ministry_viewer_may_not_import(client_for):
    assert client_for(make_user("ministry_viewer")).get(reverse("cases:import")).status_code == 403


# --- API ------------------------------------------------------------------------------------------------------------


def household_body(**overrides):
    body = {
        "village": "57030101",
        "house_code": "57030101005",
        "house_no": "9",
        "head_name": "นางเอื้อง ใจดี",
        "members": [{"full_name": "นางเอื้อง ใจดี", "is_head": True, "citizen_id": CID_DASHED, "elderly": True}],
    }
    return {**body, **overrides}


def test_api_registers_a_household(api_for, district_chief):
    village("57030101")
    response = api_for(district_chief).post("/api/v1/households/", household_body(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["house_code"], body["village"]) == ("57030101005", "57030101")
    assert body["members"][0]["citizen_id"] == CID_DASHED
    assert body["members"][0]["elderly"] is True
    assert Household.objects.get(house_code="57030101005").members.count() == 1


def test_api_refuses_a_duplicate_household_naming_it(api_for, district_chief):
    village("57030101")
    api = api_for(district_chief)
    api.post("/api/v1/households/", household_body(), format="json")
    response = api.post("/api/v1/households/", household_body(members=[]), format="json")
    assert response.status_code == 400
    body = response.json()
    assert has_thai(body["message"])
    assert body["errors"]["duplicates"] == ["57030101005"]
    same_person = api.post("/api/v1/households/", household_body(house_code="57030101006"), format="json")
    assert same_person.status_code == 400
    assert same_person.json()["errors"]["duplicates"] == ["57030101005"]
    assert Household.objects.count() == 1


def test_api_refuses_a_bad_citizen_id_in_thai(api_for, district_chief):
    village("57030101")
    members = [{"full_name": "นางเอื้อง ใจดี", "citizen_id": "1101700230709"}]
    response = api_for(district_chief).post("/api/v1/households/", household_body(members=members), format="json")
    assert response.status_code == 400
    assert "เลขตรวจสอบ" in str(response.json()["errors"])
    assert not Household.objects.exists()


@pytest.mark.parametrize(
    ("role", "area", "shown"), [("district_team", "5703", CID_DASHED), ("ministry_viewer", None, CID_MASKED)]
)
def test_api_household_detail_masks_citizen_ids_by_role(api_for, place, role, area, shown):
    response = api_for(make_user(role, area)).get(f"/api/v1/households/{place.household.house_code}/")
    assert response.status_code == 200
    assert response.json()["members"][0]["citizen_id"] == shown
    if shown == CID_MASKED:
        assert CID not in response.content.decode()


def test_api_household_of_another_district_is_not_found(api_for, other_district_chief, place):
    response = api_for(other_district_chief).get(f"/api/v1/households/{place.household.house_code}/")
    assert response.status_code == 404
    assert response.json() == {"message": "ไม่พบข้อมูล"}


def test_api_records_a_story(api_for, district_chief):
    house = household("57030101001", "นางเอื้อง ใจดี")
    body = {"house_code": house.house_code, "category": 4, "indicators": [15, 18], "description": "รายได้ไม่พอ"}
    response = api_for(district_chief).post("/api/v1/stories/", body, format="json")
    assert response.status_code == 201
    data = response.json()
    story = Story.objects.get(pk=data["id"])
    assert (story.household, story.category_id, story.status) == (house, 4, "new")
    assert data["indicators"] == [15, 18]
    assert [e["kind"] for e in data["events"]] == ["created"]


def test_api_story_for_another_districts_household_is_not_found(api_for, other_district_chief):
    house = household("57030101001", "นางเอื้อง ใจดี")
    body = {"house_code": house.house_code, "category": 1}
    assert api_for(other_district_chief).post("/api/v1/stories/", body, format="json").status_code == 404
    assert not Story.objects.exists()


def test_api_changes_the_status(api_for, district_chief, place):
    response = api_for(district_chief).post(
        f"/api/v1/stories/{place.story.pk}/status/", {"status": "verified", "note": "ตรวจแล้ว"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["events"][-1]["note"] == "ตรวจแล้ว"


def test_api_refuses_a_disallowed_transition_with_a_thai_message(api_for, district_chief, place):
    response = api_for(district_chief).post(
        f"/api/v1/stories/{place.story.pk}/status/", {"status": "closed"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert has_thai(body["message"])
    assert "ไม่ได้" in str(body["errors"])
    place.story.refresh_from_db()
    assert place.story.status == StoryStatus.NEW


def test_api_status_change_by_a_ministry_viewer_is_forbidden(api_for, place):
    response = api_for(make_user("ministry_viewer")).post(
        f"/api/v1/stories/{place.story.pk}/status/", {"status": "verified"}, format="json"
    )
    assert response.status_code == 403
    assert has_thai(response.json()["message"])


def test_api_records_an_action(api_for, district_chief, place):
    body = {
        "done_on": "2022-09-02",
        "description": "ติดตั้งไฟฟ้า",
        "dimension": "sustainable",
        "cost": "1500.00",
        "agency": "PEA",
    }
    response = api_for(district_chief).post(f"/api/v1/stories/{place.story.pk}/actions/", body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert (data["agency"], data["dimension"], data["done_on"]) == ("PEA", "sustainable", "2022-09-02")
    assert place.story.actions.count() == 2
    listed = api_for(district_chief).get(f"/api/v1/stories/{place.story.pk}/actions/").json()
    assert len(listed) == 2


def test_api_refuses_an_action_in_the_future(api_for, district_chief, place):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    body = {"done_on": tomorrow, "description": "x", "dimension": "immediate"}
    response = api_for(district_chief).post(f"/api/v1/stories/{place.story.pk}/actions/", body, format="json")
    assert response.status_code == 400
    assert "อนาคต" in str(response.json()["errors"])


def test_api_uploads_a_photo(api_for, district_chief, place):
    response = api_for(district_chief).post(
        f"/api/v1/stories/{place.story.pk}/evidence/",
        {"file": jpeg("after.jpg"), "phase": "after", "caption": "หลังซ่อม"},
        format="multipart",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["media_type"], data["content_type"], data["phase"]) == ("image", "image/jpeg", "after")
    assert data["url"] == reverse("cases:evidence-file", args=[data["token"]])
    assert data["thumbnail_url"]
    assert place.story.evidence.count() == 2


def test_api_rejects_a_text_file_as_evidence_in_thai(api_for, district_chief, place):
    text_file = SimpleUploadedFile("photo.jpg", "ไม่ใช่ภาพ".encode(), content_type="image/jpeg")
    response = api_for(district_chief).post(
        f"/api/v1/stories/{place.story.pk}/evidence/", {"file": text_file}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert has_thai(body["message"])
    assert body["errors"]["file"] == [NOT_ACCEPTED]
    assert place.story.evidence.count() == 1


def test_api_lists_stories_filtered_by_status_and_category(api_for, district_chief, listed):
    response = api_for(district_chief).get("/api/v1/stories/", {"status": "new", "category": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [s["id"] for s in body["results"]] == [listed["old_roof"].pk]
    assert body["results"][0]["is_overdue"] is True
    everything = api_for(district_chief).get("/api/v1/stories/").json()
    assert everything["count"] == 4  # not Songkhla's story
