"""Exports: the import's two CSV files (an export re-imports unchanged) and IATI activity XML."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.management import call_command

from tuksuk.core.testing import make_user
from tuksuk.projects import services
from tuksuk.projects.exporter import iati_status, iati_xml, write_activities_csv, write_projects_csv
from tuksuk.projects.importer import import_projects
from tuksuk.projects.models import Activity, Project, ProjectEvent

from .test_importer import ACTIVITIES, ACTIVITIES_HEADER, PROJECTS, PROJECTS_HEADER

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def chiangkhong():
    return make_user("district_team", "5703")


def refs(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row["project_ref"] for row in csv.DictReader(handle)]


def export(projects=None, activities=None):
    projects = Project.objects.all() if projects is None else projects
    activities = Activity.objects.filter(project__in=projects) if activities is None else activities
    out_p, out_a = io.StringIO(), io.StringIO()
    write_projects_csv(projects, out_p)
    write_activities_csv(activities, out_a)
    return out_p.getvalue(), out_a.getvalue()


def reimport(projects_text, activities_text, actor, **kwargs):
    return import_projects(
        io.BytesIO(projects_text.encode("utf-8")),
        "projects.csv",
        io.BytesIO(activities_text.encode("utf-8")),
        "activities.csv",
        actor=actor,
        **kwargs,
    )


def made_on_the_pages(actor):
    """A project as the pages make it: no refs, several budget lines, a described other source, no budget."""
    project = services.create_project(
        actor=actor,
        district_code="5703",
        title='ตลาดชุมชน "ริมโขง", ระยะที่ 1',
        category=4,
        fiscal_year=2566,
        start_on=dt.date(2022, 10, 1),
        brief="บรรทัดแรก\nบรรทัดที่สอง",
        sdg_goals=[8, 1],
        indicators=[22],
    )
    first = services.add_activity(project, actor=actor, title="ปรับปรุงลานตลาด", partner_networks=["private", "citizen"])
    services.set_budget(
        first,
        [
            {"source": "province", "planned": Decimal("100000.10")},
            {"source": "local_government", "planned": Decimal("50000"), "spent": Decimal("20000")},
        ],
        actor=actor,
    )
    second = services.add_activity(project, actor=actor, title="ประชาสัมพันธ์", target_households=0)
    services.set_budget(second, [{"source": "other", "source_detail": "เงินบริจาค", "planned": "0.3"}], actor=actor)
    services.update_activity(second, actor=actor, status="done")
    services.add_activity(project, actor=actor, title="ประชุมชาวบ้าน", status="cancelled")
    return project


def test_export_is_exactly_the_import_format(chiangkhong):
    reimport(PROJECTS, ACTIVITIES, chiangkhong)
    projects_csv, activities_csv = export()
    assert projects_csv.startswith("\ufeff")
    assert projects_csv.splitlines() == [
        f"\ufeff{PROJECTS_HEADER}",
        "CK-P1,5703,ส่งเสริมอาชีพเลี้ยงปลาในกระชัง,1,2565,quick_win,2021-11-01,2022-03-31,OP-57-001,1;8,21;22,"
        "เลี้ยงปลาในแม่น้ำโขง",
        "CK-P2,5703,ฝายชะลอน้ำบ้านห้วยลึก,3,2565,long_term,,,,6,,",
    ]
    assert activities_csv.splitlines() == [
        f"\ufeff{ACTIVITIES_HEADER}",
        "CK-A1,CK-P1,อบรมการเลี้ยงปลา,upstream,CDD;P-FISH,government;citizen,1250000.50,province,40,in_progress",
        "CK-A2,CK-P1,จำหน่ายปลาที่ตลาดชุมชน,downstream,CDD,private,0.00,none_needed,40,planned",
        "CK-A3,CK-P2,สร้างฝาย,midstream,DOPA,,80000.00,กองทุนหมู่บ้าน,120,done",
    ]


def test_round_trip_of_imported_projects_is_unchanged(chiangkhong):
    reimport(PROJECTS, ACTIVITIES, chiangkhong)
    events = ProjectEvent.objects.count()
    result = reimport(*export(), chiangkhong)
    assert (result.projects.unchanged, result.activities.unchanged) == (2, 3)
    assert result.rejected == 0
    assert ProjectEvent.objects.count() == events


def test_round_trip_of_projects_made_on_the_pages_is_unchanged(chiangkhong):
    project = made_on_the_pages(chiangkhong)
    projects_csv, activities_csv = export()
    assert f"TUKSUK-P{project.pk},5703," in projects_csv
    assert ",150000.10,," in activities_csv  # two sources: the total, no source
    assert ",0.30,เงินบริจาค,0,done" in activities_csv
    events = ProjectEvent.objects.count()
    result = reimport(projects_csv, activities_csv, chiangkhong)
    assert result.summary_lines == [
        "projects: read=1 created=0 updated=0 unchanged=1 rejected=0",
        "activities: read=3 created=0 updated=0 unchanged=3 rejected=0",
    ]
    assert ProjectEvent.objects.count() == events
    assert Project.objects.get().ref is None
    assert sorted(project.activities.get(title="ปรับปรุงลานตลาด").budget_lines.values_list("planned", flat=True)) == [
        Decimal("50000.00"),
        Decimal("100000.10"),
    ]
    assert export() == (projects_csv, activities_csv)


def test_export_command_writes_both_files_for_the_users_area_and_year(chiangkhong, tmp_path, capsys):
    reimport(PROJECTS, ACTIVITIES, chiangkhong)
    market = made_on_the_pages(chiangkhong)
    thepha = make_user("district_team", "9005")
    services.create_project(actor=thepha, district_code="9005", ref="TP-1", title="เทพา", category=2, fiscal_year=2565)
    call_command("export_projects", str(tmp_path), "--user", chiangkhong.username, "--year", "๒๕๖๕")
    projects_csv = (tmp_path / "projects.csv").read_text(encoding="utf-8")
    assert projects_csv.startswith("\ufeffproject_ref,")
    assert refs(tmp_path / "projects.csv") == ["CK-P1", "CK-P2"]
    activities_csv = (tmp_path / "activities.csv").read_text(encoding="utf-8")
    assert len(activities_csv.splitlines()) == 4
    assert "2 projects" in capsys.readouterr().out
    admin = make_user("ministry_admin")
    call_command("export_projects", str(tmp_path), "--user", admin.username, "--area", "9005")
    assert refs(tmp_path / "projects.csv") == ["TP-1"]
    call_command("export_projects", str(tmp_path), "--user", admin.username, "--area", "57")
    assert refs(tmp_path / "projects.csv") == ["CK-P1", "CK-P2", f"TUKSUK-P{market.pk}"]


def test_export_command_output_re_imports_unchanged(chiangkhong, tmp_path, capsys):
    reimport(PROJECTS, ACTIVITIES, chiangkhong)
    made_on_the_pages(chiangkhong)
    call_command("export_projects", str(tmp_path), "--user", chiangkhong.username)
    capsys.readouterr()
    call_command(
        "import_projects",
        str(tmp_path / "projects.csv"),
        str(tmp_path / "activities.csv"),
        "--user",
        chiangkhong.username,
    )
    assert capsys.readouterr().out.splitlines() == [
        "projects: read=3 created=0 updated=0 unchanged=3 rejected=0",
        "activities: read=6 created=0 updated=0 unchanged=6 rejected=0",
    ]


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        ([], "1"),
        (["planned", "planned"], "1"),
        (["planned", "in_progress"], "2"),
        (["planned", "done"], "2"),
        (["done", "done", "cancelled"], "3"),
        (["cancelled", "cancelled"], "5"),
        (["planned", "cancelled"], "1"),
    ],
)
def test_iati_status_from_the_activities(statuses, code):
    assert iati_status(statuses) == code


def _activity_of(root, identifier):
    for item in root.iter("iati-activity"):
        if item.findtext("iati-identifier") == identifier:
            return item
    raise AssertionError(identifier)


def test_iati_xml(chiangkhong, tmp_path):
    reimport(PROJECTS, ACTIVITIES, chiangkhong)
    page_project = made_on_the_pages(chiangkhong)
    services.report_progress(
        Activity.objects.get(ref="CK-A3"),
        actor=chiangkhong,
        who="ทีมอำเภอ",
        what="สร้างฝายเสร็จ",
        where="บ้านห้วยลึก",
        when=dt.date(2022, 5, 20),
        percent_complete=100,
    )
    root = ET.fromstring(iati_xml(Project.objects.all()))
    assert (root.tag, root.get("version")) == ("iati-activities", "2.03")
    assert len(root.findall("iati-activity")) == 3

    fish = _activity_of(root, "TH-MOI-TUKSUK-CK-P1")
    assert fish.get("default-currency") == "THB"
    org = fish.find("reporting-org")
    assert (org.get("ref"), org.get("type")) == ("TH-MOI", "10")
    assert {n.get(XML_LANG): n.text for n in org.findall("narrative")} == {
        "th": "กระทรวงมหาดไทย",
        "en": "Ministry of Interior, Thailand",
    }
    title = fish.find("title/narrative")
    assert (title.get(XML_LANG), title.text) == ("th", "ส่งเสริมอาชีพเลี้ยงปลาในกระชัง")
    assert fish.find("description/narrative").text == "เลี้ยงปลาในแม่น้ำโขง"
    assert fish.find("activity-status").get("code") == "2"  # one in progress, one planned
    assert [(d.get("type"), d.get("iso-date")) for d in fish.findall("activity-date")] == [
        ("1", "2021-11-01"),
        ("3", "2022-03-31"),
    ]
    assert fish.find("recipient-country").get("code") == "TH"
    assert "เชียงของ" in fish.find("location/name/narrative").text
    sector = fish.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("99", "1")
    assert [(t.get("vocabulary"), t.get("code")) for t in fish.findall("tag")] == [("2", "1"), ("2", "8")]
    orgs = fish.findall("participating-org")
    assert [o.get("role") for o in orgs] == ["4", "4"]  # CDD and P-FISH, each once
    assert len({o.find("narrative").text for o in orgs}) == 2
    budget = fish.find("budget")
    assert budget.find("period-start").get("iso-date") == "2021-10-01"  # fiscal year 2565
    assert budget.find("period-end").get("iso-date") == "2022-09-30"
    value = budget.find("value")
    assert (value.get("currency"), value.get("value-date"), value.text) == ("THB", "2021-10-01", "1250000.50")

    weir = _activity_of(root, "TH-MOI-TUKSUK-CK-P2")
    assert weir.find("activity-status").get("code") == "3"
    assert [(d.get("type"), d.get("iso-date")) for d in weir.findall("activity-date")] == [
        ("2", "2022-05-20"),
        ("4", "2022-05-20"),
    ]
    assert weir.find("description") is None  # no brief

    market = _activity_of(root, f"TH-MOI-TUKSUK-{page_project.pk}")
    assert market.find("activity-status").get("code") == "2"  # one done, one planned, one cancelled
    assert market.find("budget/value").text == "150000.40"
    assert [t.get("code") for t in market.findall("tag")] == ["1", "8"]

    call_command("export_projects", str(tmp_path), "--user", chiangkhong.username, "--format", "iati")
    assert ET.parse(tmp_path / "iati.xml").getroot().tag == "iati-activities"
