"""The scoping rules of accounts/scope.py, one test per rule."""

import pytest
from django.http import Http404

from tuksuk.accounts.models import RoleAssignment
from tuksuk.accounts.scope import get_for_user, scope_for
from tuksuk.accounts.services import revoke_role
from tuksuk.areas.models import Area, PilotDistrict
from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db


def visible_pilots(user):
    return set(PilotDistrict.objects.visible_to(user).values_list("district_id", flat=True))


def test_user_without_assignment_sees_nothing(nobody):
    assert scope_for(nobody).is_empty
    assert visible_pilots(nobody) == set()
    assert not Area.objects.visible_to(nobody).exists()


def test_anonymous_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not PilotDistrict.objects.visible_to(AnonymousUser()).exists()


def test_inactive_user_sees_nothing(district_chief):
    district_chief.is_active = False
    assert not PilotDistrict.objects.visible_to(district_chief).exists()


@pytest.mark.parametrize("role", ["ministry_admin", "ministry_viewer"])
def test_ministry_roles_see_everything(role):
    user = make_user(role)
    assert len(visible_pilots(user)) == 76


def test_district_user_sees_only_their_district(district_chief):
    assert visible_pilots(district_chief) == {"5703"}


def test_province_officer_sees_the_whole_province():
    user = make_user("province_officer", "90")
    assert visible_pilots(user) == {"9005"}
    assert Area.objects.visible_to(user).filter(level="district").count() == 16


def test_group_assignment_covers_its_provinces():
    user = make_user("province_officer", "95", ("province_officer", "94"), ("province_officer", "96"))
    assert visible_pilots(user) == {"9501", "9401", "9610"}
    user = make_user("agency_staff", "G18", agency="PEA")  # ยะลา ปัตตานี นราธิวาส
    assert visible_pilots(user) == {"9501", "9401", "9610"}


def test_region_assignment_covers_provinces_of_all_its_groups():
    user = make_user("agency_staff", "R6", agency="PWA")
    assert visible_pilots(user) == {"9501", "9401", "9610"}


def test_several_assignments_add_up():
    user = make_user("district_team", "5703", ("district_team", "9005"))
    assert visible_pilots(user) == {"5703", "9005"}


def test_field_worker_sees_their_tambon_not_the_rest_of_the_district():
    user = make_user("field_worker", "570301")
    codes = set(Area.objects.visible_to(user).filter(level="subdistrict").values_list("code", flat=True))
    assert codes == {"570301"}
    assert visible_pilots(user) == set()


def test_areas_above_the_users_own_are_navigable_but_not_their_siblings(district_chief):
    visible = Area.objects.visible_to(district_chief)
    assert set(visible.filter(level__in=["region", "group", "province"]).values_list("code", flat=True)) == {
        "R1",
        "G02",
        "57",
    }
    assert not visible.filter(code="5701").exists()


def test_revoked_assignment_no_longer_counts(district_chief):
    revoke_role(RoleAssignment.objects.get(user=district_chief), actor=None)
    district_chief.refresh_from_db()
    assert visible_pilots(district_chief) == set()
    assert RoleAssignment.objects.filter(user=district_chief).count() == 1  # kept as history


def test_out_of_scope_and_missing_look_the_same(district_chief):
    with pytest.raises(Http404):
        get_for_user(Area.objects.all(), district_chief, code="9005")
    with pytest.raises(Http404):
        get_for_user(Area.objects.all(), district_chief, code="9999")
    assert get_for_user(Area.objects.all(), district_chief, code="570301").name_th == "เวียง"


def test_read_only_role_cannot_write():
    assert not scope_for(make_user("ministry_viewer")).can_write
    assert scope_for(make_user("field_worker", "570301")).can_write
