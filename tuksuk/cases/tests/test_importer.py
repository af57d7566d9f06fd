"""The stories import, one test per behaviour of docs/formats/stories-import.md."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tuksuk.cases.importer import COLUMNS, import_stories, write_rejects
from tuksuk.cases.models import Story, StoryEvent
from tuksuk.core.tabular import FileError
from tuksuk.core.testing import make_user
from tuksuk.households.models import Household, Member

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).with_name("sample-stories.csv")
HEADER = "story_ref,reported_on,house_code,village_code,head_name,category"


@pytest.fixture
def pakthor():
    """District team of อำเภอปากท่อ (7008), where the sample file's villages are."""
    return make_user("district_team", "7008")


def run(text: str, actor, **kwargs):
    return import_stories(io.BytesIO(text.encode("utf-8")), "stories.csv", actor=actor, **kwargs)


def test_sample_file_imports_stories_households_and_villages(pakthor):
    with SAMPLE.open("rb") as handle:
        result = import_stories(handle, SAMPLE.name, actor=pakthor)
    assert (result.read, result.created, result.updated, result.unchanged, result.rejected) == (4, 4, 0, 0, 0)
    assert Household.objects.count() == 3  # PT-0001 and PT-0003 share a house
    story = Story.objects.get(ref="PT-0002")
    assert story.status == "in_progress"
    assert sorted(story.indicators.values_list("number", flat=True)) == [15, 18]
    assert Story.objects.get(ref="PT-0004").category_id == 7  # given by its Thai name
    assert str(Story.objects.get(ref="PT-0004").reported_at.date()) == "2022-08-17"  # Thai digits and B.E.
    house = Household.objects.get(house_code="70080123451")
    assert house.village_id == "70080501"
    assert house.village.parent_id == "700805"  # the village was created under its tambon
    assert house.members.get().citizen_id_last3 == "708"


def test_reimporting_the_same_file_changes_nothing_and_says_so(pakthor):
    for _ in range(2):
        with SAMPLE.open("rb") as handle:
            result = import_stories(handle, SAMPLE.name, actor=pakthor)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert StoryEvent.objects.filter(story__ref="PT-0001").count() == 1


def test_same_story_ref_updates_the_story(pakthor):
    run(f"{HEADER},status\nX-1,2022-08-15,70080123451,70080501,นางเอื้อง ใจดี,1,new\n", pakthor)
    result = run(f"{HEADER},status\nX-1,2022-08-15,70080123451,70080501,นางเอื้อง ใจดี,2,resolved\n", pakthor)
    assert result.updated == 1
    story = Story.objects.get(ref="X-1")
    assert (story.category_id, story.status) == (2, "resolved")


def test_dry_run_counts_exactly_and_writes_nothing(pakthor):
    with SAMPLE.open("rb") as handle:
        result = import_stories(handle, SAMPLE.name, actor=pakthor, dry_run=True)
    assert (result.read, result.created) == (4, 4)
    assert not Story.objects.exists()
    assert not Household.objects.exists()


BAD_ROWS = [
    ("story_ref", "{ref},2022-08-15,70080123451,70080501,ก,1", "ต้องระบุ", {"ref": ""}),
    ("reported_on", "R,2022-02-30,70080123451,70080501,ก,1", "วันที่ไม่ถูกต้อง", {}),
    ("reported_on", "R,2099-01-01,70080123451,70080501,ก,1", "อนาคต", {}),
    ("house_code", "R,2022-08-15,7008012345,70080501,ก,1", "11 หลัก", {}),
    ("village_code", "R,2022-08-15,70080123451,7008050,ก,1", "8 หลัก", {}),
    ("village_code", "R,2022-08-15,70080123451,99999901,ก,1", "ไม่พบตำบล", {}),
    ("village_code", "R,2022-08-15,70080123451,57030101,ก,1", "นอกพื้นที่", {}),
    ("head_name", "R,2022-08-15,70080123451,70080501,,1", "ต้องระบุ", {}),
    ("category", "R,2022-08-15,70080123451,70080501,ก,8", "1–7", {}),
    ("category", "R,2022-08-15,70080123451,70080501,ก,บ้าน", "1–7", {}),
]


