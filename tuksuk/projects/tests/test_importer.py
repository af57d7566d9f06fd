"""The projects import, one test per behaviour and per bad input of docs/formats/projects-import.md."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from tuksuk.core.tabular import FileError
from tuksuk.core.testing import make_user
from tuksuk.jobs.models import JobStatus
from tuksuk.jobs.services import start_job
from tuksuk.projects import services
from tuksuk.projects.choices import ProjectEventKind
from tuksuk.projects.importer import import_projects, parse_baht, write_rejects
from tuksuk.projects.models import Activity, BudgetLine, Project, ProjectEvent
from tuksuk.projects.tasks import import_projects_job

pytestmark = pytest.mark.django_db

PROJECTS_HEADER = (
    "project_ref,district_code,title,category,fiscal_year,timeframe,start_on,end_on,one_plan_code,sdg_goals,"
    "thaiqm_indicators,brief"
)
ACTIVITIES_HEADER = (
    "activity_ref,project_ref,title,value_chain,agencies,partner_networks,budget_baht,budget_source,"
    "target_households,status"
)
PROJECTS = (
    f"{PROJECTS_HEADER}\n"
    "CK-P1,5703,ส่งเสริมอาชีพเลี้ยงปลาในกระชัง,1,2565,quick_win,2021-11-01,31/03/2565,OP-57-001,1;8,21;22,"
    "เลี้ยงปลาในแม่น้ำโขง\n"
    "CK-P2,5703,ฝายชะลอน้ำบ้านห้วยลึก,3,๒๕๖๕,long_term,,,,6,,\n"
)
ACTIVITIES = (
    f"{ACTIVITIES_HEADER}\n"
    'CK-A1,CK-P1,อบรมการเลี้ยงปลา,upstream,CDD;P-FISH,government;citizen,"1,250,000.50",province,40,in_progress\n'
    "CK-A2,CK-P1,จำหน่ายปลาที่ตลาดชุมชน,ปลายทาง,CDD,private,0,none_needed,40,planned\n"
    "CK-A3,CK-P2,สร้างฝาย,midstream,DOPA,,๘๐๐๐๐,กองทุนหมู่บ้าน,120,done\n"
)
# Short forms: the required columns only.
P_HEADER = "project_ref,district_code,title,category,fiscal_year"
A_HEADER = "activity_ref,project_ref,title"
P_OK = "P-OK,5703,โครงการที่ถูกต้อง,1,2565"


@pytest.fixture
def chiangkhong():
    """District team of อำเภอเชียงของ (5703)."""
    return make_user("district_team", "5703")


@pytest.fixture
def thepha_project():
    """A project of อำเภอเทพา (9005), outside Chiang Khong's area."""
    return services.create_project(
        actor=make_user("district_team", "9005"),
        district_code="9005",
        ref="TP-1",
        title="เทพา",
        category=2,
        fiscal_year=2565,
    )


def _handle(text):
    return None if text is None else io.BytesIO(text.encode("utf-8"))


def run(projects, activities, actor, **kwargs):
    return import_projects(
        _handle(projects), "projects.csv", _handle(activities), "activities.csv", actor=actor, **kwargs
    )


def counts(file_result):
    r = file_result
    return (r.read, r.created, r.updated, r.unchanged, r.rejected)


