import pytest

from tuksuk.core.testing import make_user
from tuksuk.core.testing_world import build_place
from tuksuk.privacy import services


@pytest.fixture
def place(settings, tmp_path):  # type: ignore[no-untyped-def]
    """อำเภอเชียงของ (5703): a household with a member whose citizen ID is known, a story, an action, a photo."""
    settings.MEDIA_ROOT = tmp_path
    return build_place("5703", "570301")


@pytest.fixture
def other_place(place):  # type: ignore[no-untyped-def]
    return build_place("9005", "900501")


@pytest.fixture
def team(db):  # type: ignore[no-untyped-def]
    return make_user("district_team", "5703")


@pytest.fixture
def chief(db):  # type: ignore[no-untyped-def]
    return make_user("district_chief", "5703")


@pytest.fixture
def record(team):  # type: ignore[no-untyped-def]
    """``record(place, kind)``: a request recorded by the district team of เชียงของ (or the place's ministry)."""

    def make(place, kind="access", **extra):  # type: ignore[no-untyped-def]
        actor = team if place.district == "5703" else make_user("district_team", place.district)
        return services.record_request(
            place.household,
            actor=actor,
            kind=kind,
            subject_name="นายทดสอบ ผู้ยื่น",
            identity_document="id_card",
            **extra,
        )

    return make
