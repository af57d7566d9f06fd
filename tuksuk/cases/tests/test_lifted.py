"""A household counts as lifted when all its stories are solved with a sustainable (มิติยาไทย) action."""

import datetime as dt

import pytest

from tuksuk.cases import services
from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.households.models import Household
from tuksuk.indicators.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


def lifted():
    return set(Household.objects.lifted().values_list("house_code", flat=True))


def test_immediate_relief_alone_does_not_lift(place):
    admin = make_user("ministry_admin")
    services.change_status(place.story, "in_progress", actor=admin)
    services.change_status(place.story, "resolved", actor=admin)
    assert lifted() == set()


def test_sustainable_fix_on_every_story_lifts_the_household(place):
    admin = make_user("ministry_admin")
    services.record_action(
        place.story, actor=admin, done_on=dt.date(2022, 9, 5), description="สร้างบ้านใหม่", dimension="sustainable"
    )
    services.change_status(place.story, "in_progress", actor=admin)
    services.change_status(place.story, "resolved", actor=admin)
    assert lifted() == {place.household.house_code}
    assert place.household.is_lifted
    # A new problem on the same household: not lifted any more until it is solved too.
    second = services.record_story(place.household, actor=admin, category=Category.objects.get(pk=4))
    assert lifted() == set()
    services.change_status(second, "rejected", actor=admin, note="ไม่ใช่ปัญหาที่โครงการรับ")
    assert lifted() == {place.household.house_code}


def test_household_without_stories_is_not_lifted(place):
    from tuksuk.households.services import register_household

    empty = register_household(
        actor=make_user("ministry_admin"),
        village_code=place.village.code,
        house_code="57030101999",
        head_name="นางไม่มีเรื่อง",
    )
    assert empty.house_code not in lifted()