def test_sample_files_import_projects_activities_and_budgets(chiangkhong):
    result = run(PROJECTS, ACTIVITIES, chiangkhong)
    assert counts(result.projects) == (2, 2, 0, 0, 0)
    assert counts(result.activities) == (3, 3, 0, 0, 0)
    assert result.summary_lines == [
        "projects: read=2 created=2 updated=0 unchanged=0 rejected=0",
        "activities: read=3 created=3 updated=0 unchanged=0 rejected=0",
    ]
    p1 = Project.objects.get(ref="CK-P1")
    assert (p1.district_id, p1.category, p1.fiscal_year, p1.timeframe) == ("5703", 1, 2565, "quick_win")
    assert (str(p1.start_on), str(p1.end_on)) == ("2021-11-01", "2022-03-31")
    assert p1.one_plan_code == "OP-57-001"
    assert sorted(p1.sdg_goals.values_list("number", flat=True)) == [1, 8]
    assert sorted(p1.indicators.values_list("number", flat=True)) == [21, 22]
    assert Project.objects.get(ref="CK-P2").fiscal_year == 2565  # Thai digits
    a1 = Activity.objects.get(ref="CK-A1")
    assert (a1.project, a1.value_chain, a1.status, a1.target_households) == (p1, "upstream", "in_progress", 40)
    assert sorted(a1.agencies.values_list("code", flat=True)) == ["CDD", "P-FISH"]
    assert a1.partner_networks == ["government", "citizen"]
    line = a1.budget_lines.get()
    assert (line.source, line.planned, line.spent) == ("province", Decimal("1250000.50"), Decimal("0"))
    assert Activity.objects.get(ref="CK-A2").value_chain == "downstream"  # Thai label
    a3 = Activity.objects.get(ref="CK-A3")
    assert (a3.status, a3.percent_complete) == ("done", 100)
    line = a3.budget_lines.get()
    assert (line.source, line.source_detail, line.planned) == ("other", "กองทุนหมู่บ้าน", Decimal("80000.00"))
    assert ProjectEvent.objects.filter(project=p1, activity=None).get().kind == ProjectEventKind.IMPORTED
    assert result.written
    assert not result.rejected


def test_reimporting_the_same_files_changes_nothing_and_says_so(chiangkhong):
    run(PROJECTS, ACTIVITIES, chiangkhong)
    events = ProjectEvent.objects.count()
    result = run(PROJECTS, ACTIVITIES, chiangkhong)
    assert counts(result.projects) == (2, 0, 0, 2, 0)
    assert counts(result.activities) == (3, 0, 0, 3, 0)
    assert ProjectEvent.objects.count() == events
    assert not result.written


def test_same_refs_update_projects_and_activities(chiangkhong):
    run(PROJECTS, ACTIVITIES, chiangkhong)
    result = run(
        PROJECTS.replace("ฝายชะลอน้ำบ้านห้วยลึก,3", "ฝายชะลอน้ำบ้านห้วยลึก (ระยะ 2),3"),
        ACTIVITIES.replace("40,in_progress", "45,done"),
        chiangkhong,
    )
    assert counts(result.projects) == (2, 0, 1, 1, 0)
    assert counts(result.activities) == (3, 0, 1, 2, 0)
    assert Project.objects.get(ref="CK-P2").title == "ฝายชะลอน้ำบ้านห้วยลึก (ระยะ 2)"
    a1 = Activity.objects.get(ref="CK-A1")
    assert (a1.status, a1.target_households) == ("done", 45)
    assert ProjectEvent.objects.filter(project__ref="CK-P2", kind=ProjectEventKind.IMPORTED).count() == 2


def test_dry_run_counts_exactly_and_writes_nothing(chiangkhong):
    result = run(PROJECTS, ACTIVITIES, chiangkhong, dry_run=True)
    assert counts(result.projects) == (2, 2, 0, 0, 0)
    assert counts(result.activities) == (3, 3, 0, 0, 0)
    assert not result.written
    assert not Project.objects.exists()
    assert not Activity.objects.exists()
    assert not ProjectEvent.objects.exists()


def test_dry_run_of_a_reimport_counts_unchanged_and_updated(chiangkhong):
    run(PROJECTS, ACTIVITIES, chiangkhong)
    result = run(PROJECTS, ACTIVITIES.replace("สร้างฝาย", "สร้างฝายแกนดิน"), chiangkhong, dry_run=True)
    assert counts(result.activities) == (3, 0, 1, 2, 0)
    assert Activity.objects.get(ref="CK-A3").title == "สร้างฝาย"


