"""The printable project (A4 PDF through WeasyPrint, Thai fonts from fonts-thai-tlwg, no network)."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.http import Http404

from tuksuk.agencies.models import Agency
from tuksuk.core.pdf import load_weasyprint
from tuksuk.core.testing import make_user
from tuksuk.indicators.models import Indicator, SdgGoal
from tuksuk.projects import services
from tuksuk.projects.choices import ALL_NETWORKS
from tuksuk.projects.pdf import print_context

try:
    load_weasyprint()
except (ImportError, OSError) as exc:  # OSError: the Pango/HarfBuzz system libraries are missing
    WEASYPRINT_MISSING = f"WeasyPrint cannot be imported ({exc}); install it with `uv sync` and the Pango libraries"
else:
    WEASYPRINT_MISSING = ""

pytestmark = pytest.mark.django_db
needs_weasyprint = pytest.mark.skipif(bool(WEASYPRINT_MISSING), reason=WEASYPRINT_MISSING or "WeasyPrint is here")

TITLE = "โครงการบริหารจัดการน้ำเพื่อคุณภาพชีวิตอำเภอเชียงของ"
# HarfBuzz's Thai shaper splits SARA AM (ำ) into NIKHAHIT + SARA AA and regroups it with the tone mark before it;
# WeasyPrint's text layer (ToUnicode, one text per glyph) then gives back "า" and drops the marks of such clusters
# (the page itself looks right). Text taken out of the PDF is compared with these marks folded away on both sides.
_FOLD = str.maketrans({"ำ": "า", "่": None, "้": None, "๊": None, "๋": None, "ํ": None})


def folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).split())


@pytest.fixture
def admin():
    return make_user("ministry_admin")


@pytest.fixture
def water_project(admin):
    project = services.create_project(
        actor=admin,
        district_code="5703",
        title=TITLE,
        category=3,
        fiscal_year=2565,
        timeframe="quick_win",
        start_on=dt.date(2022, 3, 1),
        end_on=dt.date(2022, 7, 31),
        one_plan_code="OP-57-03-001",
        one_plan_level="district",
        brief="ขุดลอกแหล่งน้ำและวางท่อส่งน้ำให้ครัวเรือนเปราะบาง",
        upstream="สำรวจแหล่งน้ำ",
        midstream="ขุดลอกและวางท่อ",
        downstream="ตั้งกลุ่มผู้ใช้น้ำ",
        partner_networks=sorted(ALL_NETWORKS),
        sdg_goals=list(SdgGoal.objects.filter(number__in=[1, 6])),
        indicators=list(Indicator.objects.filter(number__in=[5])),
    )
    first = services.add_activity(
        project,
        actor=admin,
        title="ขุดลอกหนองน้ำสาธารณะ",
        agencies=list(Agency.objects.filter(code__in=["DOPA", "P-IRR"])),
        start_on=dt.date(2022, 3, 1),
        end_on=dt.date(2022, 4, 30),
        target_households=40,
        reached_households=35,
        percent_complete=80,
        status="in_progress",
    )
    services.set_budget(first, [{"source": "department", "planned": "150000.50", "spent": "90000.25"}], actor=admin)
    second = services.add_activity(project, actor=admin, title="วางท่อส่งน้ำ", agencies=[], target_households=20)
    services.set_budget(second, [{"source": "local_government", "planned": "0.10", "spent": "0"}], actor=admin)
    return project


@needs_weasyprint
def test_the_pdf_is_a_pdf(water_project, admin):
    from tuksuk.projects.pdf import project_pdf

    data = project_pdf(water_project, user=admin)
    assert data.startswith(b"%PDF")
    assert len(data) > 5_000


@needs_weasyprint
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed (apt-get install poppler-utils)")
def test_the_pdf_text_is_thai(water_project, admin, tmp_path: Path):
    from tuksuk.projects.pdf import project_pdf

    pdf = tmp_path / "project.pdf"
    pdf.write_bytes(project_pdf(water_project, user=admin))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = folded(text)
    assert folded(TITLE) in flat
    assert folded("อำเภอเชียงของ จังหวัดเชียงราย") in flat
    assert folded("ข้อมูล ณ วันที่") in flat
    assert "1 มี.ค. 2565" in flat  # Buddhist-era dates
    assert "150,000.60" in flat  # the total planned budget, exact
    assert folded("ขุดลอกหนองน้ำ") in flat
    assert "กรมการปกครอง" in flat
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"^Title:\s+(.+)$", info, re.M).group(1) == TITLE  # the document title is kept exactly
    assert "A4" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout
    assert any(name in fonts for name in ("Garuda", "Loma", "Norasi"))


@needs_weasyprint
def test_the_pdf_is_only_for_people_who_may_see_the_project(water_project):
    from tuksuk.projects.pdf import project_pdf

    with pytest.raises(Http404):
        project_pdf(water_project, user=make_user("district_chief", "9005"))
    assert project_pdf(water_project, user=make_user("district_chief", "5703")).startswith(b"%PDF")


def test_the_page_has_no_external_urls(water_project, admin):
    from django.template.loader import render_to_string

    html = render_to_string("projects/print.html", print_context(water_project, user=admin))
    assert "http://" not in html
    assert "https://" not in html
    assert "<link" not in html
    assert "src=" not in html
    assert '"Garuda", "Loma", "Norasi", sans-serif' in html


def test_the_print_context_totals(water_project, admin):
    context = print_context(water_project, user=admin)
    assert [str(a.planned) for a in context["activities"]] == ["150000.50", "0.10"]
    assert str(context["totals"]["planned"]) == "150000.60"
    assert context["totals"]["target"] == 60
    assert context["totals"]["benefited"] == 35
    assert context["totals"]["percent"] == 40
    assert len(context["networks"]) == 7
    assert context["province"].code == "57"


@needs_weasyprint
def test_weasyprint_leaves_pillow_strict_about_truncated_images(water_project, admin):
    from PIL import ImageFile

    from tuksuk.projects.pdf import project_pdf

    project_pdf(water_project, user=admin)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