@pytest.mark.parametrize(("column", "line", "message", "fmt"), BAD_ROWS)
def test_each_bad_value_is_reported_with_row_column_and_reason(pakthor, column, line, message, fmt):
    result = run(f"{HEADER}\nOK-1,2022-08-15,70080123452,70080502,ข,1\n{line.format(**fmt)}\n", pakthor)
    assert (result.read, result.rejected, result.created) == (2, 2, 0)
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message
    assert not Story.objects.exists()


OPTIONAL_BAD = [
    ("reported_time", "25:00", "เวลาไม่ถูกต้อง"),
    ("head_citizen_id", "1101700230709", "เลขตรวจสอบ"),
    ("head_citizen_id", "12345", "13 หลัก"),
    ("members", "0", "1–99"),
    ("members", "100", "1–99"),
    ("indicators", "2;38", "1–37"),
    ("status", "done", "สถานะ"),
    ("status", "verified", "สถานะ"),
]


@pytest.mark.parametrize(("column", "value", "message"), OPTIONAL_BAD)
def test_bad_optional_values(pakthor, column, value, message):
    result = run(f"{HEADER},{column}\nR,2022-08-15,70080123451,70080501,ก,1,{value}\n", pakthor)
    assert [e.column for e in result.errors] == [column]
    assert message in result.errors[0].message


@pytest.mark.parametrize(
    ("lat", "lon", "column"),
    [
        ("13.36", "", "longitude"),
        ("30.0", "99.85", "latitude"),
        ("13.3", "120", "longitude"),
        ("x", "99.8", "latitude"),
    ],
)
def test_bad_coordinates(pakthor, lat, lon, column):
    result = run(f"{HEADER},latitude,longitude\nR,2022-08-15,70080123451,70080501,ก,1,{lat},{lon}\n", pakthor)
    assert [e.column for e in result.errors] == [column]


def test_duplicate_story_ref_in_the_file(pakthor):
    result = run(f"{HEADER}\nR,2022-08-15,70080123451,70080501,ก,1\nR,2022-08-15,70080123451,70080501,ก,2\n", pakthor)
    assert [(e.row, e.column) for e in result.errors] == [(3, "story_ref")]
    assert "ซ้ำกับแถว 2" in result.errors[0].message


def test_same_house_in_two_villages_in_one_file(pakthor):
    result = run(f"{HEADER}\nA,2022-08-15,70080123451,70080501,ก,1\nB,2022-08-15,70080123451,70080502,ก,2\n", pakthor)
    assert [(e.row, e.column) for e in result.errors] == [(3, "village_code")]


def test_citizen_id_of_another_household_is_refused(pakthor):
    run(f"{HEADER},head_citizen_id\nA,2022-08-15,70080123451,70080501,ก,1,1101700230708\n", pakthor)
    result = run(f"{HEADER},head_citizen_id\nB,2022-08-15,70080123452,70080501,ข,1,1-1017-00230-70-8\n", pakthor)
    assert [e.column for e in result.errors] == ["head_citizen_id"]
    assert Member.objects.count() == 1


def test_indicator_duplicates_are_ignored_and_both_separators_work(pakthor):
    run(f'{HEADER},indicators\nR,2022-08-15,70080123451,70080501,ก,4,"15,18;15"\n', pakthor)
    assert sorted(Story.objects.get().indicators.values_list("number", flat=True)) == [15, 18]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("story_ref,reported_on,house_code,village_code,head_name,category,colour", "ไม่รู้จักคอลัมน์: colour"),
        ("story_ref,reported_on,house_code,village_code,head_name", "ไม่มีคอลัมน์ที่จำเป็น: category"),
    ],
)
def test_unknown_or_missing_columns_refuse_the_file(pakthor, header, message):
    with pytest.raises(FileError, match=message):
        run(f"{header}\n", pakthor)