PROJECT_BAD = [
    # (column, cell values of P_HEADER's columns or extra "column=value", message)
    ("project_ref", ",5703,ก,1,2565", "ต้องระบุ"),
    ("project_ref", f"{'X' * 65},5703,ก,1,2565", "64"),
    ("district_code", "P,,ก,1,2565", "ต้องระบุ"),
    ("district_code", "P,570,ก,1,2565", "4 หลัก"),
    ("district_code", "P,57O3,ก,1,2565", "4 หลัก"),
    ("district_code", "P,9999,ก,1,2565", "ไม่พบอำเภอ"),
    ("district_code", "P,57,ก,1,2565", "4 หลัก"),
    ("district_code", "P,9005,ก,1,2565", "อยู่นอกพื้นที่ที่คุณรับผิดชอบ"),
    ("title", "P,5703,,1,2565", "ต้องระบุ"),
    ("title", f"P,5703,{'ก' * 301},1,2565", "300"),
    ("category", "P,5703,ก,,2565", "ต้องระบุ"),
    ("category", "P,5703,ก,6,2565", "1–5"),
    ("category", "P,5703,ก,0,2565", "1–5"),
    ("category", "P,5703,ก,น้ำ,2565", "1–5"),
    ("fiscal_year", "P,5703,ก,1,", "ต้องระบุ"),
    ("fiscal_year", "P,5703,ก,1,2022", "พ.ศ."),
    ("fiscal_year", "P,5703,ก,1,3000", "พ.ศ."),
    ("fiscal_year", "P,5703,ก,1,๒๕๖x", "พ.ศ."),
]


@pytest.mark.parametrize(("column", "line", "message"), PROJECT_BAD)
def test_each_bad_required_project_value_is_reported(chiangkhong, column, line, message):
    result = run(f"{P_HEADER}\n{P_OK}\n{line}\n", None, chiangkhong)
    assert counts(result.projects) == (2, 0, 0, 0, 2)
    assert [(e.row, e.column) for e in result.projects.errors] == [(3, column)]
    assert message in result.projects.errors[0].message
    assert not Project.objects.exists()


def test_gregorian_fiscal_year_says_to_use_the_buddhist_era(chiangkhong):
    result = run(f"{P_HEADER}\nP,5703,ก,1,2022\n", None, chiangkhong)
    assert result.projects.errors[0].message == "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2565 (ไม่ใช่ ค.ศ. 2022)"


PROJECT_OPTIONAL_BAD = [
    ("timeframe", "soon", "quick_win หรือ long_term"),
    ("timeframe", "Quick win", "quick_win หรือ long_term"),
    ("start_on", "2022-02-30", "วันที่ไม่ถูกต้อง"),
    ("start_on", "1 ต.ค. 2564", "วันที่ไม่ถูกต้อง"),
    ("end_on", "31/13/2565", "วันที่ไม่ถูกต้อง"),
    ("one_plan_code", "X" * 101, "100"),
    ("sdg_goals", "1;18", "1–17"),
    ("sdg_goals", "0", "1–17"),
    ("sdg_goals", "SDG1", "1–17"),
    ("thaiqm_indicators", "2;38", "1–37"),
    ("thaiqm_indicators", "x", "1–37"),
]


@pytest.mark.parametrize(("column", "value", "message"), PROJECT_OPTIONAL_BAD)
def test_each_bad_optional_project_value_is_reported(chiangkhong, column, value, message):
    result = run(f"{P_HEADER},{column}\nP,5703,ก,1,2565,{value}\n", None, chiangkhong)
    assert [(e.row, e.column) for e in result.projects.errors] == [(2, column)]
    assert message in result.projects.errors[0].message
    assert result.projects.errors[0].value == value


