"""Every dashboard and report prints to a PDF with a Thai font and the "ข้อมูล ณ วันที่ … เวลา … น." stamp."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from tuksuk.core.testing_world import build_place

pytestmark = pytest.mark.django_db
_FOLD = str.maketrans({"ำ": "า", "่": None, "้": None, "๊": None, "๋": None, "ํ": None})


def folded(text: str) -> str:
    return "".join(text.translate(_FOLD).split())  # pdftotext may also split a word with a space


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.mark.parametrize(
    ("name", "kwargs", "query", "expected"),
    [
        ("reports:table", {"name": "stories-by-category"}, {"area": "5703"}, "เรื่องราวจำแนกตามประเภทปัญหา"),
        ("reports:table", {"name": "activities-by-agency"}, {}, "รวม"),
        ("reports:dashboard", {}, {"area": "5703"}, "แดชบอร์ด"),
        ("reports:league", {}, {}, "เปรียบเทียบพื้นที่"),
    ],
)
def test_pages_print_to_pdf_with_the_stamp(client_for, district_chief, world, tmp_path, name, kwargs, query, expected):
    response = client_for(district_chief).get(reverse(name, kwargs=kwargs), {**query, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = folded(pdf_text(response.content, tmp_path))
        assert folded(expected) in text
        assert folded("ข้อมูล ณ วันที่") in text


def test_pdf_of_another_districts_dashboard_is_404(client_for, district_chief, world):
    response = client_for(district_chief).get(reverse("reports:dashboard"), {"area": "9005", "format": "pdf"})
    assert response.status_code == 404