def test_bom_crlf_and_column_order_are_accepted(pakthor):
    text = "\ufeffcategory,head_name,village_code,house_code,reported_on,story_ref\r\n1,ก,70080501,70080123451,29/08/2565,R\r\n"
    assert run(text, pakthor).created == 1


def test_xlsx_with_the_same_header(pakthor):
    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(
        [
            "X-1",
            "2022-08-15",
            "09:30",
            "70080123451",
            "70080501",
            "12/3",
            "นางเอื้อง ใจดี",
            "",
            4,
            1,
            "2",
            "new",
            "",
            13.3611,
            99.8512,
        ]
    )
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    result = import_stories(data, "stories.xlsx", actor=pakthor)
    assert result.created == 1
    assert str(Household.objects.get().latitude) == "13.361100"


def test_skip_invalid_writes_the_good_rows_and_returns_the_bad_ones(pakthor):
    text = f"{HEADER}\nA,2022-08-15,70080123451,70080501,ก,1\nB,2022-08-15,bad,70080501,ข,1\nC,2022-08-16,70080123452,70080501,ค,2\n"
    result = run(text, pakthor, skip_invalid=True)
    assert (result.read, result.created, result.rejected) == (3, 2, 1)
    assert result.read == result.created + result.updated + result.unchanged + result.rejected
    out = io.StringIO()
    write_rejects(result, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == HEADER + ",error"
    assert lines[1].startswith("B,2022-08-15,bad,")
    assert "11 หลัก" in lines[1]


def test_rows_outside_scope_are_rejected_not_ignored():
    chief = make_user("district_chief", "5703")
    with SAMPLE.open("rb") as handle:
        result = import_stories(handle, SAMPLE.name, actor=chief, skip_invalid=True)
    assert (result.created, result.rejected) == (0, 4)


def test_read_only_role_cannot_import():
    viewer = make_user("ministry_viewer")
    with SAMPLE.open("rb") as handle:
        result = import_stories(handle, SAMPLE.name, actor=viewer)
    assert result.rejected == 4


def test_command_prints_errors_and_summary_and_exits_non_zero(pakthor, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"{HEADER}\nA,2022-08-15,70080123451,70080501,ก,1\nB,2022-08-15,123,70080501,ข,9\n", encoding="utf-8"
    )
    rejects = tmp_path / "rejects.csv"
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_stories", str(bad), "--user", pakthor.username, "--skip-invalid", "--rejects", str(rejects)
        )
    assert exit_info.value.code == 1
    out = capsys.readouterr().out.splitlines()
    assert "row 3, column house_code: รหัสบ้านต้องเป็นตัวเลข 11 หลัก" in out
    assert "row 3, column category: ประเภทปัญหาต้องเป็น 1–7 หรือชื่อประเภทภาษาไทย" in out
    assert out[-1] == "read=2 created=1 updated=0 unchanged=0 rejected=1"
    assert rejects.read_text(encoding="utf-8-sig").splitlines()[1].startswith("B,")


def test_command_success(pakthor, capsys):
    call_command("import_stories", str(SAMPLE), "--user", pakthor.username)
    assert capsys.readouterr().out.splitlines()[-1] == "read=4 created=4 updated=0 unchanged=0 rejected=0"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(max_size=15), min_size=6, max_size=6), max_size=5))
def test_any_garbage_gives_errors_never_a_crash_or_partial_write(pakthor, cells):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    writer.writerows(cells)
    before = Story.objects.count()
    try:
        result = run(out.getvalue(), pakthor)
    except FileError:
        return
    assert result.read == result.created + result.updated + result.unchanged + result.rejected
    if result.rejected:
        assert Story.objects.count() == before
