import pytest
from django.core.management import call_command

from tuksuk.areas.choices import AreaLevel, PilotLevel
from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.areas.reference import load_areas, load_pilots

pytestmark = pytest.mark.django_db


def count(level):
    return Area.objects.filter(level=level).count()


def test_the_tree_holds_every_official_area():
    assert count(AreaLevel.REGION) == 6
    assert count(AreaLevel.GROUP) == 18
    assert count(AreaLevel.PROVINCE) == 77
    assert count(AreaLevel.DISTRICT) == 928
    assert count(AreaLevel.SUBDISTRICT) == 7436


def test_every_province_but_bangkok_belongs_to_a_provincial_group():
    provinces = Area.objects.filter(level=AreaLevel.PROVINCE).select_related("parent")
    assert {p.parent.level for p in provinces if p.code != "10"} == {AreaLevel.GROUP}
    assert Area.objects.get(code="10").parent_id == "R3"


def test_codes_follow_the_dopa_hierarchy():
    tambon = Area.objects.select_related("parent__parent__parent__parent").get(code="570301")
    assert tambon.parent_id == "5703"
    assert tambon.parent.parent_id == "57"
    assert [a.code for a in tambon.ancestors()] == ["R1", "G02", "57", "5703"]
    assert tambon.name_th == "เวียง"
    assert tambon.parent.name_en == "Chiang Khong"


def test_pilot_districts_of_year_one():
    year = PilotDistrict.objects.filter(programme_year=2565)
    assert year.filter(level=PilotLevel.PROVINCE).count() == 76
    assert year.filter(level=PilotLevel.GROUP).count() == 18
    # One province-level pilot per province outside Bangkok.
    assert year.filter(level=PilotLevel.PROVINCE).values("district__parent").distinct().count() == 76
    # One group-level pilot per provincial group.
    groups = year.filter(level=PilotLevel.GROUP).values_list("district__parent__parent", flat=True)
    assert len(set(groups)) == 18


def test_loading_again_changes_nothing():
    areas, pilots = load_areas(), load_pilots()
    assert sum(areas.created.values()) == sum(areas.updated.values()) == 0
    assert sum(pilots.created.values()) == 0


def test_loading_again_keeps_an_administrators_correction_unless_overwrite():
    Area.objects.filter(code="5703").update(name_th="เชียงของ (แก้ไข)")
    load_areas()
    assert Area.objects.get(code="5703").name_th == "เชียงของ (แก้ไข)"
    summary = load_areas(overwrite=True)
    assert summary.updated["districts"] == 1
    assert Area.objects.get(code="5703").name_th == "เชียงของ"


def test_load_reference_command_reports_what_it_did(capsys):
    call_command("load_reference")
    out = capsys.readouterr().out
    assert "districts: 0 created, 0 updated" in out
    assert "Reference data loaded." in out
