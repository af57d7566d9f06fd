import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tuksuk.areas.models import Area
from tuksuk.areas.villages import load_villages
from tuksuk.core.tabular import FileError

pytestmark = pytest.mark.django_db


def load(text: str, name: str = "villages.csv", **kwargs):
    return load_villages(io.BytesIO(text.encode("utf-8")), name, **kwargs)


def test_villages_are_created_under_their_tambon():
    result = load("\ufeffvillage_code,name_th,name_en\r\n57030101,บ้านหนองบัว,Ban Nong Bua\r\n๕๗๐๓๐๑๐๒,บ้านดอนแก้ว,\r\n")
    assert (result.read, result.created, result.errors) == (2, 2, [])
    village = Area.objects.get(code="57030102")
    assert village.parent_id == "570301"
    assert village.level == "village"
    assert village.display_name == "หมู่ที่ 2 บ้านดอนแก้ว"


def test_reloading_changes_nothing_and_renames_when_asked():
    load("village_code,name_th\n57030101,บ้านหนองบัว\n")
    again = load("village_code,name_th\n57030101,บ้านหนองบัว\n")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    renamed = load("village_code,name_th\n57030101,บ้านหนองบัวใหม่\n")
    assert renamed.updated == 1
    assert Area.objects.get(code="57030101").name_th == "บ้านหนองบัวใหม่"


def test_every_bad_row_is_reported_and_nothing_is_written():
    result = load("village_code,name_th\n57030101,ok\n5703010,สั้น\n99999901,ไม่มีตำบล\n57030100,หมู่ศูนย์\n57030101,ซ้ำ\n")
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "village_code"),
        (4, "village_code"),
        (5, "village_code"),
        (6, "village_code"),
    ]
    assert "8 หลัก" in result.errors[0].message
    assert "ไม่พบตำบลรหัส 999999" in result.errors[1].message
    assert "ซ้ำกับแถว 2" in result.errors[3].message
    assert not Area.objects.filter(level="village").exists()


def test_dry_run_writes_nothing():
    result = load("village_code\n57030101\n", dry_run=True)
    assert result.created == 1
    assert not Area.objects.filter(code="57030101").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "ว่างเปล่า"), ("code,name\n1,2\n", "ไม่รู้จักคอลัมน์"), ("name_th\nx\n", "ไม่มีคอลัมน์ที่จำเป็น")],
)
def test_bad_files_get_a_clear_message(text, message):
    with pytest.raises(FileError, match=message):
        load(text)


def test_non_utf8_csv_is_refused_with_advice():
    with pytest.raises(FileError, match="UTF-8"):
        load_villages(io.BytesIO("village_code,name_th\n57030101,บ้าน\n".encode("cp874")), "v.csv")


def test_xlsx_is_accepted():
    book = Workbook()
    book.active.append(["village_code", "name_th"])
    book.active.append([57030103, "บ้านป่าสัก"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    assert load_villages(data, "v.xlsx").created == 1


def test_command_reports_summary_and_errors(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("village_code,name_th\n57030101,บ้านหนองบัว\n", encoding="utf-8")
    call_command("load_villages", str(good))
    assert "1 rows read = 1 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("village_code\n123\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load_villages", str(bad))
    assert "แถว 2" in capsys.readouterr().err
