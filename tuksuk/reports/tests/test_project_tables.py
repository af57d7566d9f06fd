"""The project tables (บำรุงสุข): projects by category, activities by agency, project values, who does what where;
their command-line CSV, pages, downloads and API, with area, year and scope."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tuksuk.agencies.models import Agency
from tuksuk.areas.models import Area
from tuksuk.core.testing import make_user
from tuksuk.households.services import register_household
from tuksuk.projects import services
from tuksuk.projects.choices import ALL_NETWORKS
from tuksuk.reports.tables import build, percentages

pytestmark = pytest.mark.django_db

ALL7 = sorted(ALL_NETWORKS)


def agencies(*codes: str) -> list[Agency]:
    return list(Agency.objects.filter(code__in=codes))


def households(village_code: str, count: int, actor) -> list:  # type: ignore[no-untyped-def]
    Area.objects.get_or_create(
        code=village_code, defaults={"level": "village", "parent_id": village_code[:6], "name_th": "บ้านทดสอบ"}
    )
    return [
        register_household(
            actor=actor, village_code=village_code, house_code=f"{village_code}{n:03d}", head_name=f"นายทดสอบ {n}"
        )
        for n in range(1, count + 1)
    ]


def project(actor, district: str, title: str, category: int, year: int = 2565, **fields):  # type: ignore[no-untyped-def]
    return services.create_project(
        actor=actor, district_code=district, title=title, category=category, fiscal_year=year, **fields
    )


def activity(project, actor, title: str, agency_codes=(), budget=(), **fields):  # type: ignore[no-untyped-def]
    made = services.add_activity(project, actor=actor, title=title, agencies=agencies(*agency_codes), **fields)
    if budget:
        services.set_budget(
            made,
            [{"source": source, "planned": planned, "spent": spent} for source, planned, spent in budget],
            actor=actor,
        )
    return made


@pytest.fixture
def admin():
    return make_user("ministry_admin")


@pytest.fixture
def world(admin):
    """Four projects: two in เชียงของ (5703), two in เทพา (9005); four activities."""
    p1 = project(admin, "5703", "โครงการ ก ฝายชะลอน้ำเชียงของ", 1, ref="CK-1")
    p2 = project(admin, "5703", "โครงการ ข แก้จนเชียงของ", 2, year=2566, ref="CK-2", partner_networks=ALL7)
    p3 = project(admin, "9005", "โครงการ ค น้ำเทพา", 3, ref="TP-1")
    p4 = project(admin, "9005", "โครงการ ง อาชีพเทพา", 1)
    a1 = activity(
        p1,
        admin,
        "ขุดลอกคลอง",
        ["DOPA", "CDD", "P-AGRI"],
        budget=[("department", "1000.10", "500.05"), ("province", "0.20", "0")],
        partner_networks=ALL7,
        target_households=10,
        reached_households=4,
    )
    a2 = activity(
        p1,
        admin,
        "ฝึกอาชีพ",
        ["DOPA"],
        budget=[("local_government", "0.10", "0")],
        target_households=5,
        reached_households=3,
    )
    services.set_beneficiaries(a2, households("57030101", 2, admin), actor=admin)  # linked 2 beat typed 3
    a3 = activity(p2, admin, "ตลาดชุมชน", ["CDD"], partner_networks=ALL7[:6])
    a4 = activity(
        p3,
        admin,
        "ระบบประปา",
        ["DOPA", "PEA"],
        budget=[("department", "2500", "1000")],
        target_households=8,
        reached_households=7,
    )
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4, "a1": a1, "a2": a2, "a3": a3, "a4": a4}


def csv_of(capsys, *args: str) -> str:
    call_command("report", *args, "--format", "csv")
    return capsys.readouterr().out


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


# --- exact CSV of each table ----------------------------------------------------------------------------------------


def test_projects_by_category_csv(capsys, world):
    assert csv_of(capsys, "projects-by-category") == (
        "code,name_th,projects,percent\n"
        "1,ส่งเสริมคุณภาพชีวิต สร้างงานสร้างอาชีพ,2,50.0\n"
        "2,แก้ไขปัญหาความยากจน,1,25.0\n"
        "3,บริหารจัดการน้ำอย่างยั่งยืน,1,25.0\n"
        "4,ท่องเที่ยวชุมชน กระตุ้นเศรษฐกิจฐานราก,0,0.0\n"
        "5,อื่น ๆ,0,0.0\n"
        "total,รวม,4,100.0\n"
    )


def test_activities_by_agency_csv(capsys, world):
    assert csv_of(capsys, "activities-by-agency") == (
        "code,name_th,projects,activities\n"
        "DOPA,กรมการปกครอง,2,3\n"
        "CDD,กรมการพัฒนาชุมชน,2,2\n"
        "P-AGRI,สำนักงานเกษตรและสหกรณ์จังหวัด,1,1\n"
        "PEA,การไฟฟ้าส่วนภูมิภาค,1,1\n"
        "ALL7,โครงการที่บูรณาการครบ 7 ภาคี,2,1\n"
        "total,รวม,4,4\n"
    )


def test_project_values_csv(capsys, world):
    assert csv_of(capsys, "project-values") == (
        "ref,title,district_code,district_name_th,activities,value_baht,spent_baht,households_target,"
        "households_benefited\n"
        "CK-1,โครงการ ก ฝายชะลอน้ำเชียงของ,5703,เชียงของ,2,1000.40,500.05,15,6\n"
        "CK-2,โครงการ ข แก้จนเชียงของ,5703,เชียงของ,1,0.00,0.00,0,0\n"
        "TP-1,โครงการ ค น้ำเทพา,9005,เทพา,1,2500.00,1000.00,8,7\n"
        ",โครงการ ง อาชีพเทพา,9005,เทพา,0,0.00,0.00,0,0\n"
        "total,รวม,,,4,3500.40,1500.05,23,13\n"
    )


def test_who_does_what_where_csv(capsys, world):
    assert csv_of(capsys, "who-does-what-where") == (
        "code,name_th,5703,9005,total\n"
        "DOPA,กรมการปกครอง,2,1,3\n"
        "CDD,กรมการพัฒนาชุมชน,2,0,2\n"
        "P-AGRI,สำนักงานเกษตรและสหกรณ์จังหวัด,1,0,1\n"
        "PEA,การไฟฟ้าส่วนภูมิภาค,0,1,1\n"
        "total,รวม,3,1,4\n"
    )


def test_empty_tables(capsys, db):
    assert csv_of(capsys, "projects-by-category").splitlines()[1:] == [
        "1,ส่งเสริมคุณภาพชีวิต สร้างงานสร้างอาชีพ,0,0.0",
        "2,แก้ไขปัญหาความยากจน,0,0.0",
        "3,บริหารจัดการน้ำอย่างยั่งยืน,0,0.0",
        "4,ท่องเที่ยวชุมชน กระตุ้นเศรษฐกิจฐานราก,0,0.0",
        "5,อื่น ๆ,0,0.0",
        "total,รวม,0,0.0",
    ]
    assert csv_of(capsys, "activities-by-agency").splitlines()[1:] == [
        "ALL7,โครงการที่บูรณาการครบ 7 ภาคี,0,0",
        "total,รวม,0,0",
    ]
    assert csv_of(capsys, "project-values").splitlines()[1:] == ["total,รวม,,,0,0.00,0.00,0,0"]
    assert csv_of(capsys, "who-does-what-where") == "code,name_th,total\ntotal,รวม,0\n"


# --- the rules behind the figures -----------------------------------------------------------------------------------


def test_percentages_of_awkward_counts_add_up_to_exactly_100(admin):
    for category in (1, 2, 3):
        project(admin, "5703", f"โครงการ {category}", category)
    table = build("projects-by-category")
    percents = [row[3] for row in table.rows[:5]]
    assert percents == [Decimal("33.4"), Decimal("33.3"), Decimal("33.3"), Decimal("0.0"), Decimal("0.0")]
    assert sum(percents) == Decimal("100.0")
    assert table.rows[-1] == ["total", "รวม", 3, Decimal("100.0")]


def test_percentages_go_to_the_largest_remainders():
    assert percentages([1, 1, 1, 2, 2]) == [Decimal(p) for p in ("14.3", "14.3", "14.3", "28.6", "28.5")]
    assert percentages([2, 1]) == [Decimal("66.7"), Decimal("33.3")]
    assert percentages([0, 0, 0]) == [Decimal("0.0")] * 3


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=5, max_size=5))
def test_percentages_always_add_up_to_100(counts):
    found = percentages(counts)
    assert sum(found) == (Decimal("100.0") if sum(counts) else 0)
    assert all(p.as_tuple().exponent == -1 for p in found)
    for count, percent in zip(counts, found, strict=True):  # never further than one unit from the exact share
        assert not sum(counts) or abs(percent - Decimal(count * 100) / sum(counts)) < Decimal("0.1")


def test_an_activity_with_three_agencies_counts_for_each(admin):
    p = project(admin, "5703", "โครงการสามหน่วยงาน", 1)
    activity(p, admin, "กิจกรรมเดียว", ["DOPA", "CDD", "LAO"])
    rows = {row[0]: row for row in build("activities-by-agency").rows}
    assert rows["DOPA"][2:] == rows["CDD"][2:] == rows["LAO"][2:] == [1, 1]
    assert rows["total"][2:] == [1, 1]  # the real total counts the activity once
    matrix = {row[0]: row for row in build("who-does-what-where").rows}
    assert matrix["DOPA"][2:] == matrix["CDD"][2:] == matrix["LAO"][2:] == [1, 1]
    assert matrix["total"][2:] == [1, 1]


def test_all7_counts_activities_covering_all_networks_and_projects_with_them_or_on_their_own(admin):
    own = project(admin, "5703", "โครงการครบเอง", 1, partner_networks=ALL7)
    activity(own, admin, "ไม่ครบ", ["DOPA"], partner_networks=ALL7[:3])
    via = project(admin, "5703", "โครงการครบผ่านกิจกรรม", 2)
    activity(via, admin, "ครบ 1", ["DOPA"], partner_networks=ALL7)
    activity(via, admin, "ครบ 2", [], partner_networks=list(reversed(ALL7)))
    activity(via, admin, "ขาดหนึ่ง", ["CDD"], partner_networks=ALL7[1:])
    none = project(admin, "5703", "โครงการไม่ครบ", 3, partner_networks=ALL7[:6])
    activity(none, admin, "ขาดหนึ่ง", ["CDD"], partner_networks=ALL7[:6])
    rows = {row[0]: row for row in build("activities-by-agency").rows}
    assert rows["ALL7"] == ["ALL7", "โครงการที่บูรณาการครบ 7 ภาคี", 2, 2]
    assert rows["total"][2:] == [3, 5]  # an activity with no agency still counts in the total


def test_money_is_decimal_and_exact(admin):
    p = project(admin, "5703", "โครงการสตางค์", 1)
    activity(p, admin, "สิบสตางค์สิบครั้ง", budget=[("other", "0.10", "0.10")] * 10)
    activity(p, admin, "สามสิบสตางค์", budget=[("private", "0.20", "0.01"), ("other", "0.10", "0")])
    activity(p, admin, "ก้อนใหญ่", budget=[("department", "999999999999.99", "123456789012.34")])
    row, total = build("project-values").rows
    assert row[5] == Decimal("1000000000001.29")
    assert row[6] == Decimal("123456789013.35")
    assert all(type(v) is Decimal for v in (row[5], row[6], total[5], total[6]))
    assert total[5:7] == row[5:7]


def test_households_benefited_counts_linked_households_else_the_typed_number(admin):
    p = project(admin, "5703", "โครงการครัวเรือน", 1)
    linked = activity(p, admin, "เชื่อมทะเบียน", reached_households=50)
    services.set_beneficiaries(linked, households("57030101", 3, admin), actor=admin)
    activity(p, admin, "ระบุจำนวน", reached_households=20, target_households=30)
    activity(p, admin, "ไม่ระบุ")
    row = build("project-values").rows[0]
    assert row[4] == 3
    assert row[7:] == [30, 23]


# --- area and year --------------------------------------------------------------------------------------------------


def test_area_filters_by_district_code_prefix(capsys, world):
    assert rows_of(csv_of(capsys, "projects-by-category", "--area", "5703"))[-1] == ["total", "รวม", "2", "100.0"]
    assert csv_of(capsys, "projects-by-category", "--area", "57") == csv_of(
        capsys, "projects-by-category", "--area", "5703"
    )
    values = rows_of(csv_of(capsys, "project-values", "--area", "9005"))
    assert [row[0] for row in values[1:]] == ["TP-1", "", "total"]
    matrix = rows_of(csv_of(capsys, "who-does-what-where", "--area", "9005"))
    assert matrix == [
        ["code", "name_th", "9005", "total"],
        ["DOPA", "กรมการปกครอง", "1", "1"],
        ["PEA", "การไฟฟ้าส่วนภูมิภาค", "1", "1"],
        ["total", "รวม", "1", "1"],
    ]


def test_year_filters_by_fiscal_year(capsys, world):
    assert csv_of(capsys, "projects-by-category", "--year", "2565").splitlines()[1:4] == [
        "1,ส่งเสริมคุณภาพชีวิต สร้างงานสร้างอาชีพ,2,66.7",
        "2,แก้ไขปัญหาความยากจน,0,0.0",
        "3,บริหารจัดการน้ำอย่างยั่งยืน,1,33.3",
    ]
    agency = rows_of(csv_of(capsys, "activities-by-agency", "--year", "๒๕๖๖"))
    assert agency[1:] == [
        ["CDD", "กรมการพัฒนาชุมชน", "1", "1"],
        ["ALL7", "โครงการที่บูรณาการครบ 7 ภาคี", "1", "0"],
        ["total", "รวม", "1", "1"],
    ]
    both = rows_of(csv_of(capsys, "project-values", "--area", "9005", "--year", "2566"))
    assert both[1:] == [["total", "รวม", "", "", "0", "0.00", "0.00", "0", "0"]]


def test_command_refuses_a_bad_year_or_a_mismatched_option(world):
    with pytest.raises(CommandError, match="2565"):
        call_command("report", "project-values", "--year", "2022", "--format", "csv")
    with pytest.raises(CommandError, match="year"):
        call_command("report", "stories-by-category", "--year", "2565", "--format", "csv")
    with pytest.raises(CommandError, match="as-of"):
        call_command("report", "project-values", "--as-of", "2022-08-29 11:52", "--format", "csv")
    with pytest.raises(CommandError, match="9999"):
        call_command("report", "project-values", "--area", "9999", "--format", "csv")


def test_table_format_prints_the_title_and_year(world):
    out = io.StringIO()
    call_command("report", "project-values", "--year", "2565", stdout=out)
    text = out.getvalue()
    assert "มูลค่าโครงการและครัวเรือนที่ได้รับประโยชน์" in text
    assert "fiscal year 2565" in text
    assert "1000.40" in text


def test_queries_do_not_grow_with_the_number_of_projects(admin, world):
    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            build(name)
        return len(captured)

    before = {name: queries(name) for name in ("projects-by-category", "activities-by-agency", "project-values")}
    before["who-does-what-where"] = queries("who-does-what-where")
    for n in range(5):
        p = project(admin, "9005" if n % 2 else "5703", f"โครงการเพิ่ม {n}", n % 5 + 1)
        for m in range(3):
            activity(p, admin, f"กิจกรรม {m}", ["DOPA", "LAO"], budget=[("other", "1.00", "0.50")], reached_households=1)
    for name, count in before.items():
        assert queries(name) == count, name
        assert count <= 6, name


# --- pages, downloads and API ---------------------------------------------------------------------------------------


def page_rows(html: str) -> list[list[str]]:
    body = html.split('data-testid="report-table"', 1)[1].split("</table>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_index_lists_the_project_tables(client_for, district_chief):
    html = client_for(district_chief).get(reverse("reports:index")).content.decode()
    for name in ("projects-by-category", "activities-by-agency", "project-values", "who-does-what-where"):
        assert reverse("reports:table", args=[name]) in html
    assert reverse("reports:table", args=["stories-by-category"]) in html


def test_district_chief_page_shows_only_their_district(client_for, district_chief, world):
    response = client_for(district_chief).get(reverse("reports:table", args=["project-values"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ข้อมูล ณ วันที่" in html
    assert 'name="year"' in html
    assert "data-tuksuk-print" in html  # the print button (behaviour in app.js: no inline JavaScript under the CSP)
    rows = page_rows(html)
    assert [row[1] for row in rows[1:]] == ["โครงการ ก ฝายชะลอน้ำเชียงของ", "โครงการ ข แก้จนเชียงของ", "รวม"]
    assert rows[1][5:] == ["1,000.40", "500.05", "15", "6"]
    assert "เทพา" not in html


def test_district_chief_asking_for_another_district_gets_404(client_for, api_for, district_chief, world):
    for name in ("projects-by-category", "who-does-what-where"):
        page = client_for(district_chief).get(reverse("reports:table", args=[name]), {"area": "9005"})
        assert page.status_code == 404
        assert api_for(district_chief).get(f"/api/v1/reports/{name}/", {"area": "9005"}).status_code == 404


def test_page_year_filter_and_downloads(client_for, ministry_admin, world):
    url = reverse("reports:table", args=["projects-by-category"])
    html = client_for(ministry_admin).get(url, {"year": "2566"}).content.decode()
    assert "ปีงบประมาณ 2566" in html
    assert page_rows(html)[-1] == ["", "รวม", "1", "100.0"]
    response = client_for(ministry_admin).get(url, {"year": "2565", "area": "5703", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert rows_of(response.content.decode())[1] == ["1", "ส่งเสริมคุณภาพชีวิต สร้างงานสร้างอาชีพ", "1", "100.0"]
    from openpyxl import load_workbook

    xlsx = client_for(ministry_admin).get(reverse("reports:table", args=["project-values"]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[2][5] == "value_baht"
    assert values[-1][5] == pytest.approx(3500.40)


def test_an_unreadable_year_on_the_page_means_all_years(client_for, ministry_admin, world):
    url = reverse("reports:table", args=["projects-by-category"])
    assert page_rows(client_for(ministry_admin).get(url, {"year": "abc"}).content.decode())[-1][2] == "4"


def test_who_does_what_where_page_is_a_matrix_with_district_names(client_for, ministry_admin, world):
    html = client_for(ministry_admin).get(reverse("reports:table", args=["who-does-what-where"])).content.decode()
    head, *body = page_rows(html)
    assert head == ["รหัส", "หน่วยงาน", "เชียงของ5703", "เทพา9005", "รวม"]
    assert body[0] == ["DOPA", "กรมการปกครอง", "2", "1", "3"]
    assert body[-1] == ["", "รวม", "3", "1", "4"]


def test_api_returns_the_command_rows_scoped_to_the_caller(capsys, api_for, ministry_admin, district_chief, world):
    command = rows_of(csv_of(capsys, "project-values", "--area", "5703"))
    body = api_for(district_chief).get("/api/v1/reports/project-values/").json()
    assert body["columns"] == command[0]
    assert [["" if c is None else str(c) for c in row] for row in body["rows"]] == command[1:]
    assert body["rows"][0][5] == "1000.40"  # money as a string, never a float
    assert body["stamp"].startswith("ข้อมูล ณ วันที่")
    by_year = api_for(ministry_admin).get("/api/v1/reports/projects-by-category/", {"year": "2566"}).json()
    assert by_year["year"] == 2566
    assert by_year["rows"][-1] == ["total", "รวม", 1, "100.0"]
    bad = api_for(ministry_admin).get("/api/v1/reports/projects-by-category/", {"year": "soon"})
    assert bad.status_code == 400
    matrix = api_for(ministry_admin).get("/api/v1/reports/who-does-what-where/").json()
    assert matrix["labels"]["5703"] == "เชียงของ"


def test_agency_staff_count_each_project_once(client_for, api_for, admin, world):
    activity(world["p3"], admin, "ขยายเขตไฟฟ้า", ["PEA"], budget=[("other", "100", "0")])
    staff = make_user("agency_staff", "9005", agency="PEA")
    body = api_for(staff).get("/api/v1/reports/project-values/").json()
    assert [row[0] for row in body["rows"]] == ["TP-1", "total"]
    assert body["rows"][0][4:6] == [2, "2600.00"]
    by_category = api_for(staff).get("/api/v1/reports/projects-by-category/").json()
    assert by_category["rows"][-1] == ["total", "รวม", 1, "100.0"]
    html = client_for(staff).get(reverse("reports:table", args=["activities-by-agency"])).content.decode()
    assert page_rows(html)[-1] == ["", "รวม", "1", "2"]