def test_end_before_start_is_refused(chiangkhong):
    result = run(f"{P_HEADER},start_on,end_on\nP,5703,ก,1,2565,2022-03-01,28/02/2565\n", None, chiangkhong)
    assert [(e.column, e.message) for e in result.projects.errors] == [("end_on", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")]


def test_duplicate_project_ref_in_the_file(chiangkhong):
    result = run(f"{P_HEADER}\nP,5703,ก,1,2565\nP,5703,ข,2,2565\n", None, chiangkhong)
    assert [(e.row, e.column) for e in result.projects.errors] == [(3, "project_ref")]
    assert "ซ้ำกับแถว 2" in result.projects.errors[0].message


def test_sdg_and_indicator_lists_take_both_separators_and_ignore_duplicates(chiangkhong):
    run(f'{P_HEADER},sdg_goals,thaiqm_indicators\nP,5703,ก,1,2565,"1,8;1",๒๑;22;21\n', None, chiangkhong)
    project = Project.objects.get()
    assert sorted(project.sdg_goals.values_list("number", flat=True)) == [1, 8]
    assert sorted(project.indicators.values_list("number", flat=True)) == [21, 22]


def test_project_ref_of_a_project_in_another_district_is_refused(chiangkhong, thepha_project):
    result = run(f"{P_HEADER}\nTP-1,5703,ก,1,2565\n", None, chiangkhong)
    assert [e.column for e in result.projects.errors] == ["project_ref"]
    assert "พื้นที่อื่น" in result.projects.errors[0].message


ACTIVITY_BAD = [
    ("activity_ref", ",P-OK,ก", "ต้องระบุ"),
    ("activity_ref", f"{'X' * 65},P-OK,ก", "64"),
    ("project_ref", "A,,ก", "ต้องระบุ"),
    ("project_ref", "A,NOPE,ก", "ไม่พบโครงการ NOPE"),
    ("project_ref", "A,TP-1,ก", "อยู่นอกพื้นที่ที่คุณรับผิดชอบ"),
    ("title", "A,P-OK,", "ต้องระบุ"),
    ("title", f"A,P-OK,{'ก' * 301}", "300"),
]


@pytest.mark.parametrize(("column", "line", "message"), ACTIVITY_BAD)
def test_each_bad_required_activity_value_is_reported(chiangkhong, thepha_project, column, line, message):
    result = run(f"{P_HEADER}\n{P_OK}\n", f"{A_HEADER}\nA-OK,P-OK,ก\n{line}\n", chiangkhong)
    assert counts(result.activities) == (2, 0, 0, 0, 2)
    assert counts(result.projects) == (1, 0, 0, 0, 1)  # all-or-nothing across both files
    assert [(e.row, e.column) for e in result.activities.errors] == [(3, column)]
    assert message in result.activities.errors[0].message
    assert not result.projects.errors
    assert not Project.objects.filter(ref="P-OK").exists()


ACTIVITY_OPTIONAL_BAD = [
    ("value_chain", "upper", "upstream, midstream หรือ downstream"),
    ("value_chain", "ต้นน้ำ", "ต้นทาง/กลางทาง/ปลายทาง"),
    ("agencies", "CDD;NOPE", "ไม่พบหน่วยงานรหัส “NOPE”"),
    ("partner_networks", "government;ngo", "“ngo” ไม่มี"),
    ("budget_baht", "-5", "ไม่ติดลบ"),
    ("budget_baht", "abc", "ต้องเป็นตัวเลข"),
    ("budget_baht", "1,25,000", "ต้องเป็นตัวเลข"),
    ("budget_baht", "1.5e3", "ต้องเป็นตัวเลข"),
    ("budget_baht", "100.005", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    ("budget_baht", "1000000000000", "มากเกินไป"),
    ("budget_source", "ก" * 201, "200"),
    ("target_households", "-1", "จำนวนเต็มตั้งแต่ 0"),
    ("target_households", "2.5", "จำนวนเต็มตั้งแต่ 0"),
    ("target_households", "สิบ", "จำนวนเต็มตั้งแต่ 0"),
    ("status", "finished", "planned, in_progress, done หรือ cancelled"),
    ("status", "new", "planned, in_progress, done หรือ cancelled"),
]


@pytest.mark.parametrize(("column", "value", "message"), ACTIVITY_OPTIONAL_BAD)
def test_each_bad_optional_activity_value_is_reported(chiangkhong, column, value, message):
    result = run(f"{P_HEADER}\n{P_OK}\n", f'{A_HEADER},{column}\nA,P-OK,ก,"{value}"\n', chiangkhong)
    assert [(e.row, e.column) for e in result.activities.errors] == [(2, column)]
    assert message in result.activities.errors[0].message
    assert result.activities.errors[0].value == value
    assert not Project.objects.exists()


def test_duplicate_activity_ref_in_the_file(chiangkhong):
    result = run(f"{P_HEADER}\n{P_OK}\n", f"{A_HEADER}\nA,P-OK,ก\nA,P-OK,ข\n", chiangkhong)
    assert [(e.row, e.column) for e in result.activities.errors] == [(3, "activity_ref")]
    assert "ซ้ำกับแถว 2" in result.activities.errors[0].message


def test_activity_of_a_rejected_project_row_is_rejected_too_and_says_why(chiangkhong):
    result = run(
        f"{P_HEADER}\n{P_OK}\nP-BAD,5703,ก,9,2565\n",
        f"{A_HEADER}\nA1,P-OK,ก\nA2,P-BAD,ข\n",
        chiangkhong,
        skip_invalid=True,
    )
    assert counts(result.projects) == (2, 1, 0, 0, 1)
    assert counts(result.activities) == (2, 1, 0, 0, 1)
    error = result.activities.errors[0]
    assert (error.row, error.column) == (3, "project_ref")
    assert "P-BAD (แถว 3 ของไฟล์โครงการ) ไม่ผ่านการตรวจสอบ" in error.message


def test_activity_ref_of_another_project_is_refused(chiangkhong):
    run(f"{P_HEADER}\n{P_OK}\nP-2,5703,ข,2,2565\n", f"{A_HEADER}\nA1,P-OK,ก\n", chiangkhong)
    result = run(None, f"{A_HEADER}\nA1,P-2,ก\n", chiangkhong)
    assert [e.column for e in result.activities.errors] == ["activity_ref"]
    assert "กิจกรรมของโครงการอื่น (P-OK)" in result.activities.errors[0].message
    assert Activity.objects.get().project.ref == "P-OK"


def test_all_or_nothing_across_both_files_lists_every_error(chiangkhong):
    result = run(
        f"{P_HEADER}\n{P_OK}\nP-2,5703,ข,2,2022\n",
        f"{A_HEADER},status\nA1,P-OK,ก,planned\nA2,P-OK,ข,finished\n",
        chiangkhong,
    )
    assert counts(result.projects) == (2, 0, 0, 0, 2)
    assert counts(result.activities) == (2, 0, 0, 0, 2)
    assert [(e.row, e.column) for e in result.projects.errors] == [(3, "fiscal_year")]
    assert [(e.row, e.column) for e in result.activities.errors] == [(3, "status")]
    assert not Project.objects.exists()
    assert not Activity.objects.exists()
    assert len(result.projects.rejected_rows) == 2  # every row comes back, the bad ones with their reason
    assert result.projects.rejected_rows[0][1] == ""
    assert "fiscal_year" in result.projects.rejected_rows[1][1]


def test_skip_invalid_writes_the_good_rows_and_returns_the_bad_ones_of_both_files(chiangkhong):
    result = run(
        f"{P_HEADER}\n{P_OK}\nP-2,5703,ข,2,2022\n",
        f"{A_HEADER},budget_baht\nA1,P-OK,ก,100\nA2,P-OK,ข,-1\nA3,P-2,ค,5\n",
        chiangkhong,
        skip_invalid=True,
    )
    for file_result in result.files:
        r = file_result
        assert r.read == r.created + r.updated + r.unchanged + r.rejected
    assert counts(result.projects) == (2, 1, 0, 0, 1)
    assert counts(result.activities) == (3, 1, 0, 0, 2)
    assert list(Activity.objects.values_list("ref", flat=True)) == ["A1"]
    out = io.StringIO()
    write_rejects(result.projects, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{P_HEADER},error"
    assert lines[1].startswith("P-2,5703,ข,2,2022,fiscal_year: ")
    out = io.StringIO()
    write_rejects(result.activities, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{A_HEADER},budget_baht,error"
    assert lines[1].startswith("A2,P-OK,ข,-1,budget_baht: งบประมาณต้องไม่ติดลบ")
    assert lines[2].startswith("A3,P-2,ค,5,project_ref: ")


def test_activities_only_for_projects_already_in_the_system(chiangkhong):
    run(PROJECTS, None, chiangkhong)
    result = run(None, ACTIVITIES, chiangkhong)
    assert counts(result.projects) == (0, 0, 0, 0, 0)
    assert counts(result.activities) == (3, 3, 0, 0, 0)
    assert Activity.objects.filter(project__ref="CK-P1").count() == 2


def test_projects_only(chiangkhong):
    result = run(PROJECTS, None, chiangkhong)
    assert counts(result.projects) == (2, 2, 0, 0, 0)
    assert result.activities.summary == "activities: read=0 created=0 updated=0 unchanged=0 rejected=0"


def test_no_file_at_all_is_refused(chiangkhong):
    with pytest.raises(FileError):
        run(None, None, chiangkhong)


@pytest.mark.parametrize(
    ("projects", "activities", "message"),
    [
        (f"{P_HEADER},colour\n", None, "projects.csv: ไม่รู้จักคอลัมน์: colour"),
        ("project_ref,district_code,title,category\n", None, "projects.csv: ไม่มีคอลัมน์ที่จำเป็น: fiscal_year"),
        (None, "activity_ref,title\n", "activities.csv: ไม่มีคอลัมน์ที่จำเป็น: project_ref"),
    ],
)
def test_unknown_or_missing_columns_refuse_the_file_and_name_it(chiangkhong, projects, activities, message):
    with pytest.raises(FileError, match=message):
        run(projects, activities, chiangkhong)


def test_district_team_of_5703_cannot_import_for_9005():
    team = make_user("district_team", "5703")
    result = run(f"{P_HEADER}\nTP-9,9005,ก,1,2565\n", f"{A_HEADER}\nTA-9,TP-9,ก\n", team, skip_invalid=True)
    assert counts(result.projects) == (1, 0, 0, 0, 1)
    assert counts(result.activities) == (1, 0, 0, 0, 1)
    assert result.projects.errors[0].message == "อำเภอนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ"
    assert not Project.objects.exists()


def test_activities_for_a_project_of_another_district_are_rejected(chiangkhong, thepha_project):
    result = run(None, f"{A_HEADER}\nA,TP-1,ก\n", chiangkhong, skip_invalid=True)
    assert counts(result.activities) == (1, 0, 0, 0, 1)
    assert not thepha_project.activities.exists()


def test_read_only_role_cannot_import():
    viewer = make_user("ministry_viewer")
    result = run(PROJECTS, ACTIVITIES, viewer)
    assert (result.projects.rejected, result.activities.rejected) == (2, 3)
    assert not Project.objects.exists()


def test_budgets_are_decimals_never_floats(chiangkhong):
    run(
        f"{P_HEADER}\n{P_OK}\n",
        f'{A_HEADER},budget_baht\nA1,P-OK,ก,0.1\nA2,P-OK,ข,0.2\nA3,P-OK,ค,"๑,๒๕๐,๐๐๐.๕๐"\n',
        chiangkhong,
    )
    project = Project.objects.get()
    lines = BudgetLine.objects.filter(activity__ref__in=["A1", "A2"])
    assert sum((line.planned for line in lines), Decimal("0")) == Decimal("0.30")
    assert Activity.objects.get(ref="A3").budget_lines.get().planned == Decimal("1250000.50")
    assert project.value_baht == Decimal("1250000.80")


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", "0.00"), ("1250000", "1250000.00"), ("1,250,000.50", "1250000.50"), ("๑,๒๕๐", "1250.00"), ("0.1", "0.10")],
)
def test_parse_baht(text, value):
    parsed = parse_baht(text)
    assert isinstance(parsed, Decimal)
    assert str(parsed) == value


@pytest.mark.parametrize(
    ("source", "code", "detail"),
    [
        ("province", "province", ""),
        ("งบประมาณจังหวัด", "province", ""),
        ("ไม่ใช้งบประมาณ", "none_needed", ""),
        ("local_government", "local_government", ""),
        ("งบกองทุนหมู่บ้าน  บ้านหนองบัว", "other", "งบกองทุนหมู่บ้าน บ้านหนองบัว"),
    ],
)
def test_budget_source_codes_thai_labels_or_free_text(chiangkhong, source, code, detail):
    run(f"{P_HEADER}\n{P_OK}\n", f"{A_HEADER},budget_baht,budget_source\nA,P-OK,ก,10,{source}\n", chiangkhong)
    line = BudgetLine.objects.get()
    assert (line.source, line.source_detail, line.planned) == (code, detail, Decimal("10.00"))


def test_budget_change_keeps_what_was_spent_and_writes_only_when_changed(chiangkhong):
    run(PROJECTS, ACTIVITIES, chiangkhong)
    activity = Activity.objects.get(ref="CK-A1")
    line = activity.budget_lines.get()
    line.spent = Decimal("300000.25")
    line.save()
    budget_events = ProjectEvent.objects.filter(kind=ProjectEventKind.BUDGET).count()
    assert run(PROJECTS, ACTIVITIES, chiangkhong).activities.unchanged == 3
    assert ProjectEvent.objects.filter(kind=ProjectEventKind.BUDGET).count() == budget_events
    result = run(PROJECTS, ACTIVITIES.replace('"1,250,000.50"', "1300000"), chiangkhong)
    assert counts(result.activities) == (3, 0, 1, 2, 0)
    line = activity.budget_lines.get()
    assert (line.source, line.planned, line.spent) == ("province", Decimal("1300000.00"), Decimal("300000.25"))
    assert ProjectEvent.objects.filter(kind=ProjectEventKind.BUDGET).count() == budget_events + 1


def test_empty_budget_cells_leave_the_budget_alone(chiangkhong):
    run(PROJECTS, ACTIVITIES, chiangkhong)
    result = run(None, f"{A_HEADER},budget_baht,budget_source\nCK-A1,CK-P1,อบรมการเลี้ยงปลา,,\n", chiangkhong)
    assert result.activities.unchanged == 1
    assert Activity.objects.get(ref="CK-A1").budget_lines.get().planned == Decimal("1250000.50")


def test_missing_columns_leave_fields_alone_empty_cells_clear_them(chiangkhong):
    run(PROJECTS, ACTIVITIES, chiangkhong)
    result = run(f"{P_HEADER}\nCK-P1,5703,ส่งเสริมอาชีพเลี้ยงปลาในกระชัง,1,2565\n", None, chiangkhong)
    assert result.projects.unchanged == 1
    result = run(f"{P_HEADER},brief,sdg_goals\nCK-P1,5703,ส่งเสริมอาชีพเลี้ยงปลาในกระชัง,1,2565,,\n", None, chiangkhong)
    assert result.projects.updated == 1
    project = Project.objects.get(ref="CK-P1")
    assert project.brief == ""
    assert not project.sdg_goals.exists()
    assert project.indicators.count() == 2


def test_status_in_thai_and_default_planned(chiangkhong):
    run(f"{P_HEADER}\n{P_OK}\n", f"{A_HEADER},status\nA1,P-OK,ก,กำลังดำเนินการ\nA2,P-OK,ข,\n", chiangkhong)
    assert dict(Activity.objects.values_list("ref", "status")) == {"A1": "in_progress", "A2": "planned"}


def test_command_prints_errors_and_summary_and_exits_non_zero(chiangkhong, tmp_path, capsys):
    projects = tmp_path / "projects.csv"
    projects.write_text(f"{P_HEADER}\n{P_OK}\nP-2,5703,ข,7,2565\n", encoding="utf-8")
    activities = tmp_path / "activities.csv"
    activities.write_text(f"{A_HEADER},status\nA1,P-OK,ก,done\nA2,P-OK,ข,x\n", encoding="utf-8")
    rejects = tmp_path / "rejects"
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_projects",
            str(projects),
            str(activities),
            "--user",
            chiangkhong.username,
            "--skip-invalid",
            "--rejects",
            str(rejects),
        )
    assert exit_info.value.code == 1
    out = capsys.readouterr().out.splitlines()
    assert "projects.csv, row 3, column category: ประเภทโครงการต้องเป็นเลข 1–5" in out
    assert "activities.csv, row 3, column status: สถานะต้องเป็น planned, in_progress, done หรือ cancelled" in out
    assert out[-2:] == [
        "projects: read=2 created=1 updated=0 unchanged=0 rejected=1",
        "activities: read=2 created=1 updated=0 unchanged=0 rejected=1",
    ]
    assert (rejects / "projects-rejected.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("P-2,")
    assert (rejects / "activities-rejected.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("A2,")


def test_command_with_one_file_skipped_succeeds(chiangkhong, tmp_path, capsys):
    projects = tmp_path / "projects.csv"
    projects.write_text(PROJECTS, encoding="utf-8")
    call_command("import_projects", str(projects), "-", "--user", chiangkhong.username)
    activities = tmp_path / "activities.csv"
    activities.write_text(ACTIVITIES, encoding="utf-8")
    call_command("import_projects", "-", str(activities), "--user", chiangkhong.username, "--dry-run")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "projects: read=2 created=2 updated=0 unchanged=0 rejected=0",
        "activities: read=0 created=0 updated=0 unchanged=0 rejected=0",
        "projects: read=0 created=0 updated=0 unchanged=0 rejected=0",
        "activities: read=3 created=3 updated=0 unchanged=0 rejected=0",
    ]
    assert not Activity.objects.exists()


def test_import_job_writes_and_returns_rejects_as_a_zip(chiangkhong, django_capture_on_commit_callbacks):
    projects = default_storage.save(
        "imports/test-projects.csv", ContentFile(f"{P_HEADER}\n{P_OK}\nP-2,5703,ข,7,2565\n")
    )
    activities = default_storage.save("imports/test-activities.csv", ContentFile(f"{A_HEADER}\nA1,P-OK,ก\nA2,P-2,ข\n"))
    params = {
        "projects_path": projects,
        "projects_name": "projects.csv",
        "activities_path": activities,
        "activities_name": "activities.csv",
        "skip_invalid": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(import_projects_job, "นำเข้าโครงการ", actor=chiangkhong, params=params)
    job.refresh_from_db()
    try:
        assert job.status == JobStatus.SUCCEEDED
        assert job.message.startswith("นำเข้าเสร็จ: projects: read=2 created=1")
        assert job.result["projects"]["rejected"] == 1
        assert job.result["activities"]["created"] == 1
        assert not default_storage.exists(projects)
        with job.result_file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            assert sorted(archive.namelist()) == ["activities-rejected.csv", "projects-rejected.csv"]
            text = archive.read("projects-rejected.csv").decode("utf-8-sig")
        assert text.splitlines()[1].startswith("P-2,5703,ข,7,2565,category: ")
    finally:
        job.result_file.delete(save=False)


def test_import_job_all_or_nothing_message(chiangkhong, django_capture_on_commit_callbacks):
    projects = default_storage.save("imports/test-projects.csv", ContentFile(f"{P_HEADER}\nP-2,5703,ข,7,2565\n"))
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(import_projects_job, "นำเข้าโครงการ", actor=chiangkhong, params={"projects_path": projects})
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.message == "พบข้อผิดพลาด 1 แถว จึงไม่ได้บันทึกข้อมูลใด ๆ แก้ไขไฟล์แล้วนำเข้าใหม่"
    assert not job.result_file
    assert not Project.objects.exists()


def test_xlsx_files_with_the_same_headers(chiangkhong):
    from openpyxl import Workbook

    def book(rows):
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        data = io.BytesIO()
        workbook.save(data)
        data.seek(0)
        return data

    projects = book([[*P_HEADER.split(","), "start_on"], ["X-1", 5703, "โครงการ", 2, 2566, dt.date(2022, 11, 1)]])
    activities = book([[*A_HEADER.split(","), "budget_baht"], ["XA-1", "X-1", "กิจกรรม", 1250000.5]])
    result = import_projects(projects, "projects.xlsx", activities, "activities.xlsx", actor=chiangkhong)
    assert (result.projects.created, result.activities.created) == (1, 1)
    assert str(Project.objects.get().start_on) == "2022-11-01"
    assert BudgetLine.objects.get().planned == Decimal("1250000.50")
